package dev.unravel.engine.run;

import dev.unravel.core.Event;
import java.util.function.BiConsumer;

/**
 * A bounded reorder buffer: events go in roughly in time order (files sorted by the date they
 * name) and come out in time order, as long as no event is more than {@code capacity} events late.
 * An event older than one already delivered is still delivered, and counted as late, as Flink
 * counts events behind its watermark. Ties keep their arrival order. Each event may carry a note
 * (what was worked out about it on arrival) that comes out with it. Only the events {@code timed}
 * accepts count as late: an HR export lists people by id, not by date, and its rows are
 * declarations read before any log, not a stream whose lateness says anything.
 */
public final class EventOrder {

    /*
     * A binary min-heap on (time, arrival) kept in parallel arrays: the keys are primitives next to
     * each other, so a sift compares longs without loading an entry object or calling a comparator
     * (the PriorityQueue of records it replaces was the largest cost of the main thread after the
     * detectors). Keys are unique (the arrival number breaks ties), so the order out is the same.
     */
    private final int capacity;
    private final BiConsumer<Event, Object> out;
    private final java.util.function.Predicate<Event> timed;
    private long[] times;
    private long[] seqs;
    private Event[] events;
    private Object[] notes;
    private int size;
    private long seq;
    private long late;
    private long delivered;
    private long lastDelivered = Long.MIN_VALUE;

    public EventOrder(int capacity, BiConsumer<Event, Object> out) {
        this(capacity, out, e -> true);
    }

    /** As {@link #EventOrder(int, BiConsumer)}, counting as late only the events {@code timed} accepts. */
    public EventOrder(int capacity, BiConsumer<Event, Object> out, java.util.function.Predicate<Event> timed) {
        this.timed = timed;
        if (capacity < 1) {
            throw new IllegalArgumentException("the reorder buffer needs room for at least one event");
        }
        this.capacity = capacity;
        this.out = out;
        int initial = Math.min(capacity, 1 << 16) + 1;
        this.times = new long[initial];
        this.seqs = new long[initial];
        this.events = new Event[initial];
        this.notes = new Object[initial];
    }

    public void accept(Event e) {
        accept(e, null);
    }

    public void accept(Event e, Object note) {
        long t = nanos(e);
        long s = seq++;
        if (size == capacity) {
            // Full: the new event either goes straight out (it is the oldest) or replaces the root.
            if (t < times[0] || (t == times[0] && s < seqs[0])) {
                release(e, note, t);
                return;
            }
            Event root = events[0];
            Object rootNote = notes[0];
            long rootTime = times[0];
            siftDown(0, t, s, e, note);
            release(root, rootNote, rootTime);
            return;
        }
        if (size == times.length) {
            int n = (int) Math.min((long) capacity + 1, Math.max(16L, size * 2L));
            times = java.util.Arrays.copyOf(times, n);
            seqs = java.util.Arrays.copyOf(seqs, n);
            events = java.util.Arrays.copyOf(events, n);
            notes = java.util.Arrays.copyOf(notes, n);
        }
        siftUp(size++, t, s, e, note);
    }

    /** Delivers everything still buffered. */
    public void flush() {
        while (size > 0) {
            Event root = events[0];
            Object rootNote = notes[0];
            long rootTime = times[0];
            int last = --size;
            Event e = events[last];
            Object note = notes[last];
            long t = times[last];
            long s = seqs[last];
            events[last] = null;
            notes[last] = null;
            if (last > 0) {
                siftDown(0, t, s, e, note);
            }
            release(root, rootNote, rootTime);
        }
    }

    private void siftUp(int k, long t, long s, Event e, Object note) {
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            long pt = times[parent];
            if (pt < t || (pt == t && seqs[parent] < s)) {
                break;
            }
            times[k] = pt;
            seqs[k] = seqs[parent];
            events[k] = events[parent];
            notes[k] = notes[parent];
            k = parent;
        }
        times[k] = t;
        seqs[k] = s;
        events[k] = e;
        notes[k] = note;
    }

    private void siftDown(int k, long t, long s, Event e, Object note) {
        int half = size >>> 1;
        while (k < half) {
            int child = 2 * k + 1;
            int right = child + 1;
            long ct = times[child];
            long cs = seqs[child];
            if (right < size) {
                long rt = times[right];
                if (rt < ct || (rt == ct && seqs[right] < cs)) {
                    child = right;
                    ct = rt;
                    cs = seqs[right];
                }
            }
            if (t < ct || (t == ct && s < cs)) {
                break;
            }
            times[k] = ct;
            seqs[k] = cs;
            events[k] = events[child];
            notes[k] = notes[child];
            k = child;
        }
        times[k] = t;
        seqs[k] = s;
        events[k] = e;
        notes[k] = note;
    }

    private static long nanos(Event e) {
        return e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano();
    }

    private void release(Event e, Object note, long t) {
        if (t < lastDelivered) {
            if (timed.test(e)) {
                late++;
            }
        } else {
            lastDelivered = t;
        }
        delivered++;
        out.accept(e, note);
    }

    /** Events delivered after a later one had already gone out. */
    public long late() {
        return late;
    }

    public long delivered() {
        return delivered;
    }
}
