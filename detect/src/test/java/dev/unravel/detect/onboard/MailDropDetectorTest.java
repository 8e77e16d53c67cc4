package dev.unravel.detect.onboard;

import static dev.unravel.detect.apply.RecordCsv.APPLICANTS;
import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.SHIPMENTS;
import static dev.unravel.detect.apply.RecordCsv.applicant;
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

class MailDropDetectorTest {

    @Test
    void aPrivateMailboxOrCareOfShipToIsReported() {
        List<Signal> signals = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES, worker("E1", "Ann", "Lee"), worker("E2", "Bo", "Chan")))
                .with("asset-shipments", csv(SHIPMENTS,
                        shipment("S1", "E1", "2810 N Church St", "Wilmington", "DE", "19802", "ship_to_line2",
                                "PMB 45021"),
                        shipment("S2", "E2", "77 Dock Rd", "Miami", "FL", "33166", "ship_to_name",
                                "Bo Chan c/o Global Parcel Forwarding")))
                .run(new MailDropDetector());
        assertThat(signals).hasSize(2).allSatisfy(s -> {
            assertThat(s.stage()).isEqualTo(Stage.ONBOARD);
            assertThat(s.strength()).isEqualTo(0.4);
            assertThat(s.explanation()).contains("mail drop or forwarding address");
        });
    }

    @Test
    void aDeclaredHomeThatIsAPoBoxIsAnApplyFindingForTheApplicant() {
        List<Signal> signals = new DetectorHarness()
                .with("applicants", csv(APPLICANTS, applicant("A1", "Li", "Wu", "address_line1", "P.O. Box 1182",
                        "city", "Austin", "state", "TX", "postal_code", "78701")))
                .run(new MailDropDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(new EntityRef(EntityRef.Kind.APPLICANT, "A1"));
            assertThat(s.stage()).isEqualTo(Stage.APPLY);
        });
    }

    @Test
    void wordsThatMerelyContainAMarkerAndOrdinaryAddressesAreNotMailDrops() {
        List<Signal> signals = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES, worker("E1", "Ann", "Lee", "address_line1", "12 Pembroke Rd",
                        "city", "Boxborough", "state", "MA", "postal_code", "01719")))
                .with("asset-shipments", csv(SHIPMENTS, shipment("S1", "E1", "12 Pembroke Rd", "Boxborough", "MA",
                        "01719", "ship_to_name", "Ann Lee Cooper")))
                .run(new MailDropDetector());
        assertThat(signals).isEmpty();
    }

    @Test
    void aListedAddressIsAMailDropWithoutAnyMarker() {
        List<Signal> signals = new DetectorHarness()
                .with("asset-shipments", csv(SHIPMENTS, shipment("S1", "E1", "8 The Green", "Dover", "DE", "19901",
                        "ship_to_line2", "Ste A")))
                .settings(MailDropDetector.ID, Map.of("addresses", List.of("8 The Green, Dover, DE 19901, US")))
                .run(new MailDropDetector());
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.explanation()).contains("listed"));
    }
}
