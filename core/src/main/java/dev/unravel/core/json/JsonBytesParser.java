package dev.unravel.core.json;

import dev.unravel.core.FieldMap;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Map;

/**
 * One JSON object's document tree built straight from its UTF-8 bytes — {@link FieldMap}s,
 * {@code ArrayList}s, Strings, Integer/Long/Double, Booleans, nulls, keys interned — exactly as
 * Jackson's token stream would build it, or a decline (null) that sends the record to Jackson.
 *
 * <p>Why hand-written: readers spent most of their time in Jackson per value rather than per
 * token: it decodes every string into a char buffer and then compresses it back into a new
 * String's bytes, canonicalises every field name through its symbol table, and builds a parser,
 * I/O context and text buffer for every record. Here an ASCII value is one copy of its bytes, a
 * field name most often one compare with the name that followed the previous name last time (else
 * one probe of a small table), and nothing is built per record.
 *
 * <p>It only ever accepts what Jackson accepts, and builds what Jackson's path builds: strict JSON
 * (no comments, no leading zeros, no trailing commas, no bare control characters, strictly valid
 * UTF-8). Anything else — a syntax error, {@code -0}, an integer of more than 18 digits, a long
 * float, nesting near the depth limit, a string near the length limit, text after the object, an
 * object cut short by the end of the bytes given — declines, and the record is read again the
 * general way, which writes every error message. The ingest module's {@code JsonLineParserTest}
 * holds it to Jackson on real exports and on generated documents.
 *
 * <p>A record can also be pulled as tokens ({@link #start}, {@link #nextToken}), with the same
 * rules: anything doubtful throws {@link Declined}, and the record goes to the general path.
 *
 * <p>One instance per reader, not shared between threads (it keeps scratch space and the
 * field-name table).
 */
public class JsonBytesParser {

    /** Returned inside the parser for "decline"; null is a JSON value. */
    private static final Object DECLINE = new Object();

    /** Byte classes: 0 plain ASCII inside a string, 1 quote, 2 backslash, 3 control, 4 non-ASCII. */
    private static final byte[] STRING_CLASS = new byte[256];

    static {
        for (int c = 0; c < 0x20; c++) {
            STRING_CLASS[c] = 3;
        }
        STRING_CLASS['"'] = 1;
        STRING_CLASS['\\'] = 2;
        for (int c = 0x80; c < 0x100; c++) {
            STRING_CLASS[c] = 4;
        }
    }

    /** Field names cached (a power of two); the table stops taking new names once half full. */
    private static final int NAMES = 1024;
    /** Longer field names are interned without being cached. */
    private static final int MAX_CACHED_NAME = 64;
    /** Longer field names decline (Jackson's own limit is far above any real export's). */
    private static final int MAX_NAME = 4096;
    /** Longer floating-point numbers decline. */
    private static final int MAX_FLOAT = 64;

    private final int maxDepth;
    private final int maxStringBytes;

    private byte[] b;
    private int pos;
    private int end;

    private Object[] stack = new Object[64];
    private int top;
    private char[] chars = new char[128];

    private final byte[][] nameBytes = new byte[NAMES][];
    private final String[] names = new String[NAMES];
    private final int[] nameHashes = new int[NAMES];
    private int namesHeld;
    /** For each table slot, the slot of the name read after it last time (-1: none yet). */
    private final int[] following = new int[NAMES];
    /** The slot of the name read last (-1 after a name the table does not hold). */
    private int previous = -1;

    /**
     * @param maxDepth       nesting at which Jackson's reader would refuse (objects and arrays
     *                       count); the parser declines before it
     * @param maxStringBytes longest string Jackson's reader would accept, in bytes
     */
    public JsonBytesParser(int maxDepth, int maxStringBytes) {
        this.maxDepth = maxDepth;
        this.maxStringBytes = maxStringBytes;
        Arrays.fill(following, -1);
    }

    /** The object on {@code buf[off, off + len)} (whitespace around it allowed), or null to decline. */
    public FieldMap parse(byte[] buf, int off, int len) {
        return root(buf, off, len, true);
    }

    /**
     * The object that starts at the first non-whitespace byte of {@code buf[off, off + len)},
     * whatever follows it (the next of several documents back to back); null to decline, which
     * includes an object that runs past the bytes given. After an object, {@link #next()} is the
     * position just after it.
     */
    public FieldMap parseFirst(byte[] buf, int off, int len) {
        return root(buf, off, len, false);
    }

    /** Where the object {@link #parseFirst} returned last ends (the position after its '}'). */
    public int next() {
        return next;
    }

    private int next;

    private FieldMap root(byte[] buf, int off, int len, boolean alone) {
        b = buf;
        pos = off;
        end = off + len;
        try {
            skipWhitespace();
            if (pos >= end || b[pos] != '{' || maxDepth <= 1) {
                return null;
            }
            pos++;
            Object doc = object(1);
            if (doc == DECLINE) {
                return null;
            }
            next = pos;
            if (alone) {
                skipWhitespace();
                if (pos != end) {
                    return null; // text after the object: the general path says so
                }
            }
            return (FieldMap) doc;
        } finally {
            Arrays.fill(stack, 0, top, null); // a declined record keeps nothing alive
            top = 0;
            b = null;
        }
    }

    private void skipWhitespace() {
        while (pos < end) {
            byte c = b[pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    /** The object whose '{' has been read, at nesting {@code depth}; its fields go onto the stack. */
    private Object object(int depth) {
        int base = top;
        skipWhitespace();
        if (pos < end && b[pos] == '}') {
            pos++;
            return FieldMap.ofPairs(stack, base, 0);
        }
        while (true) {
            if (pos >= end || b[pos] != '"') {
                return DECLINE;
            }
            pos++;
            String key = name();
            if (key == null) {
                return DECLINE;
            }
            skipWhitespace();
            if (pos >= end || b[pos] != ':') {
                return DECLINE;
            }
            pos++;
            skipWhitespace();
            Object value = value(depth);
            if (value == DECLINE) {
                return DECLINE;
            }
            if (top + 2 > stack.length) {
                stack = Arrays.copyOf(stack, stack.length * 2);
            }
            stack[top] = key;
            stack[top + 1] = value;
            top += 2;
            skipWhitespace();
            if (pos >= end) {
                return DECLINE;
            }
            byte c = b[pos++];
            if (c == '}') {
                break;
            }
            if (c != ',') {
                return DECLINE;
            }
            skipWhitespace();
        }
        FieldMap map = FieldMap.ofPairs(stack, base, (top - base) / 2);
        Arrays.fill(stack, base, top, null);
        top = base;
        return map;
    }

    /** The array whose '[' has been read, at nesting {@code depth}. */
    private Object array(int depth) {
        int base = top;
        skipWhitespace();
        if (pos < end && b[pos] == ']') {
            pos++;
            return new ArrayList<>();
        }
        while (true) {
            Object value = value(depth);
            if (value == DECLINE) {
                return DECLINE;
            }
            if (top + 1 > stack.length) {
                stack = Arrays.copyOf(stack, stack.length * 2);
            }
            stack[top++] = value;
            skipWhitespace();
            if (pos >= end) {
                return DECLINE;
            }
            byte c = b[pos++];
            if (c == ']') {
                break;
            }
            if (c != ',') {
                return DECLINE;
            }
            skipWhitespace();
        }
        ArrayList<Object> list = new ArrayList<>(top - base);
        for (int i = base; i < top; i++) {
            list.add(stack[i]);
        }
        Arrays.fill(stack, base, top, null);
        top = base;
        return list;
    }

    /** The value starting at {@code pos}, inside a container at nesting {@code depth}. */
    private Object value(int depth) {
        if (pos >= end) {
            return DECLINE;
        }
        switch (b[pos]) {
            case '"':
                pos++;
                return string();
            case '{':
                // Jackson rejects nesting deeper than the limit; stay clear of it
                if (depth + 1 >= maxDepth) {
                    return DECLINE;
                }
                pos++;
                return object(depth + 1);
            case '[':
                if (depth + 1 >= maxDepth) {
                    return DECLINE;
                }
                pos++;
                return array(depth + 1);
            case 't':
                return literal("true", Boolean.TRUE);
            case 'f':
                return literal("false", Boolean.FALSE);
            case 'n':
                return literal("null", null);
            default:
                return number();
        }
    }

    /** The literal {@code word} at {@code pos}; what follows it is the container's to check. */
    private Object literal(String word, Object value) {
        int n = word.length();
        if (end - pos < n) {
            return DECLINE;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != word.charAt(i)) {
                return DECLINE;
            }
        }
        pos += n;
        // "truex" or "nulls": Jackson calls the whole run one unrecognised token
        if (pos < end && isIdentifierPart(b[pos])) {
            return DECLINE;
        }
        return value;
    }

    private static boolean isIdentifierPart(byte c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c < 0;
    }

    /**
     * A JSON number: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. Integers of up to 18
     * digits become an Integer when they fit one, else a Long (as Jackson's {@code getNumberValue});
     * other numbers a Double parsed from their text, as Jackson parses them.
     */
    private Object number() {
        int start = pos;
        boolean negative = b[pos] == '-';
        if (negative) {
            pos++;
        }
        int intStart = pos;
        if (pos >= end) {
            return DECLINE;
        }
        if (b[pos] == '0') {
            pos++;
            if (pos < end && isDigit(b[pos])) {
                return DECLINE; // leading zero
            }
        } else if (isDigit(b[pos])) {
            while (pos < end && isDigit(b[pos])) {
                pos++;
            }
        } else {
            return DECLINE;
        }
        int intDigits = pos - intStart;
        boolean integer = true;
        if (pos < end && b[pos] == '.') {
            integer = false;
            pos++;
            if (!digits()) {
                return DECLINE;
            }
        }
        if (pos < end && (b[pos] == 'e' || b[pos] == 'E')) {
            integer = false;
            pos++;
            if (pos < end && (b[pos] == '+' || b[pos] == '-')) {
                pos++;
            }
            if (!digits()) {
                return DECLINE;
            }
        }
        if (pos < end && isIdentifierPart(b[pos]) || pos < end && b[pos] == '.') {
            return DECLINE;
        }
        if (!integer) {
            if (pos - start > MAX_FLOAT) {
                return DECLINE;
            }
            return Double.parseDouble(new String(b, start, pos - start, StandardCharsets.ISO_8859_1));
        }
        if (intDigits > 18 || negative && intDigits == 1 && b[intStart] == '0') {
            return DECLINE; // big integers and -0 are the general path's
        }
        long v = 0;
        for (int i = intStart; i < pos; i++) {
            v = v * 10 + (b[i] - '0');
        }
        if (negative) {
            v = -v;
        }
        return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) Integer.valueOf((int) v) : Long.valueOf(v);
    }

    /** One or more digits at {@code pos}. */
    private boolean digits() {
        int from = pos;
        while (pos < end && isDigit(b[pos])) {
            pos++;
        }
        return pos > from;
    }

    private static boolean isDigit(byte c) {
        return c >= '0' && c <= '9';
    }

    /** The string whose opening quote has been read; an ASCII string without escapes is one copy. */
    private Object string() {
        int start = pos;
        int i = pos;
        while (i < end) {
            byte k = STRING_CLASS[b[i] & 0xFF];
            if (k == 1) {
                if (i - start > maxStringBytes) {
                    return DECLINE;
                }
                pos = i + 1;
                return new String(b, start, i - start, StandardCharsets.ISO_8859_1);
            }
            if (k != 0) {
                return decoded(start, false);
            }
            i++;
        }
        return DECLINE;
    }

    /**
     * A field name, the same String for the same bytes: names repeat on every line, and a small
     * table of their bytes finds the interned String without building one. Null declines.
     */
    private String name() {
        int start = pos;
        // Records of one export repeat their names in one order: the name that followed the last
        // name the previous time is checked first, one compare without hashing or probing.
        if (previous >= 0) {
            int guess = following[previous];
            if (guess >= 0) {
                byte[] e = nameBytes[guess];
                int len = e.length;
                // a table name holds no quote or backslash, so a match up to a quote is exact
                if (start + len < end && b[start + len] == '"' && sameBytes(e, start, len)) {
                    pos = start + len + 1;
                    previous = guess;
                    return names[guess];
                }
            }
        }
        int h = 0;
        int i = pos;
        while (i < end) {
            int c = b[i] & 0xFF;
            byte k = STRING_CLASS[c];
            if (k == 1) {
                break;
            }
            if (k != 0) {
                previous = -1;
                Object s = decoded(start, true);
                return s instanceof String str && str.length() <= MAX_NAME ? str.intern() : null;
            }
            h = 31 * h + c;
            i++;
        }
        if (i >= end) {
            return null;
        }
        int len = i - start;
        pos = i + 1;
        if (len > MAX_CACHED_NAME) {
            previous = -1;
            return len > MAX_NAME ? null : new String(b, start, len, StandardCharsets.ISO_8859_1).intern();
        }
        int mask = NAMES - 1;
        for (int slot = (h ^ (h >>> 16)) & mask; ; slot = (slot + 1) & mask) {
            byte[] held = nameBytes[slot];
            if (held == null) {
                String name = new String(b, start, len, StandardCharsets.ISO_8859_1).intern();
                if (namesHeld < NAMES / 2) { // bounded: hostile keys stop filling the table
                    nameBytes[slot] = Arrays.copyOfRange(b, start, i);
                    nameHashes[slot] = h;
                    names[slot] = name;
                    namesHeld++;
                    follows(slot);
                } else {
                    previous = -1;
                }
                return name;
            }
            if (nameHashes[slot] == h && sameBytes(held, start, len)) {
                follows(slot);
                return names[slot];
            }
        }
    }

    /** Records that the name in {@code slot} followed the previous one, and makes it the previous one. */
    private void follows(int slot) {
        if (previous >= 0) {
            following[previous] = slot;
        }
        previous = slot;
    }

    /** Whether {@code held} is {@code b[start, start + len)}: names are short, a plain loop beats a vectorised compare's set-up. */
    private boolean sameBytes(byte[] held, int start, int len) {
        if (held.length != len) {
            return false;
        }
        for (int k = 0; k < len; k++) {
            if (held[k] != b[start + k]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The string starting at {@code start} that has escapes, non-ASCII characters or control
     * characters: decoded into chars as Jackson decodes it, declining on what Jackson would reject
     * (a bare control character, an unknown escape, anything but strictly valid UTF-8; in a field
     * name, a {@code \\u} escape of a surrogate, which Jackson's name decoding refuses).
     */
    private Object decoded(int start, boolean name) {
        int n = 0;
        int i = start;
        while (true) {
            if (i >= end) {
                return DECLINE;
            }
            if (i - start > maxStringBytes) {
                return DECLINE;
            }
            int c = b[i] & 0xFF;
            if (n + 2 > chars.length) {
                chars = Arrays.copyOf(chars, chars.length * 2);
            }
            if (c == '"') {
                pos = i + 1;
                return new String(chars, 0, n);
            }
            if (c < 0x20) {
                return DECLINE;
            }
            if (c == '\\') {
                if (i + 1 >= end) {
                    return DECLINE;
                }
                char e;
                switch (b[i + 1]) {
                    case '"' -> e = '"';
                    case '\\' -> e = '\\';
                    case '/' -> e = '/';
                    case 'b' -> e = '\b';
                    case 'f' -> e = '\f';
                    case 'n' -> e = '\n';
                    case 'r' -> e = '\r';
                    case 't' -> e = '\t';
                    case 'u' -> {
                        if (i + 6 > end) {
                            return DECLINE;
                        }
                        int u = 0;
                        for (int j = i + 2; j < i + 6; j++) {
                            int d = Character.digit(b[j], 16);
                            if (d < 0) {
                                return DECLINE;
                            }
                            u = u << 4 | d;
                        }
                        if (name && u >= 0xD800 && u <= 0xDFFF) {
                            return DECLINE;
                        }
                        chars[n++] = (char) u;
                        i += 6;
                        continue;
                    }
                    default -> {
                        return DECLINE;
                    }
                }
                chars[n++] = e;
                i += 2;
            } else if (c < 0x80) {
                chars[n++] = (char) c;
                i++;
            } else if (c >= 0xC2 && c <= 0xDF) {
                if (i + 2 > end || !continuation(b[i + 1])) {
                    return DECLINE;
                }
                chars[n++] = (char) ((c & 0x1F) << 6 | b[i + 1] & 0x3F);
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                if (i + 3 > end || !continuation(b[i + 1]) || !continuation(b[i + 2])) {
                    return DECLINE;
                }
                int cp = (c & 0x0F) << 12 | (b[i + 1] & 0x3F) << 6 | b[i + 2] & 0x3F;
                if (cp < 0x800 || cp >= 0xD800 && cp <= 0xDFFF) {
                    return DECLINE; // overlong, or a surrogate encoded on its own
                }
                chars[n++] = (char) cp;
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                if (i + 4 > end || !continuation(b[i + 1]) || !continuation(b[i + 2]) || !continuation(b[i + 3])) {
                    return DECLINE;
                }
                int cp = (c & 0x07) << 18 | (b[i + 1] & 0x3F) << 12 | (b[i + 2] & 0x3F) << 6 | b[i + 3] & 0x3F;
                if (cp < 0x10000 || cp > 0x10FFFF) {
                    return DECLINE;
                }
                chars[n++] = Character.highSurrogate(cp);
                chars[n++] = Character.lowSurrogate(cp);
                i += 4;
            } else {
                return DECLINE;
            }
        }
    }

    private static boolean continuation(byte c) {
        return (c & 0xC0) == 0x80;
    }

    /** The kinds of token {@link #nextToken} returns, named as Jackson names them. */
    public enum Token {
        START_OBJECT, END_OBJECT, START_ARRAY, END_ARRAY, FIELD_NAME, VALUE_STRING, VALUE_NUMBER_INT,
        VALUE_NUMBER_FLOAT, VALUE_TRUE, VALUE_FALSE, VALUE_NULL;

        public boolean isNumeric() {
            return this == VALUE_NUMBER_INT || this == VALUE_NUMBER_FLOAT;
        }
    }

    /** Thrown by the token methods where the fast path declines; carries no stack (it is routine). */
    public static final class Declined extends RuntimeException {
        private static final Declined INSTANCE = new Declined();

        private Declined() {
            super("declined by the fast path", null, false, false);
        }
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

    /**
     * Where pulling has got to: after the root object's END_OBJECT, the position just past it (the
     * next of several documents back to back starts there or after whitespace).
     */
    public int position() {
        return pos;
    }

    /** Lets go of the line (the parser may be kept for the next one). */
    public void finish() {
        b = null;
        currentName = null;
        currentValue = null;
    }

    /** The next token as Jackson names it; null after the root object when only whitespace is left. */
    public Token nextToken() {
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
                return pop(Token.END_OBJECT);
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
            return Token.FIELD_NAME;
        }
        if (!objects[depth - 1]) {
            if (c == ']') {
                pos++;
                return pop(Token.END_ARRAY);
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
                return Token.START_OBJECT;
            }
            case '[' -> {
                pos++;
                push(false);
                return Token.START_ARRAY;
            }
            case '"' -> {
                pos++;
                return scalarToken(string(), Token.VALUE_STRING);
            }
            case 't' -> {
                return scalarToken(literal("true", Boolean.TRUE), Token.VALUE_TRUE);
            }
            case 'f' -> {
                return scalarToken(literal("false", Boolean.FALSE), Token.VALUE_FALSE);
            }
            case 'n' -> {
                return scalarToken(literal("null", null), Token.VALUE_NULL);
            }
            default -> {
                Object n = number();
                return scalarToken(n, n instanceof Double ? Token.VALUE_NUMBER_FLOAT
                        : Token.VALUE_NUMBER_INT);
            }
        }
    }

    private Token scalarToken(Object value, Token token) {
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

    private Token pop(Token token) {
        depth--;
        first = false;
        named = false;
        return token;
    }

    /**
     * Pulls past the value whose first token, {@code t}, was just returned: nothing for a scalar,
     * up to and including the matching end for an object or array (as Jackson's
     * {@code skipChildren}). A value cut short declines, as {@link #nextToken} does.
     */
    public void skipChildren(Token t) {
        if (t != Token.START_OBJECT && t != Token.START_ARRAY) {
            return;
        }
        int inside = depth;
        while (depth >= inside) {
            nextToken();
        }
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
