package dev.unravel.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesJsonFloatEpochTest {

    @Test
    void aJsonFloatEpochKeepsItsMicrosecondsExactly() {
        // Jackson hands Zeek's "ts":1588316619.797806 over as a Double, whose toString is
        // 1.588316619797806E9: the fraction must come from the plain decimal form.
        assertThat(Times.parse(1588316619.797806)).isEqualTo(Instant.parse("2020-05-01T07:03:39.797806Z"));
        assertThat(Times.parse(1692161622.036086)).isEqualTo(Instant.parse("2023-08-16T04:53:42.036086Z"));
        assertThat(Times.parse(1588317639.0)).isEqualTo(Instant.ofEpochSecond(1588317639));
        assertThat(Times.parse(new BigDecimal("1588316619.797806"))).isEqualTo(
                Instant.parse("2020-05-01T07:03:39.797806Z"));
        assertThat(Times.parse(Double.NaN)).isNull();
        assertThat(Times.parse(Double.POSITIVE_INFINITY)).isNull();
    }
}
