package dev.unravel.detect.hours;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.EndpointEvents;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.roster.Person;
import java.time.Instant;
import java.time.ZoneId;
import dev.unravel.detect.access.SignInEvents;
import java.util.Set;

/**
 * Each worker's activity by hour of day (UTC) from sign-ins, endpoint process activity and
 * code-platform events; the UTC offset whose working day (a 9-hour window starting at 08:00
 * local) holds the most activity is the offset the worker really keeps. A confident fit far from
 * the declared time zone is flagged, UTC+8/+9 against an American zone most strongly: the
 * scheme's operators work Chinese or Korean office hours.
 *
 * <p>Activity is counted once per worker per clock hour (a burst of 500 git fetches is one active
 * hour), so the histogram shows when someone works rather than how noisy a tool is. Night owls
 * stretch their day into the evening and travellers move for a few days: neither keeps a whole
 * working day many hours away, which is what the fit and its confidence require. State is an
 * {@code int[24]} and two counters per worker. Defaults: at least 70% of active hours inside the
 * fitted day, at most 25% inside the declared one, and 7 hours or more between them (a night owl
 * in New York fits about UTC-11, 6 hours from the declared UTC-5, and keeps a third of the
 * declared day).
 */
public final class WorkingHoursFingerprint implements Detector {

    public static final String ID = "hours.working-hours";
    static final int WINDOW_HOURS = 9;
    static final int DAY_STARTS_AT = 8;

    private PerEntity<String, Histogram> workers;

    static final class Histogram {
        final int[] byUtcHour = new int[24];
        /** The latest active hour (epoch hours) and, as bits, which of the 64 hours up to it were active. */
        long latestHour = Long.MIN_VALUE;
        long recentHours;
        long lastDay = Long.MIN_VALUE;
        int days;
        int hours;
        Event first;
        Event last;
        // their times as seconds and nanoseconds, compared without loading the events
        long firstSecond = Long.MAX_VALUE;
        int firstNano;
        long lastSecond = Long.MIN_VALUE;
        int lastNano;

        /**
         * Marks {@code hour} active; false when it already was. Events arrive in time order only
         * within a bounded lateness, so a late event up to 64 hours back is still recognised.
         */
        boolean markActive(long hour) {
            if (latestHour == Long.MIN_VALUE || hour > latestHour) {
                long gap = latestHour == Long.MIN_VALUE ? 64 : hour - latestHour;
                recentHours = gap >= 64 ? 1L : (recentHours << gap) | 1L;
                latestHour = hour;
                return true;
            }
            long back = latestHour - hour;
            if (back >= 64) {
                return true;
            }
            long bit = 1L << back;
            if ((recentHours & bit) != 0) {
                return false;
            }
            recentHours |= bit;
            return true;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    /** Clock findings are about how the accounts are used: the access stage. */
    @Override
    public Stage stage() {
        return Stage.ACCESS;
    }

    @Override
    public String needs() {
        return "sign-ins, VPN tunnels, GitHub activity and endpoint process starts (Sysmon, Windows, Defender for "
                + "Endpoint, CrowdStrike Falcon, osquery) with HR time zones";
    }

    @Override
    public String description() {
        return "a worker's active hours fit a working day in a time zone far from the declared one";
    }

    /** The endpoint agents' process starts, which count by the account that started them. */
    private static final Set<String> DEVICE_PROCESSES = EndpointEvents.types(EndpointEvents.Kind.PROCESS);

    /** Sign-ins of every source (a failed one is someone at work too), git activity, process starts. */
    private static final Set<String> TYPES = EndpointEvents.with(EndpointEvents.types(EndpointEvents.Kind.PROCESS),
            SignInEvents.with("git.", "repo.", "osquery."));

    @Override
    public Set<String> eventTypes() {
        return TYPES;
    }

    /**
     * osquery query names carry the pack's prefix ({@code pack_unravel_processes}); only process
     * results show a person at work, inventories (USB, programs) are scheduled snapshots.
     */
    private static boolean humanActivity(Event e) {
        return !"osquery".equals(e.source()) || e.type().endsWith("processes");
    }

    @Override
    public void start(DetectorContext ctx) {
        workers = ctx.state(ctx.settings().integer("max_workers", 200_000));
    }

    @Override
    public void onEvent(Event event, DetectorContext ctx) {
        if (!humanActivity(event)) {
            return;
        }
        String worker;
        if (DEVICE_PROCESSES.contains(event.type())) {
            // the person at work is the account that started it: the laptop's own services and
            // scheduled tasks (SYSTEM at 3 a.m., updates) run on the worker's laptop without them
            worker = ctx.roster().workerIdOfAccount(event.user());
            if (worker == null) {
                ctx.skipped("process not started by a worker's account");
                return;
            }
        } else {
            worker = ctx.roster().workerIdOf(event);
            if (worker == null) {
                ctx.skipped("activity not tied to a worker");
                return;
            }
        }
        Histogram h = workers.get(worker, k -> new Histogram());
        long hour = Math.floorDiv(event.time().getEpochSecond(), 3600);
        if (!h.markActive(hour)) {
            return;
        }
        h.byUtcHour[(int) Math.floorMod(hour, 24)]++;
        h.hours++;
        long day = Math.floorDiv(hour, 24);
        if (day > h.lastDay) {
            h.lastDay = day;
            h.days++;
        }
        long second = event.time().getEpochSecond();
        int nano = event.time().getNano();
        if (h.first == null || second < h.firstSecond || (second == h.firstSecond && nano < h.firstNano)) {
            h.first = event.envelope();
            h.firstSecond = second;
            h.firstNano = nano;
        }
        if (h.last == null || second > h.lastSecond || (second == h.lastSecond && nano > h.lastNano)) {
            h.last = event.envelope();
            h.lastSecond = second;
            h.lastNano = nano;
        }
    }

    @Override
    public void finish(DetectorContext ctx) {
        int minHours = ctx.settings().integer("min_active_hours", 24);
        int minDays = ctx.settings().integer("min_active_days", 4);
        double minFit = ctx.settings().number("min_fit", 0.7);
        double maxDeclaredFit = ctx.settings().number("max_declared_fit", 0.25);
        int minShift = ctx.settings().integer("min_shift_hours", 7);
        for (var entry : workers.entries()) {
            Histogram h = entry.getValue();
            Person p = ctx.roster().worker(entry.getKey());
            if (h.hours < minHours || h.days < minDays) {
                continue;
            }
            if (p == null || p.timeZone() == null) {
                ctx.skipped("worker without a declared time zone");
                continue;
            }
            int declared = declaredOffset(p.timeZone(), h.first.time());
            int best = bestOffset(h.byUtcHour);
            double bestFit = fit(h.byUtcHour, best, h.hours);
            double declaredFit = fit(h.byUtcHour, declared, h.hours);
            int shift = circularDistance(best, declared);
            if (bestFit < minFit || declaredFit > maxDeclaredFit || shift < minShift) {
                continue;
            }
            // Korean office hours seen from Los Angeles are 17:00-02:00, close to an evening shift;
            // seen from New York or Chicago they are the middle of the night. Closer fits weigh less.
            boolean asianDay = best >= 7 && best <= 10;
            double strength = shift >= 10 ? (asianDay ? 0.6 : 0.5) : shift >= 8 ? 0.4 : 0.3;
            String caveat = shift >= 10 ? "" : " An evening or night shift in the declared zone would look similar.";
            ctx.signal(ID, EntityRef.worker(entry.getKey())).stage(Stage.ACCESS).strength(strength)
                    .evidence(h.first, h.last)
                    .because(String.format("%s's working day fits UTC%s (%.0f%% of %d active hours fall between "
                            + "%02d:00 and %02d:00 there) rather than their declared %s (UTC%s, %.0f%%); hours "
                            + "active by UTC hour 0-23: %s.%s", p.name(), offset(best), bestFit * 100, h.hours,
                            DAY_STARTS_AT, DAY_STARTS_AT + WINDOW_HOURS, p.timeZone(), offset(declared),
                            declaredFit * 100, histogram(h.byUtcHour), caveat))
                    .emit();
        }
    }

    /** The UTC offset (-12..+14) whose 08:00–17:00 window holds the most activity. */
    static int bestOffset(int[] byUtcHour) {
        int best = 0;
        int bestCount = -1;
        for (int offset = -12; offset <= 14; offset++) {
            int c = inWindow(byUtcHour, offset);
            // Ties go to the offset nearest UTC, so a flat histogram gives no far-away fit.
            if (c > bestCount || c == bestCount && Math.abs(offset) < Math.abs(best)) {
                best = offset;
                bestCount = c;
            }
        }
        return best;
    }

    static double fit(int[] byUtcHour, int offset, int total) {
        return total == 0 ? 0 : (double) inWindow(byUtcHour, offset) / total;
    }

    private static int inWindow(int[] byUtcHour, int offset) {
        int sum = 0;
        for (int local = DAY_STARTS_AT; local < DAY_STARTS_AT + WINDOW_HOURS; local++) {
            sum += byUtcHour[Math.floorMod(local - offset, 24)];
        }
        return sum;
    }

    static int circularDistance(int a, int b) {
        int d = Math.floorMod(a - b, 24);
        return Math.min(d, 24 - d);
    }

    private static int declaredOffset(ZoneId zone, Instant at) {
        return Math.round(zone.getRules().getOffset(at).getTotalSeconds() / 3600f);
    }

    private static String offset(int hours) {
        return (hours >= 0 ? "+" : "") + hours;
    }

    private static String histogram(int[] byUtcHour) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            b.append(i == 0 ? "" : " ").append(byUtcHour[i]);
        }
        return b.toString();
    }
}
