package dev.unravel.flink;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jpountz.lz4.LZ4BlockInputStream;
import net.jpountz.lz4.LZ4BlockOutputStream;

/**
 * The detection task's checkpointed state: the event log's segments (what it applied), the events
 * it holds for the watermark, its counters, and the record files it read at its start. Written as
 * bytes of its own layout, with a version, so that a later build can still read it, into Flink's
 * raw operator state: a managed list of byte arrays is read back a byte at a time (a restore of
 * 40 MB of held events took 10 s that way).
 *
 * @param segments       the log's segments, oldest first
 * @param watermark      the highest watermark the task had seen
 * @param arrived        events held so far (the order among held events of one time)
 * @param afterWatermark events that came after the watermark had passed their time
 * @param recordFiles    the HR, applicant and asset files as the run started
 * @param held           the events waiting for the watermark, in the order they would be released
 */
record TaskState(List<EventLog.Segment> segments, long watermark, long arrived, long afterWatermark,
        List<RecordFile> recordFiles, List<DetectOperator.Held> held) {

    private static final int VERSION = 1;

    /** A record file as it was: its size and modification time, which tell a changed export cheaply. */
    record RecordFile(String path, long size, long modified) {

        /** The files at {@code paths} as they are now (a file gone has size -1). */
        static List<RecordFile> of(List<String> paths) {
            List<RecordFile> files = new ArrayList<>();
            for (String p : paths) {
                try {
                    Path f = Path.of(p);
                    files.add(new RecordFile(p, Files.size(f), Files.getLastModifiedTime(f).toMillis()));
                } catch (IOException e) {
                    files.add(new RecordFile(p, -1, -1));
                }
            }
            return files;
        }

        /** How the record files differ from {@code then} ("X changed", "X is gone"), or null when they do not. */
        static String changed(List<RecordFile> then, List<RecordFile> now) {
            List<String> differences = new ArrayList<>();
            for (RecordFile before : then) {
                RecordFile after = now.stream().filter(f -> f.path.equals(before.path)).findFirst().orElse(null);
                if (after == null || after.size < 0) {
                    differences.add(before.path + " is gone");
                } else if (!after.equals(before)) {
                    differences.add(before.path + " changed");
                }
            }
            for (RecordFile after : now) {
                if (then.stream().noneMatch(f -> f.path.equals(after.path))) {
                    differences.add(after.path + " was added");
                }
            }
            return differences.isEmpty() ? null : String.join("; ", differences);
        }
    }

    /** Writes the state to {@code to}, LZ4-compressed (the held events are most of it), leaving {@code to} open. */
    void write(OutputStream to) throws IOException {
        LZ4BlockOutputStream lz4 = new LZ4BlockOutputStream(to, 1 << 16);
        DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(lz4, 1 << 16));
        {
            out.writeInt(VERSION);
            out.writeInt(segments.size());
            for (EventLog.Segment s : segments) {
                out.writeUTF(s.path());
                out.writeLong(s.entries());
            }
            out.writeLong(watermark);
            out.writeLong(arrived);
            out.writeLong(afterWatermark);
            out.writeInt(recordFiles.size());
            for (RecordFile f : recordFiles) {
                out.writeUTF(f.path());
                out.writeLong(f.size());
                out.writeLong(f.modified());
            }
            out.writeInt(held.size());
            for (DetectOperator.Held h : held) {
                out.writeLong(h.time());
                out.writeLong(h.seq());
                out.writeInt(h.bytes().length);
                out.write(h.bytes());
            }
        }
        out.flush();
        lz4.finish();
    }

    /** The state as bytes ({@link #write}). */
    byte[] bytes() {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try {
            write(b);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return b.toByteArray();
    }

    /** Reads what {@link #bytes()} wrote. */
    static TaskState read(byte[] bytes) throws IOException {
        return read(new ByteArrayInputStream(bytes));
    }

    /**
     * Reads what {@link #write} wrote; buffered here, as Flink's checkpoint streams read byte by byte.
     *
     * @throws IOException when the bytes are of a version this build does not know, or cut off
     */
    static TaskState read(InputStream from) throws IOException {
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(new LZ4BlockInputStream(
                new java.io.BufferedInputStream(from, 1 << 16)), 1 << 16))) {
            int version = in.readInt();
            if (version != VERSION) {
                throw new IOException("the detection task's checkpoint is of version " + version + " and this build "
                        + "reads version " + VERSION + ": run the job again from its start");
            }
            List<EventLog.Segment> segments = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                segments.add(new EventLog.Segment(in.readUTF(), in.readLong()));
            }
            long watermark = in.readLong();
            long arrived = in.readLong();
            long afterWatermark = in.readLong();
            List<RecordFile> files = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                files.add(new RecordFile(in.readUTF(), in.readLong(), in.readLong()));
            }
            List<DetectOperator.Held> held = new ArrayList<>();
            for (int i = in.readInt(); i > 0; i--) {
                long time = in.readLong();
                long seq = in.readLong();
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                held.add(new DetectOperator.Held(time, seq, b));
            }
            return new TaskState(segments, watermark, arrived, afterWatermark, files, held);
        }
    }
}
