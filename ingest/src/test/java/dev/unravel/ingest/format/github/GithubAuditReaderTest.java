package dev.unravel.ingest.format.github;

import dev.unravel.core.testing.SharedData;
import static dev.unravel.ingest.format.IdentityTestSupport.assertAccounted;
import static dev.unravel.ingest.format.IdentityTestSupport.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.IdentityTestSupport;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class GithubAuditReaderTest {
    private final GithubAuditReader reader = new GithubAuditReader();

    /** A streamed git.clone event as GitHub Enterprise Cloud writes it. */
    public static final String CLONE = """
            {"@timestamp":1772413931123,"_document_id":"mF0lq6f7YjZbKg2Yj3tq2w","action":"git.clone",\
            "actor":"dwu-dev","actor_id":91234567,"actor_ip":"203.0.113.7","actor_location":{"country_code":"CN"},\
            "business":"example","business_id":24811,"created_at":1772413931123,\
            "external_identity_nameid":"dana.wu@example.com","hashed_token":"p5mWq1v0bK3w5P2w0nXn4b2xq3m0c8yq4tqVQK1e2pA=",\
            "operation_type":"access","org":"example","org_id":61234567,\
            "programmatic_access_type":"Personal access token (classic)","repo":"example/payments-core",\
            "repository":"example/payments-core","repository_public":false,"token_id":612345678,\
            "transport_protocol":1,"transport_protocol_name":"http","user":"","user_agent":"git/2.43.0","user_id":0}""";

    @Test
    void vendorSample_everyRecordIsAcceptedOrRejectedForItsTimestamp() throws Exception {
        ReaderHarness.Result r = ReaderHarness.read(reader, SharedData.vendorRecords("GitHub_Audit.ndjson"));

        assertThat(r.records()).isEqualTo(101);
        assertThat(r.accepted()).isEqualTo(70);
        assertThat(r.events()).hasSize(70);
        // 27 fixtures carry no time at all; 4 carry "2024-12-17 00:00:00000000" (seconds run into
        // the fraction without a point), which is no timestamp.
        assertThat(reasons(r)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "@timestamp: is missing: the record has no timestamp", 27L,
                "created_at: is not a timestamp: \"2024-12-17 00:00:00000000\"", 4L));
        assertAccounted(r);
        assertThat(r.events()).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo("github");
            assertThat(e.logSource()).isEqualTo(LogSource.of("github", null, "audit"));
        });
    }

    @Test
    void vendorSample_epochMillisIsoTextAndTheDataLakeTimestampNameAllRead() throws Exception {
        ReaderHarness.Result r = ReaderHarness.read(reader, SharedData.vendorRecords("GitHub_Audit.ndjson"));
        Map<Long, Event> byRecord = new java.util.HashMap<>();
        r.events().forEach(e -> byRecord.put(e.origin().record(), e));

        // created_at 1621305118553 (epoch ms)
        assertThat(byRecord.get(1L).time()).isEqualTo(Instant.parse("2021-05-18T02:31:58.553Z"));
        assertThat(byRecord.get(1L).type()).isEqualTo("repo.add_member");
        assertThat(byRecord.get(1L).user()).isEqualTo("bob");
        // created_at 1621305118553.0 (a float)
        assertThat(byRecord.get(85L).time()).isEqualTo(Instant.parse("2021-05-18T02:31:58.553Z"));
        // created_at "2022-08-16 16:56:49.309"
        assertThat(byRecord.get(4L).time()).isEqualTo(Instant.parse("2022-08-16T16:56:49.309Z"));
        // @timestamp and actor_ip
        assertThat(byRecord.get(12L).time()).isEqualTo(Instant.parse("2022-12-15T13:31:51.111Z"));
        assertThat(byRecord.get(12L).sourceIp()).isEqualTo("12.12.12.12");
        // at_sign_timestamp: the data-lake export's name for @timestamp
        Event clone = byRecord.get(55L);
        assertThat(clone.type()).isEqualTo("git.clone");
        assertThat(clone.time()).isEqualTo(Instant.parse("2023-11-20T21:20:09.423Z"));
        assertThat(clone.user()).isEqualTo("acme-inc-user");
        assertThat(clone.sourceIp()).isEqualTo("5.6.7.8");
        assertThat(clone.host()).isNull();
        // An empty actor is no user.
        assertThat(byRecord.get(21L).user()).isNull();
    }

    @Test
    void vendorSample_webhookDeliveriesAreAnotherFormat() throws Exception {
        Path webhook = SharedData.vendorRecords("GitHub_Webhook.ndjson");
        assertThat(reader.probe(IdentityTestSupport.sample(webhook))).isZero();
        assertThat(IdentityTestSupport.recognised(webhook)).isNotEqualTo("github-audit");
    }

    @Test
    void simulatorOutput_readsWithZeroRejections() throws Exception {
        Path out = IdentityTestSupport.simulated();
        Map<String, Long> manifest = IdentityTestSupport.manifestFiles(out);
        List<Path> files = IdentityTestSupport.files(out, "github/audit-log-*.json");
        assertThat(files).hasSize(3);

        long events = 0;
        for (Path f : files) {
            assertThat(IdentityTestSupport.recognised(f)).isEqualTo("github-audit");
            ReaderHarness.Result r = ReaderHarness.read(reader, f);
            assertThat(r.errors()).as(f.toString()).isEmpty();
            assertThat(r.events()).hasSize(manifest.get(out.relativize(f).toString().replace('\\', '/')).intValue());
            for (Event e : r.events()) {
                assertThat(e.user()).isNotBlank();
                assertThat(e.sourceIp()).isNotBlank();
                assertThat(e.time().toEpochMilli()).isEqualTo(((Number) e.field("@timestamp")).longValue());
            }
            events += r.events().size();
        }
        assertThat(events).isGreaterThan(0);
    }

    @Test
    void handWritten_restApiArrayIsReadWithKeyFields() {
        String iso = CLONE.replace("\"@timestamp\":1772413931123,", "").replace("\"created_at\":1772413931123",
                "\"created_at\":\"2026-03-02T01:12:11.123Z\"").replace("git.clone", "repo.download_zip");
        ReaderHarness.Result r = ReaderHarness.read(reader, "audit-log.json", "[\n" + CLONE + ",\n" + iso + "\n]");

        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(Event::type).containsExactly("git.clone", "repo.download_zip");
        for (Event e : r.events()) {
            assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T01:12:11.123Z"));
            assertThat(e.user()).isEqualTo("dwu-dev");
            assertThat(e.sourceIp()).isEqualTo("203.0.113.7");
            assertThat(e.field("hashed_token")).isNotNull();
        }
    }

    @Test
    void nearMiss_noActionNoTimeOrAnObjectActorIsRejectedNamingTheField() {
        String noAction = CLONE.replace("\"action\":\"git.clone\",", "");
        String noTime = CLONE.replace("\"@timestamp\":1772413931123,", "").replace("\"created_at\":1772413931123,", "");
        String objectActor = CLONE.replace("\"actor\":\"dwu-dev\"", "\"actor\":{\"login\":\"dwu-dev\"}");
        String badTime = CLONE.replace("\"@timestamp\":1772413931123", "\"@timestamp\":\"last tuesday\"");
        ReaderHarness.Result r = ReaderHarness.read(reader, "x.ndjson",
                String.join("\n", noAction, noTime, objectActor, badTime));

        assertThat(r.events()).isEmpty();
        assertThat(r.errors()).extracting(e -> e.field() + ": " + e.reason()).containsExactly(
                "action: is missing",
                "@timestamp: is missing: the record has no timestamp",
                "actor: is not a login: {login=dwu-dev}",
                "@timestamp: is not a timestamp: \"last tuesday\"");
    }

    @Test
    void probe_recognisesTheAuditLogByContentOnly() throws Exception {
        assertThat(reader.probe(new Sample("x.txt", CLONE.getBytes(StandardCharsets.UTF_8)))).isEqualTo(90);
        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                int score = reader.probe(IdentityTestSupport.sample(f));
                if (f.getFileName().toString().equals("GitHub_Audit.ndjson")) {
                    assertThat(score).isEqualTo(90);
                } else {
                    assertThat(score).as(f.toString()).isZero();
                }
            }
        }
    }
}
