package dev.unravel.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.ingest.FileSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlackAccessLogsTest {

    static final Instant NOW = Instant.parse("2026-03-03T06:00:00Z");
    static final Collector.Options FROM_MARCH = new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"),
            Duration.ofMinutes(15), null);

    @TempDir
    Path out;

    final FakeApi.Waits waits = new FakeApi.Waits();
    final List<String> notes = new ArrayList<>();

    static String member(String id, String name, String email) {
        return "{\"id\":\"" + id + "\",\"team_id\":\"T0G9PQBBK\",\"name\":\"" + name + "\",\"deleted\":false,"
                + "\"real_name\":\"x\",\"tz\":\"America/New_York\",\"profile\":{\"real_name\":\"x\",\"email\":\""
                + email + "\"},\"is_admin\":false,\"is_bot\":false}";
    }

    static String entry(String user, String ip, String at) {
        long last = Instant.parse(at).getEpochSecond();
        return "{\"user_id\":\"" + user + "\",\"username\":\"u-" + user + "\",\"date_first\":" + (last - 3600)
                + ",\"date_last\":" + last + ",\"count\":4,\"ip\":\"" + ip + "\",\"user_agent\":\"Slack/4.41.105 "
                + "(Windows 10.0.22631)\",\"isp\":\"Comcast Cable\",\"country\":\"US\",\"region\":\"NY\"}";
    }

    Collector collector() {
        return new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add);
    }

    @Test
    void membersAreListedFirst_thenEntriesPageByPage_eachWithItsAccountsEmail_untilAPageIsAllOlder() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, "{\"ok\":true,\"members\":[" + member("U1", "ann", "ann@example.com") + "],"
                    + "\"response_metadata\":{\"next_cursor\":\"dXNlcjpVMg==\"}}")
                    .then(200, "{\"ok\":true,\"members\":[" + member("U2", "bob", "bob@example.com") + ","
                            + "{\"id\":\"B1\",\"name\":\"deploybot\",\"is_bot\":true,\"profile\":{}}],"
                            + "\"response_metadata\":{\"next_cursor\":\"\"}}")
                    .then(200, "{\"ok\":true,\"logins\":[" + entry("U1", "185.242.5.85", "2026-03-03T05:00:00Z") + ","
                            + entry("U3", "73.12.40.2", "2026-03-02T20:00:00Z") + "],\"response_metadata\":"
                            + "{\"next_cursor\":\"c2\"}}")
                    .then(200, "{\"ok\":true,\"logins\":[" + entry("U2", "73.1.2.4", "2026-03-02T09:00:00Z") + ","
                            + entry("U1", "10.0.0.1", "2026-03-01T09:00:00Z") + "],\"response_metadata\":"
                            + "{\"next_cursor\":\"c3\"}}")
                    .then(200, "{\"ok\":true,\"logins\":[" + entry("U2", "73.1.2.5", "2026-02-27T09:00:00Z") + "],"
                            + "\"response_metadata\":{\"next_cursor\":\"c4\"}}");
            SlackAccessLogs slack = new SlackAccessLogs(api.base(), "xoxp-1234", null);
            Collector.Result r = collector().run(slack, out, FROM_MARCH);

            assertThat(api.seen).extracting(s -> s.uri().getPath()).containsExactly("/api/users.list",
                    "/api/users.list", "/api/team.accessLogs", "/api/team.accessLogs", "/api/team.accessLogs");
            assertThat(api.seen.get(0).header("Authorization")).isEqualTo("Bearer xoxp-1234");
            assertThat(api.seen.get(1).query("cursor")).isEqualTo("dXNlcjpVMg==");
            assertThat(api.seen.get(2).query("before")).isEqualTo(Long.toString(NOW.getEpochSecond()));
            assertThat(api.seen.get(3).query("cursor")).isEqualTo("c2");
            assertThat(api.seen.get(4).query("cursor")).as("a page with one recent entry is followed").isEqualTo("c3");

            assertThat(r.records()).as("the entries from March 2 on").isEqualTo(3);
            assertThat(r.older()).isEqualTo(2);
            List<String> lines = Files.readAllLines(r.file());
            JsonNode first = new ObjectMapper().readTree(lines.get(0));
            assertThat(first.get("email").asText()).isEqualTo("ann@example.com");
            assertThat(new ObjectMapper().readTree(lines.get(1)).has("email")).as("not a member listed").isFalse();
            FileSummary read = Collected.read(r.file());
            assertThat(read.format()).isEqualTo("slack-access");
            assertThat(read.quarantined()).isZero();
            assertThat(slack.describe()).contains("2 members' emails");
        }
    }

    @Test
    void slacksRefusalsAreSaidWithTheScopeItNeeded() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, "{\"ok\":false,\"error\":\"missing_scope\",\"needed\":\"users:read.email\","
                    + "\"provided\":\"admin,users:read\"}");
            assertThatThrownBy(() -> collector().run(new SlackAccessLogs(api.base(), "xoxp-1234", null), out,
                    FROM_MARCH)).hasMessage("slack: users.list answered \"missing_scope\" (the token needs the scope "
                            + "users:read.email)");
            api.then(200, "{\"ok\":true,\"members\":[]}").then(200, "{\"ok\":false,\"error\":\"paid_only\"}");
            assertThatThrownBy(() -> collector().run(new SlackAccessLogs(api.base(), "xoxp-1234", "T0G9PQBBK"), out,
                    FROM_MARCH)).hasMessageContaining("\"paid_only\": access logs are on paid plans only");
            assertThat(api.seen.get(api.seen.size() - 1).query("team_id")).isEqualTo("T0G9PQBBK");
            assertThat(Collected.files(out.resolve("slack"))).isEmpty();
        }
    }

    /** An entry that is no object is written as Slack gave it, for the reader to quarantine with a count. */
    @Test
    void anEntryThatIsNoObjectIsKeptForTheReaderToQuarantine() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, "{\"ok\":true,\"members\":[]}").then(200, "{\"ok\":true,\"logins\":["
                    + entry("U1", "73.1.2.4", "2026-03-02T09:00:00Z") + ",\"garbled\"]}");
            Collector.Result r = collector().run(new SlackAccessLogs(api.base(), "xoxp-1234", null), out, FROM_MARCH);
            assertThat(r.records()).isEqualTo(2);
            FileSummary read = Collected.read(r.file());
            assertThat(read.accepted()).isEqualTo(1);
            assertThat(read.quarantined()).isEqualTo(1);
        }
    }
}
