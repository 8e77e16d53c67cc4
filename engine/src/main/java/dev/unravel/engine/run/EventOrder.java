package dev.unravel.engine.run;

import dev.unravel.core.Event;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * A bounded reorder buffer: events go in roughly in time order (files sorted by the date they
 * name) and come out in time order, as long as no event is more than {@code capacity} events late.
 * An event older than one already delivered is still delivered, and counted as late, as Flink
 * counts events behind its watermark. Ties keep their arrival order.
 */
public final class EventOrder {

    /** The time is copied out of the event so that comparisons in the heap touch one object, not three. */
    private record Entry(long time, long seq, Event event) {
    }

    private final int capacity;
    private final Consumer<Event> out;
    private final PriorityQueue<Entry> queue;
    private long seq;
    private long late;
    private long delivered;
    private long lastDelivered = Long.MIN_VALUE;

    public EventOrder(int capacity, Consumer<Event> out) {
        if (capacity < 1) {
            throw new IllegalArgumentException("the reorder buffer needs room for at least one event");
        }
        this.capacity = capacity;
        this.out = out;
        this.queue = new PriorityQueue<>(Math.min(capacity, 1 << 16) + 1, (a, b) -> {
            int c = Long.compare(a.time, b.time);
            return c != 0 ? c : Long.compare(a.seq, b.seq);
        });
    }

    public void accept(Event e) {
        queue.add(new Entry(nanos(e), seq++, e));
        if (queue.size() > capacity) {
            release(queue.poll().event);
        }
    }

    /** Delivers everything still buffered. */
    public void flush() {
        Entry e;
        while ((e = queue.poll()) != null) {
            release(e.event);
        }
    }

    private static long nanos(Event e) {
        return e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano();
    }

    private void release(Event e) {
        long t = nanos(e);
        if (t < lastDelivered) {
            late++;
        } else {
            lastDelivered = t;
        }
        delivered++;
        out.accept(e);
    }

    /** Events delivered after a later one had already gone out. */
    public long late() {
        return late;
    }

    public long delivered() {
        return delivered;
    }
}
