package dev.unravel.server;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Slows password guessing: after {@value #FAILURES} failed sign-ins for a name within
 * {@value #WINDOW_MINUTES} minutes, that name cannot sign in until the oldest failure ages out;
 * after {@value #ADDRESS_FAILURES} failed sign-ins from one address, whatever the names, nobody
 * can sign in from it until its oldest failure ages out — password spraying tries one password
 * on many names, which the limit per name never sees. The address is the client's as the console
 * sees it: behind a reverse proxy, only with {@code --trusted-proxy} is that the client and not
 * the proxy. Bounded: the names and addresses seen least recently are forgotten past
 * {@value #KEYS} of each.
 */
final class LoginThrottle {

    static final int FAILURES = 5;
    static final int ADDRESS_FAILURES = 20;
    static final int WINDOW_MINUTES = 15;
    static final int KEYS = 10_000;
    private static final long WINDOW_NANOS = WINDOW_MINUTES * 60L * 1_000_000_000L;

    private final Failures byName = new Failures(FAILURES);
    private final Failures byAddress = new Failures(ADDRESS_FAILURES);

    /** Minutes until {@code name} may try again, or 0 when it may now. */
    synchronized long blockedMinutes(String name, long nowNanos) {
        return byName.blockedMinutes(key(name), nowNanos);
    }

    /** Minutes until anyone may try again from {@code address}, or 0 when they may now. */
    synchronized long addressBlockedMinutes(String address, long nowNanos) {
        return address == null ? 0 : byAddress.blockedMinutes(address, nowNanos);
    }

    synchronized void failed(String name, String address, long nowNanos) {
        byName.add(key(name), nowNanos);
        if (address != null) {
            byAddress.add(address, nowNanos);
        }
    }

    /** A right password clears its name's failures; its address's stay, as a spray's one success would clear them. */
    synchronized void succeeded(String name) {
        byName.failures.remove(key(name));
    }

    private static String key(String name) {
        return name == null ? "" : name.toLowerCase(Locale.ROOT);
    }

    /** The times of the last {@code limit} failures per key, the keys least recently seen forgotten first. */
    private static final class Failures {
        final int limit;
        final Map<String, Deque<Long>> failures = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<Long>> eldest) {
                return size() > KEYS;
            }
        };

        Failures(int limit) {
            this.limit = limit;
        }

        long blockedMinutes(String key, long nowNanos) {
            Deque<Long> seen = failures.get(key);
            if (seen == null) {
                return 0;
            }
            while (!seen.isEmpty() && nowNanos - seen.peekFirst() > WINDOW_NANOS) {
                seen.pollFirst();
            }
            if (seen.size() < limit) {
                return 0;
            }
            long left = WINDOW_NANOS - (nowNanos - seen.peekFirst());
            return Math.max(1, (left + 59_999_999_999L) / 60_000_000_000L);
        }

        void add(String key, long nowNanos) {
            Deque<Long> seen = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
            seen.addLast(nowNanos);
            while (seen.size() > limit) {
                seen.pollFirst();
            }
        }
    }
}
