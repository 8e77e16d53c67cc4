package dev.unravel.detect.apply;

import static dev.unravel.detect.apply.RecordCsv.APPLICANTS;
import static dev.unravel.detect.apply.RecordCsv.ASSETS;
import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.applicant;
import static dev.unravel.detect.apply.RecordCsv.csv;
import static dev.unravel.detect.apply.RecordCsv.row;
import static dev.unravel.detect.apply.RecordCsv.worker;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SharedIdentifierDetectorTest {

    static final String RESUME = """
            Dana Whitfield
            Senior Software Engineer
            dana.whitfield@gmail.com | +14155550123

            SUMMARY
            9 years building reliable systems. Passionate about Kafka and Go.

            EXPERIENCE
            Globex - Senior Software Engineer (2019-2024)
            - Led migration of the billing platform using Kubernetes.
            - Improved latency by 42%.
            Initech - Software Engineer (2016-2019)
            - Led design of a real-time pipeline using Kafka.
            - Improved throughput by 31%.

            SKILLS
            Go, Kafka, Kubernetes, PostgreSQL, Terraform, AWS

            EDUCATION
            B.S. Computer Science, Penn State
            """;

    static final String OTHER_RESUME = """
            Omar Haddad
            Account Executive
            omar.h@yahoo.com

            SUMMARY
            12 years in enterprise sales across retail and healthcare accounts.

            EXPERIENCE
            Umbrella Corp - Regional Sales Director (2018-2024)
            - Grew the north-east territory from four to eleven million in bookings.
            Soylent - Account Executive (2013-2018)
            - Closed the company's largest hospital network deal.

            SKILLS
            Salesforce, negotiation, forecasting

            EDUCATION
            B.A. Economics, Ohio State University
            """;

    private static List<Signal> run(DetectorHarness h) {
        return h.run(new SharedIdentifierDetector());
    }

    @Test
    void aPhoneWrittenTwoWaysTiesTwoUnrelatedWorkersAndNamesTheOther() {
        DetectorHarness h = new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Benjamin", "Miller", "phone", "+1 (303) 389-2005"),
                worker("E2", "Mark", "Thomas", "phone", "+13033892005"),
                worker("E3", "Alice", "Young", "phone", "+13035550188")));
        List<Signal> signals = run(h);
        assertThat(signals).hasSize(2);
        Signal first = signals.stream().filter(s -> s.subject().equals(EntityRef.worker("E1"))).findFirst()
                .orElseThrow();
        assertThat(first.stage()).isEqualTo(Stage.APPLY);
        assertThat(first.strength()).isEqualTo(0.5);
        assertThat(first.explanation()).contains("phone number", "Benjamin Miller", "Mark Thomas (worker E2)")
                .doesNotContain("389", "2005");
        assertThat(first.evidence()).hasSize(2);
    }

    @Test
    void aSharedSsnIsNearProofAndNeverExcusedAsAHousehold() {
        DetectorHarness h = new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Lee", "Park", "ssn", "521-44-0193", "address_line1", "1 Elm St", "city", "Austin",
                        "state", "TX", "postal_code", "78704"),
                worker("E2", "Kim", "Park", "ssn", "521440193", "address_line1", "1 Elm Street", "city", "Austin",
                        "state", "TX", "postal_code", "78704")));
        List<Signal> signals = run(h);
        assertThat(signals).extracting(Signal::explanation).allMatch(e -> e.contains("Social Security number"));
        assertThat(signals).hasSize(2).allMatch(s -> s.strength() == 0.8);
        assertThat(signals).extracting(Signal::explanation).noneMatch(e -> e.contains("0193"));
    }

    @Test
    void aRehireUnderANewIdIsOnePerson_butTheSameIdentityHiredTwiceAtOnceIsNot() {
        String[] same = {"ssn", "521-44-0193", "date_of_birth", "1980-05-06", "phone", "+15125550101",
            "personal_email", "lee.park80@gmail.com"};
        List<Signal> rehired = run(new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Lee", "Park", concat(same, "hire_date", "2015-04-06", "termination_date", "2019-08-30")),
                worker("E2", "Lee", "Park", concat(same, "hire_date", "2024-01-08")))));
        assertThat(rehired).as("a stint that ended before the other began").isEmpty();

        List<Signal> twiceAtOnce = run(new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Lee", "Park", concat(same, "hire_date", "2023-04-06")),
                worker("E2", "Lee", "Park", concat(same, "hire_date", "2024-01-08")))));
        assertThat(twiceAtOnce).extracting(s -> s.subject().value()).contains("E1", "E2");
        assertThat(twiceAtOnce).extracting(Signal::explanation).anyMatch(e -> e.contains("Social Security number"));

        List<Signal> anotherBirthday = run(new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Lee", "Park", concat(same, "hire_date", "2015-04-06", "termination_date", "2019-08-30")),
                worker("E2", "Lee", "Park", concat(same, "hire_date", "2024-01-08", "date_of_birth", "1991-02-03")))));
        assertThat(anotherBirthday).as("the number on someone born another day").isNotEmpty();
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void anApplicantNeverHiredSharesAGmailWrittenWithDotsAndATag() {
        DetectorHarness h = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES, worker("E1", "Karen", "Martinez", "personal_email",
                        "karenmartinez.dev00@gmail.com", "applicant_id", "A1")))
                .with("applicants", csv(APPLICANTS,
                        applicant("A1", "Karen", "Martinez", "email", "karenmartinez.dev00@gmail.com", "status",
                                "hired", "employee_id", "E1"),
                        applicant("A2", "Laura", "Chen", "email", "Karen.Martinez.Dev00+jobs@googlemail.com")));
        List<Signal> signals = run(h);
        assertThat(signals).extracting(Signal::subject).containsExactlyInAnyOrder(EntityRef.worker("E1"),
                new EntityRef(EntityRef.Kind.APPLICANT, "A2"));
        assertThat(signals).allMatch(s -> s.strength() == 0.6);
    }

    @Test
    void aHouseholdSharingAddressAndLandlineIsNotReported() {
        DetectorHarness h = new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Ann", "Okafor", "phone", "+12125550142", "address_line1", "88 Harbor Road",
                        "address_line2", "Apt 3C", "city", "Jersey City", "state", "NJ", "postal_code", "07302"),
                worker("E2", "Ben", "Okafor", "phone", "+1 212 555 0142", "address_line1", "88 Harbor Rd",
                        "address_line2", "#3C", "city", "Jersey City", "state", "New Jersey", "postal_code",
                        "07302-1234")));
        assertThat(run(h)).isEmpty();
    }

    @Test
    void theSameAddressWithDifferentSurnamesIsAModerateTieButSwitchingHouseholdsOffReportsCouplesToo() {
        String employees = csv(EMPLOYEES,
                worker("E1", "Ann", "Okafor", "address_line1", "88 Harbor Rd", "city", "Jersey City", "state", "NJ",
                        "postal_code", "07302"),
                worker("E2", "Ben", "Okafor", "address_line1", "88 Harbor Rd", "city", "Jersey City", "state", "NJ",
                        "postal_code", "07302"),
                worker("E3", "Cara", "Lind", "address_line1", "88 Harbor Road", "city", "Jersey City", "state",
                        "NJ", "postal_code", "07302"));
        List<Signal> signals = run(new DetectorHarness().with("hr-employees", employees));
        // the couple is not tied to each other, each is tied to the unrelated third person
        assertThat(signals).hasSize(3).allMatch(s -> s.strength() <= 0.4);
        Signal lind = signals.stream().filter(s -> s.subject().value().equals("E3")).findFirst().orElseThrow();
        assertThat(lind.explanation()).contains("Ann Okafor", "Ben Okafor");
        Signal ann = signals.stream().filter(s -> s.subject().value().equals("E1")).findFirst().orElseThrow();
        assertThat(ann.explanation()).contains("Cara Lind").doesNotContain("Ben Okafor");

        List<Signal> strict = run(new DetectorHarness().with("hr-employees", employees)
                .settings(SharedIdentifierDetector.ID, Map.of("households", false)));
        Signal annStrict = strict.stream().filter(s -> s.subject().value().equals("E1")).findFirst().orElseThrow();
        assertThat(annStrict.explanation()).contains("Ben Okafor");
    }

    @Test
    void aWorkerAndTheirOwnApplicationAreOnePersonAndTwoJohnSmithsWithNothingInCommonAreTwo() {
        DetectorHarness h = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES,
                        worker("E1", "John", "Smith", "phone", "+14155550101", "applicant_id", "A1"),
                        worker("E2", "John", "Smith", "phone", "+14155550199", "applicant_id", "A2")))
                .with("applicants", csv(APPLICANTS,
                        applicant("A1", "John", "Smith", "phone", "+14155550101", "status", "hired", "employee_id",
                                "E1"),
                        applicant("A2", "John", "Smith", "phone", "+14155550199", "status", "hired", "employee_id",
                                "E2"),
                        // the first John Smith applying again a year earlier, under his own name and number
                        applicant("A0", "John", "Smith", "phone", "+14155550101", "applied_at",
                                "2025-01-10T10:00:00Z")));
        assertThat(run(h)).isEmpty();
    }

    @Test
    void documentedRelationshipsAreNotReported() {
        String employees = csv(EMPLOYEES, worker("E1", "Ann", "Lee", "phone", "+14155550101"),
                worker("E2", "Bo", "Chan", "phone", "+14155550101"));
        assertThat(run(new DetectorHarness().with("hr-employees", employees))).hasSize(2);
        assertThat(run(new DetectorHarness().with("hr-employees", employees)
                .settings(SharedIdentifierDetector.ID, Map.of("related", List.of("E2 E1"))))).isEmpty();
    }

    @Test
    void aCopiedResumeTiesTheLaterApplicantStronglyAndTheLongAgoAuthorWeakly() {
        String copy = RESUME.replace("Dana Whitfield", "Mark Thomas")
                .replace("dana.whitfield@gmail.com", "markthomas.dev79@gmail.com");
        DetectorHarness h = new DetectorHarness()
                .with("applicants", csv(APPLICANTS,
                        applicant("A1", "Dana", "Whitfield", "applied_at", "2019-03-01T10:00:00Z"),
                        applicant("A2", "Mark", "Thomas", "applied_at", "2026-01-17T13:05:09Z"),
                        applicant("A3", "Omar", "Haddad", "applied_at", "2026-01-18T13:05:09Z")))
                .with(RecordCsv.resume("A1", RESUME))
                .with(RecordCsv.resume("A2", copy))
                .with(RecordCsv.resume("A3", OTHER_RESUME));
        List<Signal> signals = run(h);
        assertThat(signals).hasSize(2);
        Signal copier = signals.stream().filter(s -> s.subject().value().equals("A2")).findFirst().orElseThrow();
        assertThat(copier.strength()).isEqualTo(0.5);
        assertThat(copier.explanation()).contains("résumé", "earlier application", "Dana Whitfield");
        Signal author = signals.stream().filter(s -> s.subject().value().equals("A1")).findFirst().orElseThrow();
        assertThat(author.strength()).isLessThan(0.2);
    }

    @Test
    void oneLaptopAssignedToTwoWorkersAtOnceIsReportedButAHandedOnLaptopIsNot() {
        String employees = csv(EMPLOYEES, worker("E1", "Ann", "Lee"), worker("E2", "Bo", "Chan"),
                worker("E3", "Cy", "Diaz"), worker("E4", "Di", "Eng"));
        String assets = csv(ASSETS,
                row("asset_tag", "NWL-1", "serial_number", "C02ABC", "hostname", "H1", "assigned_employee_id", "E1",
                        "assigned_at", "2026-03-02", "status", "assigned"),
                row("asset_tag", "NWL-1b", "serial_number", "c02abc", "hostname", "H1b", "assigned_employee_id", "E2",
                        "assigned_at", "2026-03-05", "status", "assigned"),
                row("asset_tag", "NWL-2", "serial_number", "XYZ9", "hostname", "H2", "assigned_employee_id", "E3",
                        "assigned_at", "2025-01-02", "status", "returned"),
                row("asset_tag", "NWL-2b", "serial_number", "XYZ9", "hostname", "H2b", "assigned_employee_id", "E4",
                        "assigned_at", "2026-03-05", "status", "assigned"));
        List<Signal> signals = run(new DetectorHarness().with("hr-employees", employees)
                .with("asset-assignments", assets));
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E2");
        assertThat(signals).allMatch(s -> s.explanation().contains("laptop"));
    }

    @Test
    void anInvalidPhoneIsNeverATie() {
        DetectorHarness h = new DetectorHarness().with("hr-employees", csv(EMPLOYEES,
                worker("E1", "Ann", "Lee", "phone", "12"), worker("E2", "Bo", "Chan", "phone", "12")));
        assertThat(run(h)).isEmpty();
    }

    @Test
    void aMistypedSettingIsAClearError() {
        String employees = csv(EMPLOYEES, worker("E1", "Ann", "Lee"));
        assertThatThrownBy(() -> run(new DetectorHarness().with("hr-employees", employees)
                .settings(SharedIdentifierDetector.ID, Map.of("household_identifiers", List.of("adress")))))
                .hasMessageContaining("adress").hasMessageContaining("bank_account");
        assertThatThrownBy(() -> run(new DetectorHarness().with("hr-employees", employees)
                .settings(SharedIdentifierDetector.ID, Map.of("related", List.of("E1")))))
                .hasMessageContaining("two ids");
    }

    @Test
    void anIdentifierOnMoreRecordsThanMaxGroupIsAnAgencysNotAPersons() {
        String applicants = csv(APPLICANTS,
                applicant("A1", "Ann", "Lee", "email", "talent@staffing-agency.example"),
                applicant("A2", "Bo", "Chan", "email", "talent@staffing-agency.example"),
                applicant("A3", "Cy", "Diaz", "email", "talent@staffing-agency.example"));
        assertThat(run(new DetectorHarness().with("applicants", applicants))).hasSize(3);
        DetectorHarness capped = new DetectorHarness().with("applicants", applicants)
                .settings(SharedIdentifierDetector.ID, Map.of("max_group", 2));
        assertThat(run(capped)).isEmpty();
        assertThat(capped.skippedReasons()).containsKey("shared personal_email on more than max_group records: "
                + "not personal");
    }
}
