package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unravel collect} against an Okta System Log API on 127.0.0.1. */
class CollectCommandTest {

    static final String EVENT = "{\"actor\":{\"id\":\"00u1\",\"type\":\"User\",\"alternateId\":\"dana.wu@example.com\","
            + "\"displayName\":\"Dana Wu\"},\"client\":{\"ipAddress\":\"203.0.113.7\",\"userAgent\":{\"rawUserAgent\":"
            + "\"Mozilla/5.0\"}},\"eventType\":\"user.session.start\",\"outcome\":{\"result\":\"SUCCESS\"},"
            + "\"published\":\"2026-03-02T14:00:00.000Z\",\"severity\":\"INFO\",\"uuid\":\"u1\",\"version\":\"0\"}";

    @TempDir
    Path tmp;

    HttpServer server;
    final Deque<String[]> answers = new ArrayDeque<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String[] a = answers.poll();
            byte[] body = (a == null ? "[]" : a[1]).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a == null ? 200 : Integer.parseInt(a[0]), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void aRunWritesTheNewRecords_theNextFindsNothingNew_andTheFolderReadsAsOkta() throws Exception {
        Path token = tmp.resolve("token");
        Files.writeString(token, "00abc\n");
        Path out = tmp.resolve("logs");
        answers.add(new String[] {"200", "[" + EVENT + "]"});
        CliRun first = CliRun.run("collect", "okta", "--url", url(), "--token-file", token.toString(), "--out",
                out.toString(), "--since", "2026-03-01");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("okta: 1 records (1 page) from 2026-03-02T14:00:00Z to 2026-03-02T14:00:00Z -> "
                + out.resolve("okta/2026-03-02")).contains("asked from 2026-03-01T00:00:00Z")
                .contains("next run asks from 2026-03-02T13:45:00Z");

        answers.add(new String[] {"200", "[" + EVENT + "]"});
        CliRun again = CliRun.run("collect", "okta", "--url", url(), "--token-file", token.toString(), "--out",
                out.toString());
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("okta: nothing new since 2026-03-02T13:45:00Z (1 page read, 1 already "
                + "collected)");

        CliRun check = CliRun.run("ingest", "check", out.toString());
        assertThat(check.code()).as(check.err()).isZero();
        assertThat(check.out()).contains("okta (").contains("records 1  accepted 1  quarantined 0")
                .contains("hidden (its name or a folder's starts with '.'): not read"); // the state, passed over
    }

    /** Jamf Pro's inventory collected: the client's token, one page of Macs, and the file reads as Jamf's. */
    @Test
    void jamfsInventory_collectedAndReadAsJamf() throws Exception {
        Path secret = tmp.resolve("jamf-secret");
        Files.writeString(secret, "s3cret\n");
        Path out = tmp.resolve("logs");
        answers.add(new String[] {"200", "{\"access_token\":\"t0k\",\"token_type\":\"Bearer\",\"expires_in\":299}"});
        answers.add(new String[] {"200", "{\"totalCount\":1,\"results\":[{\"id\":\"1\",\"udid\":\"U1\",\"general\":"
                + "{\"name\":\"NWL-MBP-1\",\"lastIpAddress\":\"71.173.170.3\",\"lastContactTime\":"
                + "\"2026-03-02T22:41:10.000Z\"},\"userAndLocation\":{\"username\":\"dwu\"}}]}"});
        CliRun run = CliRun.run("collect", "jamf", "--url", url(), "--client-id", "c1", "--secret-file",
                secret.toString(), "--out", out.toString(), "--since", "2026-03-01");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("jamf: 1 records (1 page) from 2026-03-02T22:41:10Z")
                .contains("Jamf Pro computer inventory of " + url());
        CliRun check = CliRun.run("ingest", "check", out.toString());
        assertThat(check.out()).contains("jamf-computers").contains("records 1  accepted 1  quarantined 0");
        if (System.getenv("JAMF_CLIENT_SECRET") == null) {
            CliRun noSecret = CliRun.run("collect", "jamf", "--url", url(), "--client-id", "c1", "--out", out.toString());
            assertThat(noSecret.code()).isEqualTo(2);
            assertThat(noSecret.err()).contains("JAMF_CLIENT_SECRET");
        }
    }

    /** Fleet's hosts collected with an API token: the file reads as Fleet's. */
    @Test
    void fleetsHosts_collectedAndReadAsFleet() throws Exception {
        Path token = tmp.resolve("fleet-token");
        Files.writeString(token, "fl33t\n");
        Path out = tmp.resolve("logs");
        answers.add(new String[] {"200", "{\"hosts\":[{\"id\":1,\"seen_time\":\"2026-03-02T22:41:10Z\",\"hostname\":"
                + "\"NWL-MBP-1\",\"osquery_version\":\"5.14.1\",\"public_ip\":\"71.173.170.3\","
                + "\"primary_ip\":\"192.168.1.50\"}]}"});
        CliRun run = CliRun.run("collect", "fleet", "--url", url(), "--token-file", token.toString(), "--out",
                out.toString(), "--since", "2026-03-01");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("fleet: 1 records (1 page) from 2026-03-02T22:41:10Z");
        assertThat(CliRun.run("ingest", "check", out.toString()).out()).contains("fleet-hosts")
                .contains("records 1  accepted 1  quarantined 0");
    }

    /** Teams call records: listed, each asked for again with its sessions; the file reads as Teams call records. */
    @Test
    void teamsCallRecords_collectedWithTheirSessionsAndReadAsTeams() throws Exception {
        Path secret = tmp.resolve("entra-secret");
        Files.writeString(secret, "s3cret\n");
        Path out = tmp.resolve("logs");
        answers.add(new String[] {"200", "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"t\"}"});
        answers.add(new String[] {"200", "{\"value\":[{\"id\":\"c1\",\"startDateTime\":\"2026-03-02T15:00:00Z\"}]}"});
        answers.add(new String[] {"200", "{\"id\":\"c1\",\"type\":\"groupCall\",\"modalities\":[\"audio\"],"
                + "\"startDateTime\":\"2026-03-02T15:00:00Z\",\"sessions\":[{\"id\":\"s1\",\"startDateTime\":"
                + "\"2026-03-02T15:00:10Z\",\"caller\":{\"@odata.type\":\"#microsoft.graph.callRecords."
                + "participantEndpoint\",\"name\":\"NWL-LT-1\",\"associatedIdentity\":{\"userPrincipalName\":"
                + "\"dana.wu@example.com\"}},\"callee\":{\"@odata.type\":\"#microsoft.graph.callRecords."
                + "serviceEndpoint\"},\"segments\":[{\"media\":[{\"label\":\"main-audio\",\"callerDevice\":{"
                + "\"captureDeviceName\":\"Microphone (Voicemod Virtual Audio Device (WDM))\"}}]}]}]}"});
        CliRun run = CliRun.run("collect", "teams", "--tenant", "example.onmicrosoft.com", "--client-id", "c",
                "--secret-file", secret.toString(), "--login-url", url(), "--graph-url", url(), "--out",
                out.toString(), "--since", "2026-03-01");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("teams: 1 records (2 pages) from 2026-03-02T15:00:00Z");
        assertThat(CliRun.run("ingest", "check", out.toString()).out()).contains("teams-callrecords")
                .contains("records 1  accepted 1  quarantined 0");
    }

    /** Zoom's participants: the day's meetings listed, then each one's participants; the file reads as Zoom's. */
    @Test
    void zoomsMeetingParticipants_collectedAndReadAsZoom() throws Exception {
        Path secret = tmp.resolve("zoom-secret");
        Files.writeString(secret, "s3cret\n");
        Path out = tmp.resolve("logs");
        // within the day --since asks for, so that one listing covers it (Zoom keeps six months, listed a month a time)
        String joined = java.time.Instant.now().minus(java.time.Duration.ofHours(2))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        answers.add(new String[] {"200", "{\"access_token\":\"t\",\"token_type\":\"bearer\",\"expires_in\":3599}"});
        answers.add(new String[] {"200", "{\"next_page_token\":\"\",\"meetings\":[{\"uuid\":\"4rTz1bS9Q3uV0dH8fX2wLg==\","
                + "\"id\":85104433120,\"topic\":\"Sprint planning\"}]}"});
        answers.add(new String[] {"200", "{\"next_page_token\":\"\",\"participants\":[{\"participant_uuid\":\"P-1\","
                + "\"user_name\":\"Dana Wu\",\"email\":\"dana.wu@example.com\",\"join_time\":\"" + joined + "\","
                + "\"microphone\":\"Microphone (Voicemod Virtual Audio Device (WDM))\",\"pc_name\":\"NWL-LT-1\"}]}"});
        CliRun run = CliRun.run("collect", "zoom", "--account-id", "Xq3vT9kLQzy", "--client-id", "c", "--secret-file",
                secret.toString(), "--oauth-url", url(), "--api-url", url(), "--out", out.toString(), "--since", "1d");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("zoom: 1 records (2 pages) from " + joined);
        assertThat(CliRun.run("ingest", "check", out.toString()).out()).contains("zoom-participants")
                .contains("records 1  accepted 1  quarantined 0");
    }

    /** Slack's access logs: the members listed for their emails, then the entries; the file reads as Slack's. */
    @Test
    void slacksAccessLogs_collectedWithTheAccountsEmailAndReadAsSlack() throws Exception {
        Path token = tmp.resolve("slack-token");
        Files.writeString(token, "xoxp-1\n");
        Path out = tmp.resolve("logs");
        long last = java.time.Instant.now().minus(java.time.Duration.ofHours(2)).getEpochSecond();
        answers.add(new String[] {"200", "{\"ok\":true,\"members\":[{\"id\":\"U1\",\"name\":\"dana\",\"profile\":"
                + "{\"email\":\"dana.wu@example.com\"}}]}"});
        answers.add(new String[] {"200", "{\"ok\":true,\"logins\":[{\"user_id\":\"U1\",\"username\":\"dana\","
                + "\"date_first\":" + (last - 60) + ",\"date_last\":" + last + ",\"count\":2,\"ip\":\"203.0.113.7\","
                + "\"user_agent\":\"Slack/4.41.105\",\"isp\":\"Comcast\",\"country\":\"US\",\"region\":\"NY\"}]}"});
        CliRun run = CliRun.run("collect", "slack", "--token-file", token.toString(), "--api-url", url(), "--out",
                out.toString(), "--since", "1d");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(run.out()).contains("slack: 1 records (1 page) from " + java.time.Instant.ofEpochSecond(last));
        assertThat(CliRun.run("ingest", "check", out.toString()).out()).contains("slack-access")
                .contains("records 1  accepted 1  quarantined 0");
    }

    @Test
    void theConsolesCollectLines_areCheckedBeforeItStarts() {
        assertThat(CollectCommand.words("okta --url https://acme.okta.com --token-file '/etc/my token' \"a b\""))
                .containsExactly("okta", "--url", "https://acme.okta.com", "--token-file", "/etc/my token", "a b");
        CliRun noSpool = CliRun.run("serve", "--collect", "okta --url https://acme.okta.com", "--store",
                tmp.resolve("s").toString());
        assertThat(noSpool.code()).isEqualTo(2);
        assertThat(noSpool.err()).contains("--collect brings logs into the spool: it needs --spool");
        CliRun unknown = CliRun.run("serve", "--spool", tmp.resolve("spool").toString(), "--collect",
                "okta --url https://acme.okta.com --tokenfile x", "--store", tmp.resolve("s").toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("--collect 'okta --url https://acme.okta.com --tokenfile x': Unknown options: "
                + "'--tokenfile', 'x'");
        assertThat(CliRun.run("serve", "--spool", tmp.resolve("spool").toString(), "--collect", "okta --url u --out x",
                "--store", tmp.resolve("s").toString()).err()).contains("leave --out out");
        assertThat(CliRun.run("serve", "--spool", tmp.resolve("spool").toString(), "--collect", "--since 3d",
                "--store", tmp.resolve("s").toString()).err()).contains("--collect '--since 3d': ");
        assertThat(CliRun.run("serve", "--spool", tmp.resolve("spool").toString(), "--collect", "okta --url 'u",
                "--store", tmp.resolve("s").toString()).err()).contains("a quote is not closed");
        String missing = tmp.resolve("no-such-token").toString();
        CliRun noToken = CliRun.run("serve", "--spool", tmp.resolve("spool").toString(), "--collect",
                "okta --url https://acme.okta.com --token-file " + missing, "--store", tmp.resolve("s").toString());
        assertThat(noToken.code()).as("a credential missing stops the console starting, not each run").isEqualTo(2);
        assertThat(noToken.err()).contains("--collect 'okta --url https://acme.okta.com --token-file " + missing
                + "': ").contains(missing);
    }

    @Test
    void mistakesAndRefusalsAreOneLine_andWriteNothing() throws Exception {
        Path out = tmp.resolve("logs");
        CliRun noToken = CliRun.run("collect", "okta", "--url", url(), "--out", out.toString());
        if (System.getenv("OKTA_API_TOKEN") == null) {
            assertThat(noToken.code()).isEqualTo(2);
            assertThat(noToken.err()).contains("give the token in a file (--token-file) or in the environment "
                    + "variable OKTA_API_TOKEN");
        }
        Path token = tmp.resolve("token");
        Files.writeString(token, "00abc");
        CliRun since = CliRun.run("collect", "okta", "--url", url(), "--token-file", token.toString(), "--out",
                out.toString(), "--since", "last tuesday");
        assertThat(since.code()).isEqualTo(2);
        assertThat(since.err()).contains("--since takes a number and a unit");
        CliRun github = CliRun.run("collect", "github", "--token-file", token.toString(), "--out", out.toString());
        assertThat(github.err()).contains("give either --org or --enterprise");
        CliRun table = CliRun.run("collect", "defender", "--tenant", "t", "--client-id", "c", "--table",
                "DeviceNetworkInfo", "--out", out.toString());
        assertThat(table.code()).isEqualTo(2);
        assertThat(table.err()).as("said before the secret is asked for").contains("'DeviceNetworkInfo' is not a "
                + "table collected: DeviceProcessEvents, DeviceNetworkEvents, DeviceEvents, DeviceRegistryEvents, "
                + "DeviceLogonEvents, DeviceFileEvents, DeviceInfo");

        answers.add(new String[] {"401", "{\"errorCode\":\"E0000011\",\"errorSummary\":\"Invalid token provided\"}"});
        CliRun refused = CliRun.run("collect", "okta", "--url", url(), "--token-file", token.toString(), "--out",
                out.toString());
        assertThat(refused.code()).isEqualTo(1);
        assertThat(refused.err()).startsWith("unravel collect okta: GET " + url() + "/api/v1/logs?since=")
                .contains("answered 401 \"Invalid token provided\"");
        assertThat(out.resolve("okta")).isEmptyDirectory();
    }
}
