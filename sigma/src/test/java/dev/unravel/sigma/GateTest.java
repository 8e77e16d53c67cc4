package dev.unravel.sigma;

import static dev.unravel.sigma.Rules.PROC;
import static dev.unravel.sigma.Rules.doc;
import static dev.unravel.sigma.Rules.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.sigma.match.Bucket;
import dev.unravel.sigma.match.EventContext;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A rule the prefilter cannot activate is evaluated only on values holding a character it needs
 * (its gate); the gate never turns away a value the rule matches, whatever the case, non-ASCII
 * look-alikes (KELVIN SIGN lower-cases to k) or the value's type.
 */
class GateTest {

    private static final List<String> DETECTIONS = List.of("""
            sel:
                CommandLine|contains: '~1\\'
            condition: sel""", """
            sel:
                CommandLine|contains|all:
                    - '^'
                    - ';'
            condition: sel""", """
            sel:
                CommandLine|re: '\\w+`\\w+'
            condition: sel""", """
            sel:
                Image|endswith: 'k'
            condition: sel""", """
            sel:
                CommandLine|contains:
                    - '^^'
                    - ',;,'
                    - '%c'
            condition: sel""", """
            a:
                Image|contains: '~'
            b:
                CommandLine|contains: '^'
            condition: a or b""", """
            sel:
                CommandLine|contains: '~'
            condition: not sel""", """
            sel:
                CommandLine|re: '(?i)(?:set).*&&\\s?set'
            condition: sel""", """
            sel:
                CommandLine|re: '\\\\[a-zA-Z0-9]{1,32}\\.[a-zA-Z0-9]{1,6}\\.[ "'']{1}'
            condition: sel""", """
            sel:
                CommandLine|contains:
                    - 'c^m'
                    - '^c'
                    - 's^e'
            condition: sel""", """
            sel:
                CommandLine|contains|all:
                    - '.^'
                    - 'k;'
            condition: sel""");

    private static final String ALPHABET = "ab~1\\^;,%cCkK`_ \u212A\u017F\u0130xseTS&.\"'mMd";

    @Test
    void gatedRules_matchExactlyAsWhenEveryRuleIsEvaluated() {
        Random rnd = new Random(3);
        for (String detection : DETECTIONS) {
            RuleSet r = Rules.detection(detection);
            SigmaSession s = r.newSession();
            for (int i = 0; i < 3_000; i++) {
                Object image = rnd.nextInt(10) == 0 ? List.of(ScanText.random(rnd, ALPHABET, 6))
                        : rnd.nextInt(10) == 0 ? 42L : ScanText.random(rnd, ALPHABET, rnd.nextInt(8));
                Map<String, Object> d = rnd.nextInt(20) == 0 ? doc("Image", image)
                        : doc("Image", image, "CommandLine", ScanText.random(rnd, ALPHABET, rnd.nextInt(12)));
                Event e = event(PROC, d);
                EventContext ctx = new EventContext(r.paths());
                ctx.reset(e);
                Bucket b = r.bucket(PROC);
                boolean exhaustive = b.programs()[0].eval(ctx);
                assertThat(s.count(e) == 1).as("%s on %s", detection, d).isEqualTo(exhaustive);
            }
        }
    }

    @Test
    void aPairGate_sparesValuesThatHoldTheCharacterButNotBesideWhatTheRuleNeeds() {
        // Raspberry Robin: a dot followed by a space or a quote, not just a dot.
        SigmaSession robin = Rules.detection(DETECTIONS.get(8)).newSession();
        robin.count(event(PROC, doc("CommandLine", "C:\\Windows\\System32\\cmd.exe /c dir x.txt")));
        assertThat(robin.evaluated()).isZero();
        assertThat(robin.count(event(PROC, doc("CommandLine", "odbcconf /a {regsvr C:\\x\\a.b.\" x}")))).isEqualTo(1);
        assertThat(robin.evaluated()).isEqualTo(1);

        // Too short for the prefilter: letters beside a caret, in either case, or a character
        // past ASCII next to one (it may lower-case to a letter).
        SigmaSession caret = Rules.detection(DETECTIONS.get(9)).newSession();
        caret.count(event(PROC, doc("CommandLine", "cmd /c echo %PATH% ^ x")));
        assertThat(caret.evaluated()).isZero();
        assertThat(caret.count(event(PROC, doc("CommandLine", "x C^MD /c")))).isEqualTo(1);
        assertThat(caret.count(event(PROC, doc("CommandLine", "x \u0130^ /c")))).isZero(); // evaluated, no match
        assertThat(caret.evaluated()).isEqualTo(2);
    }

    @Test
    void aGate_spareRulesTheValuesThatLackItsCharacters_andNegationsAndMixedFieldsHaveNone() {
        SigmaSession shortName = Rules.detection(DETECTIONS.get(0)).newSession();
        assertThat(shortName.count(event(PROC, doc("CommandLine", "C:\\PROGRA~1\\x.exe")))).isEqualTo(1);
        shortName.count(event(PROC, doc("CommandLine", "C:\\Program Files\\x.exe")));
        shortName.count(event(PROC, doc("Image", "C:\\x.exe")));
        assertThat(shortName.evaluated()).isEqualTo(1);

        SigmaSession kelvin = Rules.detection(DETECTIONS.get(3)).newSession();
        assertThat(kelvin.count(event(PROC, doc("Image", "C:\\WOR\u212A")))).isEqualTo(1);

        for (int k : new int[] {5, 6}) {
            SigmaSession none = Rules.detection(DETECTIONS.get(k)).newSession();
            none.count(event(PROC, doc("Image", "x", "CommandLine", "y")));
            assertThat(none.evaluated()).as(DETECTIONS.get(k)).isEqualTo(1);
        }
    }

    @Test
    void aGate_isTheRarestCharacterTheRuleNeeds_notTheFewestBits() {
        // Invoke-Obfuscation Via Stdin: "set" (any case) and "&" are both needed; nearly every
        // command line has an s or a t, few have an ampersand.
        SigmaSession stdin = Rules.detection(DETECTIONS.get(7)).newSession();
        stdin.count(event(PROC, doc("CommandLine", "C:\\Windows\\System32\\setx.exe PATH x")));
        assertThat(stdin.evaluated()).isZero();
        assertThat(stdin.count(event(PROC, doc("CommandLine", "cmd /c SET a=b&& set x")))).isEqualTo(1);
        assertThat(stdin.evaluated()).isEqualTo(1);
    }
}
