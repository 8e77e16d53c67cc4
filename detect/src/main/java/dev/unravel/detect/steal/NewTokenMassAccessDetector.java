package dev.unravel.detect.steal;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.SignalBuilder;
import dev.unravel.detect.roster.Person;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A new credential followed by mass access to private repositories (ATT&amp;CK T1213.003 with
 * T1098.001, additional credentials), from the GitHub audit log: a fine-grained personal access
 * token created, requested for or granted access to the organisation
 * ({@code personal_access_token.create}, {@code .request_created}, {@code .access_granted}), an
 * OAuth application authorised or an OAuth token issued ({@code oauth_authorization.create},
 * {@code oauth_access.create}), or an SSH or deploy key added ({@code public_key.create}), then
 * within {@code window_hours} (default 24) clones, fetches or archive downloads of at least
 * {@code min_repos} (default 20) distinct private repositories. A new hire who makes a token on the
 * first day and clones the dozen repositories of their team stays below that.
 *
 * <p>When the access entries carry {@code hashed_token} (GitHub writes it for programmatic access),
 * only tokens first used after the credential was created are counted, so an old token's routine
 * fetches do not ride on a new key; entries without it are counted, because the new credential may
 * be the one used. One signal per credential ({@code user_programmatic_access_id} or name, OAuth
 * application, key fingerprint), emitted when its window closes.
 *
 * <p>Settings: {@code window_hours} (24), {@code min_repos} (20), {@code new_hire_days} (30),
 * {@code strength} (0.5), {@code new_hire_strength} (0.65), {@code excluded_actors} (logins of
 * IT and automation accounts), {@code max_workers} (500,000).
 */
public final class NewTokenMassAccessDetector implements Detector {

    static final Set<String> CREDENTIAL_TYPES = Set.of("personal_access_token.create",
            "personal_access_token.request_created", "personal_access_token.access_granted",
            "oauth_authorization.create", "oauth_access.create", "public_key.create");

    static final Set<String> EVENT_TYPES;

    static {
        Set<String> all = new HashSet<>(CREDENTIAL_TYPES);
        all.addAll(RepoHarvestDetector.EVENT_TYPES);
        EVENT_TYPES = Set.copyOf(all);
    }

    public static final String ID = "steal.new-token-mass-access";

    /** Credentials followed at once per worker: beyond this the oldest window is closed early. */
    static final int MAX_OPEN_GRANTS = 4;
    /** Tokens remembered per worker to tell a new token from an old one. */
    static final int MAX_KNOWN_TOKENS = 64;
    static final int MAX_REPOS = 4096;

    private Settings settings;
    private Duration window;
    private int minRepos;
    private Set<String> excludedActors;
    private PerEntity<EntityRef, Worker> workers;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "tokens, keys and clones in the GitHub audit log";
    }

    @Override
    public String description() {
        return "A new access token, OAuth authorisation or SSH key followed within a day by clones of many private "
                + "repositories";
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        window = Duration.ofMinutes(Math.round(settings.number("window_hours", 24) * 60));
        minRepos = settings.integer("min_repos", 20);
        excludedActors = settings.names("excluded_actors");
        workers = ctx.state(settings.integer("max_workers", 500_000));
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        if (CREDENTIAL_TYPES.contains(e.type())) {
            credential(e, ctx);
        } else {
            access(e, ctx);
        }
    }

    private void credential(Event e, DetectorContext ctx) {
        String owner = owner(e);
        if (owner == null) {
            ctx.skipped("credential entry without an actor");
            return;
        }
        if (excluded(owner, e)) {
            return;
        }
        EntityRef subject = subject(owner, ctx);
        Worker w = workers.get(subject, k -> new Worker());
        close(w, subject, e.time(), ctx);
        String key = e.type().substring(0, e.type().indexOf('.')) + ":" + credentialKey(e);
        if (w.reported.contains(key)) {
            return;
        }
        for (Grant g : w.open) {
            if (g.key.equals(key)) {
                return; // a request and its approval are one token
            }
        }
        if (w.open.size() >= MAX_OPEN_GRANTS) {
            emitIfMass(w, w.open.remove(0), subject, ctx);
        }
        w.open.add(new Grant(key, describe(e), e.time(), e.origin()));
    }

    private void access(Event e, DetectorContext ctx) {
        if (!(e.field("repository_public") instanceof Boolean isPublic) || isPublic) {
            return; // RepoHarvestDetector counts accesses it cannot classify
        }
        if (!(e.field("repo") instanceof String repo) || repo.isBlank() || e.user() == null) {
            return;
        }
        EntityRef subject = subject(e.user(), ctx);
        // Followed even before any credential appears, so that a token in use before a new
        // credential is known to be an old one.
        Worker w = workers.get(subject, k -> new Worker());
        close(w, subject, e.time(), ctx);
        String token = e.field("hashed_token") instanceof String t && !t.isBlank() ? t : null;
        Instant firstUse = null;
        if (token != null) {
            firstUse = w.tokens.get(token);
            if (firstUse == null) {
                firstUse = e.time();
                if (w.tokens.size() >= MAX_KNOWN_TOKENS) {
                    Iterator<String> oldest = w.tokens.keySet().iterator();
                    oldest.next();
                    oldest.remove();
                }
                w.tokens.put(token, firstUse);
            }
        }
        for (Grant g : w.open) {
            // a token in use before this credential existed is not the new one
            if (e.time().isBefore(g.created) || (firstUse != null && firstUse.isBefore(g.created))) {
                continue;
            }
            if (g.repos.size() < MAX_REPOS && g.repos.add(repo)) {
                g.last = e.time();
                g.tiedByToken |= token != null;
                if (g.evidence.size() < SignalBuilder.MAX_EVIDENCE - 1 && e.origin() != null) {
                    g.evidence.add(e.origin());
                }
            }
        }
    }

    @Override
    public void finish(DetectorContext ctx) {
        for (Map.Entry<EntityRef, Worker> en : workers.entries()) {
            // The windows still open end here; they stay open (finish may come again, mid-stream).
            for (Grant g : en.getValue().open) {
                if (g.repos.size() >= minRepos) {
                    emit(g, en.getKey(), ctx);
                }
            }
        }
    }

    /** Closes this worker's windows that ended before {@code now}. */
    private void close(Worker w, EntityRef subject, Instant now, DetectorContext ctx) {
        for (Iterator<Grant> it = w.open.iterator(); it.hasNext();) {
            Grant g = it.next();
            if (now.isAfter(g.created.plus(window))) {
                emitIfMass(w, g, subject, ctx);
                it.remove();
            }
        }
    }

    private void emitIfMass(Worker w, Grant g, EntityRef subject, DetectorContext ctx) {
        if (g.repos.size() < minRepos) {
            return;
        }
        if (w.reported.size() >= MAX_OPEN_GRANTS * 16) {
            w.reported.remove(w.reported.iterator().next());
        }
        w.reported.add(g.key);
        emit(g, subject, ctx);
    }

    private void emit(Grant g, EntityRef subject, DetectorContext ctx) {
        Person p = subject.kind() == EntityRef.Kind.WORKER ? ctx.roster().worker(subject.value()) : null;
        Long days = p == null || p.hireDate() == null ? null
                : ChronoUnit.DAYS.between(p.hireDate(), LocalDate.ofInstant(g.created, ZoneOffset.UTC));
        boolean newHire = days != null && days >= 0 && days <= settings.integer("new_hire_days", 30);
        double strength = newHire ? settings.number("new_hire_strength", 0.65) : settings.number("strength", 0.5);
        // Twice the minimum and beyond reads as taking everything.
        strength += Math.min(0.15, 0.15 * ((double) g.repos.size() / minRepos - 1));
        long minutes = Duration.between(g.created, g.last).toMinutes();
        String within = minutes < 90 ? minutes + " minutes" : Math.round(minutes / 60.0) + " hours";
        String when = !newHire ? "" : days == 0 ? " on their first day" : " " + days + " days after starting";
        List<EventRef> evidence = new ArrayList<>();
        if (g.origin != null) {
            evidence.add(g.origin);
        }
        evidence.addAll(g.evidence);
        ctx.signal(ID, subject).stage(Stage.STEAL).technique("T1213.003").strength(Math.min(1, strength))
                .at(g.last).evidence(evidence)
                .because("This worker created " + g.description + when + " and within " + within + " "
                        + (g.tiedByToken ? "used a new credential to copy " : "copied ") + g.repos.size()
                        + " private code repositories.")
                .emit();
    }

    /** The account whose credential this is: an approval is written by the approver, about the owner. */
    private static String owner(Event e) {
        if ("personal_access_token.access_granted".equals(e.type()) && e.field("user") instanceof String u
                && !u.isBlank()) {
            return u;
        }
        return e.user();
    }

    private boolean excluded(String login, Event e) {
        String l = login.toLowerCase(java.util.Locale.ROOT);
        return excludedActors.contains(l) || l.endsWith("[bot]") || Boolean.TRUE.equals(e.field("actor_is_bot"));
    }

    private static EntityRef subject(String login, DetectorContext ctx) {
        String worker = ctx.roster().workerIdOfAccount(login);
        return worker != null ? EntityRef.worker(worker) : new EntityRef(EntityRef.Kind.ACCOUNT, login);
    }

    private static String credentialKey(Event e) {
        // The name first: the creation entry has only the name, the request and approval the name and id.
        for (String f : new String[] {"user_programmatic_access_name", "user_programmatic_access_id", "fingerprint",
            "oauth_application_id", "oauth_application_name", "token_id", "_document_id"}) {
            Object v = e.field(f);
            if (v != null && !v.toString().isBlank()) {
                return f + "=" + v;
            }
        }
        return e.time().toString();
    }

    /** "a personal access token (\"ci-mirror\")", in words a reader knows. */
    private static String describe(Event e) {
        String kind;
        String name;
        if (e.type().startsWith("personal_access_token.")) {
            kind = "a personal access token";
            name = text(e, "user_programmatic_access_name");
        } else if (e.type().startsWith("public_key.")) {
            kind = "a new SSH key";
            name = text(e, "title");
        } else {
            kind = "an authorisation for an outside application";
            name = text(e, "oauth_application_name");
        }
        return name == null ? kind : kind + " (\"" + name + "\")";
    }

    private static String text(Event e, String field) {
        return e.field(field) instanceof String s && !s.isBlank() ? s : null;
    }

    /** One credential being followed. */
    static final class Grant {
        final String key;
        final String description;
        final Instant created;
        final EventRef origin;
        final Set<String> repos = new HashSet<>();
        final List<EventRef> evidence = new ArrayList<>();
        Instant last;
        boolean tiedByToken;

        Grant(String key, String description, Instant created, EventRef origin) {
            this.key = key;
            this.description = description;
            this.created = created;
            this.origin = origin;
            this.last = created;
        }
    }

    /** One worker's open credentials, reported credentials and the tokens seen in use. */
    static final class Worker {
        final List<Grant> open = new ArrayList<>();
        final Set<String> reported = new java.util.LinkedHashSet<>();
        final LinkedHashMap<String, Instant> tokens = new LinkedHashMap<>();
    }
}
