package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnmanagedDeviceAfterOnboardingTest {

    @Test
    void aNewHireSigningInOnlyFromUnmanagedDevicesFires() {
        StringBuilder b = new StringBuilder();
        for (int d = 3; d <= 6; d++) {
            b.append(entra("jeffrey.king@example.com", "73.1.2.3", NEW_YORK, "2026-03-0" + d + "T14:00:00.0000000Z", "",
                    false));
        }
        List<Signal> signals = harness().with("entra-signin", b.toString()).run(new UnmanagedDeviceAfterOnboarding());
        assertThat(signals).hasSize(1);
        assertThat(signals.get(0).subject()).isEqualTo(EntityRef.worker("E1"));
        assertThat(signals.get(0).strength()).isEqualTo(0.4);
        assertThat(signals.get(0).explanation()).contains("2026-03-02").contains("4 of Jeffrey King's 4");
    }

    @Test
    void theLaptopMostOfTheTimeOrLongAfterHiringDoesNot() {
        StringBuilder b = new StringBuilder();
        b.append(entra("kevin.hart@example.com", "73.1.2.9", NEW_YORK, "2026-03-02T18:00:00.0000000Z", "", false));
        for (int d = 3; d <= 7; d++) {
            b.append(entra("kevin.hart@example.com", "73.1.2.9", NEW_YORK, "2026-03-0" + d + "T14:00:00.0000000Z",
                    "3f2a9c1e-0000-4000-8000-00000000000" + d, true));
            // a long-standing employee on a personal laptop: not onboarding
            b.append(entra("maria.lopez@example.com", "73.4.4.4", CHICAGO, "2026-03-0" + d + "T15:00:00.0000000Z", "",
                    false));
        }
        assertThat(harness().with("entra-signin", b.toString()).run(new UnmanagedDeviceAfterOnboarding())).isEmpty();
    }
}
