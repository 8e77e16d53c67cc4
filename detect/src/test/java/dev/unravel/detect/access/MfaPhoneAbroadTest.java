package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.detect.intel.IntelFeed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MfaPhoneAbroadTest {

    /** The laptop farm's computer signs in from Brooklyn; the phone approving it is in Shenyang. */
    @Test
    void aPhoneInChinaApprovingAUsComputersSignInsFires() {
        StringBuilder farm = new StringBuilder();
        for (int day = 3; day <= 5; day++) {
            farm.append(duo("jeffrey.king@example.com", "73.1.2.3", NEW_YORK, "2026-03-0" + day + "T01:00:00Z",
                    "success", "DPOPERATOR01", "Xiaomi (86-138-0000-0000)", "175.161.8.8", "China"));
        }
        List<Signal> signals = harness().with("duo-auth", farm.toString()).run(new MfaPhoneAbroad(IntelFeed.empty()));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.strength()).isEqualTo(0.6);
            assertThat(s.evidence()).hasSize(3);
            assertThat(s.explanation()).isEqualTo("A phone in CN (a high-risk country where Jeffrey King is not "
                    + "recorded as living), Xiaomi (86-138-0000-0000), approved 3 of their sign-ins from a computer in "
                    + "US: the phone that approves a worker's sign-ins is normally with them.");
        });
    }

    /** Without an address for the phone, Duo's own location says where it is. */
    @Test
    void duosLocationStandsInWithoutAnAddress_andNorthKoreaIsStrongest() {
        List<Signal> signals = harness().with("duo-auth", duo("kevin.hart@example.com", "73.1.2.4", NEW_YORK,
                "2026-03-05T01:00:00Z", "success", "DPOPERATOR02", "Phone", null, "North Korea"))
                .run(new MfaPhoneAbroad(IntelFeed.empty()));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E5"));
            assertThat(s.strength()).isEqualTo(0.8);
        });
    }

    @Test
    void aPhoneAtHome_behindAVpn_orADeniedPush_doesNot_andTheListIsConfigurable() {
        String events = duo("maria.lopez@example.com", "73.2.2.2", CHICAGO, "2026-03-05T15:00:00Z", "success",
                "DPMARIA", "Pixel 8")
                + duo("kevin.hart@example.com", "73.1.2.4", NEW_YORK, "2026-03-05T16:00:00Z", "success", "DPKEVIN",
                        "iPhone", "156.146.37.14", "China")
                + duo("tom.lopez@example.com", "73.2.2.3", CHICAGO, "2026-03-05T17:00:00Z", "denied", "DPTOM",
                        "iPhone", "175.161.8.9", "China")
                + duo("anna.nowak@example.com", "83.1.1.1", WARSAW, "2026-03-05T08:00:00Z", "success", "DPANNA",
                        "Galaxy", "83.1.1.2", "Poland");
        assertThat(harness().with("duo-auth", events).run(new MfaPhoneAbroad(IntelFeed.empty()))).isEmpty();
        assertThat(harness().with("duo-auth", events).settings(MfaPhoneAbroad.ID, Map.of("countries", List.of("pl")))
                .run(new MfaPhoneAbroad(IntelFeed.empty()))).as("Anna lives in Poland: her phone there is not abroad")
                .isEmpty();
    }
}
