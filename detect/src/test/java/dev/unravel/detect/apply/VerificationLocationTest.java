package dev.unravel.detect.apply;

import static dev.unravel.detect.apply.IdentityVerificationDetectorTest.check;
import static dev.unravel.detect.apply.RecordCsv.ADDRESS_HISTORY;
import static dev.unravel.detect.apply.RecordCsv.APPLICANTS;
import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.IP_INTEL;
import static dev.unravel.detect.apply.RecordCsv.VERIFICATIONS;
import static dev.unravel.detect.apply.RecordCsv.applicant;
import static dev.unravel.detect.apply.RecordCsv.csv;
import static dev.unravel.detect.apply.RecordCsv.row;
import static dev.unravel.detect.apply.RecordCsv.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.testing.DetectorHarness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where an identity check was completed from, against the declared home's country and state. */
class VerificationLocationTest {

    private static final List<String> RANGES = new ArrayList<>(IP_INTEL);

    static {
        RANGES.add("region");
    }

    private static Map<String, String> range(String start, String end, String country, String region, String org,
            String type) {
        return row("start_ip", start, "end_ip", end, "country", country, "region", region, "as_org", org,
                "network_type", type, "is_vpn", String.valueOf(type.equals("vpn")), "is_hosting", "false",
                "is_corporate", "false");
    }

    /** The organisation's ranges with states, as a city-level feed exported into intel/ip-ranges.csv gives them. */
    @SuppressWarnings("unchecked")
    static final String CITY_RANGES = csv(RANGES,
            range("73.15.0.0", "73.15.255.255", "US", "CA", "Comcast", "residential"),
            range("98.0.0.0", "98.0.255.255", "US", "TX", "Charter", "residential"),
            range("99.5.0.0", "99.5.255.255", "US", "US-NY", "Verizon Wireless", "mobile"),
            range("36.110.0.0", "36.110.255.255", "CN", "11", "China Telecom", "residential"),
            range("185.242.4.0", "185.242.7.255", "NL", "NH", "M247 Europe SRL", "vpn"));

    /** Mark lives in California; Dana moved from Texas to California; Li applied from California. */
    private static DetectorHarness people() {
        return new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES,
                        worker("E1", "Mark", "Thomas", "applicant_id", "A1", "address_line1", "1234 Valencia St",
                                "city", "San Francisco", "state", "CA", "postal_code", "94110"),
                        worker("E2", "Dana", "Reed", "applicant_id", "A2", "address_line1", "88 Oak Ave",
                                "city", "Oakland", "state", "California", "postal_code", "94610")))
                .with("hr-address-history", csv(ADDRESS_HISTORY,
                        row("employee_id", "E2", "effective_from", "2019-04-01", "effective_to", "2025-12-31",
                                "address_line1", "12 Elm St", "city", "Austin", "state", "TX", "postal_code", "78701",
                                "country", "US"),
                        row("employee_id", "E2", "effective_from", "2026-01-01", "address_line1", "88 Oak Ave",
                                "city", "Oakland", "state", "CA", "postal_code", "94610", "country", "US")))
                .with("applicants", csv(APPLICANTS,
                        applicant("A1", "Mark", "Thomas", "state", "CA", "status", "hired", "employee_id", "E1"),
                        applicant("A2", "Dana", "Reed", "state", "CA", "status", "hired", "employee_id", "E2"),
                        applicant("A3", "Li", "Wu", "state", "CA")))
                .with("ip-intel", CITY_RANGES);
    }

    @SafeVarargs
    private static List<Signal> run(Map<String, String>... checks) {
        return people().with("applicant-identity-verification", csv(VERIFICATIONS, checks))
                .run(new IdentityVerificationDetector());
    }

    @Test
    void aCheckFromAnotherStateThanEveryHomeIsAWeakSignalThatSaysSo() {
        assertThat(run(check("A1", "ip_address", "98.0.12.7"))).singleElement().satisfies(s -> {
            assertThat(s.subject().value()).isEqualTo("E1");
            assertThat(s.strength()).isEqualTo(0.15);
            assertThat(s.explanation()).contains("Texas", "California", "weak");
        });
    }

    @Test
    void nearMissesRaiseNothing() {
        assertThat(run(
                check("A1", "ip_address", "73.15.220.14"),   // from the home state
                check("A2", "ip_address", "98.0.12.7"),      // a mover verifying from the state she left
                check("A3", "ip_address", "99.5.1.1"),       // a mobile network, located in New York
                check("A3", "ip_address", "8.8.4.4", "ip_country", "")))  // an address nobody locates
                .isEmpty();
    }

    @Test
    void anUnknownAddressIsNeverAFalseForeignAndIsCountedAsSkipped() {
        DetectorHarness h = people().with("applicant-identity-verification", csv(VERIFICATIONS,
                check("A3", "ip_address", "8.8.4.4", "ip_country", ""),
                check("A3", "ip_address", "", "ip_country", "", "checked_at", "2026-02-20T09:10:00Z"))); // a retry
        assertThat(h.run(new IdentityVerificationDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsEntry("identity check from an address nobody locates", 2L);
    }

    @Test
    void withoutTheVendorsCountryTheIntelligenceLocatesAForeignCheckButAVpnExitIsOnlyAVpn() {
        assertThat(run(check("A3", "ip_address", "36.110.9.9", "ip_country", ""))).singleElement().satisfies(s -> {
            assertThat(s.strength()).isEqualTo(0.4);
            assertThat(s.explanation()).contains("CN (by IP intelligence)", "declared home is in US");
        });
        assertThat(run(check("A3", "ip_address", "185.242.5.85", "ip_country", ""))).singleElement().satisfies(s -> {
            assertThat(s.strength()).isEqualTo(0.35);
            assertThat(s.explanation()).contains("VPN").doesNotContain("NL", "New Hampshire");
        });
    }

    @Test
    void anIpAddressColumnThatIsNotAnAddressIsASkipNotACrash() {
        DetectorHarness h = people().with("applicant-identity-verification", csv(VERIFICATIONS,
                check("A3", "ip_address", "unknown", "ip_country", "")));
        assertThat(h.run(new IdentityVerificationDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsEntry("identity check IP address not an IP address", 1L);
    }

    @Test
    void theStateComparisonCanBeTurnedOff() {
        assertThat(people().with("applicant-identity-verification", csv(VERIFICATIONS,
                check("A1", "ip_address", "98.0.12.7")))
                .settings(IdentityVerificationDetector.ID, Map.of("other_state_strength", 0))
                .run(new IdentityVerificationDetector())).isEmpty();
    }

    @Test
    void cityLevelCsvFeedsGiveStatesByCodeOrNameAndARegionNeverOutlivesItsCountry() throws Exception {
        Path f = Files.createTempFile("city", ".csv");
        try {
            Files.writeString(f, "start_ip,end_ip,country,state\n"
                    + "24.0.0.0,24.0.255.255,US,California\n"
                    + "24.1.0.0,24.1.255.255,US,US-TX\n"
                    + "24.2.0.0,24.2.255.255,DE,BY\n");
            IntelFeed feed = IntelFeed.open(List.of(f));
            assertThat(feed.lookup("24.0.1.1").region()).isEqualTo("CA");
            assertThat(feed.lookup("24.1.1.1").region()).isEqualTo("TX");
            assertThat(feed.lookup("24.2.1.1").region()).isEqualTo("BY");
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
