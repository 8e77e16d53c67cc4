package dev.unravel.flink;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import net.jpountz.lz4.LZ4BlockInputStream;
import net.jpountz.lz4.LZ4BlockOutputStream;
import org.apache.flink.core.fs.Path;

/**
 * What the detection task applied to its scan, in order, kept in files beside the checkpoints, so
 * that a restored task can apply it again and be where it was.
 *
 * <p>Why a log and not a snapshot of the scan: the scan's state is every detector's state, the
 * roster and the identity graph — a few hundred classes that change with every detector, and a
 * snapshot of them would break with each version. The scan is a deterministic function of what it
 * was given, so the entries it was given are its state, in a format of bytes that does not change
 * when a detector does ({@link EventCodec}). A restore costs applying them again, which is the
 * cheap part of a scan: the readers' parsing and rule matching are not repeated.
 *
 * <p>Why files of its own and not Flink state: operator state is written whole at every
 * checkpoint, and the log only grows. Entries are appended to a segment as they are applied; a
 * checkpoint closes the segment and lists it in the task's state, so each checkpoint writes only
 * what came since the last one. A segment is a sequence of entries, each its length (an int) and
 * its bytes; the state keeps how many entries it holds, so a cut-off segment is told, not replayed
 * short.
 */
final class EventLog {

    /**
     * LZ4 blocks of 256 KiB: the events as the readers encoded them (the demo's 810,945 take 952 MB)
     * repeat their field names and values, and LZ4 shrinks them to a quarter.
     */
    private static final int BLOCK = 1 << 18;
    /** Entries are copied into chunks this large on the task's thread and compressed on the writer's. */
    private static final int CHUNK = 1 << 20;
    /** Chunks in use at most: when the writer falls this far behind, the task waits for it. */
    private static final int CHUNKS = 8;

    /** A closed segment: where it is and how many entries it holds. */
    record Segment(String path, long entries) {
    }

    private final Path dir;
    private final String prefix;
    private Path current;
    private long entries;
    private int rolled;
    /** Bytes this log wrote to its closed segments (compressed), for the task's log. */
    private long written;
    private byte[] chunk;
    private int used;
    private Writer writer;

    /**
     * A log writing segments into {@code dir} (one folder per job), each named from {@code prefix}
     * (the attempt that wrote it, so that a restored attempt never writes over a segment an earlier
     * one listed).
     */
    EventLog(Path dir, String prefix) {
        this.dir = dir;
        this.prefix = prefix;
    }

    Path dir() {
        return dir;
    }

    /** Bytes this log has written to the segments it closed. */
    long written() {
        return written;
    }

    /** Segments this log has opened. */
    int segments() {
        return rolled;
    }

    /**
     * Appends an entry to the open segment, opening one when there is none. The entry is copied;
     * compressing and writing happen on the log's own thread, off the detection task's.
     *
     * @throws IOException when the log's thread could not write an earlier entry
     */
    void append(byte[] entry) throws IOException {
        if (writer == null) {
            writer = new Writer(dir.getName());
        }
        writer.check();
        if (current == null) {
            current = new Path(dir, prefix + "-" + (++rolled) + ".events");
            writer.send(new Open(current));
        }
        int need = 4 + entry.length;
        if (chunk != null && used + need > chunk.length) {
            handOver();
        }
        if (need > CHUNK) { // a chunk of its own, not pooled
            byte[] big = new byte[need];
            put(big, 0, entry);
            writer.send(new Data(big, need, false));
        } else {
            if (chunk == null) {
                chunk = writer.free();
            }
            put(chunk, used, entry);
            used += need;
        }
        entries++;
    }

    private static void put(byte[] to, int at, byte[] entry) {
        int n = entry.length;
        to[at] = (byte) (n >>> 24);
        to[at + 1] = (byte) (n >>> 16);
        to[at + 2] = (byte) (n >>> 8);
        to[at + 3] = (byte) n;
        System.arraycopy(entry, 0, to, at + 4, n);
    }

    private void handOver() throws IOException {
        if (chunk != null && used > 0) {
            writer.send(new Data(chunk, used, true));
            chunk = null;
            used = 0;
        }
    }

    /**
     * Closes the open segment once the log's thread has written it whole (flushed and synced to its
     * file system) and returns it, or null when nothing was appended since the last one.
     */
    Segment roll() throws IOException {
        if (current == null) {
            return null;
        }
        handOver();
        java.util.concurrent.CompletableFuture<Long> closed = new java.util.concurrent.CompletableFuture<>();
        writer.send(new Close(closed));
        try {
            written += closed.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while the event log closed " + current);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IOException("could not write the event log's segment " + current + ": " + e.getCause(),
                    e.getCause());
        }
        Segment s = new Segment(current.toString(), entries);
        current = null;
        entries = 0;
        return s;
    }

    /** Stops the log's thread and leaves the open segment unlisted (the task is going away). */
    void abandon() throws IOException {
        if (writer != null) {
            writer.stop();
            writer = null;
        }
        current = null;
        chunk = null;
        used = 0;
    }

    /** Deletes the log's folder and every segment in it. */
    void delete() throws IOException {
        abandon();
        dir.getFileSystem().delete(dir, true);
    }

    /** What the task's thread tells the log's thread. */
    private sealed interface Message permits Open, Data, Close, Stop {
    }

    private record Open(Path path) implements Message {
    }

    private record Data(byte[] bytes, int length, boolean pooled) implements Message {
    }

    private record Close(java.util.concurrent.CompletableFuture<Long> done) implements Message {
    }

    private record Stop() implements Message {
    }

    /**
     * The log's thread: compresses the chunks and writes them, in the order they were handed over.
     * A failure is kept and told to the task at its next append or roll; chunks keep coming back to
     * the pool meanwhile, so the task never waits on a writer that has stopped writing.
     */
    private static final class Writer implements Runnable {
        private final java.util.concurrent.BlockingQueue<Message> queue =
                new java.util.concurrent.LinkedBlockingQueue<>();
        private final java.util.concurrent.BlockingQueue<byte[]> pool =
                new java.util.concurrent.ArrayBlockingQueue<>(CHUNKS);
        private final Thread thread;
        private int allocated;
        private volatile Throwable failure;
        private FSDataOutputStream file;
        private LZ4BlockOutputStream out;

        Writer(String name) {
            thread = new Thread(this, "unravel-event-log-" + name);
            thread.setDaemon(true);
            thread.start();
        }

        void check() throws IOException {
            Throwable f = failure;
            if (f != null) {
                throw new IOException("could not write the event log: " + f, f);
            }
        }

        void send(Message m) throws IOException {
            check();
            queue.add(m);
        }

        /** A chunk to fill: from the pool, a new one while fewer than {@link #CHUNKS} exist, else the next one back. */
        byte[] free() throws IOException {
            byte[] b = pool.poll();
            if (b != null) {
                return b;
            }
            if (allocated < CHUNKS) {
                allocated++;
                return new byte[CHUNK];
            }
            try {
                return pool.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while waiting for the event log's writer");
            }
        }

        /** Stops the thread once it has written what it was given; a thread stuck writing is left after 30 s. */
        void stop() throws IOException {
            queue.add(new Stop());
            try {
                thread.join(30_000);
                if (thread.isAlive()) {
                    thread.interrupt();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while the event log's writer stopped");
            }
        }

        @Override
        public void run() {
            while (true) {
                Message m;
                try {
                    m = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                try {
                    if (m instanceof Stop) {
                        if (out != null) {
                            out.close();
                        }
                        return;
                    }
                    if (failure == null) {
                        write(m);
                    } else if (m instanceof Close c) {
                        c.done().completeExceptionally(failure);
                    }
                } catch (Throwable e) {
                    failure = e;
                    if (m instanceof Close c) {
                        c.done().completeExceptionally(e);
                    }
                } finally {
                    if (m instanceof Data d && d.pooled()) {
                        pool.offer(d.bytes()); // written (or given up on): the task may fill it again
                    }
                }
            }
        }

        private void write(Message m) throws IOException {
            if (m instanceof Open o) {
                file = o.path().getFileSystem().create(o.path(), FileSystem.WriteMode.OVERWRITE);
                out = new LZ4BlockOutputStream(file, BLOCK);
            } else if (m instanceof Data d) {
                out.write(d.bytes(), 0, d.length());
            } else if (m instanceof Close c) {
                out.finish();
                try {
                    file.sync();
                } catch (UnsupportedOperationException e) {
                    // object stores (S3) have no sync: the segment is whole once closed, below
                }
                long size = file.getPos();
                out.close();
                out = null;
                file = null;
                c.done().complete(size);
            }
        }
    }

    /**
     * Hands each entry of {@code segments}, in order, to {@code apply}.
     *
     * @throws IOException naming the segment when one is gone, cut off or longer than its listing
     */
    static long replay(List<Segment> segments, Consumer<byte[]> apply) throws IOException {
        long replayed = 0;
        for (Segment s : segments) {
            Path path = new Path(s.path());
            InputStream raw;
            try {
                raw = path.getFileSystem().open(path);
            } catch (java.io.FileNotFoundException e) {
                throw new IOException(s.path() + ": a segment of the event log is gone (deleted by hand, or the job "
                        + "had ended): run the job again from its start", e);
            }
            try (DataInputStream in = new DataInputStream(new BufferedInputStream(new LZ4BlockInputStream(raw),
                    1 << 16))) {
                long i = 0;
                boolean more;
                try {
                    for (; i < s.entries(); i++) {
                        int length = in.readInt();
                        if (length < 0) {
                            throw new IOException("entry " + (i + 1) + " has a negative length");
                        }
                        byte[] entry = in.readNBytes(length);
                        if (entry.length != length) {
                            throw new EOFException("entry " + (i + 1) + " is cut off");
                        }
                        apply.accept(entry);
                        replayed++;
                    }
                    more = in.read() != -1;
                } catch (IOException e) {
                    throw new IOException(s.path() + ": the segment cannot be read past " + i + " of its "
                            + s.entries() + " entries (" + e.getMessage() + "): it was cut off or damaged", e);
                }
                if (more) {
                    throw new IOException(s.path() + ": the segment holds more than its " + s.entries()
                            + " entries: it is not the one the checkpoint listed");
                }
            }
        }
        return replayed;
    }

    /** The segments written so far, then {@code more}. */
    static List<Segment> plus(List<Segment> segments, Segment more) {
        List<Segment> all = new ArrayList<>(segments);
        if (more != null) {
            all.add(more);
        }
        return all;
    }
}
