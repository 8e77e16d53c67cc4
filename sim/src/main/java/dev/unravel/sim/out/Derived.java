package dev.unravel.sim.out;

/**
 * Stable ids derived from ids the simulator already chose. A vendor record often carries ids the
 * activity does not (Okta's request id, Entra's correlation id, GitHub's token hash); deriving
 * them from the activity's own id keeps the output identical from run to run without a random
 * stream per writer.
 */
final class Derived {
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final char[] BASE62 =
            "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".toCharArray();

    private Derived() {
    }

    /**
     * A user's SID in the company's domain: one domain identifier, a relative id from the name. Every
     * Windows log that names the account by SID (Security, Sysmon's registry hives, Defender,
     * Falcon, osquery's registry) gives this one.
     */
    static String sid(String username) {
        return "S-1-5-21-1004336348-1177238915-682003330-" + (1100 + StableHash.below(StableHash.of(username), 90_000));
    }

    /** A 64-bit hash of {@code text} under {@code salt} (FNV-1a, then a SplitMix64 finaliser). */
    static long hash(String text, long salt) {
        long h = 0xcbf29ce484222325L ^ salt;
        for (int i = 0; i < text.length(); i++) {
            h ^= text.charAt(i);
            h *= 0x100000001b3L;
        }
        h ^= h >>> 30;
        h *= 0xbf58476d1ce4e5b9L;
        h ^= h >>> 27;
        h *= 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
    }

    /** {@code length} lower-case hex digits drawn from {@code text}. */
    static String hex(String text, long salt, int length) {
        char[] out = new char[length];
        long h = 0;
        for (int i = 0; i < length; i++) {
            if (i % 16 == 0) {
                h = hash(text, salt + i);
            }
            out[i] = HEX[(int) (h >>> 60)];
            h <<= 4;
        }
        return new String(out);
    }

    /** A UUID-shaped id (8-4-4-4-12 lower-case hex) drawn from {@code text}. */
    static String uuid(String text, long salt) {
        String h = hex(text, salt, 32);
        return h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12, 16) + '-' + h.substring(16, 20)
                + '-' + h.substring(20);
    }

    /** An Okta-style object id: a three-letter type prefix and 17 base-62 characters. */
    static String oktaId(String prefix, String text) {
        char[] out = new char[17];
        long h = hash(text, prefix.hashCode());
        for (int i = 0; i < out.length; i++) {
            if (i == 10) {
                h = hash(text, h);
            }
            out[i] = BASE62[(int) Long.remainderUnsigned(h, 62)];
            h = Long.divideUnsigned(h, 62);
        }
        return prefix + new String(out);
    }
}
