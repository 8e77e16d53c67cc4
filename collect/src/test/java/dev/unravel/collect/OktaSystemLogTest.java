package dev.unravel.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.ingest.FileSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OktaSystemLogTest {

    static final Instant NOW = Instant.parse("2026-03-03T06:00:00Z");
    static final Collector.Options FROM_MARCH = new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"),
            Duration.ofMinutes(15), null);

    @TempDir
    Path out;

    final FakeApi.Waits waits = new FakeApi.Waits();
    final List<String> notes = new ArrayList<>();

    /** A System Log event as {@code /api/v1/logs} returns it: a sign-in of Dana Wu. */
    static String event(String uuid, String published) {
        return "{\"actor\":{\"id\":\"00u1a2b3c4\",\"type\":\"User\",\"alternateId\":\"dana.wu@example.com\","
                + "\"displayName\":\"Dana Wu\"},\"client\":{\"userAgent\":{\"rawUserAgent\":\"Mozilla/5.0\","
                + "\"os\":\"Mac OS X\",\"browser\":\"CHROME\"},\"zone\":\"null\",\"device\":\"Computer\","
                + "\"ipAddress\":\"203.0.113.7\",\"geographicalContext\":{\"city\":\"Shenyang\",\"country\":\"China\"}},"
                + "\"displayMessage\":\"User login to Okta\",\"eventType\":\"user.session.start\","
                + "\"outcome\":{\"result\":\"SUCCESS\"},\"published\":\"" + published + "\",\"severity\":\"INFO\","
                + "\"legacyEventType\":\"core.user_auth.login_success\",\"transaction\":{\"type\":\"WEB\",\"id\":\"abc\"},"
                + "\"uuid\":\"" + uuid + "\",\"version\":\"0\",\"request\":{\"ipChain\":[{\"ip\":\"203.0.113.7\","
                + "\"version\":\"V4\"}]},\"target\":[]}";
    }

    Collector collector(Instant now) {
        return new Collector(FakeApi.http(now, waits, Duration.ofMinutes(5), notes), notes::add);
    }

    OktaSystemLog okta(FakeApi api) {
        return new OktaSystemLog(api.base(), "00abcSECRET", false);
    }

    @Test
    void pagesFollowTheLinkHeader_andTheFileReadsAsTheOktaLog() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, "[" + event("u1", "2026-03-02T14:00:00.000Z") + "," + event("u2", "2026-03-02T15:00:00.000Z")
                    + "]", "Link", "<{base}/api/v1/logs?limit=1000&after=1772463600000_1>; rel=\"next\"")
                    .then(200, "[" + event("u3", "2026-03-03T05:00:00.000Z") + "]",
                            "Link", "<{base}/api/v1/logs?limit=1000&after=x>; rel=\"self\"");
            Collector.Result r = collector(NOW).run(okta(api), out, FROM_MARCH);

            assertThat(r.records()).isEqualTo(3);
            assertThat(r.pages()).isEqualTo(2);
            assertThat(r.file()).isEqualTo(out.resolve("okta/2026-03-02/okta-20260303T060000Z.ndjson"));
            FakeApi.Seen first = api.seen.get(0);
            assertThat(first.uri().getPath()).isEqualTo("/api/v1/logs");
            assertThat(first.query("since")).isEqualTo("2026-03-02T00:00:00Z");
            assertThat(first.query("until")).isEqualTo("2026-03-03T06:00:00Z");
            assertThat(first.query("sortOrder")).isEqualTo("ASCENDING");
            assertThat(first.query("limit")).isEqualTo("1000");
            assertThat(first.header("Authorization")).isEqualTo("SSWS 00abcSECRET");
            assertThat(api.seen.get(1).query("after")).isEqualTo("1772463600000_1");

            FileSummary read = Collected.read(r.file());
            assertThat(read.format()).isEqualTo("okta");
            assertThat(read.records()).isEqualTo(3);
            assertThat(read.accepted()).isEqualTo(3);
            // the state, in a hidden folder a scan passes over, and no partial file left behind
            assertThat(Collected.files(out)).containsExactly(out.resolve(".unravel-collect/okta-127.0.0.1.json"),
                    r.file());
            assertThat(Files.readString(out.resolve(".unravel-collect/okta-127.0.0.1.json")))
                    .contains("\"last\" : \"2026-03-03T05:00:00Z\"").doesNotContain("before");
        }
    }

    @Test
    void theNextRunAsksFromTheLastRecordLessTheOverlap_andSkipsWhatItHas() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, "[" + event("u1", "2026-03-02T14:00:00.000Z") + "," + event("u2", "2026-03-03T05:50:00.000Z")
                    + "]");
            collector(NOW).run(okta(api), out, FROM_MARCH);

            // an event published at 05:45 that Okta had not settled at 06:00, the one already had, and a new one
            api.then(200, "[" + event("late", "2026-03-03T05:45:00.000Z") + "," + event("u2", "2026-03-03T05:50:00.000Z")
                    + "," + event("u4", "2026-03-03T06:30:00.000Z") + "]");
            Collector.Result r = collector(NOW.plus(Duration.ofHours(1))).run(okta(api), out, FROM_MARCH);

            assertThat(api.seen.get(1).query("since")).isEqualTo("2026-03-03T05:35:00Z");
            assertThat(r.records()).isEqualTo(2);
            assertThat(r.duplicates()).isEqualTo(1);
            assertThat(Files.readAllLines(r.file())).hasSize(2).allSatisfy(l -> assertThat(l).doesNotContain("\"u2\""));
            assertThat(r.file().getFileName().toString()).isEqualTo("okta-20260303T070000Z.ndjson");
        }
    }

    @Test
    void aRefusedTokenStops_withOktasOwnMessage_andWritesNothing() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(401, "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\","
                    + "\"errorLink\":\"E0000011\",\"errorId\":\"oae1\",\"errorCauses\":[]}");
            assertThatThrownBy(() -> collector(NOW).run(okta(api), out, FROM_MARCH))
                    .isInstanceOf(CollectException.class)
                    .hasMessageStartingWith("okta: GET " + api.base() + "/api/v1/logs?since=")
                    .hasMessageContaining("answered 401 \"Invalid token provided\": check the credential")
                    .hasMessageNotContaining("SECRET");
            assertThat(Collected.files(out)).isEmpty();

            api.then(403, "{\"errorCode\":\"E0000006\",\"errorSummary\":\"You do not have permission to perform the "
                    + "requested action\"}");
            assertThatThrownBy(() -> collector(NOW).run(okta(api), out, FROM_MARCH))
                    .hasMessageContaining("lacks the permission this log needs — an API token of an administrator");
        }
    }

    @Test
    void aRateLimitIsWaitedOutUntilOktasReset_butNotPastMaxWait() throws Exception {
        try (FakeApi api = new FakeApi()) {
            long reset = NOW.getEpochSecond() + 30;
            api.then(429, "{\"errorCode\":\"E0000047\",\"errorSummary\":\"API call exceeded rate limit due to too many "
                    + "requests.\"}", "X-Rate-Limit-Reset", Long.toString(reset), "X-Rate-Limit-Remaining", "0")
                    .then(200, "[" + event("u1", "2026-03-02T14:00:00.000Z") + "]");
            assertThat(collector(NOW).run(okta(api), out, FROM_MARCH).records()).isEqualTo(1);
            assertThat(waits.asked).containsExactly(Duration.ofSeconds(31));
            assertThat(notes).contains("okta: rate-limited by the API; waiting 31 s");

            api.then(429, "{}", "X-Rate-Limit-Reset", Long.toString(NOW.getEpochSecond() + 3600));
            assertThatThrownBy(() -> collector(NOW).run(okta(api), new java.io.File(out.toFile(), "b").toPath(),
                    FROM_MARCH)).hasMessageContaining("rate-limiting this token until 2026-03-03T07:00:01Z, longer than "
                            + "--max-wait (300 s): nothing was written");
        }
    }

    @Test
    void serverErrorsAreTriedAgainWithGrowingPauses_thenTheRunGivesUp() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(500, "{}").then(502, "<html>Bad gateway</html>")
                    .then(200, "[" + event("u1", "2026-03-02T14:00:00.000Z") + "]");
            assertThat(collector(NOW).run(okta(api), out, FROM_MARCH).records()).isEqualTo(1);
            assertThat(waits.asked).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));

            for (int i = 0; i < 5; i++) {
                api.then(503, "{\"errorSummary\":\"Service unavailable\"}");
            }
            Path other = out.resolve("other");
            assertThatThrownBy(() -> collector(NOW).run(okta(api), other, FROM_MARCH))
                    .hasMessageContaining("answered 503 \"Service unavailable\" after 5 attempts");
            assertThat(Collected.files(other.resolve("okta"))).isEmpty();
        }
    }

    @Test
    void aPageThatIsNotTheLog_isAnErrorSayingWhatCame() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, "<!DOCTYPE html><html><body>Sign in</body></html>");
            assertThatThrownBy(() -> collector(NOW).run(okta(api), out, FROM_MARCH))
                    .hasMessageStartingWith("okta: page 1 (" + api.base() + "/api/v1/logs?since=")
                    .hasMessageContaining("is not JSON");
            api.then(200, "{\"items\":[],\"total\":0}");
            assertThatThrownBy(() -> collector(NOW).run(okta(api), out, FROM_MARCH))
                    .hasMessageContaining("answered an object with keys items, total, not the System Log's array");
            assertThat(Collected.files(out.resolve("okta"))).isEmpty();
        }
    }

    @Test
    void aNextPageThatIsNoAddress_stopsTheRunSayingSo() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, "[" + event("u1", "2026-03-02T14:00:00.000Z") + "]",
                    "Link", "<{base}/api/v1/logs?after=a b>; rel=\"next\"");
            assertThatThrownBy(() -> collector(NOW).run(okta(api), out, FROM_MARCH))
                    .isInstanceOf(CollectException.class)
                    .hasMessageStartingWith("okta: page 1 (" + api.base() + "/api/v1/logs?since=")
                    .hasMessageContaining("cannot be followed: Illegal character in query");
            assertThat(Collected.files(out.resolve("okta"))).isEmpty();
        }
    }

    @Test
    void aRedirectIsNotFollowed_theCredentialStaysWithTheAddressGiven() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(301, "", "Location", "https://acme.okta-emea.com/api/v1/logs");
            assertThatThrownBy(() -> collector(NOW).run(okta(api), out, FROM_MARCH))
                    .hasMessageContaining("answered 301 with no body: it points to "
                            + "https://acme.okta-emea.com/api/v1/logs — give that address if it is the service's own");
        }
    }

    @Test
    void aBrokenStateFile_isNamed_andHowToStartAgain() throws Exception {
        Path state = out.resolve("state.json");
        Files.writeString(state, "{\"last\":\"yesterday\"}");
        try (FakeApi api = new FakeApi()) {
            assertThatThrownBy(() -> collector(NOW).run(okta(api), out, new Collector.Options(
                    FROM_MARCH.firstSince(), FROM_MARCH.overlap(), state)))
                    .hasMessageStartingWith(state + ": cannot be read as a collection state")
                    .hasMessageEndingWith("delete it to collect again from --since");
            assertThat(api.seen).isEmpty();
        }
    }
}
