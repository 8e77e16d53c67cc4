package dev.unravel.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTest {

    private static Event event(Map<String, Object> document) {
        return new Event(Instant.parse("2026-03-02T14:00:00Z"), "okta", "user.session.start",
                LogSource.of("okta", null, "okta"), "a@example.com", null, "203.0.113.7", document,
                new EventRef("okta/system-log.ndjson", 1));
    }

    @Test
    void envelope_keepsEverythingButTheDocument() {
        Event e = event(Map.of("client", Map.of("ipAddress", "203.0.113.7")));
        Event kept = e.envelope();
        assertThat(kept.document()).isEmpty();
        assertThat(kept).usingRecursiveComparison().ignoringFields("document").isEqualTo(e);
        assertThat(kept.envelope()).isSameAs(kept);
    }

    @Test
    void field_nestedPath_isFound() {
        Event e = event(Map.of("client", Map.of("ipAddress", "203.0.113.7")));
        assertThat(e.field("client.ipAddress")).isEqualTo("203.0.113.7");
        assertThat(e.field("client.missing")).isNull();
    }

    @Test
    void field_keyContainingDots_winsOverSplitting() {
        Event e = event(Map.of("id.orig_h", "10.0.0.5", "id", Map.of("orig_h", "other")));
        assertThat(e.field("id.orig_h")).isEqualTo("10.0.0.5");
    }

    @Test
    void field_listIndex_isFound() {
        Event e = event(Map.of("target", List.of(Map.of("id", "t0"), Map.of("id", "t1"))));
        assertThat(e.field("target.1.id")).isEqualTo("t1");
        assertThat(e.field("target.1")).isEqualTo(Map.of("id", "t1"));
        assertThat(e.field("target.7.id")).isNull();
        assertThat(e.field("target.x.id")).isNull();
    }

    @Test
    void logSource_covers_onlyWhatItSets() {
        LogSource rule = LogSource.of("windows", "process_creation", null);
        assertThat(rule.covers(LogSource.of("windows", "process_creation", "sysmon"))).isTrue();
        assertThat(rule.covers(LogSource.of("windows", "network_connection", "sysmon"))).isFalse();
        assertThat(LogSource.NONE.covers(LogSource.of("okta", null, "okta"))).isTrue();
    }

    @Test
    void signal_withoutEvidence_isRejected() {
        assertThatThrownBy(() -> new Signal(EntityRef.worker("E1"), Instant.EPOCH, "d", Stage.ACCESS, null, 0.5,
                List.of(), "x")).hasMessageContaining("evidence");
    }

    @Test
    void signal_strengthOutsideUnitInterval_isRejected() {
        assertThatThrownBy(() -> new Signal(EntityRef.worker("E1"), Instant.EPOCH, "d", Stage.ACCESS, null, 1.5,
                List.of(new EventRef("f", 1)), "x")).hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> new Signal(EntityRef.worker("E1"), Instant.EPOCH, "d", Stage.ACCESS, null, Double.NaN,
                List.of(new EventRef("f", 1)), "x")).hasMessageContaining("[0, 1]");
    }

    @Test
    void eventRef_recordNumbersStartAtOne() {
        assertThatThrownBy(() -> new EventRef("f", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
