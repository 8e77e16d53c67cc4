package dev.unravel.sim.out;

import java.time.Instant;

/**
 * Formats UTC timestamps into a caller's reusable buffer. Vendors differ only in how many
 * fractional digits they print and how they mark UTC ({@code Z}, {@code +00:00}); the simulator
 * formats millions of them, and {@link java.time.format.DateTimeFormatter} allocates on every call.
 */
final class UtcText {
    /** Longest text {@link #format} writes: date, time, nine fraction digits and a six-char zone. */
    static final int MAX_LENGTH = 19 + 10 + 6;

    private static final int[] POW10 = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

    private UtcText() {
    }

    /**
     * Writes {@code yyyy-MM-ddTHH:mm:ss[.fff…]zone} and returns its length.
     *
     * @param fractionDigits 0 to 9 digits of the second, truncated
     * @param zone           what follows the time, e.g. {@code Z} or {@code +00:00}
     */
    static int format(char[] buf, Instant t, int fractionDigits, String zone) {
        long seconds = t.getEpochSecond();
        long days = Math.floorDiv(seconds, 86_400L);
        int secOfDay = (int) Math.floorMod(seconds, 86_400L);
        // Civil date from days since 1970-01-01 (H. Hinnant's days_from_civil inverse).
        long z = days + 719_468;
        long era = Math.floorDiv(z, 146_097);
        long doe = z - era * 146_097;
        long yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int day = (int) (doy - (153 * mp + 2) / 5 + 1);
        int month = (int) (mp < 10 ? mp + 3 : mp - 9);
        int year = (int) (yoe + era * 400 + (month <= 2 ? 1 : 0));
        int n = digits(buf, 0, year, 4);
        buf[n++] = '-';
        n = digits(buf, n, month, 2);
        buf[n++] = '-';
        n = digits(buf, n, day, 2);
        buf[n++] = 'T';
        n = digits(buf, n, secOfDay / 3600, 2);
        buf[n++] = ':';
        n = digits(buf, n, secOfDay / 60 % 60, 2);
        buf[n++] = ':';
        n = digits(buf, n, secOfDay % 60, 2);
        if (fractionDigits > 0) {
            buf[n++] = '.';
            n = digits(buf, n, t.getNano() / POW10[9 - fractionDigits], fractionDigits);
        }
        for (int i = 0; i < zone.length(); i++) {
            buf[n++] = zone.charAt(i);
        }
        return n;
    }

    private static int digits(char[] buf, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            buf[i] = (char) ('0' + value % 10);
            value /= 10;
        }
        return at + width;
    }
}
