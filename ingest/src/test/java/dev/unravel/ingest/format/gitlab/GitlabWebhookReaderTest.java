package dev.unravel.ingest.format.gitlab;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.IdentityTestSupport;
import dev.unravel.ingest.format.github.GithubWebhookReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GitLab's push hook, read as GitHub's pushes are: each commit's time with its offset, and the pusher. */
class GitlabWebhookReaderTest {
    private final GitlabWebhookReader reader = new GitlabWebhookReader();

    @TempDir
    Path dir;

    /** A project's push hook body as GitLab posts it (shortened: fewer project fields). */
    public static final String PUSH = """
            {"object_kind":"push","event_name":"push","before":"95790bf891e76fee5e1747ab589903a6a1f80f22",\
            "after":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7","ref":"refs/heads/main","ref_protected":true,\
            "checkout_sha":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7","message":null,"user_id":4,\
            "user_name":"Betty Reed","user_username":"breed","user_email":"betty.reed@example.com",\
            "user_avatar":"https://gitlab.example.com/uploads/-/system/user/avatar/4/avatar.png","project_id":15,\
            "project":{"id":15,"name":"payments-core","path_with_namespace":"northwind/payments-core",\
            "default_branch":"main","visibility_level":0},\
            "commits":[{"id":"b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327","message":"Retry settlement on timeout\\n",\
            "title":"Retry settlement on timeout","timestamp":"2026-03-10T10:31:07+09:00",\
            "url":"https://gitlab.example.com/northwind/payments-core/-/commit/b6568db1bc1dcd7f8b4d5a946b0b91f9dacd7327",\
            "author":{"name":"Betty Reed","email":"betty.reed@example.com"},"added":[],"modified":["settle/retry.go"],\
            "removed":[]},{"id":"da1560886d4f094c3e6c9ef40349f7d38b5d27d7","message":"Log request ids\\n",\
            "title":"Log request ids","timestamp":"2026-03-10T11:02:40+09:00",\
            "url":"https://gitlab.example.com/northwind/payments-core/-/commit/da1560886d4f094c3e6c9ef40349f7d38b5d27d7",\
            "author":{"name":"Betty Reed","email":"betty.reed@example.com"},"added":[],"modified":["api/log.go"],\
            "removed":[]}],"total_commits_count":2,"push_options":{},\
            "repository":{"name":"payments-core","url":"git@gitlab.example.com:northwind/payments-core.git",\
            "homepage":"https://gitlab.example.com/northwind/payments-core","visibility_level":0}}""";

    @Test
    void aPushIsGitHubsPushEvent_timedByItsNewestCommit_withThePusherBesideGitLabsFields() throws Exception {
        ReaderHarness.Result r = ReaderHarness.read(reader, "gitlab-hooks.ndjson", PUSH + "\n");
        assertThat(r.errors()).isEmpty();
        Event push = r.events().get(0);
        assertThat(push.type()).isEqualTo("webhook.push");
        assertThat(push.source()).isEqualTo("gitlab");
        assertThat(push.logSource()).isEqualTo(LogSource.of("gitlab", null, "webhook"));
        assertThat(push.time()).isEqualTo(Instant.parse("2026-03-10T02:02:40Z"));
        assertThat(push.user()).isEqualTo("breed");
        assertThat(push.field("pusher")).isEqualTo(Map.of("name", "breed", "email", "betty.reed@example.com"));
        assertThat(push.field("commits")).isInstanceOf(List.class);

        Path file = java.nio.file.Files.writeString(dir.resolve("hooks.ndjson"), PUSH + "\n");
        assertThat(IdentityTestSupport.recognised(file)).isEqualTo("gitlab-webhook");
        assertThat(new GithubWebhookReader().probe(IdentityTestSupport.sample(file))).as("not GitHub's").isZero();
    }

    @Test
    void theReceiversStampIsThePushTime_aRedactedEmailIsNone_andAPushWithNoTimeIsNamed() {
        String logged = PUSH.replace("{\"object_kind\"", "{\"received_at\":\"2026-03-10T02:05:00Z\",\"object_kind\"")
                .replace("\"user_email\":\"betty.reed@example.com\"", "\"user_email\":\"[REDACTED]\"");
        String deleted = "{\"object_kind\":\"push\",\"before\":\"da1560886d4f094c3e6c9ef40349f7d38b5d27d7\","
                + "\"after\":\"0000000000000000000000000000000000000000\",\"ref\":\"refs/heads/old\",\"user_username\":"
                + "\"breed\",\"project_id\":15,\"commits\":[],\"total_commits_count\":0}";
        String tag = PUSH.replace("\"object_kind\":\"push\",\"event_name\":\"push\"",
                "\"object_kind\":\"tag_push\",\"event_name\":\"tag_push\"");
        String note = "{\"object_kind\":\"note\",\"user_username\":\"breed\",\"project_id\":15,\"commits\":[]}";
        String badStamp = PUSH.replace("{\"object_kind\"", "{\"received_at\":\"yesterday\",\"object_kind\"");
        ReaderHarness.Result r = ReaderHarness.read(reader, "gitlab-hooks.ndjson",
                logged + "\n" + deleted + "\n" + tag + "\n" + note + "\n" + badStamp + "\n");
        assertThat(r.events()).extracting(Event::type).containsExactly("webhook.push", "webhook.tag_push");
        assertThat(r.events().get(0).time()).isEqualTo(Instant.parse("2026-03-10T02:05:00Z"));
        assertThat(r.events().get(0).field("pusher")).isEqualTo(Map.of("name", "breed"));
        assertThat(r.errors()).extracting(e -> e.record() + " " + e.field()).containsExactly("2 commits",
                "4 object_kind", "5 received_at");
        assertThat(r.errors().get(0).reason()).contains("GitLab sends no push time");
    }
}
