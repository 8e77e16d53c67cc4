package dev.unravel.sigma;

import static dev.unravel.sigma.Rules.PROC;
import static dev.unravel.sigma.Rules.doc;
import static dev.unravel.sigma.Rules.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The profile counts what a session does, rule by rule: how often each rule is let through and
 * evaluated, how often it matches, and why it was looked at; its times are never negative, and
 * rules and logsources come costliest first.
 */
class RuleProfileTest {

    private static final String RULES = """
            title: No literal at all
            id: 00000000-0000-4000-8000-000000000001
            logsource: {product: windows, category: process_creation}
            detection:
                sel:
                    Image|fieldref: ParentImage
                condition: not sel
            ---
            title: A literal
            id: 00000000-0000-4000-8000-000000000002
            logsource: {product: windows, category: process_creation}
            detection:
                sel:
                    CommandLine|contains: 'powershell'
                condition: sel
            ---
            title: Only a short literal
            id: 00000000-0000-4000-8000-000000000003
            logsource: {product: windows, category: process_creation}
            detection:
                sel:
                    CommandLine|contains: '~1\\'
                condition: sel
            ---
            title: A pair no value holds
            id: 00000000-0000-4000-8000-000000000006
            logsource: {product: windows, category: process_creation}
            detection:
                sel:
                    CommandLine|contains: '  '
                condition: sel
            ---
            title: Two clauses
            id: 00000000-0000-4000-8000-000000000004
            logsource: {product: windows, category: process_creation}
            detection:
                sel:
                    CommandLine|contains: 'powershell'
                    Image|endswith: '\\cmd.exe'
                condition: sel
            ---
            title: Another logsource
            id: 00000000-0000-4000-8000-000000000005
            logsource: {product: windows, category: file_event}
            detection:
                sel:
                    TargetFilename|endswith: '.ps1'
                condition: sel
            """;

    private static List<Event> events() {
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String cmd = i < 3 ? "powershell -nop -c whoami" : i == 3 ? "type C:\\PROGRA~1\\x.txt" : "whoami /all";
            String image = i == 0 ? "C:\\Windows\\System32\\cmd.exe" : "C:\\Windows\\System32\\whoami.exe";
            out.add(event(PROC, doc("Image", image, "ParentImage", "C:\\Windows\\explorer.exe", "CommandLine", cmd)));
        }
        LogSource files = LogSource.of("windows", "file_event", "sysmon");
        out.add(event(files, doc("TargetFilename", "C:\\Users\\bob\\run.ps1")));
        out.add(event(files, doc("TargetFilename", "C:\\Users\\bob\\notes.txt")));
        return out;
    }

    @Test
    void countsWhatTheSessionDoes_andSaysWhyEachRuleIsLookedAt() {
        RuleSet set = Rules.of(RULES);
        int passes = 3;
        RuleProfile.Result p = RuleProfile.measure(set, events(), passes);
        Map<String, RuleProfile.RuleCost> byTitle = p.rules().stream()
                .collect(Collectors.toMap(c -> c.rule().rule().title(), Function.identity()));

        assertThat(p.events()).isEqualTo(12L * passes);
        RuleProfile.RuleCost none = byTitle.get("No literal at all");
        assertThat(none.reason()).isEqualTo(RuleProfile.Reason.EVERY_EVENT);
        assertThat(none.evaluations()).isEqualTo(10L * passes);
        assertThat(none.matches()).isEqualTo(10L * passes);
        assertThat(none.evaluatedShare()).isEqualTo(1.0);

        RuleProfile.RuleCost literal = byTitle.get("A literal");
        assertThat(literal.reason()).isEqualTo(RuleProfile.Reason.LITERALS);
        assertThat(literal.evaluations()).isEqualTo(3L * passes);
        assertThat(literal.matches()).isEqualTo(3L * passes);
        assertThat(literal.events()).isEqualTo(10L * passes);

        RuleProfile.RuleCost gated = byTitle.get("Only a short literal");
        assertThat(gated.reason()).isEqualTo(RuleProfile.Reason.GATED);
        assertThat(gated.considered()).isEqualTo(10L * passes); // looked at on every event, its gate checked
        assertThat(gated.evaluations()).isEqualTo(1L * passes); // evaluated where a value holds '~'
        assertThat(gated.matches()).isEqualTo(1L * passes);

        // its gate's character (a space) is in every command line, its pair (two spaces) in
        // none: checked on every event, never evaluated, and no time charged to evaluating it
        RuleProfile.RuleCost spared = byTitle.get("A pair no value holds");
        assertThat(spared.reason()).isEqualTo(RuleProfile.Reason.GATED);
        assertThat(spared.considered()).isEqualTo(10L * passes);
        assertThat(spared.evaluations()).isZero();
        assertThat(spared.evalNanos()).isZero();

        // activated by one clause on three events, stopped by the other on two of them
        RuleProfile.RuleCost two = byTitle.get("Two clauses");
        assertThat(two.considered()).isEqualTo(3L * passes);
        assertThat(two.evaluations()).isEqualTo(1L * passes);
        assertThat(two.matches()).isEqualTo(1L * passes);

        RuleProfile.RuleCost other = byTitle.get("Another logsource");
        assertThat(other.logSource().category()).isEqualTo("file_event");
        assertThat(other.events()).isEqualTo(2L * passes);
        assertThat(other.matches()).isEqualTo(1L * passes);

        assertThat(p.sources()).hasSize(2);
        assertThat(p.sources()).extracting(RuleProfile.SourceCost::events)
                .containsExactlyInAnyOrder(10L * passes, 2L * passes);
        assertThat(p.sources()).allSatisfy(s -> {
            assertThat(s.scanNanos()).isNotNegative();
            assertThat(s.ruleNanos()).isNotNegative();
        });
        assertThat(p.rules()).allSatisfy(c -> {
            assertThat(c.nanos()).isNotNegative();
            assertThat(c.evalNanos()).isNotNegative();
        });
        assertThat(p.evalNanos()).isEqualTo(p.rules().stream().mapToDouble(RuleProfile.RuleCost::evalNanos).sum());
        assertThat(p.evalNanos()).isPositive(); // rules were evaluated
        assertThat(p.rules()).isSortedAccordingTo((a, b) -> Double.compare(b.nanos(), a.nanos()));
        assertThat(p.sources()).isSortedAccordingTo((a, b) -> Double.compare(b.nanos(), a.nanos()));
        assertThat(p.timerNanos()).isPositive();
    }

    @Test
    void theProfileMatchesWhatTheSessionMatches() {
        RuleSet set = Rules.of(RULES);
        SigmaSession session = set.newSession();
        long expected = 0;
        for (Event e : events()) {
            expected += session.count(e);
        }
        RuleProfile.Result p = RuleProfile.measure(set, events(), 2);
        assertThat(p.rules().stream().mapToLong(RuleProfile.RuleCost::matches).sum()).isEqualTo(2 * expected);
        assertThat(p.rules().stream().mapToLong(RuleProfile.RuleCost::evaluations).sum())
                .isEqualTo(2 * session.evaluated());
    }

    @Test
    void atLeastOnePassIsNeeded() {
        assertThatThrownBy(() -> RuleProfile.measure(Rules.of(RULES), events(), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("passes");
    }
}
