package dev.unravel.server;

import dev.unravel.core.cases.Assessment;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.store.StoredCases.ScanInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A scan's report as the store keeps it: the scan's particulars with the whole JSON, and each
 * scored worker and applicant as an assessment. Here, where the engine and the store meet, so that
 * every runner of scans (the command line now, an ingest API later) saves them alike.
 */
public final class ReportRecords {

    private ReportRecords() {
    }

    public static ScanInfo scanInfo(Report r) throws IOException {
        return new ScanInfo(r.generatedAt(), r.unravelVersion(), r.inputs(),
                r.period() == null ? null : r.period().from(), r.period() == null ? null : r.period().to(),
                r.ingest().records(), r.ingest().events(), r.ingest().quarantined(),
                ReportJson.mapper().writeValueAsString(r));
    }

    /** Every worker and applicant the report scored. */
    public static List<Assessment> assessments(Report r) {
        Map<String, List<Assessment.Tie>> ties = ties(r);
        List<Assessment> out = new ArrayList<>();
        for (Report.WorkerEntry w : r.workers()) {
            out.add(new Assessment(w.workerId(), "worker", w.name(), w.score(), w.level(), w.stages(),
                    findings(w.signals()), day(w.hireDate()), day(w.terminationDate()),
                    ties.getOrDefault("worker\u0000" + w.workerId(), List.of())));
        }
        for (Report.ApplicantEntry a : r.applicants()) {
            out.add(new Assessment(a.applicantId(), "applicant", a.name(), a.score(), a.level(), a.stages(),
                    findings(a.signals()), null, null, ties.getOrDefault("applicant\u0000" + a.applicantId(), List.of())));
        }
        return out;
    }

    /**
     * A saved report's JSON without the person of {@code kind} and {@code id} ({@code Store.forget}):
     * their entry under {@code workers} or {@code applicants} and their place in the clusters (a tie
     * left with one person goes; a cluster left with none goes). Other people's entries stay as they
     * are, their findings included. The same string when the report does not name them; one that does
     * not read is refused rather than kept with the person in it.
     */
    public static String without(String json, String kind, String id) {
        com.fasterxml.jackson.databind.node.ObjectNode report;
        try {
            report = (com.fasterxml.jackson.databind.node.ObjectNode) ReportJson.mapper().readTree(json);
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("a saved report cannot be read to take the person out: " + e.getMessage(), e);
        }
        boolean worker = kind.equals("worker");
        boolean changed = removeWhere(report.path(worker ? "workers" : "applicants"), e -> id.equals(
                e.path(worker ? "worker_id" : "applicant_id").asText(null)));
        com.fasterxml.jackson.databind.JsonNode clusters = report.path("clusters");
        for (com.fasterxml.jackson.databind.JsonNode c : clusters) {
            if (!removeWhere(c.path(worker ? "workers" : "applicants"), p -> id.equals(p.asText(null)))) {
                continue;
            }
            changed = true;
            for (com.fasterxml.jackson.databind.JsonNode t : c.path("ties")) {
                removeWhere(t.path("people"), p -> id.equals(p.asText(null)));
            }
            removeWhere(c.path("ties"), t -> t.path("people").size() < 2);
        }
        removeWhere(clusters, c -> c.path("workers").size() + c.path("applicants").size() == 0);
        try {
            return changed ? ReportJson.mapper().writeValueAsString(report) : json;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Removes the elements of an array that {@code gone} picks; whether any was. */
    private static boolean removeWhere(com.fasterxml.jackson.databind.JsonNode array,
            java.util.function.Predicate<com.fasterxml.jackson.databind.JsonNode> gone) {
        if (!(array instanceof com.fasterxml.jackson.databind.node.ArrayNode a)) {
            return false;
        }
        boolean any = false;
        for (int i = a.size() - 1; i >= 0; i--) {
            if (gone.test(a.get(i))) {
                a.remove(i);
                any = true;
            }
        }
        return any;
    }

    /**
     * Each person's ties from the report's clusters (kind and id → the identifiers they share, each
     * with the others who share it), the others named as the report names them.
     */
    static Map<String, List<Assessment.Tie>> ties(Report r) {
        Map<String, String> names = new HashMap<>();
        for (Report.WorkerEntry w : r.workers()) {
            names.put("worker\u0000" + w.workerId(), w.name());
        }
        for (Report.ApplicantEntry a : r.applicants()) {
            names.put("applicant\u0000" + a.applicantId(), a.name());
        }
        Map<String, List<Assessment.Tie>> out = new HashMap<>();
        for (Report.ClusterEntry c : r.clusters() == null ? List.<Report.ClusterEntry>of() : r.clusters()) {
            Set<String> applicants = new HashSet<>(c.applicants() == null ? List.of() : c.applicants());
            for (Report.TieEntry t : c.ties() == null ? List.<Report.TieEntry>of() : c.ties()) {
                List<String> people = t.people() == null ? List.of() : t.people();
                for (String p : people) {
                    String key = (applicants.contains(p) ? "applicant" : "worker") + '\u0000' + p;
                    List<Assessment.Tied> others = new ArrayList<>();
                    for (String o : people) {
                        if (!o.equals(p)) {
                            String kind = applicants.contains(o) ? "applicant" : "worker";
                            others.add(new Assessment.Tied(kind, o, names.get(kind + '\u0000' + o)));
                        }
                    }
                    if (!others.isEmpty() && t.kind() != null) {
                        out.computeIfAbsent(key, k -> new ArrayList<>()).add(new Assessment.Tie(t.kind(), t.display(),
                                others));
                    }
                }
            }
        }
        return out;
    }

    /** A date as the store keeps it ({@code yyyy-MM-dd}); anything else is not kept. */
    static String day(String s) {
        if (s == null) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(s.trim()).toString();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static List<Assessment.Finding> findings(List<Report.SignalEntry> signals) {
        return signals.stream().map(s -> new Assessment.Finding(s.time(), s.detector(), s.stage(), s.technique(),
                s.strength(), s.subject(), s.explanation(), s.evidence(), s.via())).toList();
    }
}
