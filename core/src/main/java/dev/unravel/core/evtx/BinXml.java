package dev.unravel.core.evtx;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the binary XML of one .evtx chunk's records into evtx_dump's JSON.
 *
 * <p>A record is a fragment that almost always instantiates a template: an XML skeleton (defined
 * once per chunk, where first used, and referred to by its offset afterwards) with numbered
 * substitutions, followed by the typed values that fill them. A value may itself be binary XML
 * (Security's EventData is), decoded the same way. Element and attribute names are strings of
 * the chunk, referred to by offset and stored where first used.
 *
 * <p>JSON as evtx_dump writes it: an element holding only text is its value; one with
 * attributes is an object with {@code #attributes} (and {@code #text} for its text); an empty
 * element is null; {@code <Data Name="X">v</Data>} is {@code "X": v}; unnamed {@code Data} elements
 * are a list under {@code Data} (evtx_dump keeps only one of them); a name met again in one parent
 * is numbered, {@code Header}, {@code Header_1}, … (evtx_dump numbers them too, in another order).
 * Values keep their binary type: integers are numbers, HexInt64 is {@code "0x…"} text, a GUID is
 * upper-case text without braces, a SID is {@code S-1-…}, a FILETIME is ISO-8601 UTC to the
 * microsecond. An attribute
 * whose substitution is empty is left out, as in Windows' own rendering; an element left empty is
 * null.
 *
 * <p>Everything is bounds-checked against the chunk: a damaged record throws {@link Malformed}
 * with the byte offset in the chunk, and the reader reports it and goes on.
 */
final class BinXml {
    /** Binary XML that cannot be decoded. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private static final int MAX_DEPTH = 64;
    /**
     * Nodes one record may expand to: templates are filled by copying, and a hostile chunk could
     * instantiate a large template thousands of times; a real record has a few dozen.
     */
    private static final int MAX_NODES = 200_000;
    private int nodes;

    private byte[] chunk;
    private final Map<Integer, String> names = new HashMap<>();
    private final Map<Integer, List<Object>> templates = new HashMap<>();

    /** Starts decoding the records of {@code chunk}: its names and templates are its own. */
    void startChunk(byte[] chunk) {
        this.chunk = chunk;
        names.clear();
        templates.clear();
    }

    /** The record whose binary XML lies in [{@code from}, {@code to}) of the chunk, as one line of JSON. */
    byte[] record(int from, int to) throws Malformed {
        nodes = 0;
        List<Object> top = fragment(from, to, 0, null);
        Element event = null;
        for (Object n : top) {
            if (n instanceof Element e) {
                event = e;
                break;
            }
        }
        if (event == null) {
            throw new Malformed("holds no element");
        }
        StringBuilder json = new StringBuilder(1024);
        json.append("{\"");
        escape(event.name, json);
        json.append("\":");
        writeValue(render(event), json);
        json.append('}');
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ the tree

    /** An element: its name, attributes (name → value parts) and content (elements and values). */
    private static final class Element {
        final String name;
        final List<String> attrNames = new ArrayList<>(4);
        final List<List<Object>> attrValues = new ArrayList<>(4);
        final List<Object> content = new ArrayList<>(4);

        Element(String name) {
            this.name = name;
        }
    }

    /** A template's place for value {@code id}; an optional one is left out when the value is empty. */
    private record Substitution(int id, boolean optional) {
    }

    /** Binary XML given as a value: its nodes take the substitution's place. */
    private record Fragment(List<Object> nodes) {
    }

    /** A JSON null among values (a {@code null} element in a list means "nothing"). */
    private static final Object NULL = new Object() {
        @Override
        public String toString() {
            return "";
        }
    };

    // ------------------------------------------------------------------ decoding

    private final class Cursor {
        int pos;
        final int end;

        Cursor(int pos, int end) {
            this.pos = pos;
            this.end = end;
        }

        int u8() throws Malformed {
            need(1);
            return chunk[pos++] & 0xFF;
        }

        int u16() throws Malformed {
            need(2);
            int v = EvtxFile.u16(chunk, pos);
            pos += 2;
            return v;
        }

        long u32() throws Malformed {
            need(4);
            long v = EvtxFile.u32(chunk, pos);
            pos += 4;
            return v;
        }

        int peek() throws Malformed {
            need(1);
            return chunk[pos] & 0xFF;
        }

        void need(long n) throws Malformed {
            if (pos < 0 || n < 0 || pos + n > end) {
                throw new Malformed("binary XML runs past its end at chunk byte " + pos);
            }
        }

        /** Text stored in place: a length in characters, then UTF-16LE. */
        String text() throws Malformed {
            int len = u16();
            need(2L * len);
            String s = new String(chunk, pos, 2 * len, StandardCharsets.UTF_16LE);
            pos += 2 * len;
            return s;
        }

        /** A name given by chunk offset; when it is stored right here, steps over it. */
        String name() throws Malformed {
            long offset = u32();
            String n = nameAt(offset);
            if (offset == pos) {
                pos += 10 + 2 * EvtxFile.u16(chunk, (int) offset + 6);
            }
            return n;
        }
    }

    /** A name string of the chunk: next offset (4), hash (2), length (2), UTF-16LE, a NUL. */
    private String nameAt(long offset) throws Malformed {
        if (offset < 0 || offset + 8 > EvtxFile.CHUNK) {
            throw new Malformed("a name offset (" + offset + ") lies outside the chunk");
        }
        String cached = names.get((int) offset);
        if (cached != null) {
            return cached;
        }
        int len = EvtxFile.u16(chunk, (int) offset + 6);
        if (offset + 8 + 2L * len > EvtxFile.CHUNK) {
            throw new Malformed("the name at chunk byte " + offset + " runs past the chunk");
        }
        String s = new String(chunk, (int) offset + 8, 2 * len, StandardCharsets.UTF_16LE);
        names.put((int) offset, s);
        return s;
    }

    /**
     * The nodes of a fragment in [{@code from}, {@code to}): elements, and the values of a template
     * instance; {@code values} fills substitutions (null outside a template definition).
     */
    private List<Object> fragment(int from, int to, int depth, Object[] values) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed("binary XML nested deeper than " + MAX_DEPTH);
        }
        Cursor c = new Cursor(from, to);
        List<Object> out = new ArrayList<>(2);
        while (c.pos < c.end) {
            int token = c.peek();
            switch (token) {
                case 0x00 -> {
                    return out;
                }
                case 0x0F -> c.pos += 4; // fragment header: version 1.1 and flags
                case 0x0C -> out.addAll(templateInstance(c, depth));
                case 0x01, 0x41 -> out.add(element(c, depth + 1));
                default -> throw new Malformed(String.format("unexpected token 0x%02x at chunk byte %d", token, c.pos));
            }
        }
        return out;
    }

    private Element element(Cursor c, int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed("elements nested deeper than " + MAX_DEPTH);
        }
        int token = c.u8();
        c.u16(); // dependency identifier
        c.u32(); // data size
        Element e = new Element(c.name());
        if ((token & 0x40) != 0) {
            c.u32(); // attribute list size
            while (true) {
                int t = c.peek();
                if (t != 0x06 && t != 0x46) {
                    break;
                }
                c.pos++;
                e.attrNames.add(c.name());
                List<Object> value = new ArrayList<>(1);
                while (isValueToken(c.peek())) {
                    value.add(valueToken(c, depth));
                }
                e.attrValues.add(value);
                if (t == 0x06) {
                    break; // the last attribute
                }
            }
        }
        int close = c.u8();
        if (close == 0x03) {
            return e;
        }
        if (close != 0x02) {
            throw new Malformed(String.format("element <%s> is not closed (token 0x%02x at chunk byte %d)", e.name,
                    close, c.pos - 1));
        }
        while (true) {
            int t = c.peek();
            if (t == 0x04) {
                c.pos++;
                return e;
            }
            if (t == 0x01 || t == 0x41) {
                e.content.add(element(c, depth + 1));
            } else if (isValueToken(t) || t == 0x07 || t == 0x47) {
                e.content.add(valueToken(c, depth));
            } else if (t == 0x0A) {
                c.pos++;
                c.name(); // processing instruction target
                if (c.peek() == 0x0B) {
                    c.pos++;
                    c.pos += 2 * c.u16();
                }
            } else if (t == 0x0C) {
                e.content.add(new Fragment(templateInstance(c, depth)));
            } else {
                throw new Malformed(String.format("unexpected token 0x%02x in <%s> at chunk byte %d", t, e.name,
                        c.pos));
            }
        }
    }

    private static boolean isValueToken(int t) {
        return switch (t) {
            case 0x05, 0x45, 0x0D, 0x0E, 0x08, 0x48, 0x09, 0x49 -> true;
            default -> false;
        };
    }

    /** A text value, a substitution, a character or entity reference, or CDATA. */
    private Object valueToken(Cursor c, int depth) throws Malformed {
        int t = c.u8();
        switch (t) {
            case 0x05, 0x45 -> {
                int type = c.u8();
                if (type != 0x01) {
                    throw new Malformed(String.format("a text value of type 0x%02x at chunk byte %d", type, c.pos));
                }
                return c.text();
            }
            case 0x0D, 0x0E -> {
                int id = c.u16();
                c.u8(); // the value's type: the instance says it again
                return new Substitution(id, t == 0x0E);
            }
            case 0x07, 0x47 -> {
                return c.text(); // CDATA
            }
            case 0x08, 0x48 -> {
                return String.valueOf((char) c.u16());
            }
            case 0x09, 0x49 -> {
                String name = c.name();
                return switch (name) {
                    case "amp" -> "&";
                    case "lt" -> "<";
                    case "gt" -> ">";
                    case "quot" -> "\"";
                    case "apos" -> "'";
                    default -> "&" + name + ";";
                };
            }
            default -> throw new Malformed(String.format("unexpected token 0x%02x at chunk byte %d", t, c.pos - 1));
        }
    }

    /**
     * A template instance: the template (defined here or earlier in the chunk) and the values of
     * this record, returned as the template's nodes with the values in place.
     */
    private List<Object> templateInstance(Cursor c, int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed("templates nested deeper than " + MAX_DEPTH);
        }
        c.u8(); // token
        c.u8(); // unknown
        c.u32(); // template identifier
        long defOffset = c.u32();
        if (defOffset == c.pos) { // defined here: next-template offset (4), GUID (16), data size (4), body
            c.need(24);
            long size = EvtxFile.u32(chunk, c.pos + 20);
            c.need(24 + size);
            c.pos += 24 + (int) size;
        }
        List<Object> template = template(defOffset, depth);
        long count = c.u32();
        if (count > 4096) {
            throw new Malformed("a template instance claims " + count + " values");
        }
        int n = (int) count;
        int[] sizes = new int[n];
        int[] types = new int[n];
        for (int i = 0; i < n; i++) {
            sizes[i] = c.u16();
            types[i] = c.u8();
            c.u8();
        }
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            c.need(sizes[i]);
            values[i] = value(types[i], c.pos, sizes[i], depth);
            c.pos += sizes[i];
        }
        List<Object> out = new ArrayList<>(template.size());
        for (Object node : template) {
            fill(node, values, out);
        }
        return out;
    }

    /** The nodes of the template defined at {@code offset} (decoded once per chunk). */
    private List<Object> template(long offset, int depth) throws Malformed {
        if (offset < 0 || offset + 24 > EvtxFile.CHUNK) {
            throw new Malformed("a template offset (" + offset + ") lies outside the chunk");
        }
        List<Object> t = templates.get((int) offset);
        if (t == null) {
            long size = EvtxFile.u32(chunk, (int) offset + 20);
            int from = (int) offset + 24;
            if (from + size > EvtxFile.CHUNK) {
                throw new Malformed("the template at chunk byte " + offset + " runs past the chunk");
            }
            t = fragment(from, (int) (from + size), depth + 1, null);
            templates.put((int) offset, t);
        }
        return t;
    }

    /** A copy of {@code node} with the substitutions filled from {@code values}, added to {@code out}. */
    private void fill(Object node, Object[] values, List<Object> out) throws Malformed {
        if (++nodes > MAX_NODES) {
            throw new Malformed("expands to more than " + MAX_NODES + " XML nodes");
        }
        if (node instanceof Element e) {
            Element copy = new Element(e.name);
            for (int i = 0; i < e.attrNames.size(); i++) {
                List<Object> parts = new ArrayList<>(1);
                for (Object p : e.attrValues.get(i)) {
                    fill(p, values, parts);
                }
                if (!parts.isEmpty()) { // an attribute whose value is empty is not written
                    copy.attrNames.add(e.attrNames.get(i));
                    copy.attrValues.add(parts);
                }
            }
            for (Object child : e.content) {
                fill(child, values, copy.content);
            }
            out.add(copy);
        } else if (node instanceof Substitution s) {
            Object v = s.id < values.length ? values[s.id] : null;
            if (v instanceof Fragment f) {
                out.addAll(f.nodes);
            } else if (v != null && v != NULL && !(v instanceof String str && str.isEmpty() && s.optional)) {
                out.add(v);
            }
        } else if (node instanceof Fragment f) {
            for (Object n : f.nodes) {
                fill(n, values, out);
            }
        } else {
            out.add(node);
        }
    }

    // ------------------------------------------------------------------ values

    /** 100 ns intervals from 1601-01-01 to 1970-01-01. */
    private static final long FILETIME_EPOCH = 116_444_736_000_000_000L;

    /** A substitution value of {@code type} in {@code size} bytes at chunk byte {@code at}. */
    private Object value(int type, int at, int size, int depth) throws Malformed {
        if ((type & 0x80) != 0) {
            return array(type & 0x7F, at, size, depth);
        }
        byte[] b = chunk;
        switch (type) {
            case 0x00:
                return NULL;
            case 0x01: { // UTF-16LE, NUL-terminated or not
                int n = size / 2;
                while (n > 0 && EvtxFile.u16(b, at + 2 * (n - 1)) == 0) {
                    n--;
                }
                return new String(b, at, 2 * n, StandardCharsets.UTF_16LE);
            }
            case 0x02: {
                int n = size;
                while (n > 0 && b[at + n - 1] == 0) {
                    n--;
                }
                return new String(b, at, n, StandardCharsets.ISO_8859_1);
            }
            case 0x03:
                return size == 1 ? (long) b[at] : bad(type, size);
            case 0x04:
                return size == 1 ? (long) (b[at] & 0xFF) : bad(type, size);
            case 0x05:
                return size == 2 ? (long) (short) EvtxFile.u16(b, at) : bad(type, size);
            case 0x06:
                return size == 2 ? (long) EvtxFile.u16(b, at) : bad(type, size);
            case 0x07:
                return size == 4 ? (long) (int) EvtxFile.u32(b, at) : bad(type, size);
            case 0x08:
                return size == 4 ? EvtxFile.u32(b, at) : bad(type, size);
            case 0x09:
                return size == 8 ? EvtxFile.u64(b, at) : bad(type, size);
            case 0x0A: {
                if (size != 8) {
                    return bad(type, size);
                }
                long v = EvtxFile.u64(b, at);
                return v >= 0 ? (Object) v : new java.math.BigInteger(Long.toUnsignedString(v));
            }
            case 0x0B:
                return size == 4 ? (double) Float.intBitsToFloat((int) EvtxFile.u32(b, at)) : bad(type, size);
            case 0x0C:
                return size == 8 ? Double.longBitsToDouble(EvtxFile.u64(b, at)) : bad(type, size);
            case 0x0D:
                return size == 4 ? EvtxFile.u32(b, at) != 0 : bad(type, size);
            case 0x0E:
                return hex(at, size);
            case 0x0F:
                return size == 16 ? guid(at) : bad(type, size);
            case 0x10:
                return size == 4 ? String.format("0x%08x", EvtxFile.u32(b, at))
                        : size == 8 ? String.format("0x%016x", EvtxFile.u64(b, at)) : bad(type, size);
            case 0x11:
                return size == 8 ? fileTime(EvtxFile.u64(b, at)) : bad(type, size);
            case 0x12:
                return size == 16 ? systemTime(at) : bad(type, size);
            case 0x13:
                return sid(at, size);
            case 0x14:
                return size == 4 ? "0x" + Long.toHexString(EvtxFile.u32(b, at)) : bad(type, size);
            case 0x15:
                return size == 8 ? "0x" + Long.toHexString(EvtxFile.u64(b, at)) : bad(type, size);
            case 0x21:
                return new Fragment(fragment(at, at + size, depth + 1, null));
            default:
                return hex(at, size); // EvtHandle, EvtXml and types no log uses: their bytes
        }
    }

    private static Object bad(int type, int size) throws Malformed {
        throw new Malformed(String.format("a value of type 0x%02x has %d bytes", type, size));
    }

    /** An array value: UTF-16 strings separated by NULs, or fixed-size items one after another. */
    private Object array(int type, int at, int size, int depth) throws Malformed {
        List<Object> items = new ArrayList<>();
        if (type == 0x01) {
            int start = at;
            for (int i = at; i + 1 < at + size; i += 2) {
                if (EvtxFile.u16(chunk, i) == 0) {
                    items.add(new String(chunk, start, i - start, StandardCharsets.UTF_16LE));
                    start = i + 2;
                }
            }
            if (start < at + size - 1) {
                items.add(new String(chunk, start, (at + size - start) & ~1, StandardCharsets.UTF_16LE));
            }
            return items;
        }
        int item = switch (type) {
            case 0x03, 0x04 -> 1;
            case 0x05, 0x06 -> 2;
            case 0x07, 0x08, 0x0B, 0x0D, 0x14 -> 4;
            case 0x09, 0x0A, 0x0C, 0x11, 0x15 -> 8;
            case 0x0F, 0x12 -> 16;
            default -> 0;
        };
        if (item == 0) {
            return hex(at, size);
        }
        for (int i = at; i + item <= at + size; i += item) {
            items.add(value(type, i, item, depth));
        }
        return items;
    }

    private static final java.util.HexFormat HEX = java.util.HexFormat.of().withUpperCase();

    /** Bytes as upper-case hexadecimal, as evtx_dump writes binary values. */
    private String hex(int at, int size) {
        return HEX.formatHex(chunk, at, at + size);
    }

    /**
     * {@code 5770385F-C22A-43E0-BF4C-06F5698FFBD9}: a GUID's first three groups are stored
     * little-endian, the last two as they are written.
     */
    private String guid(int at) {
        long high = EvtxFile.u32(chunk, at) << 32 | (long) EvtxFile.u16(chunk, at + 4) << 16 | EvtxFile.u16(chunk, at + 6);
        long low = java.nio.ByteBuffer.wrap(chunk, at + 8, 8).getLong(); // big-endian
        return new java.util.UUID(high, low).toString().toUpperCase(java.util.Locale.ROOT);
    }

    /** A FILETIME (100 ns since 1601) as evtx_dump writes it: UTC, to the microsecond (truncated). */
    static String fileTime(long ticks) {
        long sinceEpoch = ticks - FILETIME_EPOCH;
        java.time.LocalDateTime t = java.time.LocalDateTime.ofEpochSecond(Math.floorDiv(sinceEpoch, 10_000_000L), 0,
                ZoneOffset.UTC);
        return iso(t.getYear(), t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond(),
                (int) (Math.floorMod(sinceEpoch, 10_000_000L) / 10));
    }

    /** SYSTEMTIME: year, month, day of week, day, hour, minute, second, milliseconds (two bytes each). */
    private String systemTime(int at) {
        byte[] b = chunk;
        return iso(EvtxFile.u16(b, at), EvtxFile.u16(b, at + 2), EvtxFile.u16(b, at + 6), EvtxFile.u16(b, at + 8),
                EvtxFile.u16(b, at + 10), EvtxFile.u16(b, at + 12), 1000 * EvtxFile.u16(b, at + 14));
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss.ffffffZ}, written into one char array: {@code String.format} and
     * the formatters were most of a record's decoding time.
     */
    private static String iso(int year, int month, int day, int hour, int minute, int second, int micros) {
        char[] out = new char[27];
        digits(year, 4, out, 0);
        out[4] = '-';
        digits(month, 2, out, 5);
        out[7] = '-';
        digits(day, 2, out, 8);
        out[10] = 'T';
        digits(hour, 2, out, 11);
        out[13] = ':';
        digits(minute, 2, out, 14);
        out[16] = ':';
        digits(second, 2, out, 17);
        out[19] = '.';
        digits(micros, 6, out, 20);
        out[26] = 'Z';
        return new String(out);
    }

    /** {@code v} in {@code width} decimal digits, zero-padded (its lowest ones if longer), at {@code out[at]}. */
    private static void digits(int v, int width, char[] out, int at) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (char) ('0' + v % 10);
            v /= 10;
        }
    }

    /** {@code S-1-5-21-…}: revision, count, a 48-bit big-endian authority, then 32-bit sub-authorities. */
    private Object sid(int at, int size) throws Malformed {
        if (size < 8) {
            return bad(0x13, size);
        }
        byte[] b = chunk;
        int count = b[at + 1] & 0xFF;
        if (8 + 4 * count > size) {
            return bad(0x13, size);
        }
        long authority = 0;
        for (int i = 2; i < 8; i++) {
            authority = authority << 8 | (b[at + i] & 0xFF);
        }
        StringBuilder s = new StringBuilder("S-").append(b[at] & 0xFF).append('-').append(authority);
        for (int i = 0; i < count; i++) {
            s.append('-').append(EvtxFile.u32(b, at + 8 + 4 * i));
        }
        return s.toString();
    }

    // ------------------------------------------------------------------ rendering

    /** An element as evtx_dump's JSON value: a map, a list, a scalar or null. */
    private static Object render(Element e) {
        Map<String, Object> attrs = new LinkedHashMap<>();
        for (int i = 0; i < e.attrNames.size(); i++) {
            attrs.put(e.attrNames.get(i), text(e.attrValues.get(i)));
        }
        List<Object> texts = new ArrayList<>(1);
        List<Element> children = new ArrayList<>();
        for (Object o : e.content) {
            if (o instanceof Element child) {
                children.add(child);
            } else {
                texts.add(o);
            }
        }
        Object text = texts.isEmpty() ? null : text(texts);
        if (children.isEmpty()) {
            if (attrs.isEmpty()) {
                return text;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("#attributes", attrs);
            if (text != null) {
                m.put("#text", text);
            }
            return m;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (!attrs.isEmpty()) {
            m.put("#attributes", attrs);
        }
        for (Element child : children) {
            String key = child.name;
            Object value;
            int name = child.name.equals("Data") ? child.attrNames.indexOf("Name") : -1;
            if (name >= 0 && child.attrNames.size() == 1) {
                key = String.valueOf(text(child.attrValues.get(name)));
                Element bare = new Element(child.name);
                bare.content.addAll(child.content);
                value = render(bare);
            } else {
                value = render(child);
            }
            if (!m.containsKey(key)) {
                m.put(key, value);
            } else if (key.equals("Data")) { // unnamed Data, as Application logs write them: a list
                Object before = m.get(key);
                if (before instanceof Repeated r) {
                    r.add(value);
                } else {
                    Repeated r = new Repeated();
                    r.add(before);
                    r.add(value);
                    m.put(key, r);
                }
            } else { // another name met again: evtx_dump's Header, Header_1, Header_2, …
                int n = 1;
                while (m.containsKey(key + "_" + n)) {
                    n++;
                }
                m.put(key + "_" + n, value);
            }
        }
        if (text != null) {
            m.put("#text", text);
        }
        return m;
    }

    /** Unnamed {@code Data} elements of one parent: a JSON array of their values. */
    private static final class Repeated extends ArrayList<Object> {
    }

    /** Text made of value parts: one part keeps its type; several are joined as text. */
    private static Object text(List<Object> parts) {
        if (parts.size() == 1) {
            Object p = parts.get(0);
            return p == NULL ? null : p;
        }
        StringBuilder s = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof List<?> l) {
                for (Object o : l) {
                    s.append(o);
                }
            } else if (p != NULL) {
                s.append(p);
            }
        }
        return s.toString();
    }

    private static void writeValue(Object v, StringBuilder out) {
        if (v == null || v == NULL) {
            out.append("null");
        } else if (v instanceof String s) {
            out.append('"');
            escape(s, out);
            out.append('"');
        } else if (v instanceof Double d) {
            out.append(d.isNaN() || d.isInfinite() ? "null" : d.toString());
        } else if (v instanceof Number || v instanceof Boolean) {
            out.append(v);
        } else if (v instanceof Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append('"');
                escape(String.valueOf(e.getKey()), out);
                out.append("\":");
                writeValue(e.getValue(), out);
            }
            out.append('}');
        } else if (v instanceof List<?> l) {
            out.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                writeValue(l.get(i), out);
            }
            out.append(']');
        } else {
            out.append('"');
            escape(v.toString(), out);
            out.append('"');
        }
    }

    private static void escape(String s, StringBuilder out) {
        int plain = 0; // most text needs no escape: appended whole
        while (plain < s.length() && s.charAt(plain) >= 0x20 && s.charAt(plain) != '"' && s.charAt(plain) != '\\') {
            plain++;
        }
        if (plain == s.length()) {
            out.append(s);
            return;
        }
        out.append(s, 0, plain);
        for (int i = plain; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
    }
}
