package dev.unravel.sigma.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link AnchoredLiterals#holdsFolded} reads the raw text, yet answers what a look-up in the
 * lower-cased text would, or says it cannot tell: never the wrong answer, whatever the case,
 * look-alikes that lower-case to ASCII letters (KELVIN SIGN to k), to two characters (DOTTED
 * CAPITAL I) or not at all (LONG S).
 */
class AnchoredLiteralsTest {
    private static final String LITERAL_CHARS = "abk.\\x7z";
    private static final String VALUE_CHARS = "abkABK.\\x7zZ\u212A\u0130\u017F\u00e9";

    @Test
    void foldedAnswers_agreeWithTheLowerCasedText_orCannotTell() {
        Random rnd = new Random(17);
        int told = 0;
        int cannot = 0;
        for (int round = 0; round < 4_000; round++) {
            ValueTest.Position position = List.of(ValueTest.Position.PREFIX, ValueTest.Position.SUFFIX,
                    ValueTest.Position.EQUALS).get(round % 3);
            List<String> literals = new ArrayList<>();
            for (int i = 0, n = 1 + rnd.nextInt(6); i < n; i++) {
                literals.add(random(rnd, LITERAL_CHARS, 1 + rnd.nextInt(5)));
            }
            AnchoredLiterals set = new AnchoredLiterals(literals, position);
            for (int k = 0; k < 25; k++) {
                String v = random(rnd, VALUE_CHARS, rnd.nextInt(9));
                if (rnd.nextInt(3) == 0) {
                    String l = upper(rnd, literals.get(rnd.nextInt(literals.size())));
                    v = switch (position) {
                        case PREFIX -> l + v;
                        case SUFFIX -> v + l;
                        default -> l;
                    };
                }
                String lower = EventContext.lowerCase(v);
                boolean expected = set.matches(lower);
                int answer = set.holdsFolded(v);
                if (answer < 0) {
                    cannot++;
                } else {
                    told++;
                    assertThat(answer == 1).as("%s %s in '%s'", position, literals, v).isEqualTo(expected);
                }
            }
        }
        // mostly told; past ASCII where it matters, not
        assertThat(told).isGreaterThan(60_000);
        assertThat(cannot).isGreaterThan(5_000);
    }

    @Test
    void charactersPastAsciiWhereTheyMatter_cannotBeTold_elsewhereTheyDoNotCount() {
        AnchoredLiterals suffixes = new AnchoredLiterals(List.of("\\k.exe", ".com"), ValueTest.Position.SUFFIX);
        // KELVIN SIGN lower-cases to k: "…\K.exe" ends with \k.exe once lower-cased
        assertThat(suffixes.holdsFolded("C:\\x\\\u212A.EXE")).isEqualTo(-1);
        assertThat(suffixes.matches(EventContext.lowerCase("C:\\x\\\u212A.EXE"))).isTrue();
        // a character past ASCII before the end does not stop an answer about the end
        assertThat(suffixes.holdsFolded("C:\\\u00e9t\u00e9\\K.Exe")).isEqualTo(1);
        assertThat(suffixes.holdsFolded("C:\\\u00e9t\u00e9\\a.exe")).isZero();
        AnchoredLiterals prefixes = new AnchoredLiterals(List.of("7z", "rar"), ValueTest.Position.PREFIX);
        assertThat(prefixes.holdsFolded("7Z.EXE")).isEqualTo(1);
        assertThat(prefixes.holdsFolded("7-zip\u00e9")).isZero();
        assertThat(prefixes.holdsFolded("\u0130x")).isEqualTo(-1);
        AnchoredLiterals wholes = new AnchoredLiterals(List.of("cmd.exe"), ValueTest.Position.EQUALS);
        assertThat(wholes.holdsFolded("CMD.exe")).isEqualTo(1);
        assertThat(wholes.holdsFolded("cmd.exe ")).isZero();
        assertThat(wholes.holdsFolded("cmd.ex\u00e9")).isEqualTo(-1); // equality needs the whole value ASCII
    }

    private static String upper(Random rnd, String s) {
        return rnd.nextBoolean() ? s.toUpperCase(java.util.Locale.ROOT) : s;
    }

    private static String random(Random rnd, String alphabet, int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
