package dev.unravel.sigma.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/**
 * Record times: what core's hand-written ISO reader declines still gets its fallbacks (a leap
 * second as Instant.parse reads it, anything unreadable as the epoch).
 */
class EvtxJsonTimeTest {

    @Test
    void time_keepsItsFallbacks() {
        assertThat(EvtxJson.time("2019-03-19 23:43:33.574")).isEqualTo(Instant.parse("2019-03-19T23:43:33.574Z"));
        assertThat(EvtxJson.time("2016-12-31T23:59:60Z")).isEqualTo(parseOrEpoch("2016-12-31T23:59:60Z"));
        assertThat(EvtxJson.time("not a time")).isEqualTo(Instant.EPOCH);
        assertThat(EvtxJson.time(42L)).isEqualTo(Instant.EPOCH);
    }

    private static Instant parseOrEpoch(String s) {
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
