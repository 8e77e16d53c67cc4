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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The access and working-hours detectors over a small simulated company, judged by its ground
 * truth: the hard case (an IP-KVM operator whose sign-ins all come from a US home line) is caught
 * by the hours it keeps, and no benign look-alike (traveller, night owl, contractor abroad, couple,
 * office and corporate-VPN users) gets a strong signal from any of them.
 */
class AccessOnSimulationTest {

    @TempDir
    static Path dir;

    static final Map<String, String> personaOf = new HashMap<>();
    static final Set<String> noise = new HashSet<>();
    static final Map<String, List<Signal>> signalsBy = new HashMap<>();

    @BeforeAll
    static void simulateAndDetect() throws IOException {
        Path out = dir.resolve("sim");
        new Simulator(new SimConfig(250, 16, 7, 5, LocalDate.of(2026, 3, 2), out, false), Simulator.Progress.NONE)
                .run();
        JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        truth.get("fraudulent_workers").forEach(w -> personaOf.put(w.get("employee_id").asText(),
                w.get("persona").asText()));
        truth.get("noise").forEach(n -> n.get("workers").forEach(w -> noise.add(w.asText())));
        List<Event> events = new ArrayList<>();
        new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10).run(List.of(out));
        for (Detector d : Detectors.builtIn(DetectConfig.DEFAULT)) {
            if (d.id().startsWith("access.") || d.id().startsWith("hours.")) {
                signalsBy.put(d.id(), new DetectorHarness().with(events).run(d));
            }
        }
    }

    private static Set<String> workersFlagged(String detector, double atLeast) {
        Set<String> out = new HashSet<>();
        for (Signal s : signalsBy.get(detector)) {
            if (s.strength() >= atLeast) {
                out.add(s.subject().value());
            }
        }
        return out;
    }

    @Test
    void theWorkingHoursFingerprintCatchesTheIpKvmOperatorAndOnlyFrauds() {
        Set<String> flagged = workersFlagged("hours.working-hours", 0.3);
        assertThat(personaOf.keySet()).containsAll(flagged);
        assertThat(flagged.stream().map(personaOf::get)).contains("ipkvm_facilitator");
        assertThat(flagged).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void vpnPersonasAreSeenBehindAnonymisingNetworks() {
        Set<String> flagged = workersFlagged("access.anonymising-network", 0.3);
        assertThat(personaOf.keySet()).containsAll(flagged);
        assertThat(flagged.stream().map(personaOf::get)).contains("stolen_identity_farm");
    }

    @Test
    void noBenignLookAlikeGetsAStrongSignal() {
        for (var entry : signalsBy.entrySet()) {
            for (Signal s : entry.getValue()) {
                if (noise.contains(s.subject().value())) {
                    assertThat(s.strength()).as(entry.getKey() + ": " + s.explanation()).isLessThan(0.5);
                }
            }
        }
        assertThat(signalsBy).hasSize(14); // every access and hours detector ran
    }

    /** The first farm's operators join some of their hires' meetings from their own machine: it ties them, no one else. */
    @Test
    void theOperatorsOwnMachineInTheirHiresMeetings_tiesTheFirstFarmsHires_andNobodyElse() {
        Set<String> flagged = workersFlagged("access.shared-meeting-computer", 0.0);
        assertThat(personaOf.keySet()).containsAll(flagged);
        assertThat(flagged.stream().map(personaOf::get))
                .containsExactlyInAnyOrder("stolen_identity_farm", "synthetic_shared", "fast_exfiltrator");
        assertThat(signalsBy.get("access.shared-meeting-computer")).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.6);
            assertThat(s.explanation()).startsWith("One computer, DESKTOP-").contains("joined meetings as 3 different "
                    + "workers");
        });
    }

    @Test
    void oneMachinesGitIdentity_tiesTheFirstFarmsThreeHires_aTeamsBuildHostOnlyWeakly() {
        assertThat(workersFlagged("access.shared-commit-identity", 0.5).stream().map(personaOf::get))
                .containsExactlyInAnyOrder("stolen_identity_farm", "synthetic_shared", "fast_exfiltrator");
        Set<String> weak = workersFlagged("access.shared-commit-identity", 0.0);
        weak.removeAll(personaOf.keySet());
        assertThat(weak).as("the team on one build host, on its UTC clock").hasSize(3).allMatch(noise::contains);
    }

    @Test
    void onlyTheFiredExtortionistsAccountIsUsedAfterLeaving_notTheHonestLeavers() {
        assertThat(workersFlagged("access.after-termination", 0.0).stream().map(personaOf::get))
                .containsExactly("fired_extortionist");
    }
}
