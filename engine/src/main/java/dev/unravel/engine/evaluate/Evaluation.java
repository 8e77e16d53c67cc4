package dev.unravel.engine.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How good a scan's ranking is against the simulator's ground truth: precision, recall and F1 of
 * the workers at level high or above; average precision over the whole ranking; false positives per
 * 1,000 workers scanned; and per fraudulent worker whether, when and how early they were flagged.
 * The JSON keys are the issue's: {@code precision, recall, f1, average_precision, fp_per_1000,
 * median_hours_hire_to_flag, share_flagged_before_exfil, per_persona, workers}, plus counts and
 * {@code hired_after_period}: fraudulent workers of the truth file hired after the scanned period
 * ended, who are not in the data and count neither as found nor as missed.
 */
public final class Evaluation {

    public static final String TRUTH_SCHEMA = "unravel.sim.truth/1";
    private static final Set<String> FLAGGED = Set.of("high", "critical");

    /** One fraudulent worker from the truth file. */
    public record Fraud(String employeeId, String persona, Instant hired, Instant firstExfiltration) {
    }

    /** The outcome for one fraudulent worker. */
    public record WorkerOutcome(String employeeId, String persona, boolean detected, String level, double score,
            Integer rank, String firstFlaggedAt, Double hoursHireToFlag, Boolean flaggedBeforeExfil,
            String firstFlaggedDaily, Double hoursHireToFlagDaily, Boolean flaggedBeforeExfilDaily) {
    }

    /**
     * How daily runs would have done, for a report scored daily ({@code unravel scan --daily}): the
     * fraudulent workers a daily run flagged at some point, the median hours from hire to that
     * day's end, the share flagged so before their first exfiltration; and the workers who are not
     * fraudulent whom a daily run flagged at some point (a false alarm along the way, whether or not
     * the final report still flags them).
     */
    public record Daily(int fraudulentFlagged, Double medianHoursHireToFlag, Double shareFlaggedBeforeExfil,
            int othersFlagged, List<String> othersFlaggedIds) {
    }

    public record PersonaRecall(int workers, int detected, double recall) {
    }

    public record Metrics(double precision, double recall, double f1, double averagePrecision,
            @com.fasterxml.jackson.annotation.JsonProperty("fp_per_1000") double fpPer1000,
            Double medianHoursHireToFlag, Double shareFlaggedBeforeExfil, Map<String, PersonaRecall> perPersona,
            List<WorkerOutcome> workers, int workersScanned, int flagged, int truePositives, int falsePositives,
            List<String> falsePositiveIds, List<String> hiredAfterPeriod, Map<String, DetectorPrecision> perDetector,
            Daily daily) {
    }

    /**
     * One detector judged on its own, by the workers it raised a signal on: how many were
     * fraudulent (precision) and how many of the fraudulent it found (recall); also at strong
     * signals only (strength at least {@link #STRONG}), where a lone detector's word carries weight.
     */
    public record DetectorPrecision(int workers, int fraudulent, double precision, double recall, int strongWorkers,
            int strongFraudulent, Double strongPrecision) {
    }

    /** A signal this strong is one an analyst acts on by itself. */
    public static final double STRONG = 0.5;

    private Evaluation() {
    }

    /** Reads the truth file; a file of another shape is an error naming it and what is wrong. */
    public static List<Fraud> readTruth(Path file) throws IOException {
        JsonNode root;
        try {
            root = ReportJson.mapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not JSON (" + e.getOriginalMessage() + ")");
        }
        if (root == null || !TRUTH_SCHEMA.equals(root.path("schema").asText())) {
            throw new IllegalArgumentException(file + ": not a ground-truth file of schema " + TRUTH_SCHEMA
                    + " (the simulator writes one as truth.json)");
        }
        JsonNode list = root.path("fraudulent_workers");
        if (!list.isArray()) {
            throw new IllegalArgumentException(file + ": \"fraudulent_workers\" must be an array");
        }
        List<Fraud> out = new ArrayList<>();
        int i = 0;
        for (JsonNode w : list) {
            i++;
            String id = w.path("employee_id").asText(null);
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException(file + ": fraudulent_workers[" + i + "] has no employee_id");
            }
            Instant hired = null;
            Instant exfil = null;
            for (JsonNode s : w.path("steps")) {
                String step = s.path("step").asText("");
                Instant t = instant(s.path("time").asText(null), file, id);
                if (step.equals("hired")) {
                    hired = t;
                } else if (step.equals("first_exfiltration")) {
                    exfil = t;
                }
            }
            out.add(new Fraud(id, w.path("persona").asText("unknown"), hired, exfil));
        }
        return out;
    }

    private static Instant instant(String s, Path file, String id) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(file + ": step time of " + id + " is not an ISO-8601 instant: " + s);
        }
    }

    public static Metrics evaluate(List<Fraud> truth, Report report) {
        // A fraudulent worker hired after the last scanned event is not in the data yet (the
        // simulator's truth runs past its logs): counted apart, not as a miss.
        Instant end = report.period() == null ? null : reportTime(report.period().to(), "period.to");
        Map<String, Fraud> frauds = new LinkedHashMap<>();
        List<String> notYetHired = new ArrayList<>();
        for (Fraud f : truth) {
            if (end != null && f.hired() != null && f.hired().isAfter(end)) {
                notYetHired.add(f.employeeId());
            } else {
                frauds.put(f.employeeId(), f);
            }
        }
        Map<String, Report.WorkerEntry> byId = new HashMap<>();
        int flagged = 0;
        int tp = 0;
        List<String> fps = new ArrayList<>();
        // average precision over the ranking: precision at each fraudulent worker's rank
        double apSum = 0;
        int seenFrauds = 0;
        int position = 0;
        for (Report.WorkerEntry w : report.workers()) {
            byId.put(w.workerId(), w);
            position++;
            boolean fraud = frauds.containsKey(w.workerId());
            if (fraud && w.score() > 0) {
                seenFrauds++;
                apSum += (double) seenFrauds / position;
            }
            if (FLAGGED.contains(w.level())) {
                flagged++;
                if (fraud) {
                    tp++;
                } else {
                    fps.add(w.workerId());
                }
            }
        }
        int positives = frauds.size();
        double precision = flagged == 0 ? 0 : (double) tp / flagged;
        double recall = positives == 0 ? 0 : (double) tp / positives;
        double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        double ap = positives == 0 ? 0 : apSum / positives;
        int scanned = Math.max(report.workersScanned(), report.workers().size());
        double fpPer1000 = scanned == 0 ? 0 : 1000.0 * fps.size() / scanned;

        List<WorkerOutcome> outcomes = new ArrayList<>();
        List<Double> hours = new ArrayList<>();
        int withExfil = 0;
        int beforeExfil = 0;
        boolean scoredDaily = report.workers().stream().anyMatch(w -> w.firstFlaggedDaily() != null);
        List<Double> dailyHours = new ArrayList<>();
        int dailyFlagged = 0;
        int dailyBeforeExfil = 0;
        Map<String, int[]> persona = new LinkedHashMap<>();
        for (Fraud f : frauds.values()) {
            Report.WorkerEntry w = byId.get(f.employeeId());
            boolean detected = w != null && FLAGGED.contains(w.level());
            Instant flaggedAt = w == null ? null : reportTime(w.firstFlaggedAt(), "first_flagged_at of " + w.workerId());
            Double h = detected && flaggedAt != null && f.hired() != null
                    ? Duration.between(f.hired(), flaggedAt).toMinutes() / 60.0 : null;
            if (h != null) {
                hours.add(h);
            }
            Boolean before = null;
            if (f.firstExfiltration() != null) {
                withExfil++;
                before = detected && flaggedAt != null && flaggedAt.isBefore(f.firstExfiltration());
                if (before) {
                    beforeExfil++;
                }
            }
            int[] p = persona.computeIfAbsent(f.persona(), k -> new int[2]);
            p[0]++;
            if (detected) {
                p[1]++;
            }
            Instant daily = w == null ? null : reportTime(w.firstFlaggedDaily(), "first_flagged_daily of "
                    + w.workerId());
            Double dh = daily != null && f.hired() != null ? Duration.between(f.hired(), daily).toMinutes() / 60.0
                    : null;
            Boolean dailyBefore = null;
            if (daily != null) {
                dailyFlagged++;
                if (dh != null) {
                    dailyHours.add(dh);
                }
            }
            if (scoredDaily && f.firstExfiltration() != null) {
                dailyBefore = daily != null && daily.isBefore(f.firstExfiltration());
                dailyBeforeExfil += dailyBefore ? 1 : 0;
            }
            outcomes.add(new WorkerOutcome(f.employeeId(), f.persona(), detected, w == null ? "low" : w.level(),
                    w == null ? 0 : w.score(), w == null ? null : w.rank(), w == null ? null : w.firstFlaggedAt(),
                    h == null ? null : round(h), before, daily == null ? null : daily.toString(),
                    dh == null ? null : round(dh), dailyBefore));
        }
        Map<String, PersonaRecall> perPersona = new LinkedHashMap<>();
        for (var e : persona.entrySet()) {
            perPersona.put(e.getKey(), new PersonaRecall(e.getValue()[0], e.getValue()[1],
                    round((double) e.getValue()[1] / e.getValue()[0])));
        }
        return new Metrics(round(precision), round(recall), round(f1), round(ap), round(fpPer1000),
                hours.isEmpty() ? null : round(median(hours)), withExfil == 0 ? null : round((double) beforeExfil
                        / withExfil), perPersona, outcomes, scanned, flagged, tp, fps.size(), fps, notYetHired,
                perDetector(report, frauds.keySet()), !scoredDaily ? null : daily(dailyFlagged, dailyHours,
                        withExfil == 0 ? null : round((double) dailyBeforeExfil / withExfil),
                        othersFlagged(report, frauds.keySet())));
    }

    private static Daily daily(int fraudulentFlagged, List<Double> hours, Double shareBeforeExfil,
            List<String> others) {
        return new Daily(fraudulentFlagged, hours.isEmpty() ? null : round(median(hours)), shareBeforeExfil,
                others.size(), others);
    }

    /** Workers who are not fraudulent whom a daily run flagged at some point, by id. */
    private static List<String> othersFlagged(Report report, java.util.Set<String> frauds) {
        return report.workers().stream().filter(w -> w.firstFlaggedDaily() != null && !frauds.contains(w.workerId()))
                .map(Report.WorkerEntry::workerId).sorted().toList();
    }

    /** Per detector id, the workers it raised signals on against the fraudulent ones, sorted by id. */
    static Map<String, DetectorPrecision> perDetector(Report report, java.util.Set<String> frauds) {
        Map<String, int[]> counts = new java.util.TreeMap<>();
        for (Report.WorkerEntry w : report.workers()) {
            boolean fraud = frauds.contains(w.workerId());
            for (Report.ContributionEntry c : w.contributions()) {
                int[] n = counts.computeIfAbsent(c.detector(), k -> new int[4]);
                n[0]++;
                n[1] += fraud ? 1 : 0;
                if (c.strongest() >= STRONG) {
                    n[2]++;
                    n[3] += fraud ? 1 : 0;
                }
            }
        }
        Map<String, DetectorPrecision> out = new LinkedHashMap<>();
        counts.forEach((id, n) -> out.put(id, new DetectorPrecision(n[0], n[1], round((double) n[1] / n[0]),
                frauds.isEmpty() ? 0 : round((double) n[1] / frauds.size()), n[2], n[3],
                n[2] == 0 ? null : round((double) n[3] / n[2]))));
        return out;
    }

    /** A time from the report; a hand-edited report with a malformed one gets a clear message. */
    private static Instant reportTime(String s, String what) {
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the report's " + what + " is not an ISO-8601 instant: " + s);
        }
    }

    static double median(List<Double> values) {
        List<Double> v = new ArrayList<>(values);
        v.sort(null);
        int n = v.size();
        return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2.0;
    }

    private static double round(double v) {
        return Math.round(v * 10_000.0) / 10_000.0;
    }
}
