package dev.unravel.sigma;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.sigma.compile.CompiledRule;
import dev.unravel.sigma.match.EventContext;
import dev.unravel.sigma.match.FieldPath;
import dev.unravel.sigma.match.Node;
import dev.unravel.sigma.match.ValueTest;
import dev.unravel.sigma.tool.EventFiles;
import dev.unravel.sigma.windows.EvtxJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The look-ups of {@link ValueTest.LiteralSet} are optimisations only — the key-character precheck
 * of "contains", the anchor-character buckets of equality, prefixes and suffixes
 * ({@code AnchoredLiterals}): the set accepts a value exactly when one of its literals stands in
 * it at the set's position, with and without the event context's remembered character masks.
 */
class LiteralSetPrecheckTest {

    private static boolean naive(ValueTest.LiteralSet set, String v) {
        for (String l : set.literals()) {
            boolean at = switch (set.position()) {
                case EQUALS -> v.equals(l);
                case PREFIX -> v.startsWith(l);
                case SUFFIX -> v.endsWith(l);
                case CONTAINS -> v.contains(l);
            };
            if (at) {
                return true;
            }
        }
        return false;
    }

    private static void check(ValueTest.LiteralSet set, String v, EventContext ctx) {
        boolean expected = naive(set, v);
        assertThat(set.test(v, v, v, ctx)).as("%s in %s", set.literals(), v).isEqualTo(expected);
        assertThat(set.test(v, v, v, null)).as("%s in %s (no context)", set.literals(), v).isEqualTo(expected);
    }

    @Test
    void randomSetsAndValues_agreeWithComparingEachLiteral() {
        String alphabet = "abcxyz ^;,(%~\\.-\u007f\u0430\u0435\u00e9\u212a\ud83d\ude00";
        Random rnd = new Random(42);
        EventContext ctx = new EventContext(new FieldPath[0]);
        for (int round = 0; round < 3_000; round++) {
            List<String> lits = new ArrayList<>();
            int count = 4 + rnd.nextInt(6);
            for (int i = 0; i < count; i++) {
                lits.add(random(rnd, alphabet, 1 + rnd.nextInt(4)));
            }
            ValueTest.Position position = ValueTest.Position.values()[round % 4];
            if (position != ValueTest.Position.CONTAINS && rnd.nextInt(8) == 0) {
                lits.add(""); // an empty prefix or suffix is in every value; equality then holds for "" only
            }
            ValueTest.LiteralSet set = new ValueTest.LiteralSet(lits, position, rnd.nextBoolean());
            for (int k = 0; k < 20; k++) {
                String v = random(rnd, alphabet, rnd.nextInt(12));
                if (rnd.nextInt(4) == 0) {
                    String l = lits.get(rnd.nextInt(lits.size()));
                    int at = switch (position) {
                        case EQUALS -> -1;
                        case PREFIX -> 0;
                        case SUFFIX -> v.length();
                        case CONTAINS -> rnd.nextInt(v.length() + 1);
                    };
                    v = at < 0 ? l : v.substring(0, at) + l + v.substring(at);
                }
                check(set, v, ctx);
                check(set, v, ctx); // the second time from the remembered mask
            }
        }
    }

    private static String random(Random rnd, String alphabet, int len) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < len; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }

    @Test
    void everyRuleSet_onEveryRegressionValue_agreesWithComparingEachLiteral() throws Exception {
        Path sigma = SharedData.sigma();
        RuleSet rules = RuleSet.builder().pipeline("evtx").path(sigma.resolve("rules"))
                .path(sigma.resolve("rules-emerging-threats")).path(sigma.resolve("rules-threat-hunting"))
                .path(sigma.resolve("rules-placeholder")).build();
        List<ValueTest.LiteralSet> sets = new ArrayList<>();
        for (CompiledRule r : rules.rules()) {
            collect(r.root(), sets);
            for (CompiledRule.Target t : r.targets()) {
                collect(t.condition(), sets);
            }
        }
        assertThat(sets.stream().filter(s -> s.position() == ValueTest.Position.CONTAINS)).hasSizeGreaterThan(300);
        assertThat(sets.stream().filter(s -> s.position() == ValueTest.Position.SUFFIX)).hasSizeGreaterThan(300);
        assertThat(sets.stream().filter(s -> s.position() == ValueTest.Position.EQUALS)).hasSizeGreaterThan(100);
        assertThat(sets.stream().filter(s -> s.position() == ValueTest.Position.PREFIX)).hasSizeGreaterThan(50);
        List<String> values = new ArrayList<>();
        EventContext reader = new EventContext(rules.paths());
        for (Path f : EventFiles.expand(List.of(sigma.resolve("regression_data")))) {
            for (Event e : EvtxJson.read(f)) {
                reader.reset(e);
                values.addAll(reader.allText());
                values.addAll(reader.allLower());
            }
        }
        EventContext ctx = new EventContext(new FieldPath[0]);
        long compared = 0;
        for (String v : values) {
            for (ValueTest.LiteralSet s : sets) {
                check(s, v, ctx);
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(3_000_000);
    }

    private static void collect(Node n, List<ValueTest.LiteralSet> out) {
        if (n instanceof Node.And a) {
            for (Node c : a.children()) {
                collect(c, out);
            }
        } else if (n instanceof Node.Or o) {
            for (Node c : o.children()) {
                collect(c, out);
            }
        } else if (n instanceof Node.Not x) {
            collect(x.inner(), out);
        } else if (n instanceof Node.Field f) {
            for (ValueTest t : f.tests()) {
                if (t instanceof ValueTest.LiteralSet s) {
                    out.add(s);
                }
            }
        }
    }
}
