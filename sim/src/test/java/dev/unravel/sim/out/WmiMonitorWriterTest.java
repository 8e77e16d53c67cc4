package dev.unravel.sim.out;

import static dev.unravel.sim.out.WriterFixtures.MAC;
import static dev.unravel.sim.out.WriterFixtures.T0;
import static dev.unravel.sim.out.WriterFixtures.WINDOWS;
import static dev.unravel.sim.out.WriterFixtures.files;
import static dev.unravel.sim.out.WriterFixtures.keys;
import static dev.unravel.sim.out.WriterFixtures.lines;
import static dev.unravel.sim.out.WriterFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.sim.activity.MonitorInventory;
import dev.unravel.sim.activity.MonitorInventory.Monitor;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WmiMonitorWriterTest {
    static final Monitor PANEL = new Monitor("BOE", "0A1C", null, "0", 12, 2023, 8388688);
    static final Monitor DELL = new Monitor("DEL", "A0F4", "DELL U2720Q", "CH7VF43", 12, 2021, 4352);
    static final Monitor PIKVM = new Monitor("LNX", "0000", "PiKVM", "", 0, 2019, 4353);

    @TempDir
    Path dir;

    /** WMI's UInt16 character codes back to text, as a reader decodes them. */
    static String decode(JsonNode codes) {
        StringBuilder b = new StringBuilder();
        for (JsonNode c : codes) {
            if (c.asInt() == 0) {
                break;
            }
            b.append((char) c.asInt());
        }
        return b.toString();
    }

    @Test
    void eachDisplayIsOneLineWithWmisFieldsAndEdidStringsAsZeroPaddedCharacterCodes() throws IOException {
        run(WmiMonitorWriter::new, dir, List.of(new MonitorInventory(T0, WINDOWS, List.of(PANEL, DELL, PIKVM))));

        assertThat(files(dir)).containsExactly("wmi/monitors-2026-03-02.json");
        List<JsonNode> rows = lines(dir.resolve("wmi/monitors-2026-03-02.json"));
        assertThat(rows).hasSize(3);
        JsonNode dell = rows.get(1);
        assertThat(keys(dell)).containsExactly("@timestamp", "hostname", "ClassName", "Active", "InstanceName",
                "ManufacturerName", "ProductCodeID", "SerialNumberID", "UserFriendlyName", "UserFriendlyNameLength",
                "WeekOfManufacture", "YearOfManufacture");
        assertThat(dell.path("@timestamp").asText()).isEqualTo("2026-03-02T14:03:11.123Z");
        assertThat(dell.path("hostname").asText()).isEqualTo("NWL-LT-0042");
        assertThat(dell.path("ClassName").asText()).isEqualTo("WmiMonitorID");
        assertThat(dell.path("InstanceName").asText()).matches("DISPLAY\\\\DELA0F4\\\\5&1[0-9a-f]{7}&0&UID4352_0");
        assertThat(dell.path("ManufacturerName")).hasSize(16);
        assertThat(dell.path("ManufacturerName").get(0).isInt()).isTrue();
        assertThat(decode(dell.path("ManufacturerName"))).isEqualTo("DEL");
        assertThat(decode(dell.path("ProductCodeID"))).isEqualTo("A0F4");
        assertThat(decode(dell.path("SerialNumberID"))).isEqualTo("CH7VF43");
        assertThat(dell.path("UserFriendlyName")).hasSize(13);
        assertThat(decode(dell.path("UserFriendlyName"))).isEqualTo("DELL U2720Q");
        assertThat(dell.path("UserFriendlyNameLength").asInt()).isEqualTo(13);
        assertThat(dell.path("YearOfManufacture").asInt()).isEqualTo(2021);

        // A built-in panel's EDID has no display name: WMI gives null and a length of 0.
        assertThat(rows.get(0).path("UserFriendlyName").isNull()).isTrue();
        assertThat(rows.get(0).path("UserFriendlyNameLength").asInt()).isZero();
        assertThat(decode(rows.get(2).path("ManufacturerName"))).isEqualTo("LNX");
        assertThat(decode(rows.get(2).path("UserFriendlyName"))).isEqualTo("PiKVM");
        assertThat(decode(rows.get(2).path("SerialNumberID"))).isEmpty();
    }

    @Test
    void theInstanceNameIsStablePerLaptopAndConnectorAndMacsHaveNoWmi() throws IOException {
        run(WmiMonitorWriter::new, dir, List.of(new MonitorInventory(T0, WINDOWS, List.of(DELL)),
                new MonitorInventory(T0.plusSeconds(86_400), WINDOWS, List.of(DELL)),
                new MonitorInventory(T0.plusSeconds(86_401), MAC, List.of(DELL))));

        assertThat(files(dir)).containsExactly("wmi/monitors-2026-03-02.json", "wmi/monitors-2026-03-03.json");
        String first = lines(dir.resolve("wmi/monitors-2026-03-02.json")).get(0).path("InstanceName").asText();
        List<JsonNode> next = lines(dir.resolve("wmi/monitors-2026-03-03.json"));
        assertThat(next).hasSize(1);
        assertThat(next.get(0).path("InstanceName").asText()).isEqualTo(first);
    }
}
