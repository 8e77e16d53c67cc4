package dev.unravel.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepeatedLogsTest {

    private static Event signIn(String at, String file, String uuid, String ip) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("uuid", uuid);
        doc.put("eventType", "user.session.start");
        doc.put("client", Map.of("ipAddress", ip));
        return new Event(Instant.parse(at), "okta", "user.session.start", LogSource.NONE, "dana@example.com", null, ip,
                doc, new EventRef(file, 1));
    }

    @Test
    void aCopyAtTheSameInstant_fromAnotherFile_isRepeated_andEventsThatDifferAreNot() {
        RepeatedLogs seen = new RepeatedLogs();
        assertThat(seen.repeated(signIn("2026-03-02T09:00:00.120Z", "a/okta.ndjson", "u1", "203.0.113.7"))).isFalse();
        assertThat(seen.repeated(signIn("2026-03-02T09:00:00.120Z", "a/okta.ndjson", "u2", "203.0.113.7")))
                .as("another record of the same instant (its own id)").isFalse();
        assertThat(seen.repeated(signIn("2026-03-02T09:00:00.120Z", "b/okta.ndjson", "u1", "203.0.113.7")))
                .as("the first, read from the other copy").isTrue();
        assertThat(seen.repeated(signIn("2026-03-02T09:00:00.120Z", "b/okta.ndjson", "u2", "203.0.113.7"))).isTrue();
        assertThat(seen.repeated(signIn("2026-03-02T09:00:00.120Z", "b/okta.ndjson", "u2", "198.51.100.1")))
                .as("a field differs").isFalse();
        assertThat(seen.repeated(signIn("2026-03-02T09:00:00.121Z", "a/okta.ndjson", "u3", "203.0.113.7"))).isFalse();
        assertThat(seen.repeated(signIn("2026-03-02T09:00:00.121Z", "b/okta.ndjson", "u3", "203.0.113.7")))
                .as("an instant's only other event").isTrue();
        assertThat(seen.repeated(signIn("2026-03-02T09:00:00.120Z", "c/okta.ndjson", "u1", "203.0.113.7")))
                .as("a copy after the time moved on is not recognised").isFalse();
        assertThat(seen.repeated()).isEqualTo(3);
    }
}
