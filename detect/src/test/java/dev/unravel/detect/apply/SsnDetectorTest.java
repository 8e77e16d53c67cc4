package dev.unravel.detect.apply;

import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.csv;
import static dev.unravel.detect.apply.RecordCsv.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.detect.testing.DetectorHarness;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsnDetectorTest {

    private static List<Signal> run(DetectorHarness h) {
        return h.run(new SsnDetector());
    }

    @ParameterizedTest
    @ValueSource(strings = {"000-53-7695", "666-12-3456", "912-34-5678", "999-99-9999", "521-00-1234", "521-44-0000"})
    void aNumberThatWasNeverIssuedIsNearProofAndIsNeverQuoted(String ssn) {
        List<Signal> signals = run(new DetectorHarness().with("hr-employees",
                csv(EMPLOYEES, worker("E1", "Mark", "Thomas", "ssn", ssn))));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.strength()).isGreaterThanOrEqualTo(0.7);
            assertThat(s.explanation()).contains("Mark Thomas", "never been issued")
                    .doesNotContain(ssn.substring(0, 3) + "-", ssn.substring(ssn.length() - 4));
        });
    }

    @Test
    void aPublishedSampleNumberIsFlagged() {
        assertThat(run(new DetectorHarness().with("hr-employees",
                csv(EMPLOYEES, worker("E1", "Hilda", "Whitcher", "ssn", "078-05-1120")))))
                .singleElement().satisfies(s -> assertThat(s.explanation()).contains("sample number"));
    }

    @Test
    void anOrdinaryNumberAndAWorkerAbroadWithoutOneRaiseNothing() {
        DetectorHarness h = new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Ann", "Lee", "ssn", "521-44-0193"),
                worker("E2", "Piotr", "Nowak", "country", "PL")));
        assertThat(run(h)).isEmpty();
        assertThat(h.skippedReasons()).containsEntry("worker without an SSN", 1L);
    }

    @Test
    void aMalformedNumberIsSkippedNotFlagged() {
        DetectorHarness h = new DetectorHarness().with("hr-employees",
                csv(EMPLOYEES, worker("E1", "Ann", "Lee", "ssn", "52-144-01"), worker("E2", "Bo", "Chan", "ssn",
                        "ABC-DE-FGHI")));
        assertThat(run(h)).isEmpty();
        assertThat(h.skippedReasons()).containsEntry("SSN not written as nine digits", 2L);
    }

    @Test
    void aRandomisedAreaHeldBySomeoneBornLongBefore2011IsOnlyWeakAndYoungPeopleAreNotFlagged() {
        DetectorHarness h = new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Ann", "Lee", "ssn", "812-44-0193", "date_of_birth", "1971-02-03"),
                worker("E2", "Bo", "Chan", "ssn", "812-44-0194", "date_of_birth", "2004-02-03")));
        assertThat(run(h)).singleElement().satisfies(s -> {
            assertThat(s.subject().value()).isEqualTo("E1");
            assertThat(s.strength()).isLessThanOrEqualTo(0.2);
            assertThat(s.explanation()).contains("after June 2011", "1971");
        });
        assertThat(run(new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Ann", "Lee", "ssn", "812-44-0193", "date_of_birth", "1971-02-03")))
                .settings(SsnDetector.ID, Map.of("issuance_era_strength", 0)))).isEmpty();
    }

    @Test
    void theCheckKnowsTheAreaBoundaries() {
        assertThat(SsnCheck.check("899010001", LocalDate.of(2015, 1, 1), 0.15)).isNull();
        assertThat(SsnCheck.check("900010001", null, 0.15)).isNotNull();
        assertThat(SsnCheck.check("665010001", null, 0.15)).isNull();
        assertThat(SsnCheck.check("733010001", LocalDate.of(1960, 1, 1), 0.15)).isNull();
        assertThat(SsnCheck.check("734010001", LocalDate.of(1960, 1, 1), 0.15)).isNotNull();
        assertThat(SsnCheck.digits("521 44 0193")).isEqualTo("521440193");
        assertThat(SsnCheck.digits("5214401930")).isNull();
    }
}
