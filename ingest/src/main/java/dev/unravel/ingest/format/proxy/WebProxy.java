package dev.unravel.ingest.format.proxy;

import java.util.Locale;
import java.util.Map;

/**
 * What the web-proxy and DNS-security readers share: the field names of Sigma's taxonomy, added
 * beside the vendor's own so that rules written for {@code category: proxy} or {@code dns} and
 * Unravel's detectors read one shape whichever product wrote the log.
 *
 * <p>Proxy: {@code c-uri}, {@code cs-host}, {@code cs-method}, {@code c-useragent},
 * {@code cs-referrer}, {@code sc-status}, {@code src_ip}, {@code dst_ip}, and the byte counts in
 * the W3C extended log format's sense: {@code cs-bytes} sent by the client to the server (what an
 * upload is), {@code sc-bytes} sent back. (The taxonomy's prose has the two directions swapped; W3C,
 * which it cites, and every proxy that writes these names mean them this way.) DNS: {@code query}
 * (without the root's trailing dot), {@code record_type}, {@code src_ip}.
 *
 * <p>Both: {@code client_public_ip}, the address the client's own network reached the cloud
 * service from (a home router's, a hotel's, an office's), when the log gives one apart from the
 * client's internal address. The service's agent on a laptop connects from wherever the laptop
 * is, so this is where the company laptop was: what tells a laptop farm's home line.
 */
final class WebProxy {
    private WebProxy() {
    }

    /** Values vendors write for "nothing here": Zscaler's {@code None} and {@code NA}, Umbrella's empty quotes. */
    static String value(Object v) {
        if (!(v instanceof String s)) {
            return v == null ? null : v.toString();
        }
        String t = s.strip();
        return t.isEmpty() || t.equals("None") || t.equals("NA") || t.equals("N/A") || t.equals("-") ? null : t;
    }

    /** Where the client's network reached the service: see the class comment. */
    static final String CLIENT_PUBLIC_IP = "client_public_ip";

    /** A byte count written as a number or as digits; null when absent or not a count. */
    static Long bytes(Object v) {
        if (v instanceof Number n) {
            return n.longValue() >= 0 ? n.longValue() : null;
        }
        String s = value(v);
        if (s == null || s.length() > 18) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return null;
            }
        }
        return Long.parseLong(s);
    }

    /** A domain name as DNS logs write it, without the root's trailing dot, lower-cased. */
    static String domain(String name) {
        if (name == null) {
            return null;
        }
        String d = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        return d.isEmpty() ? null : d.toLowerCase(Locale.ROOT);
    }

    /** Puts {@code value} under the taxonomy's {@code name} when there is one. */
    static void put(Map<String, Object> doc, String name, Object value) {
        if (value != null) {
            doc.put(name, value);
        }
    }
}
