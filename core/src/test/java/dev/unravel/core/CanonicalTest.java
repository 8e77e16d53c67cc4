package dev.unravel.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalTest {

    @Test
    void equalLabels_shareOneInstance() {
        String a = new String("user.session.start");
        String b = new String("user.session.start");
        assertThat(Canonical.label(a)).isSameAs(Canonical.label(b)).isEqualTo("user.session.start");
        assertThat(Canonical.label(null)).isNull();
    }

    @Test
    void longValues_passThroughUnshared() {
        String longValue = "x".repeat(Canonical.MAX_LENGTH + 1);
        String copy = new String(longValue);
        assertThat(Canonical.label(longValue)).isSameAs(longValue);
        assertThat(Canonical.label(copy)).isSameAs(copy);
    }

    @Test
    void events_carryCanonicalTypeAndSource() {
        Event one = new Event(Instant.EPOCH, new String("okta"), new String("user.session.start"), null, null, null,
                null, Map.of(), null);
        Event two = new Event(Instant.EPOCH, new String("okta"), new String("user.session.start"), null, null, null,
                null, Map.of(), null);
        assertThat(one.type()).isSameAs(two.type());
        assertThat(one.source()).isSameAs(two.source());
    }
}
