package dev.unravel.ingest.format.windows;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.ReaderHarness;
import java.io.IOException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FlatWindowsJsonReaderTest {

    private final FlatWindowsJsonReader reader = new FlatWindowsJsonReader();

    @Test
    void panther_windows_event_logs_sample_reads_every_record_as_security_4688() throws IOException {
        ReaderHarness.Result r = ReaderHarness.read(reader, SharedData.vendorRecords("Windows_EventLogs.ndjson"));
        assertThat(r.records()).isEqualTo(2);
        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2024-01-15T10:30:45Z"));
        assertThat(e.source()).isEqualTo("windows");
        assertThat(e.type()).isEqualTo("security.4688");
        assertThat(e.logSource()).isEqualTo(LogSource.of("windows", "process_creation", "security"));
        assertThat(e.user()).isEqualTo("CORP\\jdoe");
        assertThat(e.host()).isEqualTo("WIN-WORKSTATION-01");
        assertThat(e.sourceIp()).isNull();
        assertThat(e.document())
                .containsEntry("EventID", 4688)
                .containsEntry("Provider_Name", "Microsoft-Windows-Security-Auditing")
                .containsEntry("TimeCreated", "2024-01-15 10:30:45 +0000")
                .containsEntry("EventRecordID", "12345678")
                .containsEntry("UserID", "S-1-5-21-123456789-123456789-123456789-1001")
                .containsEntry("Image", "C:\\Users\\jdoe\\Downloads\\mimikatz.exe")
                .containsEntry("ParentImage", "C:\\Windows\\System32\\cmd.exe")
                .containsEntry("CommandLine", "mimikatz.exe privilege::debug sekurlsa::logonpasswords")
                .containsEntry("ProcessId", "0x1234").containsEntry("ParentProcessId", "0x5678")
                .containsEntry("MessageTitle", "A new process has been created")
                .doesNotContainKeys("ExtraEventData", "p_log_type", "p_event_time", "ProviderName");
        assertThat(r.events().get(1).time()).isEqualTo(Instant.parse("2024-01-15T09:00:00Z"));
    }

    @Test
    void a_fluent_bit_record_with_event_data_reads_and_near_misses_are_rejected() {
        String text = """
                {"ProviderName":"Microsoft-Windows-Security-Auditing","EventID":4624,"TimeCreated":"2026-03-02 08:01:02 +0900","Channel":"Security","Computer":"LT-7","EventData":{"TargetUserName":"jkim","TargetDomainName":"NORTHWIND","IpAddress":"198.51.100.20","LogonType":"10"}}
                {"ProviderName":"Microsoft-Windows-Security-Auditing","EventID":4624,"Channel":"Security","Computer":"LT-7"}
                {"ProviderName":"Microsoft-Windows-Security-Auditing","EventID":"x","TimeCreated":"2026-03-02 08:01:02 +0900"}
                {"EventID":4624,"TimeCreated":"2026-03-02 08:01:02 +0900","Channel":"Security","ExtraEventData":"flat text"}
                """;
        ReaderHarness.Result r = ReaderHarness.read(reader, "fb.json", text);
        assertThat(r.records()).isEqualTo(4);
        assertThat(r.events()).hasSize(1);
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-01T23:01:02Z"));
        assertThat(e.user()).isEqualTo("NORTHWIND\\jkim");
        assertThat(e.sourceIp()).isEqualTo("198.51.100.20");
        assertThat(r.errors()).extracting(x -> x.field() + ": " + x.reason()).containsExactly(
                "TimeCreated: is missing: the record has no timestamp",
                "EventID: is not an event id: \"x\"",
                "ExtraEventData: is not an object of named fields: \"flat text\"");
    }

    @Test
    void a_value_that_reads_system_or_event_does_not_hide_a_flat_record_from_the_probes() {
        // SYSTEM processes log "IntegrityLevel": "System"; the probes once took that word for
        // evtx_dump's System element, and the record was rejected as evtx_dump without "Event"
        String line = "{\"EventID\":1,\"TimeCreated\":\"2024-01-15 10:30:45 +0000\",\"Channel\":"
                + "\"Microsoft-Windows-Sysmon/Operational\",\"Computer\":\"WIN-1\",\"ProviderName\":"
                + "\"Microsoft-Windows-Sysmon\",\"EventRecordID\":\"7\",\"EventData\":{\"Image\":"
                + "\"C:\\\\Windows\\\\System32\\\\svchost.exe\",\"IntegrityLevel\":\"System\",\"Description\":\"Event\"}}\n";
        assertThat(reader.probe(EndpointProbes.sample("win.json", line))).isGreaterThanOrEqualTo(70);
        assertThat(new EvtxJsonReader().probe(EndpointProbes.sample("win.json", line))).isZero();
        Event e = ReaderHarness.read(reader, "win.json", line).events().get(0);
        assertThat(e.logSource()).isEqualTo(LogSource.of("windows", "process_creation", "sysmon"));
        assertThat(e.document()).containsEntry("IntegrityLevel", "System");
        // evtx_dump records, one line or pretty, still go to their own reader
        assertThat(reader.probe(EndpointProbes.sample("s.json", EvtxJsonReaderTest.SYSMON_1))).isZero();
        assertThat(new EvtxJsonReader().probe(EndpointProbes.sample("s.json", EvtxJsonReaderTest.SYSMON_1)))
                .isGreaterThanOrEqualTo(90);
    }
}
