package dev.unravel.ingest.read;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * Timestamps as sources write them, to UTC instants: ISO-8601 with or without offset or fraction
 * (a missing offset means UTC, as every log source here writes UTC), the space-separated form
 * some exporters use ({@code 2024-05-02 18:46:21.121000000}), epoch seconds, milliseconds,
 * microseconds or nanoseconds (told apart by magnitude), RFC 1123 (email), and osquery's
 * {@code calendarTime} ({@code Mon Mar  2 14:03:11 2026 UTC}).
 */
public final class Times {
    private Times() {
    }

    private static final DateTimeFormatter LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendLiteral("UTC").optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final DateTimeFormatter CALENDAR = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy 'UTC'",
            Locale.ROOT);

    /**
     * The newest time at {@code key} among the objects of {@code items} (a push's commits and their
     * {@code timestamp}s); null when none has one that reads.
     */
    public static Instant newest(java.util.List<?> items, String key) {
        Instant newest = null;
        for (Object item : items == null ? java.util.List.of() : items) {
            if (item instanceof java.util.Map<?, ?> m && m.get(key) != null) {
                Instant t = parse(m.get(key));
                if (t != null && (newest == null || t.isAfter(newest))) {
                    newest = t;
                }
            }
        }
        return newest;
    }

    /** The instant a value denotes, or null when it is not a timestamp. Never throws. */
    public static Instant parse(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Number n) {
            if (n instanceof Double d) {
                Instant micros = microsecondEpoch(d);
                if (micros != null) {
                    return micros;
                }
            }
            // The shortest decimal form of a double, never scientific notation: 1588316619.797806,
            // not 1.588316619797806E9, whose digits after the point are not the fraction.
            String text = n instanceof java.math.BigDecimal b ? b.toPlainString()
                    : n instanceof Double || n instanceof Float ? plain(n.doubleValue()) : null;
            return epoch(n.doubleValue(), text);
        }
        String s = value.toString().strip();
        if (s.isEmpty()) {
            return null;
        }
        char c = s.charAt(0);
        if (Character.isDigit(c) && s.length() >= 8 && digitsAndPoints(s)) {
            try {
                return epoch(Double.parseDouble(s), s);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        Instant fast = dev.unravel.core.IsoTimes.parse(s);
        if (fast != null) {
            return fast;
        }
        try {
            if (Character.isDigit(c)) {
                var parsed = LOCAL.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
                if (parsed instanceof OffsetDateTime o) {
                    return o.toInstant();
                }
                return ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
            }
            if (s.endsWith("UTC") && s.length() > 20) {
                return LocalDateTime.parse(s, CALENDAR).toInstant(ZoneOffset.UTC);
            }
            return ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException | ArithmeticException e) {
            return null;
        }
    }

    /** Whether every character is a digit (any script, as {@link Character#isDigit}) or '.'. */
    private static boolean digitsAndPoints(String s) {
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch != '.' && !Character.isDigit(ch)) {
                return false;
            }
        }
        return true;
    }

    /** Below 2^32 seconds (the year 2106) a double's spacing is under 0.5 µs: see {@link #microsecondEpoch}. */
    private static final double MICRO_EXACT_BELOW = 4_294_967_296.0;

    /**
     * Epoch seconds with at most six decimals (Zeek's {@code ts}), exactly, without the decimal
     * text {@link #plain} builds (three conversions through strings, a tenth of reading a Zeek
     * line). Below 2^32 two doubles are less than 1 µs apart, so at most one whole number of
     * microseconds rounds to {@code v}; when one does (checked by converting it back, which is
     * exact: the count is below 2^53 and IEEE division rounds correctly), it is the decimal the
     * log wrote. Null when none does (more than six decimals, or out of range): the caller falls
     * back to the decimal text.
     */
    static Instant microsecondEpoch(double v) {
        if (!(v >= 1.0) || !(v < MICRO_EXACT_BELOW)) {
            return null;
        }
        long guess = Math.round(v * 1e6);
        for (long m = guess - 1; m <= guess + 1; m++) {
            if (m / 1e6 == v) {
                return Instant.ofEpochSecond(m / 1_000_000, (m % 1_000_000) * 1000);
            }
        }
        return null;
    }

    private static String plain(double d) {
        return Double.isFinite(d) ? java.math.BigDecimal.valueOf(d).toPlainString() : null;
    }

    /** A calendar date ({@code 2026-03-02}) at the start of the day, UTC; null when it is not one. */
    public static Instant date(String value) {
        try {
            return value == null || value.isBlank() ? null
                    : LocalDate.parse(value.strip()).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant epoch(double v, String text) {
        if (!(v > 0) || Double.isInfinite(v)) {
            return null;
        }
        // Told apart by magnitude: seconds until the year 5138, then ms, µs, ns.
        if (v < 1e11) {
            long secs = (long) v;
            long nanos = text != null && text.indexOf('.') > 0 ? fraction(text) : Math.round((v - secs) * 1e9);
            return Instant.ofEpochSecond(secs, nanos);
        }
        if (v < 1e14) {
            return Instant.ofEpochMilli((long) v);
        }
        if (v < 1e17) {
            long micros = (long) v;
            return Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1000);
        }
        long nanos = (long) v;
        return Instant.ofEpochSecond(nanos / 1_000_000_000, nanos % 1_000_000_000);
    }

    /** The digits after the point as nanoseconds, exactly (no binary rounding of 1588316619.797806). */
    private static long fraction(String text) {
        int dot = text.indexOf('.');
        String f = text.substring(dot + 1);
        if (f.length() > 9) {
            f = f.substring(0, 9);
        }
        long n = f.isEmpty() ? 0 : Long.parseLong(f);
        for (int i = f.length(); i < 9; i++) {
            n *= 10;
        }
        return n;
    }
}
