package dev.unravel.server;

import static dev.unravel.server.ConsoleTest.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.core.cases.CaseRules;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.ingest.RecordLookup;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases.CaseFile;
import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A case's evidence package: what it holds, the checksums that prove it, and the history that records it. */
class EvidencePackageTest {

    @TempDir
    Path dir;
    Store store;
    Path okta;
    Path duo;

    static final String OKTA = """
            {"uuid":"a1","published":"2026-03-10T01:00:00.000Z","eventType":"user.session.start","actor":{"alternateId":"pat@northwindlabs.com"},"client":{"ipAddress":"185.242.5.85"},"outcome":{"result":"SUCCESS"}}
            {"uuid":"a2","published":"2026-03-10T02:00:00.000Z","eventType":"user.session.start","actor":{"alternateId":"pat@northwindlabs.com"},"client":{"ipAddress":"185.242.5.86"},"outcome":{"result":"SUCCESS"}}
            """;

    @BeforeEach
    void save() throws Exception {
        okta = Files.writeString(dir.resolve("system-log-2026-03-10.ndjson"), OKTA);
        duo = Files.writeString(dir.resolve("authentication-2026-03-10.ndjson"), "{\"txid\":\"t\"}\n");
        Path gone = dir.resolve("conn-2026-03-10.log");
        String report = """
                {"schema":"unravel.report/1","generated_at":"2026-04-01T00:00:00Z","inputs":["logs/"],
                 "ingest":{"files":3,"records":10,"events":10,"quarantined":0,"by_format":{},"problems":[]},
                 "detectors":[],"workers_scanned":1,"levels":{},
                 "workers":[{"rank":1,"worker_id":"E3","name":"Pat Jones","score":0.97,"level":"critical",
                   "stages":["access"],"signals":[
                   {"time":"2026-03-10T01:00:00Z","detector":"access.foreign-country","stage":"access","strength":0.6,
                    "subject":"worker:E3","explanation":"Signed in from Shenyang.","evidence":["OKTA#1","OKTA#2","DUO#1"]},
                   {"time":"2026-03-10T03:00:00Z","detector":"steal.outbound-volume","stage":"steal","strength":0.5,
                    "subject":"worker:E3","explanation":"Sent 4 GB out.","evidence":["GONE#7","kafka:zeek/0@41#1"]}]}],
                 "applicants":[],"clusters":[],"unresolved":[],
                 "evidence_files":[{"path":"OKTA","bytes":1,"modified":"x","sha256":"OKTA_SHA"},
                                   {"path":"DUO","bytes":1,"modified":"x","sha256":"DUO_SHA"}]}
                """.replace("OKTA_SHA", RecordLookup.sha256(okta)).replace("DUO_SHA", RecordLookup.sha256(duo))
                .replace("OKTA", okta.toString()).replace("DUO", duo.toString()).replace("GONE", gone.toString());
        Report r = ReportJson.read(Files.writeString(dir.resolve("report.json"), report));
        store = Store.open(dir.resolve("store").toString());
        store.save(ReportRecords.scanInfo(r), ReportRecords.assessments(r), CaseRules.defaults(), "ci");
        Files.writeString(duo, "{\"txid\":\"changed\"}\n"); // after the scan read it
    }

    @AfterEach
    void close() {
        store.close();
    }

    static Map<String, byte[]> unzip(byte[] zip) throws Exception {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), in.readAllBytes());
            }
        }
        return out;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void thePackageHoldsTheBriefTheCaseAndEachCitedFile_withChecksumsThatHold_andTheHistorySaysWhoExportedIt()
            throws Exception {
        store.logAccess("lee", "10.0.0.9", "brief", "case 1 with the records");
        store.logAccess("lee", "10.0.0.9", "case", "case 12");
        CaseFile f = store.caseFile(1).orElseThrow();
        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        EvidencePackage.Written w = EvidencePackage.write(f, store, "dana", "test", List.of(), Long.MAX_VALUE, true,
                zip);

        assertThat(w.files()).isEqualTo(2);
        assertThat(w.notCopied()).as("the file gone, the Kafka message").isEqualTo(2);
        assertThat(w.changed()).isEqualTo(1);
        assertThat(w.sha256()).isEqualTo(sha256(zip.toByteArray()));

        Map<String, byte[]> entries = unzip(zip.toByteArray());
        assertThat(entries.keySet()).containsExactly("brief.html", "case.json", "access-log.ndjson",
                "files/001-system-log-2026-03-10.ndjson", "files/002-authentication-2026-03-10.ndjson", "manifest.json",
                "README.txt", "SHA256SUMS");
        assertThat(new String(entries.get("files/001-system-log-2026-03-10.ndjson"), StandardCharsets.UTF_8))
                .isEqualTo(OKTA);
        String sums = new String(entries.get("SHA256SUMS"), StandardCharsets.UTF_8);
        assertThat(sums.lines()).hasSize(entries.size() - 1);
        for (String line : sums.lines().toList()) { // as sha256sum -c reads them
            String name = line.substring(66);
            assertThat(line.substring(0, 64)).as(name).isEqualTo(sha256(entries.get(name)));
        }

        JsonNode manifest = ReportJson.mapper().readTree(entries.get("manifest.json"));
        assertThat(manifest.path("schema").asText()).isEqualTo("unravel.evidence/1");
        assertThat(manifest.path("exported_by").asText()).isEqualTo("dana");
        Map<String, String> states = new LinkedHashMap<>();
        manifest.path("files").forEach(e -> states.put(e.path("path").asText().startsWith("kafka:")
                ? e.path("path").asText() : Path.of(e.path("path").asText()).getFileName().toString(),
                e.path("state").asText() + (e.hasNonNull("why") ? ": " + e.path("why").asText() : "")));
        assertThat(states).containsExactly(
                Map.entry("system-log-2026-03-10.ndjson", "unchanged"),
                Map.entry("authentication-2026-03-10.ndjson", "CHANGED"),
                Map.entry("conn-2026-03-10.log", "not copied: no such file now (removed after the spool's --keep-days, "
                        + "or moved)"),
                Map.entry("kafka:zeek/0@41", "not copied: a Kafka message: Kafka keeps it, not a file"));
        assertThat(manifest.path("files").get(0).path("records_cited").asInt()).isEqualTo(2);
        assertThat(manifest.path("files").get(0).path("references").size()).isEqualTo(2);

        assertThat(new String(entries.get("brief.html"), StandardCharsets.UTF_8)).contains("Pat Jones",
                "The records", "185.242.5.85");
        assertThat(ReportJson.mapper().readTree(entries.get("case.json")).path("person_id").asText()).isEqualTo("E3");
        assertThat(new String(entries.get("access-log.ndjson"), StandardCharsets.UTF_8).lines().toList())
                .as("this case's entries, not case 12's").singleElement().asString()
                .contains("\"analyst\":\"lee\"", "\"target\":\"case 1 with the records\"");
        assertThat(new String(entries.get("README.txt"), StandardCharsets.UTF_8)).contains("sha256sum -c SHA256SUMS",
                "1 CHANGED since the scan read them");

        assertThat(store.caseFile(1).orElseThrow().history()).last().satisfies(h -> {
            assertThat(h.actor()).isEqualTo("dana");
            assertThat(h.action()).isEqualTo("export");
            assertThat(h.detail()).isEqualTo("Exported the evidence package: 2 cited files copied (0.0 MB), 2 not, "
                    + "1 file CHANGED since the scan read it; SHA-256 of the package " + w.sha256() + ".");
        });

        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        EvidencePackage.Written without = EvidencePackage.write(f, store, "dana", "test", List.of(), Long.MAX_VALUE,
                false, listed);
        assertThat(without.files()).isZero();
        assertThat(unzip(listed.toByteArray()).keySet()).noneMatch(n -> n.startsWith("files/"));
    }

    @Test
    void theConsoleStreamsItToAnalysts_notToViewers() throws Exception {
        store.putAnalyst("dana", Passwords.hash(PASSWORD));
        store.putAnalyst("hr.pat", Passwords.hash(PASSWORD), Store.AnalystRole.VIEWER);
        store.shareCase(1, "hr.pat", "dana");
        Javalin app = Console.create(store, "test").start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + app.port();
            ConsoleTest.Browser b = new ConsoleTest.Browser(base);
            b.signIn("dana", PASSWORD);
            assertThat(b.get("/cases/1").body()).contains("<a href=\"/cases/1/evidence\">Evidence package (.zip)</a>");
            HttpResponse<byte[]> got = b.http.send(HttpRequest.newBuilder(URI.create(base + "/cases/1/evidence"))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(got.statusCode()).isEqualTo(200);
            assertThat(got.headers().firstValue("Content-Type")).contains("application/zip");
            assertThat(got.headers().firstValue("Content-Disposition")).contains(
                    "attachment; filename=\"case-1-evidence.zip\"");
            assertThat(unzip(got.body())).containsKeys("brief.html", "SHA256SUMS", "files/001-system-log-2026-03-10.ndjson");
            assertThat(store.caseFile(1).orElseThrow().history()).last().satisfies(h -> assertThat(h.detail())
                    .endsWith(sha256(got.body()) + "."));
            assertThat(store.accessLog("dana", 1).get(0).action()).isEqualTo("evidence");

            ConsoleTest.Browser viewer = new ConsoleTest.Browser(base);
            viewer.signIn("hr.pat", PASSWORD);
            assertThat(viewer.get("/cases/1").body()).contains("Case 1").doesNotContain("Evidence package");
            assertThat(viewer.get("/cases/1/evidence").statusCode()).isEqualTo(403);
            assertThat(viewer.get("/api/cases/1/evidence").statusCode()).isEqualTo(403);

            // a legal-hold playbook takes it with a token
            String token = ApiTokens.newToken();
            store.addToken("dana", ApiTokens.hash(token), "legal-hold");
            HttpResponse<byte[]> api = java.net.http.HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(base + "/api/cases/1/evidence")).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(unzip(api.body())).containsKey("manifest.json");
            assertThat(store.caseFile(1).orElseThrow().history()).last().satisfies(h -> assertThat(h.detail())
                    .endsWith(sha256(api.body()) + "."));
        } finally {
            app.stop();
        }
    }
}
