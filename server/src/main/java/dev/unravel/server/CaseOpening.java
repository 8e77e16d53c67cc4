package dev.unravel.server;

import dev.unravel.core.cases.Assessment;
import dev.unravel.core.cases.CaseRules;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases.Assessed;
import dev.unravel.store.StoredCases.CaseSummary;
import dev.unravel.store.StoredCases.Opened;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Opening a case by hand: on a tip (HR noticed the camera is never on, a manager the work of two
 * people), or for someone the scans score below the opening level. The case starts from the latest
 * saved scan that assessed the person — its score, level, findings and ties, as a scan would open it
 * — with a history line giving who opened it and why; from then on scans keep it up to date as any
 * other. A report lists only the people with findings, so someone a tip names may be in none: given
 * their name as well, the case is opened on the tip alone (no findings, low), and the first scan
 * that finds something on them adds it. One path for the command line, the console's form and the
 * API, so that they refuse alike.
 */
public final class CaseOpening {

    private CaseOpening() {
    }

    /** Why a case was not opened, with what the console and the API answer. */
    public static final class Refused extends IllegalArgumentException {

        /** What stood in the way. */
        public enum Why {
            /** The request itself: no reason, a kind that is not one. */
            INVALID,
            /** No saved scan (with its report) assessed anyone of that id or name. */
            UNKNOWN,
            /** Several people answer to the name. */
            AMBIGUOUS,
            /** The person has a case already. */
            EXISTS
        }

        private final Why why;
        private final Long existingCase;

        Refused(Why why, String message, Long existingCase) {
            super(message);
            this.why = why;
            this.existingCase = existingCase;
        }

        public Why why() {
            return why;
        }

        /** The person's case when {@link Why#EXISTS}, else null. */
        public Long existingCase() {
            return existingCase;
        }

        /** The HTTP status the console and the API answer with. */
        public int status() {
            return switch (why) {
                case INVALID, AMBIGUOUS -> 400;
                case UNKNOWN -> 404;
                case EXISTS -> 409;
            };
        }
    }

    /**
     * Opens a case for the person whose id or name is {@code who} ({@code kind}: {@code worker},
     * {@code applicant}, or null for either), giving {@code reason}, as {@code actor}. When no saved
     * report lists them, {@code name} (else null) opens it on the tip alone, {@code who} taken as their id.
     *
     * @throws Refused when the request cannot be met, with a message that says what to do instead
     */
    public static CaseSummary open(Store store, String who, String kind, String name, String reason, String actor) {
        String w = who == null ? "" : who.strip();
        if (w.isEmpty()) {
            throw new Refused(Refused.Why.INVALID, "name the person: a worker or applicant id, or their name as HR "
                    + "records it", null);
        }
        if (kind != null && !kind.equals("worker") && !kind.equals("applicant")) {
            throw new Refused(Refused.Why.INVALID, "'" + kind + "' is not a kind of person: worker or applicant", null);
        }
        try {
            CaseRules.handReason(reason); // before the store is asked
        } catch (IllegalArgumentException e) {
            throw new Refused(Refused.Why.INVALID, e.getMessage(), null);
        }
        List<Assessed> found = store.assessed(w, kind);
        String n = name == null ? "" : name.strip();
        if (found.isEmpty() && !n.isEmpty()) {
            return onTip(store, w, kind == null ? "worker" : kind, n, reason, actor);
        }
        if (found.isEmpty()) {
            throw new Refused(Refused.Why.UNKNOWN, "no saved report lists " + (kind == null ? "anyone" : "an " + kind)
                    + " with the id or name '" + w + "': a report lists only the people with findings. To open the "
                    + "case on the tip alone, give their id and their name", null);
        }
        if (found.size() > 1) {
            throw new Refused(Refused.Why.AMBIGUOUS, found.size() + " people answer to '" + w + "': "
                    + found.stream().limit(10).map(CaseOpening::described).collect(Collectors.joining("; "))
                    + (found.size() > 10 ? "; …" : "") + ". Give the id.", null);
        }
        Assessed person = found.get(0);
        Assessment assessment = assessment(store, person);
        return opened(store.openCase(person.scanId(), assessment, reason, actor), described(person));
    }

    /** A case for someone no saved report lists: no findings yet, opened against the last scan. */
    private static CaseSummary onTip(Store store, String id, String kind, String name, String reason, String actor) {
        if (id.length() > 200 || id.chars().anyMatch(Character::isWhitespace)) {
            throw new Refused(Refused.Why.INVALID, "'" + id + "' is not an id (no report lists it, so it is taken as "
                    + "one): give the worker or applicant id as HR or the applicant system records it", null);
        }
        if (name.length() > 300) {
            throw new Refused(Refused.Why.INVALID, "the name is " + name.length() + " characters; at most 300", null);
        }
        long scan = store.scans(1).stream().findFirst().map(s -> s.id()).orElseThrow(() -> new Refused(
                Refused.Why.UNKNOWN, "no scan is saved in this store yet: a case starts from one", null));
        return opened(store.openCase(scan, new Assessment(id, kind, name, 0, "low", List.of(), List.of(), null,
                null, null), reason, actor), kind + " " + id + " " + name);
    }

    private static CaseSummary opened(Opened opened, String described) {
        if (opened.existed()) {
            CaseSummary c = opened.summary();
            throw new Refused(Refused.Why.EXISTS, described + " has case " + c.id() + " already ("
                    + c.status().id() + (c.disposition() == null ? "" : ", " + c.disposition().id()) + "): add the "
                    + "tip to it as a note" + (c.status().active() ? "" : ", and set it open again to reopen it"),
                    c.id());
        }
        return opened.summary();
    }

    /** The person as the scan's kept report gives them: the findings and ties the case starts with. */
    private static Assessment assessment(Store store, Assessed person) {
        String json = store.report(person.scanId()).orElseThrow(() -> new Refused(Refused.Why.UNKNOWN, "scan "
                + person.scanId() + " no longer holds its report (pruned since): scan again", null));
        Report report;
        try {
            report = ReportJson.mapper().readValue(json, Report.class);
        } catch (IOException | RuntimeException e) {
            throw new Refused(Refused.Why.UNKNOWN, "the report of scan " + person.scanId() + " cannot be read by this "
                    + "version (" + e.getMessage().lines().findFirst().orElse("") + "): scan again", null);
        }
        return ReportRecords.assessments(report).stream()
                .filter(a -> a.kind().equals(person.kind()) && a.personId().equals(person.personId())).findFirst()
                .orElseThrow(() -> new Refused(Refused.Why.UNKNOWN, "the report of scan " + person.scanId()
                        + " does not list " + described(person) + ": scan again", null));
    }

    private static String described(Assessed a) {
        return a.kind() + " " + a.personId() + (a.name() == null ? "" : " " + a.name()) + " ("
                + a.level() + " " + String.format(Locale.ROOT, "%.2f", a.score()) + " in scan " + a.scanId() + ")";
    }
}
