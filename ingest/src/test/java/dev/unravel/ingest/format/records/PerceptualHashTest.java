package dev.unravel.ingest.format.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.testing.Portraits;
import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class PerceptualHashTest {

    private static long hash(BufferedImage image) throws PerceptualHash.NoHash {
        return PerceptualHash.of(image);
    }

    @Test
    void theSamePortraitRescaledRecompressedAndBrightenedStaysWithinSixBits() throws Exception {
        for (long person = 1; person <= 12; person++) {
            BufferedImage original = Portraits.draw(person, 512);
            long h = hash(original);
            long smaller = hash(Portraits.resized(original, 180, 180));
            long squashed = hash(Portraits.resized(original, 300, 340));
            long recompressed = hash(Portraits.decode(Portraits.jpeg(Portraits.resized(original, 240, 240), 0.35f)));
            long brighter = hash(Portraits.brighter(original, 40));
            long darker = hash(Portraits.decode(Portraits.jpeg(Portraits.brighter(original, -35), 0.6f)));
            for (long variant : new long[] {smaller, squashed, recompressed, brighter, darker}) {
                assertThat(PerceptualHash.distance(h, variant)).as("person %d", person).isLessThanOrEqualTo(6);
            }
        }
    }

    @Test
    void differentPortraitsAreFarApart() throws Exception {
        int people = 40;
        long[] hashes = new long[people];
        for (int i = 0; i < people; i++) {
            hashes[i] = hash(Portraits.draw(100 + i, 256));
        }
        int closest = 64;
        for (int i = 0; i < people; i++) {
            for (int j = i + 1; j < people; j++) {
                closest = Math.min(closest, PerceptualHash.distance(hashes[i], hashes[j]));
            }
        }
        // 780 pairs of different drawings (one template, so more alike than real photos): none
        // within the default threshold of 6
        assertThat(closest).isGreaterThan(6);
    }

    @Test
    void blankAndTinyPicturesHaveNoHashRatherThanOneThatMatchesEveryOtherBlank() {
        BufferedImage grey = new BufferedImage(200, 200, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 200; y++) {
            for (int x = 0; x < 200; x++) {
                grey.setRGB(x, y, 0x808080);
            }
        }
        assertThatThrownBy(() -> hash(grey)).isInstanceOf(PerceptualHash.NoHash.class).hasMessageContaining("no detail");
        assertThatThrownBy(() -> hash(Portraits.draw(1, 20))).hasMessageContaining("too small");
    }

    @Test
    void hashesRoundTripThroughHexAndMalformedHexIsRefused() throws Exception {
        long h = hash(Portraits.draw(7, 128));
        assertThat(PerceptualHash.parse(PerceptualHash.hex(h))).isEqualTo(h);
        assertThat(PerceptualHash.parse("0x" + PerceptualHash.hex(h).toUpperCase())).isEqualTo(h);
        assertThat(PerceptualHash.parse("ffffffffffffffff")).isEqualTo(-1L);
        assertThat(PerceptualHash.parse("fffffffffffffff")).isNull();
        assertThat(PerceptualHash.parse("gfffffffffffffff")).isNull();
        assertThat(PerceptualHash.distance(0L, -1L)).isEqualTo(64);
    }
}
