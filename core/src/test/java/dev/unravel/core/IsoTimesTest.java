package dev.unravel.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** The hand-written ISO-8601 reader agrees with the formatter wherever it answers, and answers nothing else. */
class IsoTimesTest {

    @Property
    void agreesWithTheFormatter(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) int seconds,
            @ForAll @IntRange(min = 0, max = 999_999_999) int nanos, @ForAll @IntRange(min = 0, max = 9) int digits,
            @ForAll @IntRange(min = -14 * 4, max = 14 * 4) int quarterHours, @ForAll @IntRange(min = 0, max = 2) int zone) {
        ZoneOffset off = ZoneOffset.ofTotalSeconds(quarterHours * 900);
        OffsetDateTime t = Instant.ofEpochSecond(seconds, nanos).atOffset(zone == 1 ? off : ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(),
                t.getMonthValue(), t.getDayOfMonth(), t.getHour(), t.getMinute(), t.getSecond()));
        if (digits > 0) {
            b.append('.').append(String.format("%09d", t.getNano()), 0, digits);
        }
        b.append(zone == 0 ? "Z" : zone == 1 ? off.getId().equals("Z") ? "+00:00" : off.getId() : "");
        String s = b.toString();
        Instant fast = IsoTimes.parse(s);
        assertThat(fast).as(s).isNotNull();
        assertThat(fast).as(s).isEqualTo(slow(s));
    }

    @Test
    void leavesEverythingElseToTheFormatter() {
        for (String s : new String[] {"2026-02-30T10:00:00Z", "2026-13-01T10:00:00Z", "2026-03-02T24:00:00Z",
            "2026-03-02T10:00:60Z", "2026-03-02T10:00:00.Z", "2026-03-02T10:00:00.1234567891Z",
            "2026-03-02T10:00:00 UTC", "2026-03-02T10:00:00+0100", "2026-03-02T10:00Z", "2026-03-02T10:00:00Zx",
            "yyyy-MM-ddTHH:mm:ssZ"}) {
            assertThat(IsoTimes.parse(s)).as(s).isNull();
        }
    }

    @Test
    void evtxDumpSystemTimes_areReadAsInstantParseReadsThem() {
        for (String s : new String[] {"2025-11-27T07:40:10.165324Z", "2019-03-19T23:43:33.574542900Z",
            "2019-03-19T23:43:33Z", "2019-03-19T23:43:33.5Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
            "2024-02-29T12:00:00Z", "1970-01-01T00:00:00.000Z"}) {
            assertThat(IsoTimes.parse(s)).as(s).isNotNull().isEqualTo(Instant.parse(s));
        }
        for (String s : new String[] {"2023-02-29T12:00:00Z", "2019-04-31T00:00:00Z", "2016-12-31T23:59:60Z",
            "2019-03-19t23:43:33z", "+12019-03-19T23:43:33Z", "2019-03-19T23:4x:33Z", ""}) {
            assertThat(IsoTimes.parse(s)).as(s).isNull();
        }
        assertThat(IsoTimes.parse("2019-03-19 23:43:33.574")).isEqualTo(Instant.parse("2019-03-19T23:43:33.574Z"));
    }

    /** What Times.parse gave before the fast path: the formatter. */
    private static Instant slow(String s) {
        var parsed = java.time.format.DateTimeFormatter.ISO_DATE_TIME.withZone(ZoneOffset.UTC).parse(s);
        return Instant.from(parsed);
    }
}
