package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.cases.Assessment.Finding;
import dev.unravel.core.cases.CaseStatus;
import dev.unravel.core.cases.Disposition;
import dev.unravel.engine.report.NextChecks;
import dev.unravel.store.StoredCases;
import dev.unravel.store.StoredCases.CaseFile;
import dev.unravel.store.StoredCases.CaseSummary;
import dev.unravel.store.StoredCases.HistoryEntry;
import dev.unravel.store.StoredCases.ScoreSeen;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseBriefTest {

    static final OffsetDateTime T = OffsetDateTime.parse("2026-04-01T09:00:00Z");

    static CaseFile file(String note) {
        CaseSummary c = new CaseSummary(7, "worker", "E100514", "Shirley <b>Watson</b>", CaseStatus.CLOSED,
                Disposition.FRAUD, "dana", 0.97, "critical", List.of("onboard", "steal"), 3, T, T.plusDays(2),
                T.plusDays(2), 1, 2, null);
        List<Finding> signals = List.of(
                new Finding("2026-03-13T01:36:14Z", "steal.cloud-file-harvest", "steal", "T1213.002", 0.65,
                        "worker:E100514", "Downloaded 239 files \u202Eexe.txt in one day.",
                        List.of("m365/audit-2026-03-11.ndjson#12", "m365/audit-2026-03-11.ndjson#13"), null),
                new Finding("2026-02-22T18:53:19Z", "onboard.ship-to-changed", "onboard", null, 0.5, "worker:E100514",
                        "The laptop delivery address was changed.", List.of("assets/shipments.csv#374"), null),
                new Finding("2026-03-12T00:00:00Z", "steal.personal-cloud-upload", "steal", "T1567", 0.3,
                        "ip:10.20.2.7", "Device X uploaded 1.9 GB to transfer.sh.", List.of("zeek/conn.log#9"),
                        "NWL-MBP-10513 (osquery interface_addresses, utun4)"));
        return new CaseFile(c, signals, List.of(
                new HistoryEntry(T, "unravel", "opened", "Opened at high 0.82 (scan 1)"),
                new HistoryEntry(T.plusDays(2), "lee", "note", note)),
                List.of(new ScoreSeen(1, T, 0.82, "high", 2), new ScoreSeen(2, T.plusDays(1), 0.97, "critical", 3)),
                "2026-03-02", null, List.of(
                        new StoredCases.TieSeen("ship_to", "8047 Prospect Ln, Brooklyn, NY 11215", "worker", "E100511",
                                "Shirley <b>Brooks</b>", 2L),
                        new StoredCases.TieSeen("ship_to", "8047 Prospect Ln, Brooklyn, NY 11215", "worker", "E100512",
                                null, null),
                        new StoredCases.TieSeen("bank_account", null, "worker", "E100511", "Shirley <b>Brooks</b>", 2L)));
    }

    @Test
    void theBrief_saysWhoAndTheDecision_showsEachFindingByStageWithItsRecords_andEscapesEverything() {
        String html = CaseBrief.render(file("HR confirmed. <script>alert(1)</script>"), "/srv/unravel-store", "lee",
                "0.1.0", CaseChecks.Steps.unmarked(NextChecks.builtIn()));

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Case 7: Shirley &lt;b&gt;Watson&lt;/b&gt; "
                + "(worker E100514)</title>");
        assertThat(html).contains("Status: <strong>closed</strong>, decided <strong>fraud</strong> on 2026-04-03",
                "assigned to dana", "3 findings in 2 stages of the scheme (onboard, steal)",
                "recorded between 2026-02-22 and 2026-03-13", "No single finding is proof");
        // stages in the scheme's order, whatever order the findings came in
        assertThat(html.indexOf("<h3>Onboard — ")).isPositive().isLessThan(html.indexOf("<h3>Steal — "));
        // each stage shown says what to rule out first; a stage without findings says nothing
        assertThat(html.indexOf("To rule out before relying on these: a temporary address while moving"))
                .isGreaterThan(html.indexOf("<h3>Onboard — ")).isLessThan(html.indexOf("<h3>Steal — "));
        assertThat(html).contains("To rule out before relying on these: a new engineer setting up")
                .doesNotContain("a night shift");
        assertThat(html.indexOf("steal.personal-cloud-upload")).as("oldest first within a stage")
                .isLessThan(html.indexOf("steal.cloud-file-harvest"));
        assertThat(html).contains("strong (0.65) · steal.cloud-file-harvest · ATT&amp;CK T1213.002",
                "m365/audit-2026-03-11.ndjson#12, m365/audit-2026-03-11.ndjson#13",
                "Tied to this person through: NWL-MBP-10513 (osquery interface_addresses, utun4)");
        // hostile text from logs and notes is inert and visible
        assertThat(html).doesNotContain("<script>alert").contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("\u202E").contains("[U+202E]exe.txt");
        assertThat(html).contains("<td>2</td><td>2026-04-02 09:00</td><td>0.97</td><td>critical</td><td>3</td>");
        assertThat(html).contains("by lee with Unravel 0.1.0 from the case store at /srv/unravel-store");
        // over time, before the findings: the picture, and the same in words, counted from the first day
        assertThat(html).containsSubsequence("<h2>Over time</h2>", "<svg class=\"scheme-timeline\"", ">hired 2026-03-02<",
                "First finding in each stage, counted from the hire date (2026-03-02): onboard 8 days before, steal "
                        + "10 days after.", "<h2>What the records show</h2>");
        assertThat(html).doesNotContain("terminated");
        // who else shares an identifier, each identifier once, names escaped; a printed brief names no other case
        assertThat(html).containsSubsequence("<h2>Tied to other people</h2>", "Shirley &lt;b&gt;Watson&lt;/b&gt; "
                + "(worker E100514) shares 2 identifiers with 2 other people", "<td>Laptop delivery address: 8047 Prospect "
                + "Ln, Brooklyn, NY 11215</td><td>Shirley &lt;b&gt;Brooks&lt;/b&gt; (worker E100511)<br>(worker E100512)"
                + "</td>", "<td>Direct-deposit bank account</td><td>Shirley &lt;b&gt;Brooks&lt;/b&gt; (worker E100511)</td>",
                "<h2>What the records show</h2>");
        assertThat(html).doesNotContain("case 2");
        // what to check next, by team: the general step, the urgent ones, then by stage, each naming its findings
        assertThat(html).containsSubsequence("<h2>Tied to other people</h2>", "<h2>What to check next</h2>",
                "<li><span class=\"team\">Legal</span>: Agree the next steps with HR and counsel",
                "<li><span class=\"team\">Security</span><span class=\"urgent\">urgent</span>: Export the audit records "
                        + "of the downloads", "(steal.cloud-file-harvest)</span>",
                "<li><span class=\"team\">IT</span>: Find out who asked for the delivery address to change",
                "<h2>What the records show</h2>");
        assertThat(html).doesNotContain("They left on").doesNotContain("marked done");
        NextChecks.Check first = NextChecks.builtIn().forFindings(file("x").signals()).get(0);
        String marked = CaseBrief.render(file("x"), "s", "lee", "0.1.0", new CaseChecks.Steps(NextChecks.builtIn(),
                java.util.Map.of(first.key(), new dev.unravel.store.Store.StepDone("dana", T))));
        assertThat(marked).contains(" marked done.</p>", "<li class=\"done\"><span class=\"team\">Legal</span>",
                "✓ done, dana, 2026-04-01 09:00").doesNotContain("Mark done");
        // the console links the other cases it may open, and only those
        StringBuilder page = new StringBuilder();
        CaseBrief.ties(page, file("x"), t -> t.caseId() == 2 ? "/cases/2" : null);
        assertThat(page.toString()).contains("(worker E100511) · <a href=\"/cases/2\">case 2</a>");
        StringBuilder viewer = new StringBuilder();
        CaseBrief.ties(viewer, file("x"), t -> null);
        assertThat(viewer.toString()).contains("(worker E100511)</td>").doesNotContain("case 2");
    }

    @Test
    void onceThePersonHasLeft_theBriefLeavesOutTheChecksThatNeedThemAtWork() {
        CaseFile working = file("x");
        List<Finding> signals = new java.util.ArrayList<>(working.signals());
        signals.add(new Finding("2026-01-18T13:35:56Z", "apply.interview", "apply", null, 0.2, "worker:E100514",
                "The interviewer's notes mention \"long pause\".", List.of("applicants/interviews.csv#515"), null));
        CaseFile employed = new CaseFile(working.summary(), signals, working.history(), working.scores(), "2026-03-02",
                null, working.ties());
        CaseFile left = new CaseFile(working.summary(), signals, working.history(), working.scores(), "2026-03-02",
                "2026-03-25", working.ties());

        assertThat(CaseBrief.render(employed, "s", "lee", "0.1.0", CaseChecks.Steps.unmarked(NextChecks.builtIn()))).contains("Hold a short video call with the camera on");
        String html = CaseBrief.render(left, "s", "lee", "0.1.0", CaseChecks.Steps.unmarked(NextChecks.builtIn()));
        assertThat(html).contains("They left on 2026-03-25, so the steps that need them at work are left out.")
                .doesNotContain("Hold a short video call").contains("Export the audit records of the downloads");
        assertThat(CaseJson.of(left, CaseChecks.Steps.unmarked(NextChecks.builtIn())).get("checks")).asList().isNotEmpty().allSatisfy(c -> assertThat(c.toString())
                .doesNotContain("video call"));
    }

    @Test
    void aCaseList_namesTheTeamsWithUrgentSteps_untilTheCaseIsClosed() {
        List<StoredCases.FindingKind> kinds = List.of(new StoredCases.FindingKind("access.after-termination", "access"),
                new StoredCases.FindingKind("apply.phone", "apply"),
                new StoredCases.FindingKind("sigma:5f2d1a0c", "extort"));
        CaseSummary closed = file("x").summary();
        CaseSummary open = new CaseSummary(closed.id(), closed.kind(), closed.personId(), closed.name(),
                CaseStatus.INVESTIGATING, null, "dana", closed.score(), closed.level(), closed.stages(),
                closed.signals(), closed.openedAt(), closed.updatedAt(), null, closed.openedScan(), closed.lastScan(),
                closed.openedBy());
        assertThat(CaseBrief.urgentTeams(open, kinds, NextChecks.builtIn())).containsExactly("IT", "Legal", "Security");
        assertThat(CaseBrief.urgentTeams(open, List.of(new StoredCases.FindingKind("apply.phone", "apply")),
                NextChecks.builtIn())).isEmpty();
        assertThat(CaseBrief.urgentTeams(open, null, NextChecks.builtIn())).isEmpty();
        assertThat(CaseBrief.urgentTeams(closed, kinds, NextChecks.builtIn())).as("decided: nothing urgent").isEmpty();
    }
}
