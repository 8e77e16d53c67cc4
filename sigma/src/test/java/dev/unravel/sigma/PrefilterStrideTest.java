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
 * A field whose literals are all long is tested one window in several (its stride): a literal
 * must still activate its rule exactly when it occurs, at every offset from the value's start,
 * whatever the stride, next to fields of stride one and keyword literals.
 */
class PrefilterStrideTest {

    private static final String ALPHABET = "abs=c-\\\\Ee01.Zz/ İıſK" + "\u212A" + "é";

    @Test
    void literalsOfLongFields_activateExactlyWhenTheyOccur_atEveryOffset() {
        Random rnd = new Random(5);
        FieldPath[] paths = {new FieldPath("Hashes", List.of("Hashes")),
                new FieldPath("CommandLine", List.of("CommandLine"))};
        for (int round = 0; round < 300; round++) {
            // Hashes: literals of at least minLength characters (stride minLength - 3, capped);
            // CommandLine: one short literal (stride one); sometimes a keyword literal too.
            int minLength = 4 + rnd.nextInt(12);
            List<String> literals = new ArrayList<>();
            List<Integer> slotOf = new ArrayList<>();
            Prefilter.Builder b = new Prefilter.Builder();
            int count = 1 + rnd.nextInt(10);
            for (int k = 0; k < count; k++) {
                int slot = k == 0 ? 1 : k == 1 && rnd.nextBoolean() ? Prefilter.ANY_FIELD : 0;
                int length = slot == 1 ? 4 : minLength + rnd.nextInt(8);
                String lit = ScanText.random(rnd, ALPHABET, length).toLowerCase(Locale.ROOT);
                if (!Prefilter.Builder.usable(lit) || literals.contains(lit)) {
                    continue;
                }
                literals.add(lit);
                slotOf.add(slot);
                b.add(slot, lit, literals.size() - 1);
            }
            if (literals.isEmpty()) {
                continue;
            }
            Prefilter prefilter = b.build(paths);
            for (int doc = 0; doc < 30; doc++) {
                Map<String, Object> d = new LinkedHashMap<>();
                Map<String, String> values = new LinkedHashMap<>();
                for (String key : List.of("Hashes", "CommandLine", "ProcessGuid")) {
                    String v = ScanText.random(rnd, ALPHABET, rnd.nextInt(40));
                    if (rnd.nextInt(3) > 0) {
                        // plant a literal, in another case, at a random offset (the first few often)
                        String lit = literals.get(rnd.nextInt(literals.size()));
                        int at = rnd.nextBoolean() ? rnd.nextInt(Math.min(v.length(), 9) + 1) : rnd.nextInt(v.length() + 1);
                        v = v.substring(0, at) + (rnd.nextBoolean() ? lit.toUpperCase(Locale.ROOT) : lit) + v.substring(at);
                    }
                    values.put(key, v);
                    d.put(key, v);
                }
                long[] active = {ScanText.activated(prefilter, paths, d)};
                for (int k = 0; k < literals.size(); k++) {
                    String lit = literals.get(k);
                    int slot = slotOf.get(k);
                    boolean occurs = values.entrySet().stream()
                            .filter(en -> slot == Prefilter.ANY_FIELD || paths[slot].name().equals(en.getKey()))
                            .anyMatch(en -> ScanText.folded(en.getValue()).contains(lit));
                    assertThat((active[0] >>> k & 1) == 1).as("'%s' (slot %d) in %s", lit, slot, values)
                            .isEqualTo(occurs);
                }
            }
        }
    }
}
