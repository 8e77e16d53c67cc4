package dev.unravel.sigma;

import static dev.unravel.sigma.Rules.PROC;
import static dev.unravel.sigma.Rules.doc;
import static dev.unravel.sigma.Rules.event;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule keyed on an integer a field must equal ({@code EventID: 4624}) is evaluated only on
 * events whose value is that integer — or a value the number test might accept that is not an
 * integer (a string, a decimal), where the rule decides — and matches exactly as before.
 */
class NumberDispatchTest {

    private static final String RULE = """
            sel:
                EventID:
                    - 4624
                    - 4625
            condition: sel""";

    @Test
    void integerValues_areDispatched_andOthersLeftToTheRule() {
        RuleSet r = Rules.detection(RULE);
        SigmaSession s = r.newSession();
        assertThat(s.count(event(PROC, doc("EventID", 4624L)))).isEqualTo(1);
        assertThat(s.count(event(PROC, doc("EventID", 4625)))).isEqualTo(1);
        assertThat(s.count(event(PROC, doc("EventID", (short) 4624)))).isEqualTo(1);
        assertThat(s.evaluated()).isEqualTo(3);
        // other integers, a missing field, null, a map: not evaluated at all
        assertThat(s.count(event(PROC, doc("EventID", 4688L)))).isZero();
        assertThat(s.count(event(PROC, doc("Other", 4624L)))).isZero();
        assertThat(s.count(event(PROC, doc("EventID", java.util.Map.of("n", 4624L))))).isZero();
        assertThat(s.evaluated()).isEqualTo(3);
        // values a number test reads otherwise: evaluated, and the test decides
        assertThat(s.count(event(PROC, doc("EventID", "4624")))).isEqualTo(1);
        assertThat(s.count(event(PROC, doc("EventID", " 4625 ")))).isEqualTo(1);
        assertThat(s.count(event(PROC, doc("EventID", 4624.0)))).isEqualTo(1);
        assertThat(s.count(event(PROC, doc("EventID", BigInteger.valueOf(4624))))).isEqualTo(1);
        assertThat(s.count(event(PROC, doc("EventID", "4688")))).isZero();
        assertThat(s.evaluated()).isEqualTo(8);
        // a list: any element
        assertThat(s.count(event(PROC, doc("EventID", List.of(1L, 4625L))))).isEqualTo(1);
        assertThat(s.count(event(PROC, doc("EventID", List.of(1L, 2L))))).isZero();
        assertThat(s.evaluated()).isEqualTo(9);
    }

    @Test
    void ruleTextThatLooksLikeTheMarker_isAPlainLiteral() {
        RuleSet r = Rules.detection("""
                sel:
                    CommandLine|contains:
                        - 'NUMBER=4624'
                        - "\\x01abcd"
                condition: sel""");
        SigmaSession s = r.newSession();
        assertThat(s.count(event(PROC, doc("CommandLine", "x number=4624 y")))).isEqualTo(1);
        assertThat(s.count(event(PROC, doc("CommandLine", "x \u0001ABCD y")))).isEqualTo(1);
        assertThat(s.count(event(PROC, doc("CommandLine", "4624")))).isZero();
    }

    @Test
    void aNumberRequirement_guardsATextLiteral_andWithoutItTheRuleIsNotDispatched() {
        RuleSet both = Rules.detection("""
                sel:
                    EventID: 4688
                    CommandLine|contains: 'whoami /all'
                condition: sel""");
        SigmaSession s = both.newSession();
        assertThat(s.count(event(PROC, doc("EventID", 4688L, "CommandLine", "cmd /c WHOAMI /ALL")))).isEqualTo(1);
        assertThat(s.count(event(PROC, doc("EventID", 4689L, "CommandLine", "cmd /c whoami /all")))).isZero();
        assertThat(s.count(event(PROC, doc("EventID", 4688L, "CommandLine", "cmd /c dir")))).isZero();
        assertThat(s.evaluated()).isEqualTo(1);

        // negated, or not an integer: no dispatch, the rule is evaluated on every event
        for (String detection : List.of("""
                sel:
                    EventID|neq: 4688
                condition: sel""", """
                sel:
                    EventID: 4688
                condition: not sel""", """
                sel:
                    Level: 2.5
                condition: sel""")) {
            SigmaSession every = Rules.detection(detection).newSession();
            every.count(event(PROC, doc("EventID", 1L)));
            assertThat(every.evaluated()).as(detection).isEqualTo(1);
        }
    }
}
