package dev.unravel.detect.steal;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.Person;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A company repository put where the company no longer controls it (ATT&amp;CK T1537, transfer
 * to an account the actor controls), from the GitHub audit log as GitHub writes it:
 * <ul>
 * <li>{@code repo.transfer_outgoing} ("a repository was transferred to another repository
 * network", with {@code new_nwo}, the new owner/name), {@code repo.transfer} (a transfer accepted,
 * with {@code repo_was}) whose new owner is not the organisation, and {@code repo.transfer_start}
 * (a transfer requested, destination not yet known);</li>
 * <li>{@code repo.access} ("the visibility of a repository changed", {@code visibility} and
 * {@code previous_visibility}) from private or internal to public;</li>
 * <li>{@code private_repository_forking.enable} on one repository: GitHub's organisation log does
 * not record the forks themselves, so allowing private forks is the trace that a copy into a
 * personal account is being prepared.</li>
 * </ul>
 * A repository that was already public ({@code visibility: public} on a transfer, or
 * {@code previous_visibility: public}) exposes nothing and is not reported. One signal per
 * repository and kind of exposure (a request and the completed transfer are two kinds); a new hire (within {@code new_hire_days}, default 30) is the
 * strong case, because the scheme takes the code within days of starting.
 *
 * <p>Settings: {@code excluded_actors} (logins of IT and admin accounts and bots whose moves are
 * routine, case-insensitive; accounts ending in {@code [bot]} or marked {@code actor_is_bot} are
 * always excluded), {@code new_hire_days} (30), {@code strength} (0.5),
 * {@code new_hire_strength} (0.75), {@code request_strength} (0.35, plus 0.15 for a new hire) for a
 * transfer requested but not seen completing, {@code forking_strength} (0.3, plus 0.1).
 */
public final class RepoExposureDetector implements Detector {

    static final Set<String> EVENT_TYPES = Set.of("repo.transfer", "repo.transfer_outgoing", "repo.transfer_start",
            "repo.access", "private_repository_forking.enable");

    public static final String ID = "steal.repo-exposure";

    private Settings settings;
    private Set<String> excludedActors;
    /** Subject and repository and kind already reported: a transfer writes two or three entries. */
    private PerEntity<String, Boolean> reported;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "repository transfers and visibility changes in the GitHub audit log";
    }

    @Override
    public String description() {
        return "Private repositories transferred out of the organisation, made public, or opened to private forks";
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        excludedActors = settings.names("excluded_actors");
        reported = ctx.state(settings.integer("max_reported", 100_000));
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        String repo = text(e, "repo");
        if (repo == null) {
            ctx.skipped("repository change without a repository name");
            return;
        }
        if (e.user() == null) {
            ctx.skipped("repository change without an actor");
            return;
        }
        if (isExcluded(e)) {
            return;
        }
        Exposure exposure = exposure(e, repo);
        if (exposure == null) {
            return;
        }
        EntityRef subject = RepoHarvestDetector.subject(e, ctx);
        String key = subject + " " + repo.toLowerCase(Locale.ROOT) + " " + exposure.kind;
        if (reported.peek(key) != null) {
            return;
        }
        reported.put(key, Boolean.TRUE);
        Long days = daysSinceHire(subject, e, ctx);
        boolean newHire = days != null && days >= 0 && days <= settings.integer("new_hire_days", 30);
        double strength = switch (exposure.kind) {
            // A request or an opened door is a step short of the copy leaving: weaker, still
            // stronger from someone who has just started.
            case FORKING -> settings.number("forking_strength", 0.3) + (newHire ? 0.1 : 0);
            case REQUEST -> settings.number("request_strength", 0.35) + (newHire ? 0.15 : 0);
            default -> newHire ? settings.number("new_hire_strength", 0.75) : settings.number("strength", 0.5);
        };
        String when = !newHire ? "" : days == 0 ? ", on their first day" : ", " + days + " days after starting";
        ctx.signal(ID, subject).stage(Stage.STEAL).technique("T1537").strength(Math.min(1, strength)).evidence(e)
                .because(exposure.sentence + when + ".")
                .emit();
    }

    private boolean isExcluded(Event e) {
        String login = e.user().toLowerCase(Locale.ROOT);
        return excludedActors.contains(login) || login.endsWith("[bot]") || Boolean.TRUE.equals(e.field("actor_is_bot"));
    }

    /** What the entry exposes, or null when it leaves the repository as private as it was. */
    private static Exposure exposure(Event e, String repo) {
        String org = text(e, "org");
        switch (e.type()) {
            case "repo.access" -> {
                String now = lower(text(e, "visibility"));
                String before = lower(text(e, "previous_visibility"));
                if (!"public".equals(now) || "public".equals(before)) {
                    return null;
                }
                return new Exposure(Kind.PUBLIC, "This worker made the company's " + (before == null ? "" : before + " ")
                        + "code repository " + repo + " public, so anyone on the Internet can copy it");
            }
            case "repo.transfer_outgoing", "repo.transfer" -> {
                if ("public".equals(lower(text(e, "visibility")))) {
                    return null;
                }
                // transfer_outgoing names the destination in new_nwo; an accepted transfer names
                // the source in repo_was and the destination in repo.
                String from = "repo.transfer".equals(e.type()) && text(e, "repo_was") != null ? text(e, "repo_was")
                        : repo;
                String to = "repo.transfer".equals(e.type()) ? repo : text(e, "new_nwo");
                String home = org != null ? org : owner(from);
                if (to == null || owner(to).equalsIgnoreCase(home)) {
                    return null; // a rename, a move inside the organisation, or a repository received
                }
                return new Exposure(Kind.TRANSFER, "This worker transferred the company's private code repository "
                        + from + " out of the organisation to " + to + ", an account the company does not control");
            }
            case "repo.transfer_start" -> {
                if ("public".equals(lower(text(e, "visibility")))) {
                    return null;
                }
                return new Exposure(Kind.REQUEST, "This worker asked GitHub to transfer the company's private code "
                        + "repository " + repo + " to another account");
            }
            case "private_repository_forking.enable" -> {
                return new Exposure(Kind.FORKING, "This worker allowed the company's private code repository " + repo
                        + " to be copied (forked) into personal accounts");
            }
            default -> {
                return null;
            }
        }
    }

    private static Long daysSinceHire(EntityRef subject, Event e, DetectorContext ctx) {
        Person p = subject.kind() == EntityRef.Kind.WORKER ? ctx.roster().worker(subject.value()) : null;
        return p == null ? null : p.daysSinceHire(e.time());
    }

    private static String owner(String nameWithOwner) {
        int slash = nameWithOwner.indexOf('/');
        return slash < 0 ? nameWithOwner : nameWithOwner.substring(0, slash);
    }

    private static String text(Event e, String field) {
        return e.field(field) instanceof String s && !s.isBlank() ? s : null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private enum Kind { TRANSFER, REQUEST, PUBLIC, FORKING }

    private record Exposure(Kind kind, String sentence) {
    }
}
