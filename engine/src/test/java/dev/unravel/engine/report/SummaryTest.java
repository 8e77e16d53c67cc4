package dev.unravel.engine.report;

import static dev.unravel.engine.report.SampleReport.contribution;
import static dev.unravel.engine.report.SampleReport.hours;
import static dev.unravel.engine.report.SampleReport.signal;
import static dev.unravel.engine.report.SampleReport.worker;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    @Test
    void aWorkersReasonIsTheDetectorsStrongestSignal_notItsFirst() {
        Report.WorkerEntry w = worker(1, "E1", "Eric Gonzalez", "Engineering", "Developer", "US", "America/New_York",
                "2026-03-02", null, 0.9, "critical", 0.9, 0, List.of("access"), "2026-03-05T01:00:00Z", null,
                hours(0, 10, 1), List.of(contribution("access.shared-source-ip", "access", 3, 0.6, 0.5)),
                List.of(signal("2026-03-05T01:00:00Z", "access.shared-source-ip", "access", "T1133", 0.3, "worker:E1",
                                "2 workers signed in from the same address 185.242.5.85, a commercial VPN exit."),
                        signal("2026-03-06T01:00:00Z", "access.shared-source-ip", "access", "T1133", 0.6, "worker:E1",
                                "3 workers signed in from the same address 71.173.170.3, a home line; the VPN's log "
                                        + "shows 3 of their company laptops connecting from it."),
                        signal("2026-03-07T01:00:00Z", "access.shared-source-ip", "access", "T1133", 0.6, "worker:E1",
                                "a later one as strong")));
        assertThat(Summary.strongestExplanation(w, "access.shared-source-ip")).startsWith("3 workers");
        assertThat(Summary.strongestExplanation(w, "apply.ssn")).isEqualTo("apply.ssn");
    }
}
