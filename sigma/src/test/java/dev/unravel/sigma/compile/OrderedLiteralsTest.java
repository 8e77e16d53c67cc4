package dev.unravel.sigma.compile;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import dev.unravel.sigma.match.EventContext;
import dev.unravel.sigma.match.ValueTest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Regular expressions of literal pieces joined by {@code .*} are decided by an in-order search;
 * on generated values (line breaks, overlapping pieces, case, the Kelvin sign and the long s)
 * it agrees with RE2/J every time.
 */
class OrderedLiteralsTest {

    @Test
    void readsOnlyPiecesJoinedByDotStar() {
        assertThat(RegexShapes.orderedLiterals("\\+.*\\+.*\\+")).containsExactly("+", "+", "+");
        assertThat(RegexShapes.orderedLiterals("(?i)invoke.*?-enc.*")).containsExactly("invoke", "-enc");
        assertThat(RegexShapes.orderedLiterals(".*`.*`")).containsExactly("`", "`");
        assertThat(RegexShapes.orderedLiterals("net user")).containsExactly("net user");
        for (String other : new String[] {"a.b", "a\\d.*b", "a+.*b", "^a.*b", "a.*b$", "(a).*b", "a|b", "a.+b",
                "[ab].*c", "a\\", "(?s)a.*b", ".*"}) {
            assertThat(RegexShapes.orderedLiterals(other)).as(other).isNull();
        }
    }

    @Test
    void agreesWithRe2() {
        String[] patterns = {"\\+.*\\+.*\\+.*\\+", "\\{.*\\{.*\\{", "ab.*ba.*ab", "aa.*aa", "k.*s", "\\^.*\\^.*\\^"};
        char[] alphabet = "ab+{^ksKS\n\u212A\u017F \u00e9".toCharArray();
        Random rnd = new Random(7);
        int matched = 0;
        for (String re : patterns) {
            for (int flags : new int[] {0, Pattern.CASE_INSENSITIVE, Pattern.DOTALL,
                    Pattern.CASE_INSENSITIVE | Pattern.DOTALL}) {
                Pattern p = Pattern.compile(re, flags);
                boolean ci = (flags & Pattern.CASE_INSENSITIVE) != 0;
                List<String> pieces = RegexShapes.orderedLiterals(re);
                ValueTest t = new ValueTest.OrderedLiterals(ci ? pieces.stream().map(EventContext::lowerCase).toList()
                        : pieces, ci, (flags & Pattern.DOTALL) != 0, p);
                EventContext ctx = new EventContext(new dev.unravel.sigma.match.FieldPath[0]);
                for (int i = 0; i < 20_000; i++) {
                    StringBuilder b = new StringBuilder();
                    for (int n = rnd.nextInt(16); n > 0; n--) {
                        b.append(alphabet[rnd.nextInt(alphabet.length)]);
                    }
                    String v = b.toString();
                    boolean expected = p.matcher(v).find();
                    matched += expected ? 1 : 0;
                    assertThat(t.test(v, v, EventContext.lowerCase(v), i % 2 == 0 ? ctx : null))
                            .as("%s /%d on '%s'", re, flags, v).isEqualTo(expected);
                }
            }
        }
        assertThat(matched).isGreaterThan(10_000);
    }
}
