package dev.unravel.ingest.read;

import com.fasterxml.jackson.core.JsonToken;
import dev.unravel.core.json.JsonBytesParser;
import java.util.Arrays;

/**
 * The fast path for one NDJSON line ({@link JsonBytesParser}: the document tree from the line's
 * bytes, or a decline to Jackson's path in {@link JsonRecords}), plus the same line pulled as
 * Jackson-named tokens for readers' shortcuts ({@link JsonRecords.Shortcut}), with the same rules:
 * anything doubtful throws {@link Declined}, and the line goes to the general path.
 *
 * <p>One instance per file being read, not shared between threads (it keeps scratch space and
 * the field-name table).
 */
public final class JsonLineParser extends JsonBytesParser {

    /** Thrown by the token methods where the fast path declines; carries no stack (it is routine). */
    public static final class Declined extends RuntimeException {
        private static final Declined INSTANCE = new Declined();

        private Declined() {
            super("declined by the fast path", null, false, false);
        }
    }

    public JsonLineParser(Limits limits) {
        super(limits.maxDepth(), limits.maxStringBytes());
    }

    // ------------------------------------------------------------------ tokens, for shortcuts

    /** Containers open while pulling tokens: true for an object. */
    private boolean[] objects = new boolean[16];
    private int depth;
    /** No value yet in the innermost container (a comma is not due). */
    private boolean first;
    /** A field name has been read and its value is next. */
    private boolean named;
    private String currentName;
    private Object currentValue;

    /**
     * Starts pulling the tokens of the object on {@code buf[off, off + len)}, positioned after its
     * START_OBJECT, as Jackson is after its first {@code nextToken}. Throws {@link Declined}.
     */
    public void start(byte[] buf, int off, int len) {
        b = buf;
        pos = off;
        end = off + len;
        skipWhitespace();
        if (pos >= end || b[pos] != '{' || maxDepth <= 1) {
            throw Declined.INSTANCE;
        }
        pos++;
        depth = 0;
        push(true);
        named = false;
        currentName = null;
        currentValue = null;
    }

    /** Lets go of the line (the parser may be kept for the next one). */
    public void finish() {
        b = null;
        currentName = null;
        currentValue = null;
    }

    /** The next token as Jackson names it; null after the root object when only whitespace is left. */
    public JsonToken nextToken() {
        skipWhitespace();
        if (depth == 0) {
            if (pos == end) {
                return null;
            }
            throw Declined.INSTANCE; // text after the object
        }
        if (pos >= end) {
            throw Declined.INSTANCE;
        }
        byte c = b[pos];
        if (objects[depth - 1] && !named) {
            if (c == '}') {
                pos++;
                return pop(JsonToken.END_OBJECT);
            }
            if (!first) {
                if (c != ',') {
                    throw Declined.INSTANCE;
                }
                pos++;
                skipWhitespace();
            }
            if (pos >= end || b[pos] != '"') {
                throw Declined.INSTANCE;
            }
            pos++;
            String key = name();
            if (key == null) {
                throw Declined.INSTANCE;
            }
            skipWhitespace();
            if (pos >= end || b[pos] != ':') {
                throw Declined.INSTANCE;
            }
            pos++;
            currentName = key;
            named = true;
            return JsonToken.FIELD_NAME;
        }
        if (!objects[depth - 1]) {
            if (c == ']') {
                pos++;
                return pop(JsonToken.END_ARRAY);
            }
            if (!first) {
                if (c != ',') {
                    throw Declined.INSTANCE;
                }
                pos++;
                skipWhitespace();
                if (pos >= end) {
                    throw Declined.INSTANCE;
                }
                c = b[pos];
            }
        }
        named = false;
        first = false;
        switch (c) {
            case '{' -> {
                pos++;
                push(true);
                return JsonToken.START_OBJECT;
            }
            case '[' -> {
                pos++;
                push(false);
                return JsonToken.START_ARRAY;
            }
            case '"' -> {
                pos++;
                return scalarToken(string(), JsonToken.VALUE_STRING);
            }
            case 't' -> {
                return scalarToken(literal("true", Boolean.TRUE), JsonToken.VALUE_TRUE);
            }
            case 'f' -> {
                return scalarToken(literal("false", Boolean.FALSE), JsonToken.VALUE_FALSE);
            }
            case 'n' -> {
                return scalarToken(literal("null", null), JsonToken.VALUE_NULL);
            }
            default -> {
                Object n = number();
                return scalarToken(n, n instanceof Double ? JsonToken.VALUE_NUMBER_FLOAT
                        : JsonToken.VALUE_NUMBER_INT);
            }
        }
    }

    private JsonToken scalarToken(Object value, JsonToken token) {
        if (value == DECLINE) {
            throw Declined.INSTANCE;
        }
        currentValue = value;
        return token;
    }

    private void push(boolean object) {
        // Jackson rejects nesting deeper than the limit; stay clear of it
        if (depth + 1 >= maxDepth) {
            throw Declined.INSTANCE;
        }
        if (depth == objects.length) {
            objects = Arrays.copyOf(objects, depth * 2);
        }
        objects[depth++] = object;
        first = true;
        named = false;
    }

    private JsonToken pop(JsonToken token) {
        depth--;
        first = false;
        named = false;
        return token;
    }

    /** The name of the FIELD_NAME token last returned. */
    public String currentName() {
        return currentName;
    }

    /** The text of the VALUE_STRING token last returned. */
    public String getText() {
        return (String) currentValue;
    }

    /** The value of the number token last returned: Integer, Long or Double, as Jackson's {@code getNumberValue}. */
    public Number getNumberValue() {
        return (Number) currentValue;
    }
}
