package dev.unravel.engine.report;

import java.util.List;
import java.util.Map;

/**
 * The result of a scan, as written to {@code report.json} (schema {@value #SCHEMA}, documented in
 * the README): workers ranked by risk with the signals and evidence behind each score, applicants
 * never hired who drew signals, clusters of people tied by shared identifiers, and what was read.
 * Field names are written in snake_case.
 */
public record Report(
        String schema,
        String generatedAt,
        String unravelVersion,
        List<String> inputs,
        Period period,
        IngestStats ingest,
        List<DetectorStats> detectors,
        ResolutionStats resolution,
        int workersScanned,
        Map<String, Integer> levels,
        List<WorkerEntry> workers,
        List<ApplicantEntry> applicants,
        List<ClusterEntry> clusters,
        String scoring,
        boolean piiKeyEphemeral,
        List<UnresolvedEntry> unresolved,
        List<EvidenceFile> evidenceFiles) {

    public static final String SCHEMA = "unravel.report/1";

    /** A report without the evidence files' fingerprints (reports written before they were kept, tests). */
    public Report(String schema, String generatedAt, String unravelVersion, List<String> inputs, Period period,
            IngestStats ingest, List<DetectorStats> detectors, ResolutionStats resolution, int workersScanned,
            Map<String, Integer> levels, List<WorkerEntry> workers, List<ApplicantEntry> applicants,
            List<ClusterEntry> clusters, String scoring, boolean piiKeyEphemeral, List<UnresolvedEntry> unresolved) {
        this(schema, generatedAt, unravelVersion, inputs, period, ingest, detectors, resolution, workersScanned, levels,
                workers, applicants, clusters, scoring, piiKeyEphemeral, unresolved, List.of());
    }

    public Report {
        evidenceFiles = evidenceFiles == null ? List.of() : evidenceFiles;
    }

    /**
     * What the scan could not see ({@link Coverage}), written with the report for other tools:
     * {@code blind_stages} and {@code unseen} (each {@code detector}, {@code stage}, {@code reads}).
     * Derived from {@link #detectors}, so a report read back recomputes it.
     */
    @com.fasterxml.jackson.annotation.JsonProperty(value = "coverage",
            access = com.fasterxml.jackson.annotation.JsonProperty.Access.READ_ONLY)
    public Map<String, Object> coverage() {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("blind_stages", Coverage.blindStages(this).stream().map(dev.unravel.core.Stage::id).toList());
        m.put("unseen", Coverage.unseen(this).stream().map(u -> {
            Map<String, Object> v = new java.util.LinkedHashMap<>();
            v.put("detector", u.detector());
            v.put("stage", u.stage().id());
            v.put("reads", u.reads());
            return v;
        }).toList());
        return m;
    }

    /**
     * A file that the findings of the scored people cite, as it was when the report was written: so
     * that a record shown later ({@code unravel ingest show}, the console) can be told unchanged or
     * not. {@code path} is the file on disk (an archive for the records inside it).
     */
    public record EvidenceFile(String path, long bytes, String modified, String sha256) {
    }

    /** {@link #unresolved} lists at most this many subjects; {@link ResolutionStats} keeps the full counts. */
    public static final int MAX_UNRESOLVED = 100;

    /** First and last event time among the logs (records excluded), and the time scores are computed at. */
    public record Period(String from, String to, String asOf) {
    }

    /**
     * @param recordsRepeated HR, applicant, asset and payroll rows read again unchanged (each day's
     *                        snapshot of an export) and passed on once
     * @param eventsRepeated  log events read twice (the same export in two folders, overlapping
     *                        exports of a day) and passed on once
     */
    public record IngestStats(int files, long records, long events, long quarantined, String quarantineFile,
            long lateEvents, int reorderWindow, Map<String, FormatStats> byFormat, List<FileProblem> problems,
            long recordsRepeated, long eventsRepeated) {

        /** Without repeats (a report from before they were counted). */
        public IngestStats(int files, long records, long events, long quarantined, String quarantineFile,
                long lateEvents, int reorderWindow, Map<String, FormatStats> byFormat, List<FileProblem> problems) {
            this(files, records, events, quarantined, quarantineFile, lateEvents, reorderWindow, byFormat, problems, 0,
                    0);
        }

        /** The listed files that went wrong, without those passed over on purpose. */
        public List<FileProblem> wrongFiles() {
            return problems == null ? List.of() : problems.stream()
                    .filter(p -> !dev.unravel.ingest.FileSummary.SKIPPED.equals(p.format())).toList();
        }

        /** Files passed over on purpose (git repositories, hidden files). */
        public int passedOver() {
            FormatStats s = byFormat == null ? null : byFormat.get(dev.unravel.ingest.FileSummary.SKIPPED);
            return s == null ? 0 : s.files();
        }
    }

    public record FormatStats(int files, long records, long events, long quarantined) {
    }

    /** A file that could not be read to its end, was not recognised, or had rejected records. */
    public record FileProblem(String file, String format, long quarantined, String problem) {
    }

    public record DetectorStats(String id, String description, String stage, String needs, long events, long signals,
            long signalsUnresolved, long evictions, Map<String, Long> skipped, long failures, String firstFailure,
            List<String> notes) {

        /** Without notes: reports written before detectors could leave any. */
        public DetectorStats(String id, String description, String stage, String needs, long events, long signals,
                long signalsUnresolved, long evictions, Map<String, Long> skipped, long failures, String firstFailure) {
            this(id, description, stage, needs, events, signals, signalsUnresolved, evictions, skipped, failures,
                    firstFailure, List.of());
        }

        /** Without what it needs: reports written before detectors declared it. */
        public DetectorStats(String id, String description, String stage, long events, long signals,
                long signalsUnresolved, long evictions, Map<String, Long> skipped, long failures, String firstFailure) {
            this(id, description, stage, null, events, signals, signalsUnresolved, evictions, skipped, failures,
                    firstFailure);
        }

        /** Without a stage: reports written before detectors declared theirs, tests. */
        public DetectorStats(String id, String description, long events, long signals, long signalsUnresolved,
                long evictions, Map<String, Long> skipped, long failures, String firstFailure) {
            this(id, description, null, null, events, signals, signalsUnresolved, evictions, skipped, failures,
                    firstFailure);
        }
    }

    /**
     * How log events and signals were tied to people; {@code signalsResolvedByAddress} of the
     * resolved signals were about an address, tied through the device that held it then
     * ({@code addressesKnown} addresses were held by a known device, from its osquery, Sysmon or
     * DHCP records).
     */
    public record ResolutionStats(long eventsResolved, long eventsUnresolved, long aliasesLearned,
            long signalsResolved, long signalsUnresolved, long signalsNotKept, long signalsResolvedByAddress,
            long addressesKnown) {

        public ResolutionStats(long eventsResolved, long eventsUnresolved, long aliasesLearned, long signalsResolved,
                long signalsUnresolved, long signalsNotKept) {
            this(eventsResolved, eventsUnresolved, aliasesLearned, signalsResolved, signalsUnresolved, signalsNotKept,
                    0, 0);
        }
    }

    public record WorkerEntry(
            int rank,
            String workerId,
            String name,
            String department,
            String title,
            String declaredCountry,
            String declaredTimeZone,
            String hireDate,
            String terminationDate,
            double score,
            String level,
            double ownScore,
            double clusterAdd,
            List<String> stages,
            List<String> families,
            String firstFlaggedAt,
            String cluster,
            ActivityEntry activity,
            List<ContributionEntry> contributions,
            long signalsTotal,
            List<SignalEntry> signals,
            String firstFlaggedDaily) {

        /**
         * An entry of a scan not scored daily. {@code firstFlaggedDaily}, when scored daily: the end of
         * the first day whose report as things stand put the worker at high or above — when a daily run
         * would have flagged them, where {@code firstFlaggedAt} is read back from the signals' times
         * (with what was decided over the whole period at the time of its evidence).
         */
        public WorkerEntry(int rank, String workerId, String name, String department, String title,
                String declaredCountry, String declaredTimeZone, String hireDate, String terminationDate, double score,
                String level, double ownScore, double clusterAdd, List<String> stages, List<String> families,
                String firstFlaggedAt, String cluster, ActivityEntry activity, List<ContributionEntry> contributions,
                long signalsTotal, List<SignalEntry> signals) {
            this(rank, workerId, name, department, title, declaredCountry, declaredTimeZone, hireDate, terminationDate,
                    score, level, ownScore, clusterAdd, stages, families, firstFlaggedAt, cluster, activity,
                    contributions, signalsTotal, signals, null);
        }
    }

    public record ApplicantEntry(String applicantId, String name, double score, String level, List<String> stages,
            String cluster, long signalsTotal, List<SignalEntry> signals) {
    }

    /** Log events per UTC hour of day (index 0 = 00:00–00:59 UTC), with first and last activity. */
    public record ActivityEntry(long events, String first, String last, int[] byHourUtc) {
    }

    public record ContributionEntry(String detector, String stage, int signals, double strongest,
            double contribution) {
    }

    /**
     * One signal; evidence as {@code file#record} references to the original events; {@code via}, for
     * a signal about an address, says which device held the address then and how that is known
     * (null when the subject names the worker, an account or a device itself).
     */
    public record SignalEntry(String time, String detector, String stage, String technique, double strength,
            String subject, String explanation, List<String> evidence, String via) {

        public SignalEntry(String time, String detector, String stage, String technique, double strength,
                String subject, String explanation, List<String> evidence) {
            this(time, detector, stage, technique, strength, subject, explanation, evidence, null);
        }

        /** {@code s} as the report writes it; {@code via} as above, or null. */
        public static SignalEntry of(dev.unravel.core.Signal s, String via) {
            return new SignalEntry(s.time().toString(), s.detector(), s.stage().id(), s.technique(), s.strength(),
                    s.subject().toString(), s.explanation(),
                    s.evidence().stream().map(dev.unravel.core.EventRef::toString).toList(), via);
        }
    }

    /**
     * Signals about a subject (an account, a machine, an address) that no HR, asset or identity
     * record ties to a worker or applicant: not scored, but listed so that a finding is never
     * dropped from sight, and so that the analyst sees which roster or asset record is missing.
     */
    public record UnresolvedEntry(String subject, long signalsTotal, double strongest, List<String> detectors,
            String first, String last, List<SignalEntry> signals) {
    }

    public record ClusterEntry(String id, List<String> workers, List<String> applicants, List<TieEntry> ties) {
    }

    /** One shared identifier: its kind, a short keyed-hash reference, and for addresses the address. */
    public record TieEntry(String kind, String reference, String display, List<String> people) {
    }
}
