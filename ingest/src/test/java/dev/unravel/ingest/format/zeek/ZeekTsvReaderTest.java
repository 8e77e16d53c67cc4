package dev.unravel.ingest.format.zeek;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.ReaderHarness.Result;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.ingest.read.Sample;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ZeekTsvReaderTest {
    private final ZeekTsvReader reader = new ZeekTsvReader();

    static String tsv(String... lines) {
        return String.join("\n", lines).replace("|", "\t") + "\n";
    }

    /** conn.log in Zeek's default ASCII format (field list as Zeek 5/6 write it). */
    static final String CONN = tsv(
            "#separator \\x09",
            "#set_separator|,",
            "#empty_field|(empty)",
            "#unset_field|-",
            "#path|conn",
            "#open|2026-03-02-12-00-00",
            "#fields|ts|uid|id.orig_h|id.orig_p|id.resp_h|id.resp_p|proto|service|duration|orig_bytes|resp_bytes"
                    + "|conn_state|local_orig|local_resp|missed_bytes|history|orig_pkts|orig_ip_bytes|resp_pkts"
                    + "|resp_ip_bytes|tunnel_parents",
            "#types|time|string|addr|port|addr|port|enum|string|interval|count|count|string|bool|bool|count|string"
                    + "|count|count|count|count|set[string]",
            "1772453571.020662|CKBG263Pn27hYrZjmq|10.20.0.36|54590|23.62.7.160|443|tcp|ssl|12.504113|1843|58211|SF"
                    + "|T|F|0|ShADadFf|24|2807|44|59971|-",
            "1772453572.100000|C5e9wK1cXyRUqHBkQ1|10.20.0.36|52605|10.0.0.2|53|udp|dns|-|-|-|S0|T|T|0|D|1|62|0|0"
                    + "|(empty)",
            "#close|2026-03-02-13-00-00");

    static final String DNS = tsv(
            "#separator \\x09",
            "#set_separator|,",
            "#empty_field|(empty)",
            "#unset_field|-",
            "#path|dns",
            "#open|2026-03-02-12-00-00",
            "#fields|ts|uid|id.orig_h|id.orig_p|id.resp_h|id.resp_p|proto|trans_id|rtt|query|qclass|qclass_name"
                    + "|qtype|qtype_name|rcode|rcode_name|AA|TC|RD|RA|Z|answers|TTLs|rejected",
            "#types|time|string|addr|port|addr|port|enum|count|interval|string|count|string|count|string|count"
                    + "|string|bool|bool|bool|bool|count|vector[string]|vector[interval]|bool",
            "1772453571.001200|C5e9wK1cXyRUqHBkQ2|10.20.0.36|52605|10.0.0.2|53|udp|4711|0.012345|anydesk.com|1"
                    + "|C_INTERNET|1|A|0|NOERROR|F|F|T|T|0|relay-1.anydesk.com,95.216.3.74|300.000000,60.000000|F",
            "#close|2026-03-02-13-00-00");

    @Test
    void aConnLogInZeeksDefaultFormatIsTypedLikeZeeksJson() {
        Result r = ReaderHarness.read(reader, "zeek/conn.log", CONN);

        assertThat(r.errors()).isEmpty();
        assertThat(r.records()).isEqualTo(2);
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T12:12:51.020662Z"));
        assertThat(e.source()).isEqualTo("zeek");
        assertThat(e.type()).isEqualTo("conn");
        assertThat(e.logSource()).isEqualTo(LogSource.of("zeek", null, "conn"));
        assertThat(e.sourceIp()).isEqualTo("10.20.0.36");
        assertThat(e.host()).isNull();
        assertThat(e.document()).containsEntry("ts", 1772453571.020662).containsEntry("id.orig_p", 54590)
                .containsEntry("id.resp_p", 443).containsEntry("duration", 12.504113)
                .containsEntry("orig_bytes", 1843).containsEntry("local_orig", true).containsEntry("local_resp", false)
                .containsEntry("proto", "tcp").doesNotContainKey("tunnel_parents"); // unset: left out, as in JSON
        Event unset = r.events().get(1);
        assertThat(unset.document()).doesNotContainKeys("duration", "orig_bytes", "resp_bytes")
                .containsEntry("tunnel_parents", List.of());
        assertThat(unset.time()).isEqualTo(Instant.parse("2026-03-02T12:12:52.100Z"));
    }

    @Test
    void vectorsSplitOnTheSetSeparatorAndKeepTheirElementTypes() {
        Event e = ReaderHarness.read(reader, "dns.log", DNS).events().get(0);

        assertThat(e.type()).isEqualTo("dns");
        assertThat(e.field("query")).isEqualTo("anydesk.com");
        assertThat(e.field("answers")).isEqualTo(List.of("relay-1.anydesk.com", "95.216.3.74"));
        assertThat(e.field("TTLs")).isEqualTo(List.of(300.0, 60.0));
        assertThat(e.field("Z")).isEqualTo(0);
        assertThat(e.field("RD")).isEqualTo(true);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T12:12:51.001200Z"));
    }

    @Test
    void escapesAreDecodedAndTheEmptyFieldIsAnEmptyString() {
        String http = tsv("#separator \\x09", "#set_separator|,", "#empty_field|(empty)", "#unset_field|-",
                "#path|http",
                "#fields|ts|uid|id.orig_h|method|host|uri|user_agent|tags|resp_mime_types",
                "#types|time|string|addr|string|string|string|string|set[enum]|vector[string]",
                "1772453571.5|CX6po61SVaO8po0uh8|10.20.0.36|PUT|files.example|/a\\x09b\\\\c\\xc3\\xa9|(empty)|(empty)"
                        + "|text/html,application/x\\x2cy");
        Result r = ReaderHarness.read(reader, "http.log", http);

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.field("uri")).isEqualTo("/a\tb\\cé");
        assertThat(e.field("user_agent")).isEqualTo("");
        assertThat(e.field("tags")).isEqualTo(List.of());
        assertThat(e.field("resp_mime_types")).isEqualTo(List.of("text/html", "application/x,y"));
    }

    @Test
    void withoutPathTheTypeComesFromTheFileName() {
        String noPath = CONN.replace("#path\tconn\n", "");
        assertThat(ReaderHarness.read(reader, "logs.zip!/conn.10:00:00-11:00:00.log", noPath).events())
                .allSatisfy(e -> assertThat(e.type()).isEqualTo("conn"));
    }

    @Test
    void nearMissesAreRejectedWithTheFieldNamedAndTheRestStillRead() {
        String[] lines = CONN.split("\n");
        String good = lines[8];
        String shortRow = good.substring(0, good.lastIndexOf('\t'));
        String badCount = good.replace("\t1843\t", "\tmany\t");
        String badBool = good.replace("\tT\tF\t", "\ttrue\tF\t");
        String badTs = good.replace("1772453571.020662", "yesterday");
        String unsetTs = "-" + good.substring(good.indexOf('\t'));
        String text = String.join("\n", lines[0], lines[1], lines[2], lines[3], lines[4], lines[6], lines[7],
                shortRow, badCount, badBool, badTs, unsetTs, good) + "\n";

        Result r = ReaderHarness.read(reader, "conn.log", text);

        assertThat(r.records()).isEqualTo(6);
        assertThat(r.events()).hasSize(1);
        assertThat(r.errors()).extracting(RecordError::record, RecordError::line, RecordError::field).containsExactly(
                tuple(1L, 8L, null), tuple(2L, 9L, "orig_bytes"), tuple(3L, 10L, "local_orig"), tuple(4L, 11L, "ts"),
                tuple(5L, 12L, "ts"));
        assertThat(r.errors().get(0).reason()).isEqualTo("has 20 values but the #fields header names 21");
        assertThat(r.errors().get(1).reason()).isEqualTo("is not a count: \"many\"");
        assertThat(r.errors().get(3).reason()).contains("not a timestamp");
        assertThat(r.errors().get(4).reason()).contains("no timestamp");
    }

    @Test
    void aRowBeforeAnyHeaderIsRejectedAndALaterHeaderReplacesTheSchema() {
        String row = CONN.split("\n")[8];
        String text = row + "\n" + CONN + DNS;

        Result r = ReaderHarness.read(reader, "joined.log", text);

        assertThat(r.records()).isEqualTo(4);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.record()).isEqualTo(1);
            assertThat(e.reason()).contains("before any #fields header");
        });
        assertThat(r.events()).extracting(Event::type).containsExactly("conn", "conn", "dns");
    }

    @Test
    void loadedScripts_hasNoTs_andIsCountedWithoutAnEvent() {
        String scripts = tsv("#separator \\x09", "#set_separator|,", "#empty_field|(empty)", "#unset_field|-",
                "#path|loaded_scripts", "#fields|name", "#types|string", "/usr/share/zeek/base/init-bare.zeek");
        Result r = ReaderHarness.read(reader, "loaded_scripts.log", scripts);

        assertThat(r.records()).isEqualTo(1);
        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).isEmpty();
    }

    @Test
    void anActivityLogWithoutTs_isRejectedForNoTimestamp() {
        String conn = tsv("#separator \\x09", "#set_separator|,", "#empty_field|(empty)", "#unset_field|-",
                "#path|conn", "#fields|uid", "#types|string", "CabcDEF123");
        Result r = ReaderHarness.read(reader, "conn.log", conn);

        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("ts");
            assertThat(e.reason()).contains("no timestamp");
        });
    }

    @Test
    void aLineLongerThanTheRecordLimitIsSkippedWithoutBeingHeld() {
        Limits small = new Limits(300, 64, 300, 80);
        String huge = CONN.split("\n")[8].replace("ShADadFf", "S".repeat(5000));
        String text = CONN.replace("#close", huge + "\n#close");

        Result r = ReaderHarness.read(reader, "conn.log",
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), small);

        assertThat(r.records()).isEqualTo(3);
        assertThat(r.events()).hasSize(2);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.record()).isEqualTo(3);
            assertThat(e.reason()).contains("longer than the record limit of 300 bytes");
            assertThat(e.excerpt()).hasSizeLessThanOrEqualTo(80);
        });
    }

    @Test
    void theProbeWantsTheZeekHeader() {
        assertThat(reader.probe(new Sample("conn.log", CONN.getBytes(StandardCharsets.UTF_8)))).isEqualTo(95);
        String headless = CONN.substring(CONN.indexOf("#fields"));
        assertThat(reader.probe(new Sample("x.txt", headless.getBytes(StandardCharsets.UTF_8)))).isEqualTo(70);
        assertThat(reader.probe(new Sample("x.txt", headless.substring(0, headless.indexOf("#types"))
                .getBytes(StandardCharsets.UTF_8)))).isZero(); // #fields alone is not enough
        assertThat(reader.probe(new Sample("x.tsv", "a\tb\tc\n1\t2\t3\n".getBytes(StandardCharsets.UTF_8)))).isZero();
        assertThat(new ZeekJsonReader().probe(new Sample("conn.log", CONN.getBytes(StandardCharsets.UTF_8)))).isZero();
    }
}
