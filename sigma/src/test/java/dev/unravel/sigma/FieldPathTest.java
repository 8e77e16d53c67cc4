package dev.unravel.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.sigma.match.FieldPath;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The sigma module's field lookup agrees with core's {@link Event#field}, and tells missing from null. */
class FieldPathTest {

    @Test
    void lookup_agreesWithEventField_onNestedDottedAndIndexedPaths() {
        Map<String, Object> doc = new HashMap<>();
        doc.put("client", Map.of("ipAddress", "203.0.113.7", "geo", Map.of("country", "KP")));
        doc.put("id.orig_h", "10.0.0.5");
        doc.put("id", Map.of("orig_h", "other", "resp_h", "10.0.0.9"));
        doc.put("target", List.of(Map.of("id", "t0"), Map.of("id", "t1")));
        Event e = Rules.event(Rules.PROC, doc);
        for (String path : List.of("client.ipAddress", "client.geo.country", "id.orig_h", "id.resp_h", "target.1.id",
                "target.7.id", "client.missing", "nothing")) {
            Object mine = FieldPath.lookup(doc, path);
            assertThat(mine == FieldPath.MISSING ? null : mine).as(path).isEqualTo(e.field(path));
        }
    }

    @Test
    void lookup_tellsMissingFromNull() {
        Map<String, Object> doc = new HashMap<>();
        doc.put("present", null);
        assertThat(FieldPath.lookup(doc, "present")).isNull();
        assertThat(FieldPath.lookup(doc, "absent")).isSameAs(FieldPath.MISSING);
    }

    @Test
    void envelopePaths_readTheTypedParts() {
        Event e = new Event(java.time.Instant.parse("2026-03-02T14:00:00Z"), "okta", "user.session.start",
                dev.unravel.core.LogSource.of("okta", null, "okta"), "a@example.com", "pc1", "203.0.113.7",
                Map.of(), null);
        assertThat(new FieldPath("user", List.of("$user")).resolve(e)).isEqualTo("a@example.com");
        assertThat(new FieldPath("ip", List.of("$sourceIp")).resolve(e)).isEqualTo("203.0.113.7");
        assertThat(new FieldPath("svc", List.of("$service")).resolve(e)).isEqualTo("okta");
        assertThat(new FieldPath("cat", List.of("$category")).resolve(e)).isSameAs(FieldPath.MISSING);
    }
}
