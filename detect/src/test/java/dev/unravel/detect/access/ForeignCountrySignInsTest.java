package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.intel.IntelFeed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForeignCountrySignInsTest {

    @Test
    void aWorkerWhoAlmostAlwaysSignsInFromAbroadFires() {
        var h = harness().with("okta", daily("jeffrey.king@example.com", "153.130.1.9", TOKYO, 2, 10, "01:00")
                + okta("jeffrey.king@example.com", "73.1.2.3", NEW_YORK, "2026-03-20T14:00:00.000Z"));
        List<Signal> signals = h.run(new ForeignCountrySignIns(IntelFeed.empty()));
        assertThat(signals).hasSize(1);
        Signal s = signals.get(0);
        assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
        assertThat(s.stage()).isEqualTo(Stage.ACCESS);
        assertThat(s.strength()).isEqualTo(0.5);
        assertThat(s.explanation()).contains("10 of 11").contains("JP").contains("US");
        assertThat(s.evidence()).hasSize(5);
    }

    @Test
    void travellersContractorsAbroadAndVpnUsersDoNot() {
        var h = harness().with("okta",
                // a traveller: two weeks at home, four days in Tokyo
                daily("maria.lopez@example.com", "73.4.4.4", CHICAGO, 2, 14, "15:00")
                        + daily("maria.lopez@example.com", "153.130.2.2", TOKYO, 16, 4, "01:00")
                        // a contractor HR records in Poland
                        + daily("anna.nowak@example.com", "83.1.1.1", WARSAW, 2, 12, "08:00")
                        // someone always behind a VPN: not located, so never foreign here
                        + daily("kevin.hart@example.com", "185.242.5.85", TOKYO, 2, 12, "17:00")
                        // unknown to HR: skipped and counted, not a signal
                        + daily("stranger@example.org", "153.130.2.3", TOKYO, 2, 6, "02:00"));
        assertThat(h.run(new ForeignCountrySignIns(IntelFeed.empty()))).isEmpty();
        assertThat(h.skippedReasons()).containsKey("account not in the roster");
    }

    @Test
    void privateAddressesAreNeverForeignAndAreCounted() {
        var h = harness().with("okta", daily("jeffrey.king@example.com", "10.0.0.8", TOKYO, 2, 10, "01:00"));
        assertThat(h.run(new ForeignCountrySignIns(IntelFeed.empty()))).isEmpty();
        assertThat(h.skippedReasons()).containsEntry("private or internal source address", 10L);
    }

    @Test
    void theVendorsOwnGeolocationServesWhereTheFeedsAreSilent() {
        // Entra locates the sign-in (location.countryOrRegion) and GitHub the actor (actor_location);
        // the addresses (one IPv6) are in no feed loaded here.
        StringBuilder entra = new StringBuilder();
        StringBuilder github = new StringBuilder();
        for (int d = 2; d < 8; d++) {
            entra.append(entra("jeffrey.king@example.com", "2400:4050:1::" + d, TOKYO,
                    "2026-03-0" + d + "T01:00:00.0000000Z", "", false));
            github.append(github("git.clone", "jk-dev", "jeffrey.king@example.com", "45.8.8." + d, "JP",
                    java.time.Instant.parse("2026-03-0" + d + "T02:00:00Z")));
        }
        var h = harness().with("entra-signin", entra.toString()).with("github-audit", github.toString());
        List<Signal> signals = h.run(new ForeignCountrySignIns(IntelFeed.empty()));
        assertThat(signals).hasSize(1);
        assertThat(signals.get(0).explanation()).contains("12 of 12").contains("JP");
    }

    @Test
    void googleWorkspaceSignIns_countLocatedByGoogle_andFailuresAreNotSignIns() {
        // the addresses are in no feed loaded here: Google's networkInfo.regionCode locates them
        StringBuilder google = new StringBuilder();
        for (int d = 2; d < 9; d++) {
            google.append(google("login_success", "jeffrey.king@example.com", "45.9.9." + d, "JP",
                    "2026-03-0" + d + "T01:00:00.000Z"));
            google.append(google("login_failure", "maria.lopez@example.com", "45.9.8." + d, "JP",
                    "2026-03-0" + d + "T01:00:00.000Z"));
        }
        google.append(google("login_success", "maria.lopez@example.com", "73.4.4.4", "US", "2026-03-09T15:00:00.000Z"));
        List<Signal> signals = harness().with("gworkspace", google.toString())
                .run(new ForeignCountrySignIns(IntelFeed.empty()));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.explanation()).contains("7 of 7").contains("JP");
        });
    }
}
