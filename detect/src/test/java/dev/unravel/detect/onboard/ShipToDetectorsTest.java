package dev.unravel.detect.onboard;

import static dev.unravel.detect.apply.RecordCsv.ADDRESS_HISTORY;
import static dev.unravel.detect.apply.RecordCsv.APPLICANTS;
import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.SHIPMENTS;
import static dev.unravel.detect.apply.RecordCsv.applicant;
import static dev.unravel.detect.apply.RecordCsv.csv;
import static dev.unravel.detect.apply.RecordCsv.row;
import static dev.unravel.detect.apply.RecordCsv.shipment;
import static dev.unravel.detect.apply.RecordCsv.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The two ship-to detectors: delivered away from home, and rerouted after the offer. */
class ShipToDetectorsTest {

    static final String EMPLOYEES_CSV = csv(EMPLOYEES,
            worker("E1", "Benjamin", "Miller", "applicant_id", "A1", "address_line1", "16 Jackson Court", "city",
                    "Pittsburgh", "state", "PA", "postal_code", "15217"),
            worker("E2", "Joseph", "Iyer", "address_line1", "9397 Jackson Ln", "city", "Dallas", "state", "TX",
                    "postal_code", "75206"));
    static final String APPLICANTS_CSV = csv(APPLICANTS, applicant("A1", "Benjamin", "Miller", "status", "hired",
            "employee_id", "E1", "offer_at", "2026-02-14T18:05:35Z", "address_line1", "16 Jackson Ct", "city",
            "Pittsburgh", "state", "PA", "postal_code", "15217"));
    /** E2 moved after hiring: the laptop went to the old home, which HR still lists in the history. */
    static final String HISTORY_CSV = csv(ADDRESS_HISTORY,
            row("employee_id", "E2", "effective_from", "2018-10-15", "effective_to", "2025-05-01", "address_line1",
                    "12 Oak Street", "address_line2", "Apt 4", "city", "Dallas", "state", "TX", "postal_code",
                    "75206-4411", "country", "US"),
            row("employee_id", "E2", "effective_from", "2025-05-02", "address_line1", "9397 Jackson Ln", "city",
                    "Dallas", "state", "TX", "postal_code", "75206", "country", "US"));


    private static DetectorHarness people(String shipments) {
        return new DetectorHarness().with("hr-employees", EMPLOYEES_CSV).with("applicants", APPLICANTS_CSV)
                .with("hr-address-history", HISTORY_CSV).with("asset-shipments", shipments);
    }

    static final String REROUTED = csv(SHIPMENTS,
            shipment("S1", "E1", "8047 Prospect Ln", "Brooklyn", "NY", "11215", "previous_ship_to",
                    "16 Jackson Ct, Pittsburgh, PA 15217, US", "ship_to_changed_at", "2026-02-16T18:05:35Z"),
            shipment("S2", "E2", "12 Oak St", "Dallas", "TX", "75206", "ship_to_line2", "#4"));

    @Test
    void theSameShipmentInTheNextSnapshotOfTheExport_isOneFindingOfEach() {
        String twice = csv(SHIPMENTS,
                shipment("S1", "E1", "8047 Prospect Ln", "Brooklyn", "NY", "11215", "previous_ship_to",
                        "16 Jackson Ct, Pittsburgh, PA 15217, US", "ship_to_changed_at", "2026-02-16T18:05:35Z"),
                shipment("S1", "E1", "8047 Prospect Ln", "Brooklyn", "NY", "11215", "previous_ship_to",
                        "16 Jackson Ct, Pittsburgh, PA 15217, US", "ship_to_changed_at", "2026-02-16T18:05:35Z",
                        "carrier", "FEDEX"),
                shipment("S3", "E1", "8047 Prospect Ln", "Brooklyn", "NY", "11215"));
        assertThat(people(twice).run(new ShipToChangedDetector())).singleElement();
        assertThat(people(twice).run(new ShipToNotHomeDetector())).as("S1 once, and the second laptop S3").hasSize(2);
    }

    @Test
    void aLaptopDeliveredAwayFromEveryHomeIsModerateAndAMoversOldHomeIsHome() {
        List<Signal> signals = people(REROUTED).run(new ShipToNotHomeDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.stage()).isEqualTo(Stage.ONBOARD);
            assertThat(s.strength()).isEqualTo(0.3);
            assertThat(s.explanation()).contains("Benjamin Miller", "not any home address");
            assertThat(s.evidence()).hasSizeGreaterThanOrEqualTo(2);
        });
    }

    @Test
    void theCompanyOfficeIsNotAwayFromHome() {
        assertThat(people(REROUTED).settings(ShipToNotHomeDetector.ID,
                Map.of("company_addresses", List.of("8047 Prospect Lane, Brooklyn, NY 11215, US")))
                .run(new ShipToNotHomeDetector())).isEmpty();
    }

    @Test
    void aShipToChangedAfterTheOfferFromHomeToElsewhereIsStrong() {
        List<Signal> signals = people(REROUTED).run(new ShipToChangedDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.strength()).isEqualTo(0.5);
            assertThat(s.explanation()).contains("changed from their home", "after the job offer");
        });
    }

    @Test
    void aChangeDaysBeforeShippingAndAfterTheOfferIsStronger() {
        String late = csv(SHIPMENTS, shipment("S1", "E1", "8047 Prospect Ln", "Brooklyn", "NY", "11215",
                "ship_to_changed_at", "2026-02-24T10:00:00Z"));
        assertThat(people(late).run(new ShipToChangedDetector())).singleElement()
                .satisfies(s -> assertThat(s.strength()).isEqualTo(0.6));
    }

    @Test
    void aChangeBackToTheWorkersOwnHomeIsNotReported() {
        String corrected = csv(SHIPMENTS, shipment("S1", "E1", "16 Jackson Ct", "Pittsburgh", "PA", "15217-0001",
                "previous_ship_to", "16 Jakson Ct, Pittsburgh, PA 15217, US", "ship_to_changed_at",
                "2026-02-16T18:05:35Z"));
        assertThat(people(corrected).run(new ShipToChangedDetector())).isEmpty();
        assertThat(people(corrected).run(new ShipToNotHomeDetector())).isEmpty();
    }
}
