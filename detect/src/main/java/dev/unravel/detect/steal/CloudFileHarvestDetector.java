package dev.unravel.detect.steal;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.Person;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Mass download of the company's documents from SharePoint, OneDrive and Google Drive (ATT&amp;CK
 * T1213.002, T1530): per worker, the most distinct files downloaded or synced in full to a computer
 * in one UTC day — the Microsoft 365 unified audit log's {@code FileDownloaded} and
 * {@code FileSyncDownloadedFull} (the file its {@code ObjectId}, the place its {@code SiteUrl}),
 * Google Workspace's Drive audit {@code download} (the file its {@code doc_id}, the place the shared
 * drive or the owner's drive) — compared with the peer group at the same point of their
 * employment (new hires with new hires, everyone else with everyone else; {@link PeerThreshold}),
 * as {@link RepoHarvestDetector} does for code. A new hire who takes a whole document library in
 * their first weeks stands out from colleagues who open the dozen files their work needs. A company
 * on both suites has one count per worker: a file is a file in either.
 */
public final class CloudFileHarvestDetector implements Detector {

    public static final String ID = "steal.cloud-file-harvest";

    /** Google Drive's download, as the {@code gworkspace} reader types Drive's audit events. */
    private static final String GOOGLE_DOWNLOAD = "drive.download";
    static final Set<String> EVENT_TYPES = Set.of("m365.FileDownloaded", "m365.FileSyncDownloadedFull",
            GOOGLE_DOWNLOAD);

    /** Sites named in the explanation, at most. */
    private static final int SITES_SHOWN = 3;

    private Settings settings;
    private PerEntity<EntityRef, Downloads> workers;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "SharePoint and OneDrive downloads in the Microsoft 365 audit log, or Google Drive's in Google "
                + "Workspace's Drive audit log";
    }

    @Override
    public String description() {
        return "Distinct SharePoint, OneDrive and Google Drive files downloaded per worker per day far above "
                + "new-hire or staff peers (Microsoft 365 audit, Google Drive audit)";
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
        boolean google = e.type().equals(GOOGLE_DOWNLOAD);
        String file = text(e.field(google ? "parameters.doc_id" : "ObjectId"));
        if (file == null) {
            ctx.skipped(google ? "Drive download without doc_id" : "file download without ObjectId");
            return;
        }
        EntityRef subject = RepoHarvestDetector.subject(e, ctx);
        if (subject == null) {
            ctx.skipped("file download without a user");
            return;
        }
        Downloads w = workers.get(subject, k -> new Downloads());
        // Drive's and SharePoint's ids never meet; the prefix keeps it so.
        if (!w.add(e, google ? "g:" + file : file)) {
            return;
        }
        w.todayServices |= google ? GOOGLE : MICROSOFT;
        String site = google ? driveOf(e) : text(e.field("SiteUrl"));
        if (site != null && w.todaySites.size() < BusiestDay.MAX_PER_DAY) {
            w.todaySites.add(site);
        }
    }

    private static final int MICROSOFT = 1;
    private static final int GOOGLE = 2;

    /**
     * Where a Drive file was: the shared drive by its name (Drive's {@code owner} is the shared
     * drive's name when {@code owner_is_shared_drive}), else its owner's drive; null when unnamed.
     */
    static String driveOf(Event e) {
        String owner = text(e.field("parameters.owner"));
        if (owner == null) {
            return null;
        }
        Object shared = e.field("parameters.owner_is_shared_drive");
        return Boolean.TRUE.equals(shared) || "true".equals(shared) ? "the shared drive " + owner
                : owner + "'s drive";
    }

    private static String text(Object value) {
        return value instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    @Override
    public void finish(DetectorContext ctx) {
        int newHireDays = settings.integer("new_hire_days", 30);
        List<Entry> newHires = new ArrayList<>();
        List<Entry> staff = new ArrayList<>();
        for (Map.Entry<EntityRef, Downloads> en : workers.entries()) {
            Downloads w = en.getValue();
            Person p = en.getKey().kind() == EntityRef.Kind.WORKER ? ctx.roster().worker(en.getKey().value()) : null;
            BusiestDay.Best best = w.best();
            Long days = best.daysSinceHire(p);
            (days != null && days >= 0 && days <= newHireDays ? newHires : staff)
                    .add(new Entry(en.getKey(), best, w.bestSites(), w.bestServices(), days));
        }
        report(newHires, true, ctx);
        report(staff, false, ctx);
    }

    /** A worker's busiest day so far, the open one included, the sites it drew from and the services. */
    private record Entry(EntityRef subject, BusiestDay.Best best, List<String> sites, int services,
            Long daysSinceHire) {
    }

    /** What a day's places are called: SharePoint's sites, Google's drives. */
    private static String places(int services) {
        return switch (services) {
            case GOOGLE -> " drives";
            case GOOGLE | MICROSOFT -> " sites and drives";
            default -> " sites";
        };
    }

    /** The services a day's downloads came from, as the explanation names them. */
    static String services(int services) {
        return switch (services) {
            case GOOGLE -> "Google Drive";
            case GOOGLE | MICROSOFT -> "SharePoint, OneDrive and Google Drive";
            default -> "SharePoint and OneDrive";
        };
    }

    private void report(List<Entry> group, boolean newHires, DetectorContext ctx) {
        if (group.isEmpty()) {
            return;
        }
        double[] counts = group.stream().mapToDouble(en -> en.best().count()).toArray();
        PeerThreshold t = PeerThreshold.of(counts, settings, "min_files", 100, "min_files_without_peers", 300);
        for (Entry w : group) {
            if (w.best().count() < t.value()) {
                continue;
            }
            double strength = newHires ? settings.number("new_hire_strength", 0.5) : settings.number("strength", 0.35);
            // Twice the threshold and beyond reads as taking everything, not a busy day.
            strength += Math.min(0.15, 0.15 * (w.best().count() / t.value() - 1));
            String peers = t.enoughPeers()
                    ? "; " + (newHires ? "new hires" : "colleagues") + " typically download " + Math.round(t.median())
                    : "; too few comparable colleagues to compare with";
            String when = w.daysSinceHire() == null ? ""
                    : w.daysSinceHire() == 0 ? ", on their first day" : ", " + w.daysSinceHire() + " days after starting";
            List<String> bestSites = w.sites();
            String sites = bestSites.isEmpty() ? ""
                    : ", from " + (bestSites.size() == 1 ? bestSites.get(0)
                            : bestSites.size() + places(w.services()) + " (" + String.join(", ", bestSites.stream()
                                    .limit(SITES_SHOWN).toList())
                                    + (bestSites.size() > SITES_SHOWN ? " and " + (bestSites.size() - SITES_SHOWN)
                                            + " more" : "") + ")");
            ctx.signal(ID, w.subject()).stage(Stage.STEAL).technique("T1213.002").strength(Math.min(1, strength))
                    .at(w.best().last()).evidence(w.best().evidence())
                    .because("This worker downloaded " + w.best().count() + " files from " + services(w.services())
                            + " in one day" + when + sites + peers + ".")
                    .emit();
        }
    }

    /** One worker's downloads: the busiest day, the sites it drew from and the services (bits). */
    static final class Downloads extends BusiestDay {
        final Set<String> todaySites = new TreeSet<>();
        List<String> bestSites = List.of();
        int todayServices;
        int bestServices;

        /** The sites of the busiest day so far, the open one included ({@link #best}). */
        List<String> bestSites() {
            return todayIsBusiest() ? List.copyOf(todaySites) : bestSites; // sorted: a TreeSet
        }

        int bestServices() {
            return todayIsBusiest() ? todayServices : bestServices;
        }

        @Override
        void closeDay() {
            bestSites = bestSites();
            bestServices = bestServices();
            todaySites.clear();
            todayServices = 0;
            super.closeDay();
        }
    }
}
