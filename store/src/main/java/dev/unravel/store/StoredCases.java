package dev.unravel.store;

import dev.unravel.core.cases.Assessment;
import dev.unravel.core.cases.CaseStatus;
import dev.unravel.core.cases.Disposition;
import java.time.OffsetDateTime;
import java.util.List;

/** What the store hands back: scans, cases, a case's whole file. */
public final class StoredCases {

    private StoredCases() {
    }

    /**
     * A scan as it is saved: when its report was written, by which version, what it read, and the
     * report itself (JSON, schema unravel.report/1), kept so that a past scan can be shown again.
     */
    public record ScanInfo(String generatedAt, String unravelVersion, List<String> inputs, String periodFrom,
            String periodTo, long records, long events, long quarantined, String reportJson) {

        public ScanInfo {
            inputs = List.copyOf(inputs);
        }
    }

    /**
     * What saving a scan did to the cases: opened, updated with new signals or scores, reopened;
     * {@code active} after it; and each case opened or reopened, for a notice to the team.
     */
    public record SavedScan(long id, int people, int opened, int updated, int reopened, int active,
            List<Raised> raised) {

        public SavedScan {
            raised = List.copyOf(raised);
        }
    }

    /** A case a scan opened or reopened ({@code action}: {@code opened} or {@code reopened}). */
    public record Raised(long caseId, String action, String kind, String personId, String name, String level,
            double score, List<String> stages) {
    }

    /** A saved scan, listed. */
    /** A saved scan as listed; {@code report} is false once its report was pruned ({@code Store.pruneScans}). */
    public record ScanSummary(long id, OffsetDateTime savedAt, String savedBy, String generatedAt, List<String> inputs,
            String periodFrom, String periodTo, long events, long quarantined, int people, int opened, int updated,
            int reopened, boolean report) {
    }

    /** What pruning old scans took away: reports, and the assessments of people without a case. */
    public record Pruned(int reports, int assessments) {
    }

    /**
     * A person a saved scan assessed, as the latest scan that still holds its report saw them: what a
     * case opened by hand starts from.
     */
    public record Assessed(String kind, String personId, String name, long scanId, double score, String level) {
    }

    /**
     * A case as the program's figures count it: its status and decision, when it was opened (by
     * whom, when by hand) and closed, the worker's hire date, and the time of its first finding.
     */
    public record CaseOutcome(long id, String kind, CaseStatus status, Disposition disposition,
            OffsetDateTime openedAt, OffsetDateTime closedAt, String openedBy, String hireDate, String firstFinding) {
    }

    /**
     * What forgetting a person took away: their findings, history lines, scores in scans, report
     * entries, and the ties of other cases that named them.
     */
    public record Forgotten(int findings, int historyLines, int scores, int reports, int ties) {
    }

    /** What opening a case by hand did: the case, and whether the person had it already (nothing changed). */
    public record Opened(CaseSummary summary, boolean existed) {
    }

    /** One case as listed. {@code signals} counts the signals it holds; {@code openedBy} is null when a scan opened it. */
    public record CaseSummary(long id, String kind, String personId, String name, CaseStatus status,
            Disposition disposition, String assignee, double score, String level, List<String> stages, int signals,
            OffsetDateTime openedAt, OffsetDateTime updatedAt, OffsetDateTime closedAt, long openedScan,
            long lastScan, String openedBy) {

        /** Whether the person was forgotten ({@code Store.forget}): the case stays as the record that they were. */
        public boolean forgotten() {
            return personId.startsWith(Store.FORGOTTEN);
        }

        /** The person as pages name them: "Shirley Watson (worker E100514)", or "a forgotten worker". */
        public String who() {
            return forgotten() ? "a forgotten " + kind : (name == null ? "" : name + " ") + "(" + kind + " " + personId
                    + ")";
        }

        /** Who opened it and from what: "scan 3", or "dana (by hand, from scan 3)". */
        public String openedHow() {
            return openedBy == null ? "scan " + openedScan : openedBy + " (by hand, from scan " + openedScan + ")";
        }

        /**
         * Whether this is a case {@code q} asks for: its number ({@code 12} or {@code #12}), or text in
         * the person's name, id or the assignee, without regard to case. Blank: every case.
         */
        public boolean matches(String q) {
            if (q == null || q.isBlank()) {
                return true;
            }
            String t = q.strip().toLowerCase(java.util.Locale.ROOT);
            String number = t.startsWith("#") ? t.substring(1) : t;
            if (number.matches("\\d{1,18}") && Long.parseLong(number) == id) {
                return true;
            }
            for (String field : new String[] {name, personId, assignee}) {
                if (field != null && field.toLowerCase(java.util.Locale.ROOT).contains(t)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A line of a case's history. */
    public record HistoryEntry(OffsetDateTime at, String actor, String action, String detail) {
    }

    /** The person's score in one scan. */
    public record ScoreSeen(long scan, OffsetDateTime savedAt, double score, String level, int signals) {
    }

    /**
     * A case with everything in it: its signals (oldest first), its history, the person's score in every
     * scan, (for a worker) the hire and termination dates the latest scan that read their HR record
     * gave ({@code yyyy-MM-dd}, or null), and the identifiers they share with others.
     */
    public record CaseFile(CaseSummary summary, List<Assessment.Finding> signals, List<HistoryEntry> history,
            List<ScoreSeen> scores, String hireDate, String terminationDate, List<TieSeen> ties) {

        public CaseFile {
            ties = ties == null ? List.of() : List.copyOf(ties);
        }

        /** A case without employment dates or ties. */
        public CaseFile(CaseSummary summary, List<Assessment.Finding> signals, List<HistoryEntry> history,
                List<ScoreSeen> scores) {
            this(summary, signals, history, scores, null, null, List.of());
        }
    }

    /**
     * An identifier the case's person shares with another person, as the latest scan that said so
     * gave it, with that person's case when they have one.
     *
     * @param kind       {@code ship_to}, {@code home_address}, {@code bank_account}, {@code phone}, …
     * @param display    the address, for an address; else null
     * @param personKind {@code worker} or {@code applicant}
     * @param caseId     the other person's case, or null
     */
    public record TieSeen(String kind, String display, String personKind, String personId, String personName,
            Long caseId) {

        /** Whether the person on the other side was forgotten since ({@link Store#FORGOTTEN_TIE}). */
        public boolean forgotten() {
            return Store.FORGOTTEN_TIE.equals(personId);
        }

        /** The person as a tie names them: "Shirley Brooks (worker E100511)", or "a forgotten worker". */
        public String who() {
            return forgotten() ? "a forgotten " + personKind : (personName == null ? "" : personName + " ") + "("
                    + personKind + " " + personId + ")";
        }
    }

    /** A kind of finding a case holds: its detector and stage (what the case list's urgent steps come from). */
    public record FindingKind(String detector, String stage) {
    }

    /**
     * An analyst's change to a case; null leaves a part as it is. An empty assignee unassigns. A
     * disposition is given when, and only when, the case is closed.
     */
    public record CaseChange(CaseStatus status, Disposition disposition, String assignee, String note) {

        public boolean isEmpty() {
            return status == null && disposition == null && assignee == null && (note == null || note.isBlank());
        }
    }
}
