package dev.unravel.ingest.format.windows;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.read.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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

    /** OTRF's Empire VBS launcher set: NXLog im_msvistalog records through Logstash, EventTime in the agent's EDT. */
    @Test
    void otrf_nxlog_dataset_reads_every_record_in_utc_on_the_events_machine() throws IOException {
        Path zip = SharedData.require().resolve("data/vendor-samples/otrf/empire_launcher_vbs.zip");
        List<Event> events = new ArrayList<>();
        List<FileSummary> files = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 1).run(List.of(zip));
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.format()).isEqualTo("windows-flat-json");
            assertThat(f.records()).isEqualTo(2_067);
            assertThat(f.quarantined()).isZero();
        });
        Event first = events.stream().filter(e -> e.document().get("EventRecordID").equals(66936)).findFirst()
                .orElseThrow();
        // EventTime 16:09:38 local; EventReceivedTime 16:09:40 local = @timestamp 20:09:40.845Z: the zone is -04:00
        assertThat(first.time()).isEqualTo(Instant.parse("2020-09-04T20:09:38Z"));
        assertThat(first.host()).isEqualTo("WORKSTATION5.theshire.local"); // Hostname, not Logstash's host
        assertThat(first.type()).isEqualTo("security.5158");
        assertThat(first.document()).containsEntry("Provider_Name", "Microsoft-Windows-Security-Auditing")
                .containsEntry("Channel", "Security").containsEntry("ProcessID", 4)
                .containsEntry("Application", "\\device\\harddiskvolume2\\windowsazure\\guestagent_2.7.41491.993_"
                        + "2020-09-04_183615\\guestagent\\windowsazureguestagent.exe")
                .doesNotContainKeys("@timestamp", "@version", "host", "port", "tags", "SourceModuleType",
                        "EventReceivedTime", "Hostname", "SourceName", "RecordNumber");
        assertThat(events).filteredOn(e -> e.logSource().equals(LogSource.of("windows", "process_creation", "sysmon")))
                .isNotEmpty().allSatisfy(e -> assertThat(e.document()).containsKeys("Image", "CommandLine"));
    }

    @Test
    void nxlog_eventtime_takes_its_zone_from_timestamp_and_received_time_or_else_reads_as_written() {
        String head = "{\"EventID\":4624,\"SourceName\":\"Microsoft-Windows-Security-Auditing\",\"Channel\":"
                + "\"Security\",\"Hostname\":\"LT-7\",\"RecordNumber\":9,\"SourceModuleType\":\"im_msvistalog\","
                + "\"TargetUserName\":\"jkim\",\"TargetDomainName\":\"NORTHWIND\",\"EventTime\":\"2026-03-02 09:00:00\"";
        String text = String.join("\n",
                // an agent in Seoul (+09:00), 5.3 s of pipeline delay
                head + ",\"EventReceivedTime\":\"2026-03-02 09:00:05\",\"@timestamp\":\"2026-03-02T00:00:10.300Z\"}",
                // an agent in Newfoundland (-03:30)
                head + ",\"EventReceivedTime\":\"2026-03-02 09:00:01\",\"@timestamp\":\"2026-03-02T12:30:02Z\"}",
                // no @timestamp: nothing gives the zone, read as written (UTC, as every zoneless time)
                head + ",\"EventReceivedTime\":\"2026-03-02 09:00:01\"}",
                // a day apart: no zone explains it
                head + ",\"EventReceivedTime\":\"2026-03-01 09:00:01\",\"@timestamp\":\"2026-03-02T09:00:01Z\"}",
                head + ",\"EventReceivedTime\":\"yesterday\",\"@timestamp\":\"2026-03-02T09:00:01Z\"}") + "\n";
        ReaderHarness.Result r = ReaderHarness.read(reader, "nx.json", text);
        assertThat(r.records()).isEqualTo(5);
        assertThat(r.events()).extracting(Event::time).containsExactly(Instant.parse("2026-03-02T00:00:00Z"),
                Instant.parse("2026-03-02T12:30:00Z"), Instant.parse("2026-03-02T09:00:00Z"));
        assertThat(r.events().get(0).user()).isEqualTo("NORTHWIND\\jkim");
        assertThat(r.events().get(0).host()).isEqualTo("LT-7");
        assertThat(r.errors()).extracting(x -> x.field() + ": " + x.reason()).containsExactly(
                "EventReceivedTime: is 86400 s from @timestamp, more than any time zone: the time of EventTime cannot be "
                        + "placed",
                "EventReceivedTime: is not a timestamp: \"yesterday\"");
    }

    @Test
    void nxlog_probe_needs_the_event_id_time_and_source_name() {
        String nx = "{\"EventID\":1,\"SourceName\":\"Microsoft-Windows-Sysmon\",\"EventTime\":\"2020-09-04 16:09:38\","
                + "\"Channel\":\"Microsoft-Windows-Sysmon/Operational\",\"RecordNumber\":5}\n";
        assertThat(reader.probe(EndpointProbes.sample("nx.json", nx))).isEqualTo(85);
        assertThat(reader.probe(EndpointProbes.sample("nx.json", nx.replace("\"EventID\"", "\"Id\"")))).isZero();
        assertThat(reader.probe(EndpointProbes.sample("nx.json", nx.replace("\"SourceName\"", "\"Source\"")))).isZero();
    }

    /** OTRF's later shape (Sentinel export): TimeCreated in UTC, the machine as Hostname. */
    @Test
    void otrf_hostname_is_the_events_machine_when_there_is_no_computer() throws IOException {
        Path zip = SharedData.require().resolve("data/vendor-samples/otrf/cmd_seatbelt_group_user.zip");
        List<Event> events = new ArrayList<>();
        List<FileSummary> files = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 1).run(List.of(zip));
        assertThat(files).singleElement().satisfies(f -> assertThat(f.quarantined()).isZero());
        assertThat(events).hasSize(451).allSatisfy(e -> assertThat(e.host()).isNotBlank())
                .extracting(Event::host).contains("WORKSTATION5");
    }
}
