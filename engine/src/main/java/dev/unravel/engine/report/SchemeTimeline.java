package dev.unravel.engine.report;

import dev.unravel.core.Stage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One person's findings over time, lane by lane in the scheme's order (apply at the top, extort at
 * the bottom), with the day they were hired and the day they left marked: the picture an analyst
 * or an HR reader needs to see that code was taken in the first week, or that an account was used
 * after the termination. An inline SVG that needs no script or stylesheet (colours are attributes,
 * so it looks the same in the report, the console and a printed brief), each finding's details in
 * its {@code <title>} (a tooltip in a browser), and one sentence ({@link #story}) that says the
 * same in words for a reader who cannot see the picture.
 */
public final class SchemeTimeline {

    private SchemeTimeline() {
    }

    /**
     * A finding on the timeline.
     *
     * @param time     when it happened, as the report writes it (ISO instant); one that does not read, or
     *                 lies before 1990 or after 2199, is left out
     * @param stage    its stage id ({@code apply} … {@code extort}); another or none goes in an "other" lane
     * @param strength 0 to 1
     * @param label    what its tooltip says: the detector and the finding's sentence
     */
    public record Mark(String time, String stage, double strength, String label) {
    }

    /**
     * A milestone further than this from the first or last finding is not drawn (it would squeeze
     * the findings into a corner); the sentence still counts days from the hire date.
     */
    static final Duration MILESTONE_REACH = Duration.ofDays(120);

    private static final int WIDTH = 720;
    private static final int LEFT = 70;
    private static final int RIGHT = 14;
    /** Room above the lanes for one milestone label; both get a row each, so that they never overlap. */
    private static final int LABEL_ROW = 14;
    private static final int LANE = 22;
    private static final double PLOT_W = WIDTH - LEFT - RIGHT;
    private static final String STRONG = "#7a1f2b";
    private static final String MODERATE = "#b34700";
    private static final String WEAK = "#77778a";
    private static final java.time.format.DateTimeFormatter MINUTE = java.time.format.DateTimeFormatter
            .ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

    /**
     * Appends the timeline; nothing when no mark has a time that reads. {@code hired} and
     * {@code terminated} may be null or unreadable ({@code yyyy-MM-dd}).
     */
    public static void svg(StringBuilder sb, List<Mark> marks, String hired, String terminated, String ariaLabel) {
        List<Placed> placed = placed(marks);
        if (placed.isEmpty()) {
            return;
        }
        Instant first = placed.get(0).at;
        Instant last = placed.get(placed.size() - 1).at;
        Instant hire = milestone(hired, first, last);
        Instant leave = milestone(terminated, first, last);
        Instant from = min(first, hire);
        Instant to = max(last, leave == null ? null : leave.plus(Duration.ofDays(1)));
        if (Duration.between(from, to).compareTo(Duration.ofDays(2)) < 0) {
            // a day or two of findings: two days wide, centred, so that a single finding is not at the edge
            Instant mid = from.plus(Duration.between(from, to).dividedBy(2));
            from = mid.minus(Duration.ofDays(1));
            to = mid.plus(Duration.ofDays(1));
        }
        long pad = Math.max(Duration.between(from, to).toSeconds() / 40, 3600);
        from = from.minusSeconds(pad);
        to = to.plusSeconds(pad);

        List<String> lanes = lanes(placed);
        int top = 8 + LABEL_ROW * (hire != null && leave != null ? 2 : 1);
        int plotH = lanes.size() * LANE;
        int bottom = top + plotH;
        int height = bottom + 30;
        sb.append("<svg class=\"scheme-timeline\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" role=\"img\" font-family=\"system-ui,sans-serif\" font-size=\"11\" aria-label=\"");
        Html.append(sb, ariaLabel, 300);
        sb.append("\">");
        for (int i = 0; i < lanes.size(); i++) {
            int y = top + i * LANE;
            sb.append("<rect x=\"").append(LEFT).append("\" y=\"").append(y).append("\" width=\"")
                    .append(HourChart.f(PLOT_W)).append("\" height=\"").append(LANE).append("\" fill=\"")
                    .append(i % 2 == 0 ? "#f6f6fa" : "#ffffff").append("\"/>");
            sb.append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(y + LANE / 2 + 4)
                    .append("\" text-anchor=\"end\" fill=\"#333\">").append(lanes.get(i)).append("</text>");
        }
        ticks(sb, from, to, top, bottom);
        if (hire != null) {
            milestoneLine(sb, "hired " + hired.trim(), x(hire, from, to), top - LABEL_ROW * (leave != null ? 2 : 1),
                    bottom, "#1f5f7a");
        }
        if (leave != null) {
            milestoneLine(sb, "terminated " + terminated.trim(), x(leave, from, to), top - LABEL_ROW, bottom, "#7a1f2b");
        }
        LocalDate hireDay = date(hired);
        for (Placed p : placed) {
            int lane = lanes.indexOf(laneOf(p.mark.stage()));
            double cx = x(p.at, from, to);
            double cy = top + lane * LANE + LANE / 2.0;
            double s = Math.max(0, Math.min(1, p.mark.strength()));
            sb.append("<circle cx=\"").append(HourChart.f(cx)).append("\" cy=\"").append(HourChart.f(cy))
                    .append("\" r=\"").append(HourChart.f(3 + 4 * s)).append("\" fill=\"").append(colour(s))
                    .append("\" fill-opacity=\"0.75\" stroke=\"#fff\" stroke-width=\"0.8\"><title>")
                    .append(MINUTE.format(p.at)).append(" UTC");
            if (hireDay != null) {
                sb.append(" (").append(relative(p.at.atOffset(ZoneOffset.UTC).toLocalDate(), hireDay)).append(')');
            }
            sb.append(" \u00b7 ").append(String.format(Locale.ROOT, "%.2f", p.mark.strength())).append(" \u00b7 ");
            Html.append(sb, p.mark.label(), 400);
            sb.append("</title></circle>");
        }
        sb.append("</svg>");
    }

    /**
     * What the timeline shows, in one or two sentences: when each stage's first finding came,
     * counted from the hire date when there is one (else dated), and what came after the
     * termination. Null when no mark has a time that reads.
     */
    public static String story(List<Mark> marks, String hired, String terminated) {
        List<Placed> placed = placed(marks);
        if (placed.isEmpty()) {
            return null;
        }
        LocalDate hireDay = date(hired);
        Map<String, Instant> firstOfStage = new LinkedHashMap<>();
        for (String lane : lanes(placed)) {
            for (Placed p : placed) {
                if (laneOf(p.mark.stage()).equals(lane)) {
                    firstOfStage.put(lane, p.at);
                    break;
                }
            }
        }
        StringBuilder b = new StringBuilder("First finding in each stage");
        b.append(hireDay == null ? ": " : ", counted from the hire date (" + hireDay + "): ");
        int i = 0;
        for (Map.Entry<String, Instant> e : firstOfStage.entrySet()) {
            LocalDate day = e.getValue().atOffset(ZoneOffset.UTC).toLocalDate();
            b.append(i++ == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(hireDay == null ? day.toString() : relative(day, hireDay));
        }
        b.append('.');
        LocalDate leaveDay = date(terminated);
        if (leaveDay != null) {
            // findings from the day after the termination date: the last day itself is still theirs
            List<String> after = new ArrayList<>();
            int count = 0;
            for (Placed p : placed) {
                if (p.at.atOffset(ZoneOffset.UTC).toLocalDate().isAfter(leaveDay)) {
                    count++;
                    if (!after.contains(laneOf(p.mark.stage()))) {
                        after.add(laneOf(p.mark.stage()));
                    }
                }
            }
            b.append(" Terminated ").append(leaveDay).append(count == 0 ? "; no finding after that day."
                    : "; after that day, " + count + (count == 1 ? " finding" : " findings") + " ("
                            + String.join(", ", after) + ").");
        }
        return b.toString();
    }

    /** A day as counted from the hire date: "3 days before", "on the day", "1 day after". */
    static String relative(LocalDate day, LocalDate hired) {
        long d = day.toEpochDay() - hired.toEpochDay();
        if (d == 0) {
            return "on the hire date";
        }
        long n = Math.abs(d);
        return n + (n == 1 ? " day " : " days ") + (d < 0 ? "before" : "after");
    }

    private record Placed(Instant at, Mark mark) {
    }

    /**
     * No worker's activity is older than this or later than {@link #LATEST}: a time outside is a
     * broken clock (an epoch-zero timestamp), left out of the picture, never stretched across it.
     */
    static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    /** The marks whose time reads and is plausible, oldest first. */
    private static List<Placed> placed(List<Mark> marks) {
        List<Placed> out = new ArrayList<>();
        for (Mark m : marks) {
            Instant at = HtmlReport.instant(m.time());
            if (at != null && !at.isBefore(EARLIEST) && at.isBefore(LATEST)) {
                out.add(new Placed(at, m));
            }
        }
        out.sort(java.util.Comparator.comparing(Placed::at));
        return out;
    }

    /** The scheme's six stages always, so that the reader sees which are empty; "other" when needed. */
    private static List<String> lanes(List<Placed> placed) {
        List<String> lanes = new ArrayList<>();
        for (Stage s : Stage.values()) {
            lanes.add(s.id());
        }
        for (Placed p : placed) {
            if (laneOf(p.mark.stage()).equals("other") && !lanes.contains("other")) {
                lanes.add("other");
            }
        }
        return lanes;
    }

    private static String laneOf(String stage) {
        Stage s = Stage.ofId(stage);
        return s == null ? "other" : s.id();
    }

    private static String colour(double strength) {
        return strength >= 0.6 ? STRONG : strength >= 0.35 ? MODERATE : WEAK;
    }

    /**
     * Date ticks, at most about eight: every 1, 2, 7 or 14 days (labelled {@code Mar 2}, weeks from a
     * Monday), every 1, 2, 3 or 6 months ({@code Mar 2026}, from the first), or every so many years
     * ({@code 2026}), whatever the span: a finding from years before draws a few ticks, not thousands.
     */
    private static void ticks(StringBuilder sb, Instant from, Instant to, int top, int bottom) {
        long days = Math.max(1, Duration.between(from, to).toDays());
        int stepDays = 0;
        for (int s : new int[] {1, 2, 7, 14}) {
            if (days / s <= 8) {
                stepDays = s;
                break;
            }
        }
        int stepMonths = 0;
        if (stepDays == 0) {
            long months = (long) Math.ceil(days / 30.44 / 8);
            stepMonths = months <= 1 ? 1 : months <= 2 ? 2 : months <= 3 ? 3 : months <= 6 ? 6
                    : 12 * (int) Math.min(10_000, Math.ceil(months / 12.0));
        }
        LocalDate day = from.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
        if (stepDays >= 7) {
            day = day.with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.MONDAY));
        } else if (stepMonths >= 12) {
            day = day.getDayOfYear() == 1 ? day : day.withDayOfYear(1).plusYears(1);
        } else if (stepMonths > 0) {
            day = day.getDayOfMonth() == 1 ? day : day.withDayOfMonth(1).plusMonths(1);
        }
        sb.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(HourChart.f(LEFT + PLOT_W)).append("\" y1=\"")
                .append(bottom).append("\" y2=\"").append(bottom).append("\" stroke=\"#333\"/>");
        for (; !day.atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(to);
                day = stepDays > 0 ? day.plusDays(stepDays) : day.plusMonths(stepMonths)) {
            double x = x(day.atStartOfDay(ZoneOffset.UTC).toInstant(), from, to);
            sb.append("<line x1=\"").append(HourChart.f(x)).append("\" x2=\"").append(HourChart.f(x)).append("\" y1=\"")
                    .append(top).append("\" y2=\"").append(bottom + 4).append("\" stroke=\"#ddd\"/>");
            String month = day.getMonth().getDisplayName(java.time.format.TextStyle.SHORT, Locale.ENGLISH);
            sb.append("<text x=\"").append(HourChart.f(x)).append("\" y=\"").append(bottom + 16)
                    .append("\" text-anchor=\"middle\" fill=\"#555\">")
                    .append(stepDays > 0 ? month + " " + day.getDayOfMonth()
                            : stepMonths < 12 ? month + " " + day.getYear() : Integer.toString(day.getYear()))
                    .append("</text>");
        }
    }

    /** A dashed line down from {@code row} (the top of its label's row) to the axis, labelled in that row. */
    private static void milestoneLine(StringBuilder sb, String label, double x, int row, int bottom, String colour) {
        sb.append("<line x1=\"").append(HourChart.f(x)).append("\" x2=\"").append(HourChart.f(x)).append("\" y1=\"")
                .append(row).append("\" y2=\"").append(bottom).append("\" stroke=\"").append(colour)
                .append("\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>");
        boolean right = x > LEFT + PLOT_W * 0.8;
        sb.append("<text x=\"").append(HourChart.f(right ? x - 3 : x + 3)).append("\" y=\"").append(row + 10)
                .append("\" text-anchor=\"").append(right ? "end" : "start").append("\" fill=\"").append(colour)
                .append("\" font-weight=\"600\">");
        Html.append(sb, label, 60);
        sb.append("</text>");
    }

    private static double x(Instant t, Instant from, Instant to) {
        double span = Math.max(1, Duration.between(from, to).toSeconds());
        return LEFT + PLOT_W * Duration.between(from, t).toSeconds() / span;
    }

    /** The start of a milestone day, when it is within {@link #MILESTONE_REACH} of the findings. */
    private static Instant milestone(String day, Instant first, Instant last) {
        LocalDate d = date(day);
        if (d == null) {
            return null;
        }
        Instant at = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        return at.isBefore(first.minus(MILESTONE_REACH)) || at.isAfter(last.plus(MILESTONE_REACH)) ? null : at;
    }

    static LocalDate date(String s) {
        if (s == null || s.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(s.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant min(Instant a, Instant b) {
        return b == null || a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return b == null || a.isAfter(b) ? a : b;
    }
}
