package dev.unravel.server;

import dev.unravel.core.cases.CaseStatus;
import dev.unravel.core.cases.Disposition;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases;
import dev.unravel.store.StoredCases.CaseOutcome;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the cases went, for whoever runs the program and reports on it: how many were opened (by
 * scans, by hand) and decided each month, how long a decision takes, how early the evidence came
 * for the workers found to be part of the scheme, and — for tuning — how the cases each detector
 * took part in were decided. A detector whose cases end benign again and again wants a setting
 * changed (an allow-list, a threshold); one behind most fraud decisions earns its weight.
 */
public final class CaseStats {

    private CaseStats() {
    }

    /** The figures; times in days. */
    public record Stats(int cases, Map<String, Integer> byStatus, Map<String, Integer> byDisposition, int openedByHand,
            List<Month> months, Days toDecision, Map<String, Days> toDecisionBy, Early early,
            List<DetectorOutcome> detectors) {
    }

    /** One calendar month (UTC): cases opened in it (by scans, by hand) and cases closed in it, by decision. */
    public record Month(String month, int openedByScan, int openedByHand, int fraud, int benign, int inconclusive) {
    }

    /** A spread of durations in days: how many, the median and the 90th percentile (null when none). */
    public record Days(int n, Double median, Double p90) {

        static Days of(List<Double> days) {
            if (days.isEmpty()) {
                return new Days(0, null, null);
            }
            List<Double> sorted = days.stream().sorted().toList();
            return new Days(sorted.size(), percentile(sorted, 0.5), percentile(sorted, 0.9));
        }

        /** Nearest-rank percentile, with the median of an even count the mean of the middle two. */
        private static double percentile(List<Double> sorted, double p) {
            if (p == 0.5 && sorted.size() % 2 == 0) {
                return (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            }
            int rank = (int) Math.ceil(p * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
        }
    }

    /**
     * For the workers whose cases were decided fraud: how many, how many with a hire date, how many
     * of those had their first finding before the start date, the days from the hire date to the first
     * finding, and from the first finding to the case's opening (how long the evidence waited).
     */
    public record Early(int fraudWorkers, int withHireDate, int beforeStart, Days hireToFirstFinding,
            Days firstFindingToCase) {
    }

    /** The cases a detector (or Sigma rule) took part in, by where they stand. */
    public record DetectorOutcome(String detector, String stage, int cases, int active, int fraud, int benign,
            int inconclusive) {

        /** Fraud among the decided cases, or null when none is decided. */
        @com.fasterxml.jackson.annotation.JsonProperty("fraud_share")
        public Double fraudShare() {
            int decided = fraud + benign + inconclusive;
            return decided == 0 ? null : (double) fraud / decided;
        }
    }

    public static Stats of(Store store) {
        List<CaseOutcome> all = store.outcomes();
        Map<Long, List<StoredCases.FindingKind>> kinds = store.findingKinds(all.stream().map(CaseOutcome::id).toList());
        return of(all, kinds);
    }

    static Stats of(List<CaseOutcome> all, Map<Long, List<StoredCases.FindingKind>> kinds) {
        Map<String, Integer> byStatus = new LinkedHashMap<>();
        for (CaseStatus s : CaseStatus.values()) {
            byStatus.put(s.id(), 0);
        }
        Map<String, Integer> byDisposition = new LinkedHashMap<>();
        for (Disposition d : Disposition.values()) {
            byDisposition.put(d.id(), 0);
        }
        TreeMap<String, int[]> months = new TreeMap<>();
        List<Double> decision = new ArrayList<>();
        Map<String, List<Double>> decisionBy = new LinkedHashMap<>();
        int byHand = 0;
        int fraudWorkers = 0;
        int withHire = 0;
        int beforeStart = 0;
        List<Double> hireToFirst = new ArrayList<>();
        List<Double> firstToCase = new ArrayList<>();
        Map<String, DetectorOutcome> detectors = new LinkedHashMap<>();
        for (CaseOutcome c : all) {
            byStatus.merge(c.status().id(), 1, Integer::sum);
            int[] opened = months.computeIfAbsent(month(c.openedAt()), m -> new int[5]);
            opened[c.openedBy() == null ? 0 : 1]++;
            if (c.openedBy() != null) {
                byHand++;
            }
            boolean closed = c.status() == CaseStatus.CLOSED && c.disposition() != null;
            if (closed) {
                byDisposition.merge(c.disposition().id(), 1, Integer::sum);
                if (c.closedAt() != null) {
                    months.computeIfAbsent(month(c.closedAt()), m -> new int[5])[2 + c.disposition().ordinal()]++;
                    double days = days(Duration.between(c.openedAt(), c.closedAt()));
                    decision.add(days);
                    decisionBy.computeIfAbsent(c.disposition().id(), k -> new ArrayList<>()).add(days);
                }
            }
            if (closed && c.disposition() == Disposition.FRAUD && c.kind().equals("worker")) {
                fraudWorkers++;
                Instant first = instant(c.firstFinding());
                LocalDate hired = date(c.hireDate());
                if (hired != null && first != null) {
                    withHire++;
                    double days = days(Duration.between(hired.atStartOfDay(ZoneOffset.UTC).toInstant(), first));
                    hireToFirst.add(days);
                    if (days < 0) {
                        beforeStart++;
                    }
                }
                if (first != null) {
                    firstToCase.add(Math.max(0, days(Duration.between(first, c.openedAt().toInstant()))));
                }
            }
            for (StoredCases.FindingKind k : kinds.getOrDefault(c.id(), List.of())) {
                DetectorOutcome d = detectors.getOrDefault(k.detector(), new DetectorOutcome(k.detector(), k.stage(), 0,
                        0, 0, 0, 0));
                detectors.put(k.detector(), new DetectorOutcome(d.detector(), d.stage(), d.cases() + 1,
                        d.active() + (c.status().active() ? 1 : 0),
                        d.fraud() + (closed && c.disposition() == Disposition.FRAUD ? 1 : 0),
                        d.benign() + (closed && c.disposition() == Disposition.BENIGN ? 1 : 0),
                        d.inconclusive() + (closed && c.disposition() == Disposition.INCONCLUSIVE ? 1 : 0)));
            }
        }
        List<Month> perMonth = new ArrayList<>();
        months.forEach((m, n) -> perMonth.add(new Month(m, n[0], n[1], n[2 + Disposition.FRAUD.ordinal()],
                n[2 + Disposition.BENIGN.ordinal()], n[2 + Disposition.INCONCLUSIVE.ordinal()])));
        Map<String, Days> decisionDays = new LinkedHashMap<>();
        for (Disposition d : Disposition.values()) {
            decisionDays.put(d.id(), Days.of(decisionBy.getOrDefault(d.id(), List.of())));
        }
        List<DetectorOutcome> ranked = new ArrayList<>(detectors.values());
        ranked.sort(Comparator.comparingInt(DetectorOutcome::cases).reversed()
                .thenComparing(DetectorOutcome::detector));
        return new Stats(all.size(), byStatus, byDisposition, byHand, perMonth, Days.of(decision), decisionDays,
                new Early(fraudWorkers, withHire, beforeStart, Days.of(hireToFirst), Days.of(firstToCase)), ranked);
    }

    /** Counts in words: "open 5, investigating 0, …". */
    public static String counts(Map<String, Integer> m) {
        return m.entrySet().stream().map(x -> x.getKey() + " " + x.getValue())
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** A spread of durations in words: the median and, from five cases on, the 90th percentile. */
    public static String words(Days d) {
        return d.n() == 0 ? "none yet" : "median " + span(d.median()) + (d.n() < 5 ? "" : ", 90th percentile "
                + span(d.p90())) + " (" + dev.unravel.core.Count.of(d.n(), "case", "cases") + ")";
    }

    /** Days in words: hours under a day; "before" when negative. */
    public static String span(double days) {
        double a = Math.abs(days);
        String size = a < 1.0 / 24 ? "under an hour" : a < 1 ? String.format(java.util.Locale.ROOT, "%.0f hours",
                a * 24) : String.format(java.util.Locale.ROOT, "%.1f days", a);
        return days < 0 ? size + " before" : size;
    }

    private static String month(OffsetDateTime t) {
        return t.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate().toString().substring(0, 7);
    }

    private static double days(Duration d) {
        return d.toSeconds() / 86_400.0;
    }

    private static Instant instant(String iso) {
        if (iso == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(iso).toInstant();
        } catch (DateTimeParseException e) {
            return null; // a finding whose time this version cannot read counts as none
        }
    }

    private static LocalDate date(String day) {
        if (day == null) {
            return null;
        }
        try {
            return LocalDate.parse(day);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
