package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.detect.intel.IntelFeed;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharedSourceIpTest {

    @Test
    void twoHiresOnOneHomeLineWithinADayFire() {
        var h = harness().with("okta", okta("jeffrey.king@example.com", "73.1.2.3", NEW_YORK, "2026-03-05T01:00:00.000Z")
                + okta("kevin.hart@example.com", "73.1.2.3", NEW_YORK, "2026-03-05T09:00:00.000Z"));
        List<Signal> signals = h.run(new SharedSourceIp(IntelFeed.empty()));
        assertThat(signals).extracting(s -> s.subject().value()).containsExactlyInAnyOrder("E1", "E5");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.5);
            assertThat(s.technique()).isEqualTo("T1133");
            assertThat(s.explanation()).contains("Jeffrey King").contains("Kevin Hart").contains("73.1.2.3");
            assertThat(s.evidence()).hasSize(2);
        });
    }

    @Test
    void aSharedVpnExitIsWeaker() {
        var h = harness().with("okta", okta("jeffrey.king@example.com", "185.242.5.85", NEW_YORK, "2026-03-05T01:00:00.000Z")
                + okta("kevin.hart@example.com", "185.242.5.85", NEW_YORK, "2026-03-05T03:00:00.000Z"));
        assertThat(h.run(new SharedSourceIp(IntelFeed.empty()))).hasSize(2).allSatisfy(s -> assertThat(s.strength())
                .isEqualTo(0.3));
    }

    @Test
    void aHouseholdTheOfficeAndSignInsDaysApartDoNot() {
        var h = harness().with("okta",
                // a couple HR records at one address
                okta("maria.lopez@example.com", "73.2.2.2", CHICAGO, "2026-03-05T15:00:00.000Z")
                        + okta("tom.lopez@example.com", "73.2.2.2", CHICAGO, "2026-03-05T16:00:00.000Z")
                        // the office egress, shared by design
                        + okta("jeffrey.king@example.com", "64.125.134.3", NEW_YORK, "2026-03-05T14:00:00.000Z")
                        + okta("kevin.hart@example.com", "64.125.134.3", NEW_YORK, "2026-03-05T14:05:00.000Z")
                        + okta("anna.nowak@example.com", "64.125.134.3", NEW_YORK, "2026-03-05T14:10:00.000Z")
                        // a café address used by two people a week apart
                        + okta("jeffrey.king@example.com", "73.9.9.9", NEW_YORK, "2026-03-02T14:00:00.000Z")
                        + okta("kevin.hart@example.com", "73.9.9.9", NEW_YORK, "2026-03-10T14:00:00.000Z"));
        assertThat(h.run(new SharedSourceIp(IntelFeed.empty()))).isEmpty();
    }
}
