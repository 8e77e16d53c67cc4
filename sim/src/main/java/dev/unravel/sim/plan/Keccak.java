package dev.unravel.sim.plan;

/**
 * Keccak-256 as Ethereum uses it (the original Keccak padding, not FIPS 202 SHA3-256, which the
 * JDK has). Needed only for EIP-55 address checksums, so a compact sponge is enough.
 */
final class Keccak {
    private static final int RATE = 136;
    private static final long[] ROUND_CONSTANTS = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808AL, 0x8000000080008000L,
        0x000000000000808BL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008AL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000AL,
        0x000000008000808BL, 0x800000000000008BL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800AL, 0x800000008000000AL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L};
    /** Rotation offsets and lane order of the combined rho and pi steps, lane by lane from (1,0). */
    private static final int[] RHO = {1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39,
        61, 20, 44};
    private static final int[] PI = {10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9,
        6, 1};

    private Keccak() {
    }

    static byte[] keccak256(byte[] input) {
        return sponge(input, (byte) 0x01);
    }

    /**
     * The 256-bit sponge with a given domain-separation suffix: {@code 0x01} is Keccak-256,
     * {@code 0x06} is SHA3-256, which lets a test check the permutation against the JDK.
     */
    static byte[] sponge(byte[] input, byte suffix) {
        byte[] padded = new byte[(input.length / RATE + 1) * RATE];
        System.arraycopy(input, 0, padded, 0, input.length);
        padded[input.length] ^= suffix;
        padded[padded.length - 1] ^= (byte) 0x80;
        long[] state = new long[25];
        for (int block = 0; block < padded.length; block += RATE) {
            for (int i = 0; i < RATE / 8; i++) {
                state[i] ^= littleEndian(padded, block + 8 * i);
            }
            permute(state);
        }
        byte[] out = new byte[32];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (state[i / 8] >>> (8 * (i % 8)));
        }
        return out;
    }

    private static long littleEndian(byte[] b, int off) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xFF);
        }
        return v;
    }

    private static void permute(long[] s) {
        long[] c = new long[5];
        for (long rc : ROUND_CONSTANTS) {
            for (int x = 0; x < 5; x++) {
                c[x] = s[x] ^ s[x + 5] ^ s[x + 10] ^ s[x + 15] ^ s[x + 20];
            }
            for (int x = 0; x < 5; x++) {
                long d = c[(x + 4) % 5] ^ Long.rotateLeft(c[(x + 1) % 5], 1);
                for (int y = 0; y < 25; y += 5) {
                    s[y + x] ^= d;
                }
            }
            long carry = s[1];
            for (int i = 0; i < 24; i++) {
                long next = s[PI[i]];
                s[PI[i]] = Long.rotateLeft(carry, RHO[i]);
                carry = next;
            }
            for (int y = 0; y < 25; y += 5) {
                for (int x = 0; x < 5; x++) {
                    c[x] = s[y + x];
                }
                for (int x = 0; x < 5; x++) {
                    s[y + x] = c[x] ^ (~c[(x + 1) % 5] & c[(x + 2) % 5]);
                }
            }
            s[0] ^= rc;
        }
    }
}
