package dev.unravel.sigma.windows;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

/** The fast SystemTime parser gives Instant.parse's answer whenever it answers at all. */
class EvtxJsonTimeTest {

    @Test
    void isoUtc_agreesWithInstantParse() {
        String[] samples = {
            "2025-11-27T07:40:10.165324Z", "2019-03-19T23:43:33.574542900Z", "2019-03-19T23:43:33Z",
            "2019-03-19T23:43:33.5Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
            "2024-02-29T12:00:00Z", "1970-01-01T00:00:00.000Z",
        };
        for (String s : samples) {
            Instant fast = EvtxJson.isoUtc(s);
            assertThat(fast).as(s).isNotNull().isEqualTo(Instant.parse(s));
        }
    }

    @Test
    void isoUtc_leavesEverythingElseToTheGeneralPath() {
        String[] others = {
            "2023-02-29T12:00:00Z", "2019-04-31T00:00:00Z", "2019-03-19T24:00:00Z", "2016-12-31T23:59:60Z",
            "2019-03-19 23:43:33.574Z", "2019-03-19T23:43:33.Z", "2019-03-19T23:43:33.574542+01:00",
            "2019-03-19t23:43:33z", "+12019-03-19T23:43:33Z", "2019-13-19T23:43:33Z", "2019-03-19T23:4x:33Z",
            "2019-03-19T23:43:33.1234567890Z", "",
        };
        for (String s : others) {
            assertThat(EvtxJson.isoUtc(s)).as(s).isNull();
        }
    }

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
