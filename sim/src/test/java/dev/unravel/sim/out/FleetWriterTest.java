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

class FleetWriterTest {

    @TempDir
    Path dir;

    @Test
    void eachDaysHostsAreEveryLaptopSeen_asItsLastContactLeftIt() throws IOException {
        run(FleetWriter::new, dir, List.of(flow(MAC, T0, null, "example.com", null),
                flow(WINDOWS, T0.plusSeconds(30), null, "example.com", null),
                flow(MAC, T0.plusSeconds(3_600), null, "example.org", null)));

        assertThat(files(dir)).containsExactly("fleet/hosts-2026-03-02.ndjson");
        List<JsonNode> hosts = lines(dir.resolve("fleet/hosts-2026-03-02.ndjson"));
        assertThat(hosts).extracting(h -> h.path("hostname").asText()).as("in host-name order, once each")
                .containsExactly("NWL-LT-0042", "NWL-MB-0043");
        JsonNode mac = hosts.get(1);
        assertThat(mac.path("seen_time").asText()).isEqualTo("2026-03-02T15:03:11Z");
        assertThat(mac.path("public_ip").asText()).isEqualTo("73.4.5.6");
        assertThat(mac.path("platform").asText()).isEqualTo("darwin");
        assertThat(mac.path("osquery_version").asText()).isNotEmpty();
        assertThat(mac.path("hardware_serial").asText()).isEqualTo(MAC.serial());
        assertThat(hosts.get(0).path("platform").asText()).isEqualTo("windows");
        assertThat(mac.has("id") && mac.get("id").isNumber()).as("Fleet's ids are numbers").isTrue();
    }
}
