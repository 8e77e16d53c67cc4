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
    void aLaterRowOfTheSameWorker_withTheSameFinding_givesNoSecond_andADifferentFindingDoes() {
        List<Signal> signals = run(new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Mark", "Thomas", "ssn", "666-12-3456"),
                worker("E1", "Mark", "Thomas", "ssn", "666-12-3456", "department", "Platform"),
                worker("E2", "Ann", "Lee", "ssn", "666-12-3457"),
                worker("E1", "Mark", "Thomas", "ssn", "078-05-1120"))));
        assertThat(signals).extracting(s -> s.subject().value() + " " + (s.explanation().contains("sample number")
                ? "sample" : "never issued")).containsExactly("E1 never issued", "E2 never issued", "E1 sample");
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

    @Test
    void aNaturalisedCitizenWithAPost2011NumberIsOnlyAWeakSignalThatSaysWhyItMayBeInnocent() {
        // born abroad in 1984, naturalised, numbered in 2014: a real, common history
        DetectorHarness h = new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Ngozi", "Okafor", "ssn", "771-62-4409", "date_of_birth", "1984-09-14"),
                worker("E2", "Ravi", "Menon", "ssn", "783-20-1187", "date_of_birth", "1984-09-14")));
        List<Signal> signals = run(h);
        // 771 was Florida's before 2011 (assigned); 783 was first used after randomisation
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject().value()).isEqualTo("E2");
            assertThat(s.strength()).isLessThanOrEqualTo(0.2);
            assertThat(s.explanation()).contains("naturalised").doesNotContain("783", "1187");
        });
    }

    @Test
    void aRailroadBoardNumberFitsOnlySomeoneOldEnoughToHaveWorkedOnARailroadBy1963() {
        DetectorHarness h = new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Dale", "Hughes", "ssn", "712-38-5521", "date_of_birth", "1991-04-02"),
                worker("E2", "Walter", "Price", "ssn", "712-38-5522", "date_of_birth", "1944-11-20"),
                worker("E3", "Jo", "Kim", "ssn", "712-38-5523", "date_of_birth", "")));
        assertThat(run(h)).singleElement().satisfies(s -> {
            assertThat(s.subject().value()).isEqualTo("E1");
            assertThat(s.strength()).isEqualTo(SsnCheck.RAILROAD_STRENGTH);
            assertThat(s.explanation()).contains("railroad", "1991").doesNotContain("712", "5521");
        });
    }

    @Test
    void whereTheAreaWasAssignedIsContextInTheExplanationNeverASignalOfItsOwn() {
        // a Californian-area number held by someone living in Texas: people move, nothing to say
        assertThat(run(new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Ann", "Lee", "ssn", "545-44-0193", "state", "TX", "date_of_birth", "1979-01-01")))))
                .isEmpty();
        // with group 00 the number is flagged, and the explanation names the area's state as context
        assertThat(run(new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Ann", "Lee", "ssn", "545-00-0193")))))
                .singleElement().satisfies(s -> assertThat(s.explanation()).contains("group number",
                        "assigned to applicants living in California"));
    }

    @Test
    void theAreaTableFollowsTheSsaAllocation() {
        assertThat(SsnAreas.places(1)).isEqualTo("New Hampshire");
        assertThat(SsnAreas.places(573)).isEqualTo("California");
        assertThat(SsnAreas.places(602)).isEqualTo("California");
        assertThat(SsnAreas.places(232)).isEqualTo("North Carolina or West Virginia");
        assertThat(SsnAreas.places(586)).isEqualTo("Guam, American Samoa or Philippine Islands");
        assertThat(SsnAreas.places(720)).isNull();
        assertThat(SsnAreas.of(720)).singleElement().satisfies(a -> assertThat(a.code()).isEqualTo("RRB"));
        assertThat(SsnAreas.of(731)).singleElement().satisfies(a -> assertThat(a.code()).isEqualTo("EAE"));
        for (int area : new int[] {0, 666, 734, 749, 773, 899, 900, 999}) {
            assertThat(SsnAreas.neverAssignedBeforeRandomisation(area)).as("area %d", area).isTrue();
        }
        // every other area from 001 to 772 was assigned to someone before 2011
        for (int area = 1; area <= 772; area++) {
            boolean gap = area == 666 || (area >= 734 && area <= 749);
            assertThat(SsnAreas.neverAssignedBeforeRandomisation(area)).as("area %d", area).isEqualTo(gap);
        }
    }
}
