package dev.unravel.detect.extort;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.detect.roster.Roster;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Who touched what, for attribution: per repository, the workers (or accounts) that cloned,
 * fetched or downloaded it; per source address, the workers who signed in or worked from it.
 * Fed every event once; bounded, and what a bound drops is counted.
 */
public final class AccessIndex {
    /** Repository access types in the GitHub audit log. */
    static final java.util.Set<String> REPO_TYPES = java.util.Set.of("git.clone", "git.fetch", "repo.download_zip");

    static final int MAX_REPOS = 100_000;
    static final int MAX_ACCESSORS_PER_REPO = 10_000;
    static final int MAX_IPS = 1_000_000;
    static final int MAX_WORKERS_PER_IP = 64;
    static final int EVIDENCE_PER_ACCESS = 5;

    /** One person's use of one repository or address. */
    public static final class Use {
        private final String who;
        private final boolean worker;
        private int events;
        private Instant first;
        private Instant last;
        private final List<EventRef> evidence = new ArrayList<>(2);

        Use(String who, boolean worker) {
            this.who = who;
            this.worker = worker;
        }

        void add(Event e) {
            events++;
            if (first == null || e.time().isBefore(first)) {
                first = e.time();
            }
            if (last == null || e.time().isAfter(last)) {
                last = e.time();
            }
            if (evidence.size() < EVIDENCE_PER_ACCESS && e.origin() != null) {
                evidence.add(e.origin());
            }
        }

        /** The worker id when {@link #isWorker()}, else the account the log names. */
        public String who() {
            return who;
        }

        public boolean isWorker() {
            return worker;
        }

        public int events() {
            return events;
        }

        public Instant first() {
            return first;
        }

        public Instant last() {
            return last;
        }

        public List<EventRef> evidence() {
            return List.copyOf(evidence);
        }
    }

    private final Map<String, Map<String, Use>> byRepo = new HashMap<>();
    private final Map<String, Map<String, Use>> byIp = new HashMap<>();
    private long dropped;

    /** Reads one event: repository access and any worker activity with a source address. */
    public void observe(Event e, Roster roster) {
        String type = e.type();
        boolean repoAccess = REPO_TYPES.contains(type);
        String ip = e.sourceIp();
        if (!repoAccess && (ip == null || ip.isEmpty() || type.startsWith("email."))) {
            return;
        }
        String worker = roster.workerIdOf(e);
        String who = worker != null ? worker : e.user();
        if (who == null || who.isEmpty()) {
            return;
        }
        if (repoAccess && e.field("repo") instanceof String repo && !repo.isBlank()) {
            add(byRepo, shortName(repo), who, worker != null, e, MAX_REPOS, MAX_ACCESSORS_PER_REPO);
        }
        if (worker != null && ip != null && !ip.isEmpty()) {
            add(byIp, ip, worker, true, e, MAX_IPS, MAX_WORKERS_PER_IP);
        }
    }

    private void add(Map<String, Map<String, Use>> index, String key, String who, boolean worker, Event e, int maxKeys,
            int maxPerKey) {
        Map<String, Use> uses = index.get(key);
        if (uses == null) {
            if (index.size() >= maxKeys) {
                dropped++;
                return;
            }
            uses = new LinkedHashMap<>();
            index.put(key, uses);
        }
        Use u = uses.get(who);
        if (u == null) {
            if (uses.size() >= maxPerKey) {
                dropped++;
                return;
            }
            u = new Use(who, worker);
            uses.put(who, u);
        }
        u.add(e);
    }

    /** The repository's name without its owner, lower-cased: {@code org/Payments-API} → {@code payments-api}. */
    public static String shortName(String repo) {
        String r = repo.strip();
        if (r.endsWith(".git")) {
            r = r.substring(0, r.length() - 4);
        }
        return r.substring(r.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
    }

    /** Repository short names seen. */
    public java.util.Set<String> repositories() {
        return java.util.Collections.unmodifiableSet(byRepo.keySet());
    }

    /** Who accessed the repository (any owner), most events first. */
    public List<Use> accessors(String repo) {
        Map<String, Use> uses = byRepo.get(shortName(repo));
        if (uses == null) {
            return List.of();
        }
        List<Use> list = new ArrayList<>(uses.values());
        list.sort(Comparator.comparingInt(Use::events).reversed().thenComparing(Use::who));
        return list;
    }

    /** The workers seen working from {@code ip}. */
    public List<Use> workersBehind(String ip) {
        Map<String, Use> uses = byIp.get(ip);
        return uses == null ? List.of() : List.copyOf(uses.values());
    }

    /** Accesses not indexed because a bound was reached. */
    public long dropped() {
        return dropped;
    }
}
