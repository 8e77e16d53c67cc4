package dev.unravel.sim.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sim.Rng;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KeccakTest {

    @Test
    void keccak256MatchesEthereumVectors() {
        assertThat(hex(Keccak.keccak256(new byte[0])))
                .isEqualTo("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
        assertThat(hex(Keccak.keccak256("abc".getBytes(StandardCharsets.US_ASCII))))
                .isEqualTo("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    }

    @Test
    void spongeWithSha3PaddingMatchesTheJdkAcrossBlockBoundaries() throws Exception {
        Rng rng = Rng.of(7);
        for (int length = 0; length <= 3 * 136 + 1; length++) {
            byte[] input = new byte[length];
            for (int i = 0; i < length; i++) {
                input[i] = (byte) rng.nextInt(256);
            }
            assertThat(Keccak.sponge(input, (byte) 0x06))
                    .as("length %d", length)
                    .isEqualTo(MessageDigest.getInstance("SHA3-256").digest(input));
        }
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
