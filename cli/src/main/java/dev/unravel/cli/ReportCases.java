package dev.unravel.cli;

import dev.unravel.core.cases.CaseRules;
import dev.unravel.engine.report.Report;
import dev.unravel.server.ReportRecords;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases.SavedScan;
import java.io.IOException;
import java.io.PrintWriter;

/** A scan's report saved to the store ({@link ReportRecords}), with a line on what it did to the cases. */
final class ReportCases {

    private ReportCases() {
    }

    /** Saves the report and prints what it did to the cases. */
    static SavedScan save(Store store, Report r, CaseRules rules, PrintWriter out) throws IOException {
        long t0 = System.nanoTime();
        SavedScan saved = store.save(ReportRecords.scanInfo(r), ReportRecords.assessments(r), rules, actor());
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
