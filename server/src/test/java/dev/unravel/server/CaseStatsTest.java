package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.cases.CaseRules;
import dev.unravel.core.cases.CaseStatus;
import dev.unravel.core.cases.Disposition;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases.CaseChange;
import dev.unravel.store.StoredCases.CaseOutcome;
import dev.unravel.store.StoredCases.FindingKind;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The program's figures: decisions, their times, how early the evidence came, and each detector's cases. */
class CaseStatsTest {

    static final OffsetDateTime T = OffsetDateTime.parse("2026-03-20T12:00:00Z");

    static CaseOutcome outcome(long id, CaseStatus status, Disposition d, double daysToClose, String openedBy,
            String hire, String first) {
        return new CaseOutcome(id, "worker", status, d, T, d == null ? null : T.plusMinutes((long) (daysToClose * 1440)),
                openedBy, hire, first);
    }

    @Test
    void decisionsTheirTimesAndHowEarlyTheEvidenceCame_andEachDetectorsCases() {
        List<CaseOutcome> all = List.of(
                outcome(1, CaseStatus.CLOSED, Disposition.FRAUD, 2, null, "2026-03-09", "2026-02-27T12:00:00Z"),
                outcome(2, CaseStatus.CLOSED, Disposition.FRAUD, 4, null, "2026-03-01", "2026-03-04T00:00:00Z"),
                outcome(3, CaseStatus.CLOSED, Disposition.BENIGN, 10, "dana", null, "2026-03-19T00:00:00Z"),
                outcome(4, CaseStatus.INVESTIGATING, null, 0, null, "2026-01-05", null),
                new CaseOutcome(5, "worker", CaseStatus.CLOSED, Disposition.INCONCLUSIVE, T.plusMonths(1),
                        T.plusMonths(1).plusHours(5), null, null, null));
        Map<Long, List<FindingKind>> kinds = Map.of(
                1L, List.of(new FindingKind("onboard.laptop-farm", "onboard"), new FindingKind("hours.commit-time-zone",
                        "access")),
                2L, List.of(new FindingKind("onboard.laptop-farm", "onboard")),
                3L, List.of(new FindingKind("hours.commit-time-zone", "access")),
                4L, List.of(new FindingKind("hours.commit-time-zone", "access")));
        CaseStats.Stats st = CaseStats.of(all, kinds);

        assertThat(st.cases()).isEqualTo(5);
        assertThat(st.openedByHand()).isEqualTo(1);
        assertThat(st.byStatus()).containsExactly(Map.entry("open", 0), Map.entry("investigating", 1),
                Map.entry("escalated", 0), Map.entry("closed", 4));
        assertThat(st.byDisposition()).containsExactly(Map.entry("fraud", 2), Map.entry("benign", 1),
                Map.entry("inconclusive", 1));
        assertThat(st.months()).containsExactly(new CaseStats.Month("2026-03", 3, 1, 2, 1, 0),
                new CaseStats.Month("2026-04", 1, 0, 0, 0, 1));
        assertThat(st.toDecision().n()).isEqualTo(4);
        assertThat(st.toDecision().median()).as("the middle two of 5 h, 2, 4 and 10 days").isEqualTo(3.0);
        assertThat(st.toDecision().p90()).isEqualTo(10.0);
        assertThat(st.toDecisionBy().get("fraud")).isEqualTo(new CaseStats.Days(2, 3.0, 4.0));

        CaseStats.Early early = st.early();
        assertThat(early.fraudWorkers()).isEqualTo(2);
        assertThat(early.withHireDate()).isEqualTo(2);
        assertThat(early.beforeStart()).as("case 1's first finding 9.5 days before the start").isEqualTo(1);
        assertThat(early.hireToFirstFinding().median()).isEqualTo((-9.5 + 3.0) / 2);
        assertThat(early.firstFindingToCase().median()).isEqualTo((21.0 + 16.5) / 2);

        assertThat(st.detectors()).containsExactly(
                new CaseStats.DetectorOutcome("hours.commit-time-zone", "access", 3, 1, 1, 1, 0),
                new CaseStats.DetectorOutcome("onboard.laptop-farm", "onboard", 2, 0, 2, 0, 0));
        assertThat(st.detectors().get(0).fraudShare()).isEqualTo(0.5);
        assertThat(CaseStats.of(List.of(), Map.of()).toDecision()).isEqualTo(new CaseStats.Days(0, null, null));
    }

    @Test
    void durationsInWords() {
        assertThat(CaseStats.span(0.01)).isEqualTo("under an hour");
        assertThat(CaseStats.span(0.25)).isEqualTo("6 hours");
        assertThat(CaseStats.span(-11.2)).isEqualTo("11.2 days before");
        assertThat(CaseStats.words(new CaseStats.Days(2, 3.0, 4.0))).isEqualTo("median 3.0 days (2 cases)");
        assertThat(CaseStats.words(new CaseStats.Days(6, 3.0, 9.0))).isEqualTo("median 3.0 days, 90th percentile "
                + "9.0 days (6 cases)");
        assertThat(CaseStats.words(new CaseStats.Days(0, null, null))).isEqualTo("none yet");
    }

    @Test
    void fromTheStore_onTheConsolesOutcomesPage_forAnalystsOnly(@TempDir Path dir) throws Exception {
        try (Store store = Store.open(dir.resolve("store").toString())) {
            dev.unravel.engine.report.Report r = dev.unravel.engine.report.ReportJson.read(Files.writeString(
                    dir.resolve("report.json"), CaseOpeningTest.REPORT));
            store.save(ReportRecords.scanInfo(r), ReportRecords.assessments(r), CaseRules.defaults(), "ci");
            CaseOpening.open(store, "E2", null, null, "A tip.", "dana");
            store.update(1, new CaseChange(CaseStatus.CLOSED, Disposition.FRAUD, null, "Laptop found at a farm."), "dana");
            assertThat(store.outcomes()).extracting(o -> o.id() + " " + o.status().id() + " " + o.openedBy() + " "
                    + o.hireDate() + " " + o.firstFinding()).containsExactly(
                            "1 closed null 2026-03-09 2026-03-01T10:00:00Z", "2 open dana 2026-03-02 2026-03-10T01:00:00Z");

            store.putAnalyst("dana", Passwords.hash(ConsoleTest.PASSWORD));
            store.putAnalyst("hr.pat", Passwords.hash(ConsoleTest.PASSWORD), Store.AnalystRole.VIEWER);
            Javalin app = Console.create(store, "test").start("127.0.0.1", 0);
            try {
                String base = "http://127.0.0.1:" + app.port();
                ConsoleTest.Browser b = new ConsoleTest.Browser(base);
                b.signIn("dana", ConsoleTest.PASSWORD);
                String page = b.get("/stats").body();
                assertThat(page).contains("<a href=\"/stats\">Outcomes</a>", "<h1>Outcomes</h1>",
                        "2 cases, 1 of them opened by hand", "fraud 1, benign 0, inconclusive 0",
                        "<td>onboard.laptop-farm</td><td>onboard</td><td class=\"num\">1</td>", "100 %");
                assertThat(b.get("/api/stats").body()).contains("\"opened_by_hand\" : 1", "\"fraud_share\" : 1.0");
                ConsoleTest.Browser viewer = new ConsoleTest.Browser(base);
                viewer.signIn("hr.pat", ConsoleTest.PASSWORD);
                assertThat(viewer.get("/stats").statusCode()).isEqualTo(403);
                assertThat(viewer.get("/api/stats").statusCode()).isEqualTo(403);
                assertThat(viewer.get("/cases").body()).doesNotContain("Outcomes");
            } finally {
                app.stop();
            }
        }
    }
}
