package dev.unravel.detect.steal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** An internal address is read as its last device's for twelve hours either side, to the nanosecond. */
class AddressLeaseTest {

    @Test
    void heldAt_isTwelveHoursEitherSide_inclusive() {
        Instant seen = Instant.parse("2026-03-02T10:15:30.250Z");
        CloudUploadDetector.Lease l = new CloudUploadDetector.Lease();
        l.seen("LAPTOP-1", seen);
        Duration lease = CloudUploadDetector.ADDRESS_LEASE;
        assertThat(l.host).isEqualTo("LAPTOP-1");
        assertThat(l.heldAt(seen)).isTrue();
        assertThat(l.heldAt(seen.plus(lease))).isTrue();
        assertThat(l.heldAt(seen.plus(lease).plusNanos(1))).isFalse();
        assertThat(l.heldAt(seen.minus(lease))).isTrue();
        assertThat(l.heldAt(seen.minus(lease).minusNanos(1))).isFalse();
        assertThat(l.heldAt(seen.plusNanos(999_999_999))).isTrue();
        assertThat(l.heldAt(seen.minus(lease).plusNanos(1))).isTrue();
        assertThat(l.heldAt(seen.plus(Duration.ofDays(3)))).isFalse();
        assertThat(l.heldAt(seen.minus(Duration.ofDays(3)))).isFalse();
        // the same answers as the Duration arithmetic it replaced, around every boundary
        for (long d = -3; d <= 3; d++) {
            for (Instant t : new Instant[] {seen.plus(lease).plusNanos(d), seen.minus(lease).plusNanos(d),
                    seen.plusSeconds(d), seen.plus(lease).plusSeconds(d)}) {
                assertThat(l.heldAt(t)).as("%s", t)
                        .isEqualTo(Duration.between(seen, t).abs().compareTo(lease) <= 0);
            }
        }
    }
}
