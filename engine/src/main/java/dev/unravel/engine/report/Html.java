package dev.unravel.engine.report;

/**
 * HTML escaping for text that comes from the scanned logs and records (names, explanations, file
 * names): attacker-controlled, so every character that could open markup is escaped, and characters
 * that could hide or disguise text from an analyst (control characters, bidirectional overrides such
 * as U+202E, unpaired surrogates) are shown as a visible {@code [U+XXXX]} marker instead.
 */
public final class Html {

    private Html() {
    }

    /** Escaped text, safe in element content and in quoted attribute values; {@code null} gives "". */
    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        append(sb, s, Integer.MAX_VALUE);
        return sb.toString();
    }

    /** Appends {@code s} escaped, cut after {@code max} characters with a note of how many were left out. */
    static void append(StringBuilder sb, String s, int max) {
        if (s == null) {
            return;
        }
        int end = s.length();
        if (end > max) {
            end = max;
            if (Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
        }
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                case '\t', '\n', '\r' -> sb.append(c);
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (hidden(c)) {
                        sb.append("[U+").append(hex4(c)).append(']');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (end < s.length()) {
            sb.append("… (").append(s.length() - end).append(" more characters)");
        }
    }

    /** Characters shown as a marker: controls, bidi embeddings/overrides/isolates, lone surrogates, BOM. */
    private static boolean hidden(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0x200E || c == 0x200F || c == 0x061C || c == 0xFEFF
                || Character.isSurrogate(c);
    }

    private static String hex4(char c) {
        String h = Integer.toHexString(c).toUpperCase(java.util.Locale.ROOT);
        return "0000".substring(h.length()) + h;
    }
}
