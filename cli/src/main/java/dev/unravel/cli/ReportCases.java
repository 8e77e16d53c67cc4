package dev.unravel.cli;

import dev.unravel.core.cases.CaseRules;
import dev.unravel.engine.ScanConfigFile;
import dev.unravel.engine.report.Report;
import dev.unravel.server.CaseNotice;
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

    /**
     * How a saved report opens cases and whom it tells, from the command line's {@code --cases-at} and
     * {@code --notify} (either may be null) over the configuration's {@code cases:} section.
     */
    record Policy(CaseRules rules, java.net.URI webhook, String consoleUrl) {

        static Policy of(String casesAt, String notify, ScanConfigFile.Cases cases) {
            String openAt = casesAt != null ? casesAt : cases.openAt();
            String url = notify != null ? notify : cases.webhook();
            return new Policy(openAt == null ? CaseRules.defaults() : new CaseRules(openAt),
                    url == null ? null : CaseNotice.webhook(url), cases.consoleUrl());
        }

        /** Saves {@code r} with these rules, prints what it did to the cases and tells the webhook. */
        SavedScan save(Store store, Report r, PrintWriter out) throws IOException {
            SavedScan saved = ReportCases.save(store, r, rules, out);
            if (webhook != null) {
                out.println(CaseNotice.send(webhook, saved, consoleUrl));
            }
            return saved;
        }
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
