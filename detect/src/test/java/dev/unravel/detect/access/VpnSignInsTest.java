package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.detect.intel.IntelFeed;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Corporate VPN connections (GlobalProtect) read as sign-ins by the access detectors. */
class VpnSignInsTest {

    /** {@code count} days of one laptop's VPN trail: portal and gateway authentication, then the tunnel. */
    static String days(String user, String machine, String ip, String region, int count) {
        StringBuilder b = new StringBuilder();
        for (int d = 2; d < 2 + count; d++) {
            String day = String.format("2026-03-%02d", d);
            b.append(globalProtect("portal-auth", user, machine, ip, region, day + "T01:00:01.000Z", "success"));
            b.append(globalProtect("gateway-auth", user, machine, ip, region, day + "T01:00:03.000Z", "success"));
            b.append(globalProtect("gateway-connected", user, machine, ip, region, day + "T01:00:05.000Z", "success"));
        }
        return b.toString();
    }

    @Test
    void twoHiresLaptopsTunnellingFromOneHomeLine_areAFarm() {
        var h = harness().with("globalprotect", days("jeffrey.king@example.com", "NWL-LT-1", "73.1.2.3", "US", 1)
                + days("CORP\\khart", "NWL-LT-5", "73.1.2.3", "US", 1));
        List<Signal> signals = h.run(new SharedSourceIp(IntelFeed.empty()));
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E5");
        // two company laptops on one home line: as strong as three people's sign-ins
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.6);
            assertThat(s.explanation()).endsWith("GlobalProtect's log shows 2 of their company laptops connecting from it "
                    + "(Jeffrey King's NWL-LT-1, Kevin Hart's NWL-LT-5).");
        });
        // the evidence is each laptop's tunnel (the third line of its trail), not its authentications
        assertThat(signals).allSatisfy(s -> assertThat(s.evidence()).extracting(ev -> ev.record())
                .containsExactlyInAnyOrder(3L, 6L));
    }

    @Test
    void fortiGateTunnelsAreSignInsToo_itsPortalLoginIsNot_andItsCountryNamePlacesTheAddress() {
        StringBuilder log = new StringBuilder(fortiGate("ssl-login-fail", "ssl-web", "jking", "58.16.1.9", "China",
                "2026-03-01T02:00:00Z"));
        for (int d = 2; d < 8; d++) {
            String day = String.format("2026-03-%02d", d);
            log.append(fortiGate("tunnel-up", "ssl-web", "jking", "58.16.1.9", "China", day + "T01:00:00Z"));
            log.append(fortiGate("tunnel-up", "ssl-tunnel", "jking", "58.16.1.9", "China", day + "T01:00:02Z"));
        }
        var h = harness().with("fortigate", log.toString());
        assertThat(h.run(new ForeignCountrySignIns(IntelFeed.empty()))).singleElement().satisfies(s -> {
            assertThat(s.subject().value()).isEqualTo("E1");
            assertThat(s.explanation()).contains("6 of 6").contains("CN");
        });
    }

    @Test
    void anyConnectSessionsAreSignIns_andARejectedLoginIsAFailedOne() {
        StringBuilder log = new StringBuilder("Mar 01 2026 02:00:00 asa : %ASA-6-113005: AAA user authentication "
                + "Rejected : reason = AAA failure : server = 10.1.1.5 : user = jking : user IP = 185.242.5.85\n");
        for (int d = 2; d < 7; d++) {
            log.append(String.format("Mar %02d 2026 01:00:00 asa : %%ASA-6-113039: Group <Remote> User <jking> IP "
                    + "<185.242.5.85> AnyConnect parent session started.%n", d));
        }
        var h = harness().with("cisco-asa", log.toString());
        assertThat(h.run(new AnonymisingNetworkSignIns(IntelFeed.empty()))).singleElement()
                .satisfies(s -> assertThat(s.explanation()).contains("5 of 5"));
    }

    @Test
    void oneLaptopBesideAnotherWorkersSignIn_isNamedButNotStronger() {
        var h = harness().with("globalprotect", days("jeffrey.king@example.com", "NWL-LT-1", "73.1.2.3", "US", 1))
                .with("okta", okta("kevin.hart@example.com", "73.1.2.3", NEW_YORK, "2026-03-02T09:00:00.000Z"));
        assertThat(h.run(new SharedSourceIp(IntelFeed.empty()))).hasSize(2).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.5);
            assertThat(s.explanation()).endsWith("GlobalProtect's log shows a company laptop connecting from it "
                    + "(Jeffrey King's NWL-LT-1).");
        });
    }

    @Test
    void aConnectionCountsOnce_itsSuccessfulAuthenticationsAreNotSignInsOfTheirOwn() {
        // five days through a commercial VPN exit: five sign-ins (the default minimum), not fifteen
        var five = harness().with("globalprotect", days("jeffrey.king@example.com", "NWL-LT-1", "185.242.5.85", "US",
                5));
        assertThat(five.run(new AnonymisingNetworkSignIns(IntelFeed.empty()))).singleElement()
                .satisfies(s -> assertThat(s.explanation()).contains("5 of 5"));
        var two = harness().with("globalprotect", days("jeffrey.king@example.com", "NWL-LT-1", "185.242.5.85", "US",
                2));
        assertThat(two.run(new AnonymisingNetworkSignIns(IntelFeed.empty()))).isEmpty();
    }

    @Test
    void theFirewallsRegionPlacesAnAddressTheIntelligenceDoesNotKnow_andFailuresAreFailures() {
        String failed = globalProtect("portal-auth", "jeffrey.king@example.com", "NWL-LT-1", "58.16.1.9", "CN",
                "2026-03-01T02:00:00.000Z", "failure");
        var h = harness().with("globalprotect", failed + days("jeffrey.king@example.com", "NWL-LT-1", "58.16.1.9",
                "CN", 6));
        assertThat(h.run(new ForeignCountrySignIns(IntelFeed.empty()))).singleElement().satisfies(s -> {
            assertThat(s.subject().value()).isEqualTo("E1");
            assertThat(s.explanation()).contains("6 of 6").contains("CN");
        });
    }

    /** {@code count} days of one laptop's Zscaler Client Connector sessions, at 01:00 UTC. */
    static String zpaDays(String user, String machine, String ip, String country, int count) {
        StringBuilder b = new StringBuilder();
        for (int d = 2; d < 2 + count; d++) {
            b.append(zpa("ZPN_STATUS_AUTHENTICATED", "zpn_client_type_zapp", user, machine, ip, country,
                    String.format("2026-03-%02dT01:00:05.000Z", d)));
        }
        return b.toString();
    }

    @Test
    void zscalerPrivateAccessSessionsAreSignIns_namingTheLaptops() {
        var h = harness().with("zpa", zpaDays("jeffrey.king@example.com", "NWL-LT-1", "73.1.2.3", "US", 1)
                + zpaDays("kevin.hart@example.com", "NWL-LT-5", "73.1.2.3", "US", 1));
        assertThat(h.run(new SharedSourceIp(IntelFeed.empty()))).hasSize(2).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.6);
            assertThat(s.explanation()).endsWith("; Zscaler Private Access's log shows 2 of their company laptops "
                    + "connecting from it (Jeffrey King's NWL-LT-1, Kevin Hart's NWL-LT-5).");
        });
    }

    @Test
    void zscalersOwnServiceSessionsFromOneAddress_areNoFarm() {
        // ZIA's service edge anchoring two workers' traffic: the address is Zscaler's, not a shared home line
        String anchoring = zpa("ZPN_STATUS_AUTHENTICATED", "zpn_client_type_ip_anchoring", "jeffrey.king@example.com",
                "", "73.1.2.3", "US", "2026-03-02T01:00:05.000Z") + zpa("ZPN_STATUS_AUTHENTICATED",
                "zpn_client_type_ip_anchoring", "kevin.hart@example.com", "", "73.1.2.3", "US",
                "2026-03-02T01:10:05.000Z");
        assertThat(harness().with("zpa", anchoring).run(new SharedSourceIp(IntelFeed.empty()))).isEmpty();
    }

    @Test
    void zscalersCountryPlacesAnAddress_andItsOwnServicesSessionsAreNotSignIns() {
        // Zscaler's service edge anchoring traffic, logged under a worker's name in a custom setup: not where they are
        String anchoring = zpa("ZPN_STATUS_AUTHENTICATED", "zpn_client_type_ip_anchoring",
                "jeffrey.king@example.com", "", "58.16.1.77", "CN", "2026-03-01T02:00:00.000Z");
        var h = harness().with("zpa", anchoring + anchoring.replace("58.16.1.77", "58.16.1.78")
                + zpaDays("jeffrey.king@example.com", "NWL-LT-1", "58.16.1.9", "CN", 6));
        assertThat(h.run(new ForeignCountrySignIns(IntelFeed.empty()))).singleElement().satisfies(s -> {
            assertThat(s.subject().value()).isEqualTo("E1");
            assertThat(s.explanation()).contains("6 of 6").contains("CN");
        });
    }
}
