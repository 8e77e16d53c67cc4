package dev.unravel.sigma.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.FieldMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The flat document EvtxJson builds from evtx_dump JSON: System flattened, EventData at the top level. */
class EvtxJsonDocumentTest {

    private static Event parse(String json) {
        return EvtxJson.parse(json.getBytes(StandardCharsets.UTF_8), "t.json", 1);
    }

    private static final String SYSMON_1 = """
            {"Event": {"#attributes": {"xmlns": "x"},
              "System": {"Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon", "Guid": "{5770385F}"}},
                "EventID": 1, "Version": 5, "Level": 4, "Task": 1, "Opcode": 0, "Keywords": "0x8000000000000000",
                "TimeCreated": {"#attributes": {"SystemTime": "2019-03-19T23:43:33.574542Z"}},
                "EventRecordID": 42, "Correlation": null,
                "Execution": {"#attributes": {"ProcessID": 1980, "ThreadID": 2080}},
                "Channel": "Microsoft-Windows-Sysmon/Operational", "Computer": "PC01",
                "Security": {"#attributes": {"UserID": "S-1-5-18"}}},
              "EventData": {"Image": "C:\\\\Windows\\\\System32\\\\cmd.exe", "CommandLine": "cmd /c whoami",
                "User": "CORP\\\\alice", "ProcessId": 7}}}
            """;

    @Test
    void systemIsFlattenedBesideEventData() {
        Event e = parse(SYSMON_1);
        Map<String, Object> d = e.document();
        assertThat(d).isInstanceOf(FieldMap.class);
        assertThat(d).containsEntry("EventID", 1L).containsEntry("Channel", "Microsoft-Windows-Sysmon/Operational")
                .containsEntry("Provider_Name", "Microsoft-Windows-Sysmon").containsEntry("Provider_Guid", "{5770385F}")
                .containsEntry("TimeCreated", "2019-03-19T23:43:33.574542Z")
                .containsEntry("TimeCreated_SystemTime", "2019-03-19T23:43:33.574542Z")
                .containsEntry("Execution_ProcessID", 1980L).containsEntry("ProcessID", 1980L)
                .containsEntry("ThreadID", 2080L).containsEntry("Security_UserID", "S-1-5-18")
                .containsEntry("UserID", "S-1-5-18").containsEntry("Correlation", null)
                .containsEntry("Image", "C:\\Windows\\System32\\cmd.exe").containsEntry("ProcessId", 7L);
        // EventData first, in the record's order, then System's fields
        assertThat(List.copyOf(d.keySet()).subList(0, 4)).containsExactly("Image", "CommandLine", "User", "ProcessId");
        assertThat(e.logSource().category()).isEqualTo("process_creation");
        assertThat(e.user()).isEqualTo("CORP\\alice");
        assertThat(e.host()).isEqualTo("PC01");
    }

    @Test
    void systemWinsANameEventDataAlsoUses_andTextAndAttributesOfOneElementBothCount() {
        Event e = parse("""
                {"Event": {"System": {"EventID": {"#attributes": {"Qualifiers": 16384}, "#text": 4688},
                    "Channel": "Security", "Computer": "DC1", "Extra": {"ignored": 1, "#text": "kept"}},
                  "EventData": {"Channel": "from EventData", "NewProcessName": "C:\\\\x.exe",
                    "ParentProcessName": "C:\\\\p.exe", "Image": "already there"}}}
                """);
        Map<String, Object> d = e.document();
        assertThat(d).containsEntry("EventID", 4688L).containsEntry("EventID_Qualifiers", 16384L)
                .containsEntry("Channel", "Security").containsEntry("Extra", "kept").doesNotContainKey("ignored");
        // Security 4688: ParentImage aliased, an Image the record has is kept
        assertThat(d).containsEntry("ParentImage", "C:\\p.exe").containsEntry("Image", "already there");
    }

    @Test
    void dataListsAndUserData() {
        Event list = parse("""
                {"Event": {"System": {"EventID": 7, "Channel": "Application"},
                  "EventData": {"Data": [{"#attributes": {"Name": "Param One"}, "#text": "a"}, "plain", {"#text": "t"}]}}}
                """);
        assertThat(list.document()).containsEntry("ParamOne", "a").containsEntry("Data1", "plain")
                .containsEntry("Data2", "t");

        Event user = parse("""
                {"Event": {"System": {"EventID": 5858, "Channel": "Microsoft-Windows-WMI-Activity/Operational"},
                  "UserData": {"Operation_ClientFailure": {"#attributes": {"xmlns": "y"}, "Id": "{1}", "Id ": "dup",
                    "Operation": "Start", "ClientProcessId": 9}}}}
                """);
        // UserData's fields go to the top level, the first of a name kept
        assertThat(user.document()).containsEntry("Id", "{1}").containsEntry("Operation", "Start")
                .containsEntry("ClientProcessId", 9L).doesNotContainKey("#attributes");
    }

    @Test
    void aFieldGivenTwiceKeepsItsLastValue() {
        Event e = parse("""
                {"Event": {"System": {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational"},
                  "EventData": {"Image": "first", "Image": "second"}}}
                """);
        assertThat(e.document()).containsEntry("Image", "second");
        assertThat(e.document().keySet().stream().filter("Image"::equals)).hasSize(1);
    }
}
