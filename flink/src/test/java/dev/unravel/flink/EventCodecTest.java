package dev.unravel.flink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.FieldMap;
import dev.unravel.core.LogSource;
import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PreparingDetector;
import dev.unravel.detect.roster.DeviceAddresses;
import dev.unravel.detect.roster.Pii;
import dev.unravel.detect.roster.Roster;
import dev.unravel.engine.run.DetectorRunner;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.read.RecordError;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    /** Prepares a kind that travels (rule numbers) and one that does not (a record of its own). */
    static final class Matcher implements PreparingDetector<int[]> {
        @Override
        public String id() {
            return "test.matcher";
        }

        @Override
        public String description() {
            return "rule numbers";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of();
        }

        @Override
        public int[] prepare(Event e) {
            return e.type().equals("sysmon.1") ? new int[] {3, 17, 4_000} : null;
        }

        @Override
        public void onEvent(Event e, int[] prepared, DetectorContext context) {
        }
    }

    record Sighting(String tool) {
    }

    static final class Sightings implements PreparingDetector<Sighting> {
        final AtomicInteger prepared = new AtomicInteger();

        @Override
        public String id() {
            return "test.sightings";
        }

        @Override
        public String description() {
            return "a result that does not travel";
        }

        @Override
        public Set<String> eventTypes() {
            return Set.of("sysmon.");
        }

        @Override
        public Sighting prepare(Event e) {
            prepared.incrementAndGet();
            return new Sighting("anydesk");
        }

        @Override
        public void onEvent(Event e, Sighting prepared, DetectorContext context) {
        }
    }

    static DetectorRunner runner(List<dev.unravel.detect.Detector> detectors) {
        return new DetectorRunner(detectors, new Roster(Pii.withKey("a test key of sixteen")), new DeviceAddresses(10), DetectConfig.DEFAULT,
                s -> {
                });
    }

    static Event event() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("CommandLine", "x".repeat(70_000) + " ünïcødé \uD83D\uDE00");
        inner.put("ProcessId", 4242L);
        inner.put("Count", 7);
        inner.put("Ratio", 0.25);
        inner.put("Small", 1.5f);
        inner.put("Huge", new BigInteger("123456789012345678901234567890"));
        inner.put("Exact", new BigDecimal("1.000"));
        inner.put("Elevated", true);
        inner.put("Signed", false);
        inner.put("Nothing", null);
        inner.put(null, "a null key");
        List<Object> list = new ArrayList<>(List.of("a", 1L));
        list.add(null);
        list.add(Map.of("deep", List.of()));
        inner.put("List", list);
        FieldMap doc = new FieldMap();
        doc.put("EventData", inner);
        doc.put("Channel", "Microsoft-Windows-Sysmon/Operational");
        return new Event(Instant.parse("2026-03-02T09:15:30.123456789Z"), "sysmon", "sysmon.1",
                LogSource.of("windows", "process_creation", null), "CORP\\dana", "LAPTOP-7", null, doc,
                new EventRef("sysmon/2026-03-02.evtx.json", 12));
    }

    @Test
    void anEventComesBackAsItWent_withItsTime() {
        Sightings sightings = new Sightings();
        DetectorRunner runner = runner(List.of(new Matcher(), sightings));
        EventCodec writer = new EventCodec(runner);
        Event e = event();
        byte[] bytes = writer.encode(e, runner.prepare(e));

        assertThat(EventCodec.isEvent(bytes)).isTrue();
        assertThat(EventCodec.timeMillis(bytes)).isEqualTo(e.time().toEpochMilli());
        EventCodec.Decoded d = new EventCodec(runner).decode(bytes);
        assertThat(d.event()).isEqualTo(e);
        assertThat(d.event().document()).isInstanceOf(FieldMap.class);
        assertThat(((Map<?, ?>) d.event().document().get("EventData")).get("Huge"))
                .isEqualTo(new BigInteger("123456789012345678901234567890"));
    }

    @Test
    void ruleNumbersTravel_otherResultsArePreparedAgain() {
        Sightings sightings = new Sightings();
        DetectorRunner runner = runner(List.of(new Matcher(), sightings));
        Event e = event();
        byte[] bytes = new EventCodec(runner).encode(e, runner.prepare(e));
        assertThat(sightings.prepared).hasValue(1);

        Object[] slots = (Object[]) new EventCodec(runner).decode(bytes).prepared();
        assertThat((int[]) slots[0]).containsExactly(3, 17, 4_000);
        assertThat(slots[1]).isEqualTo(new Sighting("anydesk"));
        assertThat(sightings.prepared).as("prepared again where the detectors run").hasValue(2);
    }

    @Test
    void nothingPrepared_staysNothing_andAnotherConfigurationPreparesItAll() {
        DetectorRunner runner = runner(List.of(new Matcher(), new Sightings()));
        Event e = event();
        assertThat(new EventCodec(runner).decode(new EventCodec(runner).encode(e, null)).prepared()).isNull();

        Sightings elsewhere = new Sightings();
        DetectorRunner other = runner(List.of(elsewhere, new Matcher()));
        Object[] slots = (Object[]) new EventCodec(other).decode(new EventCodec(runner).encode(e, runner.prepare(e)))
                .prepared();
        assertThat(slots[0]).isEqualTo(new Sighting("anydesk"));
        assertThat((int[]) slots[1]).containsExactly(3, 17, 4_000);
    }

    @Test
    void aDocumentNestedTooDeepIsCut_notThrown() {
        Map<String, Object> deep = new LinkedHashMap<>();
        Map<String, Object> at = deep;
        for (int i = 0; i < EventCodec.MAX_DEPTH + 10; i++) {
            Map<String, Object> next = new LinkedHashMap<>();
            at.put("a", next);
            at = next;
        }
        Event e = new Event(Instant.parse("2026-03-02T09:00:00Z"), "okta", "x", null, null, null, null, deep, null);
        DetectorRunner runner = runner(List.of());
        Event back = new EventCodec(runner).decode(new EventCodec(runner).encode(e, null)).event();
        Object node = back.document();
        int depth = 0;
        while (node instanceof Map<?, ?> m) {
            node = m.get("a");
            depth++;
        }
        assertThat(node).isEqualTo(EventCodec.TOO_DEEP);
        assertThat(depth).as("maps at depths 0 to MAX_DEPTH are carried").isEqualTo(EventCodec.MAX_DEPTH + 1);
    }

    @Test
    void summariesTravelToo_andAreNotEvents() {
        FileSummary s = new FileSummary("okta/2026-03-02.ndjson", "okta", 100, "utf-8", 10, 9, 1, 0,
                List.of(new RecordError("okta/2026-03-02.ndjson", 4, 4, "published", "no time", "{}")), null);
        EventCodec codec = new EventCodec(runner(List.of()));
        byte[] bytes = codec.encode(s);
        assertThat(EventCodec.isEvent(bytes)).isFalse();
        assertThat(EventCodec.timeMillis(bytes)).isEqualTo(Long.MIN_VALUE);
        assertThat(EventCodec.summary(bytes)).isEqualTo(s);
        assertThat(Arrays.copyOf(bytes, 1)).containsExactly('S');

        FileSummary clean = new FileSummary("kafka:okta/3@1204", "okta", 100, null, 1, 1, 0, 2, List.of(), null);
        byte[] counts = codec.encode(clean);
        assertThat(counts[0]).as("a clean batch's summary is a few counts").isEqualTo((byte) 'C');
        assertThat(counts.length).isLessThan(80);
        assertThat(EventCodec.summary(counts)).isEqualTo(clean);
        assertThat(EventCodec.timeMillis(counts)).isEqualTo(Long.MIN_VALUE);
        assertThat(EventCodec.quarantinedOf(counts)).isEqualTo(-1);
        assertThat(EventCodec.quarantinedOf(EventCodec.quarantined(3))).isEqualTo(3);
    }
}
