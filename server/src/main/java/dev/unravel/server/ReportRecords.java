package dev.unravel.server;

import dev.unravel.core.cases.Assessment;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.store.StoredCases.ScanInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

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
        List<Assessment> out = new ArrayList<>();
        for (Report.WorkerEntry w : r.workers()) {
            out.add(new Assessment(w.workerId(), "worker", w.name(), w.score(), w.level(), w.stages(),
                    findings(w.signals()), day(w.hireDate()), day(w.terminationDate())));
        }
        for (Report.ApplicantEntry a : r.applicants()) {
            out.add(new Assessment(a.applicantId(), "applicant", a.name(), a.score(), a.level(), a.stages(),
                    findings(a.signals())));
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
