package dev.unravel.ingest.read;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reading fields out of parsed documents. Paths are dotted ({@code client.ipAddress}); a key that
 * itself contains dots is found first. Look-ups can ignore case, because some exports lower-case
 * every key ({@code eventtype} for {@code eventType}).
 */
public final class Docs {
    private Docs() {
    }

    /** The value at {@code path}, or null. */
    public static Object get(Map<String, Object> doc, String path) {
        return get(doc, path, false);
    }

    /** The value at {@code path} matching keys without regard to case, or null. */
    public static Object getIgnoreCase(Map<String, Object> doc, String path) {
        return get(doc, path, true);
    }

    @SuppressWarnings("unchecked")
    private static Object get(Object node, String path, boolean ignoreCase) {
        if (!(node instanceof Map<?, ?> raw)) {
            if (node instanceof List<?> list) {
                int dot = path.indexOf('.');
                String head = dot < 0 ? path : path.substring(0, dot);
                try {
                    int i = Integer.parseInt(head);
                    Object child = i >= 0 && i < list.size() ? list.get(i) : null;
                    return dot < 0 ? child : get(child, path.substring(dot + 1), ignoreCase);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }
        Map<String, Object> map = (Map<String, Object>) raw;
        Object direct = key(map, path, ignoreCase);
        if (direct != null) {
            return direct;
        }
        for (int dot = path.indexOf('.'); dot > 0; dot = path.indexOf('.', dot + 1)) {
            Object child = key(map, path.substring(0, dot), ignoreCase);
            if (child != null) {
                Object found = get(child, path.substring(dot + 1), ignoreCase);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static Object key(Map<String, Object> map, String key, boolean ignoreCase) {
        Object v = map.get(key);
        if (v != null || !ignoreCase) {
            return v;
        }
        String lower = key.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Object> e : map.entrySet()) {
            if (e.getKey() != null && lowerCaseEquals(e.getKey(), lower)) {
                return e.getValue();
            }
        }
        return null;
    }

    /**
     * Whether {@code k.toLowerCase(Locale.ROOT)} equals {@code lower}, without lower-casing a copy
     * of every key of the map for every look-up (a tenth of reading WMI rows): ASCII keys are
     * compared in place; a key with any other character is lower-cased as before (lower-casing
     * beyond ASCII can depend on context or change the length).
     */
    static boolean lowerCaseEquals(String k, String lower) {
        int n = k.length();
        int same = Math.min(n, lower.length());
        for (int i = 0; i < same; i++) {
            char c = k.charAt(i);
            if (c >= 0x80) {
                return k.toLowerCase(Locale.ROOT).equals(lower);
            }
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            if (c != lower.charAt(i)) {
                // every character before was ASCII, so lower-casing kept them in place
                return false;
            }
        }
        for (int i = same; i < n; i++) {
            if (k.charAt(i) >= 0x80) {
                return k.toLowerCase(Locale.ROOT).equals(lower);
            }
        }
        return n == lower.length();
    }

    /** The value at {@code path} as text, or null when absent, null or blank. */
    public static String text(Map<String, Object> doc, String path) {
        Object v = get(doc, path);
        return blankToNull(v);
    }

    /** The text of the first of {@code paths} that holds some (see {@link #text}), or null when none does. */
    public static String firstText(Map<String, Object> doc, String... paths) {
        for (String path : paths) {
            String v = text(doc, path);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** As {@link #text} but ignoring key case. */
    public static String textIgnoreCase(Map<String, Object> doc, String path) {
        return blankToNull(getIgnoreCase(doc, path));
    }

    private static String blankToNull(Object v) {
        if (v == null || v instanceof Map || v instanceof List) {
            return null;
        }
        String s = v.toString();
        return s.isBlank() ? null : s;
    }

    /** The map at {@code path}, or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Map<String, Object> doc, String path) {
        Object v = get(doc, path);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }
}
