package dev.unravel.detect.steal;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.detect.SignalBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One subject's distinct items (repositories, files) per UTC day, and the busiest day so far: what
 * the harvest detectors compare with peers. State is one day's set (capped at {@link #MAX_PER_DAY},
 * far beyond any threshold) and at most {@link SignalBuilder#MAX_EVIDENCE} evidence references.
 */
class BusiestDay {

    /** A day's set stops growing here: the count is already far beyond any threshold. */
    static final int MAX_PER_DAY = 4096;

    long day = Long.MIN_VALUE;
    final Set<String> today = new HashSet<>();
    final List<EventRef> todayEvidence = new ArrayList<>();
    Instant todayLast;
    int bestCount;
    long bestDay;
    Instant bestDayLast;
    List<EventRef> bestEvidence = List.of();

    /** Counts {@code item} on the UTC day of {@code e}; true when it was new that day. */
    boolean add(Event e, String item) {
        long d = Math.floorDiv(e.time().getEpochSecond(), 86_400L);
        // Events arrive in time order within a small reorder window; one that belongs to the day
        // before the current one is counted in the current day rather than reopening a closed day.
        if (d > day) {
            closeDay();
            day = d;
        }
        if (today.size() >= MAX_PER_DAY || !today.add(item)) {
            return false;
        }
        todayLast = e.time();
        if (todayEvidence.size() < SignalBuilder.MAX_EVIDENCE && e.origin() != null) {
            todayEvidence.add(e.origin());
        }
        return true;
    }

    /** A busiest day: its count of distinct items, its UTC day, its last item's time and evidence. */
    record Best(int count, long day, Instant last, List<EventRef> evidence) {

        /** Days from {@code p}'s hire to this day (negative: before it), or null when either is unknown. */
        Long daysSinceHire(dev.unravel.detect.roster.Person p) {
            return p == null || p.hireDate() == null || last == null ? null
                    : java.time.temporal.ChronoUnit.DAYS.between(p.hireDate(), java.time.LocalDate.ofEpochDay(day));
        }
    }

    /**
     * The busiest day so far, the open one included, without closing it: what a detector's finish
     * compares, since finish may also come mid-stream and the open day then goes on.
     */
    Best best() {
        return todayIsBusiest() ? new Best(today.size(), day, todayLast, List.copyOf(todayEvidence))
                : new Best(bestCount, bestDay, bestDayLast, bestEvidence);
    }

    boolean todayIsBusiest() {
        return today.size() > bestCount;
    }

    void closeDay() {
        if (todayIsBusiest()) {
            Best b = best();
            bestCount = b.count();
            bestDay = b.day();
            bestDayLast = b.last();
            bestEvidence = b.evidence();
        }
        today.clear();
        todayEvidence.clear();
    }
}
