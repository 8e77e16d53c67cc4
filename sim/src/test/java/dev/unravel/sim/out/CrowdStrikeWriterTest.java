package dev.unravel.sim.out;

import static dev.unravel.sim.out.WriterFixtures.JSON;
import static dev.unravel.sim.out.WriterFixtures.MAC;
import static dev.unravel.sim.out.WriterFixtures.T0;
import static dev.unravel.sim.out.WriterFixtures.WINDOWS;
import static dev.unravel.sim.out.WriterFixtures.files;
import static dev.unravel.sim.out.WriterFixtures.flow;
import static dev.unravel.sim.out.WriterFixtures.process;
import static dev.unravel.sim.out.WriterFixtures.run;
import static dev.unravel.sim.out.WriterFixtures.usb;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code simulate --edr crowdstrike}: the Windows laptops' activity as Falcon Data Replicator
 * delivers it, gzipped, naming the computer by its sensor id and the account by its SID, with the
 * aidmaster record and the logon that say what those stand for.
 */
class CrowdStrikeWriterTest {
    private static final String ANYDESK = "C:\\Users\\anguyen\\Downloads\\AnyDesk.exe";
    /** FDR's layout: each batch under a uuid folder (here one a day), which names no date. */
    private static final String DATA = "crowdstrike/data/" + Derived.uuid("2026-03-02", 61) + "/part-00000.gz";
    private static final String AIDMASTER = "crowdstrike/aidmaster/" + Derived.uuid("aidmaster", 61) + "/part-00000.gz";
    private static final String MANAGED_ASSETS = "crowdstrike/managedassets/" + Derived.uuid("managedassets-2026-03-02", 61)
            + "/part-00000.gz";

    @TempDir
    Path dir;

    @Test
    void aLaptopsDayIsFdrEvents_namedBySensorAndSid_andTheAidmasterRecordNamesTheComputer() throws IOException {
        run(CrowdStrikeWriter::new, dir, List.of(process(WINDOWS, T0, ANYDESK, 7312),
                flow(WINDOWS, T0.plusSeconds(2), ANYDESK, "relay-1.net.anydesk.com", null),
                flow(WINDOWS, T0.plusSeconds(3), ANYDESK, "relay-1.net.anydesk.com", null),
                process(WINDOWS, T0.plusSeconds(4), ANYDESK, 7313),
                usb(WINDOWS, T0.plusSeconds(5)), usb(WINDOWS, T0.plusSeconds(6)),
                process(MAC, T0.plusSeconds(7), "/Applications/AnyDesk.app/Contents/MacOS/AnyDesk", 512),
                new dev.unravel.sim.activity.RdpConnection(T0.plusSeconds(8), WINDOWS, 540, "A1B2",
                        WriterFixtures.ALICE, "175.167.10.20")));
        assertThat(files(dir)).containsExactlyInAnyOrder(DATA, AIDMASTER, MANAGED_ASSETS);
        assertThat(DATA).matches("crowdstrike/data/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/part-00000.gz");

        List<JsonNode> sensors = gzLines(dir.resolve(AIDMASTER));
        assertThat(sensors).as("one record a sensor, the Mac has none").hasSize(1);
        JsonNode sensor = sensors.get(0);
        assertThat(sensor.has("event_simpleName")).isFalse();
        assertThat(sensor.path("ComputerName").asText()).isEqualTo("NWL-LT-0042");
        assertThat(sensor.path("aid").asText()).matches("[0-9a-f]{32}");
        assertThat(sensor.path("Time").asText()).matches("\\d{10}\\.\\d{3}");

        List<JsonNode> events = gzLines(dir.resolve(DATA));
        assertThat(events).extracting(e -> e.path("event_simpleName").asText()).containsExactly("UserLogon",
                "ProcessRollup2", "DnsRequest", "NetworkConnectIP4", "NetworkConnectIP4", "ProcessRollup2",
                "DcUsbDeviceConnected", "DcUsbDeviceConnected", "UserLogon");
        assertThat(events.get(8).path("LogonType").asText()).as("Remote Desktop").isEqualTo("10");
        assertThat(events.get(8).path("RemoteAddressIP4").asText()).isEqualTo("175.167.10.20");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.path("aid").asText()).isEqualTo(sensor.path("aid").asText());
            assertThat(e.has("ComputerName")).as("FDR's events do not name the computer").isFalse();
            assertThat(e.path("timestamp").asText()).matches("\\d{13}");
            assertThat(e.path("event_platform").asText()).isEqualTo("Win");
        });
        JsonNode logon = events.get(0);
        assertThat(logon.path("UserName").asText()).isEqualTo(WriterFixtures.ALICE.username);
        assertThat(logon.path("LogonType").asText()).isEqualTo("2");
        JsonNode process = events.get(1);
        assertThat(process.path("UserSid").asText()).isEqualTo(logon.path("UserSid").asText()).startsWith("S-1-5-21-");
        assertThat(process.has("UserName")).isFalse();
        assertThat(process.path("ImageFileName").asText())
                .isEqualTo("\\Device\\HarddiskVolume3\\Users\\anguyen\\Downloads\\AnyDesk.exe");
        assertThat(process.path("RawProcessId").asText()).isEqualTo("7312");
        assertThat(process.path("SHA256HashData").asText())
                .isEqualTo("0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9");
        JsonNode dns = events.get(2);
        assertThat(dns.path("DomainName").asText()).isEqualTo("relay-1.net.anydesk.com");
        assertThat(dns.path("ContextProcessId").asText()).as("the process that looked it up")
                .isEqualTo(process.path("TargetProcessId").asText());
        JsonNode connection = events.get(3);
        assertThat(connection.path("RemoteAddressIP4").asText()).isEqualTo("203.0.113.10");
        assertThat(connection.path("ContextProcessId").asText()).isEqualTo(process.path("TargetProcessId").asText());
        assertThat(events.get(5).path("aip").asText()).as("the laptop's public address, once a flow showed it")
                .isEqualTo("73.4.5.6");
        List<JsonNode> interfaces = gzLines(dir.resolve(MANAGED_ASSETS));
        assertThat(interfaces).as("once a day per laptop and router").singleElement().satisfies(i -> {
            assertThat(i.path("aid").asText()).isEqualTo(sensor.path("aid").asText());
            assertThat(i.path("GatewayMAC").asText()).matches("([0-9A-F]{2}-){5}[0-9A-F]{2}")
                    .isEqualTo(Routers.routerMac("73.4.5.6").replace(':', '-'));
            assertThat(i.path("GatewayIP").asText()).isEqualTo("192.168.1.1"); // 73.4.5.6 is a home line
            assertThat(i.path("_time").asText()).matches("\\d{10}\\.\\d{3}");
        });
        JsonNode kvm = events.get(6);
        assertThat(kvm.path("DeviceInstanceId").asText()).isEqualTo("USB\\VID_1D6B&PID_0104\\CAFEBABE");
        assertThat(kvm.path("DeviceManufacturer").asText()).isEqualTo("PiKVM");
        assertThat(kvm.path("DeviceVendorId").asText()).as("Falcon writes the ids in decimal").isEqualTo("7531");
    }

    private static List<JsonNode> gzLines(Path file) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isEmpty()) {
                    out.add(JSON.readTree(line));
                }
            }
        }
        return out;
    }
}
