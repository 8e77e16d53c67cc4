package dev.unravel.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A `re` value matches exactly where RE2 finds the expression, whatever the prechecks read from
 * its text: inline case-insensitivity anywhere in the pattern ({@code x(?i)…}, {@code (?s)(?i)…}),
 * scoped groups, and RE2's folding of KELVIN SIGN and LONG S inside runs of a class. Each case
 * once rejected a value RE2 matches, or is a near miss beside one that did.
 */
class RegexInlineFlagTest {

    private static final String[][] CASES = {
        {"x(?i)[a-f]{8}", "xABCDEFAB"},
        {"x(?i)[a-f]{8}", "yABCDEFAB"},
        {"(?i)[k-s]{8}", "kkkk\u212Akkk"},
        {"(?i)[k-s]{8}", "ssss\u017Fsss"},
        {"(?i)[k-s]{8}", "kkkk\u00E9kkk"},
        {"[k-s]{8}", "kkkk\u212Akkk"},
        {"(?i)x[k-s]{8}y", "xkkkk\u212Akkky"},
        {"a(?i)bcde", "aBCDE"},
        {"a(?i)bcde", "ABCDE"},
        {"(?s)(?i)ab.cd", "AB\nCD"},
        {"(?-i)abcd", "ABCD"},
        {"(?i:[a-f0-9]{10})", "ABCDEF0123"},
        {"zz(?i:[a-f0-9]{10})", "zzABCDEF0123"},
        {"(?i:ab)cdef", "ABcdef"},
        {"(?i:ab)cdef", "ABCDEF"},
        {"(?i)sekurlsa.*logon", "\u017Fekurlsa::logon"},
        {"(?i)kerberos.*ptt", "\u212Aerberos::ptt"},
        {"\\(?input", "(INPUT"},
    };

    @Test
    void matchesAsRe2Does() {
        int matched = 0;
        for (String[] c : CASES) {
            RuleSet r = Rules.detection("sel:\n    CommandLine|re: '" + c[0] + "'\ncondition: sel");
            boolean re2 = Pattern.compile(c[0]).matcher(c[1]).find();
            assertThat(Rules.matches(r, "CommandLine", c[1])).as("%s on %s", c[0], c[1]).isEqualTo(re2);
            matched += re2 ? 1 : 0;
        }
        assertThat(matched).isBetween(10, CASES.length - 5); // matches and near misses both
    }
}
