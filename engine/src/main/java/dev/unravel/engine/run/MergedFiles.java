package dev.unravel.engine.run;

import dev.unravel.core.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Reads groups of files in order and, within a group, merges the files' events by time: the
 * daily (or hourly) exports of every source for one day are read side by side and come out as
 * one stream in time order, as a k-way merge of files that are each roughly in time order. A
 * bounded reorder buffer behind it fixes what is out of order inside a file; a single buffer in
 * front of whole-day files could not, since a day of logs is larger than any sensible buffer.
 *
 * <p>The files of an hourly series ({@link FileOrder#series}: Azure's hourly blobs of one table, a
 * mailbox's messages named by their time) are one lane, read one after another on one thread, as
 * the series is one stream in time; every other file is a lane of its own. Each lane is parsed on
 * its own thread (the threads mostly wait; the processors decide how many run at once), each with
 * a small bounded queue, so memory is bounded by the lanes times the queue size. The merge order
 * is (time, file position, record order): the result does not depend on thread timing. A group of
 * more than {@link #MAX_GROUP} lanes that are not small ({@link #slices}) is merged in consecutive
 * slices of lanes, and a slice's events can then come out behind a day the slice before reached
 * (the reorder buffer counts them late): before lanes, a day of 10,000 workers' logs (24 hourly
 * sign-in blobs, hundreds of mail messages beside the daily files) was merged in slices of 64
 * files, and an afternoon's sign-ins came out after the evening's other logs.
 */
public final class MergedFiles<S> {

    /** Reads one file, sending its events to {@code events}; returns that file's summaries. */
    public interface FileReader<S> {
        List<S> read(Path file, Consumer<Event> events) throws Exception;
    }

    /** Receives the merged events, and each file's summaries once its group is done, in file order. */
    public interface Sink<S> {
        void event(Event e);

        /** An event with what the {@code prepare} function returned for it on its reader thread (null: nothing). */
        default void event(Event e, Object prepared) {
            event(e);
        }

        void fileDone(int index, Path file, List<S> summaries, Throwable failure);
    }

    /*
     * Events in flight are the young collector's work: every event parsed and not yet consumed
     * survives a collection and is copied. 128 events and two queued batches per file (at most
     * four batches in flight) against 512 and four: 10,000 x 30 scan x 1.08 events/s, paused in
     * the collector 4.6 s against 7.8 s; 64 hands over too often (x 0.92).
     */
    static final int BATCH = 128;
    static final int QUEUED_BATCHES = 2;
    /** Lanes merged at once; a group of more is merged in slices of this many. */
    public static final int MAX_GROUP = 64;
    /**
     * A lane whose files hold fewer bytes than this (a mailbox's message of the day) holds at most a
     * few batches in flight, so it does not count toward {@link #MAX_GROUP}; a slice takes at most
     * {@link #MAX_LANES} lanes in all, each a thread that mostly waits.
     */
    static final long SMALL_LANE_BYTES = 256 * 1024;
    static final int MAX_LANES = 1024;

    /** The end of one file of a lane: its position in the group, its summaries or failure. */
    private record Done<S>(int file, List<S> summaries, Throwable failure) {
    }

    /** The end of a lane: every one of its files is done. */
    private static final Object LANE_END = new Object();

    /** An event and what {@link #prepare} found for it; events with nothing travel bare. */
    private record Prepared(Event event, Object prepared) {
    }

    private final Function<Event, Object> prepare;

    /**
     * Reader threads parsing at once: one per processor. A group has a thread per file, and when
     * thirty of them were runnable together the detection thread got a thirtieth share of the
     * cores instead of one of its own, the merge stalled behind it and the readers filled their
     * queues and waited; a reader now holds a permit only while it parses, never while it waits
     * to hand a batch over. 10,000 x 30 scan on 2 cores, alternating: unbounded 132,172 / 132,456
     * / 144,933 / 145,572 events/s against 152,586 / 138,557 / 153,408 / 150,684 with two permits
     * (one: 144,722 / 125,574); CPU per event 13.1 / 13.2 / 11.9 / 12.0 -> 11.2 / 12.3 / 11.3 / 11.4 µs.
     * A fifth pair, on the same host slowed by its neighbours, went the other way: 127,176 against
     * 121,239.
     */
    private final Semaphore parsing;

    /** Merges without preparing anything on the reader threads. */
    public MergedFiles() {
        this(null);
    }

    /**
     * Merges and calls {@code prepare} on each event on the thread that read it (concurrently, so
     * it must be thread-safe); the result reaches {@link Sink#event(Event, Object)} with the event.
     * Readers parse one per processor at most ({@code -Dunravel.readers=N} overrides).
     */
    public MergedFiles(Function<Event, Object> prepare) {
        this(prepare, Integer.getInteger("unravel.readers", Runtime.getRuntime().availableProcessors()));
    }

    /** As {@link #MergedFiles(Function)}, with {@code parsers} files parsed at once at most. */
    public MergedFiles(Function<Event, Object> prepare, int parsers) {
        this.prepare = prepare;
        this.parsing = new Semaphore(Math.max(1, parsers));
    }

    /**
     * One lane's stream in the merge: its queue, the batch being drained, its current event, and the
     * position of the file that event came from (the merge's tie-break).
     */
    private static final class Head {
        final int[] files;
        int file;
        final BlockingQueue<Object> queue;
        final Done<?>[] done;
        List<Object> batch;
        int next;
        Event current;
        Object prepared;
        long time;
        long seq;

        Head(int[] files, int base, BlockingQueue<Object> queue, Done<?>[] done) {
            this.files = files;
            this.file = base + files[0];
            this.queue = queue;
            this.done = done;
        }

        /** Moves to the next event; false at the end of the lane. */
        boolean advance() throws InterruptedException {
            while (batch == null || next == batch.size()) {
                Object item = queue.take();
                if (item == LANE_END) {
                    current = null;
                    return false;
                }
                if (item instanceof Done<?> d) {
                    done[d.file()] = d;
                    // the lane's next file: its events break ties by its own position
                    int at = java.util.Arrays.binarySearch(files, d.file());
                    file = at + 1 < files.length ? file + files[at + 1] - files[at] : file;
                    batch = null;
                    continue;
                }
                @SuppressWarnings("unchecked")
                List<Object> b = (List<Object>) item;
                batch = b;
                next = 0;
            }
            Object item = batch.get(next++);
            if (item instanceof Prepared p) {
                current = p.event();
                prepared = p.prepared();
            } else {
                current = (Event) item;
                prepared = null;
            }
            time = current.time().getEpochSecond() * 1_000_000_000L + current.time().getNano();
            seq++;
            return true;
        }
    }

    public void run(List<List<Path>> groups, FileReader<S> reader, Sink<S> sink)
            throws InterruptedException {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "unravel-read");
            t.setDaemon(true);
            return t;
        });
        int base = 0;
        try {
            for (List<Path> group : groups) {
                List<int[]> lanes = lanes(group);
                Done<?>[] done = new Done<?>[group.size()];
                for (List<int[]> slice : slices(group, lanes)) {
                    merge(group, slice, base, done, pool, reader, sink);
                }
                for (int i = 0; i < group.size(); i++) {
                    @SuppressWarnings("unchecked")
                    Done<S> d = (Done<S>) done[i];
                    sink.fileDone(base + i, group.get(i), d.summaries(), d.failure());
                }
                base += group.size();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /**
     * The group's files as lanes, each the positions of its files in group order: the files of one
     * hourly series together, every other file alone; lanes in the order of their first file.
     */
    static List<int[]> lanes(List<Path> group) {
        java.util.Map<String, List<Integer>> series = new java.util.LinkedHashMap<>();
        List<List<Integer>> lanes = new ArrayList<>();
        for (int i = 0; i < group.size(); i++) {
            String key = FileOrder.series(group.get(i));
            if (key == null) {
                lanes.add(new ArrayList<>(List.of(i)));
            } else {
                List<Integer> lane = series.get(key);
                if (lane == null) {
                    lane = new ArrayList<>();
                    series.put(key, lane);
                    lanes.add(lane);
                }
                lane.add(i);
            }
        }
        List<int[]> out = new ArrayList<>(lanes.size());
        for (List<Integer> lane : lanes) {
            out.add(lane.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    /**
     * The lanes in consecutive slices of at most {@link #MAX_GROUP} lanes that are not small and
     * {@link #MAX_LANES} in all: a day's hundreds of mail messages, each in its mailbox's folder,
     * are merged beside the day's logs, not in slices after them.
     */
    static List<List<int[]>> slices(List<Path> group, List<int[]> lanes) {
        List<List<int[]>> slices = new ArrayList<>();
        List<int[]> slice = new ArrayList<>();
        int large = 0;
        for (int[] lane : lanes) {
            boolean small = bytes(group, lane) < SMALL_LANE_BYTES;
            if (!slice.isEmpty() && (slice.size() == MAX_LANES || (!small && large == MAX_GROUP))) {
                slices.add(slice);
                slice = new ArrayList<>();
                large = 0;
            }
            slice.add(lane);
            if (!small) {
                large++;
            }
        }
        if (!slice.isEmpty()) {
            slices.add(slice);
        }
        return slices;
    }

    /** The bytes of a lane's files; a file whose size cannot be read counts as large. */
    private static long bytes(List<Path> group, int[] lane) {
        long total = 0;
        for (int i : lane) {
            try {
                total += java.nio.file.Files.size(group.get(i));
            } catch (java.io.IOException | SecurityException e) {
                return Long.MAX_VALUE;
            }
        }
        return total;
    }

    private void merge(List<Path> group, List<int[]> lanes, int base, Done<?>[] done, ExecutorService pool,
            FileReader<S> reader, Sink<S> sink) throws InterruptedException {
        List<Head> heads = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int[] lane : lanes) {
            // separate locks for the reader putting and the merge taking (an array queue has one)
            BlockingQueue<Object> q = new LinkedBlockingQueue<>(QUEUED_BATCHES);
            heads.add(new Head(lane, base, q, done));
            futures.add(pool.submit(() -> parse(group, lane, reader, prepare, q, parsing)));
        }
        try {
            PriorityQueue<Head> order = new PriorityQueue<>(Math.max(1, lanes.size()), (a, b) -> {
                int c = Long.compare(a.time, b.time);
                if (c != 0) {
                    return c;
                }
                c = Integer.compare(a.file, b.file);
                return c != 0 ? c : Long.compare(a.seq, b.seq);
            });
            for (Head h : heads) {
                if (h.advance()) {
                    order.add(h);
                }
            }
            Head h;
            while ((h = order.poll()) != null) {
                if (h.prepared == null) {
                    sink.event(h.current);
                } else {
                    sink.event(h.current, h.prepared);
                }
                if (h.advance()) {
                    order.add(h);
                }
            }
        } finally {
            for (Future<?> f : futures) {
                f.cancel(true);
            }
        }
    }

    /** Reads a lane's files one after another into {@code q}: each file's events, then its {@link Done}. */
    private static <S> void parse(List<Path> group, int[] lane, FileReader<S> reader, Function<Event, Object> prepare,
            BlockingQueue<Object> q, Semaphore parsing) {
        for (int i : lane) {
            if (!parse(group.get(i), i, reader, prepare, q, parsing)) {
                return;
            }
        }
        try {
            q.put(LANE_END);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Reads one file into {@code q}; false when the scan was cancelled. */
    private static <S> boolean parse(Path file, int index, FileReader<S> reader, Function<Event, Object> prepare,
            BlockingQueue<Object> q, Semaphore parsing) {
        List<List<Object>> batch = new ArrayList<>(1);
        batch.add(new ArrayList<>(BATCH));
        List<S> summaries = List.of();
        Throwable failure = null;
        boolean[] holding = {false};
        try {
            acquire(parsing);
            holding[0] = true;
            summaries = reader.read(file, e -> {
                Object p = prepare == null ? null : prepare.apply(e);
                batch.get(0).add(p == null ? e : new Prepared(e, p));
                if (batch.get(0).size() == BATCH) {
                    holding[0] = false;
                    parsing.release(); // not held while waiting for room in the queue
                    put(q, batch.get(0));
                    batch.set(0, new ArrayList<>(BATCH));
                    acquire(parsing);
                    holding[0] = true;
                }
            });
        } catch (Interrupted i) {
            return false;
        } catch (Throwable t) {
            // handed to the merge, which must not wait forever for a file whose reader died
            failure = t;
        } finally {
            if (holding[0]) {
                parsing.release();
            }
        }
        try {
            if (!batch.get(0).isEmpty()) {
                q.put(batch.get(0));
            }
            q.put(new Done<>(index, summaries, failure));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void acquire(Semaphore permits) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
    }

    private static void put(BlockingQueue<Object> q, Object item) {
        try {
            q.put(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Interrupted();
        }
    }

    /** Unwinds a reader when the scan is cancelled. */
    private static final class Interrupted extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Interrupted() {
            super(null, null, false, false);
        }
    }
}
