package dev.unravel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void aNumberAndAUnit() {
        assertThat(Durations.parse("--x", "90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("--x", " 15m ")).isEqualTo(Duration.ofMinutes(15));
        assertThat(Durations.parse("--x", "12h")).isEqualTo(Duration.ofHours(12));
        assertThat(Durations.parse("--x", "30d")).isEqualTo(Duration.ofDays(30));
        assertThat(Durations.parse("--x", "0s")).isZero();
        for (String bad : new String[] {"P30D", "1w", "h", "-1d", "1.5h", "1234567d", ""}) {
            assertThatThrownBy(() -> Durations.parse("--lag", bad)).as(bad)
                    .hasMessage("--lag takes a number and a unit, such as 15m, 1h or 1d: '" + bad + "'");
        }
        assertThatThrownBy(() -> Durations.parse("--lag", null)).hasMessageContaining("--lag takes a number");
    }
}
