package dev.unravel.ingest.read;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The JSON object keys that appear in a sample's text, for probes that recognise a format by its
 * field names. A lexical scan, not a parse: a string followed by a colon is a key; strings inside
 * strings (escaped JSON in a value) are skipped with their escapes. Bounded by the sample's size.
 */
public final class SampleKeys {
    private static final int MAX_KEYS = 4096;

    private final Set<String> keys;
    private final Set<String> lower;

    private SampleKeys(Set<String> keys) {
        this.keys = keys;
        this.lower = new HashSet<>();
        for (String k : keys) {
            lower.add(k.toLowerCase(Locale.ROOT));
        }
    }

    /** The keys of the last sample scanned on this thread (several probes ask for the same sample's keys). */
    private static final ThreadLocal<Object[]> LAST = ThreadLocal.withInitial(() -> new Object[2]);

    /** The keys of the sample's head; an empty set for text that is not JSON. Never throws. */
    public static SampleKeys of(Sample sample) {
        Object[] last = LAST.get();
        if (last[0] != sample.head()) {
            last[1] = scan(sample);
            last[0] = sample.head();
        }
        return (SampleKeys) last[1];
    }

    /**
     * Keys are looked for in the first 16 KiB: the first records show a format's field names, and
     * scanning the whole 64 KiB head cost more than parsing a small file.
     */
    static final int SCANNED = 16 * 1024;

    private static SampleKeys scan(Sample sample) {
        Set<String> found = new HashSet<>();
        String t = sample.text();
        int n = Math.min(t.length(), SCANNED);
        int i = 0;
        while (i < n && found.size() < MAX_KEYS) {
            char c = t.charAt(i);
            if (c != '"') {
                i++;
                continue;
            }
            int start = ++i;
            boolean escaped = false;
            while (i < n && (escaped || t.charAt(i) != '"')) {
                escaped = !escaped && t.charAt(i) == '\\';
                i++;
            }
            if (i >= n) {
                break;
            }
            int end = i++;
            int j = i;
            while (j < n && (t.charAt(j) == ' ' || t.charAt(j) == '\t' || t.charAt(j) == '\r' || t.charAt(j) == '\n')) {
                j++;
            }
            if (j < n && t.charAt(j) == ':' && end - start <= 200) {
                found.add(t.substring(start, end));
            }
        }
        return new SampleKeys(found);
    }

    /** Whether {@code key} appears exactly as written. */
    public boolean has(String key) {
        return keys.contains(key);
    }

    /** Whether {@code key} appears in any letter case. */
    public boolean hasIgnoreCase(String key) {
        return lower.contains(key.toLowerCase(Locale.ROOT));
    }

    /** How many of {@code candidates} appear in any letter case. */
    public int countIgnoreCase(String... candidates) {
        int n = 0;
        for (String c : candidates) {
            if (hasIgnoreCase(c)) {
                n++;
            }
        }
        return n;
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }
}
