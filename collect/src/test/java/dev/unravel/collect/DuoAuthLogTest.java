package dev.unravel.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.ingest.FileSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuoAuthLogTest {

    static final Instant NOW = Instant.parse("2026-03-03T06:00:00Z");
    static final String SKEY = "Zh5eGmUq9zpfQnyUIu5OL9iWoMMv5ZNmk3zLJ4Ep";

    @TempDir
    Path out;

    final FakeApi.Waits waits = new FakeApi.Waits();
    final List<String> notes = new ArrayList<>();

    /** A v2 authentication log as {@code /admin/v2/logs/authentication} returns it: a push approved. */
    static String authlog(String txid, long epochSeconds) {
        return "{\"access_device\":{\"browser\":\"Chrome\",\"hostname\":\"NWL-MBP-1\",\"ip\":\"203.0.113.7\","
                + "\"location\":{\"city\":\"Austin\",\"country\":\"United States\",\"state\":\"Texas\"},"
                + "\"os\":\"Mac OS X\",\"os_version\":\"14.2\"},\"alias\":\"\",\"application\":{\"key\":\"DIY231J8BR23QK4UKBY8\","
                + "\"name\":\"Okta\"},\"auth_device\":{\"ip\":\"198.51.100.20\",\"key\":\"DP5BJ05HI4WRBVI4Q7JF\","
                + "\"location\":{\"city\":\"Shenyang\",\"country\":\"China\",\"state\":\"Liaoning\"},"
                + "\"name\":\"iPhone (734-555-2342)\"},\"email\":\"ada.lovelace@example.com\",\"event_type\":\"authentication\","
                + "\"factor\":\"duo_push\",\"isotimestamp\":\"" + Instant.ofEpochSecond(epochSeconds) + "\","
                + "\"reason\":\"user_approved\",\"result\":\"success\",\"timestamp\":" + epochSeconds + ","
                + "\"txid\":\"" + txid + "\",\"user\":{\"groups\":[\"Duo Users\"],\"key\":\"DU3KC77WJ06Y5HIV7XKQ\","
                + "\"name\":\"ada.lovelace\"}}";
    }

    static String page(String logs, String nextOffset) {
        return "{\"stat\":\"OK\",\"response\":{\"authlogs\":[" + logs + "],\"metadata\":{\"total_objects\":3"
                + (nextOffset == null ? "" : ",\"next_offset\":" + nextOffset) + "}}}";
    }

    /** Duo's published test vector for signature version 2 (its clients' tests share it). */
    @Test
    void theSignatureIsDuosOwn() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("\u469a\u287b\u35d0\u8ef3\u6727\u502a\u0810\ud091\u00c8\uc170",
                "\u0f45\u1a76\u341a\u654c\uc23f\u9b09\uabe2\u8343\u1b27\u60d0");
        params.put("\u7449\u7e4b\uccfb\u59ff\ufe5f\u83b7\uadcc\u900c\ucfd1\u7813",
                "\u8db7\u5022\u92d3\u42ef\u207d\u8730\uacfe\u5617\u0946\u4e30");
        params.put("\u7470\u9314\u901c\u9eae\u40d8\u4201\u82d8\u8c70\u1d31\ua042",
                "\u17d9\u0ba8\u9358\uaadf\ua42a\u48be\ufb96\u6fe9\ub7ff\u32f3");
        params.put("\uc2c5\u2c1d\u2620\u3617\u96b3F\u8605\u20e8\uac21\u5934",
                "\ufba9\u41aa\ubd83\u840b\u2615\u3e6e\u652d\ua8b5\ud56bU");
        assertThat(DuoAuthLog.signature("Fri, 07 Dec 2012 17:18:00 -0000", "PoSt", "foO.BAr52.cOm", "/Foo/BaR2/qux",
                params, "gtdfxv9YgVBYcF6dl2Eq17KUQJN2PLM2ODVTkvoT".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("f01811cbbf9561623ab45b893096267fd46a5178");
        assertThat(DuoAuthLog.canonical(Map.of("username", "root", "realname", "First Last")))
                .isEqualTo("realname=First%20Last&username=root");
    }

    @Test
    void oldestFirst_pagedByNextOffset_everyRequestSigned_andTheFileReadsAsDuo() throws Exception {
        try (FakeApi api = new FakeApi()) {
            long t1 = Instant.parse("2026-03-02T14:03:11Z").getEpochSecond();
            api.then(200, page(authlog("tx1", t1) + "," + authlog("tx2", t1 + 60), "[\"1772460251000\",\"tx2\"]"))
                    .then(200, page(authlog("tx3", t1 + 3600), null));
            DuoAuthLog duo = new DuoAuthLog(api.base(), "DIWJ8X6AEYOR5OMC6TQ1", SKEY);
            Collector.Result r = new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add)
                    .run(duo, out, new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofMinutes(15),
                            null));

            FakeApi.Seen first = api.seen.get(0);
            assertThat(first.uri().getPath()).isEqualTo("/admin/v2/logs/authentication");
            assertThat(first.query("mintime")).isEqualTo(Long.toString(Instant.parse("2026-03-02T00:00:00Z")
                    .toEpochMilli()));
            assertThat(first.query("maxtime")).as("Duo serves nothing newer than two minutes ago")
                    .isEqualTo(Long.toString(NOW.minusSeconds(120).toEpochMilli()));
            assertThat(first.query("sort")).isEqualTo("ts:asc");
            assertThat(first.query("limit")).isEqualTo("1000");
            FakeApi.Seen second = api.seen.get(1);
            assertThat(second.query("next_offset")).isEqualTo("1772460251000,tx2");
            assertThat(second.query("mintime")).isEqualTo(first.query("mintime"));
            for (FakeApi.Seen seen : api.seen) {
                assertThat(seen.header("Date")).isEqualTo("Tue, 03 Mar 2026 06:00:00 -0000");
                String host = api.base().getHost() + ":" + api.base().getPort();
                String expected = DuoAuthLog.signature(seen.header("Date"), "GET", host, seen.uri().getRawPath(),
                        DuoAuthLog.parse(seen.uri().getRawQuery()), SKEY.getBytes(StandardCharsets.UTF_8));
                assertThat(new String(Base64.getDecoder().decode(seen.header("Authorization").substring(6)),
                        StandardCharsets.UTF_8)).isEqualTo("DIWJ8X6AEYOR5OMC6TQ1:" + expected);
            }

            assertThat(r.records()).isEqualTo(3);
            FileSummary read = Collected.read(r.file());
            assertThat(read.format()).isEqualTo("duo-auth");
            assertThat(read.accepted()).isEqualTo(3);
        }
    }

    @Test
    void aFailedPage_saysWhatDuoSaid() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(401, "{\"code\":40103,\"message\":\"Invalid signature in request credentials\",\"stat\":\"FAIL\"}");
            DuoAuthLog duo = new DuoAuthLog(api.base(), "DIWJ8X6AEYOR5OMC6TQ1", "wrong");
            assertThatThrownBy(() -> new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add)
                    .run(duo, out, new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofMinutes(15),
                            null)))
                    .hasMessageContaining("answered 401 \"Invalid signature in request credentials\"")
                    .hasMessageNotContaining("wrong");
            api.then(200, "{\"stat\":\"FAIL\",\"code\":40002,\"message\":\"Invalid request parameters\"}");
            assertThatThrownBy(() -> new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add)
                    .run(duo, out, new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofMinutes(15),
                            null)))
                    .hasMessageContaining("not a page of the authentication log (stat OK)");
        }
    }
}
