package dev.unravel.ingest.format.proxy;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import dev.unravel.ingest.read.Times;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Zscaler Internet Access web logs, as an NSS or Cloud NSS feed writes them in JSON: one
 * transaction a line, either wrapped as Zscaler's SIEM guides set the feed up
 * ({@code {"sourcetype": "zscalernss-web", "event": {...}}}) or bare. The feed's keys are whatever
 * its output format names them, so both conventions in use are read: the NSS variable names
 * ({@code login}, {@code eurl}, {@code ehost}, {@code reqsize}, {@code respsize}, {@code cip},
 * {@code sip}, {@code reqmethod}, {@code respcode}, {@code ua}, {@code devicehostname},
 * {@code time}) and the longer names of the Splunk and Sentinel formats ({@code user}, {@code url},
 * {@code requestsize}, {@code responsesize}, {@code ClientIP}, {@code serverip},
 * {@code requestmethod}, {@code status}, {@code useragent}, {@code datetime}).
 *
 * <p>Zscaler Client Connector sends a laptop's web traffic through Zscaler wherever the laptop is,
 * so this log sees the laptops Zeek on the office network never does — those at a laptop farm.
 *
 * <p>Type {@code zscaler.web}; logsource {@code zscaler}/{@code proxy}; time {@code epochtime}
 * (seconds) when the feed has it, else {@code datetime} or {@code time}
 * ({@code Fri Dec 31 07:07:07 2021}), read as UTC (an NSS feed writes its times in the zone it is
 * set to, GMT by default: set it to GMT, or add {@code %d{epochtime}}); user {@code login};
 * host {@code devicehostname}; source IP {@code cip}. The transaction keeps every field, with
 * Sigma's proxy names added ({@link WebProxy}): {@code cs-bytes} is the request size, what an
 * upload sends.
 */
public final class ZscalerWebReader extends JsonReader {

    private static final LogSource LOGSOURCE = LogSource.of("zscaler", "proxy", null);

    /** Names only a ZIA web feed writes (both conventions), for recognising a bare feed. */
    private static final String[] MARKS = {"reqsize", "respsize", "urlcat", "urlsupercat", "urlclass", "appclass",
        "malwarecat", "riskscore", "devicehostname", "deviceowner", "ruletype", "rulelabel", "dlpeng", "requestsize",
        "responsesize", "urlcategory", "urlsupercategory", "transactionsize", "clientpublicIP", "pagerisk",
        "threatcategory"};

    /** {@code %s{time}}: the C library's {@code ctime} layout, the day padded with a space below 10. */
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT);

    @Override
    public String id() {
        return "zscaler-web";
    }

    @Override
    public String description() {
        return "Zscaler Internet Access web logs from an NSS or Cloud NSS feed in JSON (zscalernss-web, bare or "
                + "wrapped)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            if (sample.firstChar() != '{' && sample.firstChar() != '[') {
                return 0;
            }
            SampleKeys k = SampleKeys.of(sample);
            if (k.has("sourcetype") && k.has("event")) {
                // the first record's type: an audit log's records can quote a web feed's format
                return firstSourceType(sample.text()).equals("zscalernss-web") ? 95 : 0;
            }
            return k.countIgnoreCase(MARKS) >= 4 && (k.has("eurl") || k.has("url")) && (k.has("login")
                    || k.has("user") || k.has("cip") || k.has("ClientIP")) ? 85 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The value of the first {@code "sourcetype"} key in the text; empty when there is none. */
    static String firstSourceType(String text) {
        int key = text.indexOf("\"sourcetype\"");
        int colon = key < 0 ? -1 : text.indexOf(':', key);
        int open = colon < 0 ? -1 : text.indexOf('"', colon);
        int close = open < 0 ? -1 : text.indexOf('"', open + 1);
        return close < 0 || !text.substring(colon + 1, open).isBlank() ? "" : text.substring(open + 1, close);
    }

    /**
     * The feed's record: the {@code event} inside the SIEM guides' wrapper, which must be of
     * {@code sourceType}, or the record itself when it is bare.
     */
    static Map<String, Object> unwrap(Map<String, Object> record, String sourceType, String what)
            throws RecordException {
        if (record.get("event") instanceof Map<?, ?> inner && record.containsKey("sourcetype")) {
            Object type = record.get("sourcetype");
            if (!sourceType.equals(type)) {
                throw RecordException.invalid("sourcetype", what, type);
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> event = (Map<String, Object>) inner;
            return event;
        }
        return record;
    }

    @Override
    protected Event convert(Map<String, Object> record, EventRef origin) throws RecordException {
        Map<String, Object> doc = unwrap(record, "zscalernss-web", "a web log (zscalernss-web)");
        String prefix = doc == record ? "" : "event.";
        Instant time = time(doc, prefix);

        Map<String, Object> out = new LinkedHashMap<>(doc.size() * 2);
        out.putAll(doc);
        String url = first(doc, "eurl", "url");
        String host = first(doc, "ehost", "host");
        if (host == null && doc.containsKey("url")) {
            host = WebProxy.value(doc.get("hostname")); // the Splunk format's hostname is the site's
        }
        if (host == null) {
            host = WebProxy.hostOf(url);
        }
        String clientIp = first(doc, "cip", "ClientIP");
        WebProxy.put(out, "c-uri", url);
        WebProxy.put(out, "cs-host", host == null ? null : host.toLowerCase(Locale.ROOT));
        WebProxy.put(out, "cs-method", first(doc, "reqmethod", "requestmethod"));
        WebProxy.put(out, "c-useragent", first(doc, "ua", "eua", "useragent"));
        WebProxy.put(out, "cs-referrer", first(doc, "ereferer", "referer", "refererURL"));
        WebProxy.put(out, "sc-status", first(doc, "respcode", "status"));
        WebProxy.put(out, "src_ip", clientIp);
        WebProxy.put(out, "dst_ip", first(doc, "sip", "serverip"));
        WebProxy.put(out, "cs-bytes", bytes(doc, prefix, "reqsize", "requestsize"));
        WebProxy.put(out, "sc-bytes", bytes(doc, prefix, "respsize", "responsesize"));

        String user = first(doc, "login", "user");
        String device = first(doc, "devicehostname");
        return new Event(time, "zscaler", "zscaler.web", LOGSOURCE, user, device, clientIp, out, origin);
    }

    /** The record's time: {@code epochtime}, else {@code datetime} or {@code time}, read as UTC. */
    static Instant time(Map<String, Object> doc, String prefix) throws RecordException {
        Object epoch = doc.get("epochtime");
        if (WebProxy.value(epoch) != null) {
            Instant t = Times.parse(epoch);
            if (t == null) {
                throw RecordException.invalid(prefix + "epochtime", "seconds since 1970", epoch);
            }
            return t;
        }
        for (String key : new String[] {"datetime", "time"}) {
            String v = WebProxy.value(doc.get(key));
            if (v == null) {
                continue;
            }
            Instant t = Times.parse(v);
            if (t == null) {
                try {
                    t = LocalDateTime.parse(v.replaceAll(" +", " "), CTIME).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    throw RecordException.invalid(prefix + key, "a time (Fri Dec 31 07:07:07 2021, "
                            + "2021-12-31 07:07:07 or epoch seconds)", v);
                }
            }
            return t;
        }
        throw new RecordException(prefix + "time", "is missing: the record has no time (epochtime, datetime "
                + "or time)");
    }

    private static String first(Map<String, Object> doc, String... keys) {
        for (String k : keys) {
            String v = WebProxy.value(doc.get(k));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static Long bytes(Map<String, Object> doc, String prefix, String... keys) throws RecordException {
        for (String k : keys) {
            Object v = doc.get(k);
            if (WebProxy.value(v) == null) {
                continue;
            }
            Long n = WebProxy.bytes(v);
            if (n == null) {
                throw RecordException.invalid(prefix + k, "a byte count", v);
            }
            return n;
        }
        return null;
    }
}
