package dev.unravel.flink;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.FieldMap;
import dev.unravel.core.LogSource;
import dev.unravel.engine.run.DetectorRunner;
import dev.unravel.ingest.FileSummary;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An event and what the detectors prepared for it, as bytes between the reading tasks and the
 * detection task. Flink would otherwise fall back to Kryo for {@link Event}, whose immutable
 * collections and records it cannot rebuild.
 *
 * <p>The document is written as the tree a JSON parser makes (maps, lists, strings, numbers,
 * booleans, nulls) and read back into {@link FieldMap}s, short strings (field names above all)
 * shared through a fixed table so that look-ups by identity work again and repeated values are not
 * allocated anew. Of the prepared results, the common small kinds
 * travel (Sigma's matched rule numbers, strings); any other kind is marked, and the detection task
 * prepares that one again ({@link DetectorRunner#prepare(Event, int)}): correct whatever a detector
 * returns, and cheap, since the costly preparation (rule matching) is the kind that travels.
 *
 * <p>Layout: a mark ({@code E}; a file summary is {@code S} and JSON, a quarantine count {@code Q}),
 * time (epoch second, nano), source, type, logsource, user, host, source IP, origin (file,
 * record), the document, then the prepared results. One codec per thread: it reuses its buffers.
 */
public final class EventCodec {

    private static final byte NULL = 0;
    private static final byte STRING = 1;
    private static final byte LONG = 2;
    private static final byte INT = 3;
    private static final byte DOUBLE = 4;
    private static final byte TRUE = 5;
    private static final byte FALSE = 6;
    private static final byte MAP = 7;
    private static final byte LIST = 8;
    private static final byte BIG_INTEGER = 9;
    private static final byte BIG_DECIMAL = 10;
    private static final byte FLOAT = 11;
    /** A value of no JSON kind: kept as its text (none of Unravel's readers makes one). */
    private static final byte OTHER_AS_TEXT = 12;
    /** A prepared result that does not travel: prepare it again where the detectors run. */
    private static final byte PREPARE_AGAIN = 13;
    private static final byte INTS = 14;

    /** Nesting written at most; the readers bound it far lower (Limits: 64). */
    static final int MAX_DEPTH = 200;
    /** What stands in for a subtree nested deeper than {@link #MAX_DEPTH}. */
    static final String TOO_DEEP = "(nested deeper than " + MAX_DEPTH + " levels: not carried)";

    /** The first byte of an encoded event. */
    static final byte EVENT = 'E';
    /** The first byte of an encoded file summary. */
    static final byte SUMMARY = 'S';
    /** The first byte of a file summary without errors, in binary. */
    static final byte COUNTS = 'C';
    /** The first byte of a count of quarantined errors (a record may have several). */
    static final byte QUARANTINED = 'Q';

    private final DetectorRunner runner;
    /** Which detectors prepared, so that a reader can tell results of another configuration. */
    private final int preparing;

    /** A codec for the results of {@code runner}'s preparing detectors, on the writing or the reading side. */
    public EventCodec(DetectorRunner runner) {
        this.runner = runner;
        this.preparing = runner.preparing().hashCode();
    }

    /** Whether {@code encoded} holds an event (else a file summary or a quarantine count). */
    public static boolean isEvent(byte[] encoded) {
        return encoded.length > 0 && encoded[0] == EVENT;
    }

    /**
     * The bytes of a file's summary, which travels to the detection task for the report. A summary
     * with no errors and no failure — every clean Kafka message has one — is a few counts in binary
     * ({@code C}); one with errors is JSON ({@code S}), read once per bad batch.
     */
    public byte[] encode(FileSummary summary) {
        if (summary.errors().isEmpty() && summary.failure() == null) {
            Out out = this.out; // reused: a Kafka reader encodes one of these per message
            out.pos = 0;
            out.write(COUNTS);
            out.writeNullable(summary.file());
            out.writeNullable(summary.format());
            out.writeNullable(summary.encoding());
            out.writeInt(summary.confidence());
            out.writeLong(summary.records());
            out.writeLong(summary.accepted());
            out.writeLong(summary.quarantined());
            out.writeLong(summary.events());
            return Arrays.copyOf(out.buf, out.pos);
        }
        try {
            byte[] json = MAPPER.writeValueAsBytes(summary);
            byte[] out = new byte[json.length + 1];
            out[0] = SUMMARY;
            System.arraycopy(json, 0, out, 1, json.length);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes of how many entries a reader added to its quarantine since it last told: the
     * report's count, as a scan's, is of those entries (a record may have several, a file in no
     * format has one), which the file summaries alone do not give.
     */
    public static byte[] quarantined(long added) {
        return java.nio.ByteBuffer.allocate(9).put(QUARANTINED).putLong(added).array();
    }

    /** What {@link #quarantined(long)} wrote, or -1 when {@code encoded} is something else. */
    public static long quarantinedOf(byte[] encoded) {
        return encoded.length == 9 && encoded[0] == QUARANTINED ? java.nio.ByteBuffer.wrap(encoded, 1, 8).getLong() : -1;
    }

    /** A summary {@link #encode(FileSummary)} wrote. */
    public static FileSummary summary(byte[] encoded) {
        if (encoded.length > 0 && encoded[0] == COUNTS) {
            In in = new In(encoded);
            in.read();
            try {
                String file = in.readNullable();
                String format = in.readNullable();
                String encoding = in.readNullable();
                int confidence = in.readInt();
                return new FileSummary(file, format, confidence, encoding, in.readLong(), in.readLong(), in.readLong(),
                        in.readLong(), List.of(), null);
            } catch (ArrayIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("not an encoded file summary: it ends early", e);
            }
        }
        try {
            return MAPPER.readValue(encoded, 1, encoded.length - 1, FileSummary.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an encoded file summary: " + e, e);
        }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER =
            new com.fasterxml.jackson.databind.ObjectMapper();

    /** The bytes of {@code e} with {@code prepared} (what {@link DetectorRunner#prepare(Event)} returned). */
    public byte[] encode(Event e, Object prepared) {
        Out out = this.out;
        out.pos = 0;
        out.write(EVENT);
        out.writeLong(e.time().getEpochSecond());
        out.writeInt(e.time().getNano());
        out.writeNullable(e.source());
        out.writeNullable(e.type());
        out.writeNullable(e.logSource().product());
        out.writeNullable(e.logSource().category());
        out.writeNullable(e.logSource().service());
        out.writeNullable(e.user());
        out.writeNullable(e.host());
        out.writeNullable(e.sourceIp());
        out.write(e.origin() != null ? TRUE : FALSE);
        if (e.origin() != null) {
            out.writeNullable(e.origin().file());
            out.writeLong(e.origin().record());
        }
        writeValue(out, e.document(), 0);
        writePrepared(out, prepared);
        return Arrays.copyOf(out.buf, out.pos);
    }

    /** The time of an encoded event in epoch milliseconds, without decoding the rest; other elements' is Long.MIN_VALUE. */
    public static long timeMillis(byte[] encoded) {
        if (!isEvent(encoded)) {
            return Long.MIN_VALUE;
        }
        long seconds = 0;
        for (int i = 1; i <= 8; i++) {
            seconds = (seconds << 8) | (encoded[i] & 0xFF);
        }
        int nanos = ((encoded[9] & 0xFF) << 24) | ((encoded[10] & 0xFF) << 16) | ((encoded[11] & 0xFF) << 8)
                | (encoded[12] & 0xFF);
        return Math.addExact(Math.multiplyExact(seconds, 1000L), nanos / 1_000_000);
    }

    /** An event read back, with its prepared results filled in by {@code runner} where they did not travel. */
    public record Decoded(Event event, Object prepared) {
    }

    /**
     * Reads what {@link #encode} wrote. This codec's runner prepares again the results that did not
     * travel; when its preparing detectors are not those of the writer (another configuration), it
     * prepares the whole event again.
     */
    public Decoded decode(byte[] encoded) {
        In in = new In(encoded);
        try {
            if (in.read() != EVENT) {
                throw new IllegalArgumentException("not an encoded event: it does not start with an event's mark");
            }
            Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
            String source = readNullable(in);
            String type = readNullable(in);
            LogSource logSource = LogSource.of(readNullable(in), readNullable(in), readNullable(in));
            String user = readNullable(in);
            String host = readNullable(in);
            String sourceIp = readNullable(in);
            EventRef origin = in.read() == TRUE ? new EventRef(readNullable(in), in.readLong()) : null;
            @SuppressWarnings("unchecked")
            Map<String, Object> document = (Map<String, Object>) readValue(in);
            Event e = new Event(time, source, type, logSource, user, host, sourceIp, document, origin);
            return new Decoded(e, readPrepared(in, e));
        } catch (ArrayIndexOutOfBoundsException ex) {
            throw new IllegalArgumentException("not an encoded event: it ends early", ex);
        }
    }

    private void writePrepared(Out out, Object prepared) {
        if (!(prepared instanceof Object[] slots)) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(slots.length);
        out.writeInt(preparing);
        for (Object p : slots) {
            if (p == null) {
                out.write(NULL);
            } else if (p instanceof int[] ints) {
                out.write(INTS);
                out.writeInt(ints.length);
                for (int i : ints) {
                    out.writeInt(i);
                }
            } else if (p instanceof String str) {
                out.write(STRING);
                out.writeString(str);
            } else {
                out.write(PREPARE_AGAIN);
            }
        }
    }

    private Object readPrepared(In in, Event e) {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        if (in.readInt() != preparing || n != runner.preparing().size()) {
            return runner.prepare(e); // not the writer's detectors: prepare it all here
        }
        Object[] slots = new Object[n];
        for (int i = 0; i < n; i++) {
            byte tag = in.read();
            slots[i] = switch (tag) {
                case NULL -> null;
                case INTS -> {
                    int[] ints = new int[in.readInt()];
                    for (int j = 0; j < ints.length; j++) {
                        ints[j] = in.readInt();
                    }
                    yield ints;
                }
                case STRING -> in.readString();
                case PREPARE_AGAIN -> runner.prepare(e, i);
                default -> throw new IllegalArgumentException("not an encoded event: unknown prepared tag " + tag);
            };
        }
        return slots;
    }

    private void writeValue(Out out, Object v, int depth) {
        if (depth > MAX_DEPTH) {
            // cut, never thrown: a throw here would stop the reading task, and with it the run
            out.write(OTHER_AS_TEXT);
            out.writeString(TOO_DEEP);
            return;
        }
        if (v == null) {
            out.write(NULL);
        } else if (v instanceof String s) {
            out.write(STRING);
            out.writeString(s);
        } else if (v instanceof Map<?, ?> map) {
            out.write(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeNullable(entry.getKey() == null ? null : entry.getKey().toString());
                writeValue(out, entry.getValue(), depth + 1);
            }
        } else if (v instanceof List<?> list) {
            out.write(LIST);
            out.writeInt(list.size());
            for (Object o : list) {
                writeValue(out, o, depth + 1);
            }
        } else if (v instanceof Long l) {
            out.write(LONG);
            out.writeLong(l);
        } else if (v instanceof Integer i) {
            out.write(INT);
            out.writeInt(i);
        } else if (v instanceof Double d) {
            out.write(DOUBLE);
            out.writeLong(Double.doubleToRawLongBits(d));
        } else if (v instanceof Float f) {
            out.write(FLOAT);
            out.writeInt(Float.floatToRawIntBits(f));
        } else if (v instanceof Boolean b) {
            out.write(b ? TRUE : FALSE);
        } else if (v instanceof BigInteger b) {
            out.write(BIG_INTEGER);
            out.writeString(b.toString());
        } else if (v instanceof BigDecimal b) {
            out.write(BIG_DECIMAL);
            out.writeString(b.toString());
        } else {
            out.write(OTHER_AS_TEXT);
            out.writeString(v.toString());
        }
    }

    private Object readValue(In in) {
        byte tag = in.read();
        return switch (tag) {
            case NULL -> null;
            case STRING, OTHER_AS_TEXT -> in.readString();
            case MAP -> {
                int n = in.readInt();
                Object[] pairs = new Object[2 * n];
                for (int i = 0; i < n; i++) {
                    pairs[2 * i] = readNullable(in);
                    pairs[2 * i + 1] = readValue(in);
                }
                yield FieldMap.ofPairs(pairs, 0, n);
            }
            case LIST -> {
                int n = in.readInt();
                List<Object> list = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(readValue(in));
                }
                yield list;
            }
            case LONG -> in.readLong();
            case INT -> in.readInt();
            case DOUBLE -> Double.longBitsToDouble(in.readLong());
            case FLOAT -> Float.intBitsToFloat(in.readInt());
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case BIG_INTEGER -> new BigInteger(in.readString());
            case BIG_DECIMAL -> new BigDecimal(in.readString());
            default -> throw new IllegalArgumentException("not an encoded event: unknown value tag " + tag);
        };
    }

    private String readNullable(In in) {
        return in.read() == TRUE ? readShared(in) : null;
    }

    /**
     * A field name (or an envelope's label), the same instance as last time when its bytes were seen
     * before: names repeat from event to event, and a detector's look-up by a field name finds a
     * shared name by identity ({@link FieldMap}). The table is a fixed array, each slot holding the
     * last string that hashed there. Values are not shared: there are many more of them, their slots
     * go cold, and the cache misses cost more than allocating (DetectCapacity, decoding the demo's 795,211
     * log events alone: 3.3–4.3 s with values of up to 64 bytes shared, 2.6–2.9 s with names only).
     */
    private String readShared(In in) {
        int header = in.readInt();
        int length = header >>> 1;
        boolean ascii = (header & 1) == 0;
        byte[] buf = in.buf;
        int from = in.pos;
        in.pos += length;
        if (length > SHARED_MAX_LENGTH) {
            return new String(buf, from, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        }
        int h = length;
        for (int i = from; i < from + length; i++) {
            h = 31 * h + buf[i];
        }
        int slot = (h ^ (h >>> 15)) & (SHARED_SLOTS - 1);
        byte[] known = sharedBytes[slot];
        if (known != null && known.length == length && same(known, buf, from)) {
            return sharedStrings[slot];
        }
        String s = new String(buf, from, length, ascii ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
        sharedBytes[slot] = Arrays.copyOfRange(buf, from, from + length);
        sharedStrings[slot] = s;
        return s;
    }

    /** Whether {@code buf} holds {@code known} at {@code from}: a plain loop, as these are short (Arrays.equals' setup cost more). */
    private static boolean same(byte[] known, byte[] buf, int from) {
        for (int i = 0; i < known.length; i++) {
            if (known[i] != buf[from + i]) {
                return false;
            }
        }
        return true;
    }

    /** Strings this long or shorter are shared (field names, types, hosts, accounts, paths of a few words). */
    private static final int SHARED_MAX_LENGTH = 64;
    private static final int SHARED_SLOTS = 8192;
    private final byte[][] sharedBytes = new byte[SHARED_SLOTS][];
    private final String[] sharedStrings = new String[SHARED_SLOTS];
    private final Out out = new Out();

    /**
     * Bytes written into one growing array, reused from event to event (a DataOutputStream over a
     * ByteArrayOutputStream was a third of the reading side's codec time). Integers are big-endian;
     * a string is its length times two, plus one when it is not ASCII, then its bytes (Latin-1
     * copied as is, otherwise UTF-8).
     */
    private static final class Out {
        byte[] buf = new byte[4096];
        int pos;

        private void room(int n) {
            if (pos + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        void write(byte b) {
            room(1);
            buf[pos++] = b;
        }

        void writeInt(int v) {
            room(4);
            buf[pos] = (byte) (v >>> 24);
            buf[pos + 1] = (byte) (v >>> 16);
            buf[pos + 2] = (byte) (v >>> 8);
            buf[pos + 3] = (byte) v;
            pos += 4;
        }

        void writeLong(long v) {
            writeInt((int) (v >>> 32));
            writeInt((int) v);
        }

        void writeNullable(String s) {
            write(s != null ? TRUE : FALSE);
            if (s != null) {
                writeString(s);
            }
        }

        @SuppressWarnings("deprecation") // getBytes(int, int, byte[], int): the low byte of each char, no copy made
        void writeString(String s) {
            int n = s.length();
            boolean ascii = true;
            for (int i = 0; i < n && ascii; i++) {
                ascii = s.charAt(i) < 0x80;
            }
            if (ascii) {
                writeInt(n << 1);
                room(n);
                s.getBytes(0, n, buf, pos);
                pos += n;
            } else {
                byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
                writeInt((utf8.length << 1) | 1);
                room(utf8.length);
                System.arraycopy(utf8, 0, buf, pos, utf8.length);
                pos += utf8.length;
            }
        }
    }

    /** Reads what {@link Out} wrote. */
    private static final class In {
        final byte[] buf;
        int pos;

        In(byte[] buf) {
            this.buf = buf;
        }

        byte read() {
            return buf[pos++];
        }

        int readInt() {
            int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8)
                    | (buf[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        long readLong() {
            return ((long) readInt() << 32) | (readInt() & 0xFFFFFFFFL);
        }

        String readNullable() {
            return read() == TRUE ? readString() : null;
        }

        String readString() {
            int header = readInt();
            int length = header >>> 1;
            String s = new String(buf, pos, length, (header & 1) == 0 ? StandardCharsets.ISO_8859_1
                    : StandardCharsets.UTF_8);
            pos += length;
            return s;
        }
    }
}
