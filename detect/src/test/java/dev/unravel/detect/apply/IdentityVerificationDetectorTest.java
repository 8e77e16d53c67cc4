package dev.unravel.detect.apply;

import static dev.unravel.detect.apply.RecordCsv.APPLICANTS;
import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.IP_INTEL;
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
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentityVerificationDetectorTest {

    static final String IP_RANGES = csv(IP_INTEL,
            row("start_ip", "185.242.4.0", "end_ip", "185.242.7.255", "country", "US", "as_org", "M247 Europe SRL",
                    "network_type", "vpn", "is_vpn", "true", "is_hosting", "false", "is_corporate", "false"),
            row("start_ip", "73.0.0.0", "end_ip", "73.255.255.255", "country", "US", "as_org", "Comcast",
                    "network_type", "residential", "is_vpn", "false", "is_hosting", "false", "is_corporate", "false"),
            row("start_ip", "203.0.113.0", "end_ip", "203.0.113.255", "country", "US", "as_org", "Northwind Labs",
                    "network_type", "corporate_vpn", "is_vpn", "true", "is_hosting", "false", "is_corporate", "true"));

    public static Map<String, String> check(String applicant, String... kv) {
        Map<String, String> r = row("applicant_id", applicant, "checked_at", "2026-02-19T18:25:32Z", "vendor",
                "TrueID Verify", "document_type", "drivers_license", "document_country", "US", "liveness_result",
                "pass", "document_selfie_match", "match", "selfie_match_score", "0.941", "ip_address", "73.15.220.14",
                "ip_country", "US", "outcome", "approved");
        for (int i = 0; i < kv.length; i += 2) {
            r.put(kv[i], kv[i + 1]);
        }
        return r;
    }

    private static DetectorHarness people() {
        return new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES, worker("E1", "Mark", "Thomas", "applicant_id", "A1"),
                        worker("E2", "Piotr", "Nowak", "country", "PL", "applicant_id", "A2")))
                .with("applicants", csv(APPLICANTS,
                        applicant("A1", "Mark", "Thomas", "status", "hired", "employee_id", "E1"),
                        applicant("A2", "Piotr", "Nowak", "country", "PL", "status", "hired", "employee_id", "E2"),
                        applicant("A3", "Li", "Wu")))
                .with("ip-intel", IP_RANGES);
    }

    @Test
    void failedLivenessAndAnUnmatchedSelfieThroughAVpnAreStrongAndResolveToTheHire() {
        List<Signal> signals = people().with("applicant-identity-verification", csv(VERIFICATIONS,
                check("A1", "liveness_result", "fail", "document_selfie_match", "inconclusive", "selfie_match_score",
                        "0.410", "ip_address", "185.242.5.85", "outcome", "manual_review")))
                .run(new IdentityVerificationDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.strength()).isGreaterThanOrEqualTo(0.7);
            assertThat(s.explanation()).contains("liveness", "selfie", "VPN", "Mark Thomas");
        });
    }

    @Test
    void theSameCheckInTheNextSnapshotOfTheExport_isOneFinding_fromItsLatestRow() {
        List<Signal> signals = people().with("applicant-identity-verification", csv(VERIFICATIONS,
                check("A1", "liveness_result", "fail", "ip_address", "185.242.5.85", "outcome", "manual_review"),
                check("A1", "liveness_result", "fail", "ip_address", "185.242.5.85", "outcome", "rejected")))
                .run(new IdentityVerificationDetector());
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.evidence().get(0).record()).isEqualTo(2));
    }

    @Test
    void aCleanCheckFromHomeAndAContractorCheckingFromTheirOwnCountryRaiseNothing() {
        List<Signal> signals = people().with("applicant-identity-verification", csv(VERIFICATIONS, check("A1"),
                check("A2", "document_country", "PL", "ip_country", "PL", "ip_address", "83.1.2.3")))
                .run(new IdentityVerificationDetector());
        assertThat(signals).isEmpty();
    }

    @Test
    void aCheckFromAbroadForAUsHomeIsReportedButTheCompanyVpnIsNotAnAnonymiser() {
        List<Signal> signals = people().with("applicant-identity-verification", csv(VERIFICATIONS,
                check("A3", "ip_country", "CN", "ip_address", "36.110.1.2"),
                check("A1", "ip_address", "203.0.113.9")))
                .run(new IdentityVerificationDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(new EntityRef(EntityRef.Kind.APPLICANT, "A3"));
            assertThat(s.explanation()).contains("CN", "declared home is in US");
            assertThat(s.strength()).isEqualTo(0.4);
        });
    }

    @Test
    void aMismatchedSelfieAloneIsStrongAndAGarbledScoreIsSkipped() {
        DetectorHarness h = people().with("applicant-identity-verification", csv(VERIFICATIONS,
                check("A3", "document_selfie_match", "mismatch", "selfie_match_score", "n/a")));
        List<Signal> signals = h.run(new IdentityVerificationDetector());
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.strength()).isEqualTo(0.6));
        assertThat(people().with("applicant-identity-verification", csv(VERIFICATIONS,
                check("A3", "selfie_match_score", "n/a"))).run(new IdentityVerificationDetector())).isEmpty();
    }

    @Test
    void aCheckFromTheCompanysOwnVpnOrAHomeLineIsNotAnAnonymiser() {
        assertThat(people().with("applicant-identity-verification", csv(VERIFICATIONS,
                check("A1", "ip_address", "203.0.113.9"), check("A2", "document_country", "PL", "ip_country", "PL",
                        "ip_address", "73.15.220.14"))).run(new IdentityVerificationDetector())).isEmpty();
        assertThat(people().with("applicant-identity-verification", csv(VERIFICATIONS,
                check("A1", "ip_address", "185.242.7.255"))).run(new IdentityVerificationDetector()))
                .singleElement().satisfies(s -> assertThat(s.explanation()).contains("VPN"));
    }
}
