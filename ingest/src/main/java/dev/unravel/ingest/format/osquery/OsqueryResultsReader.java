package dev.unravel.ingest.format.osquery;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.FieldMap;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.JsonRecords;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.Times;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * osqueryd's results log ({@code osqueryd.results.log}, or the same lines from a TLS/Kafka/Firehose
 * logger), in its three shapes:
 * <ul>
 * <li>differential (the default): one row a line, {@code columns} and {@code action}
 * {@code added}/{@code removed} — one event;</li>
 * <li>snapshot: {@code snapshot: [rows]}, {@code action: "snapshot"} — one event per row, the row
 * as the event's {@code columns} (an empty snapshot is one event with empty columns: the query ran
 * and found nothing, which an inventory needs to know);</li>
 * <li>batch ({@code --logger_event_format=batch}): {@code diffResults: {added: [], removed: []}} —
 * one event per row, with its {@code action}.</li>
 * </ul>
 * Every event's document has the same shape as a differential line — the header fields, one row
 * in {@code columns}, an {@code action} — plus {@code pack} and {@code query}, the query's name
 * without the pack prefix ({@code pack_incident-response_shell_history} → {@code shell_history}).
 *
 * <p>Time is {@code unixTime}, else {@code calendarTime} (when the query ran); both may be strings
 * in older logs. Records without either — hand-trimmed examples often lack them — are rejected:
 * a row without the time it was seen cannot be placed in a timeline.
 */
public final class OsqueryResultsReader implements Reader {
    private static final java.util.regex.Pattern UUID = java.util.regex.Pattern.compile(
            "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}");

    @Override
    public String id() {
        return "osquery";
    }

    @Override
    public String description() {
        return "osquery results log: differential, snapshot and batch (diffResults) results";
    }

    @Override
    public int probe(Sample sample) {
        try {
            if (sample.firstChar() != '{') {
                return 0;
            }
            String line = sample.firstLine().replace(" ", "");
            boolean name = line.contains("\"name\":");
            boolean rows = line.contains("\"columns\":") || line.contains("\"snapshot\":")
                    || line.contains("\"diffResults\":");
            if (!name || !rows) {
                return 0;
            }
            if (line.contains("\"hostIdentifier\":") || line.contains("\"calendarTime\":")
                    || line.contains("\"unixTime\":")) {
                return 90;
            }
            return line.contains("\"action\":") ? 70 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        JsonRecords.read(input, sink, (doc, record, line) -> {
            List<Event> events = convert(doc, new EventRef(input.name(), record));
            events.forEach(sink::accept);
        });
    }

    /** One results line to its events; all of them or, when the line is bad, none. */
    static List<Event> convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        Object nameValue = doc.get("name");
        if (!(nameValue instanceof String name) || name.isBlank()) {
            throw nameValue == null ? RecordException.missing("name")
                    : RecordException.invalid("name", "a query name", nameValue);
        }
        Instant time = time(doc);
        String[] packQuery = packAndQuery(name);
        Object columns = doc.get("columns");
        Object snapshot = doc.get("snapshot");
        Object diff = doc.get("diffResults");
        List<Event> events = new ArrayList<>();
        if (columns != null) {
            if (!(columns instanceof Map<?, ?>)) {
                throw RecordException.invalid("columns", "an object of column values", columns);
            }
            Object action = doc.get("action");
            if (action != null && !(action instanceof String)) {
                throw RecordException.invalid("action", "added, removed or snapshot", action);
            }
            events.add(event(time, name, packQuery, rowDoc(doc, packQuery, castRow(columns), (String) action),
                    origin));
        } else if (snapshot != null) {
            if (!(snapshot instanceof List<?> rows)) {
                throw RecordException.invalid("snapshot", "a list of rows", snapshot);
            }
            List<Map<String, Object>> checked = rows("snapshot", rows);
            if (checked.isEmpty()) {
                events.add(event(time, name, packQuery, rowDoc(doc, packQuery, Map.of(), "snapshot"), origin));
            }
            for (Map<String, Object> row : checked) {
                events.add(event(time, name, packQuery, rowDoc(doc, packQuery, row, "snapshot"), origin));
            }
        } else if (diff != null) {
            if (!(diff instanceof Map<?, ?> d)) {
                throw RecordException.invalid("diffResults", "an object with added and removed rows", diff);
            }
            for (String action : new String[] {"added", "removed"}) {
                Object part = d.get(action);
                if (part == null) {
                    continue;
                }
                if (!(part instanceof List<?> rows)) {
                    throw RecordException.invalid("diffResults." + action, "a list of rows", part);
                }
                for (Map<String, Object> row : rows("diffResults." + action, rows)) {
                    events.add(event(time, name, packQuery, rowDoc(doc, packQuery, row, action), origin));
                }
            }
            if (events.isEmpty()) {
                throw new RecordException("diffResults", "holds no added or removed rows");
            }
        } else {
            throw new RecordException("columns", "is missing: the record has no columns, snapshot or diffResults");
        }
        return events;
    }

    private static Instant time(Map<String, Object> doc) throws RecordException {
        for (String field : new String[] {"unixTime", "calendarTime"}) {
            Object v = doc.get(field);
            if (v == null || v instanceof String s && s.isBlank()) {
                continue;
            }
            Instant t = Times.parse(v);
            if (t == null) {
                throw RecordException.invalid(field, "a timestamp", v);
            }
            return t;
        }
        throw new RecordException("unixTime", "is missing: the record has no timestamp (no unixTime or calendarTime)");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castRow(Object row) {
        return (Map<String, Object>) row;
    }

    private static List<Map<String, Object>> rows(String field, List<?> rows) throws RecordException {
        List<Map<String, Object>> out = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            if (!(rows.get(i) instanceof Map<?, ?> row)) {
                throw RecordException.invalid(field + "." + i, "a row object", rows.get(i));
            }
            out.add(castRow(row));
        }
        return out;
    }

    /** A differential-shaped document for one row: the header fields, the row as columns, the action. */
    private static Map<String, Object> rowDoc(Map<String, Object> doc, String[] packQuery, Map<String, Object> row,
            String action) {
        Map<String, Object> out = new FieldMap(doc.size() + 3); // ordered like a LinkedHashMap, without a node per entry
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            String k = e.getKey();
            if (!"snapshot".equals(k) && !"diffResults".equals(k) && !"columns".equals(k) && !"action".equals(k)) {
                out.put(k, e.getValue());
            }
        }
        out.put("columns", row);
        if (action != null) {
            out.put("action", action);
        }
        if (packQuery[0] != null) {
            out.put("pack", packQuery[0]);
        }
        out.put("query", packQuery[1]);
        return out;
    }

    private static Event event(Instant time, String name, String[] packQuery, Map<String, Object> doc,
            EventRef origin) {
        // hostIdentifier is the host name by default; with --host_identifier=uuid (or instance) it is a
        // UUID, and the hostname decoration, when the deployment adds it, names the machine better.
        String host = text(doc, "hostIdentifier");
        String decorated = text(doc, "decorations.hostname");
        if (host == null || decorated != null && UUID.matcher(host).matches()) {
            host = decorated;
        }
        String user = text(doc, "columns.username");
        if (user == null) {
            user = text(doc, "columns.user");
        }
        if (user == null) {
            user = text(doc, "decorations.username");
        }
        String sourceIp = null;
        String query = packQuery[1];
        if ("logged_in_users".equals(query) || "last".equals(query)) {
            // The remote address a user logged in from, when the row has one.
            String remote = text(doc, "columns.host");
            if (remote != null && looksLikeIp(remote)) {
                sourceIp = remote;
            }
        }
        Named named = lastNamed;
        if (!named.name().equals(name)) {
            named = new Named(name, "osquery." + name, LogSource.of("osquery", null, query));
            lastNamed = named;
        }
        return new Event(time, "osquery", named.type(), named.logSource(), user, host, sourceIp, doc, origin);
    }

    /** A query name's event type and logsource, kept for the next row (a file is mostly one query's rows). */
    private record Named(String name, String type, LogSource logSource) {
    }

    private static volatile Named lastNamed = new Named("", "osquery.", LogSource.of("osquery", null, ""));

    private static String text(Map<String, Object> doc, String path) {
        Object v = Docs.get(doc, path);
        return v instanceof String s && !s.isBlank() ? s : null;
    }

    private static boolean looksLikeIp(String s) {
        if (s.indexOf(':') >= 0) {
            return s.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.');
        }
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * The pack and the bare query name from a results name. osquery names a pack's query
     * {@code pack<d><pack><d><query>}, {@code <d>} being {@code --pack_delimiter} ({@code _} by
     * default; {@code /} and {@code -} are common). Pack names rarely hold the delimiter
     * ({@code incident-response}), query names often do ({@code shell_history}), so the split is at
     * the first delimiter after the pack. A name outside a pack is the query name itself.
     */
    static String[] packAndQuery(String name) {
        if (name.length() > 5 && name.startsWith("pack")) {
            char d = name.charAt(4);
            if (d == '_' || d == '/' || d == '-' || d == ':' || d == '.') {
                String rest = name.substring(5);
                int cut = rest.indexOf(d);
                if (cut > 0 && cut < rest.length() - 1) {
                    return new String[] {rest.substring(0, cut), rest.substring(cut + 1)};
                }
                return new String[] {null, rest};
            }
        }
        return new String[] {null, name};
    }
}
