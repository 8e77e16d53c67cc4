package dev.unravel.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Keccak256Test {

    @Test
    void digestMatchesThePublishedKeccak256Vectors() {
        assertThat(HexFormat.of().formatHex(Keccak256.digest(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(HexFormat.of().formatHex(Keccak256.digest("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    @Test
    void theSameSpongeWithSha3PaddingIsTheJdksSha3AcrossBlockBoundaries() throws Exception {
        Random random = new Random(7);
        for (int length = 0; length <= 3 * 136 + 1; length++) {
            byte[] input = new byte[length];
            random.nextBytes(input);
            assertThat(Keccak256.sponge(input, (byte) 0x06)).as("length %d", length)
                    .isEqualTo(MessageDigest.getInstance("SHA3-256").digest(input));
        }
    }
}
