package dev.unravel.cli;

import dev.unravel.core.cases.Assessment;
import dev.unravel.core.cases.CaseRules;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases.SavedScan;
import dev.unravel.store.StoredCases.ScanInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A scan's report saved to the store: what it read, each scored person, and the cases it opens or updates. */
final class ReportCases {

    private ReportCases() {
    }

    /** The report as the store keeps it: the scan's particulars and the whole JSON. */
    static ScanInfo scanInfo(Report r) throws IOException {
        return new ScanInfo(r.generatedAt(), r.unravelVersion(), r.inputs(),
                r.period() == null ? null : r.period().from(), r.period() == null ? null : r.period().to(),
                r.ingest().records(), r.ingest().events(), r.ingest().quarantined(),
                ReportJson.mapper().writeValueAsString(r));
    }

    /** Every worker and applicant the report scored. */
    static List<Assessment> assessments(Report r) {
        List<Assessment> out = new ArrayList<>();
        for (Report.WorkerEntry w : r.workers()) {
            out.add(new Assessment(w.workerId(), "worker", w.name(), w.score(), w.level(), w.stages(),
                    findings(w.signals())));
        }
        for (Report.ApplicantEntry a : r.applicants()) {
            out.add(new Assessment(a.applicantId(), "applicant", a.name(), a.score(), a.level(), a.stages(),
                    findings(a.signals())));
        }
        return out;
    }

    private static List<Assessment.Finding> findings(List<Report.SignalEntry> signals) {
        return signals.stream().map(s -> new Assessment.Finding(s.time(), s.detector(), s.stage(), s.technique(),
                s.strength(), s.subject(), s.explanation(), s.evidence(), s.via())).toList();
    }

    /** Saves the report and prints what it did to the cases. */
    static SavedScan save(Store store, Report r, CaseRules rules, PrintWriter out) throws IOException {
        long t0 = System.nanoTime();
        SavedScan saved = store.save(scanInfo(r), assessments(r), rules, actor());
        out.printf(java.util.Locale.ROOT, "Saved scan %d to %s in %.1f s. Cases: %d opened, %d updated, %d reopened; "
                + "%d not closed (cases open at %s and above; unravel cases list).%n", saved.id(), store.description(),
                (System.nanoTime() - t0) / 1e9, saved.opened(), saved.updated(), saved.reopened(), saved.active(),
                rules.openAt());
        return saved;
    }

    /** Who is acting: the analyst's login. */
    static String actor() {
        String user = System.getenv("UNRAVEL_ANALYST");
        if (user == null || user.isBlank()) {
            user = System.getProperty("user.name", "unknown");
        }
        return user;
    }
}
