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
import dev.unravel.detect.PreparingDetector;
import dev.unravel.detect.roster.DeviceAddresses;
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
    private static class Counting implements Detector {
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

    /** Prepares the account in capitals (fails on "boom"); records what reached onEvent. */
    private static class Shouting implements PreparingDetector<String> {
        final List<String> got = new ArrayList<>();
        int prepared;

        @Override
        public String id() {
            return "test.shouting";
        }

        @Override
        public String description() {
            return "shouts accounts";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("x.event");
        }

        @Override
        public String prepare(Event event) {
            prepared++;
            if ("boom".equals(event.user())) {
                throw new IllegalStateException("cannot shout " + event.user());
            }
            return event.user() == null ? null : event.user().toUpperCase(java.util.Locale.ROOT);
        }

        @Override
        public void onEvent(Event event, String prepared, DetectorContext context) {
            got.add(event.user() + "=" + prepared);
        }
    }

    private static Event event(String type, String user, int record) {
        return new Event(Instant.parse("2026-03-02T10:00:00Z").plusSeconds(record), "test", type,
                LogSource.of("test", null, null), user, null, null, Map.of(), new EventRef("t.json", record));
    }

    @Test
    void preparedWorkReachesTheDetectorWithItsEvent_andAFailedPrepareCountsAsAFailure() throws Exception {
        Shouting shouting = new Shouting();
        Counting counting = new Counting();
        DetectorRunner runner = new DetectorRunner(List.of(counting, shouting),
                new Roster(Pii.withKey("test-key-0123456789abcdef")), new DeviceAddresses(10), DetectConfig.DEFAULT, s -> { });
        assertThat(runner.prepares()).isTrue();
        List<Event> events = List.of(event("x.event", "ann", 1), event("x.event", null, 2),
                event("x.event", "boom", 3), event("y.event", "bob", 4), event("x.event", "cy", 5));
        // prepared on another thread, as a scan's readers do
        java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor();
        List<Object> prepared = new ArrayList<>();
        try {
            for (Event e : events) {
                prepared.add(reader.submit(() -> runner.prepare(e)).get());
            }
        } finally {
            reader.shutdown();
        }
        assertThat(prepared.get(1)).isNull();   // nothing for an event without an account
        assertThat(prepared.get(3)).isNull();   // nor for a type the detector does not read
        for (int i = 0; i < events.size(); i++) {
            runner.accept(events.get(i), prepared.get(i));
        }
        runner.accept(event("x.event", "dee", 6)); // prepared inline
        assertThat(shouting.got).containsExactly("ann=ANN", "null=null", "cy=CY", "dee=DEE");
        DetectorRunner.Stats s = runner.stats().get(1);
        assertThat(s.events()).isEqualTo(5);
        assertThat(s.failures()).isEqualTo(1);
        assertThat(s.firstFailure()).contains("cannot shout boom");
        assertThat(runner.stats().get(0).failures()).isZero();
        assertThat(counting.calls).containsExactly("start", "event", "event", "event", "event", "event");
        assertThat(new DetectorRunner(List.of(new Counting()), new Roster(Pii.withKey("test-key-0123456789abcdef")), new DeviceAddresses(10),
                DetectConfig.DEFAULT, x -> { }).prepares()).isFalse();
    }

    /** A detector given only reference records (the organisation's IP ranges) read nothing it looks at. */
    @Test
    void referenceRecordsAreHandedOver_butAreNotWhatADetectorLooksAt() {
        Counting counting = new Counting() {
            @Override
            public Set<String> eventTypes() {
                return Set.of("x.event", "reference.ip_range");
            }
        };
        DetectorRunner runner = new DetectorRunner(List.of(counting), new Roster(Pii.withKey("test-key-0123456789abcdef")),
                new DeviceAddresses(10), DetectConfig.DEFAULT, x -> { });
        runner.accept(event("reference.ip_range", null, 1));
        runner.accept(event("reference.ip_range", null, 2));
        assertThat(counting.calls).containsExactly("start", "event", "event");
        assertThat(runner.stats().get(0).events()).isZero();
        runner.accept(event("x.event", "ann", 3));
        assertThat(runner.stats().get(0).events()).isEqualTo(1);
    }

    @Test
    void aDetectorWhoseStartFailedIsNotPrepared() {
        Shouting cannotStart = new Shouting() {
            @Override
            public void start(DetectorContext context) {
                throw new IllegalStateException("no catalogue");
            }
        };
        DetectorRunner runner = new DetectorRunner(List.of(cannotStart), new Roster(Pii.withKey("test-key-0123456789abcdef")), new DeviceAddresses(10),
                DetectConfig.DEFAULT, x -> { });
        assertThat(runner.prepares()).isFalse();
        assertThat(runner.prepare(event("x.event", "ann", 1))).isNull();
        runner.accept(event("x.event", "ann", 1));
        assertThat(cannotStart.prepared).isZero();
        assertThat(cannotStart.got).isEmpty();
        assertThat(runner.stats().get(0).firstFailure()).contains("no catalogue");
    }

    @Test
    void startsEachDetectorOnce_andABrokenStartCostsOnlyThatDetector() {
        Counting counting = new Counting();
        Broken broken = new Broken();
        List<Signal> signals = new ArrayList<>();
        DetectorRunner runner = new DetectorRunner(List.of(broken, counting), new Roster(Pii.withKey("test-key-0123456789abcdef")), new DeviceAddresses(10),
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
