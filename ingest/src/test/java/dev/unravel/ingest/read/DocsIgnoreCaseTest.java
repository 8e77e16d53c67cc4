package dev.unravel.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Case-insensitive key look-ups compare in place exactly as lower-casing each key did. */
class DocsIgnoreCaseTest {

    private static final String ALPHABET = "aAbBzZ_.-09İıΣσςKkßSs";

    @Test
    void theInPlaceComparisonAgreesWithLowerCasingTheKey() {
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            String k = word(random);
            String lower = (random.nextBoolean() ? k : word(random)).toLowerCase(Locale.ROOT);
            assertThat(Docs.lowerCaseEquals(k, lower)).as("%s vs %s", k, lower)
                    .isEqualTo(k.toLowerCase(Locale.ROOT).equals(lower));
        }
        assertThat(Docs.lowerCaseEquals("PSComputerName", "pscomputername")).isTrue();
        assertThat(Docs.lowerCaseEquals("PSComputerNam", "pscomputername")).isFalse();
        assertThat(Docs.lowerCaseEquals("İD", "i̇d")).isTrue(); // lower-casing İ gives two characters
        assertThat(Docs.lowerCaseEquals("ΑΣ", "ας")).isTrue(); // a final sigma depends on its context
    }

    @Test
    void aKeyIsFoundWhateverItsCase() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ClassName", "WmiMonitorID");
        doc.put("pscomputername", "LT-1");
        assertThat(Docs.getIgnoreCase(doc, "PSComputerName")).isEqualTo("LT-1");
        assertThat(Docs.getIgnoreCase(doc, "CLASSNAME")).isEqualTo("WmiMonitorID");
        assertThat(Docs.getIgnoreCase(doc, "ClassNam")).isNull();
    }

    private static String word(Random random) {
        int n = random.nextInt(5);
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }
}
