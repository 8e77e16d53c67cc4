package dev.unravel.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.engine.report.SchemeTimeline.Mark;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class SchemeTimelineTest {

    /** The fired extortionist's story: hired, the laptop to a farm, RustDesk, clones, fired, clones again, the email. */
    static final List<Mark> STORY = List.of(
            new Mark("2026-02-20T16:02:00Z", "apply", 0.35, "apply.identity-verification: completed from abroad"),
            new Mark("2026-02-22T18:53:19Z", "onboard", 0.7, "onboard.laptop-farm: three people, one building"),
            new Mark("2026-02-25T09:00:00Z", "control", 0.6, "control.remote-access-tool: RustDesk"),
            new Mark("2026-03-03T02:31:00Z", "steal", 0.7, "steal.repo-harvest: 41 private repositories"),
            new Mark("2026-03-22T03:00:00Z", "access", 0.75, "access.after-termination: clones after leaving"),
            new Mark("2026-03-25T12:00:00Z", "extort", 0.9, "extort.extortion-email: a ZIP of our files"));

    static String svg(List<Mark> marks, String hired, String terminated) {
        StringBuilder sb = new StringBuilder();
        SchemeTimeline.svg(sb, marks, hired, terminated, "Findings of Jennifer Lee");
        return sb.toString();
    }

    static List<Double> xs(String svg) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile("<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\"").matcher(svg);
        while (m.find()) {
            out.add(Double.parseDouble(m.group(1)));
        }
        return out;
    }

    static List<Double> ys(String svg) {
        List<Double> out = new ArrayList<>();
        Matcher m = Pattern.compile("<circle cx=\"([0-9.]+)\" cy=\"([0-9.]+)\"").matcher(svg);
        while (m.find()) {
            out.add(Double.parseDouble(m.group(2)));
        }
        return out;
    }

    @Test
    void eachFindingIsADot_inTimeOrderAcross_andInItsStagesLane_theSixLanesInTheSchemesOrder() {
        List<Mark> shuffled = new ArrayList<>(STORY);
        java.util.Collections.reverse(shuffled);
        String svg = svg(shuffled, "2026-02-23", "2026-03-20");
        assertThat(svg).startsWith("<svg class=\"scheme-timeline\"").endsWith("</svg>")
                .contains("role=\"img\" font-family=\"system-ui,sans-serif\" font-size=\"11\" aria-label=\"Findings of Jennifer Lee\"");
        List<Double> xs = xs(svg);
        assertThat(xs).hasSize(6).isSorted();
        assertThat(xs.get(0)).isGreaterThan(70);
        assertThat(xs.get(5)).isLessThan(720 - 14);
        // apply at the top … extort at the bottom: this story goes down the lanes except access, after the firing
        List<Double> ys = ys(svg);
        assertThat(ys).containsExactly(47.0, 69.0, 113.0, 135.0, 91.0, 157.0);
        assertThat(svg).containsSubsequence(">apply<", ">onboard<", ">access<", ">control<", ">steal<", ">extort<")
                .doesNotContain(">other<");
        // stronger findings are bigger and darker
        assertThat(svg).contains("r=\"4.4\" fill=\"#b34700\"", "r=\"6.6\" fill=\"#7a1f2b\"");
    }

    @Test
    void theHireAndTerminationDatesAreMarked_withDatesOnTheAxis_andEachDotSaysItsDayFromTheHire() {
        String svg = svg(STORY, "2026-02-23", "2026-03-20");
        assertThat(svg).contains(">hired 2026-02-23<", ">terminated 2026-03-20<", ">Feb 23<", ">Mar 2<")
                .contains("<title>2026-03-03 02:31 UTC (8 days after) \u00b7 0.70 \u00b7 steal.repo-harvest: 41 private repositories</title>")
                .contains("<title>2026-02-20 16:02 UTC (3 days before) \u00b7 0.35 \u00b7");
        // the hire line lies between the onboard and control findings, the termination line before the access finding
        double hire = lineX(svg, "#1f5f7a");
        double leave = lineX(svg, "#7a1f2b");
        List<Double> xs = xs(svg);
        assertThat(hire).isBetween(xs.get(1), xs.get(2));
        assertThat(leave).isBetween(xs.get(3), xs.get(4));
        // each label in a row of its own, so that two close dates never print over each other
        assertThat(labelY(svg, "hired")).isEqualTo(labelY(svg, "terminated") - 14);
        assertThat(labelY(svg(STORY, "2026-02-23", null), "hired")).isEqualTo(labelY(svg, "hired"));
    }

    private static int labelY(String svg, String label) {
        Matcher m = Pattern.compile("<text x=\"[0-9.]+\" y=\"([0-9]+)\"[^>]*>" + label + " ").matcher(svg);
        assertThat(m.find()).as(label).isTrue();
        return Integer.parseInt(m.group(1));
    }

    @Test
    void aHireDateLongBeforeTheFindings_isNotDrawn_butStillCountsTheDays() {
        String svg = svg(STORY, "2019-06-03", null);
        assertThat(svg).doesNotContain("hired").contains("(2465 days after)");
        List<Double> xs = xs(svg);
        // the findings keep the width: the first and last are near the edges
        assertThat(xs.get(0)).isLessThan(100);
        assertThat(xs.get(5)).isGreaterThan(680);
        assertThat(SchemeTimeline.story(STORY, "2019-06-03", null)).startsWith(
                "First finding in each stage, counted from the hire date (2019-06-03): apply 2454 days after,");
    }

    @Test
    void theStory_saysWhenEachStageBegan_fromTheHireDate_andWhatCameAfterTheTermination() {
        assertThat(SchemeTimeline.story(STORY, "2026-02-23", "2026-03-20")).isEqualTo(
                "First finding in each stage, counted from the hire date (2026-02-23): apply 3 days before, onboard "
                        + "1 day before, access 27 days after, control 2 days after, steal 8 days after, extort 30 days "
                        + "after. Terminated 2026-03-20; after that day, 2 findings (access, extort).");
        assertThat(SchemeTimeline.story(STORY.subList(0, 4), null, null)).isEqualTo(
                "First finding in each stage: apply 2026-02-20, onboard 2026-02-22, control 2026-02-25, steal 2026-03-03.");
        assertThat(SchemeTimeline.story(STORY.subList(3, 4), "2026-03-03", "2026-03-03"))
                .isEqualTo("First finding in each stage, counted from the hire date (2026-03-03): steal on the hire date. "
                        + "Terminated 2026-03-03; no finding after that day.");
        assertThat(SchemeTimeline.relative(LocalDate.parse("2026-03-04"), LocalDate.parse("2026-03-03")))
                .isEqualTo("1 day after");
    }

    @Test
    void findingsWithoutAReadableTimeAreLeftOut_anUnknownStageGetsItsOwnLane_andNoFindingsDrawNothing() {
        List<Mark> marks = List.of(new Mark("yesterday", "steal", 0.9, "x"),
                new Mark("2026-03-03T02:31:00Z", "exfiltrate", 0.2, "custom.rule: something"));
        String svg = svg(marks, "not a date", null);
        assertThat(xs(svg)).hasSize(1);
        assertThat(svg).contains(">other<", "fill=\"#77778a\"").doesNotContain("hired");
        // one finding: two days wide around it, so it is not at an edge
        assertThat(xs(svg).get(0)).isBetween(300.0, 500.0);
        assertThat(SchemeTimeline.story(marks, "not a date", null)).isEqualTo("First finding in each stage: other 2026-03-03.");

        assertThat(svg(List.of(new Mark("yesterday", "steal", 0.9, "x")), null, null)).isEmpty();
        assertThat(SchemeTimeline.story(List.of(), "2026-02-23", null)).isNull();
    }

    @Test
    void yearsOfHistoryDrawAFewTicks_andABrokenClocksTimeIsLeftOut() {
        List<Mark> marks = List.of(new Mark("1970-01-01T00:00:00Z", "access", 0.6, "epoch zero"),
                new Mark("2019-06-03T09:00:00Z", "apply", 0.3, "apply.shared-identifier"),
                new Mark("2026-03-03T02:31:00Z", "steal", 0.7, "steal.repo-harvest"));
        String svg = svg(marks, "2019-06-10", null);
        assertThat(xs(svg)).hasSize(2);
        List<String> labels = new ArrayList<>();
        Matcher m = Pattern.compile("fill=\"#555\">([^<]+)</text>").matcher(svg);
        while (m.find()) {
            labels.add(m.group(1));
        }
        assertThat(labels).hasSizeBetween(3, 9).allSatisfy(l -> assertThat(l).matches("20\\d\\d")).contains("2020", "2026");
        assertThat(SchemeTimeline.story(marks, null, null)).isEqualTo(
                "First finding in each stage: apply 2019-06-03, steal 2026-03-03.");
        // a few months: months with their year
        String months = svg(List.of(new Mark("2026-01-05T00:00:00Z", "apply", 0.3, "a"),
                new Mark("2026-05-20T00:00:00Z", "steal", 0.7, "b")), null, null);
        assertThat(months).contains(">Feb 2026<", ">May 2026<").doesNotContain(">Feb 1<");
    }

    @Test
    void textFromLogsIsEscaped_inTheTooltipAndTheLabels() {
        List<Mark> marks = List.of(new Mark("2026-03-03T02:31:00Z", "steal", 0.7,
                "sigma: <script>alert(1)</script> \u202Eevil"));
        String svg = svg(marks, null, null);
        assertThat(svg).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt;", "[U+202E]evil");
        StringBuilder sb = new StringBuilder();
        SchemeTimeline.svg(sb, marks, null, null, "\"><script>");
        assertThat(sb.toString()).doesNotContain("\"><script>");
    }

    private static double lineX(String svg, String colour) {
        Matcher m = Pattern.compile("<line x1=\"([0-9.]+)\" x2=\"[0-9.]+\" y1=\"[0-9]+\" y2=\"[0-9]+\" stroke=\""
                + colour + "\" stroke-width=\"1.5\"").matcher(svg);
        assertThat(m.find()).as("a milestone line in " + colour).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
