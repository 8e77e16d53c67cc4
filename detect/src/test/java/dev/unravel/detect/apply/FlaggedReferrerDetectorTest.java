package dev.unravel.detect.apply;

import static dev.unravel.detect.apply.RecordCsv.APPLICANTS;
import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.PAYROLL;
import static dev.unravel.detect.apply.RecordCsv.REFERRALS;
import static dev.unravel.detect.apply.RecordCsv.VERIFICATIONS;
import static dev.unravel.detect.apply.RecordCsv.applicant;
import static dev.unravel.detect.apply.RecordCsv.csv;
import static dev.unravel.detect.apply.RecordCsv.row;
import static dev.unravel.detect.apply.RecordCsv.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlaggedReferrerDetectorTest {

    static final String EMPLOYEES_CSV = csv(EMPLOYEES,
            worker("E1", "Benjamin", "Miller", "applicant_id", "A1"),
            worker("E2", "Mark", "Thomas", "applicant_id", "A2"),
            worker("E3", "Karen", "Martinez", "applicant_id", "A3"),
            worker("E4", "Nancy", "Carter", "applicant_id", "A4"),
            worker("E5", "Ahmed", "Davis", "applicant_id", "A5"));

    static final String APPLICANTS_CSV = csv(APPLICANTS,
            applicant("A1", "Benjamin", "Miller", "status", "hired", "employee_id", "E1"),
            applicant("A2", "Mark", "Thomas", "status", "hired", "employee_id", "E2"),
            applicant("A3", "Karen", "Martinez", "source", "referral", "referrer_employee_id", "E1", "status", "hired",
                    "employee_id", "E3"),
            applicant("A4", "Nancy", "Carter", "status", "hired", "employee_id", "E4"),
            applicant("A5", "Ahmed", "Davis", "source", "referral", "referrer_employee_id", "E4", "status", "hired",
                    "employee_id", "E5"),
            applicant("A6", "Li", "Wu", "source", "referral", "referrer_employee_id", "E4"));

    static final String REFERRALS_CSV = csv(REFERRALS,
            row("referral_id", "R3", "referrer_employee_id", "E1", "applicant_id", "A3", "referred_at",
                    "2026-01-15T16:09:25Z"),
            row("referral_id", "R5", "referrer_employee_id", "E4", "applicant_id", "A5", "referred_at",
                    "2026-01-15T16:09:25Z"),
            row("referral_id", "R6", "referrer_employee_id", "E4", "applicant_id", "A6", "referred_at",
                    "2026-01-15T16:09:25Z"));

    private static DetectorHarness base() {
        return new DetectorHarness().with("hr-employees", EMPLOYEES_CSV).with("applicants", APPLICANTS_CSV)
                .with("hr-referrals", REFERRALS_CSV);
    }

    @Test
    void referredByAWorkerWhoSharesABankAccountWithAnotherHire() {
        List<Signal> signals = base().with("hr-payroll", csv(PAYROLL,
                row("employee_id", "E1", "effective_from", "2026-03-02", "routing_number", "031101279",
                        "account_number", "119996458421"),
                row("employee_id", "E2", "effective_from", "2026-03-02", "routing_number", "031101279",
                        "account_number", "119996458421")))
                .run(new FlaggedReferrerDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E3"));
            assertThat(s.strength()).isEqualTo(0.5);
            assertThat(s.explanation()).contains("Karen Martinez", "referred by Benjamin Miller", "bank account",
                    "Mark Thomas");
        });
    }

    @Test
    void referredByAWorkerWhoFailedIdentityVerificationCountsForApplicantsNeverHiredToo() {
        List<Signal> signals = base().with("applicant-identity-verification", csv(VERIFICATIONS,
                row("applicant_id", "A4", "checked_at", "2026-01-02T10:00:00Z", "liveness_result", "fail",
                        "document_selfie_match", "match", "ip_country", "US", "outcome", "manual_review")))
                .run(new FlaggedReferrerDetector());
        assertThat(signals).extracting(Signal::subject).containsExactlyInAnyOrder(EntityRef.worker("E5"),
                new EntityRef(EntityRef.Kind.APPLICANT, "A6"));
    }

    @Test
    void referredByAnUnflaggedWorkerOrByOneInAHouseholdRaisesNothing() {
        List<Signal> signals = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES,
                        worker("E1", "Ann", "Okafor", "applicant_id", "A1", "address_line1", "88 Harbor Rd", "city",
                                "Jersey City", "state", "NJ", "postal_code", "07302", "phone", "+12125550142"),
                        worker("E2", "Ben", "Okafor", "address_line1", "88 Harbor Rd", "city", "Jersey City", "state",
                                "NJ", "postal_code", "07302", "phone", "+12125550142"),
                        worker("E3", "Cy", "Diaz", "applicant_id", "A3")))
                .with("applicants", csv(APPLICANTS,
                        applicant("A3", "Cy", "Diaz", "source", "referral", "referrer_employee_id", "E1", "status",
                                "hired", "employee_id", "E3")))
                .run(new FlaggedReferrerDetector());
        assertThat(signals).isEmpty();
    }
}
