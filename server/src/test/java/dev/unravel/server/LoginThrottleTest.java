package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    static final long MINUTE = 60_000_000_000L;

    @Test
    void fiveFailuresInAWindowHoldTheName_untilTheOldestAgesOut_andSuccessClears() {
        LoginThrottle t = new LoginThrottle();
        for (int i = 0; i < 4; i++) {
            t.failed("Dana", "192.0.2.1", i * MINUTE);
        }
        assertThat(t.blockedMinutes("dana", 4 * MINUTE)).isZero();
        t.failed("dana", "192.0.2.1", 4 * MINUTE);
        assertThat(t.blockedMinutes("DANA", 5 * MINUTE)).isEqualTo(10); // the first failure ages out at minute 15
        assertThat(t.blockedMinutes("dana", 15 * MINUTE + 1)).isZero();
        t.failed("dana", "192.0.2.1", 16 * MINUTE);
        assertThat(t.blockedMinutes("dana", 16 * MINUTE)).isEqualTo(1);
        t.succeeded("dana");
        assertThat(t.blockedMinutes("dana", 16 * MINUTE)).isZero();
        assertThat(t.blockedMinutes("someone else", 0)).isZero();
    }

    @Test
    void failuresFromOneAddress_holdItWhateverTheNames_andASuccessDoesNotClearThem() {
        LoginThrottle t = new LoginThrottle();
        for (int i = 0; i < LoginThrottle.ADDRESS_FAILURES - 1; i++) {
            t.failed("user" + i, "203.0.113.50", i * 1_000_000_000L);
        }
        assertThat(t.addressBlockedMinutes("203.0.113.50", MINUTE)).isZero();
        t.succeeded("user0");
        t.failed("user19", "203.0.113.50", MINUTE);
        assertThat(t.addressBlockedMinutes("203.0.113.50", MINUTE)).isEqualTo(14); // the first aged out at minute 15
        assertThat(t.blockedMinutes("user19", MINUTE)).as("each name failed once").isZero();
        assertThat(t.addressBlockedMinutes("203.0.113.51", MINUTE)).isZero();
        assertThat(t.addressBlockedMinutes("203.0.113.50", 15 * MINUTE + 1)).as("the first failure aged out").isZero();
        assertThat(t.addressBlockedMinutes(null, MINUTE)).isZero();
    }
}
