package dev.unravel.detect.hours;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.PushedCommits;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.Person;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;

/**
 * The clock a worker's commits were written on, against the worker's declared time zone. Git
 * records each commit's time with the UTC offset of the computer it was made on, and GitHub's push
 * webhook passes it on ({@code "timestamp": "2026-03-03T10:31:07+09:00"}): an operator who commits
 * from their own machine in China or Korea, with a token or a key of the worker's, writes +08:00 or
 * +09:00 into the company's history, whatever the laptop in the United States says.
 *
 * <p>Counted per worker: the days on which they committed, and those on which a commit's offset was
 * {@code min_distance_hours} (4) or more from their declared zone's offset at that moment. One such
 * day is what a trip looks like and gives a weak signal; {@code consistent_days} (3) or more that are
 * at least {@code min_foreign_share} (0.5) of their commit days, reaching over more than a week
 * ({@code consistent_span_days}, 8, from the first to the latest: longer than a business trip),
 * give the strong one, stronger for UTC+8/+9 against a zone in the Americas. Commits in UTC are left out (CI runners, containers and
 * many servers commit in UTC, so +00:00 says nothing), as are commits made on github.com (its web
 * editor) and commits already pushed elsewhere ({@code distinct: false}). A commit is the worker's
 * when its author's GitHub login or email is one of their accounts, or, with neither known, when
 * they pushed it and its author email is the pusher's or the personal email HR holds for them. Settings: {@code min_distance_hours},
 * {@code consistent_days}, {@code min_foreign_share}, {@code consistent_span_days}, {@code single_strength} (0.15),
 * {@code consistent_strength} (0.4), {@code asian_day_strength} (0.55), {@code max_workers}.
 */
public final class CommitTimeZoneDetector implements Detector {

    public static final String ID = "hours.commit-time-zone";

    private Settings settings;
    private PerEntity<String, Committer> committers;

    /** One worker's commit days, near their declared zone and far from it. */
    static final class Committer {
        long lastDay = Long.MIN_VALUE;
        long lastForeignDay = Long.MIN_VALUE;
        long firstForeignDay = Long.MIN_VALUE;
        int days;
        int foreignDays;
        Event firstForeign;
        String firstForeignTime;
        int firstForeignOffset;
        boolean singleReported;
        boolean consistentReported;
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
        return "GitHub or GitLab push webhooks (github-webhook, gitlab-webhook) with HR time zones";
    }

    @Override
    public String description() {
        return "A worker's commits written on a clock far from their declared time zone (the UTC offset of each "
                + "commit in GitHub's or GitLab's push webhooks)";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(PushedCommits.TYPE);
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        committers = ctx.state(settings.integer("max_workers", 200_000));
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        Pusher pusher = new Pusher(text(e.document().get("pusher"), "email"), PushedCommits.pusher(e, ctx));
        PushedCommits.each(e, ctx, (push, commit) -> commit(push, commit, pusher, ctx));
    }

    /** Who pushed: the account's email as the push gives it, and the worker (null when unknown). */
    private record Pusher(String email, String worker) {
    }

    private void commit(Event e, Map<?, ?> commit, Pusher pusher, DetectorContext ctx) {
        if (Boolean.FALSE.equals(commit.get("distinct"))) {
            return; // pushed before, to another branch: counted then
        }
        if (!(commit.get("timestamp") instanceof String stamp)) {
            ctx.skipped("commit without a time");
            return;
        }
        OffsetDateTime written;
        try {
            written = OffsetDateTime.parse(stamp.strip());
        } catch (DateTimeParseException ex) {
            ctx.skipped("commit time not readable");
            return;
        }
        int offset = written.getOffset().getTotalSeconds() / 60;
        if (offset == 0) {
            ctx.skipped("commit time in UTC (says nothing of where it was written)");
            return;
        }
        if ("noreply@github.com".equalsIgnoreCase(text(commit.get("committer"), "email"))) {
            ctx.skipped("commit made on github.com");
            return;
        }
        String workerId = author(commit, pusher, ctx);
        if (workerId == null) {
            ctx.skipped("commit author not tied to a worker");
            return;
        }
        Person worker = ctx.roster().worker(workerId);
        ZoneId declaredZone = worker == null ? null : worker.timeZone();
        if (declaredZone == null) {
            ctx.skipped("worker without a declared time zone");
            return;
        }
        Instant at = written.toInstant();
        int declared = Clocks.offsetMinutes(declaredZone, at);
        boolean foreign = Clocks.distance(offset, declared) >= settings.number("min_distance_hours", 4) * 60;
        Committer c = committers.get(workerId, k -> new Committer());
        long day = Math.floorDiv(at.getEpochSecond(), 86_400);
        if (day != c.lastDay) {
            // commits come in push order, mostly by day; a day seen again out of order may count twice,
            // which only makes the share a little less sure in either direction
            c.lastDay = day;
            c.days++;
        }
        if (!foreign) {
            return;
        }
        if (day != c.lastForeignDay) {
            c.lastForeignDay = day;
            c.foreignDays++;
        }
        if (c.firstForeign == null) {
            c.firstForeignDay = day;
            c.firstForeign = e.envelope();
            c.firstForeignTime = stamp.strip();
            c.firstForeignOffset = offset;
        }
        boolean asian = Clocks.asianDayAgainstAmericas(offset, declared);
        if (!c.consistentReported && c.foreignDays >= settings.integer("consistent_days", 3)
                && c.foreignDays >= settings.number("min_foreign_share", 0.5) * c.days
                && day - c.firstForeignDay + 1 >= settings.integer("consistent_span_days", 8)) {
            c.consistentReported = true;
            double strength = asian ? settings.number("asian_day_strength", 0.55)
                    : settings.number("consistent_strength", 0.4);
            Event[] evidence = c.firstForeign == e.envelope() ? new Event[] {e} : new Event[] {c.firstForeign, e};
            ctx.signal(ID, EntityRef.worker(workerId)).stage(Stage.ACCESS).strength(strength).at(e.time())
                    .evidence(evidence)
                    .because(worker.name() + "'s commits were written on a clock at " + Clocks.utc(offset) + " on "
                            + c.foreignDays + " of the " + c.days + " days they committed (first " + c.firstForeignTime
                            + "), while they are declared in " + declaredZone + " (" + Clocks.utc(declared) + " then): the "
                            + "code is being written " + Clocks.hoursApart(offset - declared)
                            + (asian ? ", as the scheme's operators in North Korea or China do." : "."))
                    .emit();
        } else if (!c.singleReported && !c.consistentReported) {
            c.singleReported = true;
            double strength = settings.number("single_strength", 0.15) + (asian ? 0.1 : 0);
            ctx.signal(ID, EntityRef.worker(workerId)).stage(Stage.ACCESS).strength(strength).at(e.time())
                    .evidence(e)
                    .because("A commit by " + worker.name() + " was written at " + stamp.strip() + ", on a clock at "
                            + Clocks.utc(offset) + ", while they are declared in " + declaredZone + " (" + Clocks.utc(declared)
                            + " then), " + Clocks.hoursApart(offset - declared) + "; a trip would look the same.")
                    .emit();
        }
    }

    /** The worker who wrote a commit: its author's login, then email; else the pusher, when the emails agree. */
    private static String author(Map<?, ?> commit, Pusher pusher, DetectorContext ctx) {
        Object author = commit.get("author");
        String login = text(author, "username");
        String w = ctx.roster().workerIdOfAccount(login);
        if (w != null) {
            return w;
        }
        String email = text(author, "email");
        w = ctx.roster().workerIdOfAccount(email);
        if (w != null || login != null) {
            return w; // a login of someone else (a colleague's commit in the push) stays theirs
        }
        if (email == null) {
            return null;
        }
        if (email.equalsIgnoreCase(pusher.email())) {
            return pusher.worker();
        }
        // many write their personal address into git's configuration: the pusher's own, as HR holds it
        Person p = pusher.worker() == null ? null : ctx.roster().worker(pusher.worker());
        return p != null && p.personalEmail() != null && p.personalEmail().equals(
                dev.unravel.detect.roster.Normalise.email(email)) ? pusher.worker() : null;
    }

    private static String text(Object map, String key) {
        return PushedCommits.text(map, key);
    }

}
