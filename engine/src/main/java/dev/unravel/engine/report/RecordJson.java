package dev.unravel.engine.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unravel.core.Event;
import dev.unravel.ingest.RecordLookup;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A record behind an evidence reference ({@link RecordLookup}) as JSON, for {@code unravel ingest
 * show --json} and the console: the reference, the format, when the file last changed, and each
 * event read from the record with its envelope and the vendor's document as it was read — but for
 * identity and bank numbers ({@link #SECRET_KEYS}: a social security number, an account number),
 * which show only their last four characters. A finding never needs them whole (they are compared
 * as keyed hashes), and what the console shows ends up in tickets and briefs.
 */
public final class RecordJson {

    /** The document as the vendor wrote it: its own key names, not the report's snake case. */
    private static final ObjectMapper PLAIN = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final ObjectMapper LINE = new ObjectMapper();

    /** Keys whose values are masked, compared without case, '_', '-' or spaces. */
    static final java.util.Set<String> SECRET_KEYS = java.util.Set.of("ssn", "socialsecuritynumber", "sin", "taxid",
            "tin", "nationalid", "nationalidnumber", "passportnumber", "documentnumber", "routingnumber",
            "accountnumber", "bankaccount", "bankaccountnumber", "iban", "cardnumber");

    private RecordJson() {
    }

    /** The document with the values of {@link #SECRET_KEYS} masked, at any depth. */
    static Object masked(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k, k instanceof String key && secret(key) && v != null && !(v instanceof Map)
                    && !(v instanceof List) ? mask(String.valueOf(v)) : masked(v)));
            return out;
        }
        if (node instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object o : l) {
                out.add(masked(o));
            }
            return out;
        }
        return node;
    }

    private static boolean secret(String key) {
        return SECRET_KEYS.contains(key.toLowerCase(java.util.Locale.ROOT).replaceAll("[_\\- ]", ""));
    }

    /** {@code 235-59-0877} → {@code •••-••-0877}: letters and digits but the last four hidden, the shape kept. */
    static String mask(String value) {
        int keep = 4;
        int alnum = 0;
        for (int i = 0; i < value.length(); i++) {
            alnum += Character.isLetterOrDigit(value.charAt(i)) ? 1 : 0;
        }
        if (alnum <= keep) {
            keep = 0; // too short to show any of it
        }
        StringBuilder b = new StringBuilder(value.length());
        int seen = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(++seen > alnum - keep ? c : '•');
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** The record as a tree of maps and lists, ready for a JSON writer. */
    public static Map<String, Object> of(RecordLookup.Found found) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ref", found.file() + "#" + found.record());
        m.put("format", found.format());
        m.put("file_changed", found.modified() == null ? null : found.modified().toString());
        List<Map<String, Object>> events = new ArrayList<>();
        for (Event e : found.events()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("time", e.time().toString());
            one.put("source", e.source());
            one.put("type", e.type());
            one.put("user", e.user());
            one.put("host", e.host());
            one.put("source_ip", e.sourceIp());
            one.put("document", masked(e.document()));
            events.add(one);
        }
        m.put("events", events);
        return m;
    }

    /** The record as one line of JSON ({@link #of}). */
    public static String line(RecordLookup.Found found) throws JsonProcessingException {
        return LINE.writeValueAsString(of(found));
    }

    /** An event's document as indented JSON, the vendor's keys as they came, secrets masked. */
    public static String document(Event e) {
        try {
            return PLAIN.writeValueAsString(masked(e.document()));
        } catch (JsonProcessingException ex) {
            return String.valueOf(masked(e.document())); // a value no JSON writer takes: its text, not nothing
        }
    }
}
