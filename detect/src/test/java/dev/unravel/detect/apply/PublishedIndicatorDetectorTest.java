package dev.unravel.detect.apply;

import static dev.unravel.detect.apply.RecordCsv.APPLICANTS;
import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.SHIPMENTS;
import static dev.unravel.detect.apply.RecordCsv.applicant;
import static dev.unravel.detect.apply.RecordCsv.csv;
import static dev.unravel.detect.apply.RecordCsv.worker;
import static dev.unravel.detect.apply.RecordCsv.shipment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Applicants' and workers' identifiers against a published list of the scheme's indicators. */
class PublishedIndicatorDetectorTest {

    static final String LIST = """
            # FBI PSA I-012325-PSA and a sharing group's list, as a team keeps them
            type,value,source,note
            address,"8047 Prospect Ln, Brooklyn, NY 11215",DOJ indictment 24-cr-0117,laptop farm
            phone,(571) 555-0148,FBI PSA I-012325-PSA,facilitator's number
            email,Jin.Park.Dev@Gmail.com,IT-ISAC share 2026-02,
            domain,@devforge-talent.io,IT-ISAC share 2026-02,front company
            """;

    @TempDir
    Path dir;

    DetectorHarness company(String list) throws Exception {
        Path file = Files.writeString(dir.resolve("indicators.csv"), list);
        return new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES,
                        worker("E1", "Ann", "Lee", "personal_email", "ann.lee@gmail.com", "phone", "+1 571-555-0148"),
                        worker("E2", "Bo", "Chan", "address_line1", "8047 Prospect Lane", "address_line2", "Apt 2",
                                "city", "Brooklyn", "state", "NY", "postal_code", "11215"),
                        worker("E3", "Cy", "Ng", "personal_email", "cy@talent.devforge-talent.io"),
                        worker("E4", "Di", "Ro", "personal_email", "di.ro@devforge-talent.io.example.com", "phone",
                                "+1 571-555-0149", "address_line1", "8049 Prospect Ln", "city", "Brooklyn", "state",
                                "NY", "postal_code", "11215")))
                .with("applicants", csv(APPLICANTS, applicant("A1", "Jin", "Park", "email", "jin.park.dev@gmail.com")))
                .with("asset-shipments", csv(SHIPMENTS, shipment("S1", "E4", "8047 Prospect Ln", "Brooklyn", "NY",
                        "11215")))
                .settings(PublishedIndicatorDetector.ID, Map.of("files", List.of(file.toString())));
    }

    @Test
    void eachListedIdentifierIsFound_withWhereItIsListed_andNearMissesAreNot() throws Exception {
        List<Signal> signals = company(LIST).run(new PublishedIndicatorDetector());
        assertThat(signals).extracting(s -> s.subject() + " " + s.stage().id()).containsExactlyInAnyOrder(
                "worker:E1 apply", // the facilitator's phone, written another way
                "worker:E2 apply", // an apartment in the farm's building
                "worker:E3 apply", // a subdomain of the front company's domain
                "applicant:A1 apply", // the listed email, in other case
                "worker:E4 onboard"); // a laptop sent to the farm; E4's own number, home and domain are near misses
        assertThat(signals).allSatisfy(s -> assertThat(s.strength()).isEqualTo(0.7));
        Signal phone = signals.stream().filter(s -> s.subject().equals(EntityRef.worker("E1"))).findFirst().orElseThrow();
        assertThat(phone.explanation()).isEqualTo("The phone number of Ann Lee (worker E1) is on a published list of "
                + "the scheme's indicators: FBI PSA I-012325-PSA (facilitator's number), indicators.csv line 4. A list "
                + "can be stale or wrong; confirm with its source.").doesNotContain("555");
        Signal farm = signals.stream().filter(s -> s.stage() == Stage.ONBOARD).findFirst().orElseThrow();
        assertThat(farm.explanation()).startsWith("The laptop delivery address of Di Ro (worker E4), 8047 Prospect Ln, "
                + "Brooklyn, NY 11215, is on a published list").contains("DOJ indictment 24-cr-0117 (laptop farm)");
        assertThat(signals.stream().filter(s -> s.subject().equals(EntityRef.worker("E3"))).findFirst().orElseThrow()
                .explanation()).contains("email address cy@talent.devforge-talent.io (domain devforge-talent.io)");
    }

    @Test
    void withoutAListNothingIsFound_aBadEntryIsSkippedAndCounted_andAListThatCannotBeReadStopsTheScan()
            throws Exception {
        assertThat(new DetectorHarness().with("hr-employees", csv(EMPLOYEES, worker("E1", "Ann", "Lee", "phone",
                "+1 571-555-0148"))).run(new PublishedIndicatorDetector())).isEmpty();

        DetectorHarness h = company(LIST + "url,hxxp://devforge[.]io/jobs\nphone,not a number\naddress,\"8047 Prospect Ln\nemail\n");
        assertThat(h.run(new PublishedIndicatorDetector())).as("the good lines around the bad ones").hasSize(5);
        assertThat(h.skippedReasons().keySet()).extracting(k -> k.replace(dir.toString(), "DIR")).containsExactlyInAnyOrder(
                "indicator list entry that cannot be read (DIR/indicators.csv:7: type 'url' is not one of email, "
                        + "domain, phone, address, ip, wallet)",
                "indicator list entry that cannot be read (DIR/indicators.csv:8: 'not a number' is not a readable "
                        + "phone)",
                "indicator list entry that cannot be read (DIR/indicators.csv:9: a quote opened and not closed)",
                "indicator list entry that cannot be read (DIR/indicators.csv:10: no value (type,value,source,note))");

        // a list that cannot be read at all is told before the scan reads anything
        assertThatThrownBy(() -> new PublishedIndicatorDetector().check(new dev.unravel.detect.Settings(
                PublishedIndicatorDetector.ID, Map.of("files", List.of(dir.resolve("none.csv").toString())))))
                .hasMessageContaining("the indicator list " + dir.resolve("none.csv") + " cannot be read: no such file");
    }

    /** A STIX 2.1 bundle as CISA and the FBI publish advisories, defanged values and all. */
    static final String STIX = """
            {"type": "bundle", "id": "bundle--5e0d", "objects": [
              {"type": "report", "id": "report--1", "spec_version": "2.1", "name": "AA25-123A North Korean IT workers",
               "published": "2025-05-03T00:00:00Z", "object_refs": ["indicator--a", "indicator--b"]},
              {"type": "indicator", "id": "indicator--a", "spec_version": "2.1", "name": "Operator email accounts",
               "pattern_type": "stix",
               "pattern": "[email-addr:value = 'jin.park.dev@gmail.com'] OR [email-message:from_ref.value = 'oneil@x[.]io']"},
              {"type": "indicator", "id": "indicator--b", "spec_version": "2.1", "name": "Front company domains",
               "pattern_type": "stix",
               "pattern": "[domain-name:value = 'devforge-talent[.]io'] AND [ipv4-addr:value = '203.0.113.7']"},
              {"type": "indicator", "id": "indicator--c", "spec_version": "2.1", "pattern_type": "sigma",
               "pattern": "title: not for this detector"},
              {"type": "location", "id": "location--d", "spec_version": "2.1", "name": "Laptop farm",
               "street_address": "8047 Prospect Ln", "city": "Brooklyn", "region": "NY", "postal_code": "11215",
               "country": "US"}
            ]}
            """;

    @Test
    void aStixBundleIsReadToo_itsReportTheSource_andDefangedValuesMadeWhole() throws Exception {
        Path file = Files.writeString(dir.resolve("aa25-123a.json"), STIX);
        List<Signal> signals = company(LIST).settings(PublishedIndicatorDetector.ID, Map.of("files",
                List.of(file.toString()))).run(new PublishedIndicatorDetector());
        assertThat(signals).extracting(s -> s.subject() + " " + s.stage().id()).containsExactlyInAnyOrder(
                "worker:E2 apply", "worker:E3 apply", "applicant:A1 apply", "worker:E4 onboard");
        assertThat(signals).filteredOn(s -> s.subject().equals(new EntityRef(EntityRef.Kind.APPLICANT, "A1")))
                .singleElement().satisfies(s -> assertThat(s.explanation()).contains(
                        "AA25-123A North Korean IT workers (Operator email accounts), aa25-123a.json indicator--a"));
        assertThat(dev.unravel.detect.intel.IndicatorLists.refanged("hxxp jin[@]mail[.]com")).isEqualTo("hxxp jin@mail.com");
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"type\": \"bundle\", ");
        assertThatThrownBy(() -> new PublishedIndicatorDetector().check(new dev.unravel.detect.Settings(
                PublishedIndicatorDetector.ID, Map.of("files", List.of(broken.toString())))))
                .hasMessageContaining("broken.json: not a STIX bundle (JSON)");
    }
}
