package dev.unravel.detect.access;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.PushedCommits;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.Normalise;
import dev.unravel.detect.roster.Person;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One git identity writing the code several workers' accounts push. Git stamps each commit with the
 * name and email configured on the computer it was made on, and GitHub's push webhook passes them
 * on: an operator who works several hires from one machine pushes each hire's work under whatever
 * that machine says — often one hire's personal address, or the operator's own. So fresh commits,
 * written and committed under one identity, that two workers' accounts push, tie those workers to
 * one keyboard; an identity that is one worker's own (the personal email HR holds, or their GitHub
 * login or work email) pushed by another worker's account ties the two.
 *
 * <p>Only commits that say who wrote them on the machine they were written on count: the author's
 * email the committer's too (a rebase, a cherry-pick, {@code git am} or a merge on github.com puts
 * the one who did it in the committer), new to the repository ({@code distinct}), written at most
 * {@code max_commit_age_days} (7) before the push (a repository's history moved or mirrored carries
 * old commits of everyone), and not pushed by two of the workers (the same commit reaching two
 * repositories or branches is a colleague's work moving, not one keyboard). Bots' identities
 * ({@code [bot]}, GitHub's own addresses), the company's own addresses that are no worker's (a
 * release script's {@code release@}, a team's {@code build@}: the domain of a work email) and
 * households are left out. One finding per identity, on every worker it names: 0.5 when it is no
 * worker's own and two workers push under it, 0.6 from three; 0.55 (0.65 with two others) when it is
 * the personal email HR holds for one worker and others push under it, which nothing honest
 * explains; 0.4 (0.5) when it is a worker's GitHub login or work email, which a shared build or jump
 * host set up by them would also put in others' commits; at most 0.3 when every such commit of the
 * others was written on a UTC clock, as a server's (a build host, a container) are and people's
 * computers are not.
 * Settings: {@code max_commit_age_days}, {@code min_commits} (commits each push worker made under
 * it, 1), {@code max_identities}.
 */
public final class SharedCommitIdentity implements Detector {

    public static final String ID = "access.shared-commit-identity";
    /** Workers tracked per identity: a few is a finding, dozens a shared bot or mailbox. */
    private static final int MAX_PUSHERS = 32;
    /** Commit ids kept per identity and worker to tell one commit pushed twice from two commits. */
    private static final int RECENT_IDS = 64;

    private Settings settings;
    private PerEntity<String, Identity> identities;

    /** A git identity: the name and email a machine writes into its commits. */
    static final class Identity {
        String name;
        /** Normalised, as HR's personal emails are (Gmail's dots dropped …), and as the first commit wrote it. */
        String email;
        String written;
        String login;
        final Map<String, Pusher> pushers = new LinkedHashMap<>();
    }

    /** A worker whose account pushed fresh commits written under an identity. */
    static final class Pusher {
        Event first;
        int commits;
        /** Whether a commit was written on a clock other than UTC: a person's computer, not a server's. */
        boolean localClock;
        /** Hashes of the last commit ids, a ring. */
        final long[] recent = new long[RECENT_IDS];
        int recentCount;

        void add(long id) {
            recent[recentCount % RECENT_IDS] = id;
            recentCount++;
        }

        boolean has(long id) {
            for (int i = 0, n = Math.min(recentCount, RECENT_IDS); i < n; i++) {
                if (recent[i] == id) {
                    return true;
                }
            }
            return false;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "GitHub push webhooks (github-webhook), with HR records and the workers' GitHub logins";
    }

    @Override
    public String description() {
        return "one git identity (a commit's author and committer) in the fresh commits several workers' accounts push";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(PushedCommits.TYPE);
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        identities = ctx.state(settings.integer("max_identities", 200_000));
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        if (!(e.document().get("commits") instanceof List<?>)) {
            return;
        }
        String pusher = PushedCommits.pusher(e, ctx);
        if (pusher == null) {
            ctx.skipped("push by no known worker");
            return;
        }
        PushedCommits.each(e, ctx, (push, commit) -> commit(push, commit, pusher, ctx));
    }

    private void commit(Event e, Map<?, ?> commit, String pusher, DetectorContext ctx) {
        if (Boolean.FALSE.equals(commit.get("distinct"))) {
            return; // pushed before, to another branch
        }
        String sha = PushedCommits.text(commit, "id");
        if (sha == null) {
            // without its id a commit cannot be told from the same one pushed by a colleague
            ctx.skipped("commit without its id");
            return;
        }
        String written = PushedCommits.text(commit.get("author"), "email");
        String email = Normalise.email(written);
        String committer = Normalise.email(PushedCommits.text(commit.get("committer"), "email"));
        if (committer == null) {
            ctx.skipped("commit without its committer (GitLab's push hook names only the author)");
            return;
        }
        if (email == null || !email.equals(committer)) {
            ctx.skipped("commit whose committer is not its author (rebased, applied or merged by someone)");
            return;
        }
        String name = PushedCommits.text(commit.get("author"), "name");
        String login = PushedCommits.text(commit.get("author"), "username");
        if (bot(email, name, login)) {
            return;
        }
        OffsetDateTime at = writtenAt(commit.get("timestamp"));
        if (at == null) {
            ctx.skipped("commit without a readable time");
            return;
        }
        long ageSeconds = e.time().getEpochSecond() - at.toEpochSecond();
        if (ageSeconds > settings.number("max_commit_age_days", 7) * 86_400 || ageSeconds < -86_400) {
            return; // history moved or mirrored, or a clock far off: not written for this push
        }
        Identity id = identities.get(key(email), k -> new Identity());
        if (id.email == null) {
            id.email = email;
            id.written = written;
            id.name = name;
        }
        if (id.login == null) {
            id.login = login;
        }
        Pusher p = id.pushers.get(pusher);
        if (p == null) {
            if (id.pushers.size() >= MAX_PUSHERS) {
                ctx.skipped("more workers pushing under one git identity than tracked");
                return;
            }
            p = new Pusher();
            p.first = e.envelope();
            id.pushers.put(pusher, p);
        }
        long commitId = idHash(sha);
        if (!p.has(commitId)) {
            p.add(commitId);
            p.commits++;
        }
        p.localClock |= at.getOffset().getTotalSeconds() != 0;
    }

    @Override
    public void finish(DetectorContext ctx) {
        Set<String> companyDomains = new java.util.HashSet<>();
        for (Person w : ctx.roster().workers()) {
            if (w.workEmail() != null && w.workEmail().indexOf('@') > 0) {
                companyDomains.add(w.workEmail().substring(w.workEmail().indexOf('@') + 1).toLowerCase(Locale.ROOT));
            }
        }
        int minCommits = settings.integer("min_commits", 1);
        for (var entry : identities.entries()) {
            Identity id = entry.getValue();
            String owner = owner(id, ctx);
            if (owner == null && companyDomains.contains(id.email.substring(id.email.indexOf('@') + 1))) {
                continue; // the company's role address (a release script's, a team's): shared by design
            }
            // the workers other than its owner who pushed commits of it that no other worker pushed
            List<String> others = new ArrayList<>();
            for (var p : id.pushers.entrySet()) {
                if (!p.getKey().equals(owner) && fresh(id, p.getKey(), p.getValue()) >= minCommits) {
                    others.add(p.getKey());
                }
            }
            boolean owned = owner != null;
            if (others.size() < (owned ? 1 : 2)) {
                continue;
            }
            List<String> named = new ArrayList<>(others);
            if (owned) {
                named.add(0, owner);
            }
            if (ctx.roster().oneHousehold(named)) {
                continue;
            }
            // a worker's personal address in others' commits has no honest reason; their work identity
            // may be the one a shared build or jump host was set up with
            boolean personal = owned && !ctx.roster().workersWithPersonalEmail(id.email).isEmpty()
                    && ctx.roster().workerIdOfAccount(id.login)
                    == null && ctx.roster().workerIdOfAccount(id.email) == null;
            double strength = !owned ? (others.size() >= 3 ? 0.6 : 0.5)
                    : personal ? (others.size() >= 2 ? 0.65 : 0.55) : (others.size() >= 2 ? 0.5 : 0.4);
            // every shared commit on a UTC clock: a server's (a build host, a container), as people's are not
            boolean server = others.stream().noneMatch(w -> id.pushers.get(w).localClock);
            emit(ctx, id, owner, others, named, server ? Math.min(strength, 0.3) : strength, personal, server);
        }
    }

    private void emit(DetectorContext ctx, Identity id, String owner, List<String> others, List<String> named,
            double strength, boolean personal, boolean server) {
        String identity = (id.name == null ? "" : id.name + " ") + "<" + id.written + ">";
        Set<String> pushedBy = new TreeSet<>();
        List<Event> evidence = new ArrayList<>();
        for (String w : others) {
            Pusher p = id.pushers.get(w);
            pushedBy.add(name(ctx, w) + " (" + p.commits + (p.commits == 1 ? " commit" : " commits") + ")");
            evidence.add(p.first);
        }
        String whose;
        if (owner == null) {
            whose = "git identity " + identity + ", which is none of the workers'";
        } else {
            Pusher own = id.pushers.get(owner);
            if (own != null) {
                evidence.add(0, own.first);
            }
            String how = personal ? "the personal email HR holds for " : "the git identity of ";
            whose = identity + ", " + how + name(ctx, owner);
        }
        String because = "Fresh commits written and committed under " + whose + ", were pushed by the GitHub "
                + "accounts of " + String.join(", ", pushedBy) + ": one machine's git configuration in the "
                + "work of " + named.size() + " workers, as when one operator works several hires"
                + (server ? "; but every one of them was written on a UTC clock, as a shared server's (a build "
                        + "host's) are." : ".");
        for (String w : named) {
            ctx.signal(ID, EntityRef.worker(w)).stage(Stage.ACCESS).technique("T1078").strength(strength)
                    .evidence(evidence.toArray(new Event[0])).because(because).emit();
        }
    }

    /** Commits of the identity this worker pushed and no other worker did (the same commit moving is not shared). */
    private static int fresh(Identity id, String worker, Pusher p) {
        int n = Math.min(p.recentCount, RECENT_IDS);
        int alsoElsewhere = 0;
        for (int i = 0; i < n; i++) {
            for (var other : id.pushers.entrySet()) {
                if (!other.getKey().equals(worker) && other.getValue().has(p.recent[i])) {
                    alsoElsewhere++;
                    break;
                }
            }
        }
        return p.commits - alsoElsewhere;
    }

    /** The worker whose identity it is: by GitHub login, work email or alias, else the personal email HR holds. */
    private static String owner(Identity id, DetectorContext ctx) {
        String w = ctx.roster().workerIdOfAccount(id.login);
        if (w == null) {
            w = ctx.roster().workerIdOfAccount(id.email);
        }
        if (w == null) {
            List<Person> byPersonal = ctx.roster().workersWithPersonalEmail(id.email);
            w = byPersonal.isEmpty() ? null : byPersonal.get(0).id();
        }
        return w;
    }

    private static String name(DetectorContext ctx, String worker) {
        Person p = ctx.roster().worker(worker);
        return p == null || p.name().isEmpty() ? worker : p.name();
    }

    /**
     * The key of an email: GitHub's private addresses ({@code 12345+login@users.noreply.github.com})
     * by the account's number, which stays when the login is renamed.
     */
    static String key(String email) {
        int plus = email.indexOf('+');
        if (email.endsWith("@users.noreply.github.com") && plus > 0 && email.chars().limit(plus)
                .allMatch(Character::isDigit)) {
            return email.substring(0, plus) + "@users.noreply.github.com";
        }
        return email;
    }

    /** GitHub's own, Actions', Dependabot's and other apps' identities. */
    static boolean bot(String email, String name, String login) {
        return email.endsWith("@github.com") || email.contains("[bot]") || (login != null && login.contains("[bot]"))
                || (name != null && name.toLowerCase(Locale.ROOT).endsWith("[bot]"));
    }

    /** A commit id (a SHA in hex) as 64 bits, FNV-1a over its characters in lower case. */
    static long idHash(String id) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < id.length(); i++) {
            h = (h ^ Character.toLowerCase(id.charAt(i))) * 0x100000001b3L;
        }
        return h;
    }

    /** The commit's own time, with the offset of the clock it was written on; null when it has none. */
    private static OffsetDateTime writtenAt(Object stamp) {
        if (!(stamp instanceof String s) || s.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.strip());
        } catch (DateTimeParseException ex) {
            return null;
        }
    }
}
