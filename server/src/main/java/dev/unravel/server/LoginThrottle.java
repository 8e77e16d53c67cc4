package dev.unravel.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing: after {@value #FAILURES} failed sign-ins for a name within
 * {@value #WINDOW_MINUTES} minutes, that name cannot sign in until the oldest failure ages out.
 * Bounded: the names seen least recently are forgotten past {@value #NAMES}.
 */
final class LoginThrottle {

    static final int FAILURES = 5;
    static final int WINDOW_MINUTES = 15;
    static final int NAMES = 10_000;
    private static final long WINDOW_NANOS = WINDOW_MINUTES * 60L * 1_000_000_000L;

    private final Map<String, Deque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
            return size() > NAMES;
        }
    };

    /** Minutes until {@code name} may try again, or 0 when it may now. */
    synchronized long blockedMinutes(String name, long nowNanos) {
        Deque<Long> seen = failures.get(key(name));
        if (seen == null) {
            return 0;
        }
        while (!seen.isEmpty() && nowNanos - seen.peekFirst() > WINDOW_NANOS) {
            seen.pollFirst();
        }
        if (seen.size() < FAILURES) {
            return 0;
        }
        long left = WINDOW_NANOS - (nowNanos - seen.peekFirst());
        return Math.max(1, (left + 59_999_999_999L) / 60_000_000_000L);
    }

    synchronized void failed(String name, long nowNanos) {
        failures.computeIfAbsent(key(name), k -> new ArrayDeque<>()).addLast(nowNanos);
        Deque<Long> seen = failures.get(key(name));
        while (seen.size() > FAILURES) {
            seen.pollFirst();
        }
    }

    synchronized void succeeded(String name) {
        failures.remove(key(name));
    }

    private static String key(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }
}
