package dev.unravel.detect.hours;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;

/**
 * What the clock detectors (a laptop's OS zone, a Remote Desktop client's, a commit's) share: how
 * far one UTC offset is from another, and how to say it to an analyst.
 */
public final class Clocks {

    private Clocks() {
    }

    /** {@code zone}'s offset from UTC at {@code time}, in minutes. */
    public static int offsetMinutes(ZoneId zone, Instant time) {
        return zone.getRules().getOffset(time).getTotalSeconds() / 60;
    }

    /** Minutes between two offsets around the day: UTC+12 and UTC-11 are an hour apart. */
    public static int distance(int a, int b) {
        int apart = Math.abs(a - b);
        return Math.min(apart, 24 * 60 - apart);
    }

    /** Korean or Chinese office clocks (UTC+8/+9) against a declared zone anywhere in the Americas. */
    public static boolean asianDayAgainstAmericas(int offset, int declared) {
        return offset >= 8 * 60 && offset <= 9 * 60 && declared <= -3 * 60;
    }

    /** {@code UTC+9}, {@code UTC-5}, {@code UTC+5:30}. */
    public static String utc(int minutes) {
        String sign = minutes < 0 ? "-" : "+";
        int m = Math.abs(minutes);
        return "UTC" + sign + (m / 60) + (m % 60 == 0 ? "" : String.format(Locale.ROOT, ":%02d", m % 60));
    }

    /** {@code 14 hours ahead}, {@code 2.5 hours behind}: one offset less another. */
    public static String hoursApart(int minutes) {
        int m = Math.abs(minutes);
        String hours = m % 60 == 0 ? (m / 60) + " hours" : String.format(Locale.ROOT, "%.1f hours", m / 60.0);
        return hours + (minutes > 0 ? " ahead" : " behind");
    }
}
