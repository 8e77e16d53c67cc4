package dev.unravel.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sigma.match.ValueTest;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The run precheck of expressions such as {@code [a-fA-F0-9]{64}} (read windows backwards and
 * skip) finds a run exactly when a character-by-character count does.
 */
class RegexRunTest {

    private static boolean naive(String text, boolean[] cls, int length) {
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            run = c < 128 && cls[c] ? run + 1 : 0;
            if (run >= length) {
                return true;
            }
        }
        return false;
    }

    @Test
    void skippingSearch_agreesWithCounting_onRandomTexts() {
        boolean[] hex = new boolean[128];
        for (char c : "0123456789abcdefABCDEF".toCharArray()) {
            hex[c] = true;
        }
        String alphabet = "0123456789abcdefABCDEF gxyz\\.\u00e9\u212A";
        Random r = new Random(42);
        int found = 0;
        for (int t = 0; t < 20_000; t++) {
            int length = 1 + r.nextInt(12);
            StringBuilder sb = new StringBuilder();
            int n = r.nextInt(60);
            // mostly class characters, so runs near the length are common
            for (int i = 0; i < n; i++) {
                sb.append(r.nextInt(10) < 8 ? "0123456789abcdefABCDEF".charAt(r.nextInt(22))
                        : alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String text = sb.toString();
            boolean expected = naive(text, hex, length);
            assertThat(ValueTest.Regex.hasRunForTest(text, hex, length, false)).as("%s / %d", text, length)
                    .isEqualTo(expected);
            found += expected ? 1 : 0;
        }
        assertThat(found).isBetween(2_000, 18_000); // both answers well represented
    }

    @Test
    void edges() {
        boolean[] digit = new boolean[128];
        for (char c = '0'; c <= '9'; c++) {
            digit[c] = true;
        }
        assertThat(ValueTest.Regex.hasRunForTest("", digit, 1, false)).isFalse();
        assertThat(ValueTest.Regex.hasRunForTest("7", digit, 1, false)).isTrue();
        assertThat(ValueTest.Regex.hasRunForTest("123", digit, 3, false)).isTrue();
        assertThat(ValueTest.Regex.hasRunForTest("12", digit, 3, false)).isFalse();
        assertThat(ValueTest.Regex.hasRunForTest("x12y123", digit, 3, false)).isTrue();
        assertThat(ValueTest.Regex.hasRunForTest("x12y12z", digit, 3, false)).isFalse();
        assertThat(ValueTest.Regex.hasRunForTest("1234\u0661", digit, 5, false)).isFalse(); // ARABIC-INDIC ONE is not [0-9]
    }
}
