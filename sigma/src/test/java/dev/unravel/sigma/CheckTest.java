package dev.unravel.sigma;

import static dev.unravel.sigma.Rules.PROC;
import static dev.unravel.sigma.Rules.doc;
import static dev.unravel.sigma.Rules.event;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.sigma.match.Bucket;
import dev.unravel.sigma.match.EventContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A rule's {@link dev.unravel.sigma.match.Check}s spare evaluations, never a match: a positive
 * check (the start of {@code 7z*.exe}, a whole name, a literal the scan looks for) and a veto
 * (a negated field test whose own literal stands in the value) are answered from the raw text
 * or the scan's findings, or not at all where lower-casing could change the answer.
 */
class CheckTest {

    private static final List<String> DETECTIONS = List.of("""
            sel:
                OriginalFileName:
                    - '7z*.exe'
                    - '*rar.exe'
                    - '*Command*Line*RAR*'
                CommandLine|contains:
                    - ' -p'
                    - ' -hp'
            condition: sel""", """
            filter_path:
                Image|contains: '\\'
            filter_null:
                Image: null
            filter_empty:
                Image:
                    - '-'
                    - ''
            condition: not 1 of filter_*""", """
            ext:
                Image|endswith:
                    - '.exe'
                    - '.com'
                    - '.k'
            filter:
                Image|startswith: 'C:\\Windows\\'
            condition: not ext and not filter""", """
            sel:
                Image|fieldref: ParentImage
            filter:
                Image|startswith:
                    - 'C:\\Program Files\\'
                    - 'C:\\Windows\\'
            condition: sel and not filter""", """
            sel:
                Image|endswith: '\\cmd.exe'
                CommandLine|contains: '>'
            filter:
                CommandLine|contains: 'chrome-extension://'
            condition: sel and not filter""", """
            sel:
                Image|endswith:
                    - '\\k.exe'
                    - '\\a.exe'
            filter:
                OriginalFileName: 'K.EXE'
            condition: sel and not filter""", """
            sel:
                CommandLine|contains|all:
                    - 'shadow'
                    - '/'
            filter:
                Image|endswith|cased: 'A.EXE'
            condition: sel and not filter""", """
            sel:
                CommandLine|contains: 'shadow'
            filter:
                Image|endswith: '\\a*.exe'
            condition: sel and not filter""");

    private static final String ALPHABET = "7zZ.exEXrRaAk\\K>/ -p\u212A\u0130\u017F\u00e9C:";
    private static final List<String> SEEDS = List.of("7z.exe", "WinRAR.exe", "C:\\Windows\\", "\\cmd.exe",
            "chrome-extension://", "\\k.exe", "K.EXE", ".com", "shadow", "C:\\Program Files\\");

    @Test
    void checkedRules_matchExactlyAsWhenEveryRuleIsEvaluated_andAreEvaluatedLess() {
        Random rnd = new Random(11);
        for (String detection : DETECTIONS) {
            RuleSet r = Rules.detection(detection);
            SigmaSession s = r.newSession();
            Bucket b = r.bucket(PROC);
            assertThat(b.checks()[0]).as("checks of %s", detection).isNotNull();
            int n = 4_000;
            for (int i = 0; i < n; i++) {
                Map<String, Object> d = new HashMap<>();
                for (String field : List.of("Image", "ParentImage", "OriginalFileName", "CommandLine")) {
                    Object v = value(rnd);
                    if (v != ABSENT) {
                        d.put(field, v);
                    }
                }
                if (rnd.nextInt(4) == 0) {
                    d.put("ParentImage", d.get("Image"));
                }
                Event e = event(PROC, doc());
                e.document().putAll(d);
                EventContext ctx = new EventContext(r.paths());
                ctx.reset(e);
                boolean exhaustive = b.programs()[0].eval(ctx);
                assertThat(s.count(e) == 1).as("%s on %s", detection, d).isEqualTo(exhaustive);
            }
            // some spared (a check that seldom stops its rule is then asked only now and then)
            assertThat(s.evaluated()).as("evaluations of %s", detection).isLessThan(n);
        }
    }

    private static final Object ABSENT = new Object();

    private static Object value(Random rnd) {
        int kind = rnd.nextInt(20);
        if (kind == 0) {
            return ABSENT;
        }
        if (kind == 1) {
            return null;
        }
        if (kind == 2) {
            return 42L;
        }
        if (kind == 3) {
            return List.of(ScanText.random(rnd, ALPHABET, 5), SEEDS.get(rnd.nextInt(SEEDS.size())));
        }
        String v = ScanText.random(rnd, ALPHABET, rnd.nextInt(8));
        if (kind < 12) {
            String seed = SEEDS.get(rnd.nextInt(SEEDS.size()));
            seed = rnd.nextBoolean() ? seed.toUpperCase(java.util.Locale.ROOT) : seed;
            v = switch (rnd.nextInt(3)) {
                case 0 -> seed + v;
                case 1 -> v + seed;
                default -> seed;
            };
        }
        return v;
    }

    @Test
    void aGlobsStart_sparesTheRuleEveryExeElsewhere() {
        RuleSet r = Rules.detection(DETECTIONS.get(0));
        SigmaSession s = r.newSession();
        // The prefilter can only look for ".exe", which nearly every OriginalFileName has.
        assertThat(s.count(event(PROC, doc("OriginalFileName", "Cmd.Exe", "CommandLine", "x -p secret")))).isZero();
        assertThat(s.evaluated()).isZero();
        assertThat(s.count(event(PROC, doc("OriginalFileName", "7z.exe", "CommandLine", "7z a -pSecret x.7z"))))
                .isEqualTo(1);
        assertThat(s.evaluated()).isEqualTo(1);
    }

    @Test
    void aNegatedTestsOwnLiteral_vetoesTheRule_butNotWhereLowerCasingDecides() {
        RuleSet r = Rules.detection(DETECTIONS.get(1)); // an image name without a path
        SigmaSession s = r.newSession();
        assertThat(s.count(event(PROC, doc("Image", "C:\\Windows\\System32\\svchost.exe")))).isZero();
        assertThat(s.evaluated()).isZero();
        assertThat(s.count(event(PROC, doc("Image", "MemCompression")))).isEqualTo(1);
        assertThat(s.evaluated()).isEqualTo(1);

        RuleSet k = Rules.detection(DETECTIONS.get(5));
        SigmaSession ks = k.newSession();
        // OriginalFileName K.EXE with a KELVIN SIGN: lower-cased it is k.exe and the filter holds.
        assertThat(ks.count(event(PROC, doc("Image", "C:\\x\\k.exe", "OriginalFileName", "\u212A.EXE")))).isZero();
        assertThat(ks.evaluated()).isEqualTo(1);
        assertThat(ks.count(event(PROC, doc("Image", "C:\\x\\k.exe", "OriginalFileName", "K.exe")))).isZero();
        assertThat(ks.evaluated()).isEqualTo(1); // vetoed from the raw text
        assertThat(ks.count(event(PROC, doc("Image", "C:\\x\\k.exe", "OriginalFileName", "a.exe")))).isEqualTo(1);
    }

    @Test
    void casedTestsAndTestsWithoutLiterals_giveNoCheck() {
        RuleSet r = Rules.detection("""
                sel:
                    CommandLine|re: 'a.c'
                filter:
                    Image|endswith|cased: 'A.EXE'
                condition: sel and not filter""");
        assertThat(r.bucket(PROC).checks()[0]).isNull();
        List<String> seen = new ArrayList<>();
        for (var c : Rules.detection(DETECTIONS.get(6)).bucket(PROC).checks()[0]) {
            seen.add(c.veto() ? "veto" : "needs");
        }
        assertThat(seen).containsOnly("needs");
    }
}
