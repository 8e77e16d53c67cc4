package dev.unravel.detect;

import java.util.Arrays;

/**
 * A set of days (days since the epoch) kept as bits from the earliest day in it: a laptop's two
 * months of days in one {@code long} and its header, where a {@code HashSet<Long>} holds a boxed
 * key and a node per day. Detectors keep such a set per worker and device, so at a company's scale
 * the difference is hundreds of megabytes. Days come mostly in order (a scan restores time order);
 * an earlier day moves the bits along. Only days from 1990 to 2099 are taken ({@link #fits}), so a
 * record dated centuries off cannot make the bits grow without bound.
 */
public final class DaySet {
    /** The first and last days a set takes, 1990-01-01 and 2099-12-31: at most 631 longs of bits. */
    public static final long FIRST_DAY = 7_305;
    public static final long LAST_DAY = 47_481;

    private long base = Long.MIN_VALUE;
    private long[] bits = new long[1];
    private int size;

    /**
     * Whether {@code day} can be added: from {@link #FIRST_DAY} to {@link #LAST_DAY}. A record dated
     * otherwise (a broken clock, a hostile file) is for the caller to count and pass over.
     */
    public static boolean fits(long day) {
        return day >= FIRST_DAY && day <= LAST_DAY;
    }

    /** Adds {@code day}; true when it was not in the set. A day that does not {@link #fits fit} is refused. */
    public boolean add(long day) {
        if (!fits(day)) {
            throw new IllegalArgumentException("day " + day + " is outside 1990-2099; ask fits() first");
        }
        if (base == Long.MIN_VALUE) {
            base = day;
        } else if (day < base) {
            shift(base - day);
            base = day;
        }
        long offset = day - base;
        if (offset >= (long) bits.length * 64) {
            bits = Arrays.copyOf(bits, (int) Math.max(bits.length * 2L, offset / 64 + 1));
        }
        int word = (int) (offset >>> 6);
        long mask = 1L << (offset & 63);
        if ((bits[word] & mask) != 0) {
            return false;
        }
        bits[word] |= mask;
        size++;
        return true;
    }

    /** Whether {@code day} is in the set. */
    public boolean contains(long day) {
        long offset = day - base;
        return base != Long.MIN_VALUE && offset >= 0 && offset < (long) bits.length * 64
                && (bits[(int) (offset >>> 6)] & (1L << (offset & 63))) != 0;
    }

    /** How many days. */
    public int size() {
        return size;
    }

    /** Moves every bit {@code by} places up, for a day earlier than the base. */
    private void shift(long by) {
        long[] old = bits;
        bits = new long[(int) ((by + (long) old.length * 64 + 63) / 64)];
        for (int w = 0; w < old.length; w++) {
            long word = old[w];
            while (word != 0) {
                int bit = Long.numberOfTrailingZeros(word);
                long offset = (long) w * 64 + bit + by;
                bits[(int) (offset >>> 6)] |= 1L << (offset & 63);
                word &= word - 1;
            }
        }
    }
}
