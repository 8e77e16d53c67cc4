package dev.unravel.engine.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The scan report as one self-contained HTML file: inline CSS and a little vanilla JavaScript
 * (table sorting, filtering, opening collapsed parts), no external resources, readable without
 * JavaScript and on paper.
 *
 * <p>It shows what was scanned and what could not be read, the workers ranked by risk, and for each
 * flagged worker (level medium and above) the declared facts, the score's decomposition, a timeline
 * of signals with their evidence, and an activity-by-hour chart in the declared time zone; then
 * lower-level workers (collapsed), clusters with their ties, applicants, detectors and ingest
 * statistics.
 *
 * <p>Every string from the report is escaped ({@link Html}): names, explanations and file names
 * come from logs an attacker can write to. A Content-Security-Policy allows only this page's own
 * script (by hash), as a second line of defence.
 */
public final class HtmlReport {

    /** Worker sections written in full (flagged workers first); the rest are in the table only. */
    static final int MAX_WORKER_SECTIONS = 2_000;
    /** Lower-level workers given a collapsed section. */
    static final int MAX_LOW_SECTIONS = 300;
    /** Signals listed per lower-level worker or applicant. */
    static final int MAX_LOW_SIGNALS = 50;
    static final int MAX_EVIDENCE = 10;
    static final int MAX_CLUSTERS = 500;
    static final int MAX_TIES = 100;
    static final int MAX_APPLICANTS = 500;
    static final int MAX_INPUTS = 100;

    private static final int SHORT = 200;
    private static final int LONG = 2_000;
    private static final int FLUSH_AT = 1 << 20;

    private static final List<String> LEVELS = List.of("critical", "high", "medium", "low");
    private static final List<String> STAGES = List.of("apply", "onboard", "access", "control", "steal", "extort");

    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter UTC_MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx",
            Locale.ROOT);

    static final String SCRIPT = script();
    static final String CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-"
            + sha256(SCRIPT) + "'; base-uri 'none'; form-action 'none'";

    private HtmlReport() {
    }

    /** The whole page as a string, with the checks Unravel ships with. */
    public static String render(Report report) {
        return render(report, NextChecks.builtIn());
    }

    /** The whole page as a string, each flagged worker with the {@code checks} their findings call for. */
    public static String render(Report report, NextChecks checks) {
        Renderer r = new Renderer(report, null, checks);
        r.page();
        return r.sb.toString();
    }

    /**
     * Writes the page to {@code file} through a temporary file and a rename, so a reader never sees
     * half a report; the page is streamed out in pieces, not held whole in memory.
     */
    public static void write(Report report, Path file) throws IOException {
        write(report, file, NextChecks.builtIn());
    }

    /** As {@link #write(Report, Path)}, each flagged worker with the {@code checks} their findings call for. */
    public static void write(Report report, Path file, NextChecks checks) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try {
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                Renderer r = new Renderer(report, out, checks);
                r.page();
                r.flush();
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Whether a level counts as flagged (medium and above). */
    static boolean flagged(String level) {
        int i = LEVELS.indexOf(level);
        return i >= 0 && i <= 2;
    }

    private static final class Renderer {
        final Report report;
        final Writer out;
        final StringBuilder sb = new StringBuilder(1 << 16);
        /** worker id → anchor of its section; cluster id → anchor. */
        final Map<String, String> workerAnchor = new HashMap<>();
        final Map<String, Report.WorkerEntry> workerById = new HashMap<>();
        final Map<String, String> clusterAnchor = new HashMap<>();
        final Map<String, Report.ApplicantEntry> applicantById = new HashMap<>();
        final List<Report.WorkerEntry> workers;
        /** Whether the scan was scored daily ({@code --daily}): each section then says when a daily run flagged the worker. */
        final boolean scoredDaily;
        final List<Report.WorkerEntry> flaggedSections = new ArrayList<>();
        final List<Report.WorkerEntry> lowSections = new ArrayList<>();
        int flaggedTotal;
        int lowWithSignals;
        final Instant periodStart;

        /** The steps each flagged worker's findings call for ("What to check next"). */
        final NextChecks checks;

        Renderer(Report report, Writer out, NextChecks checks) {
            this.report = report;
            this.out = out;
            this.checks = checks;
            this.workers = nz(report.workers());
            this.scoredDaily = workers.stream().anyMatch(w -> w != null && w.firstFlaggedDaily() != null);
            for (int i = 0; i < workers.size(); i++) {
                Report.WorkerEntry w = workers.get(i);
                if (w == null) {
                    continue;
                }
                if (w.workerId() != null) {
                    workerById.putIfAbsent(w.workerId(), w);
                }
                if (flagged(w.level())) {
                    flaggedTotal++;
                    if (flaggedSections.size() < MAX_WORKER_SECTIONS) {
                        flaggedSections.add(w);
                        anchor(w, i);
                    }
                } else {
                    lowWithSignals++;
                    if (lowSections.size() < MAX_LOW_SECTIONS
                            && flaggedSections.size() + lowSections.size() < MAX_WORKER_SECTIONS) {
                        lowSections.add(w);
                        anchor(w, i);
                    }
                }
            }
            List<Report.ClusterEntry> clusters = nz(report.clusters());
            for (int i = 0; i < clusters.size() && i < MAX_CLUSTERS; i++) {
                if (clusters.get(i) != null && clusters.get(i).id() != null) {
                    clusterAnchor.putIfAbsent(clusters.get(i).id(), "c-" + i);
                }
            }
            for (Report.ApplicantEntry a : nz(report.applicants())) {
                if (a != null && a.applicantId() != null) {
                    applicantById.putIfAbsent(a.applicantId(), a);
                }
            }
            Report.Period p = report.period();
            Instant start = p == null ? null : instant(p.from());
            if (start == null && p != null) {
                start = instant(p.asOf());
            }
            this.periodStart = start;
        }

        private void anchor(Report.WorkerEntry w, int index) {
            if (w.workerId() != null) {
                workerAnchor.putIfAbsent(w.workerId(), "w-" + index);
            }
        }

        // ---------------------------------------------------------------- output plumbing

        Renderer a(String s) {
            sb.append(s);
            return this;
        }

        Renderer a(long n) {
            sb.append(n);
            return this;
        }

        /** Escaped text from the report, cut at {@code max} characters; "—" when absent. */
        Renderer t(String s, int max) {
            if (s == null || s.isEmpty()) {
                sb.append("<span class=\"none\">\u2014</span>");
            } else {
                Html.append(sb, s, max);
            }
            return this;
        }

        Renderer t(String s) {
            return t(s, SHORT);
        }

        /** Escaped, for attribute values (no markup). */
        Renderer attr(String s) {
            Html.append(sb, s == null ? "" : s, SHORT);
            return this;
        }

        void maybeFlush() {
            if (out != null && sb.length() >= FLUSH_AT) {
                flush();
            }
        }

        void flush() {
            if (out == null) {
                return;
            }
            try {
                out.append(sb);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            sb.setLength(0);
        }

        // ---------------------------------------------------------------- page

        void page() {
            Report.Period p = report.period();
            a("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
            a("<meta http-equiv=\"Content-Security-Policy\" content=\"").a(CSP).a("\">\n");
            a("<meta name=\"referrer\" content=\"no-referrer\">\n");
            a("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
            a("<meta name=\"generator\" content=\"Unravel ").attr(report.unravelVersion()).a("\">\n");
            a("<title>Unravel scan report");
            if (p != null && p.from() != null) {
                a(" \u2014 ").attr(day(p.from())).a(" to ").attr(day(p.to()));
            }
            a("</title>\n<style>").a(CSS).a("</style>\n</head>\n<body>\n");
            header();
            nav();
            ranked();
            maybeFlush();
            flaggedSection();
            lowSection();
            clusters();
            maybeFlush();
            applicants();
            unresolved();
            detectors();
            ingest();
            footer();
            a("<script>").a(SCRIPT).a("</script>\n</body>\n</html>\n");
        }

        void header() {
            Report.Period p = report.period();
            Report.IngestStats in = report.ingest();
            a("<header id=\"top\">\n<h1>Unravel scan report</h1>\n<p class=\"sub\">");
            if (p != null) {
                a("Logs from <b>").a(utcMinute(p.from())).a("</b> to <b>").a(utcMinute(p.to())).a("</b>");
                a(" \u00b7 scores as of ").a(utcMinute(p.asOf()));
            } else {
                a("No period recorded");
            }
            a(" \u00b7 generated ").a(utcMinute(report.generatedAt())).a(" by Unravel ").t(report.unravelVersion())
                    .a(". All times are UTC unless marked local.</p>\n");

            a("<div class=\"cards\">\n");
            card(fmt(report.workersScanned()), "workers scanned", null);
            Map<String, Integer> levels = report.levels() == null ? Map.of() : report.levels();
            for (String l : LEVELS) {
                Integer n = levels.get(l);
                card(fmt(n == null ? 0 : n), l, l);
            }
            if (in != null) {
                card(fmt(in.files()), "files read", null);
                card(fmt(in.events()), "events", null);
                card(fmt(in.quarantined()), "records quarantined", in.quarantined() > 0 ? "warn" : null);
            }
            a("</div>\n");

            // what was not read, where the analyst sees it first
            if (in == null) {
                a("<p class=\"problem\">The report has no ingest statistics: what was read is unknown.</p>\n");
            } else {
                List<Report.FileProblem> problems = in.wrongFiles();
                if (in.quarantined() > 0 || !problems.isEmpty()) {
                    a("<div class=\"problem\"><b>Not everything was read.</b> ");
                    a(fmt(in.quarantined())).a(in.quarantined() == 1 ? " record was" : " records were")
                            .a(" quarantined");
                    if (in.quarantineFile() != null) {
                        a(" (kept in <code>").t(in.quarantineFile(), LONG).a("</code>)");
                    }
                    a("; ").a(fmt(problems.size())).a(problems.size() == 1 ? " file has" : " files have")
                            .a(" problems: see <a href=\"#ingest\">Ingest</a>.</div>\n");
                } else {
                    a("<p class=\"ok\">Every file was read to its end; no record was quarantined.</p>\n");
                }
                if (in.passedOver() > 0) {
                    a("<p class=\"inputs\">").a(fmt(in.passedOver())).a(" passed over on purpose (git repositories, "
                            + "hidden files): see <a href=\"#ingest\">Ingest</a>.</p>\n");
                }
                List<dev.unravel.core.Stage> blind = Coverage.blindStages(report);
                int unseen = Coverage.unseen(report).size();
                if (!blind.isEmpty()) {
                    a("<div class=\"problem\"><b>This scan could not see ")
                            .t(String.join(", ", blind.stream().map(dev.unravel.core.Stage::id).toList()), LONG)
                            .a(".</b> No detector of ").a(blind.size() == 1 ? "that stage" : "those stages")
                            .a(" read an event it looks at, so a quiet result there says nothing: see "
                                    + "<a href=\"#unseen\">what each needs</a>.</div>\n");
                } else if (unseen > 0) {
                    a("<p class=\"inputs\">").a(fmt(unseen)).a(unseen == 1 ? " detector read nothing it looks at"
                            : " detectors read nothing they look at").a(": see <a href=\"#unseen\">what each needs</a>."
                            + "</p>\n");
                }
            }
            List<String> inputs = nz(report.inputs());
            a("<p class=\"inputs\">Inputs: ");
            if (inputs.isEmpty()) {
                a("<span class=\"none\">none recorded</span>");
            }
            for (int i = 0; i < inputs.size() && i < MAX_INPUTS; i++) {
                a(i == 0 ? "" : ", ").a("<code>").t(inputs.get(i), LONG).a("</code>");
            }
            if (inputs.size() > MAX_INPUTS) {
                a(" and ").a(fmt(inputs.size() - MAX_INPUTS)).a(" more");
            }
            a("</p>\n</header>\n");
        }

        void card(String value, String label, String level) {
            a("<div class=\"card");
            if (level != null) {
                a(" c-").a(levelClass(level));
            }
            a("\"><span class=\"n\">").a(value).a("</span><span class=\"l\">").a(Html.escape(label))
                    .a("</span></div>\n");
        }

        void nav() {
            a("<nav class=\"toc\"><a href=\"#workers\">Workers</a> \u00b7 <a href=\"#flagged\">Flagged workers (")
                    .a(fmt(flaggedTotal)).a(")</a> \u00b7 <a href=\"#lower\">Lower-level workers (")
                    .a(fmt(lowWithSignals)).a(")</a> \u00b7 <a href=\"#clusters\">Clusters (")
                    .a(fmt(nz(report.clusters()).size())).a(")</a> \u00b7 <a href=\"#applicants\">Applicants (")
                    .a(fmt(nz(report.applicants()).size())).a(")</a> \u00b7 <a href=\"#unresolved\">Tied to no one (")
                    .a(fmt(report.resolution() == null ? 0 : report.resolution().signalsUnresolved()))
                    .a(")</a> \u00b7 <a href=\"#detectors\">Detectors</a>"
                            + " \u00b7 <a href=\"#ingest\">Ingest</a></nav>\n");
        }

        // ---------------------------------------------------------------- ranked table

        void ranked() {
            a("<section id=\"workers\">\n<h2>Workers ranked by risk</h2>\n");
            int others = report.workersScanned() - workers.size();
            a("<p class=\"note\">").a(fmt(workers.size())).a(workers.size() == 1 ? " worker" : " workers")
                    .a(" drew at least one signal");
            if (others > 0) {
                a("; the other ").a(fmt(others)).a(" scanned drew none and are not listed");
            }
            a(".<span class=\"noprint\"> Click a column heading to sort.</span></p>\n");
            a("<input type=\"search\" id=\"filter\" class=\"noprint\" hidden placeholder=\"Filter by name, id,"
                    + " department, level, cluster\u2026\" aria-label=\"Filter workers\">\n");
            a("<table id=\"ranked\" class=\"ranked\">\n<thead><tr>"
                    + "<th data-type=\"num\" aria-sort=\"ascending\">#</th><th data-type=\"text\">Name</th>"
                    + "<th data-type=\"text\">ID</th><th data-type=\"text\">Department</th>"
                    + "<th data-type=\"num\">Level</th><th data-type=\"num\">Score</th>"
                    + "<th data-type=\"num\">Stages</th><th data-type=\"text\">First flagged</th>"
                    + "<th data-type=\"text\">Cluster</th></tr></thead>\n<tbody>\n");
            for (Report.WorkerEntry w : workers) {
                if (w == null) {
                    continue;
                }
                String anchor = w.workerId() == null ? null : workerAnchor.get(w.workerId());
                a("<tr class=\"r-").a(levelClass(w.level())).a("\"><td class=\"num\">").a(w.rank()).a("</td><td>");
                if (anchor != null) {
                    a("<a href=\"#").a(anchor).a("\">").t(w.name()).a("</a>");
                } else {
                    t(w.name());
                }
                a("</td><td><code>").t(w.workerId()).a("</code></td><td>").t(w.department()).a("</td>");
                a("<td data-v=\"").a(levelOrder(w.level())).a("\">");
                badge(w.level());
                a("</td><td class=\"num\">").a(score(w.score())).a("</td>");
                List<String> st = nz(w.stages());
                a("<td data-v=\"").a(st.size()).a("\">");
                stages(st);
                a("</td><td data-v=\"").attr(w.firstFlaggedAt()).a("\">").a(utcMinute(w.firstFlaggedAt())).a("</td><td>");
                clusterLink(w.cluster());
                a("</td></tr>\n");
                maybeFlush();
            }
            a("</tbody></table>\n</section>\n");
        }

        void badge(String level) {
            a("<span class=\"badge b-").a(levelClass(level)).a("\">").t(level == null ? "unknown" : level, 20)
                    .a("</span>");
        }

        void stages(List<String> st) {
            if (st.isEmpty()) {
                a("<span class=\"none\">\u2014</span>");
                return;
            }
            for (int i = 0; i < st.size() && i < 12; i++) {
                a("<span class=\"stage s-").a(stageClass(st.get(i))).a("\">").t(st.get(i), 30).a("</span>");
            }
        }

        void clusterLink(String cluster) {
            if (cluster == null) {
                a("<span class=\"none\">\u2014</span>");
                return;
            }
            String anchor = clusterAnchor.get(cluster);
            if (anchor != null) {
                a("<a href=\"#").a(anchor).a("\">").t(cluster, 40).a("</a>");
            } else {
                t(cluster, 40);
            }
        }

        void personLink(String id) {
            Report.WorkerEntry w = workerById.get(id);
            String anchor = workerAnchor.get(id);
            if (anchor != null) {
                a("<a href=\"#").a(anchor).a("\">");
            }
            if (w != null && w.name() != null) {
                t(w.name()).a(" (").t(id, 60).a(")");
            } else {
                Report.ApplicantEntry ap = applicantById.get(id);
                if (ap != null && ap.name() != null) {
                    t(ap.name()).a(" (").t(id, 60).a(")");
                } else {
                    a("<code>").t(id, 60).a("</code>");
                }
            }
            if (anchor != null) {
                a("</a>");
            }
            if (w != null) {
                a(" ");
                badge(w.level());
            }
        }

        // ---------------------------------------------------------------- worker sections

        void flaggedSection() {
            a("<section id=\"flagged\">\n<h2>Flagged workers (level medium and above): ").a(fmt(flaggedTotal))
                    .a("</h2>\n");
            if (flaggedTotal == 0) {
                a("<p class=\"ok\">No worker reached level medium.</p>\n");
            }
            if (flaggedTotal > flaggedSections.size()) {
                a("<p class=\"note\">The first ").a(fmt(flaggedSections.size())).a(" are shown in full; the other ")
                        .a(fmt(flaggedTotal - flaggedSections.size()))
                        .a(" are in the table above and in the JSON report.</p>\n");
            }
            for (Report.WorkerEntry w : flaggedSections) {
                worker(w, true);
                maybeFlush();
            }
            a("</section>\n");
        }

        void lowSection() {
            a("<section id=\"lower\">\n<h2>Lower-level workers with signals: ").a(fmt(lowWithSignals)).a("</h2>\n");
            if (lowWithSignals == 0) {
                a("<p class=\"note\">None.</p>\n</section>\n");
                return;
            }
            a("<details class=\"lower\"><summary>Show ").a(fmt(lowSections.size()))
                    .a(lowSections.size() == 1 ? " worker" : " workers").a(" below level medium");
            if (lowWithSignals > lowSections.size()) {
                a(" (the other ").a(fmt(lowWithSignals - lowSections.size())).a(" are in the table and the JSON report)");
            }
            a("</summary>\n");
            for (Report.WorkerEntry w : lowSections) {
                worker(w, false);
                maybeFlush();
            }
            a("</details>\n</section>\n");
        }

        void worker(Report.WorkerEntry w, boolean full) {
            String anchor = workerAnchor.get(w.workerId());
            a("<article class=\"worker w-").a(levelClass(w.level())).a("\"");
            if (anchor != null) {
                a(" id=\"").a(anchor).a("\"");
            }
            a(">\n<h3><span class=\"rank\">#").a(w.rank()).a("</span> ").t(w.name()).a(" <code>").t(w.workerId(), 60)
                    .a("</code> ");
            badge(w.level());
            a(" <span class=\"score\">score ").a(score(w.score())).a("</span> <a class=\"up noprint\" href=\"#workers\""
                    + " title=\"Back to the table\">\u2191</a></h3>\n");

            a("<div class=\"cols\">\n<dl class=\"facts\">");
            fact("Department", w.department());
            fact("Title", w.title());
            fact("Declared country", w.declaredCountry());
            fact("Declared time zone", w.declaredTimeZone());
            fact("Hired", w.hireDate());
            fact("Terminated", w.terminationDate());
            a("<dt>Stages</dt><dd>");
            stages(nz(w.stages()));
            a("</dd><dt>First flagged</dt><dd>").a(utcMinute(w.firstFlaggedAt())).a("</dd>");
            if (scoredDaily) {
                fact("Flagged by a daily run", Summary.dailyFlag(w));
            }
            a("<dt>Cluster</dt><dd>");
            clusterLink(w.cluster());
            a("</dd>");
            Report.ActivityEntry act = w.activity();
            a("<dt>Log activity</dt><dd>");
            if (act == null) {
                a("<span class=\"none\">no log events tied to this worker</span>");
            } else {
                a(fmt(act.events())).a(" events, ").a(utcMinute(act.first())).a(" to ").a(utcMinute(act.last()));
            }
            a("</dd></dl>\n");
            decomposition(w);
            a("</div>\n");

            if (full) {
                chart(w);
                schemeTimeline(w);
                steps(w);
            }
            timeline(w, full ? Integer.MAX_VALUE : MAX_LOW_SIGNALS);
            a("</article>\n");
        }

        /**
         * What to check next for a flagged worker: the steps their findings call for, urgent ones
         * first, each with the team that acts and the findings that call for it; without the steps
         * that need the person at work when HR recorded them as gone by the day the scores are for.
         */
        void steps(Report.WorkerEntry w) {
            List<dev.unravel.core.cases.Assessment.Finding> findings = new ArrayList<>();
            for (Report.SignalEntry s : nz(w.signals())) {
                if (s != null && s.time() != null && s.detector() != null) {
                    findings.add(new dev.unravel.core.cases.Assessment.Finding(s.time(), s.detector(), s.stage(),
                            s.technique(), s.strength(), s.subject(), s.explanation(), s.evidence(), s.via()));
                }
            }
            java.time.LocalDate end = periodEnd();
            List<NextChecks.Check> list = checks.forFindings(findings, end == null
                    || NextChecks.employed(w.terminationDate(), end));
            if (list.isEmpty()) {
                return;
            }
            a("<details class=\"steps\" open><summary>What to check next: ").a(list.size()).a(list.size() == 1
                    ? " step" : " steps").a("</summary>\n<ol>");
            for (NextChecks.Check c : list) {
                a("<li>").a(c.urgent() ? "<span class=\"urgent\">Urgent</span> " : "").a("<b>").t(c.who(), 40)
                        .a("</b>: ").t(c.what(), 2000);
                if (!c.findings().isEmpty()) {
                    a(" <span class=\"for\">(").t(String.join(", ", c.findings()), 400).a(")</span>");
                }
                a("</li>");
            }
            a("</ol></details>\n");
        }

        /** The day the scores are computed at (the period's {@code as_of}, else its end), or null when the report does not say. */
        java.time.LocalDate periodEnd() {
            Report.Period p = report.period();
            String at = p == null ? null : p.asOf() != null ? p.asOf() : p.to();
            if (at == null || at.length() < 10) {
                return null;
            }
            try {
                return java.time.LocalDate.parse(at.substring(0, 10));
            } catch (java.time.format.DateTimeParseException e) {
                return null;
            }
        }

        void fact(String label, String value) {
            a("<dt>").a(label).a("</dt><dd>").t(value).a("</dd>");
        }

        void decomposition(Report.WorkerEntry w) {
            List<Report.ContributionEntry> cs = new ArrayList<>(nz(w.contributions()));
            cs.removeIf(java.util.Objects::isNull);
            cs.sort(Comparator.comparingDouble((Report.ContributionEntry c) -> -c.contribution()));
            a("<div class=\"decomp\"><table class=\"contrib\"><caption>How the score is made</caption>"
                    + "<thead><tr><th>Detector</th><th>Stage</th><th class=\"num\">Signals</th>"
                    + "<th class=\"num\">Strongest</th><th>Contribution</th></tr></thead><tbody>");
            if (cs.isEmpty()) {
                a("<tr><td colspan=\"5\" class=\"none\">no contributions recorded</td></tr>");
            }
            for (Report.ContributionEntry c : cs) {
                double pct = Math.max(0, Math.min(100, c.contribution() * 100));
                a("<tr><td>").t(c.detector(), 120).a("</td><td>").t(c.stage(), 30).a("</td><td class=\"num\">")
                        .a(c.signals()).a("</td><td class=\"num\">").a(score(c.strongest())).a("</td><td><span class=\"cbar\">"
                                + "<span style=\"width:").a(HourChart.f(pct))
                        .a("%\"></span></span> ").a(score(c.contribution())).a("</td></tr>");
            }
            a("</tbody><tfoot><tr><td colspan=\"4\">Own score (capped per detector, stages combined)</td><td>")
                    .a(score(w.ownScore())).a("</td></tr>");
            a("<tr><td colspan=\"4\">Cluster context</td><td>+").a(score(w.clusterAdd())).a("</td></tr>");
            a("<tr class=\"total\"><td colspan=\"4\">Score</td><td>").a(score(w.score())).a(" \u00b7 ");
            badge(w.level());
            a("</td></tr></tfoot></table></div>\n");
        }

        void chart(Report.WorkerEntry w) {
            Report.ActivityEntry act = w.activity();
            if (act == null) {
                a("<p class=\"note\">No activity chart: no log events were tied to this worker.</p>\n");
                return;
            }
            long[] hours = HourChart.normalise(act.byHourUtc());
            HourChart.Frame frame = HourChart.frame(w.declaredTimeZone(), periodStart);
            a("<figure class=\"chart\">");
            HourChart.svg(sb, hours, frame, "Log events by hour of day in " + frame.zoneLabel() + " for "
                    + (w.name() == null ? w.workerId() : w.name()));
            long total = 0;
            for (long v : hours) {
                total += v;
            }
            a("<figcaption>Log events by hour of day in <b>").t(frame.zoneLabel(), 60).a("</b>");
            if (frame.note() == null) {
                a(", the declared time zone (").a(HourChart.offsetLabel(frame.offsetMinutes()));
                if (periodStart != null) {
                    a(" on ").a(day(periodStart.toString())).a(", the period\u2019s start; a daylight-saving change"
                            + " within the period is not applied");
                } else {
                    a(", its standard offset");
                }
                a("). Shaded: the declared working day, 09:00\u201317:00. ");
            } else {
                a(": ").t(frame.note(), 300).a(". Shaded: 09:00\u201317:00 UTC. ");
            }
            if (frame.offsetMinutes() != 9 * 60) {
                a("Red mark under the axis: 09:00\u201317:00 at UTC+9 (Korea), for reference. ");
            }
            if (total > 0) {
                a(fmt(total)).a(" events; ").a(Math.round(HourChart.workdayShare(hours, frame.offsetMinutes()) * 100))
                        .a("% within the declared working day");
                long[] busiest = HourChart.busiestEight(hours);
                int start = HourChart.localStart((int) busiest[0], frame.offsetMinutes());
                a("; the busiest eight hours are ").a(HourChart.hhmm(start)).a("\u2013")
                        .a(HourChart.hhmm(start + 8 * 60)).a(" local (").a(Math.round(100.0 * busiest[1] / total))
                        .a("% of events).");
            } else {
                a("No events by hour were recorded.");
            }
            a("</figcaption></figure>\n");
        }

        /** The findings over time by stage, with the hire and termination dates marked, and the same in words. */
        void schemeTimeline(Report.WorkerEntry w) {
            List<SchemeTimeline.Mark> marks = new ArrayList<>();
            for (Report.SignalEntry s : nz(w.signals())) {
                marks.add(new SchemeTimeline.Mark(s.time(), s.stage(), s.strength(), s.detector() + ": " + s.explanation()));
            }
            String story = SchemeTimeline.story(marks, w.hireDate(), w.terminationDate());
            if (story == null) {
                return;
            }
            a("<figure class=\"chart scheme\">");
            SchemeTimeline.svg(sb, marks, w.hireDate(), w.terminationDate(), "Findings over time by stage for "
                    + (w.name() == null ? w.workerId() : w.name()));
            a("<figcaption>").t(story, LONG).a(" Each dot is a finding, larger and darker the stronger it is"
                    + " (point at one for its details).</figcaption></figure>\n");
        }

        void timeline(Report.WorkerEntry w, int max) {
            List<Report.SignalEntry> sigs = sorted(w.signals());
            ZoneId zone = zone(w.declaredTimeZone());
            a("<table class=\"timeline\"><caption>Timeline: ").a(fmt(sigs.size()))
                    .a(sigs.size() == 1 ? " signal" : " signals").a(" in time order</caption><thead><tr>"
                            + "<th>Time (UTC)</th>");
            if (zone != null) {
                a("<th>Declared local time</th>");
            }
            a("<th>Stage</th><th>Detector</th><th class=\"num\">Strength</th><th>What was seen</th>"
                    + "<th>Evidence</th></tr></thead><tbody>\n");
            int shown = 0;
            for (Report.SignalEntry s : sigs) {
                if (shown++ == max) {
                    break;
                }
                signalRow(s, zone);
            }
            a("</tbody></table>\n");
            long notListed = Math.max(0, w.signalsTotal() - Math.min(sigs.size(), max));
            if (notListed > 0) {
                a("<p class=\"note\">").a(fmt(notListed)).a(notListed == 1 ? " more signal is" : " more signals are")
                        .a(" counted in the score but not listed here");
                if (sigs.size() > max) {
                    a(" (the JSON report lists ").a(fmt(sigs.size())).a(")");
                }
                a(".</p>\n");
            }
        }

        void signalRow(Report.SignalEntry s, ZoneId zone) {
            Instant at = instant(s.time());
            a("<tr><td class=\"time\" data-v=\"").attr(s.time()).a("\">");
            if (at != null) {
                a(UTC_TIME.format(at));
            } else {
                t(s.time(), 60);
            }
            a("</td>");
            if (zone != null) {
                a("<td class=\"time\">").a(at == null ? "\u2014" : LOCAL_TIME.format(at.atZone(zone))).a("</td>");
            }
            a("<td><span class=\"stage s-").a(stageClass(s.stage())).a("\">").t(s.stage(), 30).a("</span></td><td>")
                    .t(s.detector(), 120);
            if (s.technique() != null && !s.technique().isEmpty()) {
                a("<br><span class=\"tech\">").t(s.technique(), 40).a("</span>");
            }
            a("</td><td class=\"num\">").a(score(s.strength())).a("</td><td class=\"expl\">").t(s.explanation(), LONG);
            if (s.subject() != null) {
                a("<br><span class=\"subj\">about <code>").t(s.subject(), SHORT).a("</code></span>");
            }
            if (s.via() != null) {
                a("<br><span class=\"subj via\">").t(s.via(), LONG).a("</span>");
            }
            a("</td><td class=\"ev\">");
            List<String> ev = nz(s.evidence());
            if (ev.isEmpty()) {
                a("<span class=\"none\">\u2014</span>");
            }
            for (int i = 0; i < ev.size() && i < MAX_EVIDENCE; i++) {
                a(i == 0 ? "" : "<br>").a("<code>").t(ev.get(i), 400).a("</code>");
            }
            if (ev.size() > MAX_EVIDENCE) {
                a("<br>and ").a(fmt(ev.size() - MAX_EVIDENCE)).a(" more");
            }
            a("</td></tr>\n");
        }

        // ---------------------------------------------------------------- clusters, applicants

        void clusters() {
            List<Report.ClusterEntry> clusters = nz(report.clusters());
            a("<section id=\"clusters\">\n<h2>Clusters: ").a(fmt(clusters.size())).a("</h2>\n");
            a("<p class=\"note\">People tied by identifiers they should not share: a phone, personal mailbox, bank"
                    + " account, SSN or device; a home address shared by different surnames; a laptop ship-to that"
                    + " is not the worker\u2019s home. Identifiers are keyed hashes shown by a short reference;"
                    + " addresses are shown.</p>\n");
            if (clusters.isEmpty()) {
                a("<p class=\"ok\">No cluster was found.</p>\n");
            }
            for (int i = 0; i < clusters.size() && i < MAX_CLUSTERS; i++) {
                Report.ClusterEntry c = clusters.get(i);
                if (c == null) {
                    continue;
                }
                List<String> ws = nz(c.workers());
                List<String> as = nz(c.applicants());
                a("<article class=\"cluster\" id=\"c-").a(i).a("\"><h3>Cluster ").t(c.id(), 40).a(" \u00b7 ")
                        .a(fmt(ws.size())).a(ws.size() == 1 ? " worker" : " workers");
                if (!as.isEmpty()) {
                    a(", ").a(fmt(as.size())).a(as.size() == 1 ? " applicant" : " applicants");
                }
                a("</h3>\n<ul class=\"members\">");
                for (String id : ws) {
                    a("<li>");
                    personLink(id);
                    a("</li>");
                }
                for (String id : as) {
                    a("<li>applicant ");
                    personLink(id);
                    a("</li>");
                }
                a("</ul>\n<table class=\"ties\"><thead><tr><th>Shared</th><th>Reference</th><th>Address</th>"
                        + "<th>People</th></tr></thead><tbody>");
                List<Report.TieEntry> ties = nz(c.ties());
                for (int k = 0; k < ties.size() && k < MAX_TIES; k++) {
                    Report.TieEntry tie = ties.get(k);
                    if (tie == null) {
                        continue;
                    }
                    a("<tr><td>").t(tieKind(tie.kind()), 60).a("</td><td><code>").t(tie.reference(), 60)
                            .a("</code></td><td>").t(tie.display(), 400).a("</td><td>");
                    List<String> people = nz(tie.people());
                    for (int j = 0; j < people.size() && j < 50; j++) {
                        a(j == 0 ? "" : ", ");
                        String anchor = workerAnchor.get(people.get(j));
                        if (anchor != null) {
                            a("<a href=\"#").a(anchor).a("\">").t(people.get(j), 60).a("</a>");
                        } else {
                            t(people.get(j), 60);
                        }
                    }
                    if (people.size() > 50) {
                        a(" and ").a(fmt(people.size() - 50)).a(" more");
                    }
                    a("</td></tr>");
                }
                a("</tbody></table>\n");
                if (ties.size() > MAX_TIES) {
                    a("<p class=\"note\">and ").a(fmt(ties.size() - MAX_TIES)).a(" more ties.</p>");
                }
                a("</article>\n");
                maybeFlush();
            }
            if (clusters.size() > MAX_CLUSTERS) {
                a("<p class=\"note\">").a(fmt(clusters.size() - MAX_CLUSTERS))
                        .a(" more clusters are in the JSON report.</p>\n");
            }
            a("</section>\n");
        }

        void applicants() {
            List<Report.ApplicantEntry> aps = nz(report.applicants());
            a("<section id=\"applicants\">\n<h2>Applicants never hired, with signals: ").a(fmt(aps.size()))
                    .a("</h2>\n");
            if (aps.isEmpty()) {
                a("<p class=\"note\">None.</p>\n</section>\n");
                return;
            }
            a("<table class=\"applicants\"><thead><tr><th>Name</th><th>ID</th><th>Level</th>"
                    + "<th class=\"num\">Score</th><th>Stages</th><th>Cluster</th><th>Signals</th></tr></thead><tbody>\n");
            for (int i = 0; i < aps.size() && i < MAX_APPLICANTS; i++) {
                Report.ApplicantEntry ap = aps.get(i);
                if (ap == null) {
                    continue;
                }
                a("<tr><td>").t(ap.name()).a("</td><td><code>").t(ap.applicantId(), 60).a("</code></td><td>");
                badge(ap.level());
                a("</td><td class=\"num\">").a(score(ap.score())).a("</td><td>");
                stages(nz(ap.stages()));
                a("</td><td>");
                clusterLink(ap.cluster());
                a("</td><td>");
                List<Report.SignalEntry> sigs = sorted(ap.signals());
                signalList(sigs, sigs.size());
                a("</td></tr>\n");
                maybeFlush();
            }
            a("</tbody></table>\n");
            if (aps.size() > MAX_APPLICANTS) {
                a("<p class=\"note\">").a(fmt(aps.size() - MAX_APPLICANTS))
                        .a(" more applicants are in the JSON report.</p>\n");
            }
            a("</section>\n");
        }

        /** Signals as a collapsed list: time, detector, strength, explanation and evidence of each. */
        void signalList(List<Report.SignalEntry> sigs, long total) {
            if (sigs.isEmpty()) {
                a("<span class=\"none\">\u2014</span>");
                return;
            }
            a("<details><summary>").a(fmt(total)).a(total == 1 ? " signal" : " signals")
                    .a("</summary><ul class=\"sigs\">");
            for (int k = 0; k < sigs.size() && k < MAX_LOW_SIGNALS; k++) {
                Report.SignalEntry s = sigs.get(k);
                Instant at = instant(s.time());
                a("<li>").a(at == null ? Html.escape(s.time()) : UTC_MINUTE.format(at)).a(" \u00b7 ")
                        .t(s.detector(), 120).a(" \u00b7 ").a(score(s.strength())).a(": ")
                        .t(s.explanation(), LONG);
                List<String> ev = nz(s.evidence());
                for (int e = 0; e < ev.size() && e < MAX_EVIDENCE; e++) {
                    a(" <code>").t(ev.get(e), 400).a("</code>");
                }
                a("</li>");
            }
            a("</ul></details>");
        }

        /**
         * Signals about subjects that no record ties to a person: not scored, listed so a finding
         * is never out of sight, and so the analyst sees which roster or asset record is missing.
         */
        void unresolved() {
            List<Report.UnresolvedEntry> us = nz(report.unresolved());
            long total = report.resolution() == null ? 0 : report.resolution().signalsUnresolved();
            a("<section id=\"unresolved\">\n<h2>Signals tied to no one: ").a(fmt(total)).a("</h2>\n");
            if (us.isEmpty()) {
                a("<p class=\"note\">None.</p>\n</section>\n");
                return;
            }
            a("<p class=\"note\">Their subjects \u2014 accounts, machines, addresses \u2014 appear in no HR, asset or "
                    + "identity record given to the scan, so no one is scored for them. Adding the missing record ties "
                    + "them to a person.</p>\n");
            long sensors = Summary.falconSensors(us);
            if (sensors > 0) {
                a("<p class=\"note\">").a(fmt(sensors)).a(sensors == 1 ? " of these machines is a CrowdStrike Falcon "
                        + "sensor id" : " of these machines are CrowdStrike Falcon sensor ids").a(": give the scan the "
                        + "aidmaster folder of Falcon Data Replicator, which names each sensor's computer.</p>\n");
            }
            a("<table class=\"unresolved\"><thead><tr><th>Subject</th><th class=\"num\">Strongest</th>"
                    + "<th>Detectors</th><th>First</th><th>Last</th><th>Signals</th></tr></thead><tbody>\n");
            for (Report.UnresolvedEntry u : us) {
                if (u == null) {
                    continue;
                }
                a("<tr><td><code>").t(u.subject(), 200).a("</code></td><td class=\"num\">").a(score(u.strongest()))
                        .a("</td><td>");
                List<String> ds = nz(u.detectors());
                for (int k = 0; k < ds.size() && k < MAX_EVIDENCE; k++) {
                    a(k == 0 ? "" : "<br>").t(ds.get(k), 120);
                }
                if (ds.size() > MAX_EVIDENCE) {
                    a("<br><span class=\"desc\">and ").a(fmt(ds.size() - MAX_EVIDENCE)).a(" more</span>");
                }
                a("</td><td>").t(u.first(), 40).a("</td><td>").t(u.last(), 40).a("</td><td>");
                signalList(sorted(u.signals()), u.signalsTotal());
                a("</td></tr>\n");
                maybeFlush();
            }
            a("</tbody></table>\n");
            if (us.size() == Report.MAX_UNRESOLVED) {
                a("<p class=\"note\">The first ").a(fmt(us.size()))
                        .a(" subjects, strongest first; the counts per detector are complete.</p>\n");
            }
            a("</section>\n");
        }

        // ---------------------------------------------------------------- detectors, ingest, footer

        void detectors() {
            List<Report.DetectorStats> ds = nz(report.detectors());
            a("<section id=\"detectors\">\n<h2>Detectors</h2>\n");
            if (ds.isEmpty()) {
                a("<p class=\"problem\">No detector ran.</p>\n");
            } else {
                a("<table class=\"detectors\"><thead><tr><th>Detector</th><th class=\"num\">Events read</th>"
                        + "<th class=\"num\">Signals</th><th class=\"num\">Not tied to a person</th>"
                        + "<th class=\"num\">State evictions</th><th>Skipped</th><th class=\"num\">Failures</th>"
                        + "</tr></thead><tbody>\n");
                for (Report.DetectorStats d : ds) {
                    if (d == null) {
                        continue;
                    }
                    a("<tr").a(d.failures() > 0 ? " class=\"fail\"" : "").a("><td><b>").t(d.id(), 120).a("</b>");
                    if (d.description() != null) {
                        a("<br><span class=\"desc\">").t(d.description(), 400).a("</span>");
                    }
                    a("</td><td class=\"num\">").a(fmt(d.events())).a("</td><td class=\"num\">").a(fmt(d.signals()))
                            .a("</td><td class=\"num\">").a(fmt(d.signalsUnresolved())).a("</td><td class=\"num\">")
                            .a(fmt(d.evictions())).a("</td><td>");
                    Map<String, Long> skipped = d.skipped() == null ? Map.of() : d.skipped();
                    if (skipped.isEmpty()) {
                        a("<span class=\"none\">\u2014</span>");
                    }
                    int k = 0;
                    for (var e : new java.util.TreeMap<>(nullSafe(skipped)).entrySet()) {
                        if (k++ == 20) {
                            a("<br>and ").a(fmt(skipped.size() - 20)).a(" more reasons");
                            break;
                        }
                        a(k == 1 ? "" : "<br>").t(e.getKey(), 300).a(": ").a(fmt(e.getValue() == null ? 0 : e.getValue()));
                    }
                    a("</td><td class=\"num\">").a(fmt(d.failures()));
                    if (d.firstFailure() != null) {
                        a("<br><span class=\"desc\">first: ").t(d.firstFailure(), LONG).a("</span>");
                    }
                    a("</td></tr>\n");
                }
                a("</tbody></table>\n");
                List<Coverage.Unseen> unseen = Coverage.unseen(report);
                if (!unseen.isEmpty()) {
                    a("<h3 id=\"unseen\">Read nothing they look at</h3>\n<p class=\"note\">The data was not given, or "
                            + "held nothing of the kind (a GitHub audit log where no repository changed hands has no "
                            + "transfers). Each needs:</p>\n<ul class=\"unseen\">\n");
                    for (Coverage.Unseen u : unseen) {
                        a("<li><b>").t(u.detector(), 120).a("</b> (").a(u.stage().id()).a("): ").t(u.reads(), LONG)
                                .a("</li>\n");
                    }
                    a("</ul>\n");
                }
                boolean noted = false;
                for (Report.DetectorStats d : report.detectors()) {
                    for (String note : d.notes() == null ? List.<String>of() : d.notes()) {
                        if (!noted) {
                            a("<h3 id=\"notes\">Notes from the detectors</h3>\n<ul class=\"unseen\">\n");
                            noted = true;
                        }
                        a("<li><b>").t(d.id(), 120).a("</b>: ").t(note, LONG).a("</li>\n");
                    }
                }
                if (noted) {
                    a("</ul>\n");
                }
            }
            Report.ResolutionStats r = report.resolution();
            if (r != null) {
                a("<p class=\"note\">Resolution: ").a(fmt(r.eventsResolved())).a(" log events tied to a person, ")
                        .a(fmt(r.eventsUnresolved())).a(" not; ").a(fmt(r.aliasesLearned()))
                        .a(" account aliases learned from the logs; ").a(fmt(r.signalsResolved()))
                        .a(" signals tied to a person, ").a(fmt(r.signalsUnresolved())).a(" not tied (counted per"
                                + " detector above), ").a(fmt(r.signalsNotKept()))
                        .a(" repeats counted but not kept.</p>\n");
            }
            a("</section>\n");
        }

        void ingest() {
            Report.IngestStats in = report.ingest();
            a("<section id=\"ingest\">\n<h2>Ingest</h2>\n");
            if (in == null) {
                a("<p class=\"problem\">No ingest statistics recorded.</p>\n</section>\n");
                return;
            }
            a("<p>").a(fmt(in.files())).a(in.files() == 1 ? " file, " : " files, ").a(fmt(in.records()))
                    .a(" records, ").a(fmt(in.events())).a(" events, ").a(fmt(in.quarantined())).a(" quarantined");
            if (in.quarantineFile() != null) {
                a(" (<code>").t(in.quarantineFile(), LONG).a("</code>)");
            }
            a(". ").a(fmt(in.lateEvents())).a(" events arrived after a later one (reorder window ")
                    .a(fmt(in.reorderWindow())).a(" events); they were still read.");
            if (in.recordsRepeated() > 0) {
                a(" ").a(fmt(in.recordsRepeated())).a(in.recordsRepeated() == 1 ? " HR, applicant or asset row was"
                        : " HR, applicant and asset rows were").a(" read again unchanged (another snapshot of an "
                        + "export) and counted once.");
            }
            if (in.eventsRepeated() > 0) {
                a(" ").a(fmt(in.eventsRepeated())).a(in.eventsRepeated() == 1 ? " log event was" : " log events were")
                        .a(" read twice (the same export in two places, or overlapping exports) and counted once.");
            }
            a("</p>\n");
            Map<String, Report.FormatStats> byFormat = in.byFormat() == null ? Map.of() : in.byFormat();
            if (!byFormat.isEmpty()) {
                a("<table class=\"formats\"><thead><tr><th>Format</th><th class=\"num\">Files</th>"
                        + "<th class=\"num\">Records</th><th class=\"num\">Events</th><th class=\"num\">Quarantined"
                        + "</th></tr></thead><tbody>\n");
                for (var e : byFormat.entrySet()) {
                    Report.FormatStats f = e.getValue();
                    if (f == null) {
                        continue;
                    }
                    a("<tr").a(f.quarantined() > 0 ? " class=\"warn\"" : "").a("><td>").t(e.getKey(), 80)
                            .a("</td><td class=\"num\">").a(fmt(f.files())).a("</td><td class=\"num\">")
                            .a(fmt(f.records())).a("</td><td class=\"num\">").a(fmt(f.events()))
                            .a("</td><td class=\"num\">").a(fmt(f.quarantined())).a("</td></tr>\n");
                }
                a("</tbody></table>\n");
            }
            List<Report.FileProblem> problems = nz(in.problems());
            a("<h3>Files with problems: not read to the end, not recognised, or with rejected records</h3>\n");
            if (problems.isEmpty()) {
                a("<p class=\"ok\">None.</p>\n");
            } else {
                a("<table class=\"problems\"><thead><tr><th>File</th><th>Format</th><th class=\"num\">Quarantined"
                        + "</th><th>Problem</th></tr></thead><tbody>\n");
                for (Report.FileProblem f : problems) {
                    if (f == null) {
                        continue;
                    }
                    a("<tr><td><code>").t(f.file(), 600).a("</code></td><td>").t(f.format(), 80)
                            .a("</td><td class=\"num\">").a(fmt(f.quarantined())).a("</td><td>").t(f.problem(), LONG)
                            .a("</td></tr>\n");
                }
                a("</tbody></table>\n");
            }
            a("</section>\n");
        }

        void footer() {
            a("<footer><p>Schema <code>").t(report.schema(), 60).a("</code> \u00b7 scoring: ").t(report.scoring(), 400);
            if (report.piiKeyEphemeral()) {
                a(" \u00b7 identifier references use a key made for this run only, so they cannot be compared"
                        + " with another run\u2019s");
            }
            a(". No single signal is proof: read the evidence behind each one before acting.</p></footer>\n");
        }
    }

    // -------------------------------------------------------------------- helpers

    private static <T> List<T> nz(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, Long> nullSafe(Map<String, Long> m) {
        Map<String, Long> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k == null ? "(none)" : k, v));
        return out;
    }

    /** Signals in time order (unparseable times last, in their given order). */
    static List<Report.SignalEntry> sorted(List<Report.SignalEntry> signals) {
        List<Report.SignalEntry> out = new ArrayList<>(nz(signals));
        out.removeIf(java.util.Objects::isNull);
        Map<Report.SignalEntry, Instant> at = new java.util.IdentityHashMap<>();
        for (Report.SignalEntry s : out) {
            Instant i = instant(s.time());
            at.put(s, i == null ? Instant.MAX : i);
        }
        out.sort(Comparator.comparing(at::get));
        return out;
    }

    static Instant instant(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static ZoneId zone(String id) {
        if (id == null || id.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(id.trim(), ZoneId.SHORT_IDS);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** An ISO instant as "yyyy-MM-dd HH:mm UTC", escaped text when it does not parse, "—" when absent. */
    private static String utcMinute(String s) {
        if (s == null || s.isEmpty()) {
            return "<span class=\"none\">\u2014</span>";
        }
        Instant i = instant(s);
        return i == null ? Html.escape(s.length() > 60 ? s.substring(0, 60) : s) : UTC_MINUTE.format(i) + " UTC";
    }

    private static String day(String s) {
        if (s == null) {
            return "";
        }
        Instant i = instant(s);
        return i == null ? (s.length() > 10 ? s.substring(0, 10) : s) : i.toString().substring(0, 10);
    }

    /** A count with thousands separators ("1,262,010"). */
    static String fmt(long n) {
        String digits = Long.toString(Math.abs(n));
        StringBuilder sb = new StringBuilder(digits.length() + 8);
        if (n < 0) {
            sb.append('-');
        }
        int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
        sb.append(digits, 0, lead);
        for (int i = lead; i < digits.length(); i += 3) {
            sb.append(',').append(digits, i, i + 3);
        }
        return sb.toString();
    }

    private static String score(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "?";
        }
        long c = Math.round(v * 100);
        String sign = c < 0 ? "-" : "";
        c = Math.abs(c);
        return sign + (c / 100) + "." + (c % 100 < 10 ? "0" : "") + (c % 100);
    }

    /** A CSS class suffix from a fixed set, never from report text. */
    private static String levelClass(String level) {
        return LEVELS.contains(level) ? level : "other";
    }

    private static int levelOrder(String level) {
        int i = LEVELS.indexOf(level);
        return i < 0 ? 0 : LEVELS.size() - i;
    }

    private static String stageClass(String stage) {
        return STAGES.contains(stage) ? stage : "other";
    }

    private static String tieKind(String kind) {
        if (kind == null) {
            return null;
        }
        return switch (kind) {
            case "phone" -> "phone number";
            case "personal_email" -> "personal email";
            case "ssn" -> "SSN";
            case "bank_account" -> "bank account";
            case "device_serial" -> "device serial";
            case "home_address" -> "home address";
            case "ship_to" -> "laptop ship-to address";
            default -> kind;
        };
    }

    private static String sha256(String s) {
        return Base64.getEncoder().encodeToString(dev.unravel.core.Sha256.of(s));
    }

    private static String script() {
        return """
                (function () {
                  'use strict';
                  var table = document.getElementById('ranked');
                  if (table) {
                    var body = table.tBodies[0];
                    var heads = table.tHead.rows[0].cells;
                    var key = function (cell, type) {
                      var v = cell.hasAttribute('data-v') ? cell.getAttribute('data-v') : cell.textContent;
                      if (type === 'num') { var n = parseFloat(v); return isNaN(n) ? -Infinity : n; }
                      return v.toLowerCase();
                    };
                    Array.prototype.forEach.call(heads, function (th, col) {
                      var type = th.getAttribute('data-type');
                      if (!type) { return; }
                      th.tabIndex = 0;
                      th.title = 'Sort';
                      var sort = function () {
                        var asc = th.getAttribute('aria-sort') !== 'ascending';
                        if (th.getAttribute('aria-sort') === null && type === 'num' && col > 0) { asc = false; }
                        var rows = Array.prototype.slice.call(body.rows);
                        var keyed = rows.map(function (r, i) { return [key(r.cells[col], type), i, r]; });
                        keyed.sort(function (a, b) {
                          var c = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
                          return (asc ? c : -c) || a[1] - b[1];
                        });
                        var frag = document.createDocumentFragment();
                        keyed.forEach(function (k) { frag.appendChild(k[2]); });
                        body.appendChild(frag);
                        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute('aria-sort'); });
                        th.setAttribute('aria-sort', asc ? 'ascending' : 'descending');
                      };
                      th.addEventListener('click', sort);
                      th.addEventListener('keydown', function (e) {
                        if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); sort(); }
                      });
                    });
                    var filter = document.getElementById('filter');
                    if (filter) {
                      filter.hidden = false;
                      var timer = null;
                      filter.addEventListener('input', function () {
                        clearTimeout(timer);
                        timer = setTimeout(function () {
                          var q = filter.value.trim().toLowerCase();
                          Array.prototype.forEach.call(body.rows, function (r) {
                            r.hidden = q !== '' && r.textContent.toLowerCase().indexOf(q) < 0;
                          });
                        }, 120);
                      });
                    }
                  }
                  var reveal = function () {
                    var id = decodeURIComponent(location.hash.slice(1));
                    var el = id && document.getElementById(id);
                    for (var p = el; p; p = p.parentElement) {
                      if (p.tagName === 'DETAILS') { p.open = true; }
                    }
                    if (el) { el.scrollIntoView(); }
                  };
                  window.addEventListener('hashchange', reveal);
                  if (location.hash) { reveal(); }
                  var opened = [];
                  window.addEventListener('beforeprint', function () {
                    Array.prototype.forEach.call(document.querySelectorAll('details:not([open])'), function (d) {
                      d.open = true; opened.push(d);
                    });
                  });
                  window.addEventListener('afterprint', function () {
                    opened.forEach(function (d) { d.open = false; });
                    opened = [];
                  });
                })();
                """;
    }

    private static final String CSS = """
            :root{--crit:#7f1d1d;--high:#c2410c;--med:#b45309;--low:#4b5563;--ink:#111827;--mute:#6b7280;\
            --line:#e5e7eb;--bg:#f9fafb}
            *{box-sizing:border-box}
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;\
            color:var(--ink);margin:0 auto;padding:16px 24px 48px;max-width:1280px;background:#fff}
            h1{font-size:24px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 8px;padding-bottom:4px;\
            border-bottom:2px solid var(--ink)}h3{font-size:16px;margin:0 0 8px}
            code{font:12px ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;word-break:break-all}
            a{color:#1d4ed8}
            .sub,.note,.inputs,.desc,.subj,.tech,figcaption{color:var(--mute)}
            .sub{margin:0 0 12px}.none{color:#9ca3af}
            .cards{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
            .card{border:1px solid var(--line);border-radius:6px;padding:6px 12px;min-width:104px;background:var(--bg)}
            .card .n{display:block;font-size:20px;font-weight:600}.card .l{font-size:12px;color:var(--mute)}
            .c-critical{border-left:5px solid var(--crit)}.c-high{border-left:5px solid var(--high)}
            .c-medium{border-left:5px solid var(--med)}.c-low{border-left:5px solid var(--low)}
            .card.warn{border-left:5px solid #dc2626}
            .problem{background:#fef2f2;border:1px solid #fecaca;border-radius:6px;padding:8px 12px;margin:8px 0}
            .ok{color:#166534}
            .toc{margin:12px 0;padding:8px 0;border-top:1px solid var(--line);border-bottom:1px solid var(--line)}
            table{border-collapse:collapse;width:100%;margin:6px 0 12px}
            th,td{text-align:left;vertical-align:top;padding:4px 8px;border-bottom:1px solid var(--line)}
            thead th{background:var(--bg);font-weight:600;font-size:13px}
            caption{text-align:left;font-weight:600;padding:4px 0}
            .num{text-align:right;font-variant-numeric:tabular-nums}
            table.ranked th[data-type]{cursor:pointer;user-select:none}
            table.ranked th[aria-sort=ascending]::after{content:" \\25B2"}
            table.ranked th[aria-sort=descending]::after{content:" \\25BC"}
            table.ranked tbody tr:hover{background:#f3f4f6}
            #filter{width:100%;max-width:420px;padding:6px 8px;margin:4px 0;border:1px solid #d1d5db;border-radius:6px}
            .badge{display:inline-block;padding:1px 8px;border-radius:10px;font-size:12px;font-weight:600;color:#fff;\
            text-transform:uppercase;letter-spacing:.03em;background:var(--low)}
            .b-critical{background:var(--crit)}.b-high{background:var(--high)}.b-medium{background:var(--med)}\
            .b-low{background:#e5e7eb;color:#374151}.b-other{background:#e5e7eb;color:#374151}
            .stage{display:inline-block;margin:0 3px 2px 0;padding:0 6px;border-radius:4px;font-size:12px;\
            border:1px solid #d1d5db;background:#fff}
            .s-apply{border-color:#7c3aed;color:#5b21b6}.s-onboard{border-color:#0891b2;color:#155e75}\
            .s-access{border-color:#2563eb;color:#1e40af}.s-control{border-color:#db2777;color:#9d174d}\
            .s-steal{border-color:#dc2626;color:#991b1b}.s-extort{border-color:#111827;color:#111827}
            article.worker{border:1px solid var(--line);border-left:6px solid var(--low);border-radius:6px;\
            padding:12px 16px;margin:16px 0}
            article.w-critical{border-left-color:var(--crit)}article.w-high{border-left-color:var(--high)}\
            article.w-medium{border-left-color:var(--med)}
            .rank{color:var(--mute)}.score{font-weight:400;color:var(--mute);font-size:14px}.up{float:right}
            .cols{display:flex;flex-wrap:wrap;gap:16px}
            dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:2px 12px;margin:0;flex:1 1 300px}
            dl.facts dt{color:var(--mute)}dl.facts dd{margin:0}
            .decomp{flex:2 1 420px}
            .cbar{display:inline-block;width:90px;height:8px;background:#f3f4f6;border-radius:4px;\
            vertical-align:middle;overflow:hidden}.cbar span{display:block;height:100%;background:#374151}
            tfoot td{border-bottom:0;color:var(--mute)}tfoot tr.total td{color:var(--ink);font-weight:600}
            figure.chart{margin:8px 0}
            svg.hours{max-width:100%;height:auto;display:block}
            svg .workday{fill:#dbeafe}svg .bar,svg .bar-wrap{fill:#1f2937}svg .grid{stroke:#e5e7eb}\
            svg .axis{stroke:#6b7280}svg text{font-size:11px;fill:#6b7280}svg .refband{fill:#dc2626}\
            svg .reflab{fill:#b91c1c}
            figcaption{font-size:13px;max-width:900px}
            table.timeline td.time{white-space:nowrap;font-variant-numeric:tabular-nums}
            table.timeline td.ev{min-width:17em;max-width:26em}.expl{max-width:480px}
            details.lower>summary,details>summary{cursor:pointer;color:#1d4ed8}
            details.steps{margin:8px 0}details.steps ol{margin:4px 0;padding-left:22px;max-width:900px}\
            details.steps li{margin:2px 0}.urgent{color:#b91c1c;font-weight:600}.for{color:var(--mute);font-size:13px}
            ul.members{margin:4px 0 8px;padding-left:20px}
            tr.fail td,tr.warn td{background:#fef2f2}
            footer{margin-top:32px;border-top:1px solid var(--line);color:var(--mute);font-size:13px}
            @media print{
            body{font-size:10pt;padding:0;max-width:none}
            .noprint,#filter{display:none!important}
            a{color:inherit;text-decoration:none}
            *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
            thead{display:table-header-group}
            tr,figure.chart,.cards{break-inside:avoid}
            #flagged,#clusters{break-before:page}
            #flagged article.worker~article.worker{break-before:page}
            table.ranked th::after{content:none!important}
            h2,h3{break-after:avoid}
            }
            """;
}
