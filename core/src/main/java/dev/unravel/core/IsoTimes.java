package dev.unravel.core;

import java.time.Instant;

/**
 * ISO-8601 timestamps read by hand, for the readers of both modules (ingest's {@code Times},
 * sigma's evtx_dump reader): nearly every log timestamp has this shape, and the general
 * formatter took about a tenth of a scan.
 */
public final class IsoTimes {
    private IsoTimes() {
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.fraction][Z|±HH:MM]} (a space for the T, and no zone,
     * meaning UTC, also read). Anything else — another shape, any field out of range, hour 24, a
     * leap second — returns null and goes to the caller's formatter, which decides.
     */
    public static Instant parse(String s) {
        int n = s.length();
        if (n < 19 || s.charAt(4) != '-' || s.charAt(7) != '-' || (s.charAt(10) != 'T' && s.charAt(10) != ' ')
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int y = digits(s, 0, 4);
        int mo = digits(s, 5, 2);
        int d = digits(s, 8, 2);
        int h = digits(s, 11, 2);
        int mi = digits(s, 14, 2);
        int sec = digits(s, 17, 2);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59
                || d > java.time.YearMonth.of(y, mo).lengthOfMonth()) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (i < n && s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        int offset = 0;
        if (i < n) {
            char z = s.charAt(i);
            if (z == 'Z' && i + 1 == n) {
                offset = 0;
            } else if ((z == '+' || z == '-') && i + 6 == n && s.charAt(i + 3) == ':') {
                int oh = digits(s, i + 1, 2);
                int om = digits(s, i + 4, 2);
                if (oh < 0 || oh > 18 || om < 0 || om > 59) {
                    return null;
                }
                offset = (oh * 3600 + om * 60) * (z == '-' ? -1 : 1);
            } else {
                return null;
            }
        }
        long days = java.time.LocalDate.of(y, mo, d).toEpochDay();
        return Instant.ofEpochSecond(days * 86_400L + h * 3600L + mi * 60L + sec - offset, nanos);
    }

    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

}
