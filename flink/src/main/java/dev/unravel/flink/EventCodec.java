package dev.unravel.flink;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.FieldMap;
import dev.unravel.core.LogSource;
import dev.unravel.engine.run.DetectorRunner;
import dev.unravel.ingest.FileSummary;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An event and what the detectors prepared for it, as bytes between the reading tasks and the
 * detection task. Flink would otherwise fall back to Kryo for {@link Event}, whose immutable
 * collections and records it cannot rebuild.
 *
 * <p>The document is written as the tree a JSON parser makes (maps, lists, strings, numbers,
 * booleans, nulls) and read back into {@link FieldMap}s, field names shared through a bounded
 * table so that look-ups by identity work again. Of the prepared results, the common small kinds
 * travel (Sigma's matched rule numbers, strings); any other kind is marked, and the detection task
 * prepares that one again ({@link DetectorRunner#prepare(Event, int)}): correct whatever a detector
 * returns, and cheap, since the costly preparation (rule matching) is the kind that travels.
 *
 * <p>Layout: a mark ({@code E}; a file summary is {@code S} and JSON), time (epoch second, nano), source, type, logsource, user, host, source IP, origin
 * (file, record), the document, then the prepared results.
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

    /** Field names kept for sharing; past this, names are no longer added (documents have few distinct names). */
    private static final int NAMES_KEPT = 16_384;
    /** Nesting written at most; the readers bound it far lower. */
    private static final int MAX_DEPTH = 200;

    /** The first byte of an encoded event. */
    static final byte EVENT = 'E';
    /** The first byte of an encoded file summary. */
    static final byte SUMMARY = 'S';
    /** The first byte of a count of quarantined errors (a record may have several). */
    static final byte QUARANTINED = 'Q';

    private final Map<String, String> names = new HashMap<>();
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

    /** The bytes of a file's summary, which travels to the detection task for the report. */
    public static byte[] encode(FileSummary summary) {
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
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1024);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(EVENT);
            out.writeLong(e.time().getEpochSecond());
            out.writeInt(e.time().getNano());
            out.writeUTF(e.source());
            out.writeUTF(e.type());
            writeNullable(out, e.logSource().product());
            writeNullable(out, e.logSource().category());
            writeNullable(out, e.logSource().service());
            writeNullable(out, e.user());
            writeNullable(out, e.host());
            writeNullable(out, e.sourceIp());
            out.writeBoolean(e.origin() != null);
            if (e.origin() != null) {
                writeNullable(out, e.origin().file());
                out.writeLong(e.origin().record());
            }
            writeValue(out, e.document(), 0);
            writePrepared(out, prepared);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex); // a byte array does not fail
        }
        return bytes.toByteArray();
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
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            if (in.readByte() != EVENT) {
                throw new IOException("it does not start with an event's mark");
            }
            Instant time = Instant.ofEpochSecond(in.readLong(), in.readInt());
            String source = in.readUTF();
            String type = in.readUTF();
            LogSource logSource = LogSource.of(readNullable(in), readNullable(in), readNullable(in));
            String user = readNullable(in);
            String host = readNullable(in);
            String sourceIp = readNullable(in);
            EventRef origin = in.readBoolean() ? new EventRef(readNullable(in), in.readLong()) : null;
            @SuppressWarnings("unchecked")
            Map<String, Object> document = (Map<String, Object>) readValue(in);
            Event e = new Event(time, source, type, logSource, user, host, sourceIp, document, origin);
            return new Decoded(e, readPrepared(in, e));
        } catch (IOException ex) {
            throw new IllegalArgumentException("not an encoded event: " + ex, ex);
        }
    }

    private void writePrepared(DataOutputStream out, Object prepared) throws IOException {
        if (!(prepared instanceof Object[] slots)) {
            out.writeInt(-1);
            return;
        }
        out.writeInt(slots.length);
        out.writeInt(preparing);
        for (Object p : slots) {
            if (p == null) {
                out.writeByte(NULL);
            } else if (p instanceof int[] ints) {
                out.writeByte(INTS);
                out.writeInt(ints.length);
                for (int i : ints) {
                    out.writeInt(i);
                }
            } else if (p instanceof String s) {
                out.writeByte(STRING);
                writeString(out, s);
            } else {
                out.writeByte(PREPARE_AGAIN);
            }
        }
    }

    private Object readPrepared(DataInputStream in, Event e) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        if (in.readInt() != preparing || n != runner.preparing().size()) {
            return runner.prepare(e); // not the writer's detectors: prepare it all here
        }
        Object[] slots = new Object[n];
        for (int i = 0; i < n; i++) {
            byte tag = in.readByte();
            slots[i] = switch (tag) {
                case NULL -> null;
                case INTS -> {
                    int[] ints = new int[in.readInt()];
                    for (int j = 0; j < ints.length; j++) {
                        ints[j] = in.readInt();
                    }
                    yield ints;
                }
                case STRING -> readString(in);
                case PREPARE_AGAIN -> runner.prepare(e, i);
                default -> throw new IOException("unknown prepared tag " + tag);
            };
        }
        return slots;
    }

    private void writeValue(DataOutputStream out, Object v, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("document nested deeper than " + MAX_DEPTH);
        }
        if (v == null) {
            out.writeByte(NULL);
        } else if (v instanceof String s) {
            out.writeByte(STRING);
            writeString(out, s);
        } else if (v instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                writeNullable(out, entry.getKey() == null ? null : entry.getKey().toString());
                writeValue(out, entry.getValue(), depth + 1);
            }
        } else if (v instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object o : list) {
                writeValue(out, o, depth + 1);
            }
        } else if (v instanceof Long l) {
            out.writeByte(LONG);
            out.writeLong(l);
        } else if (v instanceof Integer i) {
            out.writeByte(INT);
            out.writeInt(i);
        } else if (v instanceof Double d) {
            out.writeByte(DOUBLE);
            out.writeDouble(d);
        } else if (v instanceof Float f) {
            out.writeByte(FLOAT);
            out.writeFloat(f);
        } else if (v instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (v instanceof BigInteger b) {
            out.writeByte(BIG_INTEGER);
            writeString(out, b.toString());
        } else if (v instanceof BigDecimal b) {
            out.writeByte(BIG_DECIMAL);
            writeString(out, b.toString());
        } else {
            out.writeByte(OTHER_AS_TEXT);
            writeString(out, v.toString());
        }
    }

    private Object readValue(DataInputStream in) throws IOException {
        byte tag = in.readByte();
        return switch (tag) {
            case NULL -> null;
            case STRING, OTHER_AS_TEXT -> readString(in);
            case MAP -> {
                int n = in.readInt();
                FieldMap map = new FieldMap(n);
                for (int i = 0; i < n; i++) {
                    String key = readNullable(in);
                    map.put(key == null ? null : shared(key), readValue(in));
                }
                yield map;
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
            case DOUBLE -> in.readDouble();
            case FLOAT -> in.readFloat();
            case TRUE -> Boolean.TRUE;
            case FALSE -> Boolean.FALSE;
            case BIG_INTEGER -> new BigInteger(readString(in));
            case BIG_DECIMAL -> new BigDecimal(readString(in));
            default -> throw new IOException("unknown value tag " + tag);
        };
    }

    private String shared(String name) {
        String known = names.get(name);
        if (known != null) {
            return known;
        }
        if (names.size() < NAMES_KEPT) {
            names.put(name, name);
        }
        return name;
    }

    private static void writeNullable(DataOutputStream out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            writeString(out, s);
        }
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }

    /** UTF-8 with an int length: {@code writeUTF} stops at 64 KiB, and a command line or an email body may not. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(b.length);
        out.write(b);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] b = in.readNBytes(in.readInt());
        return new String(b, java.nio.charset.StandardCharsets.UTF_8);
    }
}
