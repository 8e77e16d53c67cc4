package dev.unravel.sim.out;

/**
 * Deterministic 64-bit hashes for values a vendor would record but an activity does not carry
 * (file hashes, logon ids, GUIDs, Zeek uids, ephemeral ports). No randomness and no clock: the
 * same activities always produce byte-identical output.
 */
final class StableHash {
    private static final long FNV_OFFSET = 0xCBF29CE484222325L;
    private static final long FNV_PRIME = 0x100000001B3L;

    private StableHash() {
    }

    /** A hash of a string. */
    static long of(String s) {
        return of(FNV_OFFSET, s);
    }

    /** A hash of a string, chained onto an earlier hash so several values can be combined without concatenating. */
    static long of(long seed, String s) {
        long h = seed;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * FNV_PRIME;
        }
        return mix(h);
    }

    /** A hash of a number, chained onto an earlier hash. */
    static long of(long seed, long value) {
        return mix(seed ^ mix(value));
    }

    /** SplitMix64's finaliser: spreads every input bit over the whole output. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A value in {@code [0, bound)} taken from a hash. */
    static int below(long hash, int bound) {
        return (int) Long.remainderUnsigned(hash, bound);
    }
}
