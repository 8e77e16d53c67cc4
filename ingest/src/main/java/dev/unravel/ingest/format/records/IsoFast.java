package dev.unravel.ingest.format.records;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The schema's own shapes, {@code yyyy-MM-dd} and {@code yyyy-MM-ddTHH:mm:ssZ}, read without a
 * formatter (several times faster); anything else returns null and goes to the general parser.
 */
final class IsoFast {
    private IsoFast() {
    }

    static LocalDate date(String s) {
        if (s.length() != 10 || s.charAt(4) != '-' || s.charAt(7) != '-') {
            return null;
        }
        int y = digits(s, 0, 4);
        int m = digits(s, 5, 2);
        int d = digits(s, 8, 2);
        if (y < 0 || m < 0 || d < 0) {
            return null;
        }
        try {
            return LocalDate.of(y, m, d);
        } catch (DateTimeException e) {
            return null;
        }
    }

    static Instant timestamp(String s) {
        if (s.length() != 20 || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':'
                || s.charAt(19) != 'Z') {
            return null;
        }
        LocalDate d = date(s.substring(0, 10));
        int h = digits(s, 11, 2);
        int mi = digits(s, 14, 2);
        int sec = digits(s, 17, 2);
        if (d == null || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) {
            return null;
        }
        return Instant.ofEpochSecond(d.toEpochDay() * 86_400L + h * 3600L + mi * 60L + sec);
    }

    private static int digits(String s, int from, int n) {
        int v = 0;
        for (int i = from; i < from + n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static Instant atStartOfDay(LocalDate d) {
        return d.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
