package dev.unravel.core;

import java.util.concurrent.ConcurrentHashMap;

/**
 * One shared instance per distinct short label (event types and source names: a few hundred
 * distinct values over millions of events).
 *
 * <p>Why: readers parse a fresh String for every record's type; the detection thread then hashes
 * and compares it in every map and {@code switch} that dispatches on it. Canonical instances
 * carry their hash already computed and compare by identity first, the work moves to the reader
 * threads (where a scan has spare time and the detection thread has none), and events stop
 * carrying their own copy of the same label.
 */
public final class Canonical {

    /** Distinct labels kept; past it, labels pass through as they are (a hostile file cannot grow the table). */
    static final int MAX = 100_000;
    /** Longer values are not labels; they pass through. */
    static final int MAX_LENGTH = 128;

    private static final ConcurrentHashMap<String, String> LABELS = new ConcurrentHashMap<>();

    private Canonical() {
    }

    /** The shared instance equal to {@code s} (s itself the first time), or s when it is null, long or the table full. */
    public static String label(String s) {
        if (s == null || s.length() > MAX_LENGTH) {
            return s;
        }
        String known = LABELS.get(s);
        if (known != null) {
            return known;
        }
        if (LABELS.size() >= MAX) {
            return s;
        }
        known = LABELS.putIfAbsent(s, s);
        return known != null ? known : s;
    }
}
