package dev.unravel.sim.out;

import static dev.unravel.sim.out.WriterFixtures.MAC;
import static dev.unravel.sim.out.WriterFixtures.T0;
import static dev.unravel.sim.out.WriterFixtures.WINDOWS;
import static dev.unravel.sim.out.WriterFixtures.files;
import static dev.unravel.sim.out.WriterFixtures.flow;
import static dev.unravel.sim.out.WriterFixtures.lines;
import static dev.unravel.sim.out.WriterFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JamfWriterTest {

    @TempDir
    Path dir;

    @Test
    void eachDaysExportHoldsTheMacsThatCheckedIn_asTheirLastCheckInLeftThem() throws IOException {
        run(JamfWriter::new, dir, List.of(flow(MAC, T0, null, "example.com", null),
                flow(WINDOWS, T0.plusSeconds(30), null, "example.com", null),
                flow(MAC, T0.plusSeconds(3_600), null, "example.org", null),
                flow(MAC, T0.plusSeconds(86_400), null, "example.org", null)));

        assertThat(files(dir)).containsExactly("jamf/computers-inventory-2026-03-02.ndjson",
                "jamf/computers-inventory-2026-03-03.ndjson");
        List<JsonNode> first = lines(dir.resolve("jamf/computers-inventory-2026-03-02.ndjson"));
        assertThat(first).as("the Mac once, the Windows laptop not at all").hasSize(1);
        JsonNode mac = first.get(0);
        assertThat(mac.path("udid").asText()).isEqualTo(MAC.hostUuid());
        JsonNode general = mac.path("general");
        assertThat(general.path("name").asText()).isEqualTo("NWL-MB-0043");
        assertThat(general.path("lastIpAddress").asText()).as("the public address it came from").isEqualTo("73.4.5.6");
        assertThat(general.path("lastReportedIp").asText()).startsWith("192.168.1.");
        assertThat(general.path("lastContactTime").asText()).as("its last check-in that day")
                .isEqualTo("2026-03-02T15:03:11.123Z");
        assertThat(mac.path("hardware").path("serialNumber").asText()).isEqualTo(MAC.serial());
        assertThat(mac.path("userAndLocation").path("username").asText()).isEqualTo("anguyen");
        assertThat(mac.path("userAndLocation").path("email").asText()).isEqualTo("alice.nguyen@northwindlabs.com");
        assertThat(lines(dir.resolve("jamf/computers-inventory-2026-03-03.ndjson"))).singleElement()
                .satisfies(m -> assertThat(m.path("general").path("lastContactTime").asText())
                        .startsWith("2026-03-03T14:03:11"));
    }
}
