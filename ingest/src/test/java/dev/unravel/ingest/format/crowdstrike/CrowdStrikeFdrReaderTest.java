package dev.unravel.ingest.format.crowdstrike;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.windows.EndpointProbes;
import dev.unravel.ingest.read.Reader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class CrowdStrikeFdrReaderTest {

    private final CrowdStrikeFdrReader reader = new CrowdStrikeFdrReader();

    /** A raw FDR ProcessRollup2 line as the S3 bucket holds it. */
    static final String RAW_PROCESS = "{\"event_simpleName\":\"ProcessRollup2\",\"name\":\"ProcessRollup2V19\","
            + "\"aid\":\"9f1c2e3d4b5a69788796a5b4c3d2e1f0\",\"aip\":\"198.51.100.23\",\"cid\":\"c0ffee00c0ffee00c0ffee00c0ffee00\","
            + "\"event_platform\":\"Win\",\"timestamp\":\"1772500364517\",\"ComputerName\":\"LT-0042\",\"UserName\":\"jkim\","
            + "\"UserSid\":\"S-1-5-21-1111111111-2222222222-3333333333-1104\",\"RawProcessId\":\"7716\","
            + "\"ImageFileName\":\"\\\\Device\\\\HarddiskVolume3\\\\Program Files (x86)\\\\AnyDesk\\\\AnyDesk.exe\","
            + "\"CommandLine\":\"\\\"C:\\\\Program Files (x86)\\\\AnyDesk\\\\AnyDesk.exe\\\" --control\","
            + "\"ParentBaseFileName\":\"explorer.exe\",\"SHA256HashData\":\"4a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768ff\","
            + "\"ProcessStartTime\":\"1772500364.511\"}";

    @Test
    void panther_fdr_sample_every_record_but_the_empty_one_is_accepted() throws IOException {
        ReaderHarness.Result r = ReaderHarness.read(reader, SharedData.vendorRecords("Crowdstrike_FDREvent.ndjson"));
        assertThat(r.records()).isEqualTo(55);
        assertThat(r.events()).hasSize(54);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.record()).isEqualTo(10); // only Panther enrichment, no event at all
            assertThat(e.field()).isEqualTo("event_simpleName");
            assertThat(e.reason()).isEqualTo("is missing: not a Falcon Data Replicator event");
        });
        Map<String, Long> types = r.events().stream().collect(Collectors.groupingBy(Event::type, Collectors.counting()));
        // Records 4, 46 and 55 say DnsRequest in Panther's wrapper but hold a ProcessRollup2: the original wins.
        assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of("ProcessRollup2", 53L, "NetworkConnectIP4", 1L));

        Event wmic = r.events().get(4); // record 5
        assertThat(wmic.origin().record()).isEqualTo(5);
        assertThat(wmic.time()).isEqualTo(Instant.parse("2023-04-21T19:52:32.722Z"));
        assertThat(wmic.source()).isEqualTo("crowdstrike");
        assertThat(wmic.logSource()).isEqualTo(LogSource.of("windows", "process_creation", "crowdstrike"));
        assertThat(wmic.host()).isEqualTo("1234567890abcdefg654321"); // no ComputerName: the sensor id
        assertThat(wmic.sourceIp()).isEqualTo("11.10.9.8");
        assertThat(wmic.document())
                .containsEntry("Image", "\\Device\\HarddiskVolume2\\Windows\\System32\\wmic.exe")
                .containsEntry("ImageFileName", "\\Device\\HarddiskVolume2\\Windows\\System32\\wmic.exe")
                .containsKeys("CommandLine", "ParentBaseFileName", "UserSid")
                .doesNotContainKey("ParentImage");

        Event mac = r.events().get(0);
        assertThat(mac.logSource()).isEqualTo(LogSource.of("macos", "process_creation", "crowdstrike"));
        assertThat(mac.document()).containsEntry("Image", "/usr/bin/plutil");

        Event net = r.events().get(8); // record 9
        assertThat(net.type()).isEqualTo("NetworkConnectIP4");
        assertThat(net.logSource()).isEqualTo(LogSource.of("windows", "network_connection", "crowdstrike"));
        assertThat(net.time()).isEqualTo(Instant.parse("2023-04-28T18:49:37.731Z")); // ContextTimeStamp
        assertThat(net.document()).containsEntry("DestinationIp", "152.206.0.1").containsEntry("DestinationPort", "443")
                .containsEntry("SourceIp", "10.0.0.1").containsEntry("SourcePort", "137").containsEntry("Initiated", "true");

        Event noInnerTime = r.events().get(39); // record 41: the original has no timestamp, Panther's wrapper does
        assertThat(noInnerTime.origin().record()).isEqualTo(41);
        assertThat(noInnerTime.time()).isEqualTo(Instant.parse("2026-02-24T16:38:26.949Z"));
    }

    @Test
    void dns_request_sample_reads_raw_and_wrapped_lines() throws IOException {
        ReaderHarness.Result r = ReaderHarness.read(reader, SharedData.vendorRecords("Crowdstrike_DNSRequest.ndjson"));
        assertThat(r.records()).isEqualTo(5);
        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(Event::type).containsExactly("DnsRequest", "DnsRequest", "DnsRequest",
                "DnsRequest", "Event_EppDetectionSummaryEvent");
        Event raw = r.events().get(0);
        assertThat(raw.logSource()).isEqualTo(LogSource.of("macos", "dns_query", "crowdstrike"));
        assertThat(raw.time()).isEqualTo(Instant.parse("2021-10-08T19:55:04.448Z"));
        assertThat(raw.document()).containsEntry("QueryName", "baddomain.com").containsEntry("DomainName", "baddomain.com");
        Event wrapped = r.events().get(2);
        assertThat(wrapped.time()).isEqualTo(Instant.parse("2020-05-24T23:50:06.989Z"));
        assertThat(wrapped.host()).isEqualTo("307dc41ce39744f060622095f2805249");
        assertThat(r.events().get(4).logSource()).isEqualTo(LogSource.of("macos", null, "crowdstrike"));
    }

    @Test
    void the_other_crowdstrike_samples_are_read_where_they_are_fdr_and_rejected_where_they_are_another_api()
            throws IOException {
        ReaderHarness.Result unknown = ReaderHarness.read(reader, SharedData.vendorRecords("Crowdstrike_Unknown.ndjson"));
        assertThat(unknown.records()).isEqualTo(4);
        assertThat(unknown.events()).extracting(Event::type).containsExactly("Event_RemoteResponseSessionStartEvent",
                "Event_RemoteResponseSessionEndEvent");
        assertThat(unknown.events()).extracting(Event::user).containsOnly("someone@runpanther.io");
        assertThat(unknown.errors()).extracting(e -> e.record() + " " + e.field()).containsExactly(
                "1 event_simpleName", "2 event_simpleName");

        ReaderHarness.Result summary = ReaderHarness.read(reader,
                SharedData.vendorRecords("Crowdstrike_DetectionSummary.ndjson"));
        assertThat(summary.records()).isEqualTo(3);
        assertThat(summary.events()).extracting(Event::type).containsExactly("Event_EppDetectionSummaryEvent");
        assertThat(summary.errors()).extracting(e -> e.record() + " " + e.field() + ": " + e.reason()).containsExactly(
                "1 event_simpleName: is missing: not a Falcon Data Replicator event",
                "3 event.timestamp: is missing: the record has no timestamp");

        Path streams = SharedData.vendorRecords("Crowdstrike_EventStreams.ndjson");
        assertThat(reader.probe(EndpointProbes.sample(streams))).isZero();
        ReaderHarness.Result forced = ReaderHarness.read(reader, streams);
        assertThat(forced.records()).isEqualTo(36);
        assertThat(forced.events()).isEmpty();
    }

    @Test
    void a_raw_fdr_line_lands_in_the_envelope_with_sigma_aliases_and_near_misses_are_rejected() {
        String text = RAW_PROCESS + "\n"
                + "{\"event_simpleName\":\"ProcessRollup2\",\"aid\":\"a1\",\"event_platform\":\"Win\"}\n"
                + "{\"event_simpleName\":\"ProcessRollup2\",\"aid\":\"a1\",\"timestamp\":\"soon\"}\n"
                + "{\"aid\":\"a1\",\"timestamp\":\"1772500364517\",\"ImageFileName\":\"x.exe\"}\n"
                + "{\"event_simpleName\":\"DnsRequest\",\"aid\":\"a1\",\"timestamp\":\"1772500364517\",\"event\":[1]}\n";
        ReaderHarness.Result r = ReaderHarness.read(reader, "fdr.json", text);
        assertThat(r.records()).isEqualTo(5);
        assertThat(r.events()).hasSize(1);
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.ofEpochMilli(1772500364517L));
        assertThat(e.type()).isEqualTo("ProcessRollup2");
        assertThat(e.logSource()).isEqualTo(LogSource.of("windows", "process_creation", "crowdstrike"));
        assertThat(e.user()).isEqualTo("jkim");
        assertThat(e.host()).isEqualTo("LT-0042");
        assertThat(e.sourceIp()).isEqualTo("198.51.100.23");
        assertThat(e.document()).containsEntry("User", "jkim").containsEntry("Computer", "LT-0042")
                .containsEntry("ProcessId", "7716").containsEntry("sha256",
                        "4a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768ff")
                .containsEntry("Image", "\\Device\\HarddiskVolume3\\Program Files (x86)\\AnyDesk\\AnyDesk.exe");
        assertThat(r.errors()).extracting(x -> x.record() + " " + x.field() + ": " + x.reason()).containsExactly(
                "2 timestamp: is missing: the record has no timestamp",
                "3 timestamp: is not a timestamp: \"soon\"",
                "4 event_simpleName: is missing: not a Falcon Data Replicator event",
                "5 event: is not an object: [1]");
    }

    /** FDR's aidmaster secondary record: no event name; which computer the sensor id is, at Time. */
    static final String AIDMASTER = "{\"aid\":\"9f1c2e3d4b5a69788796a5b4c3d2e1f0\",\"cid\":\"c0ffee00c0ffee00c0ffee00c0ffee00\","
            + "\"AgentLoadFlags\":\"0\",\"AgentLocalTime\":\"1772400000.117\",\"AgentTimeOffset\":\"12.5\","
            + "\"AgentVersion\":\"7.29.19807.0\",\"BiosManufacturer\":\"Dell Inc.\",\"ChassisType\":\"Laptop\","
            + "\"City\":\"Chicago\",\"ComputerName\":\"LT-0042\",\"ConfigBuild\":\"1007.3.0019807.1\",\"Country\":"
            + "\"United States of America\",\"FirstSeen\":\"1772300000.000\",\"MachineDomain\":\"corp.example.com\","
            + "\"OU\":\"Laptops;Engineering\",\"ProductType\":\"1\",\"SiteName\":\"Default-First-Site-Name\","
            + "\"SystemManufacturer\":\"Dell Inc.\",\"SystemProductName\":\"Latitude 7440\",\"Time\":\"1772400000.250\","
            + "\"Timezone\":\"America/Chicago\",\"Version\":\"Windows 11\",\"event_platform\":\"Win\"}";

    @Test
    void aidmaster_records_name_the_sensors_computer_and_the_usb_and_logon_events_get_their_aliases() {
        String aid = "9f1c2e3d4b5a69788796a5b4c3d2e1f0";
        String text = AIDMASTER + "\n"
                + "{\"event_simpleName\":\"DcUsbDeviceConnected\",\"aid\":\"" + aid + "\",\"cid\":\"c1\","
                + "\"event_platform\":\"Win\",\"timestamp\":\"1772500364517\",\"DeviceInstanceId\":"
                + "\"USB\\\\VID_1D6B&PID_0104\\\\CAFEBABE\",\"DeviceManufacturer\":\"PiKVM\",\"DeviceProduct\":"
                + "\"PiKVM Composite Device\",\"DeviceSerialNumber\":\"CAFEBABE\",\"DevicePropertyDeviceDescription\":"
                + "\"USB Composite Device\"}\n"
                + "{\"event_simpleName\":\"ProcessRollup2\",\"aid\":\"" + aid + "\",\"cid\":\"c1\","
                + "\"timestamp\":\"1772500364600\",\"UserSid\":\"S-1-5-21-1-2-3-1104\",\"ImageFileName\":\"x.exe\"}\n"
                + "{\"aid\":\"" + aid + "\",\"ComputerName\":\"LT-0042\",\"AgentVersion\":\"7.29.19807.0\"}\n"
                + "{\"aid\":\"" + aid + "\",\"ComputerName\":\"LT-0042\",\"AgentVersion\":\"7\",\"Time\":\"later\"}\n";
        ReaderHarness.Result r = ReaderHarness.read(reader, "fdr.json", text);
        assertThat(r.records()).isEqualTo(5);
        assertThat(r.events()).extracting(Event::type).containsExactly("asset.falcon-sensor", "DcUsbDeviceConnected",
                "ProcessRollup2");
        Event sensor = r.events().get(0);
        assertThat(sensor.time()).isEqualTo(Instant.parse("2026-03-01T21:20:00.250Z"));
        assertThat(sensor.host()).isEqualTo("LT-0042");
        assertThat(sensor.user()).isNull();
        assertThat(sensor.logSource()).isEqualTo(LogSource.of("windows", null, "crowdstrike"));
        assertThat(sensor.document()).containsEntry("aid", aid).containsEntry("SystemProductName", "Latitude 7440");

        Event usb = r.events().get(1);
        assertThat(usb.host()).as("FDR's events name the computer by its sensor id").isEqualTo(aid);
        assertThat(usb.document()).containsEntry("Manufacturer", "PiKVM").containsEntry("Model", "PiKVM Composite Device")
                .containsEntry("SerialNumber", "CAFEBABE").containsEntry("DeviceDescription", "USB Composite Device")
                .containsEntry("DeviceInstanceId", "USB\\VID_1D6B&PID_0104\\CAFEBABE");
        assertThat(r.events().get(2).user()).as("the account by its SID when FDR names no user")
                .isEqualTo("S-1-5-21-1-2-3-1104");
        assertThat(r.errors()).extracting(x -> x.record() + " " + x.field() + ": " + x.reason()).containsExactly(
                "4 Time: is missing: the aidmaster record has no time",
                "5 Time: is not a timestamp: \"later\"");
        assertThat(reader.probe(EndpointProbes.sample("aidmaster.json", AIDMASTER))).isGreaterThanOrEqualTo(50);
    }

    /** FDR's other secondary tables, in the shapes parsers of FDR's fdrv2/ folders read them. */
    static final String USERINFO = "{\"AccountType\":\"Domain\",\"LastLoggedOnHost\":\"LT-0042\",\"LogonTime\":"
            + "\"1772400000.000\",\"LogonType\":\"Interactive\",\"PasswordLastSet\":\"0\",\"User\":\"NORTHWIND\\\\jkim\","
            + "\"UserIsAdmin\":\"0\",\"UserName\":\"jkim\",\"UserSid_readable\":\"S-1-5-21-1111111111-2222222222-"
            + "3333333333-1104\",\"_time\":\"1772400060.000\",\"cid\":\"c0ffee00c0ffee00c0ffee00c0ffee00\","
            + "\"monthsincereset\":\"N/A\"}";
    static final String MANAGED_ASSET = "{\"GatewayIP\":\"192.168.1.1\",\"GatewayMAC\":\"00-11-22-33-44-55\","
            + "\"InterfaceAlias\":\"Wi-Fi\",\"InterfaceDescription\":\"Intel(R) Wi-Fi 6E AX211 160MHz\",\"LocalAddressIP4\":"
            + "\"192.168.1.23\",\"MAC\":\"AA-BB-CC-DD-EE-FF\",\"MACPrefix\":\"AA-BB-CC\",\"_time\":\"1772400100.000\","
            + "\"aid\":\"9f1c2e3d4b5a69788796a5b4c3d2e1f0\",\"cid\":\"c0ffee00c0ffee00c0ffee00c0ffee00\"}";
    static final String APPINFO = "{\"CompanyName\":\"AnyDesk Software GmbH\",\"FileName\":\"AnyDesk.exe\","
            + "\"FileVersion\":\"8.0.8\",\"ProductName\":\"AnyDesk\",\"ProductVersion\":\"8.0.8\",\"SHA256HashData\":"
            + "\"4a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768ff\",\"_time\":\"1772400200.000\","
            + "\"cid\":\"c0ffee00c0ffee00c0ffee00c0ffee00\",\"detectionCount\":\"0.0\",\"aid\":"
            + "\"9f1c2e3d4b5a69788796a5b4c3d2e1f0\",\"hostname\":\"LT-0042\",\"externalIP\":\"198.51.100.23\","
            + "\"installationTimestamp\":\"0\",\"SoftwareType\":\"application\"}";

    @Test
    void the_other_secondary_tables_are_records_of_their_own_not_rejected_events() {
        String text = USERINFO + "\n" + MANAGED_ASSET + "\n" + APPINFO + "\n"
                + "{\"cid\":\"c0ffee00c0ffee00c0ffee00c0ffee00\",\"_time\":\"1772400300.000\",\"MAC\":\"11-22-33-44-55-66\","
                + "\"FirstDiscoveredDate\":\"1772300000\"}\n"
                + "{\"cid\":\"c0ffee00c0ffee00c0ffee00c0ffee00\",\"_time\":\"soon\",\"UserName\":\"x\"}\n";
        ReaderHarness.Result r = ReaderHarness.read(reader, "fdrv2_userinfo.json", text);
        assertThat(r.events()).extracting(Event::type).containsExactly("asset.falcon-user", "asset.falcon-interface",
                "asset.falcon-app", "asset.falcon-inventory");
        Event user = r.events().get(0);
        assertThat(user.time()).isEqualTo(Instant.parse("2026-03-01T21:21:00Z"));
        assertThat(user.user()).isEqualTo("jkim");
        assertThat(user.host()).isEqualTo("LT-0042");
        assertThat(user.document()).as("the SID where a logon has it, so the resolver learns it")
                .containsEntry("UserSid", "S-1-5-21-1111111111-2222222222-3333333333-1104");
        assertThat(r.events().get(1).host()).isEqualTo("9f1c2e3d4b5a69788796a5b4c3d2e1f0");
        assertThat(r.events().get(1).document()).containsEntry("GatewayMAC", "00-11-22-33-44-55");
        Event app = r.events().get(2);
        assertThat(app.host()).isEqualTo("LT-0042");
        assertThat(app.sourceIp()).isEqualTo("198.51.100.23");
        assertThat(app.document()).containsEntry("ComputerName", "LT-0042").containsEntry("ProductName", "AnyDesk");
        assertThat(r.errors()).extracting(x -> x.record() + " " + x.field() + ": " + x.reason())
                .containsExactly("5 _time: is not a timestamp: \"soon\"");
        assertThat(reader.probe(EndpointProbes.sample("part-00000", USERINFO))).isGreaterThanOrEqualTo(50);
        assertThat(reader.probe(EndpointProbes.sample("part-00000", MANAGED_ASSET))).isGreaterThanOrEqualTo(50);
    }

    @Test
    void a_remote_desktop_logon_gives_its_client_address_by_windows_name() {
        String logon = "{\"event_simpleName\":\"UserLogon\",\"aid\":\"9f1c2e3d4b5a69788796a5b4c3d2e1f0\","
                + "\"aip\":\"198.51.100.23\",\"cid\":\"c1\",\"event_platform\":\"Win\",\"timestamp\":\"1772500364517\","
                + "\"UserName\":\"jkim\",\"UserSid\":\"S-1-5-21-1-2-3-1104\",\"LogonType\":\"10\","
                + "\"RemoteAddressIP4\":\"175.167.10.20\"}\n";
        Event e = ReaderHarness.read(reader, "fdr.json", logon).events().get(0);
        assertThat(e.document()).containsEntry("IpAddress", "175.167.10.20").containsEntry("LogonType", "10");
        assertThat(e.sourceIp()).as("the sensor's own address").isEqualTo("198.51.100.23");
    }

    @Test
    void probe_recognises_fdr_and_no_other_vendor_sample_outranks_the_right_reader() throws IOException {
        assertThat(reader.probe(EndpointProbes.sample("fdr.json", RAW_PROCESS))).isGreaterThanOrEqualTo(85);
        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        Map<String, Reader> mine = Stream.of("winlogbeat", "windows-evtx-json", "windows-flat-json", "crowdstrike-fdr")
                .collect(Collectors.toMap(Function.identity(), id -> Formats.byId(id).orElseThrow()));
        Map<String, String> owner = Map.of("Windows_EventLogs.ndjson", "windows-flat-json",
                "Crowdstrike_FDREvent.ndjson", "crowdstrike-fdr", "Crowdstrike_DNSRequest.ndjson", "crowdstrike-fdr",
                "Crowdstrike_Unknown.ndjson", "crowdstrike-fdr", "Crowdstrike_DetectionSummary.ndjson", "crowdstrike-fdr");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                String name = f.getFileName().toString();
                for (Map.Entry<String, Reader> r : mine.entrySet()) {
                    int score = r.getValue().probe(EndpointProbes.sample(f));
                    if (r.getKey().equals(owner.get(name))) {
                        assertThat(score).as(r.getKey() + " on " + name).isGreaterThanOrEqualTo(50);
                    } else {
                        assertThat(score).as(r.getKey() + " on " + name).isZero();
                    }
                }
            }
        }
    }
}
