package dev.unravel.detect.access;

import dev.unravel.detect.EndpointEvents;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.roster.Person;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A worker's account used after HR recorded the end of their employment: a sign-in (Okta, Entra ID,
 * Duo), GitHub activity (a clone, a download, a token at work), Microsoft 365 activity, or a
 * Windows logon or process started by their account (the laptop kept, and used with cached
 * credentials that no identity provider sees). Only the account counts, never the device alone: a
 * returned laptop that IT reimages runs under other accounts. In the scheme, an operator who is
 * fired keeps what access the offboarding missed and uses it to take more before the extortion
 * email; for any company it means offboarding failed. One signal per worker, with the first few
 * uses as evidence.
 *
 * <p>The last day is theirs: uses count from the day after the termination date, and only after
 * {@code grace_hours} (default 12) of that day in UTC, so that a US evening on the last day is
 * not counted. Someone hired again after the termination is not counted. Only successful uses make
 * a signal, stronger when code or files were taken: failed sign-ins alone are what a leaver's phone
 * does for weeks with a mail account that was disabled, and are only told beside successful ones.
 */
public final class AccessAfterTermination implements Detector {

    public static final String ID = "access.after-termination";

    /**
     * Sign-ins and GitHub activity as the other access detectors read them, Microsoft 365 audit
     * records, and a Windows account's logons and process starts.
     */
    static final Set<String> TYPES;

    /** Events on a computer, by the account that acted: no address, no outcome to read. */
    private static final Set<String> ON_DEVICE = EndpointEvents.types(EndpointEvents.Kind.LOGON,
            EndpointEvents.Kind.PROCESS);

    static {
        Set<String> types = new HashSet<>(SignIn.TYPES);
        types.remove(dev.unravel.detect.intel.IntelFeed.RANGE_EVENT); // the sign-in detectors' intelligence feed
        types.add("m365.");
        types.addAll(ON_DEVICE);
        TYPES = Set.copyOf(types);
    }

    /** Activity that takes code or files, as the source names it. */
    private static final Set<String> TAKING = Set.of("git.clone", "git.fetch", "repo.download_zip",
            "m365.FileDownloaded", "m365.FileSyncDownloadedFull", "m365.FileCopied");

    private Duration grace;
    private PerEntity<String, Uses> workers;

    /** What one former worker's account did after they left. */
    static final class Uses {
        int succeeded;
        int failed;
        int taking;
        Instant first;
        Instant last;
        final Set<String> sources = new TreeSet<>();
        final Set<String> devices = new TreeSet<>();
        final List<Event> succeededExamples = new ArrayList<>();
        final List<Event> failedExamples = new ArrayList<>();

        /** The first few successful uses, which the finding rests on, then failed ones: five at most. */
        Event[] evidence() {
            List<Event> out = new ArrayList<>(succeededExamples);
            out.addAll(failedExamples.subList(0, Math.min(failedExamples.size(), EXAMPLES - out.size())));
            return out.toArray(new Event[0]);
        }
    }

    private static final int EXAMPLES = 5;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "HR terminations, with sign-ins, GitHub, Microsoft 365 or Windows logons (Windows auditing, Defender for "
                + "Endpoint, CrowdStrike Falcon) after them";
    }

    @Override
    public String description() {
        return "a worker's account used after HR recorded their termination (sign-ins, GitHub, Microsoft 365, "
                + "Windows logons and processes), from the day after it";
    }

    @Override
    public Set<String> eventTypes() {
        return TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        grace = Duration.ofHours(ctx.settings().integer("grace_hours", 12));
        workers = ctx.state(ctx.settings().integer("max_workers", 200_000));
    }

    @Override
    public void onEvent(Event event, DetectorContext ctx) {
        if (event.user() == null) {
            return;
        }
        String workerId = ctx.roster().workerIdOfAccount(event.user()); // the account, never the device alone
        Person p = ctx.roster().worker(workerId);
        Instant after = p == null ? null : cutOff(p, grace);
        if (after == null || event.time().isBefore(after)) {
            return; // most events
        }
        // Any use counts, from any address: a leaver's token at work on a cloud server is offboarding
        // missed too, so the sign-in detectors' reading (which leaves automation out) is not used.
        boolean success = event.type().startsWith("m365.") ? !event.type().equals("m365.UserLoginFailed")
                : SignIn.succeeded(event);
        Uses u = workers.get(workerId, k -> new Uses());
        if (ON_DEVICE.contains(event.type()) && event.host() != null && u.devices.size() < EXAMPLES) {
            u.devices.add(event.host());
        }
        if (success) {
            u.succeeded++;
        } else {
            u.failed++;
        }
        if (success && TAKING.contains(event.type())) {
            u.taking++;
        }
        u.first = u.first == null || event.time().isBefore(u.first) ? event.time() : u.first;
        u.last = u.last == null || event.time().isAfter(u.last) ? event.time() : u.last;
        u.sources.add(event.source());
        List<Event> examples = success ? u.succeededExamples : u.failedExamples;
        if (examples.size() < EXAMPLES) {
            examples.add(event.envelope());
        }
    }

    /**
     * When uses stop being the worker's own: the termination date's next day, {@code grace} into it
     * (UTC); null when they have not left, or were hired again after leaving.
     */
    static Instant cutOff(Person p, Duration grace) {
        LocalDate left = p.terminationDate();
        if (left == null || p.hireDate() != null && p.hireDate().isAfter(left)) {
            return null;
        }
        return left.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(grace);
    }

    @Override
    public void finish(DetectorContext ctx) {
        for (var entry : workers.entries()) {
            Uses u = entry.getValue();
            if (u.succeeded == 0) {
                continue;
            }
            Person p = ctx.roster().worker(entry.getKey());
            double strength = u.taking > 0 ? 0.75 : 0.6;
            long days = Duration.between(p.terminationDate().atStartOfDay(ZoneOffset.UTC).toInstant(), u.first)
                    .toDays();
            StringBuilder why = new StringBuilder();
            why.append(p.name()).append(" left on ").append(p.terminationDate())
                    .append(p.terminationReason() == null ? "" : " (" + p.terminationReason() + ")")
                    .append(", but their account was ");
            why.append("used ").append(times(u.succeeded)).append(" after that");
            if (u.taking > 0) {
                why.append(", ").append(times(u.taking)).append(" to take code or files");
            }
            if (u.failed > 0) {
                why.append(", and tried ").append(times(u.failed)).append(" more without success");
            }
            why.append(" (").append(String.join(", ", u.sources))
                    .append(u.devices.isEmpty() ? "" : "; on " + String.join(", ", u.devices)).append("), from ")
                    .append(days)
                    .append(days == 1 ? " day" : " days").append(" after they left until ").append(u.last)
                    .append(". Their access should have ended with their employment.");
            ctx.signal(ID, EntityRef.worker(entry.getKey())).stage(Stage.ACCESS).technique("T1078")
                    .strength(strength).at(u.first).evidence(u.evidence()).because(why.toString())
                    .emit();
        }
    }

    private static String times(int n) {
        return n == 1 ? "once" : n + " times";
    }
}
