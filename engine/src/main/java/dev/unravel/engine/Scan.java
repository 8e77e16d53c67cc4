package dev.unravel.engine;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.Detector;
import dev.unravel.detect.Detectors;
import dev.unravel.detect.roster.Person;
import dev.unravel.detect.roster.Pii;
import dev.unravel.detect.roster.Roster;
import dev.unravel.engine.report.Report;
import dev.unravel.detect.roster.DeviceAddresses;
import dev.unravel.engine.resolve.IdentityGraph;
import dev.unravel.engine.run.Activity;
import dev.unravel.engine.run.DetectorRunner;
import dev.unravel.engine.run.EventOrder;
import dev.unravel.engine.run.FileOrder;
import dev.unravel.engine.run.MergedFiles;
import dev.unravel.engine.score.RiskScorer;
import dev.unravel.engine.score.ScoringConfig;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.format.records.Mappings;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.source.Inputs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One scan in one process: ingest → detect → resolve → score, in that order.
 *
 * <pre>
 *  files ─► FileOrder (records, then day by day) ─► MergedFiles (each day's files parsed side by side,
 *        detectors' state-free work such as Sigma matching done there too, on the reader threads;
 *        merged by time) ─► Roster / IdentityGraph / Activity (every event)
 *                         └► EventOrder (fixes disorder inside files) ─► DetectorRunner ─► signals
 *  end: detectors finish ─► IdentityGraph builds clusters ─► signals resolve to people ─► RiskScorer ─► Report
 * </pre>
 *
 * Memory is bounded by the roster (one activity entry and a capped list of signals per person),
 * the reorder window, and each detector's own bounded state, not by the length of the period.
 */
public final class Scan {

    /** Kept per person and detector; further signals are counted, not kept. */
    static final int SIGNALS_KEPT_PER_DETECTOR = 50;
    /** Signals written per person in the report (the rest are counted). */
    static final int SIGNALS_REPORTED = 200;

    /** What to scan and how. */
    public record Options(List<Path> inputs, DetectConfig detect, ScoringConfig scoring, Path quarantine,
            List<Path> mappings, int reorderWindow, List<Detector> detectors, Pii pii) {

        public static Options of(List<Path> inputs) {
            return new Options(inputs, DetectConfig.DEFAULT, ScoringConfig.defaults(), null, List.of(), 10_000, null,
                    Pii.fromEnvironment());
        }


        public Options withInputs(List<Path> i) {
            return new Options(List.copyOf(i), detect, scoring, quarantine, mappings, reorderWindow, detectors, pii);
        }

        public Options withDetectors(List<Detector> d) {
            return new Options(inputs, detect, scoring, quarantine, mappings, reorderWindow, d, pii);
        }

        public Options withQuarantine(Path q) {
            return new Options(inputs, detect, scoring, q, mappings, reorderWindow, detectors, pii);
        }

        public Options withScoring(ScoringConfig s) {
            return new Options(inputs, detect, s, quarantine, mappings, reorderWindow, detectors, pii);
        }

        public Options withDetect(DetectConfig d) {
            return new Options(inputs, d, scoring, quarantine, mappings, reorderWindow, detectors, pii);
        }

        public Options withMappings(List<Path> m) {
            return new Options(inputs, detect, scoring, quarantine, m, reorderWindow, detectors, pii);
        }


        public Options withPii(Pii p) {
            return new Options(inputs, detect, scoring, quarantine, mappings, reorderWindow, detectors, p);
        }

        public Options withReorderWindow(int w) {
            return new Options(inputs, detect, scoring, quarantine, mappings, w, detectors, pii);
        }
    }

    /** Told after each file, for progress display. */
    public interface Progress {
        Progress NONE = (done, total, file, events) -> {
        };

        void fileDone(int done, int total, FileSummary file, long eventsSoFar);
    }

    private final Options options;
    private final Roster roster;
    private final IdentityGraph graph;
    /** Which device held which internal address when: ties Zeek's address-only records to laptops. */
    private final DeviceAddresses addresses;
    /** Addresses {@link #addresses} keeps (a VPN pool and the offices' DHCP scopes fit many times over). */
    static final int MAX_ADDRESSES = 500_000;
    private final Activity activity;
    private final SignalStore signals = new SignalStore(SIGNALS_KEPT_PER_DETECTOR);
    private final DetectorRunner runner;
    private final EventOrder order;
    private long events;
    private Instant firstLog;
    private Instant lastLog;
    private final dev.unravel.engine.run.Repeats repeats = new dev.unravel.engine.run.Repeats();
    private Instant lastAny;

    private Scan(Options options) {
        this(options, null);
    }

    /** @param told also told of each signal as it is found, with the person it is about where known then; may be null */
    private Scan(Options options, java.util.function.BiConsumer<Signal, String> told) {
        this.options = options;
        this.roster = new Roster(options.pii());
        this.graph = new IdentityGraph(roster);
        this.addresses = new DeviceAddresses(MAX_ADDRESSES);
        this.activity = new Activity(roster, 500_000);
        List<Detector> detectors = options.detectors() != null ? options.detectors()
                : Detectors.builtIn(options.detect());
        checkSettings(detectors, options.detect());
        this.runner = new DetectorRunner(detectors, roster, addresses, options.detect(), told == null ? signals::add
                : s -> {
                    signals.add(s);
                    told.accept(s, graph.resolve(s.subject(), activity));
                });
        this.order = new EventOrder(options.reorderWindow(), this::release, e -> !isRecord(e.type()));
    }

    /** Runs a scan and returns its report. */
    public static Report run(Options options, Progress progress) throws IOException {
        return new Scan(options).read(progress);
    }

    /**
     * A scan scored as daily runs would have scored it: at the end of each day of the logs, the
     * report as things stand ({@link #interim}); the report says, for each worker, the end of the
     * first day one of those put them at high or above ({@code first_flagged_daily}).
     */
    public static Report runDaily(Options options, Progress progress) throws IOException {
        return new Scan(options).scoringDaily(Days.KEEP).read(progress);
    }

    /**
     * Scores this scan as daily runs would: at the first log event of each new day (in time order,
     * before the detectors see it), the report as things stand for the day before, handed to
     * {@code days}; each such report, and the last, says when each worker was first at high or
     * above in one of them ({@code first_flagged_daily}). A job following Kafka publishes each day's
     * report; {@link #runDaily} keeps only the last.
     */
    public Scan scoringDaily(Days days) {
        this.daily = new HashMap<>();
        this.days = days;
        return this;
    }

    /** Where a scan scored daily sends each day's report, and what those reports say was read. */
    public interface Days {
        /** Each day's report dropped: only the last report, the scan's own, is kept. */
        Days KEEP = report -> {
        };

        /** The report as things stand at the end of a day of the logs. */
        void ended(Report report);

        default List<FileSummary> files() {
            return List.of();
        }

        default long quarantined() {
            return 0;
        }

        default Path quarantine() {
            return null;
        }
    }

    /** Scoring daily: each worker's first end of day at high or above; null when not scoring daily. */
    private Map<String, Instant> daily;
    private Days days;
    /** Scoring daily: the UTC day (epoch day) of the last log event handed to the detectors. */
    private long releasedDay = Long.MIN_VALUE;

    private static Instant endOf(long epochDay) {
        return Instant.ofEpochSecond((epochDay + 1) * 86_400L);
    }

    /**
     * The time scores are computed at (the report's {@code as_of}): the last log event's. A record
     * may be dated ahead — a hire who starts next month, a termination or an address change
     * scheduled — and scoring at that date would fade every weak signal by the wait (one future hire
     * in the HR export took a worker's score from 0.13 to 0.01). Only a scan that read no logs scores
     * at its last record's time.
     */
    private Instant scoredAt() {
        return lastLog != null ? lastLog : lastAny == null ? Instant.EPOCH : lastAny;
    }

    /** Each file read on its own through Ingest: readers recognised per file, bad records quarantined. */
    private static MergedFiles.FileReader<FileSummary> fileReader(Quarantine quarantine, Mappings mappings) {
        Instant clock = Instant.now();
        return (file, sink) -> notAhead(new Ingest(null, Limits.DEFAULT, quarantine, sink, 3), clock,
                "this scan's clock").extraReaders(mappings.readers()).run(List.of(file));
    }

    /** How far past the reading clock a log event may be stamped: a clock hours fast, local time written as UTC. */
    public static final java.time.Duration AHEAD = java.time.Duration.ofDays(1);

    /**
     * {@code ingest} quarantining each log event stamped more than {@link #AHEAD} past {@code clock}
     * (a device whose clock is years off, a wrong time field), {@code clock} named as {@code whose}.
     * One such event would move the scan's last log event, the time scores are computed at, and
     * fade every weak signal by years; following Kafka, it would take its partition's watermark
     * with it. Records (HR, applicants, assets, payroll) are not limited: their dates may lie ahead
     * (a hire who starts next month).
     */
    public static Ingest notAhead(Ingest ingest, Instant clock, String whose) {
        return ingest.notAfter(clock.plus(AHEAD), "a day past " + whose, e -> !isRecord(e.type()));
    }

    /**
     * Reads {@code inputs} as a scan does — files grouped by the day they name, merged by time,
     * restored to time order through a reorder window of {@code reorderWindow} events — and hands
     * each event to {@code events}, without roster, detectors or report: the reading side alone
     * ({@code unravel bench scan --read-only}). Bad records are quarantined in memory and not
     * delivered, but counted; files not read to their end are named with why, as {@link #read}
     * tells them.
     */
    public static ReadOnly readOnly(List<Path> inputs, int reorderWindow, java.util.function.Consumer<Event> events)
            throws IOException {
        List<String> notRead = java.util.Collections.synchronizedList(new ArrayList<>());
        try (Quarantine quarantine = new Quarantine(null)) {
            long delivered = read(inputs, reorderWindow, quarantine, null, (e, prepared) -> events.accept(e),
                    (file, why) -> notRead.add(file + ": " + why));
            return new ReadOnly(delivered, quarantine.count(), List.copyOf(notRead));
        }
    }

    /**
     * What {@link #readOnly} read: the events delivered, the records quarantined, and each file not
     * read to its end ("file: why").
     */
    public record ReadOnly(long events, long quarantined, List<String> notRead) {
    }

    /**
     * Reads {@code inputs} as {@link #readOnly} does, bad records going to {@code quarantine}, and
     * tells {@code notRead} of each file, archive entry or folder not read to its end, with why
     * (passed over as hidden or a git repository, recognised by no reader, undecodable, failed
     * midway; the others are still read), as a scan's file summaries do: what {@code unravel sigma
     * match} reads, so that its correlations see the files' events as one timeline, as a scan's
     * do. When {@code prepare} is given it runs on each event on the thread that parsed it
     * (concurrently: it must be thread-safe), and its result reaches {@code events} with the
     * event, in time order (null for an event it found nothing for). Returns the events delivered.
     */
    public static long read(List<Path> inputs, int reorderWindow, Quarantine quarantine,
            java.util.function.Function<Event, Object> prepare, java.util.function.BiConsumer<Event, Object> events,
            java.util.function.BiConsumer<String, String> notRead) throws IOException {
        long[] delivered = {0};
        EventOrder order = new EventOrder(reorderWindow, (e, prepared) -> {
            delivered[0]++;
            events.accept(e, prepared);
        });
        List<List<Path>> groups = FileOrder.groups(Inputs.expand(inputs,
                (skipped, reason) -> notRead.accept(skipped.toString(), reason)), FIRST_EVENTS);
        try {
            merge(groups, fileReader(quarantine, Mappings.load(List.of())), new MergedFiles<>(prepare), order::accept,
                    (file, got) -> {
                        for (FileSummary s : got) {
                            if (s.failure() != null) {
                                notRead.accept(s.file(), s.failure());
                            }
                        }
                    });
            order.flush();
        } catch (dev.unravel.ingest.format.records.MappingException e) {
            throw new IllegalStateException(e); // no mapping files given: cannot happen
        }
        return delivered[0];
    }

    /**
     * Reads one group of files as a scan reads a day's files (side by side on threads of its own,
     * merged by time), handing each event to {@code events} with what {@code prepare} found for it
     * (or null; {@code prepare} may be null), and returns one summary per logical file. For runners
     * that share a scan's files out among processes: the Flink job gives each reader a day.
     */
    public static List<FileSummary> readGroup(List<Path> files, Quarantine quarantine, List<Path> mappings,
            java.util.function.Function<Event, Object> prepare, java.util.function.BiConsumer<Event, Object> events)
            throws IOException {
        return readGroup(files, quarantine, mappings, 0, prepare, events);
    }

    /**
     * As {@link #readGroup(List, Quarantine, List, java.util.function.Function, java.util.function.BiConsumer)},
     * with at most {@code parsers} files parsed at once (0: one per processor, as a scan): a runner
     * with several readers in one process gives each a share of the processors.
     */
    public static List<FileSummary> readGroup(List<Path> files, Quarantine quarantine, List<Path> mappings,
            int parsers, java.util.function.Function<Event, Object> prepare,
            java.util.function.BiConsumer<Event, Object> events) throws IOException {
        Mappings loaded;
        try {
            loaded = Mappings.load(mappings);
        } catch (dev.unravel.ingest.format.records.MappingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<FileSummary> summaries = new ArrayList<>();
        MergedFiles<FileSummary> merged = parsers > 0 ? new MergedFiles<>(prepare, parsers) : new MergedFiles<>(prepare);
        merge(List.of(files), fileReader(quarantine, loaded), merged, events, (file, got) -> summaries.addAll(got));
        return summaries;
    }

    /**
     * Reads {@code groups} through {@code merged}: each event, with what its {@code prepare} found
     * for it (or null), to {@code events} in time order, and each file's summaries to {@code done}
     * once its group is merged (one summary saying why, for a file whose reading failed).
     */
    private static void merge(List<List<Path>> groups, MergedFiles.FileReader<FileSummary> reader,
            MergedFiles<FileSummary> merged, java.util.function.BiConsumer<Event, Object> events,
            java.util.function.BiConsumer<Path, List<FileSummary>> done) throws java.io.InterruptedIOException {
        try {
            merged.run(groups, reader, new MergedFiles.Sink<>() {
                @Override
                public void event(Event e) {
                    events.accept(e, null);
                }

                @Override
                public void event(Event e, Object prepared) {
                    events.accept(e, prepared);
                }

                @Override
                public void fileDone(int index, Path file, List<FileSummary> got, Throwable failure) {
                    if (failure instanceof Error error) {
                        throw error;
                    }
                    done.accept(file, failure == null ? got : List.of(unreadable(file, failure)));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("read interrupted");
        }
    }

    private static FileSummary unreadable(Path file, Throwable failure) {
        return new FileSummary(file.toString(), "unreadable", 0, null, 0, 0, 0, 0, List.of(),
                "could not be read: " + failure);
    }

    private Report read(Progress progress) throws IOException {
        Mappings mappings;
        try {
            mappings = Mappings.load(options.mappings());
        } catch (dev.unravel.ingest.format.records.MappingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        List<FileSummary> summaries = new ArrayList<>();
        List<Path> found = Inputs.expand(options.inputs(),
                (skipped, reason) -> summaries.add(new FileSummary(skipped.toString(), FileSummary.SKIPPED, 0, null, 0, 0, 0, 0,
                        List.of(), reason)));
        List<List<Path>> groups = FileOrder.groups(found, FIRST_EVENTS);
        int total = found.size();
        try (Quarantine quarantine = new Quarantine(options.quarantine())) {
            int[] done = {0};
            // Rule matching and other state-free detector work runs on the reader threads (every
            // core), the rest on this one in time order.
            merge(groups, fileReader(quarantine, mappings), new MergedFiles<>(runner.prepares() ? runner::prepare : null),
                    this::arrive,
                    (file, got) -> {
                        summaries.addAll(got);
                        done[0]++;
                        for (FileSummary s : got) {
                            progress.fileDone(done[0], total, s, events);
                        }
                    });
            return finish(summaries, quarantine.count(), quarantine.written());
        }
    }

    /**
     * A scan fed by a caller that reads the events itself (the Flink job): {@link #prepare} on any
     * thread, {@link #accept} on one thread in time order, then {@link #finish} once. As a scan of
     * files does, the caller hands over the HR, applicant, asset and payroll records first, so that
     * detectors find the roster filled when log events come.
     */
    public static Scan open(Options options) {
        return new Scan(options);
    }

    /**
     * As {@link #open(Options)}, telling {@code told} of each signal as a detector finds it, with the
     * worker or applicant it is about where the roster and the activity so far say (else null): for
     * alerts as the events come, before the scan ends. Signals decided over the whole period come
     * at {@link #finish}. The report resolves every signal again at its end, with all it knows then.
     */
    public static Scan open(Options options, java.util.function.BiConsumer<Signal, String> told) {
        return new Scan(options, told);
    }

    /** Whether any detector has state-free work for {@link #prepare}; when none has, callers need not call it. */
    public boolean prepares() {
        return runner.prepares();
    }

    /**
     * The detectors' state-free work for {@code e} (Sigma matching and the like), to be handed back
     * with it to {@link #accept}; null when there is none. Thread-safe; may run in another process on
     * a scan opened with the same options (see {@link DetectorRunner#preparing()}).
     */
    public Object prepare(Event e) {
        return runner.prepare(e);
    }

    /** The run of detectors behind {@link #prepare}, for callers that carry its results between processes. */
    public DetectorRunner runner() {
        return runner;
    }

    /** Takes the next event, in time order, with what {@link #prepare} returned for it (or null). */
    public void accept(Event e, Object prepared) {
        arrive(e, prepared);
    }

    /**
     * Ends the scan after the last event: detectors finish, identities resolve, people are scored.
     *
     * @param files       what was read, one summary per file (or batch)
     * @param quarantined records rejected while reading
     * @param quarantine  where they were written, or null
     */
    public Report finish(List<FileSummary> files, long quarantined, Path quarantine) {
        order.flush();
        runner.finish();
        graph.build();
        // scored daily, the last day's report is this one: whom it flags first, it flags at that day's end
        return new ReportBuilder(options, roster, graph, addresses, activity, signals, runner.stats(), files,
                order.late(), firstLog, lastLog, scoredAt(), quarantined, quarantine)
                .firstFlaggedDaily(daily, releasedDay == Long.MIN_VALUE ? null : endOf(releasedDay))
                .repeated(repeats.records(), repeats.logs()).build();
    }

    /**
     * The report as things stand, without ending the scan: what {@link #finish} would give if the
     * input ended at the last event released from the reorder window (events still held there are
     * in the activity counts, not yet seen by the detectors). Detectors finish into a copy of the
     * signals, so that signals decided over the whole period so far are in it, and the scan goes on
     * as if this had not been asked: a long-running job scores as it goes. On the scan's thread.
     */
    public Report interim(List<FileSummary> files, long quarantined, Path quarantine) {
        return interim(files, quarantined, quarantine, null);
    }

    /** {@link #interim}; {@code dayEnd}: the end of the day this is the report of, when scoring daily. */
    private Report interim(List<FileSummary> files, long quarantined, Path quarantine, Instant dayEnd) {
        SignalStore sofar = signals.copy();
        return runner.interim(sofar::add, () -> {
            graph.build();
            return new ReportBuilder(options, roster, graph, addresses, activity, sofar, runner.stats(), files,
                    order.late(), firstLog, lastLog, scoredAt(), quarantined, quarantine)
                    .firstFlaggedDaily(daily, dayEnd).repeated(repeats.records(), repeats.logs()).build();
        });
    }

    /** The note of a log event that resolved to no worker on arrival (records carry no note). */
    private static final Object NOBODY = new Object();

    /** An event's note in the reorder window when detectors prepared something for it. */
    private record Noted(Object resolved, Object prepared) {
    }

    private void arrive(Event e, Object prepared) {
        events++;
        if (repeats.arriving(e, isRecord(e.type()))) {
            // a row read before, unchanged (another day's snapshot of the export), or a log event
            // read twice (the same export in two folders): nothing new, and counting it again would
            // double what detectors add up
            return;
        }
        Object resolved = null;
        roster.observe(e);
        e = roster.named(e); // Falcon's sensor ids and SIDs as the computer and account they stand for
        graph.observe(e);
        addresses.observe(e);
        Instant t = e.time();
        // Undated rows (a WMI monitor inventory records no time) say what a device has, not when anyone worked.
        if (isRecord(e.type()) || t.getEpochSecond() <= 0) {
            if (t.getEpochSecond() > 0 && (lastAny == null || t.isAfter(lastAny))) {
                lastAny = t;
            }
        } else {
            String worker = activity.accept(e);
            resolved = worker != null ? worker : NOBODY;
            if (firstLog == null || t.isBefore(firstLog)) {
                firstLog = t;
            }
            if (lastLog == null || t.isAfter(lastLog)) {
                lastLog = t;
            }
            if (lastAny == null || t.isAfter(lastAny)) {
                lastAny = t;
            }
        }
        order.accept(e, prepared == null ? resolved : new Noted(resolved, prepared));
    }

    private void release(Event e, Object note) {
        if (!isRecord(e.type()) && repeats.released(e)) {
            // a copy that arrived apart from its original (exports of two days that overlap at
            // midnight), brought beside it by the reorder window: the detectors do not see it twice
            return;
        }
        // scoring daily: the first event of a new day ends the last one, before the detectors see it
        if (daily != null && !isRecord(e.type()) && e.time().getEpochSecond() > 0) {
            long day = Math.floorDiv(e.time().getEpochSecond(), 86_400L);
            if (day > releasedDay) {
                if (releasedDay != Long.MIN_VALUE) {
                    days.ended(interim(days.files(), days.quarantined(), days.quarantine(), endOf(releasedDay)));
                }
                releasedDay = day;
            }
        }
        Object resolved = note;
        Object prepared = null;
        if (note instanceof Noted n) {
            resolved = n.resolved();
            prepared = n.prepared();
        }
        if (resolved != null) {
            roster.resolved(e, resolved == NOBODY ? null : (String) resolved);
        }
        runner.accept(e, prepared); // null when nothing was prepared ahead: no detector prepares then
    }

    /**
     * Checks {@code options} as a scan checks them at its start — settings for a detector that does
     * not exist, a detector's own settings — without starting one: for runners that start scans
     * elsewhere (the Flink job checks before it is submitted).
     *
     * @throws IllegalArgumentException naming the setting
     */
    public static void check(Options options) {
        checkSettings(options.detectors() != null ? options.detectors() : Detectors.builtIn(options.detect()),
                options.detect());
    }

    /** Settings for a detector that does not exist (a typo) would otherwise be silently ignored. */
    static void checkSettings(List<Detector> detectors, DetectConfig config) {
        java.util.Set<String> ids = new java.util.TreeSet<>();
        for (Detector d : detectors) {
            ids.add(d.id());
        }
        for (String id : config.settings().keySet()) {
            if (!ids.contains(id)) {
                throw new IllegalArgumentException("detectors." + id + ": no such detector (unravel detectors lists "
                        + "them: " + String.join(", ", ids) + ")");
            }
        }
        for (Detector d : detectors) {
            d.check(config.settingsOf(d.id()));
        }
    }

    /** Places a log file whose path names no date (FDR's uuid batches) by its first event. */
    public static final FileOrder.FirstEvents FIRST_EVENTS = new dev.unravel.engine.run.FirstEventPeek(Scan::isRecord);

    /** HR, applicant, asset, payroll and reference records: declarations, not activity. */
    public static boolean isRecord(String type) {
        return type.startsWith("hr.") || type.startsWith("applicant.") || type.startsWith("asset.")
                || type.startsWith("payroll.") || type.startsWith("reference.");
    }

    /** Signals by subject, capped per subject and detector. */
    static final class SignalStore {
        private final int perDetector;
        final Map<EntityRef, Map<String, List<Signal>>> bySubject = new LinkedHashMap<>();
        long notKept;

        SignalStore(int perDetector) {
            this.perDetector = perDetector;
        }

        /** A copy to which more can be added without changing this store. */
        SignalStore copy() {
            SignalStore c = new SignalStore(perDetector);
            bySubject.forEach((subject, byDetector) -> {
                Map<String, List<Signal>> m = new HashMap<>();
                byDetector.forEach((detector, list) -> m.put(detector, new ArrayList<>(list)));
                c.bySubject.put(subject, m);
            });
            c.notKept = notKept;
            return c;
        }

        void add(Signal s) {
            List<Signal> list = bySubject.computeIfAbsent(s.subject(), k -> new HashMap<>())
                    .computeIfAbsent(s.detector(), k -> new ArrayList<>());
            if (list.size() < perDetector) {
                list.add(s);
                return;
            }
            // keep the strongest: replace the weakest kept when this one is stronger
            int weakest = 0;
            for (int i = 1; i < list.size(); i++) {
                if (list.get(i).strength() < list.get(weakest).strength()) {
                    weakest = i;
                }
            }
            if (s.strength() > list.get(weakest).strength()) {
                list.set(weakest, s);
            }
            notKept++;
        }
    }
}
