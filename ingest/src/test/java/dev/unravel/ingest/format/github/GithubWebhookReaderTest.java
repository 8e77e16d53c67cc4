package dev.unravel.ingest.format.github;

import static dev.unravel.ingest.format.IdentityTestSupport.assertAccounted;
import static dev.unravel.ingest.format.IdentityTestSupport.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.core.testing.SharedData;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.IdentityTestSupport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class GithubWebhookReaderTest {
    private final GithubWebhookReader reader = new GithubWebhookReader();

    /**
     * A push delivery's body as GitHub posts it (shortened: no URLs but the commit's): each commit's
     * time as its author's computer wrote it, offset and all.
     */
    public static final String PUSH = """
            {"ref":"refs/heads/main","before":"17c497ccc7cca9c2f735aa07e9e3813060ce9a6a",\
            "after":"1481a2de7b2a7d02428ad93446ab166be7793fbb","created":false,"deleted":false,"forced":false,\
            "base_ref":null,"compare":"https://github.com/northwind/payments-core/compare/17c497ccc7cc...1481a2de7b2a",\
            "commits":[{"id":"c441029cf673f84c8b7db52d0a5944ee5c52ff89","tree_id":"f9d2a07e9488b91af2641b26b9407fe22a451433",\
            "distinct":true,"message":"Retry settlement on timeout","timestamp":"2026-03-10T10:31:07+09:00",\
            "url":"https://github.com/northwind/payments-core/commit/c441029cf673f84c8b7db52d0a5944ee5c52ff89",\
            "author":{"name":"Betty Reed","email":"betty.reed@example.com","username":"breed-nw"},\
            "committer":{"name":"Betty Reed","email":"betty.reed@example.com","username":"breed-nw"},\
            "added":[],"removed":[],"modified":["settle/retry.go"]}],\
            "head_commit":{"id":"c441029cf673f84c8b7db52d0a5944ee5c52ff89","tree_id":"f9d2a07e9488b91af2641b26b9407fe22a451433",\
            "distinct":true,"message":"Retry settlement on timeout","timestamp":"2026-03-10T10:31:07+09:00",\
            "url":"https://github.com/northwind/payments-core/commit/c441029cf673f84c8b7db52d0a5944ee5c52ff89",\
            "author":{"name":"Betty Reed","email":"betty.reed@example.com","username":"breed-nw"},\
            "committer":{"name":"Betty Reed","email":"betty.reed@example.com","username":"breed-nw"},\
            "added":[],"removed":[],"modified":["settle/retry.go"]},\
            "repository":{"id":612345678,"name":"payments-core","full_name":"northwind/payments-core","private":true,\
            "owner":{"name":"northwind","login":"northwind"},"created_at":1709251200,"updated_at":"2026-03-10T01:31:20Z",\
            "pushed_at":1773106280,"default_branch":"main"},\
            "pusher":{"name":"breed-nw","email":"betty.reed@example.com"},\
            "organization":{"login":"northwind","id":61234567},\
            "sender":{"login":"breed-nw","id":91234567,"type":"User"}}""";

    @Test
    void aPushIsReadWithItsCommits_timedByThePush_andNamedByThePusher(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        ReaderHarness.Result r = ReaderHarness.read(reader, "webhooks.ndjson", PUSH + "\n");
        assertThat(r.errors()).isEmpty();
        Event push = r.events().get(0);
        assertThat(push.type()).isEqualTo("webhook.push");
        assertThat(push.source()).isEqualTo("github");
        assertThat(push.logSource()).isEqualTo(LogSource.of("github", null, "webhook"));
        assertThat(push.time()).isEqualTo(Instant.ofEpochSecond(1773106280));
        assertThat(push.user()).isEqualTo("breed-nw");
        assertThat(push.field("commits")).isInstanceOf(List.class);
        Path file = java.nio.file.Files.writeString(dir.resolve("webhooks.ndjson"), PUSH + "\n");
        assertThat(reader.probe(IdentityTestSupport.sample(file))).isEqualTo(90);
        assertThat(IdentityTestSupport.recognised(file)).isEqualTo("github-webhook");

        // without pushed_at, the head commit's time (as written, offset and all)
        ReaderHarness.Result old = ReaderHarness.read(reader, "w.ndjson", PUSH.replace("\"pushed_at\":1773106280,", "") + "\n");
        assertThat(old.events().get(0).time()).isEqualTo(Instant.parse("2026-03-10T01:31:07Z"));
    }

    @Test
    void otherDeliveriesAreTypedByTheirShape_andTimedByTheirObject() {
        String pr = "{\"action\":\"opened\",\"number\":7,\"pull_request\":{\"id\":1,\"created_at\":\"2026-03-10T02:00:00Z\","
                + "\"updated_at\":\"2026-03-10T02:00:05Z\"},\"repository\":{\"full_name\":\"northwind/web\"},"
                + "\"sender\":{\"login\":\"ohaddad\"}}";
        String review = "{\"action\":\"submitted\",\"review\":{\"submitted_at\":\"2026-03-10T03:00:00Z\"},"
                + "\"pull_request\":{\"updated_at\":\"2026-03-10T02:00:05Z\"},\"repository\":{\"full_name\":\"n/w\"},"
                + "\"sender\":{\"login\":\"breed-nw\"}}";
        String comment = "{\"action\":\"created\",\"comment\":{\"created_at\":\"2026-03-10T04:00:00Z\"},"
                + "\"issue\":{\"number\":3},\"repository\":{\"full_name\":\"n/w\"},\"sender\":{\"login\":\"breed-nw\"}}";
        String job = "{\"action\":\"completed\",\"workflow_job\":{\"started_at\":\"2026-03-10T05:00:00Z\","
                + "\"completed_at\":\"2026-03-10T05:10:00Z\"},\"repository\":{\"full_name\":\"n/w\"},"
                + "\"sender\":{\"login\":\"github-actions[bot]\"}}";
        String untimed = "{\"action\":\"opened\",\"issue\":{\"number\":4},\"repository\":{\"full_name\":\"n/w\"}}";
        ReaderHarness.Result r = ReaderHarness.read(reader, "webhooks.ndjson",
                String.join("\n", pr, review, comment, job, untimed) + "\n");
        assertThat(r.events()).extracting(Event::type).containsExactly("webhook.pull_request.opened",
                "webhook.pull_request_review.submitted", "webhook.issue_comment.created", "webhook.workflow_job.completed");
        assertThat(r.events()).extracting(Event::time).containsExactly(Instant.parse("2026-03-10T02:00:05Z"),
                Instant.parse("2026-03-10T03:00:00Z"), Instant.parse("2026-03-10T04:00:00Z"),
                Instant.parse("2026-03-10T05:10:00Z"));
        assertThat(r.events().get(0).user()).isEqualTo("ohaddad");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.record()).isEqualTo(5);
            assertThat(e.field()).isEqualTo("issue.updated_at");
            assertThat(e.reason()).contains("no timestamp");
        });
    }

    @Test
    void vendorSample_isRecognised_andEachRecordIsReadOrQuarantinedForItsMissingTime() throws Exception {
        Path file = SharedData.vendorRecords("GitHub_Webhook.ndjson");
        assertThat(IdentityTestSupport.recognised(file)).isEqualTo("github-webhook");
        ReaderHarness.Result r = ReaderHarness.read(reader, file);
        assertThat(r.records()).isEqualTo(76);
        assertAccounted(r);
        // rule-test fixtures: most were cut down to the fields a rule reads, times among them
        assertThat(reasons(r).keySet()).allSatisfy(reason -> assertThat(reason).contains("no timestamp"));
        assertThat(r.events()).isNotEmpty().allSatisfy(e -> assertThat(e.type()).startsWith("webhook"));
        Map<String, Long> types = new java.util.TreeMap<>();
        r.events().forEach(e -> types.merge(e.type(), 1L, Long::sum));
        assertThat(types).containsKeys("webhook.workflow_job.completed", "webhook.issues.opened", "webhook.push");
        // record 26 is a push trimmed to its commits: timed by its one commit
        assertThat(r.events()).filteredOn(e -> e.origin().record() == 26).singleElement()
                .satisfies(e -> assertThat(e.time()).isEqualTo(Instant.parse("2024-01-15T10:30:00Z")));
    }
}
