package dev.unravel.ingest.format.zeek;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Times;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the Zeek readers share: the log's path (its type), the field names in Zeek's native
 * dotted form, and the envelope. Both readers give rules one shape: {@code id.orig_h} whether the
 * file was Zeek's own JSON, a Kafka/Corelight-style export with {@code id_orig_h}, or TSV.
 */
final class Zeek {
    private Zeek() {
    }

    static final String SOURCE = "zeek";

    /** The streams a stock Zeek writes, for telling a log's path from a file name like {@code NEWYORK_conn.log}. */
    static final Set<String> KNOWN_PATHS = Set.of("conn", "dns", "http", "ssl", "files", "x509", "weird", "notice",
            "dhcp", "ssh", "smtp", "ftp", "smb_files", "smb_mapping", "dce_rpc", "kerberos", "ntlm", "rdp", "sip",
            "snmp", "software", "tunnel", "dpd", "analyzer", "pe", "ocsp", "ntp", "mysql", "radius", "irc", "modbus",
            "dnp3", "known_hosts", "known_services", "known_certs", "capture_loss", "stats", "reporter",
            "loaded_scripts", "packet_filter", "notice_alarm", "signatures", "syslog", "socks", "quic", "traceroute",
            "intel", "conn_long", "http2", "websocket", "telemetry", "cluster", "broker", "print", "netcontrol");

    /**
     * Prefixes of record-valued fields that exports flatten with an underscore instead of Zeek's
     * dot ({@code id_orig_h}, {@code certificate_serial}), and the native form.
     */
    private static final String[][] FLATTENED = {
        {"id_orig_", "id.orig_"}, {"id_resp_", "id.resp_"}, {"id_vlan", "id.vlan"},
        {"certificate_", "certificate."}, {"san_", "san."}, {"basic_constraints_", "basic_constraints."},
    };

    /** The log path from a file name: {@code conn.log}, {@code conn.09:00:00-10:00:00.log}, {@code NEWYORK_dns.log}. */
    static String pathFromName(String fileName) {
        String base = fileName;
        int cut = Math.max(base.lastIndexOf('/'), Math.max(base.lastIndexOf('\\'), base.lastIndexOf('!')));
        base = base.substring(cut + 1).toLowerCase(Locale.ROOT);
        if (base.endsWith(".gz")) {
            base = base.substring(0, base.length() - 3);
        }
        int dot = base.indexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        if (KNOWN_PATHS.contains(stem)) {
            return stem;
        }
        // An export that prefixes the sensor or data set: NEWYORK_conn, lab-dns
        for (int i = stem.length() - 1; i > 0; i--) {
            char c = stem.charAt(i - 1);
            if ((c == '_' || c == '-') && KNOWN_PATHS.contains(stem.substring(i))) {
                return stem.substring(i);
            }
        }
        return stem.isEmpty() ? "unknown" : stem;
    }

    /** The document with exported field names put back in Zeek's dotted form; the same map when none needs it. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> nativeNames(Map<String, Object> doc) {
        boolean rename = false;
        for (String k : doc.keySet()) {
            if (renamed(k) != null || ("id".equals(k) && doc.get(k) instanceof Map)) {
                rename = true;
                break;
            }
        }
        if (!rename) {
            return doc;
        }
        Map<String, Object> out = new LinkedHashMap<>(doc.size() * 2);
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            String k = e.getKey();
            if ("id".equals(k) && e.getValue() instanceof Map<?, ?> id) {
                // A nested conn id ({"id": {"orig_h": ...}}) as some pipelines write it.
                for (Map.Entry<?, ?> f : id.entrySet()) {
                    out.put("id." + f.getKey(), f.getValue());
                }
                continue;
            }
            String r = renamed(k);
            out.put(r == null ? k : r, e.getValue());
        }
        return out;
    }

    private static String renamed(String key) {
        // Every flattened prefix starts with "id_" or one of the other letters: most keys, the
        // native "id.orig_h" among them, are passed over after a character or three.
        char c = key.isEmpty() ? 0 : key.charAt(0);
        if (c == 'i' ? !key.startsWith("id_") : c != 'c' && c != 's' && c != 'b') {
            return null;
        }
        for (String[] p : FLATTENED) {
            if (key.startsWith(p[0])) {
                return p[1] + key.substring(p[0].length());
            }
        }
        return null;
    }

    /**
     * Whether a line is configuration rather than activity: {@code loaded_scripts} lists the scripts
     * the sensor loaded and has no {@code ts} by design. Such lines are read and counted but give no
     * event, since there is no time to put them at.
     */
    static boolean configurationOnly(String path, Object ts) {
        return "loaded_scripts".equals(path) && (ts == null || ts instanceof String s && s.isBlank());
    }

    /** The event time from {@code ts}: epoch seconds (Zeek's default), milliseconds or ISO-8601. */
    static Instant time(Object ts, String path) throws RecordException {
        if (ts == null || ts instanceof String s && s.isBlank()) {
            throw new RecordException("ts", "loaded_scripts".equals(path)
                    ? "is missing: Zeek's loaded_scripts log has no timestamp (it lists the sensor's scripts)"
                    : "is missing: the record has no timestamp");
        }
        Instant t = Times.parse(ts);
        if (t == null) {
            throw RecordException.invalid("ts", "a timestamp", ts);
        }
        return t;
    }

    /** The envelope: type and service are the log path, the source IP the connection's originator. */
    static Event event(Instant time, String path, Map<String, Object> doc, EventRef origin) {
        Object orig = doc.get("id.orig_h");
        String sourceIp = orig instanceof String s && !s.isBlank() ? s : null;
        return new Event(time, SOURCE, path, LogSource.of(SOURCE, null, path), null, null, sourceIp, doc, origin);
    }
}
