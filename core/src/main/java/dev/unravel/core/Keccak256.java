package dev.unravel.core;

/**
 * Keccak-256 as Ethereum and Monero use it: the original Keccak submission with padding byte
 * {@code 0x01}, not FIPS-202 SHA3-256 (padding {@code 0x06}), so the JDK's "SHA3-256" gives the
 * wrong digest. Written here rather than pulling in Bouncy Castle for one 60-line permutation;
 * in core because the simulator (making wallet addresses) and triage (checking them) both need it.
 */
public final class Keccak256 {
    private static final int RATE_BYTES = 136;

    private static final long[] ROUND_CONSTANTS = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
        0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
        0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L
    };
    private static final int[] ROTATIONS = {
        1, 3, 6, 10, 15, 21, 28, 36, 45, 55, 2, 14, 27, 41, 56, 8, 25, 43, 62, 18, 39, 61, 20, 44
    };
    private static final int[] PI_LANES = {
        10, 7, 11, 17, 18, 3, 5, 16, 8, 21, 24, 4, 15, 23, 19, 13, 12, 2, 20, 14, 22, 9, 6, 1
    };

    private Keccak256() {}

    /** Keccak-256 of {@code input}. */
    public static byte[] digest(byte[] input) {
        return sponge(input, (byte) 0x01);
    }

    /** The sponge with a given domain padding byte; {@code 0x06} gives SHA3-256, which tests compare with the JDK. */
    public static byte[] sponge(byte[] input, byte padding) {
        long[] state = new long[25];
        int offset = 0;
        while (input.length - offset >= RATE_BYTES) {
            absorb(state, input, offset);
            offset += RATE_BYTES;
        }
        byte[] last = new byte[RATE_BYTES];
        System.arraycopy(input, offset, last, 0, input.length - offset);
        last[input.length - offset] ^= padding;
        last[RATE_BYTES - 1] ^= (byte) 0x80;
        absorb(state, last, 0);
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            out[i] = (byte) (state[i / 8] >>> (8 * (i % 8)));
        }
        return out;
    }

    private static void absorb(long[] state, byte[] block, int offset) {
        for (int i = 0; i < RATE_BYTES; i++) {
            state[i / 8] ^= (block[offset + i] & 0xFFL) << (8 * (i % 8));
        }
        permute(state);
    }

    private static void permute(long[] st) {
        long[] bc = new long[5];
        for (int round = 0; round < 24; round++) {
            for (int i = 0; i < 5; i++) {
                bc[i] = st[i] ^ st[i + 5] ^ st[i + 10] ^ st[i + 15] ^ st[i + 20];
            }
            for (int i = 0; i < 5; i++) {
                long t = bc[(i + 4) % 5] ^ Long.rotateLeft(bc[(i + 1) % 5], 1);
                for (int j = 0; j < 25; j += 5) {
                    st[j + i] ^= t;
                }
            }
            long carried = st[1];
            for (int i = 0; i < 24; i++) {
                int lane = PI_LANES[i];
                long next = st[lane];
                st[lane] = Long.rotateLeft(carried, ROTATIONS[i]);
                carried = next;
            }
            for (int j = 0; j < 25; j += 5) {
                for (int i = 0; i < 5; i++) {
                    bc[i] = st[j + i];
                }
                for (int i = 0; i < 5; i++) {
                    st[j + i] ^= ~bc[(i + 1) % 5] & bc[(i + 2) % 5];
                }
            }
            st[0] ^= ROUND_CONSTANTS[round];
        }
    }
}
