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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mass access to private code repositories (ATT&amp;CK T1213.003) from the GitHub audit log:
 * per worker, the most distinct private repositories cloned, fetched or downloaded as an archive
 * in one UTC day, compared in {@link #finish} with the peer group at the same point of their
 * employment (new hires with new hires, everyone else with everyone else), because new engineers
 * legitimately clone a dozen repositories in their first week while an exfiltrator takes all of
 * them at once. Archive downloads of several private repositories are reported on their own.
 *
 * <p>The threshold is robust: the peer median plus {@code k} scaled median absolute deviations,
 * or twice the busiest tenth of the peers when that is lower (a peer group split between light and
 * heavy cloners has a wide MAD), and never below {@code min_repos} so that a quiet peer group does
 * not turn an ordinary busy day into a finding. State per worker is a few counters, one day's repository set (capped) and at
 * most {@link SignalBuilder#MAX_EVIDENCE} evidence references.
 */
public final class RepoHarvestDetector implements Detector {

    /** A constant: {@link Detector#reads} asks for it on every event. */
    static final Set<String> EVENT_TYPES = Set.of("git.clone", "git.fetch", "repo.download_zip");

    public static final String ID = "steal.repo-harvest";
    public static final String ARCHIVE_ID = "steal.repo-archive-downloads";

    /** A day's repository set stops growing here: the count is already far beyond any threshold. */
    static final int MAX_REPOS_PER_DAY = BusiestDay.MAX_PER_DAY;

    private Settings settings;
    private PerEntity<EntityRef, Harvest> workers;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "clones and archive downloads in the GitHub audit log";
    }

    @Override
    public String description() {
        return "Distinct private repositories cloned or downloaded per worker per day far above new-hire or "
                + "staff peers; archive downloads of several private repositories";
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        workers = ctx.state(settings.integer("max_workers", 500_000));
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        Object visibility = e.field("repository_public");
        if (!(visibility instanceof Boolean isPublic)) {
            ctx.skipped("repository access without repository_public: cannot tell a private repository");
            return;
        }
        if (isPublic) {
            return;
        }
        Object repoField = e.field("repo");
        if (!(repoField instanceof String repo) || repo.isBlank()) {
            ctx.skipped("repository access without a repository name");
            return;
        }
        EntityRef subject = subject(e, ctx);
        if (subject == null) {
            ctx.skipped("repository access without an actor");
            return;
        }
        Harvest h = workers.get(subject, k -> new Harvest());
        h.add(e, repo);
        if ("repo.download_zip".equals(e.type()) && h.archives.size() < MAX_REPOS_PER_DAY && h.archives.add(repo)) {
            h.archiveLast = e.time();
            if (h.archiveEvidence.size() < SignalBuilder.MAX_EVIDENCE && e.origin() != null) {
                h.archiveEvidence.add(e.origin());
            }
        }
    }

    @Override
    public void finish(DetectorContext ctx) {
        int newHireDays = settings.integer("new_hire_days", 30);
        List<Entry> newHires = new ArrayList<>();
        List<Entry> staff = new ArrayList<>();
        for (Map.Entry<EntityRef, Harvest> en : workers.entries()) {
            Harvest h = en.getValue();
            Person p = en.getKey().kind() == EntityRef.Kind.WORKER ? ctx.roster().worker(en.getKey().value()) : null;
            BusiestDay.Best best = h.best();
            Long days = best.daysSinceHire(p);
            Entry entry = new Entry(en.getKey(), h, best, days);
            (days != null && days >= 0 && days <= newHireDays ? newHires : staff).add(entry);
        }
        report(newHires, true, ctx);
        report(staff, false, ctx);
        archives(newHires, ctx, newHireDays);
        archives(staff, ctx, newHireDays);
    }

    private void report(List<Entry> group, boolean newHires, DetectorContext ctx) {
        if (group.isEmpty()) {
            return;
        }
        double[] counts = group.stream().mapToDouble(en -> en.best.count()).toArray();
        PeerThreshold peerThreshold = PeerThreshold.of(counts, settings, "min_repos", 20, "min_repos_without_peers", 30);
        double threshold = peerThreshold.value();
        double median = peerThreshold.median();
        boolean enoughPeers = peerThreshold.enoughPeers();
        for (Entry en : group) {
            BusiestDay.Best best = en.best;
            if (best.count() < threshold) {
                continue;
            }
            double strength = newHires ? settings.number("new_hire_strength", 0.5) : settings.number("strength", 0.35);
            // Twice the threshold and beyond reads as taking everything, not a busy day.
            strength += Math.min(0.15, 0.15 * (best.count() / threshold - 1));
            String peers = enoughPeers
                    ? (newHires ? "new hires" : "colleagues") + " typically touch " + Math.round(median)
                    : "too few comparable colleagues to compare with";
            String when = en.daysSinceHire == null ? ""
                    : en.daysSinceHire == 0 ? " on their first day" : " " + en.daysSinceHire + " days after starting";
            ctx.signal(ID, en.subject).stage(Stage.STEAL).technique("T1213.003").strength(Math.min(1, strength))
                    .at(best.last()).evidence(best.evidence())
                    .because("This worker copied " + best.count() + " private code repositories in one day" + when
                            + " (" + peers + ").")
                    .emit();
        }
    }

    private void archives(List<Entry> group, DetectorContext ctx, int newHireDays) {
        int min = settings.integer("min_archives", 3);
        for (Entry en : group) {
            Harvest h = en.harvest;
            if (h.archives.size() < min) {
                continue;
            }
            boolean early = en.daysSinceHire != null && en.daysSinceHire >= 0 && en.daysSinceHire <= newHireDays;
            double strength = settings.number("archive_strength", 0.3) + (early ? 0.1 : 0);
            ctx.signal(ARCHIVE_ID, en.subject).stage(Stage.STEAL).technique("T1213.003").strength(strength)
                    .at(h.archiveLast).evidence(h.archiveEvidence)
                    .because("This worker downloaded " + h.archives.size()
                            + " private code repositories as archive files" + (early ? " in their first weeks" : "")
                            + ", a whole copy of each to keep outside the company's systems.")
                    .emit();
        }
    }

    static EntityRef subject(Event e, DetectorContext ctx) {
        String worker = ctx.roster().workerIdOf(e);
        if (worker != null) {
            return EntityRef.worker(worker);
        }
        return e.user() == null ? null : new EntityRef(EntityRef.Kind.ACCOUNT, e.user());
    }

    /** The nearest-rank quantile {@code q} of {@code values}. */
    static double quantile(double[] values, double q) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[Math.max(0, (int) Math.ceil(q * v.length) - 1)];
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private record Entry(EntityRef subject, Harvest harvest, BusiestDay.Best best, Long daysSinceHire) {
    }

    /** One worker's repository access: the current day's set and the busiest day so far, and archive downloads. */
    static final class Harvest extends BusiestDay {
        final Set<String> archives = new HashSet<>();
        final List<EventRef> archiveEvidence = new ArrayList<>();
        Instant archiveLast;
    }
}
