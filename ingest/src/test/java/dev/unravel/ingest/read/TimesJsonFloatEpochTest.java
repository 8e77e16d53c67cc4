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

    @Test
    void theMicrosecondShortcutAgreesWithTheDecimalText() {
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 200_000; i++) {
            // whole microseconds (Zeek), then doubles with any digits, then whole seconds
            long micros = 1_000_000L + (long) (random.nextDouble() * (4_294_967_296.0 - 1.0) * 1e6);
            double[] values = {micros / 1e6, 1.0 + random.nextDouble() * 4.29e9, (double) (micros / 1_000_000)};
            for (double v : values) {
                Instant fast = Times.microsecondEpoch(v);
                if (fast != null) {
                    assertThat(fast).as("%s", v).isEqualTo(fromDecimalText(v));
                }
            }
            assertThat(Times.microsecondEpoch(micros / 1e6)).as("%s", micros / 1e6)
                    .isEqualTo(Instant.ofEpochSecond(micros / 1_000_000, micros % 1_000_000 * 1000));
        }
        assertThat(Times.microsecondEpoch(0.5)).isNull();
        assertThat(Times.microsecondEpoch(1e12)).isNull();
        assertThat(Times.microsecondEpoch(Double.NaN)).isNull();
        assertThat(Times.microsecondEpoch(1588316619.7978065)).isNull(); // seven decimals: the text decides
    }

    /** What {@link Times#parse} did before the shortcut: the fraction read from the shortest decimal text. */
    private static Instant fromDecimalText(double v) {
        BigDecimal exact = new BigDecimal(BigDecimal.valueOf(v).toPlainString());
        long seconds = exact.longValue();
        BigDecimal fraction = exact.subtract(BigDecimal.valueOf(seconds)).movePointRight(9);
        return Instant.ofEpochSecond(seconds, fraction.setScale(0, java.math.RoundingMode.DOWN).longValueExact());
    }
}
