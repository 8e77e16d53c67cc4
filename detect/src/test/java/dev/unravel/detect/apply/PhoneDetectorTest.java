package dev.unravel.detect.apply;

import static dev.unravel.detect.apply.RecordCsv.APPLICANTS;
import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.PHONE_INTEL;
import static dev.unravel.detect.apply.RecordCsv.applicant;
import static dev.unravel.detect.apply.RecordCsv.csv;
import static dev.unravel.detect.apply.RecordCsv.row;
import static dev.unravel.detect.apply.RecordCsv.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhoneDetectorTest {

    static final String INTEL = csv(PHONE_INTEL,
            row("number", "+13033892005", "carrier", "Bandwidth.com - SVR", "line_type", "nonFixedVoip", "country",
                    "US"),
            row("number", "+12125550142", "carrier", "T-Mobile USA", "line_type", "mobile", "country", "US"),
            row("number", "+16175550123", "carrier", "Vonage", "line_type", "fixedVoip", "country", "US"));

    @Test
    void aUsNumberThePhoneLookupCallsNonFixedVoipIsModerate() {
        List<Signal> signals = new DetectorHarness().with("phone-intel", INTEL)
                .with("hr-employees", csv(EMPLOYEES, worker("E1", "Mark", "Thomas", "phone", "+13033892005"),
                        worker("E2", "Ann", "Lee", "phone", "+12125550142")))
                .run(new PhoneDetector());
        assertThat(signals).hasSize(1);
        Signal s = signals.get(0);
        assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
        assertThat(s.stage()).isEqualTo(Stage.APPLY);
        assertThat(s.strength()).isEqualTo(0.3);
        assertThat(s.explanation()).contains("VoIP", "Bandwidth.com", "Mark Thomas").doesNotContain("2005");
        assertThat(s.evidence()).hasSize(2);
    }

    @Test
    void aFixedVoipLineIsWeak() {
        List<Signal> signals = new DetectorHarness().with("phone-intel", INTEL)
                .with("hr-employees", csv(EMPLOYEES, worker("E1", "Mark", "Thomas", "phone", "+16175550123")))
                .run(new PhoneDetector());
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.strength()).isLessThan(0.2));
    }

    @Test
    void aForeignNumberForAUsHomeFiresButAContractorAbroadWithALocalNumberDoesNot() {
        List<Signal> signals = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES,
                        worker("E1", "Ann", "Lee", "phone", "+48 512 345 678"),
                        worker("E2", "Piotr", "Nowak", "phone", "+48512345679", "country", "PL",
                                "employment_type", "contractor", "time_zone", "Europe/Warsaw")))
                .run(new PhoneDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.explanation()).contains("registered in PL", "declared home is in US");
        });
    }

    @Test
    void libphonenumberKnowsVoipRangesOutsideNorthAmericaWithoutALookup() {
        // UK 056 numbers are allocated to VoIP services
        List<Signal> signals = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES, worker("E1", "Jo", "Hart", "phone", "+44 56 1234 5678",
                        "country", "GB", "time_zone", "Europe/London")))
                .run(new PhoneDetector());
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.explanation()).contains("VoIP"));
    }

    @Test
    void anApplicantNeverHiredIsTheSubjectAndAnInvalidNumberIsSkippedNotFlagged() {
        DetectorHarness h = new DetectorHarness().with("phone-intel", INTEL)
                .with("applicants", csv(APPLICANTS, applicant("A7", "Li", "Wu", "phone", "+13033892005"),
                        applicant("A8", "Bo", "Chan", "phone", "555")));
        List<Signal> signals = h.run(new PhoneDetector());
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.subject())
                .isEqualTo(new EntityRef(EntityRef.Kind.APPLICANT, "A7")));
        assertThat(h.skippedReasons()).containsKey("no valid phone number on file");
    }
}
