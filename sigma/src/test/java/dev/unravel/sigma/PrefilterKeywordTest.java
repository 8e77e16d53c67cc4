package dev.unravel.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sigma.match.FieldPath;
import dev.unravel.sigma.match.Prefilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Values of fields no rule names are scanned for keyword literals only (with their own stride):
 * a keyword literal activates its rule exactly when it occurs (ignoring case) in
 * some value, whether that value's field feeds a rule or not, at any position, nested or not.
 */
class PrefilterKeywordTest {

    private static final String ALPHABET = "abs:c-\\\\Ee01.Zz/ İıſK" + "\u212A" + "é";

    @Test
    void keywordLiterals_activateExactlyWhenTheyOccur_inNamedAndUnnamedFields() {
        Random rnd = new Random(11);
        FieldPath[] paths = {new FieldPath("CommandLine", List.of("CommandLine"))};
        for (int round = 0; round < 300; round++) {
            List<String> keywords = new ArrayList<>();
            Prefilter.Builder b = new Prefilter.Builder().add(0, "powershell", 0);
            int count = 1 + rnd.nextInt(12);
            for (int k = 0; k < count; k++) {
                String lit = ScanText.random(rnd, ALPHABET, 4 + rnd.nextInt(6)).toLowerCase(Locale.ROOT);
                if (!Prefilter.Builder.usable(lit) || keywords.contains(lit)) {
                    continue;
                }
                keywords.add(lit);
                b.add(Prefilter.ANY_FIELD, lit, keywords.size());
            }
            Prefilter prefilter = b.build(paths);
            for (int doc = 0; doc < 20; doc++) {
                Map<String, Object> d = new LinkedHashMap<>();
                List<String> values = new ArrayList<>();
                for (String key : List.of("CommandLine", "ProcessGuid", "Channel")) {
                    String v = ScanText.random(rnd, ALPHABET, rnd.nextInt(30));
                    if (!keywords.isEmpty() && rnd.nextInt(3) == 0) {
                        // plant a keyword, in another case, somewhere in the value
                        String kw = keywords.get(rnd.nextInt(keywords.size()));
                        int at = rnd.nextInt(v.length() + 1);
                        v = v.substring(0, at) + (rnd.nextBoolean() ? kw.toUpperCase(Locale.ROOT) : kw) + v.substring(at);
                    }
                    values.add(v);
                    d.put(key, key.equals("Channel") ? Map.of("nested", List.of(v)) : v);
                }
                long[] active = {ScanText.activated(prefilter, paths, d)};
                for (int k = 0; k < keywords.size(); k++) {
                    String kw = keywords.get(k);
                    boolean occurs = values.stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).contains(kw)
                            || ScanText.folded(v).contains(kw));
                    assertThat((active[0] >>> (k + 1) & 1) == 1).as("'%s' in %s", kw, values).isEqualTo(occurs);
                }
            }
        }
    }
}
