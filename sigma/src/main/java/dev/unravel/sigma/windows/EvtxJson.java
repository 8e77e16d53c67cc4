package dev.unravel.sigma.windows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.FieldMap;
import dev.unravel.core.LogSource;
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
 * level under its own name. Security 4688 records also get {@code Image}, {@code ParentImage}
 * aliases of {@code NewProcessName}, {@code ParentProcessName}. The logsource comes from
 * {@link WindowsLogSources}.
 *
 * <p>This is the sigma module's own small reader, for {@code sigma test}, {@code sigma match} and
 * the benchmark; the ingest module's reader is the general one. Parsing is streaming (Jackson
 * core): the EventData fields go straight into the flat map without an intermediate tree.
 * Limits: nesting depth 64, strings up to 8 MiB (Jackson's constraints).
 */
public final class EvtxJson {
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                    .maxStringLength(8 * 1024 * 1024).build())
            .build();

    private EvtxJson() {
    }

    /** Every record of a file, numbered from 1 in the order they appear. */
    public static List<Event> read(Path file) throws IOException {
        List<Event> out = new ArrayList<>();
        forEach(file, out::add);
        return out;
    }

    public static void forEach(Path file, Consumer<Event> sink) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            forEach(in, file.toString(), sink);
        }
    }

    /** Streams records from any input; {@code name} is what the events' origin cites. */
    public static void forEach(InputStream in, String name, Consumer<Event> sink) throws IOException {
        try (JsonParser p = JSON.createParser(in)) {
            long record = 0;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                record++;
                if (t != JsonToken.START_OBJECT) {
                    throw new IOException(name + "#" + record + ": expected a JSON object, found " + t);
                }
                sink.accept(record(p, name, record));
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(name + ": invalid JSON at line " + e.getLocation().getLineNr() + ": "
                    + e.getOriginalMessage(), e);
        }
    }

    /** Parses one record from bytes (the benchmark's parse step). */
    public static Event parse(byte[] json, String name, long record) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException(name + "#" + record + ": expected a JSON object");
            }
            return record(p, name, record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one record; the parser is on its START_OBJECT. */
    private static Event record(JsonParser p, String name, long record) throws IOException {
        // Fields are collected as key/value pairs and the document built once, as a FieldMap (no
        // entry object per field); the System fields are flattened while they stream past, after
        // EventData's in the pairs so that they win a name both use, as they always have.
        Pairs fields = new Pairs(96);
        Pairs system = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (key.equals("Event") && p.currentToken() == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String part = p.currentName();
                    JsonToken v = p.nextToken();
                    if (part.equals("System") && v == JsonToken.START_OBJECT) {
                        system = new Pairs(40);
                        system(p, system);
                    } else if ((part.equals("EventData") || part.equals("UserData")) && v == JsonToken.START_OBJECT) {
                        eventData(p, fields, part.equals("UserData"));
                    } else if (part.equals("EventData") && v == JsonToken.START_ARRAY) {
                        dataList(p, fields);
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
        if (system != null) {
            fields.addAll(system);
        }
        Map<String, Object> doc = fields.toMap();
        String channel = doc.get("Channel") instanceof String s ? s : null;
        int eventId = doc.get("EventID") instanceof Number n ? n.intValue() : -1;
        LogSource ls = logSource(channel, eventId);
        if ("process_creation".equals(ls.category()) && "security".equals(ls.service())) {
            alias(doc, "NewProcessName", "Image");
            alias(doc, "ParentProcessName", "ParentImage");
        }
        Instant time = time(doc.get("TimeCreated"));
        String service = ls.service() == null ? "windows" : ls.service();
        String user = firstString(doc, "User", "SubjectUserName", "TargetUserName");
        String host = firstString(doc, "Computer");
        String ip = firstString(doc, "SourceIp", "IpAddress");
        return new Event(time, service, service + "." + eventId, ls, user, host, ip, doc, new EventRef(name, record));
    }

    /**
     * {@link WindowsLogSources#of}, remembered per (channel, event id): the channel lower-casing,
     * the taxonomy lookups and the LogSource allocation happen once per distinct pair, and equal
     * logsources are then the same object (the matcher's bucket lookup checks identity first).
     * Bounded: past {@link #CACHE_LIMIT} pairs, new pairs are computed and not kept.
     */
    private static LogSource logSource(String channel, int eventId) {
        if (channel == null) {
            return WindowsLogSources.of(null, eventId);
        }
        Map<Integer, LogSource> byId = LOG_SOURCES.get(channel);
        LogSource ls = byId == null ? null : byId.get(eventId);
        if (ls != null) {
            return ls;
        }
        ls = WindowsLogSources.of(channel, eventId);
        if (cached.get() < CACHE_LIMIT) {
            cached.incrementAndGet();
            LOG_SOURCES.computeIfAbsent(channel, c -> new ConcurrentHashMap<>()).putIfAbsent(eventId, ls);
        }
        return ls;
    }

    private static final int CACHE_LIMIT = 4096;
    private static final Map<String, Map<Integer, LogSource>> LOG_SOURCES = new ConcurrentHashMap<>();
    private static final Map<String, Map<String, String>> SYSTEM_KEYS = new ConcurrentHashMap<>();
    private static final AtomicInteger cached = new AtomicInteger();

    /**
     * {@code k + "_" + attribute}, the flat name of a System attribute (e.g. {@code Provider_Name}),
     * built once per distinct pair rather than once per record; bounded like the logsource cache.
     */
    private static String systemKey(String k, String attribute) {
        Map<String, String> byAttr = SYSTEM_KEYS.get(k);
        String key = byAttr == null ? null : byAttr.get(attribute);
        if (key != null) {
            return key;
        }
        key = k + "_" + attribute;
        if (cached.get() < CACHE_LIMIT) {
            cached.incrementAndGet();
            SYSTEM_KEYS.computeIfAbsent(k, x -> new ConcurrentHashMap<>()).putIfAbsent(attribute, key);
        }
        return key;
    }

    private static void alias(Map<String, Object> doc, String from, String to) {
        Object v = doc.get(from);
        if (v != null && !doc.containsKey(to)) {
            doc.put(to, v);
        }
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
            Instant fast = isoUtc(s);
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

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z} (what evtx_dump writes for SystemTime) without the
     * formatter machinery of {@link Instant#parse}; null for anything else — other shapes, hour 24,
     * leap seconds, impossible dates — which then takes the general path. Gives the same instant
     * as {@code Instant.parse} for every string it accepts.
     */
    static Instant isoUtc(String s) {
        int n = s.length();
        if (n < 20 || n > 30 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T'
                || s.charAt(13) != ':' || s.charAt(16) != ':' || s.charAt(n - 1) != 'Z') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23
                || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nano = 0;
        if (n > 20) {
            int fraction = n - 21; // between '.' and 'Z'
            if (s.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return null;
            }
            nano = digits(s, 20, fraction);
            if (nano < 0) {
                return null;
            }
            for (int i = fraction; i < 9; i++) {
                nano *= 10;
            }
        }
        if (day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return null;
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400L + hour * 3600L + minute * 60L + second, nano);
    }

    /** The decimal value of {@code len} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** EventData as an object: its fields go to the top level; {@code Data}/{@code #text} forms are unwrapped. */
    private static void eventData(JsonParser p, Pairs doc, boolean userData) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            JsonToken v = p.nextToken();
            if (k.equals("#attributes")) {
                p.skipChildren();
            } else if (k.equals("Data") && v == JsonToken.START_ARRAY) {
                dataList(p, doc);
            } else if (k.equals("Data") && v == JsonToken.START_OBJECT) {
                Map<String, Object> one = object(p, 1);
                dataItem(one, doc, 0);
            } else if (userData && v == JsonToken.START_OBJECT) {
                // UserData wraps its fields in one element named after the event (e.g. Operation_ClientFailure).
                Map<String, Object> inner = object(p, 1);
                for (Map.Entry<String, Object> e : inner.entrySet()) {
                    if (!e.getKey().equals("#attributes")) {
                        doc.addIfAbsent(fieldName(e.getKey()), e.getValue());
                    }
                }
            } else {
                doc.add(fieldName(k), value(p, 1));
            }
        }
    }

    /**
     * EventData names as rules write them: "use them as they appear in the log source and strip
     * all spaces" (rules §Field Usage), so Defender's {@code Threat Name} is {@code ThreatName}.
     */
    static String fieldName(String k) {
        return k.indexOf(' ') < 0 ? k : k.replace(" ", "");
    }

    /** EventData as a list: {@code [{"#attributes":{"Name":"X"},"#text":"v"}, …]} or plain strings. */
    private static void dataList(JsonParser p, Pairs doc) throws IOException {
        int i = 0;
        while (p.nextToken() != JsonToken.END_ARRAY) {
            Object item = value(p, 1);
            dataItem(item, doc, i++);
        }
    }

    private static void dataItem(Object item, Pairs doc, int i) {
        if (item instanceof Map<?, ?> m) {
            Object attrs = m.get("#attributes");
            Object nameObj = attrs instanceof Map<?, ?> a ? a.get("Name") : m.get("Name");
            Object text = m.containsKey("#text") ? m.get("#text") : m.get("Value");
            if (nameObj != null) {
                doc.add(fieldName(nameObj.toString()), text);
                return;
            }
            doc.add("Data" + i, text);
        } else {
            doc.add("Data" + i, item);
        }
    }

    /**
     * The System element, flattened as it streams: a scalar under its name; an element's
     * {@code #text} under the element's name (EventID with Qualifiers:
     * {@code {"#attributes": {...}, "#text": 4688}}) and each of its attributes as
     * {@code Element_Attribute} — TimeCreated's SystemTime also as {@code TimeCreated}, Execution's
     * and Security's also under the attribute's own name. Other members of an element are skipped.
     */
    private static void system(JsonParser p, Pairs out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String k = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT) {
                out.add(k, value(p, 2));
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String member = p.currentName();
                JsonToken t = p.nextToken();
                if (member.equals("#text")) {
                    out.add(k, value(p, 3));
                } else if (member.equals("#attributes") && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String an = p.currentName();
                        p.nextToken();
                        Object av = value(p, 4);
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
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private static Map<String, Object> object(JsonParser p, int depth) throws IOException {
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

        void addAll(Pairs other) {
            for (int i = 0; i < other.n; i += 2) {
                add((String) other.kv[i], other.kv[i + 1]);
            }
        }

        FieldMap toMap() {
            return FieldMap.ofPairs(kv, 0, n / 2);
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
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
                        : (Object) p.getLongValue();
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
