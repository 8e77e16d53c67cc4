package dev.unravel.detect.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.Detector;
import dev.unravel.detect.Detectors;
import dev.unravel.detect.testing.DetectorHarness;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack's access log as the only record of where people were: a simulated company whose Slack
 * entries (grown each day, with each account's email) read back without a quarantine, and the
 * sign-in detectors find the farm's VPN persona behind an anonymising network from them alone, and
 * give no benign look-alike a strong signal.
 */
class SlackOnSimulationTest {

    @TempDir
    Path dir;

    @Test
    void slacksAccessLogAloneShowsTheOperatorsNetworks() throws IOException {
        Path out = dir.resolve("sim");
        new Simulator(new SimConfig(150, 10, 7, 5, LocalDate.of(2026, 3, 2), out, false, SimConfig.WebProxy.NONE,
                SimConfig.Vpn.NONE, SimConfig.Edr.SYSMON, SimConfig.Mdm.NONE, SimConfig.Office.MICROSOFT,
                SimConfig.Meetings.ZOOM, SimConfig.Chat.SLACK), Simulator.Progress.NONE).run();
        JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        Map<String, String> personaOf = new HashMap<>();
        truth.get("fraudulent_workers").forEach(w -> personaOf.put(w.get("employee_id").asText(),
                w.get("persona").asText()));
        Set<String> noise = new HashSet<>();
        truth.get("noise").forEach(n -> n.get("workers").forEach(w -> noise.add(w.asText())));

        List<Event> events = new ArrayList<>();
        List<FileSummary> read = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10)
                .run(List.of(out.resolve("hr"), out.resolve("intel"), out.resolve("slack")));
        assertThat(read).filteredOn(f -> f.file().contains("/slack/")).isNotEmpty().allSatisfy(f -> {
            assertThat(f.format()).isEqualTo("slack-access");
            assertThat(f.quarantined()).isZero();
        });
        Map<String, List<Signal>> signalsBy = new HashMap<>();
        for (Detector d : Detectors.builtIn(DetectConfig.DEFAULT)) {
            if (d.id().startsWith("access.")) {
                signalsBy.put(d.id(), new DetectorHarness().with(events).run(d));
            }
        }
        assertThat(signalsBy.get("access.anonymising-network")).filteredOn(s -> s.strength() >= 0.3)
                .extracting(s -> personaOf.get(s.subject().value())).contains("stolen_identity_farm")
                .doesNotContainNull();
        signalsBy.forEach((id, signals) -> signals.stream().filter(s -> noise.contains(s.subject().value()))
                .forEach(s -> assertThat(s.strength()).as(id + ": " + s.explanation()).isLessThan(0.5)));
    }
}
