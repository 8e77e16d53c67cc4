package dev.unravel.detect.apply;

import static dev.unravel.detect.apply.RecordCsv.APPLICANTS;
import static dev.unravel.detect.apply.RecordCsv.EMPLOYEES;
import static dev.unravel.detect.apply.RecordCsv.applicant;
import static dev.unravel.detect.apply.RecordCsv.csv;
import static dev.unravel.detect.apply.RecordCsv.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.testing.Portraits;
import dev.unravel.detect.testing.DetectorHarness;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Profile photos shared by distinct people, through {@link SharedIdentifierDetector}. */
class SharedPhotoTest {

    private static final BufferedImage FACE = Portraits.draw(11, 512);

    private static Set<String> subjects(List<Signal> signals) {
        return signals.stream().map(s -> s.subject().value()).collect(Collectors.toSet());
    }

    private static String hex(long v) {
        return HexFormat.of().toHexDigits(v);
    }

    @Test
    void oneFaceRecompressedAndRescaledOnTwoApplicationsTiesThemButNotADifferentFaceOrTheSamePersonReapplying() {
        DetectorHarness h = new DetectorHarness()
                .with("hr-employees", csv(EMPLOYEES, worker("E1", "Kevin", "Marsh", "applicant_id", "A1")))
                .with("applicants", csv(APPLICANTS,
                        applicant("A1", "Kevin", "Marsh", "status", "hired", "employee_id", "E1",
                                "photo_file", "photos/A1.jpg"),
                        applicant("A2", "Daniel", "Ortiz", "photo_file", "photos/A2.png"),
                        applicant("A3", "Priya", "Shah", "photo_file", "photos/A3.jpg"),
                        applicant("A4", "Kevin", "Marsh", "photo_file", "photos/A4.jpg")))
                .withFile("A1.jpg", Portraits.jpeg(FACE, 0.85f))
                .withFile("A2.png", Portraits.png(Portraits.decode(Portraits.jpeg(Portraits.resized(FACE, 260, 260),
                        0.4f))))
                .withFile("A3.jpg", Portraits.jpeg(Portraits.draw(12, 512), 0.85f))
                .withFile("A4.jpg", Portraits.jpeg(Portraits.resized(FACE, 300, 300), 0.7f));
        List<Signal> signals = h.run(new SharedIdentifierDetector());
        // A4 is Kevin Marsh applying again: the same person as E1, so not tied to E1; both are tied to
        // Daniel Ortiz, whose application carries their face; Priya Shah's face is another
        assertThat(subjects(signals)).containsExactlyInAnyOrder("E1", "A2", "A4");
        Signal hire = signals.stream().filter(s -> s.subject().equals(EntityRef.worker("E1"))).findFirst().orElseThrow();
        assertThat(hire.strength()).isEqualTo(Links.Kind.PHOTO.strength());
        assertThat(hire.explanation()).contains("profile photo of Kevin Marsh (worker E1)", "Daniel Ortiz (applicant A2)")
                .doesNotContain("A4", "A3");
        Signal ortiz = signals.stream().filter(s -> s.subject().value().equals("A2")).findFirst().orElseThrow();
        assertThat(ortiz.strength()).isGreaterThan(Links.Kind.PHOTO.strength()); // two others
        assertThat(ortiz.explanation()).contains("worker E1", "applicant A4").doesNotContain("A3");
        assertThat(hire.evidence()).extracting(r -> r.file()).anyMatch(f -> f.endsWith("A2.png"));
    }

    @Test
    void precomputedHashesNearTheLooseThresholdAreOnlyWeakAndFartherOnesAreNotTies() {
        long face = 0x9c3e_61f0_0ff1_a5c3L;
        long fiveBitsOff = face ^ 0b1_0010_0100_1000_0001L;     // 5 bits differ: similar, not a copy
        long sevenBitsOff = face ^ 0x8000_0000_0000_007EL;     // 7 bits: beyond the default 6
        List<Signal> signals = new DetectorHarness().with("applicants", csv(APPLICANTS,
                applicant("A1", "Amy", "Cole", "photo_phash", hex(face)),
                applicant("A2", "Bea", "Diaz", "photo_phash", "0x" + hex(fiveBitsOff).toUpperCase()),
                applicant("A3", "Cal", "Eng", "photo_phash", hex(sevenBitsOff))))
                .run(new SharedIdentifierDetector());
        assertThat(subjects(signals)).containsExactlyInAnyOrder("A1", "A2");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(Links.WEAK_PHOTO_STRENGTH);
            assertThat(s.explanation()).contains("5 of 64", "or a very similar one");
        });
        // a tighter threshold drops the pair; a looser one takes in the third
        assertThat(new DetectorHarness().with("applicants", csv(APPLICANTS,
                applicant("A1", "Amy", "Cole", "photo_phash", hex(face)),
                applicant("A2", "Bea", "Diaz", "photo_phash", hex(fiveBitsOff))))
                .settings(SharedIdentifierDetector.ID, Map.of("photo_distance", 4))
                .run(new SharedIdentifierDetector())).isEmpty();
    }

    @Test
    void aPlaceholderPictureOnManyApplicationsIsNotAFaceAndAMalformedHashIsASkippedRecord() {
        List<Map<String, String>> rows = new ArrayList<>();
        String[] names = {"Ana", "Ben", "Cy", "Di", "Ed"};
        for (int i = 0; i < names.length; i++) {
            rows.add(applicant("A" + i, names[i], "Surname" + (char) ('A' + i), "photo_phash", "00ff00ff00ff00ff"));
        }
        rows.add(applicant("A9", "Zed", "Zulu", "photo_phash", "not-a-hash"));
        @SuppressWarnings("unchecked")
        DetectorHarness h = new DetectorHarness().with("applicants", csv(APPLICANTS, rows.toArray(new Map[0])))
                .settings(SharedIdentifierDetector.ID, Map.of("max_group", 4));
        assertThat(h.run(new SharedIdentifierDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsKey("photo on more than max_group applications: a placeholder, not a face")
                .containsEntry("photo_phash not 16 hex digits", 1L);
    }

    @Test
    void theBandedSearchFindsExactlyThePairsABruteForceFinds() {
        java.util.Random r = new java.util.Random(5);
        List<Long> hashes = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long base = r.nextLong();
            hashes.add(base);
            if (i % 4 == 0) {
                long near = base;
                for (int k = r.nextInt(9); k > 0; k--) {
                    near ^= 1L << r.nextInt(64);
                }
                hashes.add(near);
            }
        }
        Set<String> brute = new java.util.HashSet<>();
        for (int a = 0; a < hashes.size(); a++) {
            for (int b = a + 1; b < hashes.size(); b++) {
                if (Long.bitCount(hashes.get(a) ^ hashes.get(b)) <= 6) {
                    brute.add(a + "-" + b);
                }
            }
        }
        Set<String> banded = HammingPairs.within(hashes, 6, 200, new long[1]).stream()
                .map(p -> p.first() + "-" + p.second()).collect(Collectors.toSet());
        assertThat(brute).hasSizeGreaterThan(50);
        assertThat(banded).isEqualTo(brute);
    }

    @Test
    void aPairInACrowdedBucketIsStillFoundThroughAnotherBandOnce() {
        long a = 0x0123_4567_89AB_CDEFL;
        long b = a ^ 0b11;                       // differs in band 0 (bits 0-8) only
        long c = a ^ ~(0x1FFL << 9);             // agrees with both in band 1 (bits 9-17) only
        long[] crowded = new long[1];
        List<HammingPairs.Pair> pairs = HammingPairs.within(List.of(a, b, c), 6, 2, crowded);
        assertThat(crowded[0]).isEqualTo(1);     // band 1's bucket {a, b, c} is over the limit of 2
        assertThat(pairs).containsExactly(new HammingPairs.Pair(0, 1, 2));
    }
}
