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
    void privateAddressesAreNeverForeign() {
        var h = harness().with("okta", daily("jeffrey.king@example.com", "10.0.0.8", TOKYO, 2, 10, "01:00"));
        assertThat(h.run(new ForeignCountrySignIns(IntelFeed.empty()))).isEmpty();
    }
}
