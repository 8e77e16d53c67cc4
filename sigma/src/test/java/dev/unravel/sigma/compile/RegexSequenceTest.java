package dev.unravel.sigma.compile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import dev.unravel.sigma.ScanText;
import dev.unravel.sigma.match.ValueTest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The necessary class sequences read from a regular expression's text never reject a value the
 * expression matches (checked against RE2/J on generated and hand-written values).
 */
class RegexSequenceTest {

    private static final String[] PATTERNS = {
        "\\\\[a-zA-Z0-9]{1,32}\\.[a-zA-Z0-9]{1,6}\\.[ \"']{1}",
        "\\s[a-fA-F0-9]{64}\\s[a-fA-F0-9]{16}",
        "(?i)(?:set).*&&\\s?set.*(?:environment|invoke|\\$\\{?input).*&&.*\"",
        "\\w+`(?:\\w+|-|.)`[\\w+|\\s]",
        "\"(?:\\{\\d\\})+\"\\s*-f",
        "(?i)\\$\\{`?e`?n`?v`?:`?p`?a`?t`?h`?\\}",
        "ab+c", "ab*c", "a{2,3}b", "a{2}b?c", "x[-a]y", "k{2}s", "(?i)ks", "a+?b", "[!-~]{3}z", "a\\.b\\b-c",
        "^ab$", "a(b|c)d", "[^a]bc", "a\\d\\w\\sz", "arp\\s+-a", "(?i)ne[t]\\s+[su]s", "k[sS]\\s[.]",
        "a(?:bc)+d", "x(yz){2}w", "(?:ab|cd)+e", "q(?P<n>\\d\\.)+r", "s(?:t\\{1\\})?u", "k(?:e[sx]){1,3}z",
    };

    /** One matching value per pattern, mutated by the generator. */
    private static final String[] EXAMPLES = {
        "run \\foo.dll.\" x", " " + "ab12".repeat(16) + " 0123456789abcdef", "SET a && set environment && \"",
        "IN`V`oke", "\"{1}{0}\" -f", "${e`Nv:pAth}", "abbc", "ac", "aab", "aac", "x-y", "kks", "KS", "abb",
        "!~#z", "a.b-c", "ab", "acd", "xbc", "a1_ z", "arp  -a", "NET\tUS", "kS .",
        "abcbcd", "xyzyzw", "abcde", "q1.2.r", "su", "kesexz",
    };

    private static final char[] ALPHABET = "abcksxyzABKS-!~.\\\"' `&${}:_019fF\t\u212A\u017F\u00e9\uD83D\uDE00envpathset".toCharArray();

    @Test
    void sequencesAreNecessary() {
        Random rnd = new Random(42);
        int withPairs = 0;
        for (String re : PATTERNS) {
            for (boolean ci : new boolean[] {false, true}) {
                Pattern p = Pattern.compile(re, ci ? Pattern.CASE_INSENSITIVE : 0);
                List<long[]> seqs = RegexShapes.requiredSequences(re, ci, 3);
                // The whole test, with the presence-mask precheck a context enables.
                ValueTest.Regex test = new ValueTest.Regex(p, null, false, null, 0, seqs.toArray(long[][]::new),
                        ci || re.contains("(?"));
                dev.unravel.sigma.match.EventContext ctx =
                        new dev.unravel.sigma.match.EventContext(new dev.unravel.sigma.match.FieldPath[0]);
                int[] pairList = test.pairs();
                dev.unravel.sigma.match.Pairs.Check pairs = dev.unravel.sigma.match.Pairs.Check.of(pairList);
                withPairs += pairs == null ? 0 : 1;
                int matched = 0;
                for (int i = 0; i < 20_000; i++) {
                    String s = rnd.nextInt(3) == 0 ? sample(rnd, re, p) : mutate(rnd, EXAMPLES[java.util.Arrays.asList(PATTERNS).indexOf(re)]);
                    assertEquals(p.matcher(s).find(), test.test(s, s, s, ctx), re + " on '" + s + "'");
                    if (p.matcher(s).find()) {
                        matched++;
                        for (long[] seq : seqs) {
                            assertTrue(ValueTest.Regex.hasSequenceForTest(s, seq, ci || re.contains("(?")),
                                    re + " matches '" + s + "' but a sequence rejects it");
                        }
                        if (pairs != null) {
                            assertTrue(pairs.holds(s), re + " matches '" + s + "' but its gate's pairs reject it");
                        }
                    }
                }
                assertTrue(matched > 100, re + ": generator found few matches");
            }
        }
        assertTrue(withPairs >= 10, "few expressions with a pair gate: " + withPairs);
    }

    /**
     * The strings the prefilter indexes for an expression without a plain literal: every value
     * the expression matches holds one of them once folded as the scan folds text (each
     * character lower-cased, LONG S read as s).
     */
    @Test
    void literalChoicesAreNecessary() {
        Random rnd = new Random(7);
        int withChoices = 0;
        for (String re : PATTERNS) {
            for (boolean ci : new boolean[] {false, true}) {
                Pattern p = Pattern.compile(re, ci ? Pattern.CASE_INSENSITIVE : 0);
                boolean inlineCi = ci || RegexShapes.inlineCaseInsensitive(re);
                List<String> choices = RegexShapes.requiredLiteralChoices(re, inlineCi);
                if (choices == null) {
                    continue;
                }
                withChoices++;
                assertTrue(choices.size() <= RegexShapes.MAX_CHOICES && choices.stream().allMatch(
                        dev.unravel.sigma.match.Prefilter.Builder::usable), re + ": " + choices);
                for (int i = 0; i < 20_000; i++) {
                    String s = rnd.nextInt(3) == 0 ? sample(rnd, re, p)
                            : mutate(rnd, EXAMPLES[java.util.Arrays.asList(PATTERNS).indexOf(re)]);
                    if (p.matcher(s).find()) {
                        String folded = ScanText.folded(s);
                        assertTrue(choices.stream().anyMatch(folded::contains), re + " matches '" + s + "', none of "
                                + choices);
                    }
                }
            }
        }
        assertTrue(withChoices >= 6, "few expressions expanded: " + withChoices);
        assertEquals(List.of("arp\t", "arp\n", "arp\f", "arp\r", "arp "), RegexShapes.requiredLiteralChoices("arp\\s+-a", false));
    }

    @Test
    void readsTheSelectiveRun() {
        // [a-zA-Z0-9][.][ "'] is the most selective run of the Raspberry Robin expression.
        List<long[]> seqs = RegexShapes.requiredSequences("\\\\[a-zA-Z0-9]{1,32}\\.[a-zA-Z0-9]{1,6}\\.[ \"']{1}", false, 2);
        assertEquals(3, seqs.get(0).length / 2);
        assertTrue(ValueTest.Regex.hasSequenceForTest("x.y.\"", seqs.get(0), false));
        assertTrue(!ValueTest.Regex.hasSequenceForTest("C:\\Windows\\cmd.exe /c dir", seqs.get(0), false));
        // A group that is a fixed sequence counts as one: Powershell Token Obfuscation's
        // "(?:\{\d\})+" gives "{\d} (four atoms), not the '"' alone that most command lines hold.
        List<long[]> token = RegexShapes.requiredSequences("\"(?:\\{\\d\\})+\"\\s*-f", false, 3);
        assertEquals(4, token.get(0).length / 2);
        assertTrue(ValueTest.Regex.hasSequenceForTest("x \"{0}{1}\" -f 'a'", token.get(0), false));
        assertTrue(!ValueTest.Regex.hasSequenceForTest("cmd.exe /c \"dir\" -f", token.get(0), false));
        assertTrue(RegexShapes.requiredSequences("(?:ab|cd)+", false, 2).isEmpty());
        assertTrue(RegexShapes.requiredSequences("a|b", false, 2).isEmpty());
        assertTrue(RegexShapes.requiredSequences("\\x41bc", false, 2).isEmpty());
    }

    private static String mutate(Random rnd, String example) {
        StringBuilder b = new StringBuilder(example);
        for (int k = rnd.nextInt(3); k > 0; k--) {
            int at = rnd.nextInt(b.length() + 1);
            switch (rnd.nextInt(3)) {
                case 0 -> b.insert(at, ALPHABET[rnd.nextInt(ALPHABET.length)]);
                case 1 -> { if (at < b.length()) b.deleteCharAt(at); }
                default -> { if (at < b.length()) b.setCharAt(at, ALPHABET[rnd.nextInt(ALPHABET.length)]); }
            }
        }
        return rnd.nextBoolean() ? b.toString() : "pre " + b + rnd.nextInt(10);
    }

    /** Random text, half the time built around a fragment of the pattern's own characters. */
    private static String sample(Random rnd, String re, Pattern p) {
        StringBuilder b = new StringBuilder();
        int len = rnd.nextInt(12);
        for (int i = 0; i < len; i++) {
            b.append(ALPHABET[rnd.nextInt(ALPHABET.length)]);
        }
        if (rnd.nextBoolean()) {
            // Literal characters of the pattern, with some mutated, to reach matches.
            for (char c : re.toCharArray()) {
                if (Character.isLetterOrDigit(c) || " .\"'`&${}:-!~".indexOf(c) >= 0) {
                    b.append(rnd.nextInt(4) == 0 ? ALPHABET[rnd.nextInt(ALPHABET.length)] : c);
                }
            }
        }
        for (int i = 0; i < rnd.nextInt(8); i++) {
            b.insert(rnd.nextInt(b.length() + 1), ALPHABET[rnd.nextInt(ALPHABET.length)]);
        }
        if (rnd.nextInt(8) == 0) {
            b.append("a".repeat(70)).append(' ').append("0123456789abcdef".repeat(5)).append(' ')
                    .append("abcdef0123456789abcdef");
        }
        return b.toString();
    }
}
