package dev.unravel.engine.report;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The activity-by-hour chart of one worker: an inline SVG bar chart of events per UTC hour, each
 * bar placed at its start in the worker's declared time zone, with the declared working day
 * (09:00–17:00) shaded and, for reference, the 09:00–17:00 working day at UTC+9 (Korea) marked
 * under the axis. One offset serves the whole chart: the zone's offset at the period's start
 * (a daylight-saving change within the period is not applied). Offsets that are not whole hours
 * (India, Nepal) place bars between hour marks rather than rounding.
 */
final class HourChart {

    static final int WORK_START_MIN = 9 * 60;
    static final int WORK_END_MIN = 17 * 60;
    private static final int KOREA_OFFSET_MIN = 9 * 60;
    private static final int DAY = 24 * 60;

    private static final int WIDTH = 720;
    static final int LEFT = 44;
    private static final int RIGHT = 22;
    private static final int TOP = 12;
    private static final int PLOT_H = 120;
    private static final int HEIGHT = TOP + PLOT_H + 46;
    static final double PLOT_W = WIDTH - LEFT - RIGHT;

    /** The zone the chart is drawn in and why, resolved once per worker. */
    record Frame(ZoneId zone, int offsetMinutes, String zoneLabel, String note) {
    }

    private HourChart() {
    }

    /**
     * The chart's frame: the declared zone's offset at {@code at} (the period's start), or UTC
     * when the zone is absent or not recognised (with a note saying so).
     */
    static Frame frame(String declaredZone, Instant at) {
        if (declaredZone == null || declaredZone.isBlank()) {
            return new Frame(ZoneOffset.UTC, 0, "UTC", "no declared time zone, so hours are shown in UTC");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(declaredZone.trim(), ZoneId.SHORT_IDS);
        } catch (DateTimeException e) {
            return new Frame(ZoneOffset.UTC, 0, "UTC",
                    "the declared time zone \u201c" + declaredZone + "\u201d is not recognised, so hours are shown in UTC");
        }
        ZoneOffset off = at != null ? zone.getRules().getOffset(at) : zone.getRules().getStandardOffset(Instant.EPOCH);
        return new Frame(zone, off.getTotalSeconds() / 60, zone.getId(), null);
    }

    /** Minute of the local day (0–1439) at which UTC hour {@code h} starts. */
    static int localStart(int utcHour, int offsetMinutes) {
        return Math.floorMod(utcHour * 60 + offsetMinutes, DAY);
    }

    /** Share of events in UTC hours that fall inside the local 09:00–17:00 (by minutes of overlap). */
    static double workdayShare(long[] byHour, int offsetMinutes) {
        double total = 0;
        double inside = 0;
        for (int h = 0; h < 24; h++) {
            total += byHour[h];
            inside += byHour[h] * overlap(localStart(h, offsetMinutes), WORK_START_MIN, WORK_END_MIN) / 60.0;
        }
        return total == 0 ? 0 : inside / total;
    }

    /** The eight consecutive UTC hours holding most events: {first UTC hour, events}. */
    static long[] busiestEight(long[] byHour) {
        long best = -1;
        int bestStart = 0;
        for (int s = 0; s < 24; s++) {
            long sum = 0;
            for (int k = 0; k < 8; k++) {
                sum += byHour[(s + k) % 24];
            }
            if (sum > best) {
                best = sum;
                bestStart = s;
            }
        }
        return new long[] {bestStart, best};
    }

    private static int overlap(int start, int from, int to) {
        // the hour [start, start+60) may wrap past midnight
        int a = Math.max(start, from);
        int b = Math.min(start + 60, to);
        int n = Math.max(0, b - a);
        if (start + 60 > DAY) {
            int a2 = Math.max(0, from);
            int b2 = Math.min(start + 60 - DAY, to);
            n += Math.max(0, b2 - a2);
        }
        return n;
    }

    /** 24 values from the report's array, tolerating a missing or malformed one. */
    static long[] normalise(int[] byHourUtc) {
        long[] out = new long[24];
        if (byHourUtc != null) {
            for (int i = 0; i < Math.min(24, byHourUtc.length); i++) {
                out[i] = Math.max(0, byHourUtc[i]);
            }
        }
        return out;
    }

    static String hhmm(int minuteOfDay) {
        int m = Math.floorMod(minuteOfDay, DAY);
        return two(m / 60) + ":" + two(m % 60);
    }

    static String offsetLabel(int offsetMinutes) {
        String sign = offsetMinutes < 0 ? "\u2212" : "+";
        int a = Math.abs(offsetMinutes);
        return "UTC" + sign + two(a / 60) + ":" + two(a % 60);
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static double x(double minute) {
        return LEFT + minute / DAY * PLOT_W;
    }

    /** One decimal, without String.format (called a hundred times per chart). */
    static String f(double v) {
        long t = Math.round(v * 10);
        String sign = t < 0 ? "-" : "";
        t = Math.abs(t);
        return sign + (t / 10) + "." + (t % 10);
    }

    /** Appends the SVG: exactly 24 {@code class="bar"} rectangles, one per UTC hour. */
    static void svg(StringBuilder sb, long[] byHour, Frame frame, String ariaLabel) {
        long max = 0;
        for (long v : byHour) {
            max = Math.max(max, v);
        }
        int off = frame.offsetMinutes();
        int bottom = TOP + PLOT_H;
        sb.append("<svg class=\"hours\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"");
        Html.append(sb, ariaLabel, 300);
        sb.append("\">");
        // declared working day
        sb.append("<rect class=\"workday\" x=\"").append(f(x(WORK_START_MIN))).append("\" y=\"").append(TOP)
                .append("\" width=\"").append(f(x(WORK_END_MIN) - x(WORK_START_MIN))).append("\" height=\"")
                .append(PLOT_H).append("\"><title>09:00\u201317:00 in ").append(Html.escape(frame.zoneLabel()))
                .append(": the declared working day</title></rect>");
        // grid lines at the maximum and half of it
        for (int i = 1; i <= 2; i++) {
            double y = bottom - PLOT_H * i / 2.0;
            sb.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(f(LEFT + PLOT_W))
                    .append("\" y1=\"").append(f(y)).append("\" y2=\"").append(f(y)).append("\"/>");
            long label = i == 2 ? max : max / 2;
            sb.append("<text class=\"ylab\" x=\"").append(LEFT - 4).append("\" y=\"").append(f(y + 4))
                    .append("\" text-anchor=\"end\">").append(max == 0 && i == 1 ? "" : Long.toString(label))
                    .append("</text>");
        }
        // bars: one per UTC hour, at its local start; a bar crossing midnight is drawn in two parts
        double slot = PLOT_W / 24;
        for (int h = 0; h < 24; h++) {
            int start = localStart(h, off);
            double height = max == 0 ? 0 : PLOT_H * (double) byHour[h] / max;
            double y = bottom - height;
            int firstPart = Math.min(60, DAY - start);
            double w1 = slot * firstPart / 60.0;
            sb.append("<rect class=\"bar\" data-utc-hour=\"").append(h).append("\" x=\"").append(f(x(start) + 1))
                    .append("\" y=\"").append(f(y)).append("\" width=\"").append(f(Math.max(0.5, w1 - 2)))
                    .append("\" height=\"").append(f(height)).append("\"><title>");
            sb.append(hhmm(start)).append('\u2013').append(hhmm(start + 59)).append(' ')
                    .append(Html.escape(frame.zoneLabel())).append(" (").append(two(h)).append(":00\u2013")
                    .append(two(h)).append(":59 UTC): ").append(byHour[h]).append(byHour[h] == 1 ? " event" : " events")
                    .append("</title></rect>");
            if (firstPart < 60) {
                double w2 = slot * (60 - firstPart) / 60.0;
                sb.append("<rect class=\"bar-wrap\" x=\"").append(f(x(0))).append("\" y=\"").append(f(y))
                        .append("\" width=\"").append(f(Math.max(0.5, w2 - 1))).append("\" height=\"").append(f(height))
                        .append("\"/>");
            }
        }
        // axis and local hour labels
        sb.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(f(LEFT + PLOT_W))
                .append("\" y1=\"").append(bottom).append("\" y2=\"").append(bottom).append("\"/>");
        for (int hr = 0; hr <= 24; hr += 3) {
            sb.append("<text class=\"xlab\" x=\"").append(f(x(hr * 60))).append("\" y=\"").append(bottom + 14)
                    .append("\" text-anchor=\"middle\">").append(two(hr)).append(":00</text>");
        }
        // reference: 09:00–17:00 at UTC+9, unless that is the declared day itself
        if (off != KOREA_OFFSET_MIN) {
            int ks = Math.floorMod(WORK_START_MIN - KOREA_OFFSET_MIN + off, DAY);
            int ke = ks + (WORK_END_MIN - WORK_START_MIN);
            double y = bottom + 22;
            sb.append("<g class=\"ref\"><title>09:00\u201317:00 at UTC+9 (Korea), shown in ")
                    .append(Html.escape(frame.zoneLabel())).append("</title>");
            refSegment(sb, ks, Math.min(ke, DAY), y);
            if (ke > DAY) {
                refSegment(sb, 0, ke - DAY, y);
            }
            double labelAt = ke > DAY ? (DAY - ks > ke - DAY ? (ks + DAY) / 2.0 : (ke - DAY) / 2.0) : (ks + ke) / 2.0;
            sb.append("<text class=\"reflab\" x=\"").append(f(x(labelAt))).append("\" y=\"").append(f(y + 15))
                    .append("\" text-anchor=\"middle\">09\u201317 at UTC+9</text></g>");
        }
        sb.append("</svg>");
    }

    private static void refSegment(StringBuilder sb, int from, int to, double y) {
        sb.append("<rect class=\"refband\" x=\"").append(f(x(from))).append("\" y=\"").append(f(y))
                .append("\" width=\"").append(f(x(to) - x(from))).append("\" height=\"4\"/>");
    }
}
