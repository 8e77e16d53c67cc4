package dev.unravel.ingest.read;

import java.util.Locale;

/** The host a logged URL names, for the readers of logs that record addresses visited (proxies, EDR connections). */
public final class UrlHosts {
    private UrlHosts() {
    }

    /**
     * The host a URL names: {@code https://mega.nz/file/x} and a scheme-less (Zscaler's, Defender's)
     * {@code mega.nz/file/x} give {@code mega.nz}; a port and user information are left out.
     */
    public static String hostOf(String url) {
        if (url == null) {
            return null;
        }
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int end = url.length();
        for (int i = start; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String authority = url.substring(start, end);
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            authority = authority.substring(at + 1);
        }
        if (authority.startsWith("[")) { // an IPv6 literal, [2001:db8::1]:443
            int close = authority.indexOf(']');
            return close > 1 ? authority.substring(1, close) : null;
        }
        int colon = authority.indexOf(':');
        if (colon >= 0) {
            authority = authority.substring(0, colon);
        }
        return authority.isEmpty() ? null : authority.toLowerCase(Locale.ROOT);
    }

}
