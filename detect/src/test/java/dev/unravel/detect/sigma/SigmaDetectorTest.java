package dev.unravel.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.control.Samples;
import dev.unravel.detect.testing.DetectorHarness;
import dev.unravel.sigma.RuleSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SigmaDetectorTest {

    @Test
    void techniqueIsTheFirstAttackTechniqueTagWithOrWithoutSubTechnique() {
        assertThat(SigmaDetector.technique(List.of("attack.command-and-control", "attack.t1219"))).isEqualTo("T1219");
        assertThat(SigmaDetector.technique(List.of("attack.t1219.003", "attack.t1219"))).isEqualTo("T1219.003");
        assertThat(SigmaDetector.technique(List.of("attack.exfiltration", "attack.ta0010"))).isNull();
        assertThat(SigmaDetector.technique(List.of("attack.t1"))).isNull();
    }

    @Test
    void stageTagWinsOverTheTactic() {
        assertThat(SigmaDetector.stage(List.of("attack.collection", "unravel.stage.steal"))).isEqualTo(Stage.STEAL);
        assertThat(SigmaDetector.stage(List.of("attack.exfiltration"))).isEqualTo(Stage.STEAL);
        assertThat(SigmaDetector.stage(List.of("unravel.stage.nonsense", "attack.command-and-control")))
                .isEqualTo(Stage.CONTROL);
    }

    /** AnyDesk started three times on one device within an hour; the single starts are not signals. */
    private static final String RULES = """
            title: AnyDesk started
            id: 6a1d3b1e-5c4f-4d8e-9a51-0c3c1f1d2a01
            name: anydesk_start
            logsource: {product: windows, category: process_creation}
            detection:
                selection:
                    Image|endswith: '\\anydesk.exe'
                condition: selection
            ---
            title: AnyDesk started again and again
            id: 6a1d3b1e-5c4f-4d8e-9a51-0c3c1f1d2a02
            level: high
            correlation:
                type: event_count
                rules: [anydesk_start]
                group-by: [Computer]
                timespan: 1h
                condition: {gte: 3}
            """;

    private static String starts(int n) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            s.append(Samples.process("2026-03-05T10:0" + i + ":00Z", "NWL-LT-7", "NORTHWIND\\dmartin",
                    "C:\\Users\\dmartin\\Downloads\\AnyDesk.exe", "AnyDesk.exe"));
        }
        return s.toString();
    }

    private static SigmaDetector detector() {
        RuleSet rules = RuleSet.builder().text("anydesk.yml", RULES).build();
        assertThat(rules.report().errors()).isEmpty();
        return new SigmaDetector(rules);
    }

    @Test
    void eachMatchFeedsACorrelationOnce() {
        // Two starts are two, not four: the threshold of three is not reached.
        assertThat(new DetectorHarness().with("windows-evtx-json", starts(2)).run(detector())).isEmpty();
        List<Signal> three = new DetectorHarness().with("windows-evtx-json", starts(3)).run(detector());
        assertThat(three).singleElement().satisfies(s -> {
            assertThat(s.detector()).isEqualTo("sigma:6a1d3b1e-5c4f-4d8e-9a51-0c3c1f1d2a02");
            // the three starts, each once
            assertThat(s.evidence()).hasSize(3).doesNotHaveDuplicates();
        });
    }

    @Test
    void matchingOnOtherThreadsGivesTheSameSignalsAsMatchingInline() throws Exception {
        List<Event> events = DetectorHarness.read("windows-evtx-json", starts(6));
        SigmaDetector ahead = detector();
        List<int[]> prepared = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            List<Future<int[]>> futures = new ArrayList<>();
            for (Event e : events) {
                futures.add(readers.submit(() -> ahead.prepare(e)));
            }
            for (Future<int[]> f : futures) {
                prepared.add(f.get());
            }
        } finally {
            readers.shutdown();
        }
        assertThat(prepared).allSatisfy(p -> assertThat(p).hasSize(1));
        DetectorHarness h = new DetectorHarness();
        ahead.start(h);
        for (int i = 0; i < events.size(); i++) {
            ahead.onEvent(events.get(i), prepared.get(i), h);
        }
        List<Signal> inline = new DetectorHarness().with(events).run(detector());
        assertThat(inline).hasSize(2); // at the third and at the sixth start: a match starts the count again
        assertThat(h.signals()).isEqualTo(inline);
    }
}
