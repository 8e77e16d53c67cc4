package dev.unravel.detect.onboard;

import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.SHIPMENTS;
import static dev.unravel.detect.apply.RecordCsv.csv;
import static dev.unravel.detect.apply.RecordCsv.worker;
import static dev.unravel.detect.apply.RecordCsv.shipment;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaptopFarmDetectorTest {

    private static Map<String, String> home(String id, String first, String last, String line1, String line2,
            String city, String state, String zip) {
        return worker(id, first, last, "address_line1", line1, "address_line2", line2, "city", city, "state", state,
                "postal_code", zip);
    }

    @Test
    void threeUnrelatedWorkersLaptopsToOneBuildingIsNearProofEvenInDifferentUnits() {
        List<Signal> signals = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES,
                        home("E1", "Benjamin", "Miller", "16 Jackson Ct", "", "Pittsburgh", "PA", "15217"),
                        home("E2", "Mark", "Thomas", "6633 Spring Rd", "Apt 27A", "Denver", "CO", "80206"),
                        home("E3", "Karen", "Martinez", "7402 Laurel Rd", "", "Baltimore", "MD", "21211"),
                        home("E4", "Nancy", "Carter", "4972 Grove Pl", "", "San Francisco", "CA", "94110")))
                .with("asset-shipments", csv(SHIPMENTS,
                        shipment("S1", "E1", "8047 Prospect Ln", "Brooklyn", "NY", "11215"),
                        shipment("S2", "E2", "8047 Prospect Lane", "Brooklyn", "New York", "11215-2201",
                                "ship_to_line2", "Unit 2"),
                        shipment("S3", "E3", "8047 PROSPECT LN APT 3", "Brooklyn", "NY", "11215"),
                        shipment("S4", "E4", "4972 Grove Pl", "San Francisco", "CA", "94110")))
                .run(new LaptopFarmDetector());
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E2", "E3");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.stage()).isEqualTo(Stage.ONBOARD);
            assertThat(s.strength()).isEqualTo(0.7);
            assertThat(s.explanation()).contains("3 people");
        });
    }

    @Test
    void aLaptopDeliveredToAnotherWorkersDeclaredHomeTiesBoth() {
        List<Signal> signals = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES,
                        home("E1", "Betty", "Reed", "5046 Forest Ave", "", "Brooklyn", "NY", "11215"),
                        home("E2", "Jason", "Morales", "9489 Main Pl", "", "Salt Lake City", "UT", "84105")))
                .with("asset-shipments", csv(SHIPMENTS,
                        shipment("S1", "E1", "5046 Forest Ave", "Brooklyn", "NY", "11215"),
                        shipment("S2", "E2", "5046 Forest Ave", "Brooklyn", "NY", "11215")))
                .run(new LaptopFarmDetector());
        assertThat(signals).extracting(Signal::subject).containsExactlyInAnyOrder(EntityRef.worker("E1"),
                EntityRef.worker("E2"));
        assertThat(signals).allSatisfy(s -> assertThat(s.strength()).isEqualTo(0.5));
    }

    @Test
    void aCoupleNeighboursInOneBuildingAndTheOfficeAreNotAFarm() {
        DetectorHarness h = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES,
                        home("E1", "Ann", "Okafor", "88 Harbor Rd", "Apt 3C", "Jersey City", "NJ", "07302"),
                        home("E2", "Ben", "Okafor", "88 Harbor Road", "#3C", "Jersey City", "NJ", "07302"),
                        home("E3", "Cara", "Lind", "88 Harbor Rd", "Apt 9F", "Jersey City", "NJ", "07302"),
                        home("E4", "Dev", "Rao", "1 Pine St", "", "Austin", "TX", "78704"),
                        home("E5", "Eve", "Stone", "2 Elm St", "", "Austin", "TX", "78704")))
                .with("asset-shipments", csv(SHIPMENTS,
                        shipment("S1", "E1", "88 Harbor Rd", "Jersey City", "NJ", "07302", "ship_to_line2", "Apt 3C"),
                        shipment("S2", "E2", "88 Harbor Rd", "Jersey City", "NJ", "07302", "ship_to_line2", "Apt 3C"),
                        shipment("S3", "E3", "88 Harbor Rd", "Jersey City", "NJ", "07302", "ship_to_line2", "Apt 9F"),
                        shipment("S4", "E4", "500 Congress Ave", "Austin", "TX", "78701"),
                        shipment("S5", "E5", "500 Congress Ave", "Austin", "TX", "78701")))
                .settings(LaptopFarmDetector.ID, Map.of("company_addresses",
                        List.of("500 Congress Avenue, Floor 3, Austin, TX 78701, US")));
        assertThat(h.run(new LaptopFarmDetector())).isEmpty();
    }
}
