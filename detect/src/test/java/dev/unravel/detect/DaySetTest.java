package dev.unravel.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DaySetTest {

    @Test
    void daysInAnyOrder_countOnce_asAHashSetWouldHaveThem() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            DaySet days = new DaySet();
            Set<Long> expected = new HashSet<>();
            long start = 20_500 + random.nextInt(100);
            for (int i = 0; i < 80; i++) {
                // mostly forward, some earlier (a reordered event), a few far apart
                long day = start + (random.nextInt(10) == 0 ? -random.nextInt(200) : random.nextInt(400));
                assertThat(days.add(day)).isEqualTo(expected.add(day));
            }
            assertThat(days.size()).isEqualTo(expected.size());
            for (long d = start - 210; d < start + 410; d++) {
                assertThat(days.contains(d)).as("day %d", d).isEqualTo(expected.contains(d));
            }
        }
        assertThat(new DaySet().contains(20_500)).isFalse();
    }

    /** A day centuries off (a broken clock, a hostile file) does not fit, and is refused rather than grown to. */
    @Test
    void daysOutside1990To2099_doNotFit() {
        assertThat(DaySet.fits(DaySet.FIRST_DAY)).isTrue();
        assertThat(DaySet.fits(DaySet.LAST_DAY)).isTrue();
        assertThat(DaySet.fits(DaySet.FIRST_DAY - 1)).as("1989").isFalse();
        assertThat(DaySet.fits(2_932_896)).as("the year 9999").isFalse();
        DaySet days = new DaySet();
        days.add(20_500);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> days.add(2_932_896))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(days.size()).isEqualTo(1);
    }
}
