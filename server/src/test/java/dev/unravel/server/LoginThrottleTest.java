package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    static final long MINUTE = 60_000_000_000L;

    @Test
    void fiveFailuresInAWindowHoldTheName_untilTheOldestAgesOut_andSuccessClears() {
        LoginThrottle t = new LoginThrottle();
        for (int i = 0; i < 4; i++) {
            t.failed("Dana", i * MINUTE);
        }
        assertThat(t.blockedMinutes("dana", 4 * MINUTE)).isZero();
        t.failed("dana", 4 * MINUTE);
        assertThat(t.blockedMinutes("DANA", 5 * MINUTE)).isEqualTo(10); // the first failure ages out at minute 15
        assertThat(t.blockedMinutes("dana", 15 * MINUTE + 1)).isZero();
        t.failed("dana", 16 * MINUTE);
        assertThat(t.blockedMinutes("dana", 16 * MINUTE)).isEqualTo(1);
        t.succeeded("dana");
        assertThat(t.blockedMinutes("dana", 16 * MINUTE)).isZero();
        assertThat(t.blockedMinutes("someone else", 0)).isZero();
    }
}
