package dev.unravel.ingest.format.windows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvtxJsonReaderTest {

    private final EvtxJsonReader reader = new EvtxJsonReader();

    @TempDir
    static Path simulated;

    @BeforeAll
    static void simulate() throws IOException {
        new Simulator(new SimConfig(60, 3, 7, 3, LocalDate.of(2026, 3, 2), simulated, false), Simulator.Progress.NONE).run();
    }

    /** A Sysmon 1 exactly as evtx_dump writes it (pretty, with #attributes). */
    static final String SYSMON_1 = """
            {
              "Event": {
                "#attributes": {"xmlns": "http://schemas.microsoft.com/win/2004/08/events/event"},
                "System": {
                  "Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon", "Guid": "5770385F-C22A-43E0-BF4C-06F5698FFBD9"}},
                  "EventID": 1, "Version": 5, "Level": 4, "Task": 1, "Opcode": 0, "Keywords": "0x8000000000000000",
                  "TimeCreated": {"#attributes": {"SystemTime": "2026-03-03T01:12:44.123456Z"}},
                  "EventRecordID": 48211, "Correlation": null,
                  "Execution": {"#attributes": {"ProcessID": 3208, "ThreadID": 1724}},
                  "Channel": "Microsoft-Windows-Sysmon/Operational", "Computer": "LT-0042.corp.northwind.example",
                  "Security": {"#attributes": {"UserID": "S-1-5-18"}}
                },
                "EventData": {
                  "RuleName": "-", "UtcTime": "2026-03-03 01:12:44.120", "ProcessGuid": "0197231E-C424-69E1-C922-000000000800",
                  "ProcessId": 7716, "Image": "C:\\\\Program Files (x86)\\\\AnyDesk\\\\AnyDesk.exe",
                  "CommandLine": "\\"C:\\\\Program Files (x86)\\\\AnyDesk\\\\AnyDesk.exe\\" --control",
                  "User": "NORTHWIND\\\\jkim", "ParentImage": "C:\\\\Windows\\\\explorer.exe", "IntegrityLevel": "Medium"
                }
              }
            }
            """;

    @Test
    void sysmon_process_creation_lands_in_the_envelope_with_sigma_field_names() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "sysmon.json", SYSMON_1);
        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-03T01:12:44.123456Z"));
        assertThat(e.source()).isEqualTo("windows");
        assertThat(e.type()).isEqualTo("sysmon.1");
        assertThat(e.logSource()).isEqualTo(LogSource.of("windows", "process_creation", "sysmon"));
        assertThat(e.user()).isEqualTo("NORTHWIND\\jkim");
        assertThat(e.host()).isEqualTo("LT-0042.corp.northwind.example");
        assertThat(e.sourceIp()).isNull();
        Map<String, Object> doc = e.document();
        assertThat(doc).containsEntry("EventID", 1)
                .containsEntry("Channel", "Microsoft-Windows-Sysmon/Operational")
                .containsEntry("Provider_Name", "Microsoft-Windows-Sysmon")
                .containsEntry("Provider_Guid", "5770385F-C22A-43E0-BF4C-06F5698FFBD9")
                .containsEntry("TimeCreated", "2026-03-03T01:12:44.123456Z")
                .containsEntry("ProcessID", 3208).containsEntry("ThreadID", 1724)
                .containsEntry("UserID", "S-1-5-18").containsEntry("EventRecordID", 48211)
                .containsEntry("Image", "C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe")
                .containsEntry("ProcessId", 7716).containsEntry("IntegrityLevel", "Medium");
        assertThat(doc).doesNotContainKeys("Event", "System", "EventData");
        assertThat(e.origin().record()).isEqualTo(1);
    }

    @Test
    void security_4688_gets_sigma_process_creation_aliases_next_to_its_own_fields() {
        String doc = """
                {"Event": {"System": {
                  "Provider": {"#attributes": {"Name": "Microsoft-Windows-Security-Auditing", "Guid": "54849625-5478-4994-A5BA-3E3B0328C30D"}},
                  "EventID": 4688, "Version": 2, "Level": 0, "Task": 13312, "Opcode": 0, "Keywords": "0x8020000000000000",
                  "TimeCreated": {"#attributes": {"SystemTime": "2026-03-02T14:03:11.5041233Z"}}, "EventRecordID": 90211,
                  "Execution": {"#attributes": {"ProcessID": 4, "ThreadID": 8812}}, "Channel": "Security", "Computer": "LT-0042"},
                 "EventData": {"SubjectUserSid": "S-1-5-21-1-2-3-1104", "SubjectUserName": "jkim", "SubjectDomainName": "NORTHWIND",
                  "SubjectLogonId": "0x5a2f1", "NewProcessId": "0x1e24", "NewProcessName": "C:\\\\Windows\\\\System32\\\\whoami.exe",
                  "TokenElevationType": "%%1938", "ProcessId": "0x2b0c", "CommandLine": "whoami /all",
                  "TargetUserSid": "S-1-0-0", "TargetUserName": "-", "TargetDomainName": "-", "TargetLogonId": "0x0",
                  "ParentProcessName": "C:\\\\Windows\\\\System32\\\\cmd.exe", "MandatoryLabel": "S-1-16-8192"}}}
                """;
        Event e = ReaderHarness.read(reader, "security.json", doc).events().get(0);
        assertThat(e.type()).isEqualTo("security.4688");
        assertThat(e.logSource()).isEqualTo(LogSource.of("windows", "process_creation", "security"));
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T14:03:11.5041233Z"));
        assertThat(e.user()).isEqualTo("NORTHWIND\\jkim");
        assertThat(e.document())
                .containsEntry("Image", "C:\\Windows\\System32\\whoami.exe")
                .containsEntry("NewProcessName", "C:\\Windows\\System32\\whoami.exe")
                .containsEntry("ParentImage", "C:\\Windows\\System32\\cmd.exe")
                .containsEntry("CommandLine", "whoami /all")
                .containsEntry("User", "NORTHWIND\\jkim")
                .containsEntry("LogonId", "0x5a2f1")
                .containsEntry("ProcessId", "0x1e24")
                .containsEntry("ParentProcessId", "0x2b0c")
                .containsEntry("IntegrityLevel", "Medium");
    }

    @Test
    void data_lists_user_data_and_xmltodict_attributes_are_flattened_too() {
        String doc = """
                {"Event": {"System": {"Provider": {"@Name": "Microsoft-Windows-Security-Auditing"},
                  "EventID": {"@Qualifiers": "", "#text": "4624"},
                  "TimeCreated": {"@SystemTime": "2026-03-02 09:15:00.250"}, "Channel": "Security", "Computer": "DC01"},
                 "EventData": {"Data": [
                   {"@Name": "SubjectUserName", "#text": "DC01$"}, {"@Name": "SubjectDomainName", "#text": "NORTHWIND"},
                   {"@Name": "TargetUserName", "#text": "jkim"}, {"@Name": "TargetDomainName", "#text": "NORTHWIND"},
                   {"@Name": "LogonType", "#text": "10"}, {"@Name": "IpAddress", "#text": "203.0.113.77"}]}}}
                {"Event": {"System": {"Provider": {"#attributes": {"Name": "Microsoft-Windows-Eventlog"}}, "EventID": 1102,
                  "TimeCreated": {"#attributes": {"SystemTime": "2026-03-02T09:20:00Z"}}, "Channel": "Security", "Computer": "DC01"},
                 "UserData": {"LogFileCleared": {"#attributes": {"xmlns": "http://manifests.microsoft.com/win/2004/08/windows/eventlog"},
                   "SubjectUserSid": "S-1-5-21-1-2-3-500", "SubjectUserName": "admin", "SubjectDomainName": "NORTHWIND"}}}}
                {"Event": {"System": {"Provider": {"#attributes": {"Name": "Service Control Manager"}}, "EventID": 7036,
                  "TimeCreated": {"#attributes": {"SystemTime": "2026-03-02T09:21:00Z"}}, "Channel": "System", "Computer": "DC01"},
                 "EventData": {"Data": ["Windows Update", "running"], "Binary": "770075"}}}
                """;
        ReaderHarness.Result r = ReaderHarness.read(reader, "mixed.json", doc);
        assertThat(r.errors()).isEmpty();
        Event logon = r.events().get(0);
        assertThat(logon.type()).isEqualTo("security.4624");
        assertThat(logon.logSource()).isEqualTo(LogSource.of("windows", null, "security"));
        assertThat(logon.user()).isEqualTo("NORTHWIND\\jkim");
        assertThat(logon.sourceIp()).isEqualTo("203.0.113.77");
        assertThat(logon.time()).isEqualTo(Instant.parse("2026-03-02T09:15:00.250Z"));
        assertThat(logon.document()).containsEntry("EventID", 4624).containsEntry("LogonType", "10")
                .containsEntry("Provider_Name", "Microsoft-Windows-Security-Auditing");
        Event cleared = r.events().get(1);
        assertThat(cleared.type()).isEqualTo("security.1102");
        assertThat(cleared.user()).isEqualTo("NORTHWIND\\admin");
        assertThat(cleared.document()).containsEntry("SubjectUserName", "admin").doesNotContainKey("xmlns");
        Event scm = r.events().get(2);
        assertThat(scm.type()).isEqualTo("system.7036");
        assertThat(scm.document()).containsEntry("param1", "Windows Update").containsEntry("param2", "running")
                .containsEntry("Binary", "770075");
    }

    @Test
    void sysmon_12_is_registry_add_or_delete_by_its_event_type_and_a_channel_is_known_by_its_provider() {
        String doc = """
                {"Event": {"System": {"Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon"}}, "EventID": 12,
                  "TimeCreated": {"#attributes": {"SystemTime": "2026-03-02T09:21:00Z"}}, "Computer": "LT-1"},
                 "EventData": {"EventType": "DeleteKey", "TargetObject": "HKLM\\\\SOFTWARE\\\\Foo"}}}
                """;
        Event e = ReaderHarness.read(reader, "reg.json", doc).events().get(0);
        assertThat(e.logSource()).isEqualTo(LogSource.of("windows", "registry_delete", "sysmon"));
        assertThat(e.type()).isEqualTo("sysmon.12");
    }

    @Test
    void data_names_lose_their_spaces_as_sigma_rules_write_them() {
        // Defender 1116/1119 name their data with spaces; rules ask for ThreatName, ProcessName, …
        String doc = """
                {"Event": {"System": {"Provider": {"#attributes": {"Name": "Microsoft-Windows-Windows Defender"}},
                  "EventID": 1119, "Channel": "Microsoft-Windows-Windows Defender/Operational",
                  "TimeCreated": {"#attributes": {"SystemTime": "2026-04-17T04:14:33Z"}}, "Computer": "LT-1"},
                 "EventData": {"Threat Name": "Tool:Win32/EICAR_Test_File", "Source Name": "Real-Time Protection",
                   "Process Name": "C:\\\\Users\\\\a\\\\RedSun.exe", "Product Version": "4.18"}}}
                """;
        Event e = ReaderHarness.read(reader, "defender.json", doc).events().get(0);
        assertThat(e.logSource()).isEqualTo(LogSource.of("windows", null, "windefend"));
        assertThat(e.document()).containsEntry("ThreatName", "Tool:Win32/EICAR_Test_File")
                .containsEntry("SourceName", "Real-Time Protection").containsEntry("ProcessName", "C:\\Users\\a\\RedSun.exe")
                .containsEntry("ProductVersion", "4.18").doesNotContainKey("Threat Name");
    }

    @Test
    void records_without_event_id_or_time_or_of_another_shape_are_rejected_with_the_field_named() {
        String text = """
                {"Event": {"System": {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational"}, "EventData": {}}}
                {"Event": {"System": {"EventID": 1, "TimeCreated": {"#attributes": {"SystemTime": "yesterday"}}}}}
                {"Event": {"System": {"EventID": "one", "TimeCreated": {"#attributes": {"SystemTime": "2026-03-02T09:21:00Z"}}}}}
                {"Event": {"EventData": {"Image": "x"}}}
                {"eventType": "user.session.start", "published": "2026-03-02T09:21:00Z"}
                {"Event": "text"}
                {"Event": {"System": {"EventID": 99999, "TimeCreated": {"#attributes": {"SystemTime": "2026-03-02T09:21:00Z"}}}}}
                """;
        ReaderHarness.Result r = ReaderHarness.read(reader, "bad.json", text);
        assertThat(r.records()).isEqualTo(7);
        assertThat(r.events()).isEmpty();
        assertThat(r.errors()).extracting(e -> e.field() + ": " + e.reason()).containsExactly(
                "Event.System.TimeCreated.#attributes.SystemTime: is missing: the record has no timestamp",
                "Event.System.TimeCreated.#attributes.SystemTime: is not a timestamp: \"yesterday\"",
                "Event.System.EventID: is not an event id: \"one\"",
                "Event.System: is missing",
                "Event: is missing: not an evtx_dump record",
                "Event: is not an object: \"text\"",
                "Event.System.EventID: is not an event id (0 to 65535): 99999");
        assertThat(r.errors()).extracting(e -> e.record()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    }

    @Test
    void a_pretty_file_cut_inside_its_second_document_keeps_the_first_and_rejects_the_second_once() {
        String two = SYSMON_1 + SYSMON_1;
        String cut = two.substring(0, SYSMON_1.length() + SYSMON_1.indexOf("AnyDesk") + 3); // inside a string
        ReaderHarness.Result r = ReaderHarness.read(reader, "cut.json", cut);
        assertThat(r.records()).isEqualTo(2);
        assertThat(r.events()).hasSize(1);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.record()).isEqualTo(2);
            assertThat(e.reason()).startsWith("is not valid JSON, so the rest of the file cannot be read");
        });
    }

    @Test
    void simulated_sysmon_reads_with_zero_rejections_and_every_record_counted() throws IOException {
        Map<String, Long> expected = simulatedCounts("windows/sysmon-");
        assertThat(expected).hasSize(3);
        long events = 0;
        Map<String, Long> types = new HashMap<>();
        for (Map.Entry<String, Long> f : expected.entrySet()) {
            ReaderHarness.Result r = ReaderHarness.read(reader, simulated.resolve(f.getKey()));
            assertThat(r.errors()).as(f.getKey()).isEmpty();
            assertThat(r.records()).as(f.getKey()).isEqualTo(f.getValue());
            assertThat(r.events()).hasSize(f.getValue().intValue());
            for (Event e : r.events()) {
                types.merge(e.type(), 1L, Long::sum);
                assertThat(e.host()).contains(".corp.");
                assertThat(e.user()).startsWith("NORTHWIND\\");
                assertThat(e.logSource().category()).isIn("process_creation", "network_connection");
                if (e.type().equals("sysmon.3")) {
                    assertThat(e.sourceIp()).isNotNull();
                    assertThat(e.document()).containsKeys("DestinationIp", "DestinationPort", "Image");
                } else {
                    assertThat(e.document()).containsKeys("Image", "CommandLine", "ParentImage", "Hashes");
                }
            }
            events += r.events().size();
        }
        assertThat(types.keySet()).containsExactlyInAnyOrder("sysmon.1", "sysmon.3");
        assertThat(events).isEqualTo(expected.values().stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void probe_claims_evtx_json_and_not_the_simulated_other_sources() throws IOException {
        assertThat(reader.probe(EndpointProbes.sample("sysmon.json", SYSMON_1))).isGreaterThanOrEqualTo(90);
        try (Stream<Path> files = Files.walk(simulated)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                int score = reader.probe(EndpointProbes.sample(f));
                if (simulated.relativize(f).toString().startsWith("windows")) {
                    assertThat(score).as(f.toString()).isGreaterThanOrEqualTo(90);
                } else {
                    assertThat(score).as(f.toString()).isZero();
                }
            }
        }
    }

    /** File → records, from the simulator's manifest. */
    static Map<String, Long> simulatedCounts(String prefix) throws IOException {
        Map<String, Long> files = new HashMap<>();
        try (JsonParser p = new JsonFactory().createParser(simulated.resolve("simulation.json").toFile())) {
            boolean inFiles = false;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals("files")) {
                    inFiles = true;
                    p.nextToken();
                } else if (inFiles && t == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.startsWith(prefix)) {
                        files.put(name, p.getLongValue());
                    }
                } else if (inFiles && t == JsonToken.END_OBJECT) {
                    break;
                }
            }
        }
        return files;
    }
}
