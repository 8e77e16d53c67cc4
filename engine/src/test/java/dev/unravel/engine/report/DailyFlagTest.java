package dev.unravel.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a report scored daily says when a daily run would have flagged a worker. */
class DailyFlagTest {

    static Report.WorkerEntry flaggedDaily(String hired, String firstFlaggedDaily) {
        return new Report.WorkerEntry(1, "E1", "Ann", "Eng", "Dev", "US", "America/Chicago", hired, null, 0.9,
                "critical", 0.9, 0, List.of("access"), List.of(), null, null, null, List.of(), 0, List.of(),
                firstFlaggedDaily);
    }

    @Test
    void theDayThatEnded_andHowFarFromTheStartDate() {
        assertThat(Summary.dailyFlag(flaggedDaily("2026-03-04", "2026-03-03T00:00:00Z")))
                .isEqualTo("at the end of 2026-03-02, 2 days before the start date");
        assertThat(Summary.dailyFlag(flaggedDaily("2026-03-02", "2026-03-03T00:00:00Z")))
                .isEqualTo("at the end of 2026-03-02, their start date");
        assertThat(Summary.dailyFlag(flaggedDaily("2026-03-01", "2026-03-03T00:00:00Z")))
                .isEqualTo("at the end of 2026-03-02, 1 day after the start date");
        assertThat(Summary.dailyFlag(flaggedDaily(null, "2026-03-03T00:00:00Z"))).isEqualTo("at the end of 2026-03-02");
    }

    @Test
    void notScoredDaily_saysNothing_andAHandEditedValueIsShownAsWritten() {
        assertThat(Summary.dailyFlag(flaggedDaily("2026-03-04", null))).isNull();
        assertThat(Summary.dailyFlag(flaggedDaily("2026-03-04", "yesterday"))).isEqualTo("yesterday");
        assertThat(Summary.dailyFlag(flaggedDaily("March 4", "2026-03-03T00:00:00Z")))
                .as("a hire date that is not a plain date: the day alone").isEqualTo("at the end of 2026-03-02");
        Report report = HtmlReportTest.withWorkers(SampleReport.build(),
                List.of(flaggedDaily("2026-03-04", "yesterday")));
        String page = HtmlReport.render(report);
        assertThat(page).contains("Flagged by a daily run").contains("yesterday");
    }
}
