package dev.unravel.detect.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MinHashTest {

    private final MinHash minHash = new MinHash(5);

    private static String text(Random r, int words) {
        String[] vocabulary = {"led", "design", "migration", "platform", "billing", "kafka", "java", "kubernetes",
            "latency", "improved", "team", "customer", "pipeline", "service", "cloud", "data", "mobile", "release",
            "security", "testing", "on-call", "budget", "hiring", "roadmap", "api", "search", "payments", "growth"};
        StringBuilder b = new StringBuilder("EXPERIENCE\n");
        for (int i = 0; i < words; i++) {
            b.append(vocabulary[r.nextInt(vocabulary.length)]).append(i % 12 == 11 ? ".\n" : " ");
        }
        return b.toString();
    }

    @Test
    void identicalTextsAreOneAndUnrelatedTextsAreFarApart() {
        Random r = new Random(7);
        String a = text(r, 200);
        String b = text(r, 200);
        assertThat(MinHash.similarity(minHash.signature(a), minHash.signature(a))).isEqualTo(1.0);
        assertThat(MinHash.similarity(minHash.signature(a), minHash.signature(b))).isLessThan(0.2);
    }

    @Test
    void contactDetailsAndTheNameAboveTheFirstHeadingDoNotCount() {
        Random r = new Random(11);
        String body = text(r, 150);
        String a = "Dana Whitfield\ndana@example.com | +1 415 555 0123\n\n" + body;
        String b = "Mark Thomas\nmark.t@example.org | +1 303 389 2005\n\n" + body + "\nm.t@x.io +1 (303) 389-2005";
        assertThat(MinHash.similarity(minHash.signature(a), minHash.signature(b))).isEqualTo(1.0);
    }

    @Test
    void bandingFindsTheNearCopyAmongManyTextsAndNothingElse() {
        Random r = new Random(3);
        List<long[]> sigs = new ArrayList<>();
        String original = text(r, 180);
        for (int i = 0; i < 300; i++) {
            sigs.add(minHash.signature(text(r, 180)));
        }
        // a copy with one line rewritten, at position 123
        sigs.add(123, minHash.signature(original.replaceFirst("\n[^\n]*\n", "\nrewritten line for this copy.\n")));
        sigs.add(minHash.signature(original));
        long[] crowded = {0};
        List<MinHash.Pair> pairs = MinHash.nearDuplicates(sigs, 0.7, 50, crowded);
        assertThat(pairs).singleElement().satisfies(p -> {
            assertThat(p.first()).isEqualTo(123);
            assertThat(p.second()).isEqualTo(sigs.size() - 1);
            assertThat(p.similarity()).isGreaterThan(0.7);
        });
    }

    @Test
    void yearRangesAreKeptWhilePhoneNumbersGo() {
        assertThat(MinHash.words("EXPERIENCE\nGlobex (2019-2024) call +1 (303) 389-2005 or a@b.io"))
                .containsExactly("experience", "globex", "2019", "2024", "call", "or");
    }

    @Test
    void aTextShorterThanOneShingleHasNoSignature() {
        assertThat(minHash.signature("EXPERIENCE\nthree words here")).isNull();
        assertThat(minHash.signature(null)).isNull();
    }
}
