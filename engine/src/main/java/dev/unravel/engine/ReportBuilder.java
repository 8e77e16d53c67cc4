package dev.unravel.engine;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.roster.Person;
import dev.unravel.detect.roster.Roster;
import dev.unravel.engine.report.Report;
import dev.unravel.detect.roster.DeviceAddresses;
import dev.unravel.engine.resolve.IdentityGraph;
import dev.unravel.engine.run.Activity;
import dev.unravel.engine.run.DetectorRunner;
import dev.unravel.engine.score.RiskScorer;
import dev.unravel.ingest.FileSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Resolves the scan's signals to people, scores them, and assembles the {@link Report}. */
final class ReportBuilder {

    private final Scan.Options options;
    private final Roster roster;
    private final IdentityGraph graph;
    private final DeviceAddresses addresses;
    /** Signals about an address tied to a worker through the device that held it: how. */
    private final Map<Signal, String> via = new IdentityHashMap<>();
    private long resolvedByAddress;
    private final Activity activity;
    private final Scan.SignalStore store;
    private final List<DetectorRunner.Stats> detectorStats;
    private final List<FileSummary> files;
    private final long late;
    private final Instant firstLog;
    private final Instant lastLog;
    private final Instant asOf;
    private long recordsRepeated;
    private long eventsRepeated;
    private final long quarantined;
    private final Path quarantineFile;
    /** Scored daily: when each worker was first at high or above in a report at the end of a day; else null. */
    private Map<String, Instant> firstFlaggedDaily;
    /** Scored daily, a day's report: the end of that day, noted for the workers this report first flags. */
    private Instant dayEnd;

    ReportBuilder(Scan.Options options, Roster roster, IdentityGraph graph, DeviceAddresses addresses, Activity activity, Scan.SignalStore store,
            List<DetectorRunner.Stats> detectorStats, List<FileSummary> files, long late, Instant firstLog,
            Instant lastLog, Instant asOf, long quarantined, Path quarantineFile) {
        this.options = options;
        this.roster = roster;
        this.graph = graph;
        this.addresses = addresses;
        this.activity = activity;
        this.store = store;
        this.detectorStats = detectorStats;
        this.files = files;
        this.late = late;
        this.firstLog = firstLog;
        this.lastLog = lastLog;
        this.asOf = asOf;
        this.quarantined = quarantined;
        this.quarantineFile = quarantineFile;
    }

    /**
     * Scored daily: {@code firsts} holds the end of the first day each worker was at high or above in
     * a day's report; when this is the report of a day ending at {@code dayEnd} (null: not a day's
     * report), the workers it puts at high or above for the first time are noted there first.
     */
    ReportBuilder firstFlaggedDaily(Map<String, Instant> firsts, Instant dayEnd) {
        this.firstFlaggedDaily = firsts;
        this.dayEnd = dayEnd;
        return this;
    }

    /** Records read again unchanged and log events read twice, each passed on once ({@code run.Repeated*}). */
    ReportBuilder repeated(long records, long events) {
        this.recordsRepeated = records;
        this.eventsRepeated = events;
        return this;
    }

    Report build() {
        // resolve: subject → person id
        Map<String, List<Signal>> byPerson = new LinkedHashMap<>();
        Map<String, Long> unresolvedByDetector = new HashMap<>();
        Map<EntityRef, List<Signal>> unresolvedBySubject = new LinkedHashMap<>();
        long resolved = 0;
        long unresolved = 0;
        for (var e : store.bySubject.entrySet()) {
            EntityRef subject = e.getKey();
            String person = graph.resolve(subject, activity);
            boolean known = person != null && (roster.worker(person) != null || roster.applicant(person) != null);
            for (List<Signal> list : e.getValue().values()) {
                if (known) {
                    byPerson.computeIfAbsent(person, k -> new ArrayList<>()).addAll(list);
                    resolved += list.size();
                    continue;
                }
                for (Signal s : list) {
                    // An address no sign-in ties to one worker: the device that held it at the
                    // signal's moment, if its own logs say so, and that device's worker.
                    String worker = null;
                    DeviceAddresses.Holder h = null;
                    if (subject.kind() == EntityRef.Kind.IP) {
                        h = addresses.holderAt(subject.value(), s.time());
                        worker = h == null ? null : roster.workerIdOfHost(h.device());
                    }
                    if (worker != null && roster.worker(worker) != null) {
                        byPerson.computeIfAbsent(worker, k -> new ArrayList<>()).add(s);
                        via.put(s, subject.value() + " was the address of device " + h.device() + " then ("
                                + h.how() + ")");
                        resolved++;
                        resolvedByAddress++;
                    } else {
                        unresolved++;
                        unresolvedBySubject.computeIfAbsent(subject, k -> new ArrayList<>()).add(s);
                        unresolvedByDetector.merge(s.detector(), 1L, Long::sum);
                    }
                }
            }
        }
        RiskScorer scorer = new RiskScorer(options.scoring());
        Map<String, RiskScorer.Risk> own = new HashMap<>();
        for (var e : byPerson.entrySet()) {
            own.put(e.getKey(), scorer.score(e.getValue(), asOf));
        }
        Map<String, RiskScorer.Risk> risk = new HashMap<>();
        for (var e : byPerson.entrySet()) {
            IdentityGraph.Cluster c = graph.clusterOf(e.getKey());
            double peer = 0;
            if (c != null) {
                for (String other : c.people()) {
                    RiskScorer.Risk r = own.get(other);
                    if (!other.equals(e.getKey()) && r != null) {
                        peer = Math.max(peer, r.ownScore());
                    }
                }
            }
            risk.put(e.getKey(), scorer.withCluster(e.getValue(), asOf, peer));
        }

        List<Report.WorkerEntry> workers = new ArrayList<>();
        List<Report.ApplicantEntry> applicants = new ArrayList<>();
        Map<String, Integer> levels = new LinkedHashMap<>();
        for (String l : List.of("critical", "high", "medium", "low")) {
            levels.put(l, 0);
        }
        List<String> order = new ArrayList<>(byPerson.keySet());
        order.sort(Comparator.comparingDouble((String id) -> -risk.get(id).score())
                .thenComparingDouble(id -> -risk.get(id).ownScore()).thenComparing(id -> id));
        int rank = 0;
        for (String id : order) {
            RiskScorer.Risk r = risk.get(id);
            List<Signal> sigs = byPerson.get(id);
            sigs.sort(Comparator.comparing(Signal::time).thenComparing(Signal::detector));
            IdentityGraph.Cluster c = graph.clusterOf(id);
            Person w = roster.worker(id);
            if (w != null) {
                levels.merge(r.level(), 1, Integer::sum);
                // flagged as first_flagged_at counts it: the score at or past the configuration's "high"
                if (firstFlaggedDaily != null && dayEnd != null && r.score() >= options.scoring().high()) {
                    firstFlaggedDaily.putIfAbsent(id, dayEnd);
                }
                Instant flagged = scorer.firstFlagged(sigs);
                Activity.Worker a = activity.of(id);
                workers.add(new Report.WorkerEntry(++rank, id, w.name(), w.department(), w.title(), w.country(),
                        w.timeZone() == null ? null : w.timeZone().getId(), str(w.hireDate()), str(w.terminationDate()),
                        r.score(), r.level(), r.ownScore(), r.clusterAdd(), stages(r.stages()), r.families(),
                        str(flagged), c == null ? null : c.id(),
                        a == null ? null : new Report.ActivityEntry(a.events(), str(a.first()), str(a.last()),
                                a.byHourUtc()),
                        r.contributions().stream().map(x -> new Report.ContributionEntry(x.detector(), x.stage().id(),
                                x.signals(), x.strongest(), round(x.contribution()))).toList(),
                        sigs.size(), entries(sigs),
                        firstFlaggedDaily == null ? null : str(firstFlaggedDaily.get(id))));
            } else {
                Person a = roster.applicant(id);
                applicants.add(new Report.ApplicantEntry(id, a.name(), r.score(), r.level(), stages(r.stages()),
                        c == null ? null : c.id(), sigs.size(), entries(sigs)));
            }
        }
        levels.put("low", levels.get("low") + Math.max(0, roster.size() - workers.size()));

        List<Report.ClusterEntry> clusters = graph.clusters().stream()
                .map(c -> new Report.ClusterEntry(c.id(), c.workers(), c.applicants(), c.ties().stream()
                        .map(t -> new Report.TieEntry(t.kind(), t.reference(), t.display(), t.people())).toList()))
                .toList();

        List<Report.DetectorStats> detectors = detectorStats.stream()
                .map(d -> new Report.DetectorStats(d.id(), d.description(), d.stage(), d.needs(), d.events(), d.signals(),
                        unresolvedSignals(d.id(), unresolvedByDetector), d.evictions(), d.skipped(), d.failures(),
                        d.firstFailure(), d.notes()))
                .toList();

        return new Report(Report.SCHEMA, Instant.now().toString(), version(),
                options.inputs().stream().map(Path::toString).toList(),
                new Report.Period(str(firstLog), str(lastLog), str(asOf)), ingestStats(), detectors,
                new Report.ResolutionStats(activity.resolvedEvents(), activity.unresolvedEvents(),
                        roster.aliasesLearned(), resolved, unresolved, store.notKept, resolvedByAddress,
                        addresses.size()),
                roster.size(), levels, workers, applicants, clusters, options.scoring().origin(),
                options.pii().ephemeralKey(), unresolvedEntries(unresolvedBySubject), evidenceFiles(workers, applicants));
    }

    /** The most evidence files a report fingerprints; a scan citing more fingerprints the first, by path. */
    static final int EVIDENCE_FILES_AT_MOST = 20_000;

    /**
     * The files on disk that the scored people's findings cite, each with its size, last change and
     * SHA-256 as the report is written, so that a record shown later can be told unchanged. A
     * reference that is not a file (a Kafka message) or a file gone meanwhile is left out.
     */
    static List<Report.EvidenceFile> evidenceFiles(List<Report.WorkerEntry> workers,
            List<Report.ApplicantEntry> applicants) {
        java.util.TreeSet<String> paths = new java.util.TreeSet<>();
        java.util.function.Consumer<Report.SignalEntry> cited = s -> s.evidence().forEach(ref -> {
            String path = dev.unravel.ingest.RecordLookup.containerOf(ref);
            if (path != null) {
                paths.add(path);
            }
        });
        workers.forEach(w -> w.signals().forEach(cited));
        applicants.forEach(a -> a.signals().forEach(cited));
        // hashed on every core: the detection thread is done, and the cited files can be many and large
        return paths.stream().limit(EVIDENCE_FILES_AT_MOST).toList().parallelStream().map(ReportBuilder::fingerprint)
                .filter(java.util.Objects::nonNull).toList();
    }

    /** A file's fingerprint, or null when it is not a file on disk now (a Kafka message, a file gone). */
    private static Report.EvidenceFile fingerprint(String path) {
        try {
            Path file = Path.of(path);
            return Files.isRegularFile(file) ? new Report.EvidenceFile(path, Files.size(file),
                    Files.getLastModifiedTime(file).toInstant().toString(), dev.unravel.ingest.RecordLookup.sha256(file))
                    : null;
        } catch (java.io.IOException | java.nio.file.InvalidPathException e) {
            return null; // gone or unreadable meanwhile: not fingerprinted, so a later look says it cannot tell
        }
    }

    /** Subjects no one was tied to, the strongest signal first, then the most signals. */
    private List<Report.UnresolvedEntry> unresolvedEntries(Map<EntityRef, List<Signal>> bySubject) {
        List<Report.UnresolvedEntry> out = new ArrayList<>();
        for (var e : bySubject.entrySet()) {
            List<Signal> sigs = new ArrayList<>(e.getValue());
            sigs.sort(Comparator.comparingDouble(Signal::strength).reversed().thenComparing(Signal::time)
                    .thenComparing(Signal::detector));
            Instant first = sigs.stream().map(Signal::time).min(Comparator.naturalOrder()).orElse(null);
            Instant last = sigs.stream().map(Signal::time).max(Comparator.naturalOrder()).orElse(null);
            out.add(new Report.UnresolvedEntry(e.getKey().toString(), sigs.size(), round(sigs.get(0).strength()),
                    sigs.stream().map(Signal::detector).distinct().sorted().toList(), str(first), str(last),
                    entries(sigs)));
        }
        out.sort(Comparator.comparingDouble(Report.UnresolvedEntry::strongest).reversed()
                .thenComparing(Comparator.comparingLong(Report.UnresolvedEntry::signalsTotal).reversed())
                .thenComparing(Report.UnresolvedEntry::subject));
        return out.size() > Report.MAX_UNRESOLVED ? List.copyOf(out.subList(0, Report.MAX_UNRESOLVED)) : out;
    }

    /** Signals of one detector id, or of every Sigma rule for the "sigma" detector. */
    private static long unresolvedSignals(String id, Map<String, Long> unresolved) {
        long n = 0;
        for (var e : unresolved.entrySet()) {
            if (e.getKey().equals(id) || ("sigma".equals(id) && e.getKey().startsWith("sigma:"))) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** The report lists at most this many files with problems; the counts stay complete. */
    static final int MAX_PROBLEMS = 200;

    private Report.IngestStats ingestStats() {
        Map<String, long[]> byFormat = new java.util.TreeMap<>();
        List<Report.FileProblem> problems = new ArrayList<>();
        List<Report.FileProblem> passedOver = new ArrayList<>();
        long records = 0;
        long events = 0;
        for (FileSummary f : files) {
            long[] agg = byFormat.computeIfAbsent(f.format(), k -> new long[4]);
            agg[0]++;
            agg[1] += f.records();
            agg[2] += f.events();
            agg[3] += f.quarantined();
            records += f.records();
            events += f.events();
            if (f.failure() != null || f.quarantined() > 0) {
                String why = f.failure() != null ? f.failure()
                        : f.errors().isEmpty() ? f.quarantined() + " records rejected" : f.errors().get(0).toString();
                // Files passed over on purpose (git repositories, hidden files) are listed after the
                // files that went wrong, so that they never crowd those out of the capped list.
                List<Report.FileProblem> into = FileSummary.SKIPPED.equals(f.format()) ? passedOver : problems;
                if (into.size() < MAX_PROBLEMS) {
                    into.add(new Report.FileProblem(f.file(), f.format(), f.quarantined(), why));
                }
            }
        }
        problems.addAll(passedOver.subList(0, Math.min(passedOver.size(), MAX_PROBLEMS - problems.size())));
        Map<String, Report.FormatStats> formats = new LinkedHashMap<>();
        for (var e : byFormat.entrySet()) {
            long[] a = e.getValue();
            formats.put(e.getKey(), new Report.FormatStats((int) a[0], a[1], a[2], a[3]));
        }
        return new Report.IngestStats(files.size(), records, events, quarantined,
                quarantineFile == null ? null : quarantineFile.toString(), late, options.reorderWindow(), formats,
                problems, recordsRepeated, eventsRepeated);
    }

    private List<Report.SignalEntry> entries(List<Signal> sigs) {
        List<Report.SignalEntry> out = new ArrayList<>();
        for (Signal s : sigs) {
            if (out.size() == Scan.SIGNALS_REPORTED) {
                break;
            }
            out.add(Report.SignalEntry.of(s, via.get(s)));
        }
        return out;
    }

    private static List<String> stages(List<Stage> stages) {
        return stages.stream().sorted().map(Stage::id).toList();
    }

    private static String str(Object o) {
        return o == null ? null : o.toString();
    }

    private static double round(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }

    static String version() {
        String v = Scan.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }
}
