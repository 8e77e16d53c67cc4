package dev.unravel.server;

import dev.unravel.core.cases.CaseStatus;
import dev.unravel.core.cases.Disposition;
import dev.unravel.engine.report.Html;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases.CaseFile;
import dev.unravel.store.StoredCases.CaseSummary;
import dev.unravel.store.StoredCases.ScanSummary;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;

/** The console's pages, rendered on the server: no script, every value from the store escaped. */
final class Pages {

    private static final String CSS = CaseBrief.CSS + """
            body{max-width:78rem}nav{display:flex;gap:1.2rem;align-items:center;border-bottom:1px solid #ddd;padding:.5rem 0 .7rem;margin-bottom:1rem}
            nav .who{margin-left:auto;color:#555}nav form{display:inline}button,input,select,textarea{font:inherit}
            button{background:#1a1a2e;color:#fff;border:0;border-radius:4px;padding:.35rem .9rem;cursor:pointer}
            nav button{background:none;color:#1a1a2e;text-decoration:underline;padding:0}
            .filters a{margin-right:.8rem}.filters a.on{font-weight:700;text-decoration:none;color:#1a1a2e}
            .error{background:#fdecee;border-left:4px solid #b00020;padding:.6rem .9rem;margin:1rem 0}
            form.update{display:grid;grid-template-columns:repeat(3,minmax(10rem,1fr));gap:.6rem 1rem;background:#f6f6fa;padding:1rem;margin:1rem 0}
            form.update label{display:flex;flex-direction:column;font-size:.85rem;color:#555}
            form.update .wide{grid-column:1/-1}textarea{min-height:4rem}
            form.login{max-width:22rem;display:flex;flex-direction:column;gap:.7rem;margin-top:2rem}
            td.num,th.num{text-align:right}td.late{color:#b00020;font-weight:600}td.t{white-space:nowrap}
            td.urgent{text-transform:none;font-size:inherit;margin:0;color:#7a1f2b;font-weight:600}
            .notice{background:#eef6ee;border-left:4px solid #2e7d32;padding:.6rem .9rem;margin:1rem 0}
            form.search{display:flex;gap:.5rem;margin:.2rem 0 1rem}form.search input{flex:1;max-width:28rem;padding:.3rem .5rem}
            pre.record{background:#f6f6fa;padding:.8rem 1rem;overflow-x:auto;white-space:pre-wrap;word-break:break-all}
            #shared form{margin:0}#shared button{background:none;color:#b00020;text-decoration:underline;padding:0}
            span.new{background:#e8f0fe;color:#1a3d7c;border-radius:3px;padding:0 .3rem;font-size:.8rem}
            form.step{display:inline;margin-left:.4rem}form.step button{background:none;color:#1a1a2e;text-decoration:underline;padding:0;font-size:.85rem}
            """;

    /**
     * The case list's "Open a case" form as last sent ({@code who}, {@code kind}, {@code name}, {@code reason}) with
     * why it was refused (and the person's case, when that is why), so the analyst corrects it instead
     * of typing it again.
     */
    record OpenForm(String who, String kind, String name, String reason, String error, Long existingCase) {
    }

    /** The one signed in, as the pages show them; a viewer reads only the cases shared with them. */
    record Who(String name, boolean viewer) {
    }

    private final String store;
    private final String version;

    Pages(String store, String version) {
        this.store = store;
        this.version = version;
    }

    String version() {
        return version;
    }

    private String page(String title, Who who, String token, String body) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(e(title)).append(" · Unravel</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        if (who != null) {
            // a viewer reads the cases shared with them, nothing else: the analysts' pages are not offered
            b.append("<nav><strong>Unravel</strong><a href=\"/cases\">Cases</a>").append(who.viewer() ? ""
                    : "<a href=\"/scans\">Scans</a><a href=\"/stats\">Outcomes</a><a href=\"/sources\">Sources</a>"
                            + "<a href=\"/access\">Access log</a>")
                    .append("<span class=\"who\">Signed in as ").append(e(who.name()))
                    .append(who.viewer() ? " (viewer)" : "").append("</span>")
                    .append("<form method=\"post\" action=\"/logout\">").append(hidden(token))
                    .append("<button type=\"submit\">Sign out</button></form></nav>\n");
        }
        b.append(body);
        b.append("<footer>Unravel ").append(e(version)).append(" · store ").append(e(store))
                .append(" · times are UTC</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private static String hidden(String token) {
        return "<input type=\"hidden\" name=\"" + Console.CSRF + "\" value=\"" + e(token) + "\">";
    }

    String login(String token, String error) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>Unravel</h1>\n<p class=\"meta\">Sign in to work the cases.</p>\n");
        if (error != null) {
            b.append("<div class=\"error\" role=\"alert\">").append(e(error)).append("</div>\n");
        }
        b.append("<form class=\"login\" method=\"post\" action=\"/login\">").append(hidden(token))
                .append("<label>Name <input name=\"name\" autocomplete=\"username\" required autofocus></label>")
                .append("<label>Password <input name=\"password\" type=\"password\" autocomplete=\"current-password\" ")
                .append("required></label><button type=\"submit\">Sign in</button></form>\n");
        return page("Sign in", null, null, b.toString());
    }

    /**
     * The cases of {@code status} that {@code q} finds ({@code total} before it), highest score first,
     * with the status filters and a search box that keep each other.
     */
    String cases(Who who, String token, String status, String q, List<CaseSummary> cases, int total,
            List<ScanSummary> lastScan, java.util.Map<Long, List<String>> urgent, boolean urgentOnly,
            List<String> blindStages, OpenForm opening, java.util.Map<Long, OffsetDateTime> opened) {
        StringBuilder b = new StringBuilder();
        String keepQ = q.isEmpty() ? "" : "&amp;q=" + e(java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
        b.append(who.viewer() ? "<h1>Cases shared with you</h1>\n<p class=\"filters\">" : "<h1>Cases</h1>\n<p class=\"filters\">");
        String keepUrgent = urgentOnly ? "&amp;urgent=1" : "";
        for (String s : List.of("active", "open", "investigating", "escalated", "closed", "all")) {
            b.append("<a href=\"/cases?status=").append(s).append(keepQ).append(keepUrgent).append('"')
                    .append(s.equals(status) ? " class=\"on\"" : "").append('>').append(s).append("</a>");
        }
        b.append(" · <a href=\"/cases?status=").append(e(status)).append(keepQ).append(urgentOnly ? "" : "&amp;urgent=1")
                .append('"').append(urgentOnly ? " class=\"on\"" : "").append(">").append(urgentOnly ? "urgent only ✕"
                        : "urgent only").append("</a>");
        b.append("</p>\n<form class=\"search\" method=\"get\" action=\"/cases\"><input type=\"hidden\" name=\"status\" ")
                .append("value=\"").append(e(status)).append("\">")
                .append(urgentOnly ? "<input type=\"hidden\" name=\"urgent\" value=\"1\">" : "")
                .append("<input name=\"q\" type=\"search\" value=\"").append(e(q))
                .append("\" placeholder=\"Case number, name, person id or assignee\" aria-label=\"Find a case\">")
                .append("<button type=\"submit\">Find</button></form>\n");
        if (!q.isEmpty()) {
            b.append("<p class=\"meta\">").append(cases.size()).append(" of ").append(total).append(' ')
                    .append(e(status)).append(" cases match “").append(e(q)).append("” · <a href=\"/cases?status=")
                    .append(e(status)).append("\">show all</a></p>\n");
        }
        if (!lastScan.isEmpty()) {
            ScanSummary s = lastScan.get(0);
            b.append("<p class=\"meta\">Last scan ").append(s.id()).append(", saved ").append(minute(s.savedAt()))
                    .append(" by ").append(e(s.savedBy())).append(": ").append(String.format(Locale.ROOT, "%,d", s.events()))
                    .append(" events, ").append(s.people()).append(" people scored, ").append(s.opened())
                    .append(" cases opened.</p>\n");
            if (!blindStages.isEmpty()) {
                b.append("<div class=\"error\" role=\"status\">It could not see ").append(e(String.join(", ", blindStages)))
                        .append(": no detector of ").append(blindStages.size() == 1 ? "that stage" : "those stages")
                        .append(" read an event it looks at, so no case can come from there. <a href=\"/scans/")
                        .append(s.id()).append("/report#unseen\">What each needs</a>.</div>\n");
            }
        }
        if (cases.isEmpty()) {
            b.append(who.viewer() && total == 0 ? "<p>No case has been shared with you" + (status.equals("all") ? ""
                    : " among these") + ". An analyst shares a case from its page.</p>\n" : "<p>No cases here.</p>\n");
        } else {
            long unopened = cases.stream().filter(c -> !opened.containsKey(c.id())).count();
            long changed = cases.stream().filter(c -> opened.containsKey(c.id())
                    && c.updatedAt().isAfter(opened.get(c.id()))).count();
            if (unopened + changed > 0) {
                b.append("<p class=\"meta\">").append(unopened == 0 ? "" : unopened + " you have not opened")
                        .append(unopened > 0 && changed > 0 ? "; " : "").append(changed == 0 ? "" : changed
                                + " changed since you last opened " + (changed == 1 ? "it" : "them")).append(".</p>\n");
            }
            b.append("<table id=\"cases\"><tr><th>Case</th><th>Who</th><th>Status</th><th class=\"num\">Score</th>")
                    .append("<th>Level</th><th class=\"num\">Findings</th><th>Stages</th><th>Urgent steps for</th>")
                    .append("<th>Assignee</th><th>Updated</th></tr>\n");
            for (CaseSummary c : cases) {
                OffsetDateTime seen = opened.get(c.id());
                b.append("<tr><td><a href=\"/cases/").append(c.id()).append("\">").append(c.id()).append("</a>")
                        .append(seen == null ? " <span class=\"new\" title=\"You have not opened it\">new</span>"
                                : c.updatedAt().isAfter(seen) ? " <span class=\"new\" title=\"Changed since you last "
                                        + "opened it, " + minute(seen) + "\">changed</span>" : "").append("</td><td>")
                        .append(e(who(c))).append("</td><td>").append(e(status(c))).append("</td><td class=\"num\">")
                        .append(String.format(Locale.ROOT, "%.2f", c.score())).append("</td><td class=\"level ")
                        .append(e(c.level())).append("\">").append(e(c.level())).append("</td><td class=\"num\">")
                        .append(c.signals()).append("</td><td>").append(e(String.join(", ", c.stages())))
                        .append("</td><td class=\"urgent\">").append(e(String.join(", ", urgent.getOrDefault(c.id(),
                                List.of())))).append("</td><td>").append(e(c.assignee() == null ? "—" : c.assignee()))
                        .append("</td><td>")
                        .append(minute(c.updatedAt())).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        if (!who.viewer()) {
            openForm(b, token, opening);
        }
        return page("Cases", who, token, b.toString());
    }

    /**
     * "Open a case by hand": for a tip, or someone the scans score below the opening level; open when it
     * was refused, with the reason and what was typed.
     */
    private static void openForm(StringBuilder b, String token, OpenForm f) {
        b.append("<details id=\"open\"").append(f != null ? " open" : "").append("><summary>Open a case by hand")
                .append("</summary>\n<p class=\"meta\">On a tip, or for someone the scans score below the opening ")
                .append("level: the case starts from the last scan that assessed them, with its findings, and later ")
                .append("scans keep it up to date. A report lists only the people with findings; for someone it does ")
                .append("not, give their id and name and the case opens on the tip alone.</p>\n");
        if (f != null && f.error() != null) {
            b.append("<div class=\"error\" role=\"alert\">").append(e(f.error()));
            if (f.existingCase() != null) {
                b.append(" <a href=\"/cases/").append(f.existingCase()).append("\">Case ").append(f.existingCase())
                        .append("</a>");
            }
            b.append("</div>\n");
        }
        b.append("<form class=\"update\" method=\"post\" action=\"/cases\">").append(hidden(token))
                .append("<label>Who <input name=\"who\" required maxlength=\"300\" value=\"")
                .append(e(f == null || f.who() == null ? "" : f.who()))
                .append("\" placeholder=\"Worker or applicant id, or name\"></label>")
                .append("<label>Kind <select name=\"kind\">");
        String kind = f == null || f.kind() == null ? "" : f.kind();
        for (String[] k : new String[][] {{"", "worker or applicant"}, {"worker", "worker"}, {"applicant", "applicant"}}) {
            b.append("<option value=\"").append(k[0]).append('"').append(k[0].equals(kind) ? " selected" : "")
                    .append('>').append(k[1]).append("</option>");
        }
        b.append("</select></label><label>Name, if no report lists them <input name=\"name\" maxlength=\"300\" ")
                .append("value=\"").append(e(f == null || f.name() == null ? "" : f.name()))
                .append("\" placeholder=\"As HR records it\"></label><label class=\"wide\">Why (for the case's history) <textarea ")
                .append("name=\"reason\" required maxlength=\"").append(dev.unravel.core.cases.CaseRules.REASON_MAX)
                .append("\">").append(e(f == null || f.reason() == null ? "" : f.reason()))
                .append("</textarea></label><div><button type=\"submit\">Open a case</button></div></form>\n")
                .append("</details>\n");
    }

    /** "Forget this person": for a case closed benign or inconclusive, with the reason and a tick that it is final. */
    private static void forgetForm(StringBuilder b, CaseSummary c, String token) {
        b.append("<details id=\"forget\"><summary>Forget this person</summary>\n<p class=\"meta\">As a retention ")
                .append("policy or a request asks for people who were cleared: the case's findings, history, ties and ")
                .append("steps go, with the person's score in every saved scan and their entry in every kept report. ")
                .append("The case stays as the record that a person was forgotten, when, by whom and why. The logs are ")
                .append("not touched: scanning them again finds what they hold again.</p>\n")
                .append("<form class=\"update\" method=\"post\" action=\"/cases/").append(c.id()).append("/forget\">")
                .append(hidden(token)).append("<label class=\"wide\">Why (the one line the case keeps) <textarea ")
                .append("name=\"reason\" required maxlength=\"").append(dev.unravel.core.cases.CaseRules.REASON_MAX)
                .append("\"></textarea></label><label><span><input ")
                .append("type=\"checkbox\" name=\"confirm\" value=\"1\" required> This cannot be undone</span></label>")
                .append("<div><button type=\"submit\">Forget the person</button></div></form></details>\n");
    }

    /**
     * A case: for an analyst with the form that changes it and whom it is shared with ({@code sharedWith},
     * and the viewers it could be shared with, {@code viewers}); for a viewer, read only. The cases of
     * the people tied to this one are linked where {@code mayOpen} allows (a viewer: those shared with them).
     */
    String caseFile(Who who, String token, CaseFile f, String error, List<Store.CaseViewer> sharedWith,
            List<String> viewers, java.util.function.LongPredicate mayOpen, CaseChecks.Steps steps) {
        CaseSummary c = f.summary();
        StringBuilder b = new StringBuilder(16_384);
        b.append("<h1>Case ").append(c.id()).append(": ").append(e(who(c))).append("</h1>\n");
        b.append("<p class=\"meta\">").append(e(status(c))).append(" · ")
                .append(c.assignee() == null ? "unassigned" : "assigned to " + e(c.assignee())).append(" · <span class=\"level ")
                .append(e(c.level())).append("\">").append(e(c.level())).append("</span> ")
                .append(String.format(Locale.ROOT, "%.2f", c.score())).append(" · ").append(c.signals())
                .append(" findings in ").append(e(String.join(", ", c.stages()))).append(" · opened ")
                .append(minute(c.openedAt())).append(" by ").append(e(c.openedHow())).append(" · <a href=\"/cases/")
                .append(c.id()).append("/brief\">Brief for HR and legal</a> (<a href=\"/cases/").append(c.id())
                .append("/brief?records=1\">with the records</a>) · <a href=\"/api/cases/").append(c.id())
                .append("\">JSON</a>").append(who.viewer() ? "" : " · <a href=\"/cases/" + c.id()
                        + "/evidence\">Evidence package (.zip)</a>").append("</p>\n");
        if (error != null) {
            b.append("<div class=\"error\" role=\"alert\">").append(e(error)).append("</div>\n");
        }
        if (c.forgotten()) {
            b.append("<p class=\"notice\">The person of this case was forgotten: their findings, history and scores ")
                    .append("are gone, and the case stays as the record that they were.</p>\n<h2>History</h2>\n");
            CaseBrief.history(b, f.history());
            return page("Case " + c.id(), who, token, b.toString());
        }
        if (!who.viewer()) {
            updateForm(b, c, token);
            sharing(b, c, token, sharedWith, viewers);
            if (c.status() == CaseStatus.CLOSED && c.disposition() != null && c.disposition() != Disposition.FRAUD) {
                forgetForm(b, c, token);
            }
        } else {
            b.append("<p class=\"meta\">You read this case as a viewer; analysts change it.</p>\n");
        }
        CaseBrief.overTime(b, f);
        CaseBrief.ties(b, f, t -> mayOpen.test(t.caseId()) ? "/cases/" + t.caseId() : null);
        // an analyst marks a step done (or takes the mark back); a viewer reads the marks
        CaseBrief.nextChecks(b, f, steps, who.viewer() ? null : (step, done) -> "<form class=\"step\" method=\"post\" "
                + "action=\"/cases/" + c.id() + "/steps\">" + hidden(token) + "<input type=\"hidden\" name=\"step\" "
                + "value=\"" + e(step.key()) + "\"><input type=\"hidden\" name=\"done\" value=\"" + (done ? "0" : "1")
                + "\"><button type=\"submit\">" + (done ? "Not done" : "Mark done") + "</button></form>");
        b.append("<h2>What the records show</h2>\n");
        CaseBrief.findings(b, f.signals(), ref -> "/cases/" + c.id() + "/record?ref="
                + java.net.URLEncoder.encode(ref, java.nio.charset.StandardCharsets.UTF_8));
        b.append("<h2>Score in each scan</h2>\n");
        CaseBrief.scores(b, f.scores());
        b.append("<h2>History</h2>\n");
        CaseBrief.history(b, f.history());
        return page("Case " + c.id(), who, token, b.toString());
    }

    /** A record behind a finding of case {@code c}, read again from its file, or why it cannot be shown. */
    String record(Who who, String token, CaseSummary c, String ref, dev.unravel.ingest.RecordLookup.Found found,
            dev.unravel.engine.report.EvidenceFiles.Verdict verdict, String problem) {
        StringBuilder b = new StringBuilder(8192);
        b.append("<h1>Record behind case ").append(c.id()).append(": ").append(e(who(c))).append("</h1>\n");
        b.append("<p class=\"meta\"><code>").append(e(ref)).append("</code> · <a href=\"/cases/").append(c.id())
                .append("\">back to the case</a></p>\n");
        if (problem != null) {
            b.append("<div class=\"error\" role=\"alert\">").append(e(problem)).append("</div>\n");
            return page("Record", who, token, b.toString());
        }
        boolean changed = verdict.state() == dev.unravel.engine.report.EvidenceFiles.State.CHANGED;
        b.append("<p class=\"").append(changed ? "error" : "meta").append("\"").append(changed ? " role=\"alert\"" : "")
                .append(">").append(e(verdict.text())).append("</p>\n");
        b.append("<p class=\"meta\">Read again just now from the file, as ").append(e(found.format()))
                .append(". Identity and bank numbers show their last four characters.</p>\n");
        for (dev.unravel.core.Event ev : found.events()) {
            b.append("<table><tr><th>Time</th><td>").append(e(ev.time().toString())).append("</td></tr>")
                    .append("<tr><th>Kind</th><td>").append(e(ev.source())).append(" · ").append(e(ev.type()))
                    .append("</td></tr>");
            if (ev.user() != null) {
                b.append("<tr><th>User</th><td>").append(e(ev.user())).append("</td></tr>");
            }
            if (ev.host() != null) {
                b.append("<tr><th>Host</th><td>").append(e(ev.host())).append("</td></tr>");
            }
            if (ev.sourceIp() != null) {
                b.append("<tr><th>From</th><td>").append(e(ev.sourceIp())).append("</td></tr>");
            }
            b.append("</table>\n<pre class=\"record\">")
                    .append(e(dev.unravel.engine.report.RecordJson.document(ev))).append("</pre>\n");
        }
        return page("Record", who, token, b.toString());
    }

    /**
     * Whom the case is shared with, each with a button that stops it, and a form that shares it with
     * another viewer: viewers read only the cases shared with them.
     */
    private static void sharing(StringBuilder b, CaseSummary c, String token, List<Store.CaseViewer> sharedWith,
            List<String> viewers) {
        b.append("<h2>Shared with</h2>\n");
        if (sharedWith.isEmpty()) {
            b.append("<p class=\"meta\">No viewer: only analysts read this case. Viewers (HR, legal, a manager being "
                    + "briefed) read the cases shared with them.</p>\n");
        } else {
            b.append("<table id=\"shared\"><tr><th>Viewer</th><th>Since</th><th>By</th><th></th></tr>\n");
            for (Store.CaseViewer v : sharedWith) {
                b.append("<tr><td>").append(e(v.viewer())).append("</td><td>").append(minute(v.sharedAt()))
                        .append("</td><td>").append(e(v.sharedBy())).append("</td><td><form method=\"post\" action=\"/cases/")
                        .append(c.id()).append("/unshare\">").append(hidden(token))
                        .append("<input type=\"hidden\" name=\"viewer\" value=\"").append(e(v.viewer()))
                        .append("\"><button type=\"submit\">Stop sharing</button></form></td></tr>\n");
            }
            b.append("</table>\n");
        }
        List<String> others = viewers.stream().filter(n -> sharedWith.stream().noneMatch(v -> v.viewer().equals(n)))
                .toList();
        if (others.isEmpty()) {
            b.append("<p class=\"meta\">").append(viewers.isEmpty() ? "No one has the viewer role yet (<code>unravel "
                    + "analysts add NAME --role viewer</code>)." : "Shared with every viewer.").append("</p>\n");
            return;
        }
        b.append("<form class=\"search\" method=\"post\" action=\"/cases/").append(c.id()).append("/share\">")
                .append(hidden(token)).append("<select name=\"viewer\" aria-label=\"Viewer\">");
        for (String n : others) {
            b.append("<option value=\"").append(e(n)).append("\">").append(e(n)).append("</option>");
        }
        b.append("</select><button type=\"submit\">Share</button></form>\n");
    }

    /** The form that changes a case's status, disposition or assignee, or adds a note. */
    private static void updateForm(StringBuilder b, CaseSummary c, String token) {
        b.append("<form class=\"update\" method=\"post\" action=\"/cases/").append(c.id()).append("\">")
                .append(hidden(token)).append("<label>Status <select name=\"status\">");
        for (CaseStatus s : CaseStatus.values()) {
            b.append("<option value=\"").append(s.id()).append('"').append(s == c.status() ? " selected" : "")
                    .append('>').append(s.id()).append("</option>");
        }
        b.append("</select></label><label>Disposition (when closing) <select name=\"disposition\"><option value=\"\">—")
                .append("</option>");
        for (Disposition d : Disposition.values()) {
            b.append("<option value=\"").append(d.id()).append('"').append(d == c.disposition() ? " selected" : "")
                    .append('>').append(d.id()).append("</option>");
        }
        b.append("</select></label><label>Assignee <input name=\"assignee\" value=\"")
                .append(e(c.assignee() == null ? "" : c.assignee())).append("\"></label>")
                .append("<label class=\"wide\">Note for the history <textarea name=\"note\"></textarea></label>")
                .append("<div class=\"wide\"><button type=\"submit\">Save</button></div></form>\n");
    }

    /**
     * The sources that send logs over the ingest API, the longest silent first: a feed that stopped is
     * a blind spot (and a sensor turned off on one laptop is a finding, but a whole feed gone is ours).
     */
    String sources(Who who, String token, List<Store.IngestSource> received, List<Store.CollectSource> collected,
            java.time.OffsetDateTime now, boolean taking,
            java.util.function.Function<String, java.time.Duration> silentAfter) {
        StringBuilder b = new StringBuilder("<h1>Sources</h1>\n");
        if (!taking) {
            b.append("<p class=\"meta\">This console takes no logs; <code>unravel serve --spool DIR</code> lets log "
                    + "shippers and event hooks send them to <code>/api/ingest/SOURCE</code>.</p>\n");
        }
        List<Store.IngestSource> sources = SilentSources.feeds(received, collected);
        if (sources.isEmpty()) {
            b.append("<p>No logs received over the ingest API yet.</p>\n");
            return page("Sources", who, token, b.toString());
        }
        b.append("<table><tr><th>Source</th><th>Last received</th><th>Silent for</th><th>Latest event</th>")
                .append("<th class=\"num\">Batches</th><th class=\"num\">Records</th><th class=\"num\">Events</th>")
                .append("<th class=\"num\">Rejected</th></tr>\n");
        for (Store.IngestSource s : sources) {
            java.time.Duration silent = java.time.Duration.between(s.lastReceived(), now);
            b.append("<tr><td>").append(e(s.source())).append("</td><td class=\"t\">")
                    .append(s.batches() == 0 ? "never" : minute(s.lastReceived())) // collected, nothing brought yet
                    .append("</td><td").append(late(silent, silentAfter.apply(s.source())) ? " class=\"late\"" : "")
                    .append(">")
                    .append(e(silence(silent))).append("</td><td>")
                    .append(s.lastEvent() == null ? "-" : minute(s.lastEvent())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%,d", s.batches())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%,d", s.records())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%,d", s.events())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%,d", s.rejected())).append("</td></tr>\n");
        }
        b.append("</table>\n<p class=\"meta\">Each batch, with its file in the spool: <code>unravel ingest batches "
                + "--store ").append(e(store)).append("</code>.</p>\n");
        if (!collected.isEmpty()) {
            collections(b, collected);
        }
        return page("Sources", who, token, b.toString());
    }

    /** The logs the console collects from vendors' APIs ({@code serve --collect}): how their runs go, failures first. */
    private static void collections(StringBuilder b, List<Store.CollectSource> collected) {
        b.append("<h2>Collected from the vendors' APIs</h2>\n<table><tr><th>Log</th><th>Source</th><th>Last run</th>")
                .append("<th>Result</th><th>Last records</th><th class=\"num\">Runs</th><th class=\"num\">Records</th>")
                .append("</tr>\n");
        List<Store.CollectSource> failingFirst = new java.util.ArrayList<>(collected);
        failingFirst.sort(java.util.Comparator.comparing((Store.CollectSource c) -> c.failing() == 0));
        for (Store.CollectSource c : failingFirst) {
            String result = c.failing() > 0
                    ? "failed" + (c.failing() > 1 ? " " + c.failing() + " runs in a row" : "") + ": " + c.lastError()
                    : c.lastRecords() > 0 ? String.format(Locale.ROOT, "%,d new records", c.lastRecords())
                            : "nothing new";
            b.append("<tr><td>").append(e(c.what())).append("</td><td>").append(e(c.source()))
                    .append("</td><td class=\"t\">").append(minute(c.lastRun())).append("</td><td").append(c.failing() > 0 ? " class=\"late\"" : "")
                    .append(">").append(e(result)).append("</td><td class=\"t\">")
                    .append(c.lastBrought() == null ? "never" : minute(c.lastBrought())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%,d", c.runs())).append("</td><td class=\"num\">")
                    .append(String.format(Locale.ROOT, "%,d", c.records())).append("</td></tr>\n");
        }
        b.append("</table>\n<p class=\"meta\">Each run's records are a batch of their source above; a run that "
                + "fails writes nothing, and the next asks again from where the last that worked stopped.</p>\n");
    }

    /** The access log, newest first, of one analyst when {@code of} is given. */
    String accessLog(Who who, String token, List<Store.AccessEntry> entries, String of, boolean withIngest) {
        StringBuilder b = new StringBuilder("<h1>Access log</h1>\n");
        b.append("<p class=\"meta\">Who signed in, and every case, brief, record and report opened or changed, newest "
                + "first").append(withIngest ? ", with the batches taken over the ingest API" : "")
                .append(". The last ").append(Console.ACCESS_SHOWN).append(" entries; <code>unravel analysts log "
                        + "--limit N</code> reads further.</p>\n");
        b.append("<form class=\"search\" method=\"get\" action=\"/access\"><input name=\"analyst\" type=\"search\" ")
                .append("value=\"").append(e(of == null ? "" : of)).append("\" placeholder=\"One analyst's entries\" ")
                .append("aria-label=\"Analyst\">").append(withIngest ? "<input type=\"hidden\" name=\"ingest\" value=\"1\">" : "")
                .append("<button type=\"submit\">Show</button></form>\n<p class=\"filters\"><a href=\"/access")
                .append(of == null ? "" : "?analyst=" + e(java.net.URLEncoder.encode(of, java.nio.charset.StandardCharsets.UTF_8)))
                .append("\"").append(withIngest ? "" : " class=\"on\"").append(">people</a><a href=\"/access?ingest=1")
                .append(of == null ? "" : "&amp;analyst=" + e(java.net.URLEncoder.encode(of, java.nio.charset.StandardCharsets.UTF_8)))
                .append("\"").append(withIngest ? " class=\"on\"" : "").append(">with batches taken</a></p>\n");
        if (entries.isEmpty()) {
            b.append("<p>No entries").append(of == null ? "" : " for " + e(of)).append(".</p>\n");
            return page("Access log", who, token, b.toString());
        }
        b.append("<table><tr><th>When (UTC)</th><th>Who</th><th>From</th><th>What</th><th>Of</th></tr>\n");
        for (Store.AccessEntry a : entries) {
            b.append("<tr><td>").append(minute(a.at())).append("</td><td>").append(e(a.analyst())).append("</td><td>")
                    .append(e(a.address() == null ? "" : a.address())).append("</td><td>").append(e(a.action()))
                    .append("</td><td>").append(e(a.target() == null ? "" : a.target())).append("</td></tr>\n");
        }
        b.append("</table>\n");
        return page("Access log", who, token, b.toString());
    }

    /** Whether a source quiet for {@code quiet} is past its threshold ({@code after}; null: not watched). */
    private static boolean late(java.time.Duration quiet, java.time.Duration after) {
        return after != null && quiet.compareTo(after) > 0;
    }

    /** How long a source has been silent, roughly: {@code 5 minutes}, {@code 3 hours}, {@code 2 days}. */
    static String silence(java.time.Duration d) {
        if (d.toMinutes() < 1) {
            return "under a minute";
        }
        if (d.toHours() < 1) {
            return dev.unravel.core.Count.of(d.toMinutes(), "minute", "minutes");
        }
        if (d.toDays() < 1) {
            return dev.unravel.core.Count.of(d.toHours(), "hour", "hours");
        }
        return dev.unravel.core.Count.of(d.toDays(), "day", "days");
    }

    String scans(Who who, String token, List<ScanSummary> scans, boolean canRun, String asked) {
        StringBuilder b = new StringBuilder("<h1>Saved scans</h1>\n");
        if (asked != null && !asked.isBlank()) {
            b.append("<p class=\"notice\" role=\"status\">").append(e(asked)).append("</p>\n");
        }
        if (canRun) {
            b.append("<form method=\"post\" action=\"/scans/run\">").append(hidden(token))
                    .append("<button type=\"submit\">Scan now</button> <span class=\"meta\">the logs received and the "
                            + "exports, as the scheduled scans do; the result appears here</span></form>\n");
        }
        if (scans.isEmpty()) {
            b.append("<p>No scans saved yet: <code>unravel scan EXPORTS --store ").append(e(store)).append("</code></p>\n");
        } else {
            b.append("<table><tr><th>Scan</th><th>Saved</th><th>By</th><th class=\"num\">Events</th>")
                    .append("<th class=\"num\">People</th><th class=\"num\">Opened</th><th class=\"num\">Updated</th>")
                    .append("<th class=\"num\">Reopened</th><th>Inputs</th><th></th></tr>\n");
            for (ScanSummary s : scans) {
                b.append("<tr><td>").append(s.id()).append("</td><td>").append(minute(s.savedAt())).append("</td><td>")
                        .append(e(s.savedBy())).append("</td><td class=\"num\">")
                        .append(String.format(Locale.ROOT, "%,d", s.events())).append("</td><td class=\"num\">")
                        .append(s.people()).append("</td><td class=\"num\">").append(s.opened())
                        .append("</td><td class=\"num\">").append(s.updated()).append("</td><td class=\"num\">")
                        .append(s.reopened()).append("</td><td>").append(e(String.join(", ", s.inputs())))
                        .append("</td><td>").append(s.report() ? "<a href=\"/scans/" + s.id() + "/report\">Report</a>"
                                : "<span class=\"meta\">report pruned</span>").append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        return page("Scans", who, token, b.toString());
    }

    /** How the cases went ({@link CaseStats}): for whoever runs the program, and for tuning the detectors. */
    String stats(Who who, String token, CaseStats.Stats st) {
        StringBuilder b = new StringBuilder("<h1>Outcomes</h1>\n");
        b.append("<p class=\"meta\">").append(st.cases()).append(" cases, ").append(st.openedByHand())
                .append(" of them opened by hand · <a href=\"/api/stats\">JSON</a></p>\n<table>");
        b.append("<tr><th>By status</th><td>").append(e(CaseStats.counts(st.byStatus()))).append("</td></tr>");
        b.append("<tr><th>Decided</th><td>").append(e(CaseStats.counts(st.byDisposition()))).append("</td></tr>");
        b.append("<tr><th>Time to a decision</th><td>").append(e(CaseStats.words(st.toDecision())));
        st.toDecisionBy().forEach((d, days) -> {
            if (days.n() > 0) {
                b.append("<br>").append(e(d)).append(": ").append(e(CaseStats.words(days)));
            }
        });
        b.append("</td></tr>");
        CaseStats.Early early = st.early();
        b.append("<tr><th>Workers decided fraud</th><td>").append(early.fraudWorkers());
        if (early.withHireDate() > 0) {
            b.append("<br>first finding from the hire date: ").append(e(CaseStats.words(early.hireToFirstFinding())))
                    .append("; ").append(early.beforeStart()).append(" of ").append(early.withHireDate())
                    .append(" before the start date");
        }
        if (early.firstFindingToCase().n() > 0) {
            b.append("<br>from the first finding to the case: ").append(e(CaseStats.words(early.firstFindingToCase())));
        }
        b.append("</td></tr></table>\n");
        if (!st.months().isEmpty()) {
            b.append("<h2>Each month</h2>\n<table><tr><th>Month</th><th class=\"num\">Opened by scans</th>")
                    .append("<th class=\"num\">By hand</th><th class=\"num\">Closed fraud</th><th class=\"num\">")
                    .append("Benign</th><th class=\"num\">Inconclusive</th></tr>\n");
            for (CaseStats.Month m : st.months()) {
                b.append("<tr><td>").append(e(m.month())).append("</td><td class=\"num\">").append(m.openedByScan())
                        .append("</td><td class=\"num\">").append(m.openedByHand()).append("</td><td class=\"num\">")
                        .append(m.fraud()).append("</td><td class=\"num\">").append(m.benign())
                        .append("</td><td class=\"num\">").append(m.inconclusive()).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        if (!st.detectors().isEmpty()) {
            b.append("<h2>How each detector's cases were decided</h2>\n<p class=\"meta\">A detector whose cases end ")
                    .append("benign again and again wants a setting changed (an allow-list, a threshold); no single ")
                    .append("finding is proof, so a case counts for every detector in it.</p>\n<table id=\"detectors\">")
                    .append("<tr><th>Detector</th><th>Stage</th><th class=\"num\">Cases</th><th class=\"num\">")
                    .append("Active</th><th class=\"num\">Fraud</th><th class=\"num\">Benign</th><th class=\"num\">")
                    .append("Inconclusive</th><th class=\"num\">Fraud of decided</th></tr>\n");
            for (CaseStats.DetectorOutcome d : st.detectors()) {
                b.append("<tr><td>").append(e(d.detector())).append("</td><td>").append(e(d.stage() == null ? "—"
                        : d.stage())).append("</td><td class=\"num\">").append(d.cases()).append("</td><td class=\"num\">")
                        .append(d.active()).append("</td><td class=\"num\">").append(d.fraud())
                        .append("</td><td class=\"num\">").append(d.benign()).append("</td><td class=\"num\">")
                        .append(d.inconclusive()).append("</td><td class=\"num\">").append(d.fraudShare() == null ? "—"
                                : String.format(Locale.ROOT, "%.0f %%", 100 * d.fraudShare())).append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        return page("Outcomes", who, token, b.toString());
    }

    String problem(Who who, String token, int status, String message) {
        return page("Problem", who, token, "<h1>" + status + "</h1>\n<div class=\"error\" role=\"alert\">"
                + e(message) + "</div>\n<p><a href=\"/cases\">Back to the cases</a></p>\n");
    }

    private static String who(CaseSummary c) {
        return c.who();
    }

    private static String status(CaseSummary c) {
        return c.disposition() == null ? c.status().id() : c.status().id() + " (" + c.disposition().id() + ")";
    }

    private static String minute(OffsetDateTime t) {
        return CaseBrief.minute(t);
    }

    private static String e(String s) {
        return Html.escape(s);
    }
}
