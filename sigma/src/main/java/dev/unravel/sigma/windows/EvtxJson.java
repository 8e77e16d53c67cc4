package dev.unravel.sigma.windows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.unravel.core.Canonical;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.FieldMap;
import dev.unravel.core.IsoTimes;
import dev.unravel.core.evtx.EvtxFile;
import dev.unravel.core.json.JsonBytesParser;
import dev.unravel.core.json.JsonBytesParser.Token;
import dev.unravel.core.LogSource;
import dev.unravel.core.WindowsLogSources;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Reads Windows event records in {@code evtx_dump} JSON form ({@code {"Event": {"System": …,
 * "EventData": …}}}, several documents back to back) into events whose document is the flat map
 * Sigma's Windows rules name: the System fields ({@code EventID} as a number, {@code Channel},
 * {@code Computer}, {@code Provider_Name}, {@code EventRecordID}, {@code Level}, {@code Task},
 * {@code Opcode}, {@code Keywords}, {@code TimeCreated} as the SystemTime text, {@code ProcessID},
 * {@code ThreadID}, {@code UserID}; also {@code Execution_ProcessID} and {@code Security_UserID}
 * in the specification's attribute naming) and every EventData (or UserData) field at the top
 * level under its own name, spaces removed ({@code Threat Name} → {@code ThreatName}). Security
 * 4688 records also get Sigma's process_creation names ({@link WindowsLogSources#addProcessCreationNames}).
 * The logsource and type come from core's {@link WindowsLogSources}, as for ingest's readers: a
 * record read here and by ingest's {@code EvtxJsonReader} is the same event to a rule
 * ({@code SigmaReadersAgreeTest} in the CLI's tests holds them to it over SigmaHQ's regression data).
 *
 * <p>This is the sigma module's own small reader, for {@code sigma test} and the benchmark (the
 * CLI's {@code sigma match} reads through ingest); the ingest module's reader is the general one,
 * with quarantine and every Windows export. Each record's tree comes from the
 * core's byte parser ({@link JsonBytesParser}: no Jackson parser, char buffer or symbol table per
 * record), or from Jackson for a record that parser declines (it also reports what is wrong with a
 * record that is not JSON); both build the same tree, FieldMaps throughout, and integers as
 * Integer, Long or BigInteger by size. Limits: nesting depth 64, strings up to 8 MiB, records up to
 * 256 MiB.
 */
public final class EvtxJson {
    private static final int MAX_DEPTH = 64;
    private static final int MAX_STRING = 8 * 1024 * 1024;
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING).build())
            .build();
    /** Bytes of input held at once: a record larger than this is refused. */
    private static final int MAX_RECORD = 256 * 1024 * 1024;
    /** {@link #parse}'s fast parser, one per thread (its table of field names learns the records'). */
    private static final ThreadLocal<JsonBytesParser> FAST =
            ThreadLocal.withInitial(() -> new JsonBytesParser(MAX_DEPTH, MAX_STRING));

    private EvtxJson() {
    }

    /** Every record of a file, numbered from 1 in the order they appear. */
    public static List<Event> read(Path file) throws IOException {
        List<Event> out = new ArrayList<>();
        forEach(file, out::add);
        return out;
    }

    /**
     * Every record of a file of evtx_dump JSON or a binary event log ({@code .evtx}, decoded by
     * {@link EvtxFile} into the same JSON), in order. A record that cannot be read fails the file
     * with its number and the reason; the records before it have been delivered.
     */
    public static void forEach(Path file, Consumer<Event> sink) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8);
        }
        if (EvtxFile.isEvtx(head)) {
            readEvtx(file, sink);
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            forEach(in, file.toString(), sink);
        } catch (BadInput e) {
            // A file can be read again: the line is easier to find than the byte.
            throw new IOException(e.getMessage() + " (line " + lineAt(file, e.offset) + ")", e.getCause());
        }
    }

    private static void readEvtx(Path file, Consumer<Event> sink) throws IOException {
        String name = file.toString();
        String[] problem = {null};
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            EvtxFile.read(in, new EvtxFile.Visitor() {
                @Override
                public void record(long ordinal, long recordId, byte[] json) {
                    Event e;
                    try {
                        e = parse(json, name, ordinal);
                    } catch (RuntimeException unreadable) {
                        bad(ordinal, recordId, String.valueOf(unreadable.getMessage()));
                        return;
                    }
                    sink.accept(e);
                }

                @Override
                public void bad(long ordinal, long recordId, String reason) {
                    if (problem[0] == null) {
                        problem[0] = name + ": record " + ordinal + ": " + reason;
                    }
                }
            });
        }
        if (problem[0] != null) {
            throw new IOException(problem[0]);
        }
    }

    /** A record that cannot be read, and the byte of the input where reading it failed. */
    private static final class BadInput extends IOException {
        final long offset;

        BadInput(String message, long offset, Throwable cause) {
            super(message, cause);
            this.offset = offset;
        }
    }

    /** The 1-based line of {@code file} holding byte {@code offset}. */
    private static long lineAt(Path file, long offset) throws IOException {
        long line = 1;
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file))) {
            for (long i = 0; i < offset; i++) {
                int c = in.read();
                if (c < 0) {
                    break;
                }
                if (c == '\n') {
                    line++;
                }
            }
        }
        return line;
    }

    /**
     * Streams records from any input; {@code name} is what the events' origin cites. Each record
     * is read by the fast byte parser ({@link JsonBytesParser}) where it can, else by Jackson,
     * which also writes the error for a record that is not valid JSON (with its number and the
     * byte offset where reading failed).
     */
    public static void forEach(InputStream in, String name, Consumer<Event> sink) throws IOException {
        JsonBytesParser fast = new JsonBytesParser(MAX_DEPTH, MAX_STRING);
        byte[] buf = new byte[1 << 16];
        int start = 0;
        int limit = 0;
        long before = 0; // bytes of the input read before buf[0]
        boolean eof = false;
        long record = 0;
        while (true) {
            while (start < limit && whitespace(buf[start])) {
                start++;
            }
            FieldMap tree = null;
            int next = -1;
            Event fastEvent = null;
            if (start < limit) {
                fastEvent = streamed(fast, buf, start, limit - start, false, name, record + 1);
                if (fastEvent != null) {
                    next = fast.position();
                } else {
                    // Declined: Jackson reads it, or says it is cut short by the end of the buffer.
                    try (JsonParser p = JSON.createParser(buf, start, limit - start)) {
                        JsonToken t = p.nextToken();
                        if (t != JsonToken.START_OBJECT) {
                            throw new BadInput(name + "#" + (record + 1) + ": expected a JSON object, found " + t
                                    + " at byte " + (before + start), before + start, null);
                        }
                        tree = object(p, 1);
                        next = start + (int) p.currentLocation().getByteOffset();
                    } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
                        if (eof) {
                            throw new BadInput(name + "#" + (record + 1) + ": invalid JSON: the input ends inside"
                                    + " the record that starts at byte " + (before + start), before + start, e);
                        }
                        tree = null; // more bytes needed
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        long at = before + start + e.getLocation().getByteOffset();
                        throw new BadInput(name + "#" + (record + 1) + ": invalid JSON at byte " + at + ": "
                                + e.getOriginalMessage(), at, e);
                    }
                }
            }
            if (fastEvent != null || tree != null) {
                record++;
                sink.accept(fastEvent != null ? fastEvent : fromTree(tree, name, record));
                start = next;
                continue;
            }
            if (eof) {
                return; // only whitespace was left
            }
            // Keep the unread bytes, make room (growing for a record larger than the buffer), read more.
            int kept = limit - start;
            before += start;
            if (kept == buf.length) {
                if (buf.length >= MAX_RECORD) {
                    throw new IOException(name + "#" + (record + 1) + ": record larger than " + (MAX_RECORD >> 20)
                            + " MiB at byte " + before);
                }
                buf = java.util.Arrays.copyOf(buf, Math.min(MAX_RECORD, buf.length * 2));
            } else {
                System.arraycopy(buf, start, buf, 0, kept);
            }
            start = 0;
            limit = kept;
            int n = in.readNBytes(buf, limit, buf.length - limit);
            limit += n;
            eof = limit < buf.length;
        }
    }

    private static boolean whitespace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    /** Parses one record from bytes (the benchmark's parse step). */
    public static Event parse(byte[] json, String name, long record) {
        Event fast = streamed(FAST.get(), json, 0, json.length, true, name, record);
        if (fast != null) {
            return fast;
        }
        try {
            return fromTree(jacksonTree(json, name, record), name, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event the tree path builds (the byte parser's tree, else Jackson's): what {@link #streamed} is held to. */
    static Event viaTree(byte[] json, String name, long record) throws IOException {
        FieldMap tree = FAST.get().parse(json, 0, json.length);
        return fromTree(tree != null ? tree : jacksonTree(json, name, record), name, record);
    }

    /** Jackson's tree of the one record in {@code json} (what follows it is not read). */
    private static FieldMap jacksonTree(byte[] json, String name, long record) throws IOException {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(name + "#" + record + ": expected a JSON object");
            }
            return object(p, 1);
        }
    }

    /**
     * The record that starts at the first non-whitespace byte of {@code buf[off, off + len)},
     * flattened as its tokens stream past (no tree of small maps for Event, System and its
     * elements); null when the byte parser declines it, or when it has a shape the flattening
     * below does not take on the fly — UserData, or a name repeated where the tree keeps only the
     * last (Event, System, EventData, Data, a System element or its #text or #attributes) — so that
     * it is read as a tree, which gives exactly the event the tree path gives. With {@code alone},
     * only whitespace may follow; otherwise the parser's position is where the record ends.
     */
    private static Event streamed(JsonBytesParser p, byte[] buf, int off, int len, boolean alone, String name,
            long record) {
        try {
            p.start(buf, off, len);
            Pairs fields = new Pairs(96);
            Pairs system = null;
            boolean event = false;
            Token t;
            while ((t = p.nextToken()) == Token.FIELD_NAME) {
                boolean isEvent = p.currentName().equals("Event");
                Token v = p.nextToken();
                if (!isEvent) {
                    p.skipChildren(v);
                    continue;
                }
                if (event) {
                    return null;
                }
                event = true;
                if (v != Token.START_OBJECT) {
                    p.skipChildren(v);
                    continue;
                }
                boolean sawSystem = false;
                boolean sawData = false;
                while ((t = p.nextToken()) == Token.FIELD_NAME) {
                    String part = p.currentName();
                    Token pv = p.nextToken();
                    if (part.equals("System")) {
                        if (sawSystem) {
                            return null;
                        }
                        sawSystem = true;
                        if (pv == Token.START_OBJECT) {
                            system = new Pairs(40);
                            if (!streamSystem(p, system)) {
                                return null;
                            }
                        } else {
                            p.skipChildren(pv);
                        }
                    } else if (part.equals("EventData")) {
                        if (sawData) {
                            return null;
                        }
                        sawData = true;
                        if (pv == Token.START_OBJECT) {
                            if (!streamEventData(p, fields)) {
                                return null;
                            }
                        } else if (pv == Token.START_ARRAY) {
                            streamDataList(p, fields);
                        } else {
                            p.skipChildren(pv);
                        }
                    } else if (part.equals("UserData")) {
                        return null;
                    } else {
                        p.skipChildren(pv);
                    }
                }
            }
            if (alone && p.nextToken() != null) {
                return null; // text after the record: Jackson's path, which reads the first one
            }
            if (system != null) {
                fields.addAll(system);
            }
            return event(fields, name, record);
        } catch (JsonBytesParser.Declined d) {
            return null;
        } finally {
            p.finish();
        }
    }

    /** System's members as {@link #system} flattens them; false for a repeated name. */
    private static boolean streamSystem(JsonBytesParser p, Pairs out) {
        Token t;
        while ((t = p.nextToken()) == Token.FIELD_NAME) {
            String k = p.currentName();
            if (out.hasElement(k)) {
                return false;
            }
            out.element(k);
            Token v = p.nextToken();
            if (v != Token.START_OBJECT) {
                out.add(k, tokenValue(p, v));
                continue;
            }
            boolean text = false;
            boolean attributes = false;
            while ((t = p.nextToken()) == Token.FIELD_NAME) {
                String member = p.currentName();
                Token mv = p.nextToken();
                if (member.equals("#text")) {
                    if (text) {
                        return false;
                    }
                    text = true;
                    out.add(k, tokenValue(p, mv));
                } else if (member.equals("#attributes")) {
                    if (attributes) {
                        return false;
                    }
                    attributes = true;
                    if (mv != Token.START_OBJECT) {
                        p.skipChildren(mv);
                        continue;
                    }
                    while ((t = p.nextToken()) == Token.FIELD_NAME) {
                        String an = p.currentName();
                        Object av = tokenValue(p, p.nextToken());
                        attribute(out, k, an, av);
                    }
                } else {
                    p.skipChildren(mv);
                }
            }
        }
        return true;
    }

    /** EventData's members as {@link #eventData} takes them (not UserData); false for a second Data. */
    private static boolean streamEventData(JsonBytesParser p, Pairs doc) {
        boolean data = false;
        Token t;
        while ((t = p.nextToken()) == Token.FIELD_NAME) {
            String k = p.currentName();
            Token v = p.nextToken();
            if (k.equals("#attributes")) {
                p.skipChildren(v);
            } else if (k.equals("Data")) {
                if (data) {
                    return false;
                }
                data = true;
                if (v == Token.START_ARRAY) {
                    streamDataList(p, doc);
                } else if (v == Token.START_OBJECT) {
                    dataItem(tokenValue(p, v), doc, 0);
                } else {
                    doc.add(k, tokenValue(p, v));
                }
            } else {
                doc.add(WindowsLogSources.dataFieldName(k), tokenValue(p, v));
            }
        }
        return true;
    }

    /** A Data list whose START_ARRAY was pulled, as {@link #dataList} takes it. */
    private static void streamDataList(JsonBytesParser p, Pairs doc) {
        int i = 0;
        Token t;
        while ((t = p.nextToken()) != Token.END_ARRAY) {
            dataItem(tokenValue(p, t), doc, i++);
        }
    }

    /** The value whose first token is {@code t}, built as the byte parser's tree builds it. */
    private static Object tokenValue(JsonBytesParser p, Token t) {
        switch (t) {
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return p.getNumberValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case START_OBJECT: {
                Pairs m = new Pairs(8);
                Token k;
                while ((k = p.nextToken()) == Token.FIELD_NAME) {
                    String key = p.currentName();
                    m.add(key, tokenValue(p, p.nextToken()));
                }
                return m.toMap();
            }
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                Token e;
                while ((e = p.nextToken()) != Token.END_ARRAY) {
                    l.add(tokenValue(p, e));
                }
                return l;
            }
            default:
                return null;
        }
    }

    /**
     * The event of one record's tree (as either parser builds it: every object a FieldMap). The
     * document is built once, as a FieldMap, from key/value pairs: EventData's (or UserData's)
     * fields, then the System fields flattened, which win a name both use.
     */
    private static Event fromTree(FieldMap tree, String name, long record) {
        Pairs fields = new Pairs(96);
        Pairs system = null;
        if (tree.get("Event") instanceof FieldMap event) {
            for (int i = 0, n = event.size(); i < n; i++) {
                String part = event.keyAt(i);
                Object v = event.valueAt(i);
                if (part.equals("System") && v instanceof FieldMap m) {
                    system = new Pairs(40);
                    system(m, system);
                } else if ((part.equals("EventData") || part.equals("UserData")) && v instanceof FieldMap m) {
                    eventData(m, fields, part.equals("UserData"));
                } else if (part.equals("EventData") && v instanceof List<?> l) {
                    dataList(l, fields);
                }
            }
        }
        if (system != null) {
            fields.addAll(system);
        }
        return event(fields, name, record);
    }

    /** The event of a record's flattened fields. */
    private static Event event(Pairs fields, String name, long record) {
        Map<String, Object> doc = fields.toDocument();
        String channel = doc.get("Channel") instanceof String s ? s : null;
        int eventId = doc.get("EventID") instanceof Number n ? n.intValue() : -1;
        Kind kind = kind(channel, eventId, eventId == 12 && doc.get("EventType") instanceof String t ? t : null);
        LogSource ls = kind.logSource();
        if (eventId == 4688 && "security".equals(ls.service())) {
            WindowsLogSources.addProcessCreationNames(doc);
        }
        Instant time = time(doc.get("TimeCreated"));
        String user = firstString(doc, "User", "SubjectUserName", "TargetUserName");
        String host = firstString(doc, "Computer");
        String ip = firstString(doc, "SourceIp", "IpAddress");
        return new Event(time, SOURCE, kind.type(), ls, user, host, ip, doc, new EventRef(name, record));
    }

    /** The envelope's source of every Windows event, as ingest's readers set it. */
    private static final String SOURCE = "windows";

    /** What a (channel, event id) pair makes of an event: its logsource and type (core's {@link WindowsLogSources}). */
    private record Kind(LogSource logSource, String type) {
        static Kind of(String channel, int eventId, String eventType) {
            return new Kind(WindowsLogSources.logSource(channel, eventId, eventType),
                    Canonical.label(WindowsLogSources.type(channel, eventId)));
        }
    }

    /**
     * {@link Kind#of}, remembered per (channel, event id): the channel lower-casing, the taxonomy
     * lookups, the LogSource allocation and the type text happen once per distinct pair, and equal
     * logsources are then the same object (the matcher's bucket lookup checks identity first).
     * Only Sysmon 12's {@code EventType} changes the logsource (registry_add or registry_delete):
     * the delete kind is kept under the id's complement. Bounded: past {@link #CACHE_LIMIT} pairs,
     * new pairs are computed and not kept.
     */
    private static Kind kind(String channel, int eventId, String eventType) {
        if (channel == null) {
            return Kind.of(null, eventId, eventType);
        }
        int key = eventType != null
                && "registry_delete".equals(WindowsLogSources.category(channel, eventId, eventType)) ? ~eventId : eventId;
        Map<Integer, Kind> byId = KINDS.get(channel);
        Kind k = byId == null ? null : byId.get(key);
        if (k != null) {
            return k;
        }
        k = Kind.of(channel, eventId, eventType);
        if (cached.get() < CACHE_LIMIT) {
            cached.incrementAndGet();
            KINDS.computeIfAbsent(channel, c -> new ConcurrentHashMap<>()).putIfAbsent(key, k);
        }
        return k;
    }

    private static final int CACHE_LIMIT = 4096;
    private static final Map<String, Map<Integer, Kind>> KINDS = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, String>> SYSTEM_KEYS = new ConcurrentHashMap<>();
    private static final AtomicInteger cached = new AtomicInteger();

    /** A System attribute's flat name, remembered by the identity of its two parts. */
    private record SystemKey(String element, String attribute, String key) {
    }

    /**
     * The last flat names built, by a hash of their parts: both parsers hand out the same String
     * for the same field name, so a hit is two identity compares. Entries are immutable; threads
     * may replace each other's.
     */
    private static final SystemKey[] RECENT_KEYS = new SystemKey[256];

    /**
     * {@code k + "_" + attribute}, the flat name of a System attribute (e.g. {@code Provider_Name}),
     * built once per distinct pair rather than once per record; bounded like the logsource cache.
     */
    private static String systemKey(String k, String attribute) {
        int slot = (k.hashCode() * 31 + attribute.hashCode()) & (RECENT_KEYS.length - 1);
        SystemKey recent = RECENT_KEYS[slot];
        if (recent != null && recent.element() == k && recent.attribute() == attribute) {
            return recent.key();
        }
        Map<String, String> byAttr = SYSTEM_KEYS.get(k);
        String key = byAttr == null ? null : byAttr.get(attribute);
        if (key == null) {
            key = k + "_" + attribute;
            if (cached.get() < CACHE_LIMIT) {
                cached.incrementAndGet();
                SYSTEM_KEYS.computeIfAbsent(k, x -> new ConcurrentHashMap<>()).putIfAbsent(attribute, key);
            }
        }
        RECENT_KEYS[slot] = new SystemKey(k, attribute, key);
        return key;
    }

    private static String firstString(Map<String, Object> doc, String... keys) {
        for (String k : keys) {
            if (doc.get(k) instanceof String s && !s.isEmpty() && !s.equals("-")) {
                return s;
            }
        }
        return null;
    }

    static Instant time(Object v) {
        if (v instanceof String s) {
            Instant fast = IsoTimes.parse(s); // evtx_dump's SystemTime, and most other shapes
            if (fast != null) {
                return fast;
            }
            try {
                return Instant.parse(s);
            } catch (DateTimeParseException e) {
                try {
                    return Instant.parse(s.replace(' ', 'T') + (s.endsWith("Z") ? "" : "Z"));
                } catch (DateTimeParseException e2) {
                    return Instant.EPOCH;
                }
            }
        }
        return Instant.EPOCH;
    }

    /** EventData as an object: its fields go to the top level; {@code Data}/{@code #text} forms are unwrapped. */
    private static void eventData(FieldMap data, Pairs doc, boolean userData) {
        for (int i = 0, n = data.size(); i < n; i++) {
            String k = data.keyAt(i);
            Object v = data.valueAt(i);
            if (k.equals("#attributes")) {
                continue;
            }
            if (k.equals("Data") && v instanceof List<?> l) {
                dataList(l, doc);
            } else if (k.equals("Data") && v instanceof Map) {
                dataItem(v, doc, 0);
            } else if (userData && v instanceof FieldMap inner) {
                // UserData wraps its fields in one element named after the event (e.g. Operation_ClientFailure).
                for (int j = 0, m = inner.size(); j < m; j++) {
                    if (!inner.keyAt(j).equals("#attributes")) {
                        doc.addIfAbsent(WindowsLogSources.dataFieldName(inner.keyAt(j)), inner.valueAt(j));
                    }
                }
            } else {
                doc.add(WindowsLogSources.dataFieldName(k), v);
            }
        }
    }

    /** EventData as a list: {@code [{"#attributes":{"Name":"X"},"#text":"v"}, …]} or plain strings. */
    private static void dataList(List<?> items, Pairs doc) {
        int i = 0;
        for (Object item : items) {
            dataItem(item, doc, i++);
        }
    }

    private static void dataItem(Object item, Pairs doc, int i) {
        if (item instanceof Map<?, ?> m) {
            Object attrs = m.get("#attributes");
            Object nameObj = attrs instanceof Map<?, ?> a ? a.get("Name") : m.get("Name");
            Object text = m.containsKey("#text") ? m.get("#text") : m.get("Value");
            if (nameObj != null) {
                doc.add(WindowsLogSources.dataFieldName(nameObj.toString()), text);
                return;
            }
            doc.add("Data" + i, text);
        } else {
            doc.add("Data" + i, item);
        }
    }

    /**
     * The System element, flattened: a scalar under its name; an element's {@code #text} under the
     * element's name (EventID with Qualifiers: {@code {"#attributes": {...}, "#text": 4688}}) and
     * each of its attributes as {@code Element_Attribute} — TimeCreated's SystemTime also as
     * {@code TimeCreated}, Execution's and Security's also under the attribute's own name. Other
     * members of an element are left out.
     */
    private static void system(FieldMap sys, Pairs out) {
        for (int i = 0, n = sys.size(); i < n; i++) {
            String k = sys.keyAt(i);
            if (!(sys.valueAt(i) instanceof FieldMap element)) {
                out.add(k, sys.valueAt(i));
                continue;
            }
            for (int j = 0, m = element.size(); j < m; j++) {
                String member = element.keyAt(j);
                if (member.equals("#text")) {
                    out.add(k, element.valueAt(j));
                } else if (member.equals("#attributes") && element.valueAt(j) instanceof FieldMap attrs) {
                    for (int a = 0, na = attrs.size(); a < na; a++) {
                        attribute(out, k, attrs.keyAt(a), attrs.valueAt(a));
                    }
                }
            }
        }
    }

    /**
     * Attribute {@code an} of System element {@code k} as {@code k_an}; TimeCreated's SystemTime
     * also as {@code TimeCreated}, Execution's and Security's also under their own name.
     */
    private static void attribute(Pairs out, String k, String an, Object av) {
        out.add(systemKey(k, an), av);
        switch (k) {
            case "TimeCreated" -> {
                if (an.equals("SystemTime")) {
                    out.add("TimeCreated", av);
                }
            }
            case "Execution", "Security" -> out.add(an, av);
            default -> { }
        }
    }

    /** Jackson's tree of the object whose START_OBJECT the parser is on, built as the fast parser builds it. */
    private static FieldMap object(JsonParser p, int depth) throws IOException {
        Pairs m = new Pairs(8);
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            p.nextToken();
            m.add(k, value(p, depth + 1));
        }
        return m.toMap();
    }

    /**
     * An object's fields as they are read, key and value side by side, made a {@link FieldMap}
     * once complete: a key read twice keeps its first place and its last value, as puts into a map
     * would leave it.
     */
    private static final class Pairs {
        private Object[] kv;
        private int n;

        Pairs(int expected) {
            kv = new Object[2 * expected];
        }

        void add(String k, Object v) {
            if (n + 2 > kv.length) {
                kv = java.util.Arrays.copyOf(kv, 2 * kv.length);
            }
            kv[n] = k;
            kv[n + 1] = v;
            n += 2;
        }

        /** {@code putIfAbsent}: unless the key's value so far (its last pair) is not null. */
        void addIfAbsent(String k, Object v) {
            for (int i = n - 2; i >= 0; i -= 2) {
                if (k.equals(kv[i])) {
                    if (kv[i + 1] != null) {
                        return;
                    }
                    break;
                }
            }
            add(k, v);
        }

        /** System's element names seen so far. */
        private String[] elements = new String[0];
        private int elementCount;

        void element(String k) {
            if (elementCount == elements.length) {
                elements = java.util.Arrays.copyOf(elements, Math.max(16, 2 * elementCount));
            }
            elements[elementCount++] = k;
        }

        /** Whether {@link #element} was told of {@code k}: by identity, the byte parser interns every field name. */
        boolean hasElement(String k) {
            for (int i = 0; i < elementCount; i++) {
                if (elements[i] == k) {
                    return true;
                }
            }
            return false;
        }

        void addAll(Pairs other) {
            for (int i = 0; i < other.n; i += 2) {
                add((String) other.kv[i], other.kv[i + 1]);
            }
        }

        FieldMap toMap() {
            return FieldMap.ofPairs(kv, 0, n / 2);
        }

        /** The event's document: looked up by hash (rules ask for many fields an event lacks). */
        FieldMap toDocument() {
            return FieldMap.indexedOfPairs(kv, 0, n / 2);
        }
    }

    private static Object value(JsonParser p, int depth) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT:
                return object(p, depth);
            case START_ARRAY: {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p, depth + 1));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberValue(); // Integer, Long or BigInteger: what the fast parser gives
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }
}
