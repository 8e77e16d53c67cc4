package dev.unravel.ingest.format.osquery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.ReaderHarness.Result;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OsquerySimulatorTest {

    @Test
    void theSimulatorsResultsLogsReadWithNoRejectionsAndOneEventPerRow(@TempDir Path dir) throws IOException {
        new Simulator(new SimConfig(60, 3, 7, 3, LocalDate.of(2026, 3, 2), dir, false), Simulator.Progress.NONE).run();
        String manifest = Files.readString(dir.resolve("simulation.json"));
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("osquery"))) {
            files = s.sorted().toList();
        }
        assertThat(files).hasSize(3);

        OsqueryResultsReader reader = new OsqueryResultsReader();
        long events = 0;
        for (Path f : files) {
            assertThat(reader.probe(OsqueryResultsReaderTest.sample(f))).as(f.toString()).isGreaterThanOrEqualTo(90);
            Result r = ReaderHarness.read(reader, f);
            assertThat(r.errors()).as(f.toString()).isEmpty();
            assertThat(r.failure()).isNull();
            assertThat(r.records()).isEqualTo(manifestCount(manifest, "osquery/" + f.getFileName()));
            assertThat(r.events()).hasSize((int) expectedRows(f));
            assertThat(r.events()).allSatisfy(e -> {
                assertThat(e.host()).startsWith("NWL-");
                assertThat(e.logSource().product()).isEqualTo("osquery");
                assertThat(e.logSource().service()).isIn("processes", "programs", "apps", "usb_devices",
                        "interface_addresses", "interface_addresses_windows", "arp_cache", "keyboard_layouts",
                        "input_sources");
                assertThat(e.time().toString()).startsWith(f.getFileName().toString().substring(17, 27));
            });
            events += r.events().size();
        }
        assertThat(events).isGreaterThan(300);
    }

    /** A differential line is one row; a snapshot line one per row (an empty snapshot one). */
    private static long expectedRows(Path f) throws IOException {
        long n = 0;
        for (String line : Files.readAllLines(f)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode snapshot = JSON.readTree(line).get("snapshot");
            n += snapshot == null ? 1 : Math.max(1, snapshot.size());
        }
        return n;
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static long manifestCount(String manifest, String file) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(file) + "\"\\s*:\\s*(\\d+)").matcher(manifest);
        assertThat(m.find()).as(file + " in simulation.json").isTrue();
        return Long.parseLong(m.group(1));
    }
}
