package dev.unravel.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.ingest.FileSummary;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GithubAuditLogTest {

    static final Instant NOW = Instant.parse("2026-03-03T06:00:00Z");

    @TempDir
    Path out;

    final FakeApi.Waits waits = new FakeApi.Waits();
    final List<String> notes = new ArrayList<>();

    /** A git clone as the organisation audit log's REST API returns it. */
    static String clone(String id, Instant at, String repo) {
        return "{\"@timestamp\":" + at.toEpochMilli() + ",\"_document_id\":\"" + id + "\",\"action\":\"git.clone\","
                + "\"actor\":\"dwu-dev\",\"actor_id\":91234567,\"actor_ip\":\"203.0.113.7\","
                + "\"actor_location\":{\"country_code\":\"CN\"},\"created_at\":" + at.toEpochMilli() + ","
                + "\"external_identity_nameid\":\"dana.wu@example.com\",\"operation_type\":\"access\","
                + "\"org\":\"example\",\"org_id\":61234567,\"programmatic_access_type\":\"Personal access token "
                + "(classic)\",\"repo\":\"example/" + repo + "\",\"repository\":\"example/" + repo + "\","
                + "\"repository_public\":false,\"transport_protocol\":1,\"transport_protocol_name\":\"http\","
                + "\"user_agent\":\"git/2.43.0\"}";
    }

    Collector collector(Instant now, Duration maxWait) {
        return new Collector(FakeApi.http(now, waits, maxWait, notes), notes::add);
    }

    @Test
    void webAndGitEventsOldestFirst_byDay_recordsBeforeTheTimeAskedSkipped_andTheFileReadsAsTheAuditLog()
            throws Exception {
        try (FakeApi api = new FakeApi()) {
            Instant since = Instant.parse("2026-03-02T09:30:00Z");
            api.then(200, "[" + clone("d0", Instant.parse("2026-03-02T08:00:00Z"), "web") + ","
                    + clone("d1", Instant.parse("2026-03-02T10:00:00Z"), "payments-core") + "]",
                    "Link", "<{base}/orgs/example/audit-log?phrase=x&after=MS4yNjM%3D&before=>; rel=\"next\"")
                    .then(200, "[" + clone("d2", Instant.parse("2026-03-03T01:00:00Z"), "ledger") + "]");
            GithubAuditLog log = new GithubAuditLog(api.base(), "example", null, "all", "ghp_SECRET");
            Collector.Result r = collector(NOW, Duration.ofMinutes(5)).run(log, out,
                    new Collector.Options(since, Duration.ofMinutes(15), null));

            FakeApi.Seen first = api.seen.get(0);
            assertThat(first.uri().getPath()).isEqualTo("/orgs/example/audit-log");
            assertThat(first.query("phrase")).isEqualTo("created:>=2026-03-02");
            assertThat(first.query("include")).isEqualTo("all");
            assertThat(first.query("order")).isEqualTo("asc");
            assertThat(first.query("per_page")).isEqualTo("100");
            assertThat(first.header("Authorization")).isEqualTo("Bearer ghp_SECRET");
            assertThat(first.header("X-GitHub-Api-Version")).isEqualTo("2022-11-28");
            assertThat(api.seen.get(1).query("after")).isEqualTo("MS4yNjM=");

            assertThat(r.older()).as("08:00 is before 09:30, asked for by day").isEqualTo(1);
            assertThat(r.records()).isEqualTo(2);
            assertThat(r.file()).isEqualTo(out.resolve("github/2026-03-02/github-20260303T060000Z.ndjson"));
            FileSummary read = Collected.read(r.file());
            assertThat(read.format()).isEqualTo("github-audit");
            assertThat(read.accepted()).isEqualTo(2);
            assertThat(Files.exists(out.resolve(".unravel-collect/github-example.json"))).isTrue();
        }
    }

    @Test
    void githubsPrimaryRateLimit_aForbiddenWithNoneRemaining_isWaitedOut_butAPlainForbiddenIsAPermission()
            throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(403, "{\"message\":\"API rate limit exceeded for user ID 1.\"}", "x-ratelimit-remaining", "0",
                    "x-ratelimit-reset", Long.toString(NOW.getEpochSecond() + 120))
                    .then(429, "{\"message\":\"You have exceeded a secondary rate limit.\"}", "retry-after", "60")
                    .then(200, "[" + clone("d1", Instant.parse("2026-03-02T10:00:00Z"), "ledger") + "]");
            GithubAuditLog log = new GithubAuditLog(api.base(), null, "example-corp", "all", "t");
            Collector.Result r = collector(NOW, Duration.ofMinutes(5)).run(log, out,
                    new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofMinutes(15), null));
            assertThat(r.records()).isEqualTo(1);
            assertThat(waits.asked).containsExactly(Duration.ofSeconds(121), Duration.ofSeconds(60));
            assertThat(api.seen.get(0).uri().getPath()).isEqualTo("/enterprises/example-corp/audit-log");

            api.then(403, "{\"message\":\"Resource not accessible by personal access token\","
                    + "\"documentation_url\":\"https://docs.github.com/rest\"}", "x-ratelimit-remaining", "4999");
            assertThatThrownBy(() -> collector(NOW, Duration.ofMinutes(5)).run(log, out.resolve("b"),
                    new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofMinutes(15), null)))
                    .hasMessageContaining("answered 403 \"Resource not accessible by personal access token\": the "
                            + "credential lacks the permission this log needs — a token of an owner with the "
                            + "read:audit_log scope");
        }
    }

    @Test
    void orgOrEnterprise_andTheIncludeChoice_areChecked() {
        URI api = URI.create("https://api.github.com");
        assertThatThrownBy(() -> new GithubAuditLog(api, "a", "b", "all", "t"))
                .hasMessage("give either --org or --enterprise, not both or neither");
        assertThatThrownBy(() -> new GithubAuditLog(api, "a", null, "everything", "t"))
                .hasMessage("--include is all, web or git, not 'everything'");
        assertThatThrownBy(() -> new GithubAuditLog(URI.create("api.github.com"), "a", null, "all", "t"))
                .hasMessageContaining("is not an http(s) address with a host");
    }
}
