package dev.unravel.flink;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
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
     * repeat their field names and values, and LZ4 shrinks them at a small cost to the one task.
     */
    private static final int BLOCK = 1 << 18;

    /** A closed segment: where it is and how many entries it holds. */
    record Segment(String path, long entries) {
    }

    private final Path dir;
    private final String prefix;
    private DataOutputStream out;
    private FSDataOutputStream file;
    private LZ4BlockOutputStream lz4;
    private Path current;
    private long entries;
    private int rolled;
    /** Bytes this log wrote to its closed segments (compressed), for the task's log. */
    private long written;

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

    /** Appends an entry to the open segment, opening one when there is none. */
    void append(byte[] entry) throws IOException {
        if (out == null) {
            current = new Path(dir, prefix + "-" + (++rolled) + ".events");
            file = current.getFileSystem().create(current, FileSystem.WriteMode.OVERWRITE);
            lz4 = new LZ4BlockOutputStream(file, BLOCK);
            out = new DataOutputStream(new BufferedOutputStream(lz4, 1 << 16));
        }
        out.writeInt(entry.length);
        out.write(entry);
        entries++;
    }

    /**
     * Closes the open segment (flushed and synced to its file system) and returns it, or null when
     * nothing was appended since the last one.
     */
    Segment roll() throws IOException {
        if (out == null) {
            return null;
        }
        out.flush();
        lz4.finish();
        file.sync();
        written += file.getPos();
        out.close();
        Segment s = new Segment(current.toString(), entries);
        out = null;
        lz4 = null;
        file = null;
        current = null;
        entries = 0;
        return s;
    }

    /** Closes the open segment without listing it (the task is going away). */
    void abandon() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }

    /** Deletes the log's folder and every segment in it. */
    void delete() throws IOException {
        abandon();
        dir.getFileSystem().delete(dir, true);
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
