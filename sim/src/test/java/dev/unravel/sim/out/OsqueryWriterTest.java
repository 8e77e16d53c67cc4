package dev.unravel.sim.out;

import dev.unravel.sim.world.InputLanguage;
import dev.unravel.sim.activity.InputLanguageSetting;
import dev.unravel.core.testing.SharedData;
import static dev.unravel.sim.out.WriterFixtures.MAC;
import static dev.unravel.sim.out.WriterFixtures.T0;
import static dev.unravel.sim.out.WriterFixtures.WINDOWS;
import static dev.unravel.sim.out.WriterFixtures.files;
import static dev.unravel.sim.out.WriterFixtures.flow;
import static dev.unravel.sim.out.WriterFixtures.keys;
import static dev.unravel.sim.out.WriterFixtures.lines;
import static dev.unravel.sim.out.WriterFixtures.macProcess;
import static dev.unravel.sim.out.WriterFixtures.process;
import static dev.unravel.sim.out.WriterFixtures.program;
import static dev.unravel.sim.out.WriterFixtures.run;
import static dev.unravel.sim.out.WriterFixtures.usb;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.sim.activity.Activity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsqueryWriterTest {
    private static final String LOG = "osquery/osqueryd.results-2026-03-02.log";

    @TempDir
    Path dir;

    @Test
    void macProcessStartIsAnAddedProcessesRowWithOsquerysHeader() throws IOException {
        run(OsqueryWriter::new, dir, List.of(macProcess(T0)));

        assertThat(files(dir)).containsExactly(LOG);
        JsonNode line = lines(dir.resolve(LOG)).get(0);
        assertThat(line.path("name").asText()).isEqualTo("pack_unravel_processes");
        assertThat(line.path("hostIdentifier").asText()).isEqualTo("NWL-MB-0043");
        assertThat(line.path("calendarTime").asText()).isEqualTo("Mon Mar  2 14:03:11 2026 UTC");
        assertThat(line.path("unixTime").asLong()).isEqualTo(T0.getEpochSecond());
        assertThat(line.path("epoch").asInt()).isZero();
        assertThat(line.path("counter").asInt()).isZero();
        assertThat(line.path("numerics").asBoolean(true)).isFalse();
        assertThat(line.path("decorations").path("host_uuid").asText()).isEqualTo(MAC.hostUuid());
        assertThat(line.path("decorations").path("username").asText()).isEqualTo("anguyen");
        assertThat(line.path("action").asText()).isEqualTo("added");
        JsonNode columns = line.path("columns");
        assertThat(columns.path("pid").asText()).isEqualTo("3120");
        assertThat(columns.path("name").asText()).isEqualTo("AnyDesk");
        assertThat(columns.path("path").asText()).isEqualTo("/Applications/AnyDesk.app/Contents/MacOS/AnyDesk");
        assertThat(columns.path("parent").asText()).isEqualTo("1");
        assertThat(columns.path("start_time").asText()).isEqualTo(Long.toString(T0.getEpochSecond()));
        columns.forEach(v -> assertThat(v.isTextual()).as("osquery writes every column as a string").isTrue());
    }

    @Test
    void windowsProgramChangesAreProgramsRowsAndARemovalRepeatsTheAddedRow() throws IOException {
        run(OsqueryWriter::new, dir, List.of(program(WINDOWS, T0, true), program(WINDOWS, T0.plusSeconds(3600), false)));

        List<JsonNode> rows = lines(dir.resolve(LOG));
        assertThat(rows).extracting(r -> r.path("name").asText()).containsOnly("pack_unravel_programs");
        assertThat(rows).extracting(r -> r.path("action").asText()).containsExactly("added", "removed");
        assertThat(rows).extracting(r -> r.path("counter").asInt()).containsExactly(0, 1);
        assertThat(rows.get(1).path("unixTime").asLong()).isEqualTo(T0.getEpochSecond() + 3600);
        assertThat(rows.get(1).path("columns")).isEqualTo(rows.get(0).path("columns"));
        JsonNode columns = rows.get(0).path("columns");
        assertThat(keys(columns)).containsExactly("name", "version", "install_location", "install_source", "language",
                "publisher", "uninstall_string", "install_date", "identifying_number");
        assertThat(columns.path("name").asText()).isEqualTo("AnyDesk");
        assertThat(columns.path("publisher").asText()).isEqualTo("AnyDesk Software GmbH");
        assertThat(columns.path("install_date").asText()).isEqualTo("20260302");
    }

    @Test
    void macProgramChangeIsAnAppsRow() throws IOException {
        run(OsqueryWriter::new, dir, List.of(program(MAC, T0, true)));

        JsonNode line = lines(dir.resolve(LOG)).get(0);
        assertThat(line.path("name").asText()).isEqualTo("pack_unravel_apps");
        assertThat(line.path("columns").path("name").asText()).isEqualTo("AnyDesk.app");
        assertThat(line.path("columns").path("path").asText()).isEqualTo("/Applications/AnyDesk.app");
        assertThat(line.path("columns").path("bundle_short_version").asText()).isEqualTo("8.0.8");
    }

    @Test
    void usbInventoryIsOneSnapshotLineWithARowPerDevice() throws IOException {
        run(OsqueryWriter::new, dir, List.of(usb(WINDOWS, T0)));

        List<JsonNode> lines = lines(dir.resolve(LOG));
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.path("name").asText()).isEqualTo("pack_unravel_usb_devices");
        assertThat(line.path("action").asText()).isEqualTo("snapshot");
        assertThat(line.has("columns")).isFalse();
        assertThat(line.has("decorations") && !line.path("decorations").has("username"))
                .as("no user known yet, so no username decoration").isTrue();
        JsonNode kvm = line.path("snapshot").get(0);
        assertThat(line.path("snapshot")).hasSize(2);
        assertThat(keys(kvm)).containsExactly("usb_address", "usb_port", "vendor", "vendor_id", "version", "model",
                "model_id", "serial", "class", "subclass", "protocol", "removable");
        assertThat(kvm.path("vendor_id").asText()).isEqualTo("1d6b");
        assertThat(kvm.path("model_id").asText()).isEqualTo("0104");
        assertThat(kvm.path("vendor").asText()).isEqualTo("PiKVM");
        assertThat(kvm.path("removable").asText()).isEqualTo("1");
    }

    @Test
    void windowsProcessesWriteNothing() throws IOException {
        SourceWriter writer = run(OsqueryWriter::new, dir, List.of(process(WINDOWS, T0, "C:\\x.exe", 4)));

        assertThat(writer.records()).isZero();
        assertThat(files(dir)).isEmpty();
    }

    /** What ties the VPN address Zeek sees to the laptop: logged once, at the laptop's first flow. */
    @Test
    void aLaptopsFirstFlowLogsItsInterfaceAddresses_once() throws IOException {
        run(OsqueryWriter::new, dir, List.of(flow(MAC, T0, null, "example.com", null),
                flow(MAC, T0.plusSeconds(60), null, "example.org", null),
                flow(WINDOWS, T0.plusSeconds(120), null, "example.com", null)));

        List<JsonNode> rows = lines(dir.resolve(LOG)).stream()
                .filter(r -> !r.path("name").asText().equals(OsqueryWriter.ARP_CACHE)).toList();
        assertThat(rows).extracting(r -> r.path("name").asText()).containsOnly("pack_unravel_interface_addresses",
                "pack_unravel_interface_addresses_windows");
        assertThat(rows).extracting(r -> r.path("action").asText()).containsOnly("added");
        assertThat(rows).extracting(r -> r.path("hostIdentifier").asText() + " " + r.path("columns").path("interface")
                .asText() + " " + r.path("columns").path("address").asText())
                .hasSize(6)
                .contains("NWL-MB-0043 lo0 127.0.0.1", "NWL-MB-0043 utun4 " + MAC.internalIp(),
                        "NWL-LT-0042 23 " + WINDOWS.internalIp());
        assertThat(rows.get(0).path("unixTime").asLong()).isEqualTo(T0.getEpochSecond());
        assertThat(rows.get(1).path("columns").path("address").asText()).startsWith("192.168.1.");
        assertThat(keys(rows.get(0).path("columns"))).containsExactly("interface", "address", "mask", "broadcast",
                "point_to_point");
        assertThat(keys(rows.get(5).path("columns"))).containsExactly("interface", "address", "mask", "broadcast",
                "point_to_point", "type", "friendly_name");
        assertThat(rows.get(5).path("columns").path("friendly_name").asText()).isEqualTo("Corporate VPN");
    }

    /** The ARP cache once a day per laptop and network: the router, the home's other device, broadcast. */
    @Test
    void theArpCacheOnceADayPerNetwork_itsRouterTheOneFalconNames() throws IOException {
        run(OsqueryWriter::new, dir, List.of(flow(MAC, T0, null, "example.com", null),
                flow(MAC, T0.plusSeconds(60), null, "example.org", null),
                flow(WINDOWS, T0.plusSeconds(120), null, "example.com", null)));

        List<JsonNode> snapshots = lines(dir.resolve(LOG)).stream()
                .filter(r -> r.path("name").asText().equals(OsqueryWriter.ARP_CACHE)).toList();
        assertThat(snapshots).extracting(r -> r.path("hostIdentifier").asText())
                .containsExactly("NWL-MB-0043", "NWL-LT-0042");
        JsonNode mac = snapshots.get(0);
        assertThat(mac.path("action").asText()).isEqualTo("snapshot");
        assertThat(mac.path("snapshot")).hasSize(3);
        JsonNode router = mac.path("snapshot").get(0);
        assertThat(keys(router)).containsExactly("address", "mac", "interface", "permanent");
        assertThat(router.path("address").asText()).isEqualTo("192.168.1.1");
        // both laptops' flows leave from 73.4.5.6: one home line, one router, as Falcon's inventory names it
        assertThat(router.path("mac").asText()).isEqualTo(Routers.routerMac("73.4.5.6").toLowerCase(java.util.Locale.ROOT))
                .isEqualTo(snapshots.get(1).path("snapshot").get(0).path("mac").asText());
        assertThat(mac.path("snapshot").get(2).path("permanent").asText()).isEqualTo("1");
        assertThat(snapshots.get(1).path("snapshot").get(0).path("interface").asText()).isEqualTo("12");
    }

    @Test
    void theSameInputTwiceGivesByteIdenticalFiles(@TempDir Path again) throws IOException {
        List<Activity> input = List.of(macProcess(T0), program(WINDOWS, T0.plusSeconds(1), true),
                usb(MAC, T0.plusSeconds(2)));
        run(OsqueryWriter::new, dir, input);
        run(OsqueryWriter::new, again, input);

        assertThat(Files.readAllBytes(dir.resolve(LOG))).isEqualTo(Files.readAllBytes(again.resolve(LOG)));
    }

    /**
     * The Panther sample predates osquery 4 ({@code log_type}, string numbers) or was reshaped by
     * its collector; only the fields every osquery writes are required of us.
     */
    @Test
    void differentialLinesCarryEveryTopLevelFieldOfRealOsqueryResults() throws IOException {
        List<JsonNode> real = lines(SharedData.vendorRecords("Osquery_Differential.ndjson"));
        run(OsqueryWriter::new, dir, List.of(macProcess(T0), usb(MAC, T0.plusSeconds(1))));
        List<JsonNode> ours = lines(dir.resolve(LOG));

        JsonNode full = real.stream().filter(r -> r.has("hostIdentifier") && r.has("columns")).findFirst().orElseThrow();
        assertThat(keys(ours.get(0))).containsAll(keys(full).stream().filter(k -> !k.equals("log_type")).toList());
        assertThat(keys(ours.get(1))).containsAll(keys(full).stream()
                .filter(k -> !k.equals("log_type") && !k.equals("columns")).toList()).contains("snapshot");
    }

    @Test
    void inputLanguagesAreKeyboardLayoutRowsOnWindowsAndInputSourceRowsOnMacs_onceALaptop() throws IOException {
        run(OsqueryWriter::new, dir, List.of(
                new InputLanguageSetting(T0, WINDOWS, WriterFixtures.ALICE, InputLanguage.CHINESE_SIMPLIFIED, false),
                new InputLanguageSetting(T0.plusSeconds(60), WINDOWS, WriterFixtures.ALICE,
                        InputLanguage.CHINESE_SIMPLIFIED, false),
                new InputLanguageSetting(T0, MAC, WriterFixtures.ALICE, InputLanguage.KOREAN, true)));
        List<JsonNode> lines = lines(dir.resolve(LOG));
        List<JsonNode> layouts = lines.stream().filter(l -> l.path("name").asText()
                .equals("pack_unravel_keyboard_layouts")).toList();
        // there before the logs: the query's first results hold the US layout and the language's
        assertThat(layouts).extracting(l -> l.path("columns").path("data").asText())
                .containsExactly("00000409", "00000804");
        assertThat(layouts.get(1).path("columns").path("path").asText())
                .matches("HKEY_USERS\\\\S-1-5-21-[0-9-]+\\\\Keyboard Layout\\\\Preload\\\\2");
        assertThat(layouts).allSatisfy(l -> assertThat(l.path("unixTime").asLong()).isEqualTo(T0.getEpochSecond()));
        List<JsonNode> sources = lines.stream().filter(l -> l.path("name").asText()
                .equals("pack_unravel_input_sources")).toList();
        // added later: only the language's two entries, on the hourly query's next run
        assertThat(sources).extracting(l -> l.path("columns").path("subkey").asText() + "="
                + l.path("columns").path("value").asText()).containsExactly(
                "2/Bundle ID=com.apple.inputmethod.Korean", "2/InputSourceKind=Keyboard Input Method",
                "3/Bundle ID=com.apple.inputmethod.Korean", "3/Input Mode=com.apple.inputmethod.Korean.2SetKorean",
                "3/InputSourceKind=Input Mode");
        assertThat(sources).allSatisfy(l -> {
            assertThat(l.path("columns").path("domain").asText()).isEqualTo("com.apple.HIToolbox");
            assertThat(l.path("unixTime").asLong()).isBetween(T0.getEpochSecond() + 60, T0.getEpochSecond() + 3600);
        });
    }
}
