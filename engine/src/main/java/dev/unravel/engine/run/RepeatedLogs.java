package dev.unravel.engine.run;

import dev.unravel.core.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recognises a log event read twice: the same export in two folders, or two exports of one day
 * that overlap. Each copy would count again wherever detectors add up (a day's outbound bytes
 * doubled, a download count crossing its threshold), and in the evidence an analyst reads.
 *
 * <p>Events come in time order, so a copy comes among the events of the same instant: only those
 * are remembered, and an event is compared with them only when it shares that instant with
 * another. A copy is equal in every field (type, account, host, address, the whole record); where
 * it was read is not part of it. Two records a system wrote at the same instant differ in their own
 * id (Okta's uuid, Sysmon's record id, Zeek's uid, GitHub's document id), so they are not taken for
 * one. {@link Repeats} asks twice: as events arrive (files of a day merged by time: the same file twice),
 * and after the reorder window has put them in order (exports of two days that overlap at midnight,
 * whose copies arrive apart). A copy further apart than the reorder window is not recognised, and
 * is counted as late.
 */
final class RepeatedLogs {
    /** Events remembered at one instant: a burst beyond that is compared with its first part only. */
    static final int MAX_AT_ONE_INSTANT = 10_000;

    private long second = Long.MIN_VALUE;
    private int nano;
    /** The first event at the current instant, not yet hashed (most instants have one event). */
    private Event single;
    private final Map<Integer, List<Event>> byHash = new HashMap<>();
    private int remembered;
    private long repeated;

    /** Whether {@code e} is a copy of an event already passed on (it is then counted). */
    boolean repeated(Event e) {
        Instant t = e.time();
        if (t.getEpochSecond() != second || t.getNano() != nano) {
            second = t.getEpochSecond();
            nano = t.getNano();
            single = e;
            if (remembered > 0) {
                byHash.clear();
                remembered = 0;
            }
            return false;
        }
        if (single != null) {
            remember(single, hash(single));
            single = null;
        }
        int h = hash(e);
        List<Event> same = byHash.get(h);
        if (same != null) {
            for (Event o : same) {
                if (copy(o, e)) {
                    repeated++;
                    return true;
                }
            }
        }
        if (remembered < MAX_AT_ONE_INSTANT) {
            remember(e, h);
        }
        return false;
    }

    /** Copies recognised and not passed on. */
    long repeated() {
        return repeated;
    }

    private void remember(Event e, int h) {
        byHash.computeIfAbsent(h, k -> new ArrayList<>(1)).add(e);
        remembered++;
    }

    private static int hash(Event e) {
        return Objects.hash(e.type(), e.user(), e.host(), e.sourceIp()) * 31 + e.document().hashCode();
    }

    private static boolean copy(Event a, Event b) {
        return a.type().equals(b.type()) && a.source().equals(b.source()) && Objects.equals(a.user(), b.user())
                && Objects.equals(a.host(), b.host()) && Objects.equals(a.sourceIp(), b.sourceIp())
                && a.logSource().equals(b.logSource()) && a.document().equals(b.document());
    }
}
