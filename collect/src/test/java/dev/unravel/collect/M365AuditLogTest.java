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

class M365AuditLogTest {

    static final Instant NOW = Instant.parse("2026-03-03T06:00:00Z");
    static final String TENANT = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    static final String TOKEN = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"eyJ0.M365\"}";

    @TempDir
    Path out;

    final FakeApi.Waits waits = new FakeApi.Waits();
    final List<String> notes = new ArrayList<>();

    static String download(String id, String time, String file) {
        return "{\"CreationTime\":\"" + time + "\",\"Id\":\"" + id + "\",\"Operation\":\"FileDownloaded\","
                + "\"OrganizationId\":\"" + TENANT + "\",\"RecordType\":6,\"UserKey\":\"i:0h.f|membership|1003@live.com\","
                + "\"UserType\":0,\"Version\":1,\"Workload\":\"SharePoint\",\"ClientIP\":\"203.0.113.7\","
                + "\"ObjectId\":\"https://acme.sharepoint.com/sites/eng/Shared Documents/" + file + "\","
                + "\"UserId\":\"dana.wu@example.com\",\"SourceFileName\":\"" + file + "\"}";
    }

    static String forwarding(String id, String time) {
        return "{\"CreationTime\":\"" + time + "\",\"Id\":\"" + id + "\",\"Operation\":\"Set-Mailbox\","
                + "\"OrganizationId\":\"" + TENANT + "\",\"RecordType\":1,\"ResultStatus\":\"True\",\"UserType\":2,"
                + "\"Version\":1,\"Workload\":\"Exchange\",\"ClientIP\":\"203.0.113.7:51234\","
                + "\"ObjectId\":\"dana.wu\",\"UserId\":\"dana.wu@example.com\",\"Parameters\":[{\"Name\":\"Identity\","
                + "\"Value\":\"dana.wu\"},{\"Name\":\"ForwardingSmtpAddress\",\"Value\":\"smtp:dw@proton.me\"},"
                + "{\"Name\":\"DeliverToMailboxAndForward\",\"Value\":\"False\"}]}";
    }

    static String blob(String uri, String published) {
        return "{\"contentType\":\"Audit.SharePoint\",\"contentId\":\"20260302140000.x$y\",\"contentUri\":\"" + uri
                + "\",\"contentCreated\":\"" + published + "\",\"contentExpiration\":\"2026-03-09T14:00:00.000Z\"}";
    }

    @Test
    void subscriptionsStarted_listingsByDay_blobsRead_andTheFileReadsAsTheM365AuditLog() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN)
                    .then(200, "[{\"contentType\":\"Audit.SharePoint\",\"status\":\"enabled\",\"webhook\":null}]")
                    .then(200, "{\"contentType\":\"Audit.Exchange\",\"status\":\"enabled\",\"webhook\":null}")
                    // SharePoint, first day: one blob, and a second page of the listing
                    .then(200, "[" + blob("{base}/api/v1.0/" + TENANT + "/activity/feed/audit/blob-1", "2026-03-02T15:00:00.000Z") + "]",
                            "NextPageUri", "{base}/api/v1.0/" + TENANT + "/activity/feed/subscriptions/content"
                                    + "?contentType=Audit.SharePoint&nextPage=2")
                    .then(200, "[" + download("r1", "2026-03-02T14:00:00", "design.docx") + ","
                            + download("r2", "2026-03-02T14:01:00", "roadmap.xlsx") + "]")
                    .then(200, "[]")
                    .then(200, "[]") // SharePoint, second day
                    .then(200, "[" + blob("{base}/api/v1.0/" + TENANT + "/activity/feed/audit/blob-2", "2026-03-02T18:00:00.000Z") + "]")
                    .then(200, "[" + forwarding("r3", "2026-03-02T16:30:00.1234567") + "]")
                    .then(200, "[]");
            M365AuditLog log = new M365AuditLog(api.base(), api.base(), TENANT, "11111111-2222", "s3cret",
                    List.of("Audit.SharePoint", "Audit.Exchange"));
            Collector.Result r = new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add)
                    .run(log, out, new Collector.Options(NOW.minus(Duration.ofHours(30)), Duration.ofMinutes(15),
                            null));

            assertThat(api.seen.get(0).body()).contains("scope=" + java.net.URLEncoder.encode(api.base() + "/.default",
                    java.nio.charset.StandardCharsets.UTF_8));
            assertThat(api.seen.get(1).uri().getPath()).isEqualTo("/api/v1.0/" + TENANT + "/activity/feed/subscriptions/list");
            FakeApi.Seen start = api.seen.get(2);
            assertThat(start.method()).isEqualTo("POST");
            assertThat(start.query("contentType")).as("only the one not enabled yet").isEqualTo("Audit.Exchange");
            FakeApi.Seen day1 = api.seen.get(3);
            assertThat(day1.query("contentType")).isEqualTo("Audit.SharePoint");
            assertThat(day1.query("startTime")).isEqualTo("2026-03-02T00:00:00Z");
            assertThat(day1.query("endTime")).isEqualTo("2026-03-03T00:00:00Z");
            assertThat(day1.query("PublisherIdentifier")).isEqualTo(TENANT);
            assertThat(api.seen.get(4).uri().getPath()).endsWith("/audit/blob-1");
            assertThat(api.seen.get(5).query("nextPage")).isEqualTo("2");
            assertThat(api.seen.get(6).query("startTime")).isEqualTo("2026-03-03T00:00:00Z");
            assertThat(api.seen.get(6).query("endTime")).isEqualTo("2026-03-03T06:00:00Z");
            assertThat(api.seen.get(7).query("contentType")).isEqualTo("Audit.Exchange");
            assertThat(api.seen).hasSize(10).allSatisfy(s -> {
                if (!s.uri().getPath().endsWith("/token")) {
                    assertThat(s.header("Authorization")).isEqualTo("Bearer eyJ0.M365");
                }
            });

            assertThat(r.records()).isEqualTo(3);
            assertThat(r.last()).isEqualTo(Instant.parse("2026-03-02T16:30:00.1234567Z"));
            assertThat(r.nextSince()).as("from the last blob's publication, less an hour, not the records' times")
                    .isEqualTo(Instant.parse("2026-03-02T17:00:00Z"));
            assertThat(log.describe()).contains("subscriptions started now: Audit.Exchange (records from now on)");
            FileSummary read = Collected.read(r.file());
            assertThat(read.format()).isEqualTo("m365-audit");
            assertThat(read.accepted()).isEqualTo(3);
        }
    }

    /**
     * The next run lists again the blobs published in the overlap and knows their records, while a
     * record published hours after it happened, in a new blob, is taken however old it is.
     */
    @Test
    void theNextRunGoesOnByPublicationTime_knowingTheRecordsOfBlobsListedAgain() throws Exception {
        try (FakeApi api = new FakeApi()) {
            String a = blob("{base}/api/v1.0/" + TENANT + "/activity/feed/audit/blob-a", "2026-03-03T03:00:00.000Z");
            String b = blob("{base}/api/v1.0/" + TENANT + "/activity/feed/audit/blob-b", "2026-03-03T06:30:00.000Z");
            api.then(200, TOKEN).then(200, "[{\"contentType\":\"Audit.SharePoint\",\"status\":\"enabled\"}]")
                    .then(200, "[" + a + "]").then(200, "[" + download("r1", "2026-03-03T01:00:00", "a.docx") + "]");
            M365AuditLog first = new M365AuditLog(api.base(), api.base(), TENANT, "c", "s", List.of("Audit.SharePoint"));
            new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add).run(first, out,
                    new Collector.Options(NOW.minus(Duration.ofHours(10)), Duration.ofMinutes(15), null));

            api.then(200, TOKEN).then(200, "[{\"contentType\":\"Audit.SharePoint\",\"status\":\"enabled\"}]")
                    .then(200, "[" + a + "," + b + "]")
                    .then(200, "[" + download("r1", "2026-03-03T01:00:00", "a.docx") + "]")
                    .then(200, "[" + download("r2", "2026-03-03T00:30:00", "b.docx") + "]");
            M365AuditLog second = new M365AuditLog(api.base(), api.base(), TENANT, "c", "s", List.of("Audit.SharePoint"));
            Collector.Result r = new Collector(FakeApi.http(NOW.plus(Duration.ofHours(1)), waits, Duration.ofMinutes(5),
                    notes), notes::add).run(second, out, new Collector.Options(NOW.minus(Duration.ofHours(10)),
                            Duration.ofMinutes(15), null));
            assertThat(api.seen.get(6).query("startTime")).isEqualTo("2026-03-03T02:00:00Z");
            assertThat(r.duplicates()).isEqualTo(1);
            assertThat(r.older()).isZero();
            assertThat(r.records()).isEqualTo(1);
            assertThat(java.nio.file.Files.readString(r.file())).contains("\"r2\"").doesNotContain("\"r1\"");
        }
    }

    @Test
    void aFirstRunGoesBackNoFurtherThanTheSevenDaysTheApiKeeps_andContentTypesAreChecked() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN).then(200, "[{\"contentType\":\"Audit.SharePoint\",\"status\":\"enabled\"}]");
            for (int i = 0; i < 8; i++) {
                api.then(200, "[]");
            }
            M365AuditLog log = new M365AuditLog(api.base(), api.base(), TENANT, "c", "s", List.of("Audit.SharePoint"));
            new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add).run(log, out,
                    new Collector.Options(NOW.minus(Duration.ofDays(30)), Duration.ofMinutes(15), null));
            assertThat(api.seen.get(2).query("startTime")).isEqualTo("2026-02-24T06:05:00Z");
            assertThat(api.seen).hasSize(2 + 7);
        }
        assertThatThrownBy(() -> new M365AuditLog(java.net.URI.create("https://manage.office.com"),
                java.net.URI.create("https://login.microsoftonline.com"), TENANT, "c", "s", List.of("Audit.Teams")))
                .hasMessageContaining("--content-type is one of Audit.SharePoint, Audit.Exchange");
    }
}
