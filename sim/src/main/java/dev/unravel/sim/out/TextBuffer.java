package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A reusable buffer for the formatted values vendors print (timestamps in their own layouts, hex
 * ids), written straight to a generator so that millions of records need no temporary strings.
 * One per writer; not thread-safe.
 */
final class TextBuffer {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
            "Nov", "Dec"};

    private final StringBuilder text = new StringBuilder(128);
    private char[] chars = new char[128];
    private long cachedEpochDay = Long.MIN_VALUE;
    private LocalDate cachedDate;

    TextBuffer clear() {
        text.setLength(0);
        return this;
    }

    TextBuffer append(String s) {
        text.append(s);
        return this;
    }

    TextBuffer append(char c) {
        text.append(c);
        return this;
    }

    /** Upper-case hex of the low {@code digits * 4} bits, zero-padded. */
    TextBuffer hex(long value, int digits) {
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            text.append(HEX[(int) (value >>> shift) & 0xF]);
        }
        return this;
    }

    /** {@code 2026-03-02<sep>14:03:11} followed by {@code fractionDigits} digits of the second (0 for none). */
    TextBuffer utc(Instant t, char separator, int fractionDigits) {
        LocalDate date = date(t);
        int second = (int) Math.floorMod(t.getEpochSecond(), 86_400L);
        pad(date.getYear(), 4).append('-');
        pad(date.getMonthValue(), 2).append('-');
        pad(date.getDayOfMonth(), 2).append(separator);
        clock(second);
        if (fractionDigits > 0) {
            text.append('.');
            pad(t.getNano() / pow10(9 - fractionDigits), fractionDigits);
        }
        return this;
    }

    /** C's {@code asctime} layout with a UTC suffix, as osquery prints {@code calendarTime}: {@code Mon Mar  2 14:03:11 2026 UTC}. */
    TextBuffer asctime(Instant t) {
        LocalDate date = date(t);
        text.append(DAYS[date.getDayOfWeek().ordinal()]).append(' ').append(MONTHS[date.getMonthValue() - 1]).append(' ');
        if (date.getDayOfMonth() < 10) {
            text.append(' ');
        }
        text.append(date.getDayOfMonth()).append(' ');
        clock((int) Math.floorMod(t.getEpochSecond(), 86_400L));
        text.append(' ').append(date.getYear()).append(" UTC");
        return this;
    }

    /** Seconds with up to six decimals and trailing zeros dropped ({@code 1588316733.39797}), as Zeek prints times and intervals. */
    TextBuffer seconds(long micros) {
        text.append(Math.floorDiv(micros, 1_000_000L)).append('.');
        int fraction = (int) Math.floorMod(micros, 1_000_000L);
        if (fraction == 0) {
            text.append('0');
            return this;
        }
        int digits = 6;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        pad(fraction, digits);
        return this;
    }

    void writeString(JsonGenerator json) throws IOException {
        json.writeString(chars(), 0, text.length());
    }

    void writeNumber(JsonGenerator json) throws IOException {
        json.writeNumber(chars(), 0, text.length());
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private char[] chars() {
        if (chars.length < text.length()) {
            chars = new char[text.length() * 2];
        }
        text.getChars(0, text.length(), chars, 0);
        return chars;
    }

    private LocalDate date(Instant t) {
        long epochDay = Math.floorDiv(t.getEpochSecond(), 86_400L);
        if (epochDay != cachedEpochDay) {
            cachedEpochDay = epochDay;
            cachedDate = LocalDate.ofEpochDay(epochDay);
        }
        return cachedDate;
    }

    private void clock(int secondOfDay) {
        pad(secondOfDay / 3600, 2).append(':');
        pad(secondOfDay / 60 % 60, 2).append(':');
        pad(secondOfDay % 60, 2);
    }

    private TextBuffer pad(int value, int width) {
        int start = text.length();
        text.append(value);
        while (text.length() - start < width) {
            text.insert(start, '0');
        }
        return this;
    }

    private static int pow10(int n) {
        int p = 1;
        for (int i = 0; i < n; i++) {
            p *= 10;
        }
        return p;
    }

    /** Micro-seconds since the epoch, the resolution Zeek and Sysmon keep. */
    static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000L + t.getNano() / 1_000;
    }
}
