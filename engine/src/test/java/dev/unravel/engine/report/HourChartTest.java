package dev.unravel.engine.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HourChartTest {

    private static final Instant MARCH_2 = Instant.parse("2026-03-02T00:00:00Z");
    private static final Instant JULY_1 = Instant.parse("2026-07-01T00:00:00Z");

    private static long[] koreaOfficeHours() {
        long[] h = new long[24];
        for (int i = 0; i < 8; i++) {
            h[i] = 100; // 00:00–07:59 UTC = 09:00–16:59 at UTC+9
        }
        return h;
    }

    @Test
    void frame_takesTheOffsetAtThePeriodStart() {
        assertThat(HourChart.frame("America/Chicago", MARCH_2).offsetMinutes()).isEqualTo(-360);
        assertThat(HourChart.frame("America/Chicago", JULY_1).offsetMinutes()).isEqualTo(-300);
        assertThat(HourChart.frame("Asia/Kolkata", MARCH_2).offsetMinutes()).isEqualTo(330);
        assertThat(HourChart.frame("America/Chicago", null).offsetMinutes()).as("standard offset").isEqualTo(-360);
        HourChart.Frame bad = HourChart.frame("Not/AZone", MARCH_2);
        assertThat(bad.offsetMinutes()).isZero();
        assertThat(bad.zoneLabel()).isEqualTo("UTC");
        assertThat(bad.note()).contains("Not/AZone").contains("not recognised");
        assertThat(HourChart.frame(" ", MARCH_2).note()).contains("no declared time zone");
        // HR exports sometimes carry abbreviations rather than region ids
        assertThat(HourChart.frame("PST", MARCH_2).zoneLabel()).isEqualTo("America/Los_Angeles");
        assertThat(HourChart.frame("PST", MARCH_2).offsetMinutes()).isEqualTo(-480);
    }

    @Test
    void localStart_rotatesUtcHoursIntoTheZone() {
        assertThat(HourChart.localStart(0, -360)).isEqualTo(18 * 60);
        assertThat(HourChart.localStart(15, -360)).isEqualTo(9 * 60);
        assertThat(HourChart.localStart(0, 540)).isEqualTo(9 * 60);
        assertThat(HourChart.localStart(23, 330)).isEqualTo(4 * 60 + 30);
    }

    @Test
    void koreanOfficeHours_fallOutsideAUsWorkingDay_andInsideKoreasOwn() {
        long[] h = koreaOfficeHours();
        assertThat(HourChart.workdayShare(h, -360)).isZero();
        assertThat(HourChart.workdayShare(h, 540)).isEqualTo(1.0, within(1e-9));
        // half-hour zone: hours straddle the shaded edges and count by minutes of overlap
        assertThat(HourChart.workdayShare(h, 330)).isEqualTo(4.5 / 8, within(1e-9)); // 05:30–13:30 local: 09:00–13:30 inside
        assertThat(HourChart.busiestEight(h)).containsExactly(0, 800);
    }

    @Test
    void svg_hasOneBarPerUtcHour_placedAtItsLocalStart() {
        long[] h = koreaOfficeHours();
        StringBuilder sb = new StringBuilder();
        HourChart.svg(sb, h, HourChart.frame("America/Chicago", MARCH_2), "chart");
        String svg = sb.toString();
        Matcher bars = Pattern.compile("<rect class=\"bar\" data-utc-hour=\"(\\d+)\" x=\"([\\d.]+)\" y=\"[\\d.]+\" width=\"[\\d.]+\" height=\"([\\d.]+)\"><title>([^<]*)</title>")
                .matcher(svg);
        int n = 0;
        double x0 = -1;
        double x15 = -1;
        while (bars.find()) {
            n++;
            int hour = Integer.parseInt(bars.group(1));
            double height = Double.parseDouble(bars.group(3));
            assertThat(height > 0).as("hour " + hour).isEqualTo(hour < 8);
            if (hour == 0) {
                x0 = Double.parseDouble(bars.group(2));
                assertThat(bars.group(4)).isEqualTo("18:00\u201318:59 America/Chicago (00:00\u201300:59 UTC): 100 events");
            }
            if (hour == 15) {
                x15 = Double.parseDouble(bars.group(2));
            }
        }
        assertThat(n).isEqualTo(24);
        // 18:00 local is three quarters along the axis, 09:00 three eighths
        assertThat(x0).isGreaterThan(x15);
        assertThat((x0 - HourChart.LEFT) / HourChart.PLOT_W).isCloseTo(0.75, within(0.01));
        assertThat((x15 - HourChart.LEFT) / HourChart.PLOT_W).isCloseTo(0.375, within(0.01));
        assertThat(svg).contains("<rect class=\"workday\"").contains("09\u201317 at UTC+9").doesNotContain("bar-wrap");
    }

    @Test
    void svg_inAHalfHourZone_splitsTheBarCrossingMidnight_andStillHas24() {
        StringBuilder sb = new StringBuilder();
        HourChart.svg(sb, koreaOfficeHours(), HourChart.frame("Asia/Kolkata", MARCH_2), "chart");
        String svg = sb.toString();
        assertThat(svg.split("class=\"bar\"", -1)).hasSize(25);
        assertThat(svg.split("class=\"bar-wrap\"", -1)).hasSize(2);
        assertThat(svg).contains("23:30\u201300:29 Asia/Kolkata (18:00\u201318:59 UTC)");
    }

    @Test
    void svg_inKorea_drawsNoReferenceBand() {
        StringBuilder sb = new StringBuilder();
        HourChart.svg(sb, koreaOfficeHours(), HourChart.frame("Asia/Seoul", MARCH_2), "chart");
        assertThat(sb.toString()).doesNotContain("refband").contains("class=\"workday\"");
    }

    @Test
    void malformedHours_areReadAsZeroes() {
        assertThat(HourChart.normalise(null)).hasSize(24).containsOnly(0);
        assertThat(HourChart.normalise(new int[] {5, -3})).hasSize(24).startsWith(5, 0);
        StringBuilder sb = new StringBuilder();
        HourChart.svg(sb, HourChart.normalise(null), HourChart.frame("UTC", MARCH_2), "empty");
        assertThat(sb.toString().split("class=\"bar\"", -1)).hasSize(25);
    }

    @Test
    void numberFormatting() {
        assertThat(HourChart.f(35.04)).isEqualTo("35.0");
        assertThat(HourChart.f(0.05)).isEqualTo("0.1");
        assertThat(HourChart.f(-2.25)).isEqualTo("-2.2");
        assertThat(HourChart.offsetLabel(-360)).isEqualTo("UTC\u221206:00");
        assertThat(HourChart.offsetLabel(345)).isEqualTo("UTC+05:45");
        assertThat(HtmlReport.fmt(0)).isEqualTo("0");
        assertThat(HtmlReport.fmt(999)).isEqualTo("999");
        assertThat(HtmlReport.fmt(1_262_010)).isEqualTo("1,262,010");
        assertThat(HtmlReport.fmt(-12_345)).isEqualTo("-12,345");
    }
}
