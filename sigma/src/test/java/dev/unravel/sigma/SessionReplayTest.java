package dev.unravel.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Matching on one session and explaining on another ({@link SigmaSession#matches} then
 * {@link SigmaSession#replay}, as a scan does across its reader threads and its detection thread)
 * gives what {@link SigmaSession#process} gives on one: the same matches, explanations and
 * correlations, in the same order.
 */
class SessionReplayTest {
    private static final LogSource SECURITY = LogSource.of("windows", null, "security");
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    /** Several rules per event, one reporting only through a correlation, one keyword rule. */
    private static final String RULES = """
            title: Failed login
            id: 00000000-0000-4000-8000-000000000001
            name: failed_login
            logsource: {product: windows, service: security}
            detection:
                selection:
                    EventID: 4625
                condition: selection
            ---
            title: Any login event
            id: 00000000-0000-4000-8000-000000000002
            logsource: {product: windows, service: security}
            detection:
                selection:
                    EventID: [4624, 4625]
                condition: selection
            ---
            title: Admin account named
            id: 00000000-0000-4000-8000-000000000003
            logsource: {product: windows, service: security}
            detection:
                keywords:
                    - 'administrator'
                condition: keywords
            ---
            title: Successful login
            id: 00000000-0000-4000-8000-000000000004
            name: successful_login
            logsource: {product: windows, service: security}
            detection:
                selection:
                    EventID: 4624
                condition: selection
            ---
            title: Three failures
            id: 00000000-0000-4000-8000-000000000005
            correlation:
                type: event_count
                rules: [failed_login]
                group-by: [User]
                timespan: 1m
                condition: {gte: 3}
            ---
            title: Failure then success
            id: 00000000-0000-4000-8000-000000000006
            correlation:
                type: temporal_ordered
                rules: [failed_login, successful_login]
                group-by: [User]
                timespan: 5m
                generate: true
            """;

    @Test
    void matchesOnOneSessionReplayedOnAnotherEqualsProcessOnOne() {
        RuleSet rules = Rules.of(RULES);
        assertThat(rules.report().errors()).isEmpty();
        Random random = new Random(7);
        String[] users = {"alice", "bob", "administrator"};
        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long id = random.nextInt(4) == 0 ? 4624L : random.nextInt(3) == 0 ? 4688L : 4625L;
            events.add(Rules.event(SECURITY, Rules.doc("EventID", id, "User", users[random.nextInt(users.length)]),
                    T0.plusSeconds(i * 7L), i + 1));
        }
        SigmaSession one = rules.newSession();
        SigmaSession matching = rules.newSession();
        SigmaSession explaining = rules.newSession();
        int withMatches = 0;
        int correlationMatches = 0;
        for (Event e : events) {
            List<SigmaMatch> expected = one.process(e);
            int[] found = matching.matches(e);
            if (found != null) {
                withMatches++;
            }
            List<SigmaMatch> replayed = explaining.replay(e, found);
            assertThat(replayed).as("event %s", e.origin()).isEqualTo(expected);
            correlationMatches += (int) expected.stream().filter(m -> m.kind() == SigmaMatch.Kind.CORRELATION).count();
        }
        assertThat(withMatches).isGreaterThan(300);
        assertThat(correlationMatches).isGreaterThan(10);
        assertThat(matching.matches(Rules.event(SECURITY, Rules.doc("EventID", 1L, "User", "x"))))
                .as("nothing matches").isNull();
    }
}
