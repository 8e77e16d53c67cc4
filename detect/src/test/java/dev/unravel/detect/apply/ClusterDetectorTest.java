package dev.unravel.detect.apply;

import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.PAYROLL;
import static dev.unravel.detect.apply.RecordCsv.SHIPMENTS;
import static dev.unravel.detect.apply.RecordCsv.csv;
import static dev.unravel.detect.apply.RecordCsv.row;
import static dev.unravel.detect.apply.RecordCsv.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterDetectorTest {

    static final String PAYROLL_CSV = csv(PAYROLL,
            row("employee_id", "E2", "effective_from", "2026-03-02", "routing_number", "031101279", "account_number",
                    "119996458421"),
            row("employee_id", "E3", "effective_from", "2026-03-02", "routing_number", "031101279", "account_number",
                    "0119996458421"));

    @Test
    void tiesAreFollowedTransitivelyIntoOneGroupNamingEveryMember() {
        // E1–E2 share a phone, E2–E3 a bank account: one group of three, though E1 and E3 share nothing
        List<Signal> signals = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES,
                        worker("E1", "Benjamin", "Miller", "phone", "+13033892005"),
                        worker("E2", "Mark", "Thomas", "phone", "+13033892005"),
                        worker("E3", "Karen", "Martinez", "phone", "+14102573168"),
                        worker("E4", "Nancy", "Carter", "phone", "+14153119369")))
                .with("hr-payroll", PAYROLL_CSV)
                .run(new ClusterDetector());
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E2", "E3");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.stage()).isEqualTo(Stage.APPLY);
            assertThat(s.strength()).isEqualTo(0.7);
            assertThat(s.explanation()).contains("one of 3 people", "phone number", "bank account");
            assertThat(s.evidence()).hasSizeGreaterThanOrEqualTo(4);
        });
    }

    @Test
    void aLaptopFarmAloneTiesTwoWorkers() {
        List<Signal> signals = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES,
                        worker("E1", "Betty", "Reed", "address_line1", "5046 Forest Ave", "city", "Brooklyn", "state",
                                "NY", "postal_code", "11215"),
                        worker("E2", "Jason", "Morales", "address_line1", "9489 Main Pl", "city", "Salt Lake City",
                                "state", "UT", "postal_code", "84105")))
                .with("asset-shipments", csv(SHIPMENTS, row("shipment_id", "S2", "employee_id", "E2", "ship_to_name",
                        "Jason Morales", "ship_to_line1", "5046 Forest Avenue", "ship_to_city", "Brooklyn",
                        "ship_to_state", "NY", "ship_to_postal_code", "11215", "ship_to_country", "US",
                        "requested_at", "2026-03-03T15:50:21Z", "shipped_at", "2026-03-04T21:37:22Z")))
                .run(new ClusterDetector());
        assertThat(signals).hasSize(2).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.5);
            assertThat(s.explanation()).contains("laptop delivery address");
        });
    }

    @Test
    void aHouseholdAndPeopleWhoOnlyShareAnAddressFormNoCluster() {
        List<Signal> signals = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES,
                        worker("E1", "Ann", "Okafor", "phone", "+12125550142", "address_line1", "88 Harbor Rd",
                                "city", "Jersey City", "state", "NJ", "postal_code", "07302"),
                        worker("E2", "Ben", "Okafor", "phone", "+12125550142", "address_line1", "88 Harbor Rd",
                                "city", "Jersey City", "state", "NJ", "postal_code", "07302"),
                        worker("E3", "Cara", "Lind", "address_line1", "88 Harbor Rd", "city", "Jersey City", "state",
                                "NJ", "postal_code", "07302")))
                .run(new ClusterDetector());
        assertThat(signals).isEmpty();
    }
}
