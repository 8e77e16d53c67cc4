package dev.unravel.ingest.format.zeek;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeekSimulatorTest {

    @Test
    void theSimulatorsZeekLogsAreRecognisedAndReadWithNoRejections(@TempDir Path dir) throws IOException {
        new Simulator(new SimConfig(60, 3, 7, 3, LocalDate.of(2026, 3, 2), dir, false), Simulator.Progress.NONE).run();
        String manifest = Files.readString(dir.resolve("simulation.json"));
        List<Event> events = new ArrayList<>();

        List<FileSummary> files = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 3)
                .run(List.of(dir.resolve("zeek")));

        assertThat(files).hasSize(9); // 3 days × conn, dns, http
        long expected = 0;
        for (FileSummary f : files) {
            String rel = "zeek/" + dir.resolve("zeek").relativize(Path.of(f.file())).toString().replace('\\', '/');
            long count = manifestCount(manifest, rel);
            assertThat(f.format()).as(rel).isEqualTo("zeek-json");
            assertThat(f.quarantined()).as(rel).isZero();
            assertThat(f.errors()).isEmpty();
            assertThat(f.records()).as(rel).isEqualTo(count);
            assertThat(f.events()).isEqualTo(count);
            expected += count;
        }
        assertThat(expected).isEqualTo(manifestCount(manifest, "zeek"));
        assertThat(events).hasSize((int) expected);
        assertThat(events).extracting(Event::type).containsOnly("conn", "dns", "http");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.sourceIp()).startsWith("10.");
            assertThat(e.logSource().service()).isEqualTo(e.type());
            assertThat(e.time().toString()).startsWith(e.origin().file().substring(
                    e.origin().file().indexOf("zeek") + 5, e.origin().file().indexOf("zeek") + 15));
        });
    }

    /** A file's records in simulation.json, or (for a source name) the source's total. */
    static long manifestCount(String manifest, String key) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(key) + "\"\\s*:\\s*(\\d+)").matcher(manifest);
        assertThat(m.find()).as(key + " in simulation.json").isTrue();
        return Long.parseLong(m.group(1));
    }
}
