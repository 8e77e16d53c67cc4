package dev.unravel.detect.apply;

import static dev.unravel.detect.apply.RecordCsv.ADDRESS_HISTORY;
import static dev.unravel.detect.apply.RecordCsv.APPLICANTS;
import static dev.unravel.detect.apply.RecordCsv.ASSETS;
import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.INTERVIEWS;
import static dev.unravel.detect.apply.RecordCsv.IP_INTEL;
import static dev.unravel.detect.apply.RecordCsv.PAYROLL;
import static dev.unravel.detect.apply.RecordCsv.PHONE_INTEL;
import static dev.unravel.detect.apply.RecordCsv.REFERRALS;
import static dev.unravel.detect.apply.RecordCsv.SHIPMENTS;
import static dev.unravel.detect.apply.RecordCsv.VERIFICATIONS;
import static dev.unravel.detect.apply.RecordCsv.csv;
import static dev.unravel.detect.apply.RecordCsv.row;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.Detector;
import dev.unravel.detect.Detectors;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The apply and onboard detectors as a set: registered once each, and quiet on records with holes. */
class ApplyOnboardRegistryTest {

    static final List<String> IDS = List.of("apply.shared-identifier", "apply.phone", "apply.ssn",
            "apply.identity-verification", "apply.interview", "apply.flagged-referrer", "apply.cluster",
            "onboard.ship-to-not-home", "onboard.ship-to-changed", "onboard.laptop-farm", "onboard.mail-drop",
            "onboard.payroll");

    @Test
    void everyDetectorIsRegisteredOnceWithADescriptionAndTheEventTypesItReads() {
        List<Detector> all = Detectors.builtIn(DetectConfig.DEFAULT);
        assertThat(all).extracting(Detector::id).containsAll(IDS).doesNotHaveDuplicates();
        assertThat(all).filteredOn(d -> IDS.contains(d.id())).allSatisfy(d -> {
            assertThat(d.description()).isNotBlank();
            assertThat(d.eventTypes()).isNotEmpty();
        });
        // new instances per call: detectors hold per-scan state
        assertThat(Detectors.builtIn(DetectConfig.DEFAULT).get(0)).isNotSameAs(all.get(0));
    }

    @Test
    void recordsWithOnlyTheRequiredColumnsRaiseNoSignalAndNoException() {
        // every optional column empty: no phone, no address, no SSN, no account number, no ship-to
        List<String> files = List.of(
                csv(EMPLOYEES, row("employee_id", "E1", "legal_first_name", "A", "legal_last_name", "B",
                        "employment_type", "employee", "work_location", "Remote", "hire_date", "2026-03-02"),
                        row("employee_id", "E2", "legal_first_name", "C", "legal_last_name", "D", "employment_type",
                                "contractor", "work_location", "Remote", "hire_date", "2026-03-02")),
                csv(ADDRESS_HISTORY, row("employee_id", "E1", "effective_from", "2026-03-02")),
                csv(PAYROLL, row("employee_id", "E1", "effective_from", "2026-03-02"),
                        row("employee_id", "E2", "effective_from", "2026-03-02")),
                csv(REFERRALS, row("referral_id", "R1", "referrer_employee_id", "E1", "applicant_id", "A9", "referred_at",
                        "2026-01-02T00:00:00Z")),
                csv(APPLICANTS, row("applicant_id", "A9", "applied_at", "2026-01-02T00:00:00Z", "status",
                        "rejected", "source", "referral", "referrer_employee_id", "E1")),
                csv(VERIFICATIONS, row("applicant_id", "A9", "checked_at", "2026-01-05T00:00:00Z")),
                csv(INTERVIEWS, row("applicant_id", "A9", "interview_at", "2026-01-04T00:00:00Z", "format", "video")),
                csv(ASSETS, row("asset_tag", "T1", "assigned_employee_id", "E1", "assigned_at", "2026-03-02")),
                csv(SHIPMENTS, row("shipment_id", "S1", "employee_id", "E1", "requested_at", "2026-02-25T00:00:00Z",
                        "ship_to_changed_at", "2026-02-20T00:00:00Z")),
                csv(PHONE_INTEL, row("number", "not a number")),
                csv(IP_INTEL, row("start_ip", "10.0.0.300", "end_ip", "10.0.0.1")));
        List<String> formats = List.of("hr-employees", "hr-address-history", "hr-payroll", "hr-referrals",
                "applicants", "applicant-identity-verification", "applicant-interviews", "asset-assignments",
                "asset-shipments", "phone-intel", "ip-intel");
        for (Detector d : Detectors.builtIn(DetectConfig.DEFAULT)) {
            if (!IDS.contains(d.id())) {
                continue;
            }
            DetectorHarness h = new DetectorHarness();
            for (int i = 0; i < files.size(); i++) {
                h.with(formats.get(i), files.get(i));
            }
            List<Signal> signals = h.run(d);
            assertThat(signals).as(d.id()).isEmpty();
        }
    }

    @Test
    void missingFieldsAreCountedAsSkipped() {
        DetectorHarness h = new DetectorHarness()
                .with("asset-shipments", csv(SHIPMENTS, row("shipment_id", "S1", "employee_id", "E1", "requested_at",
                        "2026-02-25T00:00:00Z")))
                .with("hr-payroll", csv(PAYROLL, row("employee_id", "E1", "effective_from", "2026-03-02")));
        h.run(new SharedIdentifierDetector());
        assertThat(h.skippedReasons()).containsKey("shipment without a worker or a ship-to street line");
    }
}
