package dev.unravel.sigma.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(d).containsEntry("EventID", 1).containsEntry("Channel", "Microsoft-Windows-Sysmon/Operational")
                .containsEntry("Provider_Name", "Microsoft-Windows-Sysmon").containsEntry("Provider_Guid", "{5770385F}")
                .containsEntry("TimeCreated", "2019-03-19T23:43:33.574542Z")
                .containsEntry("TimeCreated_SystemTime", "2019-03-19T23:43:33.574542Z")
                .containsEntry("Execution_ProcessID", 1980).containsEntry("ProcessID", 1980)
                .containsEntry("ThreadID", 2080).containsEntry("Security_UserID", "S-1-5-18")
                .containsEntry("UserID", "S-1-5-18").containsEntry("Correlation", null)
                .containsEntry("Image", "C:\\Windows\\System32\\cmd.exe").containsEntry("ProcessId", 7);
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
        assertThat(d).containsEntry("EventID", 4688).containsEntry("EventID_Qualifiers", 16384)
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
                .containsEntry("ClientProcessId", 9).doesNotContainKey("#attributes");
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

    private static List<Event> stream(String text) throws java.io.IOException {
        List<Event> out = new java.util.ArrayList<>();
        EvtxJson.forEach(new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "s.json", out::add);
        return out;
    }

    @Test
    void aStreamReadsEveryRecord_whicheverParserTakesIt() throws Exception {
        // 300 records of ~1 KiB cross the 64 KiB read buffer several times; one in seven holds an
        // integer too big for the byte parser (Jackson reads it), one is larger than the buffer,
        // one has escapes and non-ASCII text
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            String extra = i % 7 == 3 ? "\"Big\": 123456789012345678901234, "
                    : i == 152 ? "\"Long\": \"" + "x".repeat(100_000) + "\", "
                    : i == 151 ? "\"Esc\": \"a\\u00e9\\\"b \u00fc\", " : "";
            text.append(SYSMON_1.replace("\"Image\":", extra + "\"Seq\": " + i + ", \"Image\":")).append(i % 2 == 0 ? "\n" : " ");
        }
        List<Event> events = stream(text.toString());
        assertThat(events).hasSize(300);
        for (int i = 0; i < 300; i++) {
            Event e = events.get(i);
            assertThat(e.document()).containsEntry("Seq", i).containsEntry("CommandLine", "cmd /c whoami");
            assertThat(e.origin().record()).isEqualTo(i + 1);
        }
        assertThat(events.get(3).document().get("Big")).isEqualTo(new java.math.BigInteger("123456789012345678901234"));
        assertThat((String) events.get(152).document().get("Long")).hasSize(100_000);
        assertThat(events.get(151).document()).containsEntry("Esc", "a\u00e9\"b \u00fc");
        // the byte parser and Jackson build the same event from the same bytes
        Event fast = events.get(2);
        Event viaJackson = events.get(3);
        Map<String, Object> d = new java.util.LinkedHashMap<>(viaJackson.document());
        d.remove("Big");
        d.put("Seq", 2);
        assertThat(d).isEqualTo(fast.document());
        assertThat(List.copyOf(d.keySet())).isEqualTo(List.copyOf(fast.document().keySet()));
    }

    @Test
    void aBrokenStreamSaysWhichRecordAndWhere() {
        String one = "{\"Event\": {\"System\": {\"EventID\": 1, \"Channel\": \"Security\"}}}\n";
        assertThatThrownBy(() -> stream(one + "{\"Event\": {\"System\": tru}}"))
                .hasMessageContaining("s.json#2").hasMessageContaining("invalid JSON at byte")
                .hasMessageContaining("Unrecognized token 'tru'");
        assertThatThrownBy(() -> stream(one + one + "{\"Event\": "))
                .hasMessageContaining("s.json#3").hasMessageContaining("ends inside the record that starts at byte "
                        + 2 * one.length());
        assertThatThrownBy(() -> stream(one + "[1, 2]"))
                .hasMessageContaining("s.json#2: expected a JSON object, found START_ARRAY");
    }

    @Test
    void recordsFlattenedWhileTheyStream_areTheEventsOfTheirTrees() throws Exception {
        // every shape the streaming flattening takes or hands to the tree: repeated names at each
        // level, UserData, Data lists and objects, nested values, odd System elements, text after
        String sys = "\"System\": {\"Provider\": {\"#attributes\": {\"Name\": \"P\", \"Guid\": \"{G}\"}}, \"EventID\": 4688,"
                + " \"Channel\": \"Security\", \"Computer\": \"H\","
                + " \"TimeCreated\": {\"#attributes\": {\"SystemTime\": \"2024-01-02T03:04:05.5Z\"}},"
                + " \"Execution\": {\"#attributes\": {\"ProcessID\": 4, \"ThreadID\": 8}}, \"Correlation\": null}";
        List<String> records = List.of(
                "{\"Event\": {" + sys + ", \"EventData\": {\"NewProcessName\": \"C:\\\\a.exe\", \"Channel\": \"mine\"}}}",
                "{\"Event\": {\"EventData\": {\"A\": 1, \"A\": 2, \"B\": [1, {\"c\": null}], \"D\": {}}, " + sys + "}}",
                "{\"Event\": {" + sys + ", \"EventData\": {\"Data\": [{\"#attributes\": {\"Name\": \"N M\"}, \"#text\": \"v\"}, \"p\"]}}}",
                "{\"Event\": {" + sys + ", \"EventData\": {\"Data\": {\"Name\": \"X\", \"Value\": 3}}}}",
                "{\"Event\": {" + sys + ", \"EventData\": {\"Data\": 5, \"Data\": [\"q\"]}}}",
                "{\"Event\": {" + sys + ", \"EventData\": [\"a\", {\"Name\": \"B\", \"#text\": 2}]}}",
                "{\"Event\": {" + sys + ", \"EventData\": {\"#attributes\": {\"x\": 1}, \"K\": true}, \"EventData\": {\"L\": false}}}",
                "{\"Event\": {" + sys + ", " + sys + ", \"EventData\": {\"K\": 1}}}",
                "{\"Event\": {\"EventData\": {\"K\": 1}}, \"Event\": {" + sys + "}}",
                "{\"Event\": {" + sys + ", \"UserData\": {\"Op\": {\"#attributes\": {}, \"Id\": 1, \"Id\": 2, \"Z\": null}}}}",
                "{\"Event\": {\"System\": {\"EventID\": {\"#text\": 1, \"#text\": 2}, \"Channel\": \"Security\"}}}",
                "{\"Event\": {\"System\": {\"EventID\": {\"#attributes\": {\"Q\": 1}, \"#attributes\": {\"R\": 2}}}}}",
                "{\"Event\": {\"System\": {\"EventID\": {\"#attributes\": {\"Q\": 1, \"Q\": 3}, \"#text\": 7, \"x\": [1]}}}}",
                "{\"Event\": {\"System\": {\"EventID\": 1, \"EventID\": {\"#attributes\": {\"Q\": 1}}}}}",
                "{\"Event\": {\"System\": {\"Security\": {\"#attributes\": \"odd\"}, \"Level\": [1, 2]}, \"Other\": {\"a\": [{}]}}}",
                "{\"Event\": 5, \"x\": {\"Event\": {}}}",
                "{\"Event\": {" + sys + "}} {\"Event\": {}}",
                "{}");
        for (String r : records) {
            byte[] b = r.getBytes(StandardCharsets.UTF_8);
            Event streamed = EvtxJson.parse(b, "t", 3);
            Event tree = EvtxJson.viaTree(b, "t", 3);
            assertThat(streamed.document()).as(r).isEqualTo(tree.document());
            assertThat(List.copyOf(streamed.document().keySet())).as(r).isEqualTo(List.copyOf(tree.document().keySet()));
            assertThat(streamed.envelope()).as(r).isEqualTo(tree.envelope());
        }
    }

    @Test
    void aBrokenFileAlsoSaysTheLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path f = dir.resolve("broken.json");
        java.nio.file.Files.writeString(f, "{\"Event\": {\"System\": {\"EventID\": 1}}}\n{\n  \"Event\":\n  {\"System\": nul}\n}\n");
        assertThatThrownBy(() -> EvtxJson.read(f)).hasMessageContaining("broken.json#2: invalid JSON at byte")
                .hasMessageEndingWith("(line 4)");
    }
}
