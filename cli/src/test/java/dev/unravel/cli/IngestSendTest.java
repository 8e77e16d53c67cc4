package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.server.ApiTokens;
import dev.unravel.server.Console;
import dev.unravel.server.Passwords;
import dev.unravel.server.Spool;
import dev.unravel.store.Store;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code unravel ingest send}: files to a console's ingest API, and what it made of each. */
class IngestSendTest {

    static final String SIGN_IN = """
            {"actor":{"id":"00u1a2b3c4","type":"User","alternateId":"dana.wu@example.com","displayName":"Dana Wu"},\
            "client":{"ipAddress":"203.0.113.7"},"displayMessage":"User login to Okta","eventType":"user.session.start",\
            "outcome":{"result":"SUCCESS"},"published":"2026-03-02T01:12:33.456Z","severity":"INFO",\
            "legacyEventType":"core.user_auth.login_success","uuid":"6f0c7e9e-1111","version":"0"}""";

    @TempDir
    Path dir;

    @Test
    void filesAreSentOneBatchEach_andWhatTheConsoleMadeOfThemIsPrinted() throws Exception {
        Path good = Files.writeString(dir.resolve("system-log.ndjson"), SIGN_IN + "\n"
                + SIGN_IN.replace("2026-03-02T01:12:33.456Z", "yesterday") + "\n");
        Path junk = Files.writeString(dir.resolve("notes.txt"), "Dear team, the logs are attached.\n");
        try (Store store = Store.open(dir.resolve("store").toString())) {
            store.putAnalyst("dana", Passwords.hash("correct horse battery"));
            String token = ApiTokens.newToken();
            store.addToken("dana", ApiTokens.hash(token), "cron", Store.TokenScope.INGEST);
            Path tokenFile = Files.writeString(dir.resolve("token"), token + "\n");
            Javalin app = Console.create(store, "test", new Spool(dir.resolve("spool"), 1 << 20, store,
                    Clock.systemUTC())).start("127.0.0.1", 0);
            String to = "http://127.0.0.1:" + app.port();
            try {
                CliRun sent = CliRun.run("ingest", "send", "--to", to, "--source", "okta", "--token-file",
                        tokenFile.toString(), good.toString(), junk.toString());
                assertThat(sent.code()).as("a file was refused").isEqualTo(1);
                assertThat(sent.out()).contains(good + ": kept as batch 1 (okta): 2 records, 1 events, 1 rejected",
                        "    record 2, field 'published': is not a timestamp: \"yesterday\"",
                        junk + ": refused (415): the batch cannot be read");

                CliRun again = CliRun.run("ingest", "send", "--to", to + "/", "--source", "okta", "--format", "okta",
                        "--token-file", tokenFile.toString(), good.toString());
                assertThat(again.code()).isZero();
                assertThat(again.out()).contains(good + ": already kept as batch 1 (okta)");

                CliRun wrong = CliRun.run("ingest", "send", "--to", to, "--source", "okta", "--format", "duo-auth",
                        "--token-file", tokenFile.toString(), good.toString());
                assertThat(wrong.out()).contains("refused (415): the batch was to be duo-auth but reads as okta");

                Path bad = Files.writeString(dir.resolve("bad-token"), "unr_made-up");
                assertThat(CliRun.run("ingest", "send", "--to", to, "--source", "okta", "--token-file", bad.toString(),
                        good.toString()).out()).contains("refused (401)");
            } finally {
                app.stop();
            }
            assertThat(store.ingestBatches("okta", 5)).hasSize(1);
        }
    }

    @Test
    void badOptionsAreToldBeforeAnythingIsSent() throws Exception {
        Path f = Files.writeString(dir.resolve("a.ndjson"), SIGN_IN + "\n");
        Path tokenFile = Files.writeString(dir.resolve("token"), "unr_x");
        assertThat(CliRun.run("ingest", "send", "--to", "ftp://host", "--source", "okta", "--token-file",
                tokenFile.toString(), f.toString()).err()).contains("--to must be the console's http(s) address");
        assertThat(CliRun.run("ingest", "send", "--to", "http://127.0.0.1:9", "--source", "okta", "--token-file",
                tokenFile.toString(), dir.resolve("missing.json").toString()).err()).contains("missing.json: no such file");
        CliRun noToken = CliRun.run("ingest", "send", "--to", "http://127.0.0.1:9", "--source", "okta", "--token-file",
                dir.resolve("no-token").toString(), f.toString());
        assertThat(noToken.code()).isEqualTo(2);
        assertThat(noToken.err()).contains("ingest token file " + dir.resolve("no-token") + " does not exist");
        CliRun down = CliRun.run("ingest", "send", "--to", "http://127.0.0.1:9", "--source", "okta", "--token-file",
                tokenFile.toString(), f.toString());
        assertThat(down.code()).isEqualTo(1);
        assertThat(down.err()).contains("cannot reach http://127.0.0.1:9/ (connection refused)", "were not sent");
    }
}
