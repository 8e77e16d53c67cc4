package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.detect.intel.IntelFeed;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImpossibleTravelTest {

    @Test
    void newYorkThenShenyangAnHourLaterFires() {
        var h = harness().with("okta", okta("jeffrey.king@example.com", "73.1.2.3", NEW_YORK, "2026-03-05T01:00:00.000Z")
                + okta("jeffrey.king@example.com", "175.161.8.8", SHENYANG, "2026-03-05T02:00:00.000Z"));
        List<Signal> signals = h.run(new ImpossibleTravel(IntelFeed.empty()));
        assertThat(signals).hasSize(1);
        assertThat(signals.get(0).subject()).isEqualTo(EntityRef.worker("E1"));
        assertThat(signals.get(0).strength()).isEqualTo(0.2);
        assertThat(signals.get(0).explanation()).contains("km between US and CN in 1.0 hours");
        assertThat(signals.get(0).evidence()).hasSize(2);
    }

    @Test
    void aLongHaulFlightAndAVpnHopDoNot() {
        var h = harness().with("okta",
                okta("maria.lopez@example.com", "73.4.4.4", CHICAGO, "2026-03-05T15:00:00.000Z")
                        + okta("maria.lopez@example.com", "153.130.2.2", TOKYO, "2026-03-06T05:00:00.000Z")
                        + okta("kevin.hart@example.com", "73.1.2.9", NEW_YORK, "2026-03-05T15:00:00.000Z")
                        + okta("kevin.hart@example.com", "185.242.5.85", TOKYO, "2026-03-05T15:20:00.000Z"));
        assertThat(h.run(new ImpossibleTravel(IntelFeed.empty()))).isEmpty();
    }

    @Test
    void signInsWithoutCoordinatesAreCountedAsSkipped() {
        String noGeo = okta("jeffrey.king@example.com", "73.1.2.3", NEW_YORK, "2026-03-05T01:00:00.000Z")
                .replaceAll("\"geolocation\":\\{[^}]*\\}", "\"geolocation\":null");
        var h = harness().with("okta", noGeo);
        assertThat(h.run(new ImpossibleTravel(IntelFeed.empty()))).isEmpty();
        assertThat(h.skippedReasons()).containsEntry("sign-in without coordinates", 1L);
    }
}
