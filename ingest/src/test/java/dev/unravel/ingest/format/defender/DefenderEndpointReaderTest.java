package dev.unravel.ingest.format.defender;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.windows.EndpointProbes;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Defender for Endpoint's advanced hunting rows, from the streaming API, Sentinel and hunting queries. */
class DefenderEndpointReaderTest {

    private final DefenderEndpointReader reader = new DefenderEndpointReader();

    /** A streaming API record of DeviceProcessEvents, as a storage account's blob holds one a line. */
    static final String PROCESS = "{\"time\":\"2026-03-04T02:17:41.5062184Z\",\"tenantId\":"
            + "\"72f988bf-86f1-41af-91ab-2d7cd011db47\",\"operationName\":\"Publish\",\"category\":"
            + "\"AdvancedHunting-DeviceProcessEvents\",\"_TimeReceivedBySvc\":\"2026-03-04T02:17:40.1122334Z\","
            + "\"properties\":{\"AccountSid\":\"S-1-5-21-1004336348-1177238915-682003330-1109\",\"AccountName\":\"jkim\","
            + "\"AccountDomain\":\"northwind\",\"AccountUpn\":\"jkim@northwindlabs.com\",\"ActionType\":\"ProcessCreated\","
            + "\"DeviceName\":\"nwl-lt-0042.corp.northwindlabs.com\",\"DeviceId\":\"a3f1c2e4b5d6978812345678901234567890abcd\","
            + "\"FileName\":\"AnyDesk.exe\",\"FolderPath\":\"C:\\\\Users\\\\jkim\\\\Downloads\\\\AnyDesk.exe\","
            + "\"ProcessCommandLine\":\"\\\"AnyDesk.exe\\\" --control\",\"ProcessId\":7716,\"ProcessIntegrityLevel\":\"Medium\","
            + "\"ProcessVersionInfoCompanyName\":\"AnyDesk Software GmbH\",\"ProcessVersionInfoProductName\":\"AnyDesk\","
            + "\"ProcessVersionInfoOriginalFileName\":\"AnyDesk.exe\",\"ProcessVersionInfoFileDescription\":\"AnyDesk\","
            + "\"SHA1\":\"0f6b6b2c8e5ad9b3d6c1f0e0a1b2c3d4e5f60718\",\"SHA256\":"
            + "\"4a4b4c4d4e4f505152535455565758595a5b5c5d5e5f606162636465666768ff\",\"MD5\":\"9a8b7c6d5e4f30211203f4e5d6c7b8a9\","
            + "\"InitiatingProcessFileName\":\"explorer.exe\",\"InitiatingProcessFolderPath\":\"c:\\\\windows\\\\explorer.exe\","
            + "\"InitiatingProcessCommandLine\":\"Explorer.EXE\",\"InitiatingProcessId\":5120,"
            + "\"InitiatingProcessAccountName\":\"jkim\",\"InitiatingProcessAccountDomain\":\"northwind\","
            + "\"ReportId\":11873,\"Timestamp\":\"2026-03-04T02:17:39.8071243Z\",\"MachineGroup\":\"Laptops\","
            + "\"AdditionalFields\":null}}";

    /** An Event Hubs message: a batch of records from several tables. */
    static final String BATCH = "{\"records\":[{\"time\":\"2026-03-04T02:20:00.0000000Z\",\"tenantId\":\"t\","
            + "\"operationName\":\"Publish\",\"category\":\"AdvancedHunting-DeviceNetworkEvents\",\"properties\":{"
            + "\"Timestamp\":\"2026-03-04T02:19:58.1000000Z\",\"DeviceName\":\"nwl-lt-0042.corp.northwindlabs.com\","
            + "\"ActionType\":\"ConnectionSuccess\",\"RemoteIP\":\"195.181.174.210\",\"RemotePort\":443,"
            + "\"RemoteUrl\":\"https://relay-3f1a9c2b.net.anydesk.com:443/\",\"LocalIP\":\"192.168.1.23\",\"LocalPort\":50122,"
            + "\"Protocol\":\"Tcp\",\"RemoteIPType\":\"Public\",\"InitiatingProcessFolderPath\":"
            + "\"c:\\\\users\\\\jkim\\\\downloads\\\\anydesk.exe\",\"InitiatingProcessAccountName\":\"jkim\","
            + "\"InitiatingProcessAccountDomain\":\"northwind\",\"ReportId\":3301}},"
            + "{\"time\":\"2026-03-04T02:21:00Z\",\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{"
            + "\"Timestamp\":\"2026-03-04T02:20:31.5Z\",\"DeviceName\":\"nwl-lt-0042.corp.northwindlabs.com\","
            + "\"ActionType\":\"PnpDeviceConnected\",\"AdditionalFields\":\"{\\\"ClassName\\\":\\\"USB\\\",\\\"ClassId\\\":"
            + "\\\"{36fc9e60-c465-11cf-8056-444553540000}\\\",\\\"DeviceId\\\":\\\"USB\\\\\\\\VID_1D6B&PID_0104\\\\\\\\"
            + "FEDCBA9876543210\\\",\\\"DeviceDescription\\\":\\\"USB Composite Device\\\",\\\"VendorIds\\\":"
            + "\\\"USB\\\\\\\\VID_1D6B&PID_0104&REV_0510 USB\\\\\\\\VID_1D6B&PID_0104\\\"}\",\"ReportId\":3302}},"
            + "{\"time\":\"2026-03-04T02:22:00Z\",\"category\":\"AdvancedHunting-DeviceRegistryEvents\",\"properties\":{"
            + "\"Timestamp\":\"2026-03-04T02:21:07Z\",\"DeviceName\":\"nwl-lt-0042.corp.northwindlabs.com\","
            + "\"ActionType\":\"RegistryValueSet\",\"RegistryKey\":"
            + "\"HKEY_LOCAL_MACHINE\\\\SYSTEM\\\\ControlSet001\\\\Control\\\\TimeZoneInformation\","
            + "\"RegistryValueName\":\"TimeZoneKeyName\",\"RegistryValueData\":\"Korea Standard Time\","
            + "\"RegistryValueType\":\"String\",\"InitiatingProcessFolderPath\":\"c:\\\\windows\\\\system32\\\\svchost.exe\","
            + "\"InitiatingProcessAccountName\":\"local service\",\"InitiatingProcessAccountDomain\":\"nt authority\"}},"
            + "{\"time\":\"2026-03-04T02:23:00Z\",\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{"
            + "\"Timestamp\":\"2026-03-04T02:22:10Z\",\"DeviceName\":\"nwl-lt-0042.corp.northwindlabs.com\","
            + "\"ActionType\":\"DnsQueryResponse\",\"AdditionalFields\":{\"DnsQueryString\":\"mega.nz\","
            + "\"DnsQueryResult\":[{\"DnsQueryType\":\"A\",\"IpAddress\":\"31.216.145.5\"}]}}},"
            + "{\"time\":\"2026-03-04T02:24:00Z\",\"category\":\"AdvancedHunting-DeviceLogonEvents\",\"properties\":{"
            + "\"Timestamp\":\"2026-03-04T02:23:45Z\",\"DeviceName\":\"nwl-lt-0042.corp.northwindlabs.com\","
            + "\"ActionType\":\"LogonSuccess\",\"LogonType\":\"RemoteInteractive\",\"AccountName\":\"jkim\","
            + "\"AccountDomain\":\"northwind\",\"RemoteIP\":\"175.45.178.12\",\"RemoteDeviceName\":\"DESKTOP-7Q2K\"}},"
            + "{\"time\":\"2026-03-04T02:25:00Z\",\"category\":\"AdvancedHunting-DeviceProcessEvents\",\"properties\":{"
            + "\"Timestamp\":\"yesterday\",\"DeviceName\":\"nwl-lt-0042\",\"ActionType\":\"ProcessCreated\"}},"
            + "{\"time\":\"2026-03-04T02:26:00Z\",\"category\":\"AdvancedHunting-DeviceEvents\",\"properties\":{"
            + "\"Timestamp\":\"2026-03-04T02:25:00Z\",\"DeviceName\":\"nwl-lt-0042\",\"ActionType\":\"PnpDeviceConnected\","
            + "\"AdditionalFields\":\"{not json\"}}]}";

    @Test
    void aStorageAccountLine_isAProcessStartWithSysmonsNames() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "PT1H.json", PROCESS + "\n");
        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.type()).isEqualTo("defender.process");
        assertThat(e.source()).isEqualTo("defender");
        assertThat(e.logSource()).isEqualTo(LogSource.of("windows", "process_creation", null));
        assertThat(e.time()).as("the row's Timestamp, not the envelope's time").isEqualTo(
                Instant.parse("2026-03-04T02:17:39.8071243Z"));
        assertThat(e.user()).isEqualTo("jkim@northwindlabs.com");
        assertThat(e.host()).isEqualTo("nwl-lt-0042.corp.northwindlabs.com");
        assertThat(e.sourceIp()).isNull();
        assertThat(e.document())
                .containsEntry("Image", "C:\\Users\\jkim\\Downloads\\AnyDesk.exe")
                .containsEntry("CommandLine", "\"AnyDesk.exe\" --control")
                .containsEntry("OriginalFileName", "AnyDesk.exe")
                .containsEntry("Company", "AnyDesk Software GmbH")
                .containsEntry("ParentImage", "c:\\windows\\explorer.exe")
                .containsEntry("ParentProcessId", 5120)
                .containsEntry("ParentUser", "northwind\\jkim")
                .containsEntry("Hashes", "SHA1=0F6B6B2C8E5AD9B3D6C1F0E0A1B2C3D4E5F60718,MD5=9A8B7C6D5E4F30211203F4E5D6C7B8A9,"
                        + "SHA256=4A4B4C4D4E4F505152535455565758595A5B5C5D5E5F606162636465666768FF")
                .containsEntry("Table", "DeviceProcessEvents")
                .containsEntry("TenantId", "72f988bf-86f1-41af-91ab-2d7cd011db47")
                .containsEntry("FolderPath", "C:\\Users\\jkim\\Downloads\\AnyDesk.exe"); // Defender's own names stay
    }

    @Test
    void anEventHubsBatch_eachRowItsOwnRecord_theBadOnesNamed() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "eventhub.json", BATCH);
        assertThat(r.records()).isEqualTo(7);
        assertThat(r.events()).extracting(Event::type).containsExactly("defender.network", "defender.usb",
                "defender.registry", "defender.dns", "defender.logon");
        assertThat(r.errors()).extracting(e -> e.record() + " " + e.field()).containsExactly(
                "6 records.5.properties.Timestamp", "7 records.6.properties.AdditionalFields");

        Event net = r.events().get(0);
        assertThat(net.logSource()).isEqualTo(LogSource.of("windows", "network_connection", null));
        assertThat(net.user()).isEqualTo("northwind\\jkim");
        assertThat(net.document()).containsEntry("DestinationHostname", "relay-3f1a9c2b.net.anydesk.com")
                .containsEntry("DestinationIp", "195.181.174.210").containsEntry("DestinationPort", 443)
                .containsEntry("SourceIp", "192.168.1.23").containsEntry("Initiated", "true")
                .containsEntry("Image", "c:\\users\\jkim\\downloads\\anydesk.exe");

        Event usb = r.events().get(1);
        assertThat(usb.document()).containsEntry("DeviceInstanceId", "USB\\VID_1D6B&PID_0104\\FEDCBA9876543210")
                .containsEntry("DeviceDescription", "USB Composite Device").containsEntry("ClassName", "USB");
        assertThat(usb.document().get("AdditionalFields")).as("the text read as the object it holds")
                .isInstanceOf(Map.class);

        Event zone = r.events().get(2);
        assertThat(zone.logSource()).isEqualTo(LogSource.of("windows", "registry_set", null));
        assertThat(zone.document()).containsEntry("TargetObject",
                "HKLM\\SYSTEM\\ControlSet001\\Control\\TimeZoneInformation\\TimeZoneKeyName")
                .containsEntry("Details", "Korea Standard Time").containsEntry("EventType", "SetValue");
        assertThat(zone.user()).isEqualTo("nt authority\\local service");

        assertThat(r.events().get(3).document()).containsEntry("QueryName", "mega.nz");
        assertThat(r.events().get(3).logSource()).isEqualTo(LogSource.of("windows", "dns_query", null));

        Event logon = r.events().get(4);
        assertThat(logon.sourceIp()).isEqualTo("175.45.178.12");
        assertThat(logon.document()).containsEntry("LogonType", "RemoteInteractive");
    }

    @Test
    void sentinelRowsAndHuntingResults_tellTheirTableByTypeOrByTheirColumns() {
        String sentinel = "{\"TenantId\":\"t\",\"Type\":\"DeviceProcessEvents\",\"TimeGenerated\":\"2026-03-04T02:18:00Z\","
                + "\"Timestamp\":\"2026-03-04T02:17:39Z\",\"DeviceName\":\"nwl-lt-0042\",\"ActionType\":\"ProcessCreated\","
                + "\"FolderPath\":\"C:\\\\Program Files\\\\TeamViewer\\\\TeamViewer.exe\",\"AccountName\":\"jkim\","
                + "\"AccountDomain\":\"northwind\",\"ReportId\":1}\n";
        ReaderHarness.Result s = ReaderHarness.read(reader, "sentinel.json", sentinel);
        assertThat(s.errors()).isEmpty();
        assertThat(s.events().get(0).type()).isEqualTo("defender.process");
        assertThat(s.events().get(0).user()).isEqualTo("northwind\\jkim");

        String hunting = "{\"Schema\":[{\"Name\":\"Timestamp\",\"Type\":\"DateTime\"},{\"Name\":\"DeviceName\",\"Type\":"
                + "\"String\"}],\"Results\":[{\"Timestamp\":\"2026-03-04T02:17:39Z\",\"DeviceName\":\"nwl-lt-0042\","
                + "\"ActionType\":\"ConnectionSuccess\",\"RemoteIP\":\"1.2.3.4\",\"RemotePort\":443,\"RemoteUrl\":\"mega.nz\"},"
                + "{\"Timestamp\":\"2026-03-04T02:17:40Z\",\"DeviceName\":\"nwl-lt-0042\",\"ActionType\":\"ProcessCreated\","
                + "\"FolderPath\":\"C:\\\\x.exe\"},{\"Timestamp\":\"2026-03-04T02:17:41Z\",\"DeviceName\":\"nwl-lt-0042\"}]}";
        ReaderHarness.Result h = ReaderHarness.read(reader, "hunting.json", hunting);
        assertThat(h.events()).extracting(Event::type).containsExactly("defender.network", "defender.process");
        assertThat(h.events().get(0).document()).containsEntry("DestinationHostname", "mega.nz");
        assertThat(h.errors()).singleElement().satisfies(e -> {
            assertThat(e.record()).isEqualTo(3);
            assertThat(e.field()).isEqualTo("Results.2.ActionType");
            assertThat(e.reason()).contains("does not say which advanced hunting table");
        });
    }

    /** A table no detector reads is kept under its own name; the category's case does not matter. */
    @Test
    void otherTablesAreKeptUnderTheirName_andTheCategoryIsReadInAnyCase() {
        String rows = "{\"time\":\"2026-03-04T02:00:00Z\",\"category\":\"AdvancedHunting-DeviceNetworkInfo\","
                + "\"properties\":{\"Timestamp\":\"2026-03-04T01:59:00Z\",\"DeviceName\":\"nwl-lt-0042\","
                + "\"NetworkAdapterType\":\"Wireless80211\"}}\n"
                + PROCESS.replace("AdvancedHunting-DeviceProcessEvents", "advancedhunting-deviceprocessevents") + "\n";
        ReaderHarness.Result r = ReaderHarness.read(reader, "PT1H.json", rows);
        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(Event::type).containsExactly("defender.networkinfo", "defender.process");
        assertThat(r.events().get(0).document()).containsEntry("Table", "DeviceNetworkInfo");
        assertThat(r.events().get(0).logSource()).isEqualTo(LogSource.of("windows", null, null));
        assertThat(r.events().get(1).document()).containsEntry("Table", "DeviceProcessEvents");
    }

    /** A streaming API record of DeviceInfo: where Defender's cloud saw the laptop's sensor connect from. */
    static final String INFO = "{\"time\":\"2026-03-04T02:00:04.1Z\",\"tenantId\":\"t\",\"operationName\":\"Publish\","
            + "\"category\":\"AdvancedHunting-DeviceInfo\",\"properties\":{\"Timestamp\":\"2026-03-04T01:59:00Z\","
            + "\"DeviceId\":\"a3f1c2e4b5d6978812345678901234567890abcd\",\"DeviceName\":\"nwl-lt-0042.corp.northwindlabs.com\","
            + "\"ClientVersion\":\"10.8760.26100.3037\",\"PublicIP\":\"203.0.113.44\",\"OSPlatform\":\"Windows11\","
            + "\"OSBuild\":26100,\"IsAzureADJoined\":true,\"LoggedOnUsers\":\"[{\\\"UserName\\\":\\\"jkim\\\","
            + "\\\"DomainName\\\":\\\"NORTHWIND\\\",\\\"Sid\\\":\\\"S-1-5-21-1004336348-1177238915-682003330-1109\\\"}]\","
            + "\"MachineGroup\":\"Laptops\",\"ReportId\":412}}";

    @Test
    void deviceInfo_placesTheLaptopAtTheAddressItsSensorConnectsFrom_byItsSignedInAccount() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "PT1H.json", INFO + "\n");
        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.type()).isEqualTo("defender.info");
        assertThat(e.sourceIp()).isEqualTo("203.0.113.44");
        assertThat(e.host()).isEqualTo("nwl-lt-0042.corp.northwindlabs.com");
        assertThat(e.user()).isEqualTo("NORTHWIND\\jkim");
        assertThat(e.document()).containsEntry("Table", "DeviceInfo");

        // a hunting query's rows: no action names the table, its columns do; LoggedOnUsers a list or empty
        String hunting = "{\"Results\":[{\"Timestamp\":\"2026-03-04T03:00:00Z\",\"DeviceName\":\"nwl-lt-0043\","
                + "\"PublicIP\":\"198.51.100.7\",\"OSPlatform\":\"Windows11\",\"LoggedOnUsers\":[{\"UserName\":"
                + "\"mlee\",\"DomainName\":\"NORTHWIND\"}]},{\"Timestamp\":\"2026-03-04T03:00:01Z\",\"DeviceName\":"
                + "\"nwl-lt-0044\",\"PublicIP\":\"198.51.100.8\",\"OSPlatform\":\"Windows11\",\"LoggedOnUsers\":\"[]\"},"
                + "{\"Timestamp\":\"2026-03-04T03:00:02Z\",\"DeviceName\":\"nwl-lt-0045\",\"PublicIP\":\"198.51.100.9\","
                + "\"OSPlatform\":\"Windows11\",\"LoggedOnUsers\":\"jkim, mlee\"},{\"Timestamp\":"
                + "\"2026-03-04T03:00:03Z\",\"DeviceName\":\"nwl-lt-0046\",\"PublicIP\":\"198.51.100.10\","
                + "\"OSPlatform\":\"Windows11\"}]}";
        ReaderHarness.Result h = ReaderHarness.read(reader, "hunting.json", hunting);
        assertThat(h.events()).extracting(Event::type).containsOnly("defender.info");
        assertThat(h.events()).extracting(Event::host).containsExactly("nwl-lt-0043", "nwl-lt-0044", "nwl-lt-0046");
        assertThat(h.events()).extracting(Event::user).containsExactly("NORTHWIND\\mlee", null, null);
        assertThat(h.events()).extracting(Event::sourceIp).containsExactly("198.51.100.7", "198.51.100.8",
                "198.51.100.10");
        // the record that cannot be read is named, and the rows around it are kept
        assertThat(h.errors()).singleElement().satisfies(err -> {
            assertThat(err.record()).isEqualTo(3);
            assertThat(err.field()).isEqualTo("Results.2.LoggedOnUsers");
            assertThat(err.reason()).contains("a JSON list of accounts");
        });
        assertThat(Formats.recognise(EndpointProbes.sample("hunting.json", hunting))).hasValueSatisfying(
                f -> assertThat(f.reader().id()).isEqualTo("defender-endpoint"));
    }

    @Test
    void itIsRecognised_andTakesNoOtherFormatsRecords() {
        assertThat(Formats.recognise(EndpointProbes.sample("PT1H.json", PROCESS))).hasValueSatisfying(
                f -> assertThat(f.reader().id()).isEqualTo("defender-endpoint"));
        assertThat(Formats.recognise(EndpointProbes.sample("eventhub.json", BATCH))).hasValueSatisfying(
                f -> assertThat(f.reader().id()).isEqualTo("defender-endpoint"));
        String entraBatch = "{\"records\":[{\"time\":\"2026-03-04T02:17:39Z\",\"category\":\"SignInLogs\","
                + "\"properties\":{\"createdDateTime\":\"2026-03-04T02:17:39Z\",\"userPrincipalName\":\"a@b.c\"}}]}";
        assertThat(reader.probe(EndpointProbes.sample("entra.json", entraBatch))).isZero();
        assertThat(dev.unravel.ingest.read.UrlHosts.hostOf("https://user@relay.anydesk.com:443/a?b")).isEqualTo("relay.anydesk.com");
        assertThat(dev.unravel.ingest.read.UrlHosts.hostOf("[2001:db8::1]:443")).isEqualTo("2001:db8::1");
        assertThat(DefenderEndpointReader.shortHive("HKEY_USERS\\S-1-5-21-1\\Software")).isEqualTo("HKU\\S-1-5-21-1\\Software");
        assertThat(DefenderEndpointReader.shortHive("HKEY_LOCAL_MACHINEX\\a")).isEqualTo("HKEY_LOCAL_MACHINEX\\a");
    }
}
