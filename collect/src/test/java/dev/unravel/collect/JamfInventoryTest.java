package dev.unravel.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.ingest.FileSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JamfInventoryTest {

    static final Instant NOW = Instant.parse("2026-03-03T06:00:00Z");
    static final Collector.Options FROM_MARCH = new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"),
            Duration.ofMinutes(15), null);
    static final String TOKEN = "{\"access_token\":\"eyJhbGciOiJSUzI1NiJ9.JAMF\",\"scope\":\"api-role:1\","
            + "\"token_type\":\"Bearer\",\"expires_in\":299}";

    @TempDir
    Path out;

    final FakeApi.Waits waits = new FakeApi.Waits();
    final List<String> notes = new ArrayList<>();

    /** A Mac as the computers-inventory API gives it with the general, hardware and user sections. */
    static String mac(String id, String name, String ip, String contact) {
        return "{\"id\":\"" + id + "\",\"udid\":\"6E2B1C7A-43F0-5B7E-9C3D-0A1B2C3D4E5" + id + "\",\"general\":{\"name\":\""
                + name + "\",\"lastIpAddress\":\"" + ip + "\",\"lastReportedIp\":\"192.168.1.50\",\"platform\":\"Mac\","
                + "\"reportDate\":\"2026-03-01T06:01:11.000Z\",\"lastContactTime\":" + (contact == null ? "null"
                : "\"" + contact + "\"") + "},\"hardware\":{\"serialNumber\":\"C02XK0AAJGH" + id + "\"},"
                + "\"userAndLocation\":{\"username\":\"user" + id + "\",\"email\":\"user" + id + "@example.com\"}}";
    }

    static String page(int total, String... macs) {
        return "{\"totalCount\":" + total + ",\"results\":[" + String.join(",", macs) + "]}";
    }

    Collector collector() {
        return new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add);
    }

    JamfInventory jamf(FakeApi api) {
        return new JamfInventory(api.base(), "9f1c2e3d-client", "s3cr&t=", 2);
    }

    @Test
    void theClientSignsIn_thenEveryPageInIdOrder_andTheFileReadsAsJamf() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN)
                    .then(200, page(3, mac("1", "NWL-MBP-1", "71.173.170.3", "2026-03-02T22:41:10.000Z"),
                            mac("2", "NWL-MBP-2", "71.173.170.3", "2026-03-02T23:05:00.000Z")))
                    .then(200, page(3, mac("3", "NWL-MBP-3", "73.4.5.6", "2026-02-20T10:00:00.000Z")));
            Collector.Result r = collector().run(jamf(api), out, FROM_MARCH);

            FakeApi.Seen token = api.seen.get(0);
            assertThat(token.method()).isEqualTo("POST");
            assertThat(token.uri().getPath()).isEqualTo("/api/oauth/token");
            assertThat(token.body()).contains("grant_type=client_credentials", "client_id=9f1c2e3d-client",
                    "client_secret=s3cr%26t%3D");
            FakeApi.Seen first = api.seen.get(1);
            assertThat(first.uri().getPath()).isEqualTo("/api/v1/computers-inventory");
            assertThat(first.uri().getQuery()).isEqualTo("section=GENERAL&section=HARDWARE&section=USER_AND_LOCATION"
                    + "&page=0&page-size=2&sort=id:asc");
            assertThat(first.header("Authorization")).isEqualTo("Bearer eyJhbGciOiJSUzI1NiJ9.JAMF");
            assertThat(api.seen.get(2).query("page")).isEqualTo("1");
            assertThat(api.seen).as("no page after the total").hasSize(3);

            assertThat(r.records()).as("the Mac last seen in February is older than asked").isEqualTo(2);
            assertThat(r.older()).isEqualTo(1);
            FileSummary read = Collected.read(r.file());
            assertThat(read.format()).isEqualTo("jamf-computers");
            assertThat(read.accepted()).isEqualTo(2);
            assertThat(r.file().toString()).contains("jamf/2026-03-02/jamf-");
        }
    }

    /** A server that leaves totalCount out is read while its pages come back full, not to its first page only. */
    @Test
    void withoutATotal_pagesAreReadUntilAShortOne() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN)
                    .then(200, "{\"results\":[" + mac("1", "NWL-MBP-1", "71.173.170.3", "2026-03-02T22:41:10.000Z") + ","
                            + mac("2", "NWL-MBP-2", "71.173.170.3", "2026-03-02T23:05:00.000Z") + "]}")
                    .then(200, "{\"results\":[" + mac("3", "NWL-MBP-3", "73.4.5.6", "2026-03-02T10:00:00.000Z") + "]}");
            Collector.Result r = collector().run(jamf(api), out, FROM_MARCH);
            assertThat(api.seen).hasSize(3);
            assertThat(r.records()).isEqualTo(3);
        }
    }

    @Test
    void theNextRun_writesOnlyTheMacsThatCheckedInAgain() throws Exception {
        try (FakeApi api = new FakeApi()) {
            String one = mac("1", "NWL-MBP-1", "71.173.170.3", "2026-03-02T22:41:10.000Z");
            api.then(200, TOKEN).then(200, page(2, one, mac("2", "NWL-MBP-2", "71.173.170.3",
                    "2026-03-02T23:05:00.000Z")));
            collector().run(jamf(api), out, FROM_MARCH);
            // an hour on: the first Mac has not checked in again; the second has, from elsewhere
            api.then(200, TOKEN).then(200, page(2, one, mac("2", "NWL-MBP-2", "68.1.5.204",
                    "2026-03-03T05:55:00.000Z")));
            Collector.Result r = collector().run(jamf(api), out, FROM_MARCH);
            assertThat(r.records()).isEqualTo(1);
            assertThat(r.older() + r.duplicates()).isEqualTo(1);
            assertThat(java.nio.file.Files.readString(r.file())).contains("68.1.5.204").doesNotContain("NWL-MBP-1");
        }
    }

    /** Jamf's tokens last minutes: a run longer than that signs in again before the next page. */
    @Test
    void aShortLivedToken_isObtainedAgainAsItRunsOut() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN).then(200, page(3, mac("1", "NWL-MBP-1", "71.173.170.3", "2026-03-02T22:41:10.000Z"),
                            mac("2", "NWL-MBP-2", "71.173.170.3", "2026-03-02T23:05:00.000Z")))
                    .then(200, TOKEN).then(200, page(3, mac("3", "NWL-MBP-3", "73.4.5.6", "2026-03-02T10:00:00.000Z")));
            // 150 seconds a reading: the second page comes 5 minutes after the sign-in, the token lasts 299 s
            Http slow = new Http(Http.client(), waits, new FakeApi.StepClock(NOW, Duration.ofSeconds(150)),
                    Duration.ofMinutes(5), 5, notes::add);
            Collector.Result r = new Collector(slow, notes::add).run(jamf(api), out, FROM_MARCH);
            assertThat(api.seen).extracting(FakeApi.Seen::method).containsExactly("POST", "GET", "POST", "GET");
            assertThat(r.records()).isEqualTo(3);
        }
    }

    @Test
    void anotherServersAnswer_andARefusedClient_areSaid() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN).then(200, "[{\"id\":1}]");
            assertThatThrownBy(() -> collector().run(jamf(api), out, FROM_MARCH))
                    .hasMessageContaining("not a page of computers (totalCount, results)");
            api.then(401, "{\"error\":\"invalid_client\"}");
            assertThatThrownBy(() -> collector().run(jamf(api), out, FROM_MARCH))
                    .hasMessageStartingWith("jamf: POST " + api.base() + "/api/oauth/token answered 401")
                    .hasMessageContaining("check the credential").hasMessageNotContaining("s3cr");
        }
    }
}
