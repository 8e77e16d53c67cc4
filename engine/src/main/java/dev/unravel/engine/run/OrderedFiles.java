package dev.unravel.engine.run;

import dev.unravel.core.Event;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Parses files on several threads and hands their events to one consumer thread in file order,
 * exactly as a single thread reading the files one after another would. Parsing is most of a
 * scan's work and files are independent, so it parallelises; detection and scoring stay on one
 * thread, so detectors need no locks and results do not depend on thread timing.
 *
 * <p>Memory is bounded: each file in flight holds at most {@code QUEUED_BATCHES} batches of
 * {@code BATCH} events, and at most {@code threads + 1} files are in flight.
 */
public final class OrderedFiles<S> {

    /** Reads one file, sending its events to {@code events}; returns that file's summaries. */
    public interface FileReader<S> {
        List<S> read(Path file, Consumer<Event> events) throws Exception;
    }

    /** Receives, in file order, each file's events and then its summaries. */
    public interface Sink<S> {
        void event(Event e);

        void fileDone(int index, Path file, List<S> summaries, Throwable failure);
    }

    static final int BATCH = 1024;
    static final int QUEUED_BATCHES = 32;

    private record Done<S>(List<S> summaries, Throwable failure) {
    }

    private final int threads;

    public OrderedFiles(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("at least one reading thread is needed");
        }
        this.threads = threads;
    }

    public void run(List<Path> files, FileReader<S> reader, Sink<S> sink) throws InterruptedException {
        if (threads == 1) {
            for (int i = 0; i < files.size(); i++) {
                List<S> summaries = List.of();
                Throwable failure = null;
                try {
                    summaries = reader.read(files.get(i), sink::event);
                } catch (Exception e) {
                    failure = e;
                }
                sink.fileDone(i, files.get(i), summaries, failure);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "unravel-read");
            t.setDaemon(true);
            return t;
        });
        List<BlockingQueue<Object>> queues = new ArrayList<>();
        List<Future<?>> futures = new ArrayList<>();
        try {
            int ahead = threads + 1;
            for (int i = 0; i < files.size(); i++) {
                while (queues.size() < files.size() && queues.size() <= i + ahead) {
                    int index = queues.size();
                    BlockingQueue<Object> q = new ArrayBlockingQueue<>(QUEUED_BATCHES);
                    queues.add(q);
                    futures.add(pool.submit(() -> parse(files.get(index), reader, q)));
                }
                BlockingQueue<Object> q = queues.get(i);
                while (true) {
                    Object item = q.take();
                    if (item instanceof Done<?> done) {
                        @SuppressWarnings("unchecked")
                        List<S> summaries = (List<S>) done.summaries();
                        sink.fileDone(i, files.get(i), summaries, done.failure());
                        break;
                    }
                    @SuppressWarnings("unchecked")
                    List<Event> batch = (List<Event>) item;
                    for (Event e : batch) {
                        sink.event(e);
                    }
                }
                queues.set(i, null);
            }
        } finally {
            for (Future<?> f : futures) {
                f.cancel(true);
            }
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static <S> void parse(Path file, FileReader<S> reader, BlockingQueue<Object> q) {
        List<Event>[] batch = newBatch();
        List<S> summaries = List.of();
        Throwable failure = null;
        try {
            summaries = reader.read(file, e -> {
                batch[0].add(e);
                if (batch[0].size() == BATCH) {
                    put(q, batch[0]);
                    batch[0] = newBatch()[0];
                }
            });
        } catch (Interrupted i) {
            return;
        } catch (Throwable t) {
            // handed to the consumer, which must not wait forever for a file whose reader died
            failure = t;
        }
        try {
            if (!batch[0].isEmpty()) {
                q.put(batch[0]);
            }
            q.put(new Done<>(summaries, failure));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Event>[] newBatch() {
        return new List[] {new ArrayList<Event>(BATCH)};
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
