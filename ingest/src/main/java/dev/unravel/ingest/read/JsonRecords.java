package dev.unravel.ingest.read;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.FieldMap;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Frames a stream of JSON records, whichever of the three ways exports write them: one object a
 * line (NDJSON), one top-level array (API responses), or pretty-printed documents back to back
 * ({@code evtx_dump}). Each object is built into a {@code Map} tree and handed to the reader.
 * An NDJSON line is first tried by {@link JsonLineParser}, which builds the same tree from the
 * bytes without Jackson or declines; a declined line is read by Jackson, which says what is wrong.
 *
 * <p>Bounded on hostile input: NDJSON lines longer than the record limit are skipped without
 * being held; objects in arrays and concatenated documents are measured by byte offset while
 * built and skipped token by token once too large; nesting depth and string length are capped by
 * Jackson's stream constraints. NDJSON recovers at the next line after a syntax error; the other
 * two framings cannot resynchronise, so a syntax error ends the file with an error that says where
 * (the records before it stand).
 */
public final class JsonRecords {

    /** Converts one parsed record into events; throws {@link RecordException} for a bad record. */
    @FunctionalInterface
    public interface Handler {
        void record(Map<String, Object> document, long record, long line) throws RecordException;
    }

    /**
     * A reader's shortcut for one-line records of the shape it knows best: the event built straight
     * from the tokens, without the document tree the general path builds and then takes apart.
     * Null declines the record (any other shape, anything doubtful, any error), which is then read
     * the general way from the start of its line: the shortcut decides nothing the general path
     * would decide differently, and every error message still comes from the general path.
     */
    @FunctionalInterface
    public interface Shortcut {
        /**
         * The event of the object whose START_OBJECT {@code tokens} has passed, or null to
         * decline; {@link JsonLineParser.Declined} (or any exception) declines too.
         */
        Event read(JsonLineParser tokens, EventRef origin);
    }

    private static final Map<Limits, JsonFactory> FACTORIES = new ConcurrentHashMap<>();

    private JsonRecords() {
    }

    static JsonFactory factory(Limits limits) {
        // Input reaches the readers as UTF-8 (Utf8Stream decodes every other encoding and drops the
        // byte-order mark), so the factory does not detect a charset for each line's parser.
        return FACTORIES.computeIfAbsent(limits, l -> JsonFactory.builder()
                .disable(JsonFactory.Feature.CHARSET_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(l.maxDepth())
                        .maxStringLength(l.maxStringBytes()).build())
                .build());
    }

    /** Reads every record of {@code input}, reporting each to {@code sink} and converting it with {@code handler}. */
    public static void read(Input input, RecordSink sink, Handler handler) throws IOException {
        read(input, sink, handler, null);
    }

    /** As {@link #read(Input, RecordSink, Handler)}, trying {@code shortcut} first on each NDJSON line. */
    public static void read(Input input, RecordSink sink, Handler handler, Shortcut shortcut) throws IOException {
        BufferedInputStream in = new BufferedInputStream(input.stream(), 1 << 16);
        int first = peekNonWhitespace(in);
        if (first == -1) {
            return;
        }
        if (first == '[') {
            readStreamed(input, in, sink, handler, true);
        } else if (first == '{') {
            if (firstLineIsWholeObject(in, input.limits())) {
                readLines(input, in, sink, handler, shortcut);
            } else {
                readStreamed(input, in, sink, handler, false);
            }
        } else if (laterLineIsObject(in)) {
            // NDJSON whose first line is damaged: read line by line so the good lines after it survive.
            readLines(input, in, sink, handler, shortcut);
        } else {
            sink.reject(input.error(0, 1, null, "is not JSON: it starts with " + Limits.quote(
                    Character.isISOControl(first) ? String.format("byte 0x%02x", first) : String.valueOf((char) first)),
                    null));
        }
    }

    /**
     * One JSON object given whole (a record another format carries, such as a binary event log's
     * record rendered as JSON), read the general way: with the limits, big numbers and all.
     */
    public static Map<String, Object> object(byte[] json, Limits limits) throws IOException, RecordException {
        try (JsonParser p = factory(limits).createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new RecordException(null, "is not a JSON object");
            }
            return new Tree(limits).read(p, Long.MAX_VALUE);
        }
    }

    /**
     * One JSON value of any kind given whole — a list a field holds as JSON text, as Defender's
     * {@code LoggedOnUsers} — read with the limits: a map, a list, a string, a number, a boolean or null.
     */
    public static Object value(byte[] json, Limits limits) throws IOException, RecordException {
        try (JsonParser p = factory(limits).createParser(json)) {
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new RecordException(null, "is empty, not JSON");
            }
            Object v = new Tree(limits).readValue(p, first);
            if (p.nextToken() != null) {
                throw new RecordException(null, "has more after its JSON value");
            }
            return v;
        }
    }

    private static int peekNonWhitespace(BufferedInputStream in) throws IOException {
        in.mark(1 << 16);
        int b;
        int skipped = 0;
        do {
            b = in.read();
            skipped++;
        } while ((b == ' ' || b == '\t' || b == '\r' || b == '\n') && skipped < (1 << 16) - 1);
        in.reset();
        return b;
    }

    /** Whether a line after the first, within the first 64 KiB, is an unindented one-line JSON object. */
    private static boolean laterLineIsObject(BufferedInputStream in) throws IOException {
        int window = 1 << 16;
        in.mark(window);
        byte[] buf = in.readNBytes(window);
        in.reset();
        int lineStart = -1;
        for (int i = 0; i < buf.length; i++) {
            if (buf[i] == '\n') {
                if (lineStart >= 0 && oneLineObject(buf, lineStart, i)) {
                    return true;
                }
                lineStart = i + 1;
            }
        }
        return false;
    }

    /** A line that starts at its first column with '{' and ends with '}'; indented lines are inside a document. */
    private static boolean oneLineObject(byte[] buf, int from, int to) {
        int a = from;
        int b = to - 1;
        while (b > a && (buf[b] == ' ' || buf[b] == '\t' || buf[b] == '\r')) {
            b--;
        }
        return b > a && buf[a] == '{' && buf[b] == '}';
    }

    /** NDJSON when the first line alone is one complete object; evtx_dump's pretty documents are not. */
    private static boolean firstLineIsWholeObject(BufferedInputStream in, Limits limits) throws IOException {
        int window = 1 << 16;
        in.mark(window);
        byte[] buf = new byte[window];
        int n = 0;
        int b;
        while (n < window && (b = in.read()) != -1 && b != '\n') {
            buf[n++] = (byte) b;
        }
        in.reset();
        if (n == window) {
            return true; // a first line longer than the window: only NDJSON writes lines that long
        }
        int last = n - 1;
        while (last >= 0 && (buf[last] == ' ' || buf[last] == '\t' || buf[last] == '\r')) {
            last--;
        }
        if (last > 0 && buf[last] == '}') {
            return true; // a line that opens and closes an object: even if this one is bad, the file is NDJSON
        }
        if (n < window && laterLineIsObject(in)) {
            return true; // a cut or damaged first line, then one-line objects: NDJSON
        }
        try (JsonParser p = factory(limits).createParser(buf, 0, n)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            p.skipChildren();
            return p.nextToken() == null;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- one object a line

    private static void readLines(Input input, BufferedInputStream in, RecordSink sink, Handler handler,
            Shortcut shortcut) throws IOException {
        Limits limits = input.limits();
        JsonFactory json = factory(limits);
        LineReader lines = new LineReader(in, limits.maxRecordBytes());
        Tree tree = new Tree(limits);
        JsonLineParser fast = new JsonLineParser(limits);
        long record = 0;
        // A declined line is parsed twice; a file whose lines are mostly of another shape (an
        // exporter that writes every EventData as a Data list) stops trying the shortcut.
        Shortcut trying = shortcut;
        int tried = 0;
        int declined = 0;
        while (lines.next()) {
            if (lines.blank()) {
                continue;
            }
            record++;
            sink.record();
            long line = lines.lineNumber();
            if (lines.overflow()) {
                sink.reject(input.error(record, line, null, "is longer than the record limit of "
                        + limits.maxRecordBytes() + " bytes; skipped", lines.excerpt(limits.excerptChars())));
                continue;
            }
            if (trying != null) {
                tried++;
                Event e = shortcut(fast, lines, trying, new EventRef(input.name(), record));
                if (e != null) {
                    sink.accept(e);
                    continue;
                }
                if (++declined > SHORTCUT_GRACE && 2 * declined > tried) {
                    trying = null;
                }
            }
            Map<String, Object> doc;
            try {
                doc = fast.parse(lines.buffer(), lines.offset(), lines.length());
            } catch (RuntimeException e) {
                doc = null; // a fault in the fast path must not cost the line: Jackson reads it
            }
            if (doc != null) {
                convert(input, sink, handler, doc, record, line, lines, limits.excerptChars());
                continue;
            }
            try (JsonParser p = json.createParser(lines.buffer(), lines.offset(), lines.length())) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    sink.reject(input.error(record, line, null, "is not a JSON object", lines.excerpt(limits.excerptChars())));
                    continue;
                }
                doc = tree.read(p, Long.MAX_VALUE);
                JsonToken trailing = p.nextToken();
                if (trailing != null) {
                    sink.reject(input.error(record, line, null, "has text after the JSON object",
                            lines.excerpt(limits.excerptChars())));
                    continue;
                }
            } catch (JsonProcessingException e) {
                sink.reject(input.error(record, line, null, problem(e) + ": " + detail(e),
                        lines.excerpt(limits.excerptChars())));
                continue;
            } catch (RecordException e) {
                sink.reject(input.error(record, line, e.field(), e.getMessage(), lines.excerpt(limits.excerptChars())));
                continue;
            }
            convert(input, sink, handler, doc, record, line, lines, limits.excerptChars());
        }
    }

    /** Declines a file's lines may have before the shortcut is judged by its share of them. */
    static final int SHORTCUT_GRACE = 32;

    /** The shortcut's event for the line, or null when it declines, fails, or text follows the object. */
    private static Event shortcut(JsonLineParser tokens, LineReader lines, Shortcut shortcut, EventRef origin) {
        return shortcut(tokens, lines.buffer(), lines.offset(), lines.length(), shortcut, origin);
    }

    /**
     * The shortcut's event for the one JSON object in {@code buf[off, off + len)}, or null when it
     * declines, fails, or anything follows the object: then read it the general way.
     */
    public static Event shortcut(JsonLineParser tokens, byte[] buf, int off, int len, Shortcut shortcut,
            EventRef origin) {
        try {
            tokens.start(buf, off, len);
            Event e = shortcut.read(tokens, origin);
            return e != null && tokens.nextToken() == null ? e : null;
        } catch (RuntimeException e) {
            return null; // the general path reads the line again and says what is wrong with it
        } finally {
            tokens.finish();
        }
    }

    private static void convert(Input input, RecordSink sink, Handler handler, Map<String, Object> doc, long record,
            long line, LineReader lines, int excerptChars) {
        // The excerpt is decoded only for a record that fails (the line is still in the buffer):
        // decoding it for every record was a tenth of all the bytes a scan allocated.
        try {
            handler.record(doc, record, line);
        } catch (RecordException e) {
            sink.reject(input.error(record, line, e.field(), e.getMessage(),
                    lines == null ? null : lines.excerpt(excerptChars)));
        } catch (RuntimeException e) {
            // A reader bug must not lose the rest of the file; the record is quarantined with the cause.
            sink.reject(input.error(record, line, null, "could not be read (" + e + ")",
                    lines == null ? null : lines.excerpt(excerptChars)));
        }
    }

    // ---------------------------------------------------------------- arrays and concatenated documents

    private static void readStreamed(Input input, InputStream in, RecordSink sink, Handler handler, boolean array)
            throws IOException {
        Limits limits = input.limits();
        long record = 0;
        Tree tree = new Tree(limits);
        boolean open = false; // a record has been counted and is being built
        try (JsonParser p = factory(limits).createParser(in)) {
            if (array) {
                p.nextToken(); // START_ARRAY
            }
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (array && t == JsonToken.END_ARRAY) {
                    if (p.nextToken() != null) {
                        sink.reject(input.error(0, p.currentTokenLocation().getLineNr(), null,
                                "text after the end of the top-level array is ignored", null));
                    }
                    return;
                }
                record++;
                sink.record();
                open = true;
                long line = p.currentTokenLocation().getLineNr();
                if (t != JsonToken.START_OBJECT) {
                    open = false;
                    sink.reject(input.error(record, line, null, "is not a JSON object but " + t, null));
                    open = false;
                    p.skipChildren();
                    continue;
                }
                Map<String, Object> doc;
                try {
                    doc = tree.read(p, p.currentTokenLocation().getByteOffset());
                } catch (RecordException e) {
                    open = false;
                    sink.reject(input.error(record, line, e.field(), e.getMessage(), null));
                    continue;
                }
                open = false;
                convert(input, sink, handler, doc, record, line, null, 0);
            }
            if (array) {
                sink.reject(input.error(0, p.currentLocation().getLineNr(), null,
                        "the top-level array is not closed (truncated file?)", null));
            }
        } catch (JsonProcessingException e) {
            // A syntax error inside a record already counted belongs to that record, not to a new one.
            if (!open) {
                sink.record();
                record++;
            }
            sink.reject(input.error(record, e.getLocation() == null ? 0 : e.getLocation().getLineNr(), null,
                    problem(e) + ", so the rest of the file cannot be read: " + detail(e), null));
        }
    }

    private static final Pattern JACKSON_LOCATION = Pattern.compile(
            "\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)]");
    private static final Pattern JACKSON_GETTER = Pattern.compile(", from `[^`]*`");

    /**
     * What Jackson rejected, in the reader's terms: a record beyond one of {@link Limits} says so
     * (it may well be valid JSON).
     */
    static String problem(JsonProcessingException e) {
        return e instanceof StreamConstraintsException ? "is beyond a reading limit" : "is not valid JSON";
    }

    /** Jackson's message without its own names: its source placeholder, the getters of its limits. */
    static String detail(JsonProcessingException e) {
        String m = JACKSON_LOCATION.matcher(e.getOriginalMessage()).replaceAll("line $1, column $2");
        return JACKSON_GETTER.matcher(m).replaceAll("");
    }

    // ---------------------------------------------------------------- trees

    /**
     * Builds the objects the parser is positioned on (at their START_OBJECT), one record at a time,
     * reusing its scratch space. With a {@code startOffset}, a record growing past the limit is
     * abandoned: its remaining tokens are skipped, keeping nothing, and a {@link RecordException}
     * says so.
     *
     * <p>Recursive descent over the tokens (nesting is bounded by the parser's depth limit): an
     * object's fields go onto one scratch stack as key/value pairs and become a {@link FieldMap}
     * of exactly their number at END_OBJECT; a nested object's pairs sit above its parent's until
     * it closes. Documents are insertion-ordered, without an entry object per field.
     */
    static final class Tree {
        private final Limits limits;
        private JsonParser p;
        private long startOffset;
        private int tokens;
        /** Containers opened and not yet closed, the object being built included. */
        private int open;
        private Object[] stack = new Object[64];
        private int top;

        Tree(Limits limits) {
            this.limits = limits;
        }

        /** The object whose START_OBJECT {@code parser} is on; {@code Long.MAX_VALUE} for no size check. */
        Map<String, Object> read(JsonParser parser, long startOffset) throws IOException, RecordException {
            this.p = parser;
            this.startOffset = startOffset;
            this.tokens = 0;
            this.open = 1;
            this.top = 0;
            try {
                return object();
            } finally {
                java.util.Arrays.fill(stack, 0, top, null); // an abandoned record keeps nothing alive
                top = 0;
            }
        }

        /** The value starting at token {@code first}, which {@code parser} is on. */
        Object readValue(JsonParser parser, JsonToken first) throws IOException, RecordException {
            this.p = parser;
            this.startOffset = Long.MAX_VALUE;
            this.tokens = 0;
            this.open = 0;
            this.top = 0;
            try {
                return value(first);
            } finally {
                java.util.Arrays.fill(stack, 0, top, null);
                top = 0;
            }
        }

        private JsonToken next() throws IOException, RecordException {
            JsonToken t = p.nextToken();
            if (t == null) {
                throw new RecordException(null, "ends before the JSON object is closed (truncated?)");
            }
            if (startOffset != Long.MAX_VALUE && (++tokens & 1023) == 0
                    && p.currentLocation().getByteOffset() - startOffset > limits.maxRecordBytes()) {
                skipRest(p, open);
                throw new RecordException(null, "is larger than the record limit of " + limits.maxRecordBytes()
                        + " bytes; skipped");
            }
            return t;
        }

        /** The object whose START_OBJECT has been read, up to its END_OBJECT. */
        private Map<String, Object> object() throws IOException, RecordException {
            int base = top;
            while (next() != JsonToken.END_OBJECT) {
                // Only field names come here: the parser rejects anything else inside an object.
                String key = p.currentName();
                Object value = value(next());
                if (top + 2 > stack.length) {
                    stack = java.util.Arrays.copyOf(stack, stack.length * 2);
                }
                stack[top] = key;
                stack[top + 1] = value;
                top += 2;
            }
            open--;
            FieldMap map = FieldMap.ofPairs(stack, base, (top - base) / 2);
            java.util.Arrays.fill(stack, base, top, null);
            top = base;
            return map;
        }

        /** The array whose START_ARRAY has been read, up to its END_ARRAY. */
        private List<Object> array() throws IOException, RecordException {
            List<Object> list = new ArrayList<>();
            JsonToken t;
            while ((t = next()) != JsonToken.END_ARRAY) {
                list.add(value(t));
            }
            open--;
            return list;
        }

        private Object value(JsonToken t) throws IOException, RecordException {
            return switch (t) {
                case START_OBJECT -> {
                    open++;
                    yield object();
                }
                case START_ARRAY -> {
                    open++;
                    yield array();
                }
                case VALUE_STRING -> p.getText();
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getNumberValue();
                case VALUE_TRUE -> Boolean.TRUE;
                case VALUE_FALSE -> Boolean.FALSE;
                case VALUE_NULL -> null;
                default -> p.getText();
            };
        }
    }

    private static void skipRest(JsonParser p, int depth) throws IOException {
        JsonToken t;
        while (depth > 0 && (t = p.nextToken()) != null) {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            }
        }
    }
}
