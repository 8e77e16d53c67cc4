package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import dev.unravel.store.Store;
import io.javalin.Javalin;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Logs sent over HTTP, as a log shipper and an Okta event hook send them, and as a stranger would try. */
class IngestApiTest extends SpoolConsoleTestBase {

    static final String SIGN_IN = """
            {"actor":{"id":"00u1a2b3c4","type":"User","alternateId":"dana.wu@example.com","displayName":"Dana Wu"},\
            "client":{"ipAddress":"203.0.113.7","geographicalContext":{"country":"China"}},\
            "displayMessage":"User login to Okta","eventType":"user.session.start","outcome":{"result":"SUCCESS"},\
            "published":"2026-03-02T01:12:33.456Z","securityContext":{"asNumber":9009,"isProxy":true},\
            "severity":"INFO","legacyEventType":"core.user_auth.login_success","uuid":"6f0c7e9e-1111","version":"0"}""";

    HttpResponse<String> post(String path, String token, byte[] body, String... headers) throws Exception {
        return send(path, token == null ? null : "Bearer " + token, body, headers);
    }

    HttpResponse<String> post(String path, String body) throws Exception {
        return post(path, ingestToken, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aShippersBatchIsKeptAsSent_underItsFirstEventsDay_andItsBadRecordsAreNamed() throws Exception {
        String badTime = SIGN_IN.replace("2026-03-02T01:12:33.456Z", "yesterday");
        String later = SIGN_IN.replace("2026-03-02T01:12:33.456Z", "2026-03-02T09:00:00Z");
        String ndjson = later + "\n" + badTime + "\n" + SIGN_IN + "\n";

        HttpResponse<String> r = post("/api/ingest/okta?name=system-log.ndjson&format=okta", ndjson);

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode b = json(r);
        assertThat(b.get("duplicate").asBoolean()).isFalse();
        assertThat(b.get("format").asText()).isEqualTo("okta");
        assertThat(b.get("records").asLong()).isEqualTo(3);
        assertThat(b.get("events").asLong()).isEqualTo(2);
        assertThat(b.get("rejected").asLong()).isEqualTo(1);
        assertThat(b.get("first").asText()).isEqualTo("2026-03-02T01:12:33.456Z");
        assertThat(b.get("errors")).singleElement().satisfies(e -> {
            assertThat(e.get("record").asLong()).isEqualTo(2);
            assertThat(e.get("field").asText()).isEqualTo("published");
            assertThat(e.get("reason").asText()).contains("is not a timestamp");
        });
        assertThat(b.get("file").asText()).startsWith("okta/2026-03-02/").endsWith(".ndjson");

        Path file = spool.resolve(b.get("file").asText());
        assertThat(Files.readString(file)).as("kept exactly as sent").isEqualTo(ndjson);
        // and read by a scan as any other file: the bad record is quarantined there again, not lost
        List<FileSummary> read = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, e -> { }, 5)
                .run(List.of(spool));
        assertThat(read).filteredOn(s -> s.file().endsWith(".ndjson")).singleElement().satisfies(s -> {
            assertThat(s.format()).isEqualTo("okta");
            assertThat(s.events()).isEqualTo(2);
            assertThat(s.quarantined()).isEqualTo(1);
        });
        assertThat(store.ingestBatch("okta", b.get("file").asText().replaceAll(".*-([0-9a-f]{12})\\..*", "$1")))
                .as("looked up by the whole digest only").isEmpty();
        assertThat(store.accessLog("dana", 5)).extracting(Store.AccessEntry::action).contains("ingest");

        HttpResponse<String> again = post("/api/ingest/okta?name=system-log.ndjson", ndjson);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("duplicate").asBoolean()).as("a retry is answered, not kept twice").isTrue();
        assertThat(json(again).get("batch").asLong()).isEqualTo(b.get("batch").asLong());
        assertThat(kept("okta")).hasSize(1);
        assertThat(store.accessLog("dana", 1).get(0).action()).isEqualTo("ingest-again");
        try (Stream<Path> incoming = Files.list(spool.resolve(".incoming"))) {
            assertThat(incoming).as("nothing left half-written").isEmpty();
        }
    }

    /** A syslog shipper's batch of the VPN's log (GlobalProtect, as PAN-OS forwards it): text lines, no JSON. */
    @Test
    void aBatchOfVpnSyslogLines_isRecognisedKeptAndRead() throws Exception {
        String line = "<14>Mar  2 01:12:35 PA-3220 1,2026/03/02 01:12:35,016201004321,GLOBALPROTECT,0,2817,"
                + "2026/03/02 01:12:35,vsys1,gateway-connected,connected,,IPSec,ada@example.com,US,NWL-LT-1,"
                + "203.0.113.7,0.0.0.0,10.200.4.17,0.0.0.0,6c1f3e2a,PF3K9Z2A,6.2.4-28,Microsoft Windows,"
                + "\"Microsoft Windows 11 Enterprise , 64-bit\",1,,,\"\",success,,0,user-logon,0,GP-Portal,1,0x0,"
                + "2026-03-02T01:12:35.000+00:00,,,,,GW,12,0,0,0,,PA-3220,1,\n";
        HttpResponse<String> r = post("/api/ingest/vpn", line + line.replace("01:12:35", "01:13:40"));

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode b = json(r);
        assertThat(b.get("format").asText()).isEqualTo("globalprotect");
        assertThat(b.get("events").asLong()).isEqualTo(2);
        assertThat(b.get("file").asText()).startsWith("vpn/2026-03-02/").endsWith(".log");
        List<dev.unravel.core.Event> events = new java.util.ArrayList<>();
        new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 5).run(List.of(spool.resolve("vpn")));
        assertThat(events).extracting(dev.unravel.core.Event::type).containsExactly("vpn.session.start",
                "vpn.session.start");
        assertThat(events.get(0).host()).isEqualTo("NWL-LT-1");
    }

    @Test
    void anOktaEventHook_isVerified_andItsDeliveryRead_gzipToo() throws Exception {
        HttpResponse<String> verify = http.send(HttpRequest.newBuilder(URI.create(base + "/api/ingest/okta-hook"))
                .header("Authorization", "Bearer " + ingestToken)
                .header(IngestApi.OKTA_CHALLENGE, "X8kYmq1bRwC7nOqHJ0UbDG").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(verify.statusCode()).isEqualTo(200);
        assertThat(json(verify).get("verification").asText()).isEqualTo("X8kYmq1bRwC7nOqHJ0UbDG");

        String delivery = "{\"eventType\":\"com.okta.event_hook\",\"eventTypeVersion\":\"1.0\",\"cloudEventsVersion\":"
                + "\"0.1\",\"source\":\"https://example.okta.com/api/v1/eventHooks/who8vt36qfNpCGz9H1e6\",\"eventId\":"
                + "\"b5a188b9\",\"eventTime\":\"2026-03-02T01:12:35.000Z\",\"contentType\":\"application/json\","
                + "\"data\":{\"events\":[" + SIGN_IN + "," + SIGN_IN.replace("user.session.start", "user.session.end")
                + "]}}";
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
            gz.write(delivery.getBytes(StandardCharsets.UTF_8));
        }
        HttpResponse<String> r = post("/api/ingest/okta-hook", ingestToken, zipped.toByteArray(),
                "Content-Encoding", "gzip", "Content-Type", "application/json");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("events").asLong()).isEqualTo(2);
        assertThat(json(r).get("file").asText()).endsWith(".log");
        assertThat(Files.readString(kept("okta-hook").get(0))).as("kept decompressed").isEqualTo(delivery);

        HttpResponse<String> notGzip = post("/api/ingest/okta-hook", ingestToken,
                delivery.getBytes(StandardCharsets.UTF_8), "Content-Encoding", "gzip");
        assertThat(notGzip.statusCode()).isEqualTo(400);
        assertThat(json(notGzip).get("error").asText()).contains("not the gzip");
        assertThat(post("/api/ingest/okta-hook", ingestToken, zipped.toByteArray(), "Content-Encoding", "br")
                .statusCode()).isEqualTo(415);
    }

    @Test
    void whatCannotBeReadIsRefused_andNotKept() throws Exception {
        HttpResponse<String> prose = post("/api/ingest/notes", "Dear team, here are the logs you asked for.\n");
        assertThat(prose.statusCode()).isEqualTo(415);
        assertThat(json(prose).get("error").asText()).contains("cannot be read").contains("unravel ingest formats");

        String allBad = SIGN_IN.replace("2026-03-02T01:12:33.456Z", "soon") + "\n"
                + SIGN_IN.replace("2026-03-02T01:12:33.456Z", "later") + "\n";
        HttpResponse<String> bad = post("/api/ingest/notes", allBad);
        assertThat(bad.statusCode()).isEqualTo(422);
        assertThat(json(bad).get("errors")).hasSize(2);

        HttpResponse<String> wrong = post("/api/ingest/notes?format=github-audit", SIGN_IN + "\n");
        assertThat(wrong.statusCode()).isEqualTo(415);
        assertThat(json(wrong).get("error").asText()).isEqualTo("the batch was to be github-audit but reads as okta");

        assertThat(post("/api/ingest/notes", "").statusCode()).isEqualTo(400);
        String big = (SIGN_IN + "\n").repeat(64 * 1024 / SIGN_IN.length() + 2);
        HttpResponse<String> tooBig = post("/api/ingest/notes", big);
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(json(tooBig).get("error").asText()).contains("larger than 65536 bytes");

        for (String source : List.of("..", "Okta", "a%2Fb", "x".repeat(41))) {
            assertThat(post("/api/ingest/" + source, SIGN_IN + "\n").statusCode()).as(source).isIn(400, 404);
        }
        assertThat(kept("notes")).isEmpty();
        assertThat(store.accessLog("dana", 20)).extracting(Store.AccessEntry::action).contains("ingest-refused");
    }

    @Test
    void aBatchTheDiskCannotTakeIsAnsweredWithARetryLater_andTheRetryIsKept() throws Exception {
        Files.createDirectories(spool.resolve("blocked"));
        Files.writeString(spool.resolve("blocked/2026-03-02"), "a file where the day's folder goes");
        HttpResponse<String> r = post("/api/ingest/blocked", SIGN_IN + "\n");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(json(r).get("error").asText()).contains("could not be kept just now").endsWith("send it again later");

        Files.delete(spool.resolve("blocked/2026-03-02"));
        HttpResponse<String> again = post("/api/ingest/blocked", SIGN_IN + "\n");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("duplicate").asBoolean()).isFalse();
    }

    @Test
    void onlyAnIngestTokenSendsLogs_andItOpensNothingElse() throws Exception {
        List<Integer> codes = new ArrayList<>();
        codes.add(post("/api/ingest/okta", null, SIGN_IN.getBytes(StandardCharsets.UTF_8)).statusCode());
        codes.add(post("/api/ingest/okta", apiToken, SIGN_IN.getBytes(StandardCharsets.UTF_8)).statusCode());
        codes.add(post("/api/ingest/okta", "unr_made-up", SIGN_IN.getBytes(StandardCharsets.UTF_8)).statusCode());
        assertThat(codes).containsExactly(401, 403, 401);

        HttpResponse<String> cases = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases"))
                .header("Authorization", "Bearer " + ingestToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cases.statusCode()).as("a shipper's token reads no cases").isEqualTo(403);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/cases"))
                .header("Authorization", "Bearer " + ingestToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(302);

        HttpResponse<String> verify = http.send(HttpRequest.newBuilder(URI.create(base + "/api/ingest/okta"))
                .header(IngestApi.OKTA_CHALLENGE, "abc").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(verify.statusCode()).as("verification takes the token too").isEqualTo(401);
    }

    @Test
    void analystsSeeEachSourceAndHowLongItHasBeenSilent() throws Exception {
        post("/api/ingest/github-audit", SIGN_IN.replace("user.session.start", "user.session.end") + "\n");
        ConsoleTest.Browser b = new ConsoleTest.Browser(base);
        b.signIn("dana", "correct horse battery");
        HttpResponse<String> page = b.get("/sources");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Sources</h1>", "<td>github-audit</td>", "under a minute")
                .doesNotContain("This console takes no logs");
        HttpResponse<String> api = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sources"))
                .header("Authorization", "Bearer " + apiToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(json(api)).anySatisfy(src -> {
            assertThat(src.get("source").asText()).isEqualTo("github-audit");
            assertThat(src.get("silent_seconds").asLong()).isBetween(0L, 600L);
            assertThat(src.has("collections")).as("sent, not collected").isFalse();
        });

        // serve --collect: a collected log with no batch yet is a source, with its collection's runs
        store.addCollectRun("duo-api-1.duosecurity.com", "duo", "Duo authentication log of api-1.duosecurity.com", 0,
                "GET https://api-1.duosecurity.com/admin/v2/logs/authentication answered 401 \"Invalid signature\"");
        HttpResponse<String> again = http.send(HttpRequest.newBuilder(URI.create(base + "/api/sources"))
                .header("Authorization", "Bearer " + apiToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(json(again)).anySatisfy(src -> {
            assertThat(src.get("source").asText()).isEqualTo("duo");
            assertThat(src.get("batches").asLong()).isZero();
            assertThat(src.get("collections").get(0).get("failing_runs").asLong()).isEqualTo(1);
            assertThat(src.get("collections").get(0).get("last_error").asText()).contains("Invalid signature");
            assertThat(src.get("collections").get(0).get("last_records_at").isNull()).isTrue();
        });
        assertThat(b.get("/sources").body()).contains("<h2>Collected from the vendors' APIs</h2>",
                "Duo authentication log of api-1.duosecurity.com");
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("no sign-in needed").isEqualTo(200);
        assertThat(health.body()).contains("\"ok\"").doesNotContain("github");
        assertThat(Pages.silence(java.time.Duration.ofHours(30))).isEqualTo("1 day");
        assertThat(Pages.silence(java.time.Duration.ofMinutes(61))).isEqualTo("1 hour");
        assertThat(Pages.silence(java.time.Duration.ofMinutes(2))).isEqualTo("2 minutes");
    }

    @Test
    void aConsoleWithoutASpoolSaysHowToTakeLogs() throws Exception {
        Javalin plain = Console.create(store, "test").start("127.0.0.1", 0);
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain.port()
                    + "/api/ingest/okta")).header("Authorization", "Bearer " + ingestToken)
                    .POST(HttpRequest.BodyPublishers.ofString(SIGN_IN)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(404);
            assertThat(r.body()).contains("--spool");
        } finally {
            plain.stop();
        }
    }

    @Test
    void extensionsKeepWhatTellsTheScanHowToRead() {
        assertThat(Spool.extension("day1.json.gz")).isEqualTo(".json.gz");
        assertThat(Spool.extension("C:\\logs\\Security.evtx")).isEqualTo(".evtx");
        assertThat(Spool.extension("../../etc/passwd")).isEqualTo(".log");
        assertThat(Spool.extension("report.2026.03.json")).isEqualTo(".03.json");
        assertThat(Spool.extension("x.$(rm -rf)")).isEqualTo(".log");
        assertThat(Spool.extension(null)).isEqualTo(".log");
        assertThat(Spool.extension(".hidden")).isEqualTo(".log");
    }
}
