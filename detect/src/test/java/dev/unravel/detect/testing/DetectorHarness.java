package dev.unravel.detect.testing;

import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.DeviceAddresses;
import dev.unravel.detect.roster.Pii;
import dev.unravel.detect.roster.Roster;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Reader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one detector the way the engine does (records into the roster first, then every event in
 * time order, then {@code finish}) and collects its signals, so a detector test reads as
 * "these events → these signals". Events come from real vendor-format text through ingest's
 * readers ({@link #read(String, String)}), never from hand-built maps.
 */
public final class DetectorHarness implements DetectorContext {

    private final Roster roster = new Roster(Pii.withKey("test-key-0123456789abcdef"));
    private final DeviceAddresses addresses = new DeviceAddresses(100_000);
    private final List<Event> events = new ArrayList<>();
    private final List<Signal> signals = new ArrayList<>();
    private final Map<String, Long> skipped = new LinkedHashMap<>();
    private final List<PerEntity<?, ?>> states = new ArrayList<>();
    private Settings settings = Settings.NONE;

    /** Adds events (any order: the harness sorts them by time, stably). */
    public DetectorHarness with(List<Event> more) {
        events.addAll(more);
        return this;
    }

    /** Adds the events in {@code text}, read as format {@code formatId} ({@code unravel ingest formats}). */
    public DetectorHarness with(String formatId, String text) {
        return with(read(formatId, text));
    }

    /**
     * Adds the events of a binary file (a photo) named {@code fileName}, its format recognised by
     * content as the scan does; fails the test on any rejected record.
     */
    public DetectorHarness withFile(String fileName, byte[] content) {
        try {
            Path dir = Files.createTempDirectory("harness");
            Path file = dir.resolve(fileName);
            try {
                Files.write(file, content);
                var summaries = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10).run(List.of(file));
                for (var s : summaries) {
                    if (!s.errors().isEmpty() || s.events() == 0) {
                        throw new IllegalArgumentException("test file not read: " + s);
                    }
                }
            } finally {
                Files.deleteIfExists(file);
                Files.deleteIfExists(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public DetectorHarness settings(String owner, Map<String, Object> values) {
        this.settings = new Settings(owner, values);
        return this;
    }

    /** Runs {@code detector} over everything added and returns its signals. */
    public List<Signal> run(Detector detector) {
        detector.start(this); // as the engine does: before the roster fills
        List<Event> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparing(Event::time));
        for (int i = 0; i < sorted.size(); i++) {
            roster.observe(sorted.get(i));
            sorted.set(i, roster.named(sorted.get(i))); // as the engine does: Falcon's ids as names
            addresses.observe(sorted.get(i));
        }
        java.time.LocalDate day = null;
        for (Event e : sorted) {
            if (detector.reads(e.type())) {
                java.time.LocalDate d = java.time.LocalDate.ofInstant(e.time(), java.time.ZoneOffset.UTC);
                if (day != null && d.isAfter(day)) {
                    finishMidStream(detector);
                }
                day = d;
                detector.onEvent(e, this);
            }
        }
        int beforeFinish = signals.size();
        detector.finish(this);
        lastFinish = signals.size() - beforeFinish;
        List<Signal> found = List.copyOf(signals);
        if (!finishMidStream(detector).equals(found.subList(found.size() - lastFinish, found.size()))) {
            throw new AssertionError(detector.id() + ": finish gave other signals when called again: it must leave "
                    + "the detector's state as it found it (Detector.finish)");
        }
        return found;
    }

    /** Signals the last call of {@code finish} emitted. */
    private int lastFinish;

    /**
     * Calls {@code finish} as a job that scores as it goes does, mid-stream (here at each new day of
     * the detector's events), and returns its signals, set aside: every detector test thereby checks
     * that {@code finish} leaves the detector's state as it found it, since the signals it expects
     * come after.
     */
    private List<Signal> finishMidStream(Detector detector) {
        int before = signals.size();
        Map<String, Long> skippedBefore = new LinkedHashMap<>(skipped);
        detector.finish(this);
        List<Signal> emitted = new ArrayList<>(signals.subList(before, signals.size()));
        signals.subList(before, signals.size()).clear();
        skipped.clear();
        skipped.putAll(skippedBefore);
        return emitted;
    }

    /** Reads {@code text} with the reader {@code formatId}; fails the test on any rejected record. */
    public static List<Event> read(String formatId, String text) {
        Reader reader = Formats.byId(formatId).orElseThrow(() -> new IllegalArgumentException("no format " + formatId));
        List<Event> out = new ArrayList<>();
        try {
            Path tmp = Files.createTempFile("harness", ".txt");
            try {
                Files.writeString(tmp, text, StandardCharsets.UTF_8);
                var summaries = new Ingest(reader, Limits.DEFAULT, Quarantine.NONE, out::add, 10).run(List.of(tmp));
                for (var s : summaries) {
                    if (!s.errors().isEmpty()) {
                        throw new IllegalArgumentException("test events rejected: " + s.errors());
                    }
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** The signals emitted through this context so far (for tests that call a detector themselves). */
    public List<Signal> signals() {
        return List.copyOf(signals);
    }

    public Map<String, Long> skippedReasons() {
        return skipped;
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
        signals.add(signal);
    }

    @Override
    public <K, V> PerEntity<K, V> state(int maxEntries) {
        PerEntity<K, V> s = new PerEntity<>(maxEntries);
        states.add(s);
        return s;
    }

    @Override
    public void skipped(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    private final Map<String, String> notes = new java.util.LinkedHashMap<>();

    @Override
    public void note(String key, String text) {
        notes.put(key, text);
    }

    /** What the detector said about the data as a whole, by key. */
    public Map<String, String> notes() {
        return notes;
    }
}
