package dev.unravel.ingest.format.vpn;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.TextLines;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Fortinet FortiGate logs as FortiOS sends them to a syslog server or FortiAnalyzer forwards
 * them: one log a line, {@code key=value} pairs ({@code date=2026-03-10 time=09:02:10
 * logid="0101039424" type="event" subtype="vpn" … remip=203.0.113.44 user="ada"}), values quoted
 * when they hold spaces, with or without a syslog header before the first pair.
 *
 * <p>The VPN event logs ({@code type=event subtype=vpn}) are what this reader is for: SSL VPN and
 * IPsec dial-up tunnels coming up ({@code action=tunnel-up}: {@code vpn.session.start}; an SSL VPN
 * web-portal login, {@code tunneltype=ssl-web}, is {@code vpn.authentication}) and going down
 * ({@code tunnel-down}: {@code vpn.session.end}, with {@code duration}, {@code sentbyte},
 * {@code rcvdbyte}), and failed logins ({@code ssl-login-fail} and the like:
 * {@code vpn.authentication} with {@code status=failure}); the rest of a VPN log is
 * {@code vpn.event}. Source {@code fortigate}, logsource {@code fortinet}/{@code vpn}; user
 * {@code user} (else {@code xauthuser}), source IP {@code remip} (the address the client came
 * from), the tunnel's address {@code tunnelip} also as {@code private_ip}. FortiOS names no client
 * computer in these logs. Every other log of the stream (traffic, UTM, system events) is kept as
 * {@code fortigate.<type>.<subtype>} with its pairs, so a firewall's whole syslog file reads.
 *
 * <p>Time: {@code eventtime} (epoch seconds, or nanoseconds since FortiOS 6.2) when present,
 * else {@code date} and {@code time} at the offset {@code tz} gives ({@code -0500}), else as UTC.
 */
public final class FortiGateReader implements Reader {

    private static final LogSource VPN = LogSource.of("fortinet", "vpn", null);
    private static final LogSource OTHER = LogSource.of("fortinet", null, null);
    private static final String SOURCE = "fortigate";

    @Override
    public String id() {
        return "fortigate";
    }

    @Override
    public String description() {
        return "Fortinet FortiGate logs over syslog (key=value; SSL VPN and IPsec dial-up tunnels and failed VPN "
                + "logins read in full, other logs kept)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            String line = sample.firstLine();
            Map<String, Object> pairs = pairs(line);
            if (pairs == null) {
                return 0;
            }
            return pairs.containsKey("logid") && pairs.containsKey("type") && pairs.containsKey("subtype")
                    && (pairs.containsKey("devid") || pairs.containsKey("devname"))
                    && (pairs.containsKey("eventtime") || pairs.containsKey("date")) ? 92 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        TextLines.read(input, sink, FortiGateReader::event);
    }

    static Event event(String line, EventRef origin) throws RecordException {
        // the pairs are the document: parsed once, not copied
        Map<String, Object> doc = pairs(line);
        if (doc == null || !doc.containsKey("type")) {
            throw new RecordException("type", "is missing: not a FortiGate log (key=value pairs with logid, type "
                    + "and subtype)");
        }
        Instant time = time(doc);
        String type = text(doc, "type").toLowerCase(Locale.ROOT);
        String subtype = text(doc, "subtype").toLowerCase(Locale.ROOT);
        if (!type.equals("event") || !subtype.equals("vpn")) {
            return new Event(time, SOURCE, "fortigate." + type + (subtype.isEmpty() ? "" : "." + subtype), OTHER,
                    value(doc, "user"), value(doc, "srcname"), value(doc, "srcip"), doc, origin);
        }
        String action = text(doc, "action").toLowerCase(Locale.ROOT);
        String eventType = vpnType(action, text(doc, "tunneltype"));
        boolean failed = action.contains("fail");
        doc.put("status", failed ? "failure" : "success");
        for (String key : new String[] {"duration", "sentbyte", "rcvdbyte"}) {
            String v = value(doc, key);
            if (v != null) {
                try {
                    doc.put(key, Long.parseLong(v));
                } catch (NumberFormatException e) {
                    throw RecordException.invalid(key, "a whole number", v);
                }
            }
        }
        String tunnelIp = value(doc, "tunnelip");
        if (tunnelIp != null) {
            doc.put("private_ip", tunnelIp);
        }
        String user = value(doc, "user");
        if (user == null) {
            user = value(doc, "xauthuser");
        }
        return new Event(time, SOURCE, eventType, VPN, user, null, value(doc, "remip"), doc, origin);
    }

    /** The event type of a VPN log from its action (and, for a tunnel up, its kind). */
    static String vpnType(String action, String tunnelType) {
        if (action.contains("fail")) {
            return "vpn.authentication";
        }
        if (action.equals("tunnel-up")) {
            return tunnelType.equalsIgnoreCase("ssl-web") ? "vpn.authentication" : "vpn.session.start";
        }
        if (action.equals("tunnel-down")) {
            return tunnelType.equalsIgnoreCase("ssl-web") ? "vpn.event" : "vpn.session.end";
        }
        return "vpn.event";
    }

    private static Instant time(Map<String, Object> pairs) throws RecordException {
        String epoch = value(pairs, "eventtime");
        if (epoch != null) {
            try {
                long n = Long.parseLong(epoch);
                int digits = epoch.length();
                return digits >= 18 ? Instant.ofEpochSecond(n / 1_000_000_000L, n % 1_000_000_000L)
                        : digits >= 15 ? Instant.ofEpochSecond(n / 1_000_000L, n % 1_000_000L * 1_000L)
                        : digits >= 12 ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
            } catch (NumberFormatException e) {
                throw RecordException.invalid("eventtime", "an epoch time", epoch);
            }
        }
        String date = value(pairs, "date");
        String clock = value(pairs, "time");
        if (date == null || clock == null) {
            throw RecordException.missing(date == null ? "date" : "time");
        }
        ZoneOffset offset = ZoneOffset.UTC;
        String tz = value(pairs, "tz");
        if (tz != null) {
            try {
                offset = ZoneOffset.of(tz.length() == 5 ? tz.substring(0, 3) + ":" + tz.substring(3) : tz);
            } catch (DateTimeException e) {
                throw RecordException.invalid("tz", "a UTC offset such as -0500", tz);
            }
        }
        try {
            return LocalDate.parse(date).atTime(LocalTime.parse(clock)).toInstant(offset);
        } catch (DateTimeException e) {
            throw RecordException.invalid("date", "a date and time (date=yyyy-MM-dd time=HH:mm:ss)", date + " " + clock);
        }
    }

    /**
     * The {@code key=value} pairs of a line, in order; a value in double quotes may hold spaces and
     * {@code \"}. Whatever stands before the first pair (a syslog header) is skipped. Null when the
     * line holds no pair.
     */
    static Map<String, Object> pairs(String line) {
        Map<String, Object> out = new LinkedHashMap<>();
        int n = line.length();
        int i = 0;
        while (i < n) {
            while (i < n && line.charAt(i) == ' ') {
                i++;
            }
            int keyStart = i;
            while (i < n && isKeyChar(line.charAt(i))) {
                i++;
            }
            if (i >= n || line.charAt(i) != '=' || i == keyStart) {
                // not a pair: a header word (or "<189>" glued to the first key), skipped
                if (i < n && line.charAt(i) == '>' && out.isEmpty()) {
                    i++;
                    continue;
                }
                while (i < n && line.charAt(i) != ' ') {
                    i++;
                }
                if (!out.isEmpty()) {
                    return out; // trailing text after the pairs
                }
                continue;
            }
            String key = line.substring(keyStart, i);
            i++;
            String value;
            if (i < n && line.charAt(i) == '"') {
                int from = ++i;
                while (i < n && line.charAt(i) != '"' && line.charAt(i) != '\\') {
                    i++;
                }
                if (i < n && line.charAt(i) == '\\') {
                    // an escaped character inside: built one character at a time, only then
                    StringBuilder b = new StringBuilder(line.substring(from, i));
                    while (i < n && line.charAt(i) != '"') {
                        char c = line.charAt(i);
                        if (c == '\\' && i + 1 < n) {
                            c = line.charAt(++i);
                        }
                        b.append(c);
                        i++;
                    }
                    value = b.toString();
                } else {
                    value = line.substring(from, i);
                }
                i++; // the closing quote (or the end of a line cut short)
            } else {
                int from = i;
                while (i < n && line.charAt(i) != ' ') {
                    i++;
                }
                value = line.substring(from, i);
            }
            out.put(key, value);
        }
        return out.isEmpty() ? null : out;
    }

    private static boolean isKeyChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
    }

    /** The pair's value, stripped; null when absent, empty or FortiOS's {@code N/A}. */
    private static String value(Map<String, Object> pairs, String key) {
        Object v = pairs.get(key);
        if (v == null) {
            return null;
        }
        String s = v.toString().strip();
        return s.isEmpty() || s.equalsIgnoreCase("N/A") ? null : s;
    }

    /** The pair's text as written, the empty string when absent. */
    private static String text(Map<String, Object> pairs, String key) {
        Object v = pairs.get(key);
        return v == null ? "" : v.toString();
    }
}
