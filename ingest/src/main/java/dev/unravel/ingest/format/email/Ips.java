package dev.unravel.ingest.format.email;

import java.util.Locale;

/** IP address text checks without any name lookup (the email reader's, and triage's for Received hops). */
public final class Ips {
    private Ips() {
    }

    /** The four octets of a dotted IPv4 address, or null. */
    static int[] ipv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        int[] o = new int[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3) {
                return null;
            }
            int v = 0;
            for (int j = 0; j < p.length(); j++) {
                char c = p.charAt(j);
                if (c < '0' || c > '9') {
                    return null;
                }
                v = v * 10 + (c - '0');
            }
            if (v > 255) {
                return null;
            }
            o[i] = v;
        }
        return o;
    }

    static boolean isIpv6(String s) {
        if (s.length() < 2 || s.length() > 45 || s.indexOf(':') < 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
                return false;
            }
        }
        return true;
    }

    public static boolean isIp(String s) {
        return ipv4(s) != null || isIpv6(s);
    }

    /**
     * Whether an address is one that says nothing about where a sender is: private (RFC 1918), shared
     * (RFC 6598), loopback, link-local, unspecified, or IPv6 unique-local, link-local and loopback.
     */
    public static boolean isInternal(String s) {
        int[] o = ipv4(s);
        if (o != null) {
            return o[0] == 10 || o[0] == 127 || o[0] == 0
                    || o[0] == 172 && o[1] >= 16 && o[1] <= 31
                    || o[0] == 192 && o[1] == 168
                    || o[0] == 169 && o[1] == 254
                    || o[0] == 100 && o[1] >= 64 && o[1] <= 127
                    || o[0] >= 224;
        }
        String v6 = s.toLowerCase(Locale.ROOT);
        if (v6.startsWith("::ffff:")) {
            return ipv4(v6.substring(7)) == null || isInternal(v6.substring(7));
        }
        return v6.equals("::1") || v6.equals("::") || v6.startsWith("fe8") || v6.startsWith("fe9")
                || v6.startsWith("fea") || v6.startsWith("feb") || v6.startsWith("fc") || v6.startsWith("fd");
    }
}
