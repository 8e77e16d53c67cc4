package dev.unravel.engine.run;

import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.PreparingDetector;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.DeviceAddresses;
import dev.unravel.detect.roster.Roster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs detectors over the ordered stream: each event goes only to the detectors that read its
 * type (the dispatch table is built once per type), each detector has its own context so that its
 * signals, evictions, skipped records and failures are counted apart. A detector that throws is
 * reported and the run goes on: one faulty detector must not cost the analyst the others.
 */
public final class DetectorRunner {

    /** What one detector did in a scan. */
    public record Stats(String id, String description, String stage, String needs, long events, long signals,
            long evictions, Map<String, Long> skipped, long failures, String firstFailure, List<String> notes) {
    }

    private static final Context[] NONE = new Context[0];

    private final List<Detector> detectors;
    /** The detectors with work to run ahead on the reader threads; a context's {@code prepared} indexes this. */
    private final PreparingDetector<?>[] preparing;
    private final Map<Detector, Context> contexts = new LinkedHashMap<>();
    /**
     * The preparing detectors reading each event type, as {@link #byType} for {@link #prepare}:
     * concurrent, since reader threads prepare (a type's prefix test walks every type a detector reads).
     */
    private final java.util.concurrent.ConcurrentHashMap<String, int[]> preparersByType =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The contexts of the detectors reading each event type, built on first sight of the type. */
    private final Map<String, Context[]> byType = new HashMap<>();

    public DetectorRunner(List<Detector> detectors, Roster roster, DeviceAddresses addresses, DetectConfig config,
            Consumer<Signal> sink) {
        this.detectors = List.copyOf(detectors);
        List<PreparingDetector<?>> prep = new ArrayList<>();
        for (Detector d : this.detectors) {
            Context c = new Context(d, roster, addresses, config.settingsOf(d.id()), sink);
            contexts.put(d, c);
            try {
                d.start(c);
                c.started = true;
            } catch (RuntimeException ex) {
                c.failed(ex); // reported with the others; its events are not dispatched
            }
            if (c.started && d instanceof PreparingDetector<?> p) {
                c.prepared = prep.size();
                prep.add(p);
            }
        }
        this.preparing = prep.toArray(new PreparingDetector<?>[0]);
    }

    /** Whether any detector has work for {@link #prepare}; when none has, callers need not call it. */
    public boolean prepares() {
        return preparing.length > 0;
    }

    /** A preparing detector's failure on a reader thread, reported on the detection thread. */
    private record PrepareFailure(RuntimeException exception) {
    }

    /**
     * The preparing detectors' state-free work for {@code e} ({@link PreparingDetector#prepare}),
     * to be handed back with the event to {@link #accept(Event, Object)}; null when none found
     * anything. Thread-safe: a scan calls it on the thread that read the event.
     */
    public Object prepare(Event e) {
        if (preparing.length == 0) {
            return null;
        }
        int[] readers = preparersByType.get(e.type());
        if (readers == null) {
            readers = preparersByType.computeIfAbsent(e.type(), this::preparersOf);
        }
        Object[] out = null;
        for (int i : readers) {
            PreparingDetector<?> d = preparing[i];
            Object p;
            try {
                p = d.prepare(e);
            } catch (RuntimeException ex) {
                p = new PrepareFailure(ex);
            }
            if (p != null) {
                if (out == null) {
                    out = new Object[preparing.length];
                }
                out[i] = p;
            }
        }
        return out;
    }

    /**
     * The ids of the detectors {@link #prepare} runs, in the order of the array it returns: a runner
     * built from the same detectors and settings in another process gives the same list, so that
     * what one prepared can be handed to the other's {@link #accept(Event, Object)}.
     */
    public List<String> preparing() {
        List<String> ids = new ArrayList<>(preparing.length);
        for (PreparingDetector<?> p : preparing) {
            ids.add(p.id());
        }
        return ids;
    }

    /**
     * What the preparing detector at {@code slot} of {@link #preparing()} finds for {@code e}: that
     * element of {@link #prepare}'s array, computed alone (null for nothing, or when it does not read
     * the event's type). For results that cannot travel between processes, prepared again where
     * the detectors run. Thread-safe.
     */
    public Object prepare(Event e, int slot) {
        PreparingDetector<?> d = preparing[slot];
        if (!d.reads(e.type())) {
            return null;
        }
        try {
            return d.prepare(e);
        } catch (RuntimeException ex) {
            return new PrepareFailure(ex);
        }
    }

    /** Positions of the preparing detectors that read {@code type}. */
    private int[] preparersOf(String type) {
        return java.util.stream.IntStream.range(0, preparing.length).filter(i -> preparing[i].reads(type)).toArray();
    }

    /** Runs the detectors on {@code e}, preparing it here. */
    public void accept(Event e) {
        accept(e, prepare(e));
    }

    /** Runs the detectors on {@code e} with what {@link #prepare} returned for it (on any thread). */
    public void accept(Event e, Object prepared) {
        Context[] targets = byType.get(e.type());
        if (targets == null) {
            List<Context> t = new ArrayList<>();
            for (Detector d : detectors) {
                Context c = contexts.get(d);
                if (c.started && d.reads(e.type())) {
                    t.add(c);
                }
            }
            targets = t.isEmpty() ? NONE : t.toArray(NONE);
            byType.put(e.type(), targets);
        }
        Object[] found = (Object[]) prepared;
        // reference records (IP ranges, phone data) inform a detector; they are not what it looks at, so
        // a detector that read only those still shows in the report's coverage as having seen nothing
        boolean looked = !e.type().startsWith("reference.");
        for (Context c : targets) {
            if (looked) {
                c.events++;
            }
            try {
                if (c.prepared < 0) {
                    c.detector.onEvent(e, c);
                } else {
                    Object p = found == null ? null : found[c.prepared];
                    if (p instanceof PrepareFailure f) {
                        throw f.exception();
                    }
                    onPrepared((PreparingDetector<?>) c.detector, e, p, c);
                }
            } catch (RuntimeException ex) {
                c.failed(ex);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <P> void onPrepared(PreparingDetector<P> d, Event e, Object prepared, DetectorContext c) {
        d.onEvent(e, (P) prepared, c);
    }

    public void finish() {
        for (Detector d : detectors) {
            Context c = contexts.get(d);
            if (!c.started) {
                continue;
            }
            try {
                d.finish(c);
            } catch (RuntimeException ex) {
                c.failed(ex);
            }
        }
    }

    /**
     * Runs every detector's {@link Detector#finish} with its signals going to {@code into} instead
     * of the scan's sink, calls {@code whileFinished} (which may read {@link #stats}, counting them),
     * and then puts the counts back as they were: the run goes on, and its own finish later is as if
     * this had not happened. Detectors' {@code finish} must therefore leave their state as they found
     * it ({@link Detector#finish}).
     */
    public <T> T interim(Consumer<Signal> into, java.util.function.Supplier<T> whileFinished) {
        Map<Context, Counts> before = new HashMap<>();
        for (Context c : contexts.values()) {
            before.put(c, new Counts(c.signals, c.failures, c.firstFailure, new LinkedHashMap<>(c.skipped),
                    new LinkedHashMap<>(c.notes)));
        }
        interimSink = into;
        try {
            finish();
            return whileFinished.get();
        } finally {
            interimSink = null;
            before.forEach((c, counts) -> {
                c.signals = counts.signals();
                c.failures = counts.failures();
                c.firstFailure = counts.firstFailure();
                c.skipped.clear();
                c.skipped.putAll(counts.skipped());
                c.notes.clear();
                c.notes.putAll(counts.notes());
            });
        }
    }

    /** A detector's counts, as {@link #interim} found them. */
    private record Counts(long signals, long failures, String firstFailure, Map<String, Long> skipped,
            Map<String, String> notes) {
    }

    /** Where signals go during {@link #interim}; null otherwise. */
    private Consumer<Signal> interimSink;

    public List<Stats> stats() {
        List<Stats> out = new ArrayList<>();
        for (Detector d : detectors) {
            Context c = contexts.get(d);
            long evictions = 0;
            for (PerEntity<?, ?> s : c.states) {
                evictions += s.evictions();
            }
            out.add(new Stats(d.id(), d.description(), d.stage() == null ? null : d.stage().id(), d.needs(), c.events,
                    c.signals,
                    evictions, Map.copyOf(c.skipped),
                    c.failures, c.firstFailure, List.copyOf(c.notes.values())));
        }
        return out;
    }

    private final class Context implements DetectorContext {
        final Detector detector;
        final Roster roster;
        final DeviceAddresses addresses;
        final Settings settings;
        final Consumer<Signal> sink;
        final List<PerEntity<?, ?>> states = new ArrayList<>();
        final Map<String, Long> skipped = new LinkedHashMap<>();
        final Map<String, String> notes = new LinkedHashMap<>();
        long events;
        long signals;
        long failures;
        String firstFailure;
        /** {@link Detector#start} returned normally. */
        boolean started;
        /** This detector's position among the preparing detectors; -1 when it prepares nothing. */
        int prepared = -1;

        Context(Detector detector, Roster roster, DeviceAddresses addresses, Settings settings,
                Consumer<Signal> sink) {
            this.detector = detector;
            this.roster = roster;
            this.addresses = addresses;
            this.settings = settings;
            this.sink = sink;
        }

        @Override
        public Roster roster() {
            return roster;
        }

        @Override
        public DeviceAddresses addresses() {
            return addresses;
        }

        @Override
        public Settings settings() {
            return settings;
        }

        @Override
        public void emit(Signal signal) {
            signals++;
            if (interimSink != null) {
                interimSink.accept(signal);
                return;
            }
            sink.accept(signal);
        }

        @Override
        public <K, V> PerEntity<K, V> state(int maxEntries) {
            PerEntity<K, V> s = new PerEntity<>(maxEntries);
            states.add(s);
            return s;
        }

        @Override
        public void skipped(String reason) {
            if (skipped.size() < 100 || skipped.containsKey(reason)) {
                skipped.merge(reason, 1L, Long::sum);
            } else {
                skipped.merge("(other reasons)", 1L, Long::sum);
            }
        }

        @Override
        public void note(String key, String text) {
            if (notes.size() < 20 || notes.containsKey(key)) { // a report's header, not a log
                notes.put(key, text);
            }
        }

        void failed(RuntimeException ex) {
            failures++;
            if (firstFailure == null) {
                firstFailure = detector.id() + " failed: " + ex;
            }
        }
    }
}
