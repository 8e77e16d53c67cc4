package dev.unravel.sim.out;

import dev.unravel.sim.world.InputLanguage;
import dev.unravel.sim.activity.InputLanguageSetting;
import dev.unravel.sim.activity.NetFlow;
import static dev.unravel.sim.out.WriterFixtures.MAC;
import static dev.unravel.sim.out.WriterFixtures.T0;
import static dev.unravel.sim.out.WriterFixtures.WINDOWS;
import static dev.unravel.sim.out.WriterFixtures.files;
import static dev.unravel.sim.out.WriterFixtures.flow;
import static dev.unravel.sim.out.WriterFixtures.lines;
import static dev.unravel.sim.out.WriterFixtures.process;
import static dev.unravel.sim.out.WriterFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code simulate --edr defender}: the Windows laptops' process starts and connections as Defender's streaming API writes them. */
class DefenderWriterTest {
    private static final String ANYDESK = "C:\\Users\\anguyen\\Downloads\\AnyDesk.exe";
    private static final String TENANT = "835ba8c6-5017-4146-863c-b100e811caf5";
    private static final String BLOBS = "defender/insights-logs-advancedhunting-%s/resourceId=/tenants/"
            + TENANT.toUpperCase(java.util.Locale.ROOT) + "/providers/Microsoft.Security/y=2026/m=03/d=02/h=14/m=00/PT1H.json";

    @TempDir
    Path dir;

    @Test
    void aProcessStartAndItsConnection_areRowsOfTheirTables_inHourlyBlobs_andAMacIsNotDefenders() throws IOException {
        World world = new World(42, TENANT, "1234");
        run(out -> new DefenderWriter(world, out), dir, List.of(process(WINDOWS, T0, ANYDESK, 7312),
                flow(WINDOWS, T0.plusSeconds(2), ANYDESK, "relay-1.net.anydesk.com", null),
                process(MAC, T0.plusSeconds(3), "/Applications/AnyDesk.app/Contents/MacOS/AnyDesk", 512)));

        assertThat(files(dir)).containsExactlyInAnyOrder(String.format(BLOBS, "deviceprocessevents"),
                String.format(BLOBS, "devicenetworkevents"), String.format(BLOBS, "deviceinfo"));
        List<JsonNode> processes = lines(dir.resolve(String.format(BLOBS, "deviceprocessevents")));
        assertThat(processes).hasSize(1);
        JsonNode record = processes.get(0);
        assertThat(record.path("category").asText()).isEqualTo("AdvancedHunting-DeviceProcessEvents");
        assertThat(record.path("operationName").asText()).isEqualTo("Publish");
        assertThat(record.path("tenantId").asText()).isEqualTo(TENANT);
        JsonNode row = record.path("properties");
        assertThat(row.path("Timestamp").asText()).isEqualTo("2026-03-02T14:03:11.1234560Z");
        assertThat(record.path("time").asText()).as("published a moment later").isGreaterThan(row.path("Timestamp").asText());
        assertThat(row.path("ActionType").asText()).isEqualTo("ProcessCreated");
        assertThat(row.path("DeviceName").asText()).isEqualTo("nwl-lt-0042.corp.northwindlabs.com");
        assertThat(row.path("FolderPath").asText()).isEqualTo(ANYDESK);
        assertThat(row.path("FileName").asText()).isEqualTo("AnyDesk.exe");
        assertThat(row.path("ProcessId").asInt()).isEqualTo(7312);
        assertThat(row.path("AccountName").asText()).isEqualTo(WriterFixtures.ALICE.username);
        assertThat(row.path("AccountUpn").asText()).isEqualTo(WriterFixtures.ALICE.workEmail);
        assertThat(row.path("ProcessVersionInfoCompanyName").asText()).isEqualTo("AnyDesk Software GmbH");
        assertThat(row.path("SHA256").asText()).isEqualTo("0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9");
        assertThat(row.path("SHA1").asText()).matches("[0-9a-f]{40}");
        assertThat(row.path("InitiatingProcessFolderPath").asText()).isEqualTo("c:\\windows\\explorer.exe");

        JsonNode net = lines(dir.resolve(String.format(BLOBS, "devicenetworkevents"))).get(0).path("properties");
        assertThat(net.path("ActionType").asText()).isEqualTo("ConnectionSuccess");
        assertThat(net.path("RemoteUrl").asText()).isEqualTo("relay-1.net.anydesk.com");
        assertThat(net.path("RemoteIP").asText()).isEqualTo("203.0.113.10");
        assertThat(net.path("InitiatingProcessFolderPath").asText()).isEqualTo(ANYDESK.toLowerCase(java.util.Locale.ROOT));
        assertThat(net.path("InitiatingProcessId").asInt()).as("the process that started it").isEqualTo(7312);
        assertThat(net.path("DeviceId").asText()).isEqualTo(row.path("DeviceId").asText());
    }

    @Test
    void deviceInfo_saysWhereTheSensorConnectsFrom_whenItChangesAndHourly() throws IOException {
        World world = new World(42, TENANT, "1234");
        NetFlow home = flow(WINDOWS, T0, ANYDESK, "relay-1.net.anydesk.com", null);
        run(out -> new DefenderWriter(world, out), dir, List.of(home,
                flow(MAC, T0.plusSeconds(1), "/Applications/AnyDesk.app/Contents/MacOS/AnyDesk",
                        "relay-1.net.anydesk.com", null),
                at(home, 600, home.publicIp()),           // the same line within the hour: nothing new
                at(home, 1200, "198.51.100.77"),          // another network: said at once
                at(home, 1200 + 3599, "198.51.100.77"),
                at(home, 1200 + 3600, "198.51.100.77"))); // an hour on: said again
        List<JsonNode> rows = lines(dir.resolve(String.format(BLOBS, "deviceinfo")));
        assertThat(rows).extracting(r -> r.path("properties").path("PublicIP").asText())
                .containsExactly("73.4.5.6", "73.4.5.6", "198.51.100.77");
        // the Mac runs Defender too: in the inventory, by its host name alone
        JsonNode mac = rows.get(1).path("properties");
        assertThat(mac.path("OSPlatform").asText()).isEqualTo("macOS");
        assertThat(mac.path("DeviceName").asText()).isEqualTo(MAC.hostname().toLowerCase(java.util.Locale.ROOT));
        assertThat(lines(dir.resolve(String.format(BLOBS, "deviceinfo").replace("/h=14/", "/h=15/"))))
                .extracting(r -> r.path("properties").path("Timestamp").asText())
                .containsExactly("2026-03-02T15:23:11.1234560Z");
        JsonNode row = rows.get(0).path("properties");
        assertThat(rows.get(0).path("category").asText()).isEqualTo("AdvancedHunting-DeviceInfo");
        assertThat(row.path("DeviceName").asText()).isEqualTo("nwl-lt-0042.corp.northwindlabs.com");
        JsonNode users = new com.fasterxml.jackson.databind.ObjectMapper().readTree(row.path("LoggedOnUsers").asText());
        assertThat(users.get(0).path("UserName").asText()).isEqualTo(WriterFixtures.ALICE.username);
        assertThat(users.get(0).path("DomainName").asText()).isEqualTo("NORTHWIND");
    }

    private static NetFlow at(NetFlow f, long seconds, String publicIp) {
        return new NetFlow(f.time().plusSeconds(seconds), f.host(), f.person(), f.image(), f.domain(), f.dstIp(),
                f.dstPort(), f.proto(), f.service(), f.durationS(), f.bytesOut(), f.bytesIn(), f.httpMethod(),
                f.httpUri(), f.userAgent(), f.uid(), f.srcPort(), publicIp);
    }

    @Test
    void anInputLanguageAddedIsTwoDeviceRegistryEventsRows_onceALaptop() throws IOException {
        World world = new World(42, TENANT, "1234");
        run(out -> new DefenderWriter(world, out), dir, List.of(
                new InputLanguageSetting(T0, WINDOWS, WriterFixtures.ALICE, InputLanguage.KOREAN, true),
                new InputLanguageSetting(T0.plusSeconds(60), WINDOWS, WriterFixtures.ALICE, InputLanguage.KOREAN, true),
                new InputLanguageSetting(T0, WINDOWS, WriterFixtures.ALICE, InputLanguage.KOREAN, false)));
        assertThat(files(dir)).containsExactly(String.format(BLOBS, "deviceregistryevents"));
        List<JsonNode> rows = lines(dir.resolve(String.format(BLOBS, "deviceregistryevents")));
        assertThat(rows).hasSize(2).allSatisfy(r -> {
            assertThat(r.path("category").asText()).isEqualTo("AdvancedHunting-DeviceRegistryEvents");
            assertThat(r.path("properties").path("ActionType").asText()).isEqualTo("RegistryValueSet");
            assertThat(r.path("properties").path("RegistryKey").asText()).startsWith("HKEY_CURRENT_USER\\S-1-5-21-");
        });
        JsonNode preload = rows.get(1).path("properties");
        assertThat(preload.path("RegistryKey").asText()).endsWith("\\Keyboard Layout\\Preload");
        assertThat(preload.path("RegistryValueName").asText()).isEqualTo("2");
        assertThat(preload.path("RegistryValueData").asText()).isEqualTo("00000412");
    }
}
