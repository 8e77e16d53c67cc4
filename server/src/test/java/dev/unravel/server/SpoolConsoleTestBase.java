package dev.unravel.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.store.Store;
import io.javalin.Javalin;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * For the ingest tests: a console that takes logs, over a fresh store and spool (64 KiB a batch),
 * the analyst dana with an ingest token and an API token, listening on a free port.
 */
abstract class SpoolConsoleTestBase {

    @TempDir
    static Path dir;
    static Store store;
    static Path spool;
    static Javalin app;
    static String base;
    static String ingestToken;
    static String apiToken;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        store = Store.open(dir.resolve("store").toString());
        store.putAnalyst("dana", Passwords.hash("correct horse battery"));
        ingestToken = ApiTokens.newToken();
        store.addToken("dana", ApiTokens.hash(ingestToken), "shipper", Store.TokenScope.INGEST);
        apiToken = ApiTokens.newToken();
        store.addToken("dana", ApiTokens.hash(apiToken), "soar");
        spool = dir.resolve("spool");
        app = Console.create(store, "test", new Spool(spool, 64 * 1024, store, Clock.systemUTC()))
                .start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    /** A POST with {@code Authorization: authorization} (none when null) and the headers given in pairs. */
    HttpResponse<String> send(String path, String authorization, byte[] body, String... headers) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        if (headers.length > 0) {
            r.headers(headers);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The files kept for {@code source}, in name order. */
    static List<Path> kept(String source) throws IOException {
        if (!Files.isDirectory(spool.resolve(source))) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(spool.resolve(source))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    static JsonNode json(HttpResponse<String> r) throws IOException {
        return ReportJson.mapper().readTree(r.body());
    }
}
