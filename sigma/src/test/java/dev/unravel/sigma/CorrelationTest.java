package dev.unravel.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.sigma.correlate.CorrelationLimits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Correlation semantics on event sequences taken from the correlation specification's examples. */
class CorrelationTest {
    private static final LogSource SECURITY = LogSource.of("windows", null, "security");
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static final String FAILED = """
            title: Single failed login
            id: 53ba33fd-3a50-4468-a5ef-c583635cfa92
            name: failed_login
            logsource: {product: windows, service: security}
            detection:
                selection:
                    EventID: [529, 4625]
                condition: selection
            """;
    private static final String SUCCESS = """
            title: Successful login
            id: 4d0a2c83-c62c-4ed4-b475-c7e23a9269b8
            name: successful_login
            logsource: {product: windows, service: security}
            detection:
                selection:
                    EventID: [528, 4624]
                condition: selection
            """;

    private static int record;

    private static Event ev(int seconds, Object... kv) {
        return Rules.event(SECURITY, Rules.doc(kv), T0.plusSeconds(seconds), ++record);
    }

    private static List<SigmaMatch> run(RuleSet r, Event... events) {
        assertThat(r.report().errors()).isEmpty();
        SigmaSession s = r.newSession();
        List<SigmaMatch> out = new ArrayList<>();
        for (Event e : events) {
            out.addAll(s.process(e));
        }
        return out;
    }

    private static List<SigmaMatch> correlations(List<SigmaMatch> all) {
        return all.stream().filter(m -> m.kind() == SigmaMatch.Kind.CORRELATION).toList();
    }

    @Test
    void eventCount_firesAtThreshold_withinTheWindow_perGroup() {
        RuleSet r = Rules.of(FAILED + """
                ---
                title: Many failed logins
                correlation:
                    type: event_count
                    rules: [failed_login]
                    group-by: [User]
                    timespan: 1m
                    condition:
                        gte: 3
                """);
        List<SigmaMatch> m = correlations(run(r,
                ev(0, "EventID", 4625L, "User", "alice"),
                ev(10, "EventID", 4625L, "User", "bob"),
                ev(20, "EventID", 4625L, "User", "alice"),
                ev(30, "EventID", 4625L, "User", "bob"),
                ev(60, "EventID", 4625L, "User", "alice"),   // t0+60s: window [0, 60] holds 3 for alice
                ev(100, "EventID", 4625L, "User", "bob")));  // bob's first is out of [40, 100]
        assertThat(m).singleElement().satisfies(x -> {
            assertThat(x.fields()).containsEntry("User", "alice").containsEntry("count", 3L);
            assertThat(x.events()).hasSize(3);
            assertThat(x.time()).isEqualTo(T0.plusSeconds(60));
        });
    }

    @Test
    void eventCount_windowEdge_isInclusive_andOneSecondLaterIsOut() {
        String corr = """
                ---
                title: Two failures
                correlation:
                    type: event_count
                    rules: [failed_login]
                    group-by: [User]
                    timespan: 10s
                    condition: {gte: 2}
                """;
        RuleSet r = Rules.of(FAILED + corr);
        assertThat(correlations(run(r, ev(0, "EventID", 4625L, "User", "a"), ev(10, "EventID", 4625L, "User", "a"))))
                .hasSize(1);
        assertThat(correlations(run(r, ev(0, "EventID", 4625L, "User", "a"), ev(11, "EventID", 4625L, "User", "a"))))
                .isEmpty();
    }

    @Test
    void valueCount_countsDistinctValuesPerGroup() {
        RuleSet r = Rules.of(FAILED + """
                ---
                title: Password spraying
                correlation:
                    type: value_count
                    rules: [failed_login]
                    group-by: [IpAddress]
                    timespan: 1h
                    condition:
                        field: User
                        gte: 3
                """);
        List<SigmaMatch> m = correlations(run(r,
                ev(0, "EventID", 4625L, "IpAddress", "203.0.113.7", "User", "a"),
                ev(1, "EventID", 4625L, "IpAddress", "203.0.113.7", "User", "a"),
                ev(2, "EventID", 4625L, "IpAddress", "203.0.113.7", "User", "b"),
                ev(3, "EventID", 4625L, "IpAddress", "198.51.100.1", "User", "c"),
                ev(4, "EventID", 4625L, "IpAddress", "203.0.113.7", "User", "c")));
        assertThat(m).singleElement().satisfies(x -> assertThat(x.fields())
                .containsEntry("IpAddress", "203.0.113.7").containsEntry("distinct", 3L));
    }

    @Test
    void temporal_needsEveryRuleInTheWindow_inAnyOrder() {
        RuleSet r = Rules.of(FAILED + "---\n" + SUCCESS + """
                ---
                title: Failure and success
                correlation:
                    type: temporal
                    rules: [failed_login, successful_login]
                    group-by: [User]
                    timespan: 5m
                """);
        assertThat(correlations(run(r, ev(0, "EventID", 4624L, "User", "a"), ev(60, "EventID", 4625L, "User", "a"))))
                .hasSize(1);
        assertThat(correlations(run(r, ev(0, "EventID", 4624L, "User", "a"), ev(400, "EventID", 4625L, "User", "a"))))
                .isEmpty();
        assertThat(correlations(run(r, ev(0, "EventID", 4624L, "User", "a"), ev(60, "EventID", 4625L, "User", "b"))))
                .isEmpty();
    }

    @Test
    void temporalOrdered_needsTheRulesInOrder() {
        RuleSet r = Rules.of(FAILED + "---\n" + SUCCESS + """
                ---
                title: Failure then success
                correlation:
                    type: temporal_ordered
                    rules: [failed_login, successful_login]
                    group-by: [User]
                    timespan: 5m
                """);
        assertThat(correlations(run(r, ev(0, "EventID", 4625L, "User", "a"), ev(60, "EventID", 4624L, "User", "a"))))
                .hasSize(1);
        assertThat(correlations(run(r, ev(0, "EventID", 4624L, "User", "a"), ev(60, "EventID", 4625L, "User", "a"))))
                .isEmpty();
    }

    @Test
    void specExample_manyFailedLoginsFollowedBySuccess_chainsCorrelations_andHidesBaseRules() {
        RuleSet r = Rules.of("""
                title: Correlation - Multiple Failed Logins Followed by Successful Login
                id: b180ead8-d58f-40b2-ae54-c8940995b9b6
                correlation:
                    type: temporal_ordered
                    rules:
                        - multiple_failed_login
                        - successful_login
                    group-by:
                        - User
                    timespan: 10m
                level: high
                ---
                title: Multiple failed logons
                id: a8418a5a-5fc4-46b5-b23b-6c73beb19d41
                name: multiple_failed_login
                correlation:
                    type: event_count
                    rules:
                        - failed_login
                    group-by:
                        - User
                    timespan: 10m
                    condition:
                        gte: 10
                ---
                """ + FAILED + "---\n" + SUCCESS);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            events.add(ev(i * 10, "EventID", 4625L, "User", "mallory"));
        }
        events.add(ev(200, "EventID", 4624L, "User", "mallory"));
        events.add(ev(210, "EventID", 4624L, "User", "bob"));
        List<SigmaMatch> all = run(r, events.toArray(Event[]::new));
        // generate is false: neither the single-event rules nor the inner correlation report.
        assertThat(all).singleElement().satisfies(m -> {
            assertThat(m.ruleId()).isEqualTo("b180ead8-d58f-40b2-ae54-c8940995b9b6");
            assertThat(m.level()).isEqualTo("high");
            assertThat(m.fields()).containsEntry("User", "mallory");
            assertThat(m.events()).hasSizeGreaterThanOrEqualTo(11);
        });
    }

    @Test
    void generateTrue_keepsTheReferencedRulesReporting() {
        RuleSet r = Rules.of(FAILED + """
                ---
                title: Two failures
                correlation:
                    type: event_count
                    rules: [failed_login]
                    group-by: [User]
                    timespan: 1m
                    condition: {gte: 2}
                    generate: true
                """);
        List<SigmaMatch> all = run(r, ev(0, "EventID", 4625L, "User", "a"), ev(1, "EventID", 4625L, "User", "a"));
        assertThat(all).extracting(SigmaMatch::kind).containsExactly(SigmaMatch.Kind.RULE, SigmaMatch.Kind.RULE,
                SigmaMatch.Kind.CORRELATION);
    }

    @Test
    void aliases_groupDifferentFieldsOfDifferentRules() {
        RuleSet r = Rules.of("""
                title: internal error
                name: internal_error
                logsource: {product: windows, service: security}
                detection:
                    selection:
                        http.response.status_code: 500
                    condition: selection
                ---
                title: new connection
                name: new_network_connection
                logsource: {product: windows, service: security}
                detection:
                    selection:
                        event.category: network
                    condition: selection
                ---
                title: error then connection back
                correlation:
                    type: temporal
                    rules: [internal_error, new_network_connection]
                    group-by: [internal_ip, remote_ip]
                    timespan: 10s
                    aliases:
                        internal_ip:
                            internal_error: destination.ip
                            new_network_connection: source.ip
                        remote_ip:
                            internal_error: source.ip
                            new_network_connection: destination.ip
                """);
        Event error = ev(0, "http.response.status_code", 500L, "destination.ip", "10.0.0.5", "source.ip", "203.0.113.9");
        Event back = ev(5, "event.category", "network", "source.ip", "10.0.0.5", "destination.ip", "203.0.113.9");
        Event other = ev(6, "event.category", "network", "source.ip", "10.0.0.6", "destination.ip", "203.0.113.9");
        assertThat(correlations(run(r, error, back))).singleElement().satisfies(m -> assertThat(m.fields())
                .containsEntry("internal_ip", "10.0.0.5").containsEntry("remote_ip", "203.0.113.9"));
        assertThat(correlations(run(r, error, other))).isEmpty();
    }

    @Test
    void valueSum_valueAvg_valuePercentile() {
        String web = """
                title: web access
                name: website_access
                logsource: {product: windows, service: security}
                detection:
                    selection:
                        EventID: 1
                    condition: selection
                """;
        RuleSet sum = Rules.of(web + """
                ---
                title: Possible Exfiltration to Website
                correlation:
                    type: value_sum
                    rules: [website_access]
                    group-by: [SourceIP, User]
                    timespan: 1h
                    condition:
                        field: bytes_sent
                        gt: 1000000
                """);
        assertThat(correlations(run(sum,
                ev(0, "EventID", 1L, "SourceIP", "10.0.0.1", "User", "u", "bytes_sent", 600_000L),
                ev(10, "EventID", 1L, "SourceIP", "10.0.0.1", "User", "u", "bytes_sent", "500000"))))
                .singleElement().satisfies(m -> assertThat(m.fields()).containsEntry("sum", 1_100_000L));
        RuleSet avg = Rules.of(web + """
                ---
                title: Suspicious average network traffic
                correlation:
                    type: value_avg
                    rules: [website_access]
                    group-by: [User]
                    timespan: 24h
                    condition:
                        field: BytesOut
                        gt: 500
                """);
        assertThat(correlations(run(avg, ev(0, "EventID", 1L, "User", "u", "BytesOut", 400L),
                ev(1, "EventID", 1L, "User", "u", "BytesOut", 700L)))).hasSize(1);
        assertThat(correlations(run(avg, ev(0, "EventID", 1L, "User", "u", "BytesOut", 400L),
                ev(1, "EventID", 1L, "User", "u", "BytesOut", 500L)))).isEmpty();
        RuleSet pct = Rules.of(web + """
                ---
                title: Rare process name on a computer
                correlation:
                    type: value_percentile
                    rules: [website_access]
                    group-by: [ComputerName]
                    timespan: 24h
                    condition:
                        field: Image
                        lte: 20
                """);
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            events.add(ev(i, "EventID", 1L, "ComputerName", "pc", "Image", "chrome.exe"));
        }
        events.add(ev(20, "EventID", 1L, "ComputerName", "pc", "Image", "anydesk.exe"));
        // chrome's share starts at 100% and stays above 20%; anydesk is 1 of 10 = 10%.
        assertThat(correlations(run(pct, events.toArray(Event[]::new)))).singleElement()
                .satisfies(m -> assertThat(m.fields()).containsEntry("percent", 10L));
    }

    @Test
    void state_isBounded_andEvictionsAreCounted() {
        RuleSet r = RuleSet.builder().limits(new CorrelationLimits(2, 10, 4)).text("c.yml", FAILED + """
                ---
                title: Many failed logins
                correlation:
                    type: event_count
                    rules: [failed_login]
                    group-by: [User]
                    timespan: 1h
                    condition: {gte: 100}
                """).build();
        SigmaSession s = r.newSession();
        for (int i = 0; i < 30; i++) {
            s.process(ev(i, "EventID", 4625L, "User", "u" + (i % 3)));
        }
        assertThat(s.correlationStats().groupsEvicted).isGreaterThan(0);
        SigmaSession one = r.newSession();
        for (int i = 0; i < 15; i++) {
            one.process(ev(i, "EventID", 4625L, "User", "same"));
        }
        assertThat(one.correlationStats().entriesDropped).isEqualTo(5);
    }

    @Test
    void unknownReference_isALoadErrorWithClause() {
        RuleSet r = Rules.of("""
                title: dangling
                correlation:
                    type: event_count
                    rules: [no_such_rule]
                    group-by: [User]
                    timespan: 1h
                    condition: {gte: 2}
                """);
        assertThat(r.report().errors()).singleElement().satisfies(e -> assertThat(e.getMessage())
                .contains("no_such_rule").contains("correlation §Related rules"));
    }
}
