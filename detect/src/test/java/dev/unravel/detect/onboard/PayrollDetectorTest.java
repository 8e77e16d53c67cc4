package dev.unravel.detect.onboard;

import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.PAYROLL;
import static dev.unravel.detect.apply.RecordCsv.csv;
import static dev.unravel.detect.apply.RecordCsv.row;
import static dev.unravel.detect.apply.RecordCsv.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayrollDetectorTest {

    static Map<String, String> account(String worker, String from, String bank, String routing, String number) {
        return row("employee_id", worker, "effective_from", from, "bank_name", bank, "routing_number", routing,
                "account_number", number, "account_type", "checking", "deposit_percent", "100");
    }

    private static List<Signal> run(String employees, String payroll) {
        return new DetectorHarness().with("hr-employees", employees).with("hr-payroll", payroll)
                .run(new PayrollDetector());
    }

    @Test
    void oneAccountPayingTwoUnrelatedHiresIsNearProofAndNeverShowsTheNumber() {
        List<Signal> signals = run(csv(EMPLOYEES, worker("E1", "Benjamin", "Miller"), worker("E2", "Mark", "Thomas")),
                csv(PAYROLL, account("E1", "2026-03-04", "JPMorgan Chase Bank", "021000021", "119996458421"),
                        account("E2", "2026-03-05", "JPMorgan Chase", "021-000-021", "00119996458421")));
        assertThat(signals).hasSize(2).allSatisfy(s -> {
            assertThat(s.stage()).isEqualTo(Stage.ONBOARD);
            assertThat(s.strength()).isEqualTo(0.7);
            assertThat(s.explanation()).contains("also pays").doesNotContain("119996458421", "8421");
        });
    }

    @Test
    void aHouseholdsJointAccountIsNotReported() {
        String employees = csv(EMPLOYEES,
                worker("E1", "Ann", "Okafor", "address_line1", "88 Harbor Rd", "city", "Jersey City", "state", "NJ",
                        "postal_code", "07302"),
                worker("E2", "Ben", "Okafor", "address_line1", "88 Harbor Rd", "city", "Jersey City", "state", "NJ",
                        "postal_code", "07302"));
        assertThat(run(employees, csv(PAYROLL, account("E1", "2026-03-02", "TD Bank", "031101266", "65737118960"),
                account("E2", "2026-03-02", "TD Bank", "031101266", "65737118960")))).isEmpty();
    }

    @Test
    void threeAccountsInAYearIsReportedButOneChangeMonthsInIsNot() {
        String employees = csv(EMPLOYEES, worker("E1", "Ann", "Lee", "hire_date", "2025-01-06"),
                worker("E2", "Bo", "Chan", "hire_date", "2022-05-29"));
        List<Signal> signals = run(employees, csv(PAYROLL,
                account("E1", "2025-01-06", "TD Bank", "031101266", "111111111"),
                account("E1", "2025-04-01", "PNC Bank", "043000096", "222222222"),
                account("E1", "2025-09-01", "Citibank", "021000089", "333333333"),
                account("E2", "2022-05-29", "Truist Bank", "061000104", "6883549361"),
                account("E2", "2022-12-21", "TD Bank", "031101266", "65737118960")));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject().value()).isEqualTo("E1");
            assertThat(s.explanation()).contains("changed 2 times");
        });
    }

    @Test
    void aChangeInTheFirstTwoWeeksIsWeak() {
        List<Signal> signals = run(csv(EMPLOYEES, worker("E1", "Ann", "Lee", "hire_date", "2026-03-02")),
                csv(PAYROLL, account("E1", "2026-03-02", "TD Bank", "031101266", "111111111"),
                        account("E1", "2026-03-09", "PNC Bank", "043000096", "222222222")));
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.strength()).isLessThan(0.3));
    }

    @Test
    void aPayoutProviderIsWeakForAUsHomeAndExpectedForAContractorAbroad() {
        String employees = csv(EMPLOYEES, worker("E1", "Karen", "Martinez"),
                worker("E2", "Piotr", "Nowak", "country", "PL", "employment_type", "contractor"));
        String payroll = csv(PAYROLL,
                account("E1", "2026-03-02", "Community Federal Savings Bank (Payoneer)", "026073150", "692774721881"),
                account("E2", "2026-03-02", "Community Federal Savings Bank (Wise)", "026073008", "555774721881"));
        assertThat(run(employees, payroll)).singleElement().satisfies(s -> {
            assertThat(s.subject().value()).isEqualTo("E1");
            assertThat(s.strength()).isEqualTo(0.2);
            assertThat(s.explanation()).contains("Payoneer", "high-risk");
        });
        assertThat(new DetectorHarness().with("hr-employees", employees).with("hr-payroll", payroll)
                .settings(PayrollDetector.ID, Map.of("high_risk_routing", List.of(), "high_risk_names", List.of()))
                .run(new PayrollDetector())).isEmpty();
    }
}
