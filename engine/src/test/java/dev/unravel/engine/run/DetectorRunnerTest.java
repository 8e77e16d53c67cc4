package dev.unravel.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.core.Signal;
import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.roster.Pii;
import dev.unravel.detect.roster.Roster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Detectors are started once before the first event with their own context; one whose start
 * fails is reported with the cause and gets no events, and the others run as usual.
 */
class DetectorRunnerTest {

    /** Counts its events in state created at start. */
    private static final class Counting implements Detector {
        final List<String> calls = new ArrayList<>();
        PerEntity<String, int[]> counts;

        @Override
        public String id() {
            return "test.counting";
        }

        @Override
        public String description() {
            return "counts events";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("x.event");
        }

        @Override
        public void start(DetectorContext context) {
            calls.add("start");
            counts = context.state(context.settings().integer("max", 10));
        }

        @Override
        public void onEvent(Event event, DetectorContext context) {
            calls.add("event");
            counts.get(event.user(), k -> new int[1])[0]++;
        }

        @Override
        public void finish(DetectorContext context) {
            calls.add("finish");
        }
    }

    /** Cannot start. */
    private static final class Broken implements Detector {
        int events;

        @Override
        public String id() {
            return "test.broken";
        }

        @Override
        public String description() {
            return "fails to start";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of();
        }

        @Override
        public void start(DetectorContext context) {
            throw new IllegalStateException("no state for you");
        }

        @Override
        public void onEvent(Event event, DetectorContext context) {
            events++;
        }
    }

    @Test
    void startsEachDetectorOnce_andABrokenStartCostsOnlyThatDetector() {
        Counting counting = new Counting();
        Broken broken = new Broken();
        List<Signal> signals = new ArrayList<>();
        DetectorRunner runner = new DetectorRunner(List.of(broken, counting), new Roster(Pii.withKey("test-key-0123456789abcdef")),
                DetectConfig.DEFAULT, signals::add);
        assertThat(counting.calls).containsExactly("start");
        for (int i = 0; i < 3; i++) {
            runner.accept(new Event(Instant.parse("2026-03-02T10:00:00Z").plusSeconds(i), "test", "x.event",
                    LogSource.of("test", null, null), "ann", null, null, Map.of(), new EventRef("t.json", i + 1)));
        }
        runner.finish();
        assertThat(counting.calls).containsExactly("start", "event", "event", "event", "finish");
        assertThat(counting.counts.peek("ann")[0]).isEqualTo(3);
        assertThat(broken.events).isZero();
        DetectorRunner.Stats b = runner.stats().get(0);
        assertThat(b.id()).isEqualTo("test.broken");
        assertThat(b.failures()).isEqualTo(1);
        assertThat(b.firstFailure()).contains("no state for you");
        assertThat(runner.stats().get(1).events()).isEqualTo(3);
        assertThat(runner.stats().get(1).failures()).isZero();
    }
}
