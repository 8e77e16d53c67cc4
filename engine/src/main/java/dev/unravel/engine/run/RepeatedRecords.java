package dev.unravel.engine.run;

import dev.unravel.core.Event;
import java.util.List;
import java.util.Map;

/**
 * Remembers the records (HR, applicant, asset, payroll rows) a scan has passed on, to recognise one
 * read again unchanged: the same row in today's HR export and yesterday's, when the export folder
 * keeps each day's snapshot. Such a row says nothing new, and the detectors that find something in
 * a row (a shared SSN, a changed ship-to address) would report it once per snapshot.
 *
 * <p>A record is its type, its time and its fields, whatever order the file gives the columns in
 * (an export whose columns moved is still the same rows); where it was read is not part of it. It
 * is kept as a 128-bit fingerprint (two independent 64-bit hashes) in an open-addressing table, 16
 * bytes a record, so that a company's history of rows costs megabytes, not copies of the rows; two
 * different rows would have to agree on all 128 bits to be taken for one.
 */
final class RepeatedRecords {
    private static final long SEED_A = 0x9E3779B97F4A7C15L;
    private static final long SEED_B = 0xC2B2AE3D27D4EB4FL;

    private long[] hashA = new long[1024];
    private long[] hashB = new long[1024];
    private int size;
    private long repeated;

    /** Whether {@code record} is new; false for one passed on before (it is then counted). */
    boolean firstTime(Event record) {
        long a = fingerprint(record, SEED_A);
        long b = fingerprint(record, SEED_B);
        if (a == 0 && b == 0) {
            b = 1; // (0, 0) marks an empty place
        }
        int mask = hashA.length - 1;
        for (int i = (int) (a ^ (a >>> 32)) & mask; ; i = (i + 1) & mask) {
            if (hashA[i] == 0 && hashB[i] == 0) {
                hashA[i] = a;
                hashB[i] = b;
                if (++size * 2 > hashA.length) {
                    grow();
                }
                return true;
            }
            if (hashA[i] == a && hashB[i] == b) {
                repeated++;
                return false;
            }
        }
    }

    /** Records recognised as read before, and not passed on again. */
    long repeated() {
        return repeated;
    }

    private void grow() {
        long[] oldA = hashA;
        long[] oldB = hashB;
        hashA = new long[oldA.length * 2];
        hashB = new long[oldB.length * 2];
        int mask = hashA.length - 1;
        for (int j = 0; j < oldA.length; j++) {
            if (oldA[j] != 0 || oldB[j] != 0) {
                int i = (int) (oldA[j] ^ (oldA[j] >>> 32)) & mask;
                while (hashA[i] != 0 || hashB[i] != 0) {
                    i = (i + 1) & mask;
                }
                hashA[i] = oldA[j];
                hashB[i] = oldB[j];
            }
        }
    }

    /** The record's type, time and fields; the fields summed, so that their order does not count. */
    static long fingerprint(Event e, long seed) {
        long time = e.time().getEpochSecond() * 1_000_000_007L + e.time().getNano();
        long h = mix(text(e.type(), seed) ^ mix(time + seed));
        long fields = 0;
        for (Map.Entry<String, Object> f : e.document().entrySet()) {
            fields += mix(text(f.getKey(), seed) * 31 + value(f.getValue(), seed));
        }
        return mix(h + fields);
    }

    private static long value(Object v, long seed) {
        if (v == null) {
            return seed * 7;
        }
        if (v instanceof String s) {
            return text(s, seed);
        }
        if (v instanceof Map<?, ?> m) {
            long sum = 11;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                sum += mix(text(String.valueOf(e.getKey()), seed) * 31 + value(e.getValue(), seed));
            }
            return mix(sum);
        }
        if (v instanceof List<?> l) {
            long h = 13;
            for (Object o : l) {
                h = mix(h * 31 + value(o, seed));
            }
            return h;
        }
        return text(v.getClass().getName() + ":" + v, seed);
    }

    /** FNV-1a over the characters, seeded, then mixed. */
    private static long text(String s, long seed) {
        long h = 0xCBF29CE484222325L ^ seed;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
        }
        return mix(h);
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser: every input bit moves every output bit. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
