package dev.unravel.detect.control;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IP-KVM and RDP time-zone detectors over the simulator's monitor inventories and RdpCoreTS
 * events, judged by its ground truth: the IP-KVM laptop's PiKVM display and the farm operators'
 * foreign clocks are found, and the look-alikes (a Raspberry Pi developer's LNX display, IT staff's
 * Remote Desktop from US clocks) give nothing strong.
 */
class ControlOnSimulationTest {

    @TempDir
    static Path dir;

    static final Map<String, String> personaOf = new HashMap<>();
    static final Map<String, Set<String>> noiseOf = new HashMap<>();
    static List<Signal> kvm;
    static List<Signal> rdp;
    static List<Signal> inputLanguage;
    static List<Signal> faceVoice;

    @BeforeAll
    static void simulateAndDetect() throws IOException {
        Path out = dir.resolve("sim");
        // Two of each persona: with this seed one IP-KVM laptop and three farm laptops run Windows.
        new Simulator(new SimConfig(200, 24, 11, 10, LocalDate.of(2026, 3, 2), out, false), Simulator.Progress.NONE)
                .run();
        JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        truth.get("fraudulent_workers").forEach(w -> personaOf.put(w.get("employee_id").asText(),
                w.get("persona").asText()));
        truth.get("noise").forEach(n -> n.get("workers").forEach(w -> noiseOf
                .computeIfAbsent(w.asText(), k -> new java.util.TreeSet<>()).add(n.get("behaviour").asText())));
        List<Event> events = new ArrayList<>();
        new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10).run(List.of(out.resolve("hr"),
                out.resolve("assets"), out.resolve("osquery"), out.resolve("windows"), out.resolve("wmi"),
                out.resolve("zoom")));
        kvm = new DetectorHarness().with(events).run(new IpKvmDetector());
        rdp = new DetectorHarness().with(events).run(new RdpClientTimeZoneDetector());
        inputLanguage = new DetectorHarness().with(events).run(new InputLanguageDetector());
        faceVoice = new DetectorHarness().with(events).run(new FaceVoiceChangerDetector());
    }

    private static Set<String> subjects(List<Signal> signals, double atLeast) {
        return signals.stream().filter(s -> s.strength() >= atLeast).map(s -> s.subject().value())
                .collect(Collectors.toSet());
    }

    @Test
    void theIpKvmLaptopShowsThePiKvmDisplayAndBothHalvesOfTheBox() {
        List<Signal> display = kvm.stream().filter(s -> s.explanation().contains("display \"PiKVM\" by LNX")).toList();
        assertThat(display).isNotEmpty();
        assertThat(display).allSatisfy(s -> assertThat(personaOf.get(s.subject().value()))
                .isEqualTo("ipkvm_facilitator"));
        assertThat(display).anySatisfy(s -> assertThat(s.explanation()).contains("both halves"));
        assertThat(display.stream().mapToDouble(Signal::strength).max().orElseThrow()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void theRaspberryPiDeveloperGetsOnlyTheLnxHint() {
        List<Signal> onPi = kvm.stream().filter(s -> noiseOf.getOrDefault(s.subject().value(), Set.of())
                .contains("raspberry_pi_display")).toList();
        assertThat(onPi).isNotEmpty().allSatisfy(s -> {
            assertThat(s.strength()).isLessThan(0.5);
            assertThat(s.explanation()).contains("\"Linux FHD\" by LNX");
        });
        assertThat(personaOf.keySet()).containsAll(subjects(kvm, 0.5));
    }

    @Test
    void remoteDesktopFromKoreanOrChineseClocksIsFoundOnFarmLaptopsAndItSupportRaisesNothing() {
        assertThat(rdp).isNotEmpty();
        // Every RDP signal is on a fraudulent worker: IT staff's US clocks are within hours of the colleague's zone.
        assertThat(personaOf.keySet()).containsAll(subjects(rdp, 0));
        assertThat(subjects(rdp, 0.6).stream().map(personaOf::get)).contains("fast_exfiltrator");
        assertThat(rdp).allSatisfy(s -> assertThat(s.explanation()).containsAnyOf("UTC+8", "UTC+9"));
    }

    @Test
    void theOperatorsKoreanOrChineseAndTheGenuineTypistsAreFound_weakly_andNobodyElse() {
        Set<String> expected = new java.util.TreeSet<>();
        personaOf.forEach((id, persona) -> {
            if (!persona.equals("ipkvm_facilitator")) {
                expected.add(id); // the IP-KVM facilitator's laptop stays as shipped
            }
        });
        noiseOf.forEach((id, noise) -> {
            if (noise.contains("korean_or_chinese_typist")) {
                expected.add(id);
            }
        });
        assertThat(noiseOf.values()).as("the near miss is in this population")
                .anySatisfy(n -> assertThat(n).contains("korean_or_chinese_typist"));
        assertThat(subjects(inputLanguage, 0)).isEqualTo(expected);
        assertThat(inputLanguage).allSatisfy(s -> assertThat(s.strength()).isLessThanOrEqualTo(0.25));
        // an operator hired in the window adds it as they start: on Windows, Sysmon logged the write
        assertThat(inputLanguage).anySatisfy(s -> {
            assertThat(personaOf).containsKey(s.subject().value());
            assertThat(s.explanation()).contains("per Sysmon registry writes", "User Profile\\");
        });
        // a genuine writer of the language had it before the logs: osquery's first results show it
        assertThat(inputLanguage).filteredOn(s -> !personaOf.containsKey(s.subject().value()))
                .allSatisfy(s -> assertThat(s.explanation()).contains("per osquery's"));
    }

    /**
     * The synthetic identities' operators install a voice changer on the first working day and run
     * it for calls: found on the laptop on their first day (in HR's calendar, though the operator's clock
     * is a day ahead), and again, stronger, as the microphone of their Zoom calls; the genuine workers who
     * use one for games after work get context only; nobody else gets anything.
     */
    @Test
    void theOperatorsVoiceChangerIsFoundOnTheFirstDayAndTheGamersGetOnlyContext() {
        Set<String> operators = personaOf.entrySet().stream().filter(e -> e.getValue().equals("synthetic_shared"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        Set<String> gamers = noiseOf.entrySet().stream().filter(e -> e.getValue().contains("voice_changer_user"))
                .map(Map.Entry::getKey).collect(Collectors.toSet());
        assertThat(operators).isNotEmpty();
        assertThat(gamers).isNotEmpty();
        // on the laptop from the first day, then on the first call it was the microphone of
        for (String operator : operators) {
            assertThat(faceVoice).filteredOn(s -> s.subject().value().equals(operator)).hasSize(2)
                    .satisfiesExactly(installed -> {
                        assertThat(installed.strength()).isEqualTo(0.2);
                        assertThat(installed.explanation()).contains("The voice changer Voicemod",
                                "on the worker's first day");
                    }, onCall -> {
                        assertThat(onCall.strength()).isEqualTo(0.55);
                        assertThat(onCall.explanation()).contains("The voice changer Voicemod was in use on a Zoom "
                                + "call", "Voicemod Virtual Audio Device", "heard it");
                    });
        }
        assertThat(faceVoice).filteredOn(s -> !operators.contains(s.subject().value()))
                .extracting(s -> s.subject().value()).containsExactlyInAnyOrderElementsOf(gamers);
        assertThat(faceVoice).filteredOn(s -> gamers.contains(s.subject().value()))
                .allSatisfy(s -> assertThat(s.strength()).isEqualTo(0.2))
                .as("games after work, not calls").noneSatisfy(s -> assertThat(s.explanation()).contains("Zoom"));
    }

    /**
     * The same company meeting on Microsoft Teams: its call records, read back a participant's
     * session an event, name the operators' Voicemod microphone as Zoom's records did, and nothing of
     * them is quarantined; each operator's meeting is said as a Teams meeting with its organiser.
     */
    @Test
    void onTeamsTheOperatorsVoiceChangerIsFoundAsTheMicrophoneOfTheirMeetings() throws IOException {
        Path out = dir.resolve("teams-sim");
        new Simulator(new SimConfig(100, 8, 11, 5, LocalDate.of(2026, 3, 2), out, false, SimConfig.WebProxy.NONE,
                SimConfig.Vpn.NONE, SimConfig.Edr.SYSMON, SimConfig.Mdm.NONE, SimConfig.Office.MICROSOFT,
                SimConfig.Meetings.TEAMS), Simulator.Progress.NONE).run();
        assertThat(out.resolve("zoom")).doesNotExist();
        JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        Set<String> operators = new java.util.TreeSet<>();
        truth.get("fraudulent_workers").forEach(w -> {
            if (w.get("persona").asText().equals("synthetic_shared")) {
                operators.add(w.get("employee_id").asText());
            }
        });
        List<Event> events = new ArrayList<>();
        List<dev.unravel.ingest.FileSummary> read = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10)
                .run(List.of(out.resolve("hr"), out.resolve("teams")));
        List<dev.unravel.ingest.FileSummary> calls = read.stream().filter(f -> f.file().contains("callrecords"))
                .toList();
        assertThat(calls).isNotEmpty().allSatisfy(f -> {
            assertThat(f.format()).isEqualTo("teams-callrecords");
            assertThat(f.quarantined()).isZero();
        });
        assertThat(calls.stream().mapToLong(dev.unravel.ingest.FileSummary::events).sum())
                .as("a participant's session an event, a meeting a record")
                .isGreaterThan(2 * calls.stream().mapToLong(dev.unravel.ingest.FileSummary::records).sum());
        List<Signal> onTeams = new DetectorHarness().with(events).run(new FaceVoiceChangerDetector());
        assertThat(operators).isNotEmpty();
        assertThat(onTeams).extracting(s -> s.subject().value()).containsExactlyInAnyOrderElementsOf(operators);
        assertThat(onTeams).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.55);
            assertThat(s.explanation()).contains("The voice changer Voicemod was in use on a Teams meeting organised "
                    + "by ", "Voicemod Virtual Audio Device", "heard it");
        });
    }
}
