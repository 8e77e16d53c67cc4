package dev.unravel.sigma.match;

import java.util.ArrayList;
import java.util.List;

/**
 * Literals that must stand at a value's start ({@code startswith}), at its end ({@code endswith})
 * or be the whole value (equality), looked up by the value's first or last few characters.
 *
 * <p>Why not one bucket per first or last character: SigmaHQ's {@code Image|endswith} lists are
 * file names, nearly all ending in {@code .exe}, so a bucket by last character held almost every
 * literal of the list and a test compared fifty of them, each a String and its array in other
 * cache lines. Here the key is the first or last {@code min(shortest literal, 8)} characters, so
 * a lookup usually finds one candidate or none; the literals are copied into one {@code char[]}
 * beside their offsets, and a candidate is compared there, without touching a String.
 *
 * <p>Immutable; shared by every thread.
 */
final class AnchoredLiterals {
    private static final int MAX_KEY = 8;

    private final ValueTest.Position position;
    private final int keyLength;
    private final int mask;
    /** Bucket {@code b}'s literals are numbers {@code starts[b] .. starts[b + 1]}. */
    private final int[] starts;
    /** Literal {@code i} is {@code pool[offsets[i] .. offsets[i + 1])}. */
    private final int[] offsets;
    private final char[] pool;

    /**
     * @param literals  non-empty literals, as the values they are compared with are (lower-cased
     *                  unless the test is cased)
     * @param position  {@link ValueTest.Position#PREFIX}, {@link ValueTest.Position#SUFFIX} or
     *                  {@link ValueTest.Position#EQUALS}
     */
    AnchoredLiterals(List<String> literals, ValueTest.Position position) {
        if (position == ValueTest.Position.CONTAINS) {
            throw new IllegalArgumentException("a 'contains' literal has no anchor");
        }
        this.position = position;
        int min = Integer.MAX_VALUE;
        for (String l : literals) {
            if (l.isEmpty()) {
                throw new IllegalArgumentException("an empty literal has no anchor");
            }
            min = Math.min(min, l.length());
        }
        this.keyLength = Math.min(min, MAX_KEY);
        int size = Integer.highestOneBit(Math.max(2, literals.size() * 2) - 1) << 1;
        this.mask = size - 1;
        List<List<String>> buckets = new ArrayList<>(size);
        for (int b = 0; b < size; b++) {
            buckets.add(new ArrayList<>(1));
        }
        for (String l : literals) {
            buckets.get(bucket(l, keyFrom(l.length()))).add(l);
        }
        this.starts = new int[size + 1];
        this.offsets = new int[literals.size() + 1];
        StringBuilder chars = new StringBuilder();
        int i = 0;
        for (int b = 0; b < size; b++) {
            starts[b] = i;
            for (String l : buckets.get(b)) {
                offsets[i++] = chars.length();
                chars.append(l);
            }
        }
        starts[size] = i;
        offsets[i] = chars.length();
        this.pool = chars.toString().toCharArray();
    }

    /** Where the key characters of a value of length {@code n} start. */
    private int keyFrom(int n) {
        return position == ValueTest.Position.SUFFIX ? n - keyLength : 0;
    }

    private int bucket(String s, int from) {
        int h = 0;
        for (int i = from, end = from + keyLength; i < end; i++) {
            h = 31 * h + s.charAt(i);
        }
        h *= 0x9E3779B9;
        return (h ^ (h >>> 15)) & mask;
    }

    /** Whether one of the literals stands in {@code v} at this set's position. */
    boolean matches(String v) {
        int n = v.length();
        if (n < keyLength) {
            return false;
        }
        int b = bucket(v, keyFrom(n));
        for (int i = starts[b], end = starts[b + 1]; i < end; i++) {
            int from = offsets[i];
            int length = offsets[i + 1] - from;
            int at = switch (position) {
                case PREFIX -> 0;
                case SUFFIX -> n - length;
                default -> length == n ? 0 : -1;
            };
            if (at >= 0 && length <= n && regionEquals(v, at, from, length)) {
                return true;
            }
        }
        return false;
    }

    private boolean regionEquals(String v, int at, int from, int length) {
        char[] p = pool;
        for (int k = 0; k < length; k++) {
            if (v.charAt(at + k) != p[from + k]) {
                return false;
            }
        }
        return true;
    }
}
