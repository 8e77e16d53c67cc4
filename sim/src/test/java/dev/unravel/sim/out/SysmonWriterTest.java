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
import static dev.unravel.sim.out.WriterFixtures.process;
import static dev.unravel.sim.out.WriterFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.world.Host;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysmonWriterTest {
    private static final String ANYDESK = "C:\\Users\\anguyen\\Downloads\\AnyDesk.exe";

    @TempDir
    Path dir;

    @Test
    void windowsProcessStartBecomesSysmonEvent1WithTheActivitysFields() throws IOException {
        run(SysmonWriter::new, dir, List.of(process(WINDOWS, T0, ANYDESK, 7312)));

        assertThat(files(dir)).containsExactly("windows/sysmon-2026-03-02.json");
        List<JsonNode> events = lines(dir.resolve("windows/sysmon-2026-03-02.json"));
        assertThat(events).hasSize(1);
        JsonNode system = events.get(0).path("Event").path("System");
        JsonNode data = events.get(0).path("Event").path("EventData");
        assertThat(system.path("EventID").asInt()).isEqualTo(1);
        assertThat(system.path("Task").asInt()).isEqualTo(1);
        assertThat(system.path("Version").asInt()).isEqualTo(5);
        assertThat(system.path("Provider").path("#attributes").path("Name").asText())
                .isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(system.path("TimeCreated").path("#attributes").path("SystemTime").asText())
                .isEqualTo("2026-03-02T14:03:11.123456Z");
        assertThat(system.path("Computer").asText()).isEqualTo("NWL-LT-0042.corp.northwindlabs.com");
        assertThat(system.path("Correlation").isNull()).isTrue();
        assertThat(data.path("UtcTime").asText()).isEqualTo("2026-03-02 14:03:11.123");
        assertThat(data.path("Image").asText()).isEqualTo(ANYDESK);
        assertThat(data.path("ProcessId").isInt()).isTrue();
        assertThat(data.path("ProcessId").asInt()).isEqualTo(7312);
        assertThat(data.path("ParentProcessId").asInt()).isEqualTo(4412);
        assertThat(data.path("User").asText()).isEqualTo("NORTHWIND\\anguyen");
        assertThat(data.path("ParentUser").asText()).isEqualTo("NORTHWIND\\anguyen");
        assertThat(data.path("Company").asText()).isEqualTo("AnyDesk Software GmbH");
        assertThat(data.path("CurrentDirectory").asText()).isEqualTo("C:\\Users\\anguyen\\Downloads\\");
        assertThat(data.path("Hashes").asText()).matches(
                "MD5=[0-9A-F]{32},SHA256=0A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F60718293A4B5C6D7E8F9,IMPHASH=[0-9A-F]{32}");
        assertThat(data.path("ProcessGuid").asText()).matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}");
        assertThat(data.path("LogonId").asText()).matches("0x[0-9a-f]+");
        // The logon GUID ends with the logon id's bytes, little-endian, as Sysmon lays it out.
        long logonId = Long.parseLong(data.path("LogonId").asText().substring(2), 16);
        String guid = data.path("LogonGuid").asText();
        assertThat(guid.substring(19, 23) + guid.substring(24, 26))
                .isEqualTo(String.format("%02X%02X%02X", logonId & 0xFF, logonId >> 8 & 0xFF, logonId >> 16 & 0xFF));
    }

    @Test
    void networkFlowNamesTheProcessGuidOfTheEvent1ThatStartedItsImage() throws IOException {
        run(SysmonWriter::new, dir, List.of(process(WINDOWS, T0, ANYDESK, 7312),
                flow(WINDOWS, T0.plusSeconds(2), ANYDESK, "relay-1.net.anydesk.com", null)));

        List<JsonNode> events = lines(dir.resolve("windows/sysmon-2026-03-02.json"));
        assertThat(events).hasSize(2);
        JsonNode start = events.get(0).path("Event").path("EventData");
        JsonNode net = events.get(1).path("Event");
        JsonNode data = net.path("EventData");
        assertThat(net.path("System").path("EventID").asInt()).isEqualTo(3);
        assertThat(net.path("System").path("Task").asInt()).isEqualTo(3);
        assertThat(net.path("System").path("TimeCreated").path("#attributes").path("SystemTime").asText())
                .isEqualTo("2026-03-02T14:03:13.123456Z");
        assertThat(data.path("ProcessGuid").asText()).isEqualTo(start.path("ProcessGuid").asText());
        assertThat(data.path("ProcessId").asInt()).isEqualTo(7312);
        assertThat(data.path("Protocol").asText()).isEqualTo("tcp");
        assertThat(data.path("Initiated").isBoolean()).isTrue();
        assertThat(data.path("Initiated").asBoolean()).isTrue();
        assertThat(data.path("SourceIp").asText()).isEqualTo("10.8.0.42");
        assertThat(data.path("SourcePort").asInt()).isEqualTo(51544);
        assertThat(data.path("DestinationIp").asText()).isEqualTo("203.0.113.10");
        assertThat(data.path("DestinationHostname").asText()).isEqualTo("relay-1.net.anydesk.com");
        assertThat(data.path("DestinationPort").asInt()).isEqualTo(443);
        assertThat(data.path("DestinationPortName").asText()).isEqualTo("https");
        assertThat(data.path("User").asText()).isEqualTo("NORTHWIND\\anguyen");
    }

    @Test
    void eventRecordIdsIncreaseOnEachHostSeparately() throws IOException {
        Host other = new Host("NWL-A-0050", "PF3XYZ", "ThinkPad T14", Host.Os.WINDOWS, "NWL-LT-0050", "10.8.0.50",
                "4C4C4544-0050-3510-8052-B2C04F4A4E31");
        run(SysmonWriter::new, dir, List.of(process(WINDOWS, T0, ANYDESK, 100), process(other, T0.plusMillis(1),
                ANYDESK, 104), process(WINDOWS, T0.plusMillis(2), ANYDESK, 108)));

        List<JsonNode> events = lines(dir.resolve("windows/sysmon-2026-03-02.json"));
        long first = recordId(events.get(0));
        assertThat(recordId(events.get(2))).isEqualTo(first + 1);
        assertThat(events.get(1).path("Event").path("System").path("Computer").asText())
                .startsWith("NWL-LT-0050.");
    }

    @Test
    void macHostsFlowsWithoutAProcessAndOtherActivitiesWriteNothing() throws IOException {
        SourceWriter writer = run(SysmonWriter::new, dir, List.of(process(MAC, T0, "/usr/bin/curl", 10),
                flow(MAC, T0.plusSeconds(1), "/usr/bin/curl", null, null), flow(WINDOWS, T0.plusSeconds(2), null,
                        null, null), WriterFixtures.program(WINDOWS, T0.plusSeconds(3), true),
                WriterFixtures.usb(WINDOWS, T0.plusSeconds(4))));

        assertThat(writer.records()).isZero();
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void eachUtcDayGoesToItsOwnFile() throws IOException {
        run(SysmonWriter::new, dir, List.of(process(WINDOWS, T0, ANYDESK, 100),
                process(WINDOWS, T0.plusSeconds(86_400), ANYDESK, 104)));

        assertThat(files(dir)).containsExactly("windows/sysmon-2026-03-02.json", "windows/sysmon-2026-03-03.json");
    }

    @Test
    void theSameInputTwiceGivesByteIdenticalFiles(@TempDir Path again) throws IOException {
        List<Activity> input = List.of(process(WINDOWS, T0, ANYDESK, 7312),
                flow(WINDOWS, T0.plusSeconds(1), "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe",
                        "example.com", null));
        run(SysmonWriter::new, dir, input);
        run(SysmonWriter::new, again, input);

        Path file = Path.of("windows/sysmon-2026-03-02.json");
        assertThat(Files.readAllBytes(dir.resolve(file))).isEqualTo(Files.readAllBytes(again.resolve(file)));
    }

    @Test
    void event1CarriesEveryFieldOfARealSysmonProcessCreateInEvtxDumpForm() throws IOException {
        JsonNode real = realEvent(SharedData.require(), 1);
        run(SysmonWriter::new, dir, List.of(process(WINDOWS, T0, ANYDESK, 7312)));
        JsonNode ours = lines(dir.resolve("windows/sysmon-2026-03-02.json")).get(0);

        assertThat(keys(ours)).isEqualTo(keys(real));
        assertThat(keys(ours.path("Event"))).isEqualTo(keys(real.path("Event")));
        assertThat(keys(ours.path("Event").path("System"))).containsExactlyElementsOf(
                keys(real.path("Event").path("System")));
        assertThat(keys(ours.path("Event").path("EventData"))).containsExactlyElementsOf(
                keys(real.path("Event").path("EventData")));
    }

    /**
     * The regression data holds no Sysmon event 3, so event 3's fields are checked against the
     * fields Sigma's test suite lists for Windows network_connection, less {@code ParentImage},
     * which Sysmon does not write (Sigma lists it for other products' network events); its System
     * block against a real event 1's, which Sysmon lays out the same for every event.
     */
    @Test
    void event3CarriesEveryNetworkConnectionFieldSigmaExpects() throws IOException {
        Path shared = SharedData.require();
        JsonNode logsource = WriterFixtures.JSON.readTree(shared.resolve("data/sigma/tests/logsource.json").toFile());
        List<String> expected = new ArrayList<>();
        logsource.path("legit").path("windows").path("category").path("network_connection")
                .forEach(f -> expected.add(f.asText()));
        expected.remove("ParentImage");
        run(SysmonWriter::new, dir, List.of(flow(WINDOWS, T0, ANYDESK, null, null)));
        JsonNode ours = lines(dir.resolve("windows/sysmon-2026-03-02.json")).get(0).path("Event");

        assertThat(expected).isNotEmpty();
        assertThat(keys(ours.path("EventData"))).containsAll(expected).contains("RuleName", "UtcTime");
        assertThat(keys(ours.path("System"))).isEqualTo(keys(realEvent(shared, 1).path("Event").path("System")));
    }

    private static long recordId(JsonNode event) {
        return event.path("Event").path("System").path("EventRecordID").asLong();
    }

    /** The first Sysmon event with this id in Sigma's regression data (evtx_dump JSON). */
    private static JsonNode realEvent(Path shared, int eventId) throws IOException {
        Path regression = shared.resolve("data/sigma/regression_data/rules/windows");
        try (Stream<Path> walk = Files.walk(regression)) {
            for (Path p : walk.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                JsonNode node = WriterFixtures.JSON.readTree(p.toFile());
                JsonNode system = node.path("Event").path("System");
                if (system.path("EventID").asInt() == eventId && system.path("Provider").path("#attributes")
                        .path("Name").asText().equals("Microsoft-Windows-Sysmon")) {
                    return node;
                }
            }
        }
        throw new AssertionError("no Sysmon event " + eventId + " under " + regression);
    }

    @Test
    void anInputLanguageAddedIsTwoRegistryValueSets_onceALaptop_andOneThereBeforeTheLogsIsNone() throws IOException {
        run(SysmonWriter::new, dir, List.of(
                new InputLanguageSetting(T0, WINDOWS, WriterFixtures.ALICE, InputLanguage.KOREAN, true),
                new InputLanguageSetting(T0.plusSeconds(86_400), WINDOWS, WriterFixtures.ALICE, InputLanguage.KOREAN,
                        false),
                new InputLanguageSetting(T0, MAC, WriterFixtures.ALICE, InputLanguage.KOREAN, true)));
        List<JsonNode> events = lines(dir.resolve("windows/sysmon-2026-03-02.json"));
        assertThat(events).hasSize(2).allSatisfy(e -> {
            assertThat(e.path("Event").path("System").path("EventID").asInt()).isEqualTo(13);
            assertThat(e.path("Event").path("System").path("Version").asInt()).isEqualTo(2);
            assertThat(e.path("Event").path("EventData").path("EventType").asText()).isEqualTo("SetValue");
            assertThat(e.path("Event").path("EventData").path("Image").asText()).endsWith("\\SystemSettings.exe");
        });
        JsonNode profile = events.get(0).path("Event").path("EventData");
        assertThat(profile.path("TargetObject").asText()).matches("HKU\\\\S-1-5-21-[0-9-]+\\\\Control Panel\\\\"
                + "International\\\\User Profile\\\\ko\\\\0412:\\{A028AE76-.*");
        assertThat(profile.path("Details").asText()).isEqualTo("DWORD (0x00000001)");
        JsonNode preload = events.get(1).path("Event").path("EventData");
        assertThat(preload.path("TargetObject").asText()).endsWith("\\Keyboard Layout\\Preload\\2");
        assertThat(preload.path("Details").asText()).isEqualTo("00000412");
    }
}
