package dev.unravel.server;

import dev.unravel.core.Count;
import dev.unravel.core.Stage;
import dev.unravel.core.cases.Assessment;
import dev.unravel.engine.report.EvidenceFiles;
import dev.unravel.engine.report.Html;
import dev.unravel.ingest.RecordLookup;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases;
import dev.unravel.store.StoredCases.CaseFile;
import dev.unravel.store.StoredCases.CaseSummary;
import dev.unravel.store.StoredCases.HistoryEntry;
import dev.unravel.store.StoredCases.ScoreSeen;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A case written for the people an analyst briefs (HR, legal, management): one self-contained,
 * printable HTML page that says who, what was decided so far, and what each record shows, stage by
 * stage of the scheme, with where every record is, so that each statement can be checked. Text from
 * logs and notes is escaped ({@link Html}).
 */
public final class CaseBrief {

    private CaseBrief() {
    }

    private static final java.time.format.DateTimeFormatter MINUTE = java.time.format.DateTimeFormatter.ofPattern(
            "yyyy-MM-dd HH:mm", Locale.ROOT);

    static final String CSS = """
            body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;color:#1a1a2e;max-width:60rem;margin:2rem auto;padding:0 1.5rem}
            h1{font-size:1.6rem;margin:0 0 .3rem}h2{font-size:1.15rem;border-bottom:2px solid #1a1a2e;padding-bottom:.2rem;margin-top:2rem}
            h3{font-size:1rem;margin:1.2rem 0 .4rem}
            .meta{color:#555}.summary{background:#f6f6fa;border-left:4px solid #7a1f2b;padding:.8rem 1rem;margin:1rem 0}
            .level{font-weight:700;text-transform:uppercase}.critical{color:#7a1f2b}.high{color:#b34700}.medium{color:#8a6d00}.low{color:#555}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid #ddd}
            th{font-size:.85rem;color:#555}.signal{margin:.6rem 0 .9rem;padding-left:.8rem;border-left:3px solid #ccc}
            .signal.strong{border-color:#7a1f2b}.signal.moderate{border-color:#b34700}
            .when{color:#555;font-size:.9rem}.refs{font:12px/1.4 ui-monospace,Consolas,monospace;color:#444;word-break:break-all}
            footer{margin-top:2.5rem;color:#666;font-size:.85rem;border-top:1px solid #ddd;padding-top:.6rem}
            .changed{color:#b00020;font-weight:600}
            .record pre{font:11px/1.35 ui-monospace,Consolas,monospace;background:#f6f6fa;padding:.5rem .7rem;white-space:pre-wrap;word-break:break-all}
            figure.timeline{margin:1rem 0}figure.timeline svg{width:100%;max-width:54rem;height:auto}
            figure.timeline figcaption{color:#555;font-size:.9rem;margin-top:.3rem}
            ol.checks{padding-left:1.4rem}ol.checks li{margin:.35rem 0}.team{font-weight:700}
            ol.checks li.done{color:#555}.donemark{color:#2e7d32;font-weight:600;font-size:.85rem}
            .urgent{color:#7a1f2b;font-weight:700;font-size:.8rem;text-transform:uppercase;margin-left:.3rem}
            .from{color:#555;font-size:.85rem}
            @media print{body{margin:0;max-width:none}.signal,figure.timeline,ol.checks li{break-inside:avoid}}
            """;

    /** The most records a brief's appendix holds; the references past it are counted, not shown. */
    public static final int RECORDS_AT_MOST = 300;

    /** The brief of {@code f}, prepared now by {@code by}, from the store at {@code store}. */
    public static String render(CaseFile f, String store, String by, String version, CaseChecks.Steps steps) {
        return render(f, store, by, version, null, null, steps);
    }

    /**
     * The brief of {@code f}, prepared now by {@code by}, from the store at {@code store}; with
     * {@code records} (each finding's reference → its {@code RecordLookup.Found}, or the
     * {@code NotFound} that says why not: {@code RecordLookup.findAll}), an appendix holds the
     * record behind every reference, secrets masked, so that the reader can check each finding without
     * the files, each with {@code verdict}'s sentence on whether its file is as the scan read it (null:
     * none). Null records: no appendix.
     */
    public static String render(CaseFile f, String store, String by, String version, Map<String, Object> records,
            java.util.function.Function<RecordLookup.Found, EvidenceFiles.Verdict> verdict, CaseChecks.Steps steps) {
        CaseSummary c = f.summary();
        StringBuilder b = new StringBuilder(16_384);
        String who = who(c);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>Case ")
                .append(c.id()).append(": ").append(e(who)).append("</title>\n<style>").append(CSS)
                .append("</style>\n</head>\n<body>\n");
        b.append("<h1>Case ").append(c.id()).append(": ").append(e(who)).append("</h1>\n");
        b.append("<p class=\"meta\">Status: <strong>").append(e(c.status().id())).append("</strong>");
        if (c.disposition() != null) {
            b.append(", decided <strong>").append(e(c.disposition().id())).append("</strong> on ")
                    .append(day(c.closedAt()));
        }
        b.append(" · ").append(c.assignee() == null ? "unassigned" : "assigned to " + e(c.assignee()))
                .append(" · opened ").append(day(c.openedAt())).append(" by ").append(e(c.openedHow()))
                .append(" · last updated ").append(day(c.updatedAt())).append("</p>\n");

        List<Assessment.Finding> signals = f.signals();
        b.append("<div class=\"summary\"><p>Unravel scored this ").append(e(c.kind())).append(" <span class=\"level ")
                .append(e(c.level())).append("\">").append(e(c.level())).append("</span> (")
                .append(String.format(Locale.ROOT, "%.2f", c.score())).append(" of 1) from ")
                .append(Count.of(signals.size(), "finding", "findings"));
        if (!c.stages().isEmpty()) {
            b.append(" in ").append(Count.of(c.stages().size(), "stage", "stages"))
                    .append(" of the scheme (").append(e(String.join(", ", c.stages()))).append(')');
        }
        if (!signals.isEmpty()) {
            List<String> times = signals.stream().map(Assessment.Finding::time).sorted().toList();
            b.append(", recorded between ").append(e(date(times.get(0)))).append(" and ")
                    .append(e(date(times.get(times.size() - 1))));
        }
        b.append(".</p><p>No single finding is proof. What matters is how many independent records, from different "
                + "stages, point the same way. Each finding below says what a record shows and names the record "
                + "(file and record number), so that every statement can be checked against the original.</p></div>\n");

        overTime(b, f);
        ties(b, f, null);
        nextChecks(b, f, steps, null);
        b.append("<h2>What the records show</h2>\n");
        findings(b, signals);
        b.append("<h2>Score in each scan</h2>\n");
        scores(b, f.scores());
        b.append("<h2>Case history</h2>\n");
        history(b, f.history());
        if (records != null) {
            appendix(b, f, records, verdict);
        }
        b.append("<footer>Prepared ").append(e(Instant.now().toString().substring(0, 16).replace('T', ' ')))
                .append(" UTC by ").append(e(by)).append(" with Unravel ").append(e(version))
                .append(" from the case store at ").append(e(store))
                .append(". Times are UTC. A record reference is the file as it was read and the record's number in it."
                        + "</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    /**
     * The findings over time, one lane per stage, with the hire and termination dates marked, and the
     * same in words (when each stage's first finding came, counted from the hire date); nothing for a
     * case without findings.
     */
    static void overTime(StringBuilder b, CaseFile f) {
        List<dev.unravel.engine.report.SchemeTimeline.Mark> marks = marks(f);
        String story = dev.unravel.engine.report.SchemeTimeline.story(marks, f.hireDate(), f.terminationDate());
        if (story == null) {
            return;
        }
        b.append("<h2>Over time</h2>\n<figure class=\"timeline\">");
        dev.unravel.engine.report.SchemeTimeline.svg(b, marks, f.hireDate(), f.terminationDate(),
                "The findings over time, by stage of the scheme");
        b.append("<figcaption>").append(e(story)).append(" Each dot is a finding, larger and darker the stronger it "
                + "is.</figcaption></figure>\n");
    }

    /**
     * What to check next, each by the team that acts, from the case's findings ({@code NextChecks}):
     * the general step first, then the urgent ones, then by stage; nothing for a case without findings.
     */
    /**
     * With {@code form} (the console, for an analyst; null elsewhere), each step gets the form that
     * marks it done or takes the mark back ({@code form.apply(step, done)}).
     */
    static void nextChecks(StringBuilder b, CaseFile f, CaseChecks.Steps steps,
            java.util.function.BiFunction<dev.unravel.engine.report.NextChecks.Check, Boolean, String> form) {
        List<dev.unravel.engine.report.NextChecks.Check> checks = checks(f, steps.checks());
        Map<String, Store.StepDone> done = steps.done();
        if (checks.isEmpty()) {
            return;
        }
        b.append("<h2>What to check next</h2>\n<p class=\"meta\">Steps the findings call for, by the team that takes "
                + "them; urgent ones lose evidence or access if left for later. None of them decides the case.");
        if (!employedToday(f)) {
            b.append(" They left on ").append(e(f.terminationDate()))
                    .append(", so the steps that need them at work are left out.");
        }
        long marked = checks.stream().filter(c -> done.containsKey(c.key())).count();
        if (marked > 0) {
            b.append(" ").append(marked).append(" of ").append(checks.size()).append(" marked done.");
        }
        b.append("</p>\n<ol class=\"checks\" id=\"checks\">\n");
        for (dev.unravel.engine.report.NextChecks.Check c : checks) {
            Store.StepDone d = done.get(c.key());
            b.append(d == null ? "<li>" : "<li class=\"done\">").append("<span class=\"team\">").append(e(c.who()))
                    .append("</span>");
            if (c.urgent()) {
                b.append("<span class=\"urgent\">urgent</span>");
            }
            b.append(": ").append(e(c.what()));
            if (!c.findings().isEmpty()) {
                b.append(" <span class=\"from\">(").append(e(String.join(", ", c.findings()))).append(")</span>");
            }
            if (d != null) {
                b.append(" <span class=\"donemark\">✓ done, ").append(e(d.by())).append(", ").append(minute(d.at()))
                        .append("</span>");
            }
            if (form != null) {
                b.append(form.apply(c, d != null));
            }
            b.append("</li>\n");
        }
        b.append("</ol>\n");
    }

    /** What to check next in {@code f}, without the steps that need the person at work once they have left. */
    public static List<dev.unravel.engine.report.NextChecks.Check> checks(CaseFile f,
            dev.unravel.engine.report.NextChecks nextChecks) {
        return nextChecks.forFindings(f.signals(), employedToday(f));
    }

    /**
     * The teams with urgent steps in case {@code c}, which holds these kinds of finding
     * ({@code Store.findingKinds}); none once it is closed.
     */
    public static List<String> urgentTeams(CaseSummary c, List<StoredCases.FindingKind> kinds,
            dev.unravel.engine.report.NextChecks nextChecks) {
        if (kinds == null || kinds.isEmpty() || c.status() == dev.unravel.core.cases.CaseStatus.CLOSED) {
            return List.of();
        }
        return nextChecks.urgentTeams(kinds.stream().map(k -> new dev.unravel.engine.report.NextChecks.Kind(
                k.detector(), k.stage())).toList());
    }

    private static boolean employedToday(CaseFile f) {
        return dev.unravel.engine.report.NextChecks.employed(f.terminationDate(),
                java.time.LocalDate.now(java.time.ZoneOffset.UTC));
    }

    /**
     * Who else shares an identifier with the person (the latest scan's cluster ties), one row per
     * identifier; nothing when no one does. With {@code caseLink} (the console), another person's case
     * is named and linked where it gives a link (null: the reader may not open that case, and is not
     * told it exists); without (a printed brief), no other case is named.
     */
    static void ties(StringBuilder b, CaseFile f, java.util.function.Function<StoredCases.TieSeen, String> caseLink) {
        if (f.ties().isEmpty()) {
            return;
        }
        Map<String, List<StoredCases.TieSeen>> byIdentifier = byIdentifier(f);
        java.util.Set<String> people = new java.util.LinkedHashSet<>();
        f.ties().forEach(t -> people.add(t.personKind() + ' ' + t.personId()));
        b.append("<h2>Tied to other people</h2>\n<p class=\"meta\">").append(e(who(f.summary()))).append(" shares ")
                .append(Count.of(byIdentifier.size(), "identifier", "identifiers")).append(" with ")
                .append(Count.of(people.size(), "other person", "other people"))
                .append(", as the latest scan found: the scheme often hires several identities through one facilitator. "
                        + "Identity, bank and phone numbers are compared only as keyed hashes and are not shown; a "
                        + "household (one surname at one address) is not counted.</p>\n");
        b.append("<table class=\"ties\"><tr><th>Shared</th><th>With</th></tr>\n");
        for (List<StoredCases.TieSeen> row : byIdentifier.values()) {
            StoredCases.TieSeen first = row.get(0);
            b.append("<tr><td>").append(e(TIE_WORDS.getOrDefault(first.kind(), first.kind().replace('_', ' '))));
            if (first.display() != null) {
                b.append(": ").append(e(first.display()));
            }
            b.append("</td><td>");
            for (int i = 0; i < row.size(); i++) {
                StoredCases.TieSeen t = row.get(i);
                b.append(i == 0 ? "" : "<br>").append(e(t.who()));
                String link = caseLink == null || t.caseId() == null ? null : caseLink.apply(t);
                if (link != null) {
                    b.append(" · <a href=\"").append(e(link)).append("\">case ").append(t.caseId()).append("</a>");
                }
            }
            b.append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /**
     * The ties as plain text, one line per identifier: {@code laptop delivery address 8047 Prospect
     * Ln, Brooklyn, NY 11215 with Shirley Brooks (worker E100511, case 2), …}; for the command line,
     * which has the whole store.
     */
    public static List<String> tieLines(CaseFile f) {
        Map<String, List<StoredCases.TieSeen>> byIdentifier = byIdentifier(f);
        List<String> lines = new ArrayList<>();
        for (List<StoredCases.TieSeen> row : byIdentifier.values()) {
            StoredCases.TieSeen first = row.get(0);
            String what = TIE_WORDS.getOrDefault(first.kind(), first.kind().replace('_', ' '));
            StringBuilder b = new StringBuilder(Character.toLowerCase(what.charAt(0)) + what.substring(1));
            if (first.display() != null) {
                b.append(' ').append(first.display());
            }
            b.append(" with ");
            for (int i = 0; i < row.size(); i++) {
                StoredCases.TieSeen t = row.get(i);
                String who = t.who();
                b.append(i == 0 ? "" : ", ").append(t.caseId() == null ? who
                        : who.substring(0, who.length() - 1) + ", case " + t.caseId() + ")");
            }
            lines.add(b.toString());
        }
        return lines;
    }

    /** The ties grouped by identifier (kind and address), in the store's order. */
    private static Map<String, List<StoredCases.TieSeen>> byIdentifier(CaseFile f) {
        Map<String, List<StoredCases.TieSeen>> out = new LinkedHashMap<>();
        for (StoredCases.TieSeen t : f.ties()) {
            out.computeIfAbsent(t.kind() + '\u0000' + (t.display() == null ? "" : t.display()),
                    k -> new ArrayList<>()).add(t);
        }
        return out;
    }

    /** The report's names of shared identifiers, in words. */
    private static final Map<String, String> TIE_WORDS = Map.of(
            "ship_to", "Laptop delivery address",
            "home_address", "Home address",
            "bank_account", "Direct-deposit bank account",
            "phone", "Phone number",
            "personal_email", "Personal email address",
            "ssn", "Social security number",
            "device_serial", "Laptop serial number");

    private static String who(CaseSummary c) {
        return c.who();
    }

    /**
     * When each stage's first finding came, counted from the hire date when the case has one, and
     * what came after the termination ({@code SchemeTimeline.story}); null for a case without findings.
     */
    public static String story(CaseFile f) {
        return dev.unravel.engine.report.SchemeTimeline.story(marks(f), f.hireDate(), f.terminationDate());
    }

    private static List<dev.unravel.engine.report.SchemeTimeline.Mark> marks(CaseFile f) {
        List<dev.unravel.engine.report.SchemeTimeline.Mark> marks = new ArrayList<>();
        for (Assessment.Finding g : f.signals()) {
            marks.add(new dev.unravel.engine.report.SchemeTimeline.Mark(g.time(), g.stage(), g.strength(),
                    g.detector() + ": " + g.explanation()));
        }
        return marks;
    }

    /** The findings under their stages, in the scheme's order, each with its weight, sentence and records. */
    static void findings(StringBuilder b, List<Assessment.Finding> signals) {
        findings(b, signals, null);
    }

    /**
     * As {@link #findings(StringBuilder, List)}, each record a link to {@code recordLink.apply(ref)}
     * when that is given (the console's record pages), plain text otherwise (a printed brief).
     */
    static void findings(StringBuilder b, List<Assessment.Finding> signals,
            java.util.function.Function<String, String> recordLink) {
        for (Map.Entry<String, List<Assessment.Finding>> stage : byStage(signals).entrySet()) {
            String name = stage.getKey().isEmpty() ? "" : Character.toUpperCase(stage.getKey().charAt(0))
                    + stage.getKey().substring(1);
            b.append("<h3>").append(e(name)).append(" — ").append(STAGE_WORDS.getOrDefault(stage.getKey(),
                    "")).append("</h3>\n");
            String honest = HONEST.get(stage.getKey());
            if (honest != null) {
                b.append("<p class=\"meta honest\">To rule out before relying on these: ").append(e(honest))
                        .append("</p>\n");
            }
            for (Assessment.Finding g : stage.getValue()) {
                String weight = g.strength() >= 0.6 ? "strong" : g.strength() >= 0.35 ? "moderate" : "weak";
                b.append("<div class=\"signal ").append(weight).append("\"><div class=\"when\">")
                        .append(e(g.time())).append(" · ").append(weight).append(" (")
                        .append(String.format(Locale.ROOT, "%.2f", g.strength())).append(") · ").append(e(g.detector()))
                        .append(g.technique() == null ? "" : " · ATT&amp;CK " + e(g.technique())).append("</div>\n<div>")
                        .append(e(g.explanation())).append("</div>\n");
                if (g.via() != null) {
                    b.append("<div class=\"when\">Tied to this person through: ").append(e(g.via())).append("</div>\n");
                }
                b.append("<div class=\"refs\">");
                for (int i = 0; i < g.evidence().size(); i++) {
                    String ref = g.evidence().get(i);
                    b.append(i == 0 ? "" : ", ");
                    if (recordLink == null) {
                        b.append(e(ref));
                    } else {
                        b.append("<a href=\"").append(e(recordLink.apply(ref))).append("\">").append(e(ref)).append("</a>");
                    }
                }
                b.append("</div></div>\n");
            }
        }
    }

    /** A brief with the records appended, and how many of the records it names it could show. */
    public record WithRecords(String html, int shown, int named) {
    }

    /**
     * The brief of {@code f} with the records behind its findings (the first {@link #RECORDS_AT_MOST}),
     * read again from their files with {@code readers} tried first and none larger than {@code maxBytes},
     * each told unchanged or not against the case's latest scan ({@link #verdicts}).
     */
    public static WithRecords withRecords(CaseFile f, Store store, String by, String version,
            List<dev.unravel.ingest.read.Reader> readers, long maxBytes) throws java.io.IOException {
        List<String> refs = references(f);
        Map<String, Object> found = RecordLookup.findAll(refs.subList(0, Math.min(refs.size(), RECORDS_AT_MOST)),
                readers, maxBytes);
        int shown = (int) found.values().stream().filter(v -> v instanceof RecordLookup.Found).count();
        return new WithRecords(render(f, store.description(), by, version, found, verdicts(store, f),
                CaseChecks.of(store, f.summary().id())), shown, found.size());
    }

    /**
     * Tells whether the file of a record read now is as the case's latest scan fingerprinted it (the
     * report's {@code evidence_files}); a pruned report kept no fingerprints. Each file hashed once.
     */
    public static java.util.function.Function<RecordLookup.Found, EvidenceFiles.Verdict> verdicts(Store store,
            CaseFile f) {
        long scan = f.summary().lastScan();
        Map<String, dev.unravel.engine.report.Report.EvidenceFile> kept = Map.of();
        try {
            java.util.Optional<String> report = store.report(scan);
            if (report.isPresent()) {
                kept = EvidenceFiles.of(report.get());
            }
        } catch (java.io.IOException e) {
            // a report that does not read kept nothing to compare with: each record says so
        }
        return EvidenceFiles.checker(kept, "scan " + scan);
    }

    /** Every distinct reference of the findings, in their order, at most {@link #RECORDS_AT_MOST}. */
    public static List<String> references(CaseFile f) {
        java.util.LinkedHashSet<String> refs = new java.util.LinkedHashSet<>();
        for (Assessment.Finding g : f.signals()) {
            refs.addAll(g.evidence());
        }
        return List.copyOf(refs);
    }

    /** The records behind the findings, read again from their files, each under its reference. */
    private static void appendix(StringBuilder b, CaseFile f, Map<String, Object> records,
            java.util.function.Function<RecordLookup.Found, EvidenceFiles.Verdict> verdict) {
        List<String> refs = references(f);
        b.append("<h2>The records</h2>\n<p class=\"meta\">Each record a finding names, read again from its file "
                + "when this brief was prepared, as the vendor wrote it. Social security, tax, passport and bank "
                + "numbers show only their last four characters.");
        if (refs.size() > RECORDS_AT_MOST) {
            b.append(" The first ").append(RECORDS_AT_MOST).append(" of ").append(refs.size())
                    .append(" records are shown; the rest are named in the findings above.");
        }
        b.append("</p>\n");
        for (String ref : refs.subList(0, Math.min(refs.size(), RECORDS_AT_MOST))) {
            Object got = records.get(ref);
            b.append("<div class=\"record\"><h3 class=\"refs\">").append(e(ref)).append("</h3>\n");
            if (got instanceof RecordLookup.Found found) {
                b.append("<p class=\"when\">").append(e(found.format())).append(" · the file last changed ")
                        .append(minute(found.modified().atOffset(java.time.ZoneOffset.UTC))).append(" UTC</p>\n");
                if (verdict != null) {
                    EvidenceFiles.Verdict v = verdict.apply(found);
                    b.append("<p class=\"when").append(v.state() == EvidenceFiles.State.CHANGED ? " changed" : "")
                            .append("\">").append(e(v.text())).append("</p>\n");
                }
                for (dev.unravel.core.Event ev : found.events()) {
                    b.append("<p class=\"when\">").append(e(ev.time().toString())).append(" · ").append(e(ev.source()))
                            .append(' ').append(e(ev.type())).append(ev.user() == null ? "" : " · " + e(ev.user()))
                            .append(ev.sourceIp() == null ? "" : " · from " + e(ev.sourceIp())).append("</p>\n<pre>")
                            .append(e(dev.unravel.engine.report.RecordJson.document(ev))).append("</pre>\n");
                }
            } else {
                String why = got instanceof Exception ex ? ex.getMessage() : "not looked up";
                b.append("<p class=\"when\">Cannot be shown: ").append(e(why)).append("</p>\n");
            }
            b.append("</div>\n");
        }
    }

    /** The person's score in each saved scan, as a table. */
    static void scores(StringBuilder b, List<ScoreSeen> scores) {
        b.append("<table><tr><th>Scan</th><th>Saved (UTC)</th><th>Score</th><th>Level</th><th>Findings</th></tr>\n");
        for (ScoreSeen s : scores) {
            b.append("<tr><td>").append(s.scan()).append("</td><td>").append(minute(s.savedAt())).append("</td><td>")
                    .append(String.format(Locale.ROOT, "%.2f", s.score())).append("</td><td>").append(e(s.level()))
                    .append("</td><td>").append(s.signals()).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /** The case's history, as a table. */
    static void history(StringBuilder b, List<HistoryEntry> history) {
        b.append("<table><tr><th>When (UTC)</th><th>Who</th><th>What</th><th>Detail</th></tr>\n");
        for (HistoryEntry h : history) {
            b.append("<tr><td>").append(minute(h.at())).append("</td><td>").append(e(h.actor())).append("</td><td>")
                    .append(e(h.action())).append("</td><td>").append(e(h.detail())).append("</td></tr>\n");
        }
        b.append("</table>\n");
    }

    /** What each stage means, for a reader who does not know the scheme. */
    private static final Map<String, String> STAGE_WORDS = Map.of(
            "apply", "the application and the identity behind it",
            "onboard", "hiring, payroll and where the laptop was sent",
            "access", "how and from where the accounts were used",
            "control", "what ran on the company laptop and what was plugged into it",
            "steal", "code and data taken",
            "extort", "demands made after leaving");

    /**
     * The honest explanations of each stage's findings that a reader should rule out first (as in
     * docs/working-a-case.md): a brief is read by people who decide about someone's job, and no
     * finding is proof.
     */
    private static final Map<String, String> HONEST = Map.of(
            "apply", "relatives and flatmates sharing details (households are already left out), a recruiter's "
                    + "template résumé, a candidate abroad when applying.",
            "onboard", "a temporary address while moving, a shared office or co-working space.",
            "access", "a trip, the company's own VPN, a night shift, IT staff working on many accounts, a shared "
                    + "office address.",
            "control", "a support tool IT approved, a hobbyist's device, a trip with the clock set automatically; "
                    + "a keyboard language is context only, never a finding about anyone.",
            "steal", "a new engineer setting up, a migration, a backup to an approved store.",
            "extort", "a scam or phishing email that names no real files.");

    /** Findings by stage in the scheme's order, each stage's oldest first. */
    private static Map<String, List<Assessment.Finding>> byStage(List<Assessment.Finding> signals) {
        Map<String, List<Assessment.Finding>> out = new LinkedHashMap<>();
        for (Stage s : Stage.values()) {
            out.put(s.id(), new ArrayList<>());
        }
        List<Assessment.Finding> inOrder = new ArrayList<>(signals);
        inOrder.sort(java.util.Comparator.comparing(Assessment.Finding::time));
        for (Assessment.Finding g : inOrder) {
            out.computeIfAbsent(g.stage() == null ? "other" : g.stage(), k -> new ArrayList<>()).add(g);
        }
        out.values().removeIf(List::isEmpty);
        return out;
    }

    private static String e(String s) {
        return Html.escape(s);
    }

    private static String date(String isoTime) {
        return isoTime.length() >= 10 ? isoTime.substring(0, 10) : isoTime;
    }

    private static String day(OffsetDateTime t) {
        return t == null ? "" : t.toLocalDate().toString();
    }

    /** A time as the console and the brief show it: {@code 2026-03-10 00:25}, UTC. */
    static String minute(OffsetDateTime t) {
        return t == null ? "" : MINUTE.format(t);
    }
}
