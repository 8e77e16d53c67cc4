package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.cases.CaseStatus;
import dev.unravel.server.ApiTokens;
import dev.unravel.server.Console;
import dev.unravel.server.Passwords;
import dev.unravel.server.Spool;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases;
import io.javalin.Javalin;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company's logs sent to the console over its ingest API, as shippers would send them, then
 * scanned on schedule inside the console: the same cases as a scan of the files themselves.
 */
class SpoolScansTest {

    /** Log sources a shipper sends; the rest of a simulation (HR, applicants, assets) is read in place. */
    static final List<String> SHIPPED = List.of("okta", "duo", "entra", "github", "m365", "osquery", "windows", "wmi",
            "zeek", "email");

    @TempDir
    static Path dir;
    static Path sim;

    @BeforeAll
    static void simulate() {
        sim = CliRun.smallCompany(dir);
    }

    static List<Path> files(Path folder) throws Exception {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void logsSentOverHttp_scannedOnSchedule_openTheCasesAScanOfTheFilesOpens() throws Exception {
        Path direct = dir.resolve("direct-store");
        CliRun scan = CliRun.run("scan", sim.toString(), "--report", dir.resolve("direct.json").toString(),
                "--quarantine", dir.resolve("direct-q.ndjson").toString(), "-q", "--store", direct.toString());
        assertThat(scan.code()).as(scan.err()).isZero();

        Path spool = dir.resolve("spool");
        List<Path> also;
        try (Stream<Path> top = Files.list(sim)) {
            also = top.filter(p -> !SHIPPED.contains(p.getFileName().toString())).sorted().toList();
        }
        try (Store store = Store.open(dir.resolve("store").toString())) {
            store.putAnalyst("dana", Passwords.hash("correct horse battery"));
            String token = ApiTokens.newToken();
            store.addToken("dana", ApiTokens.hash(token), "shipper", Store.TokenScope.INGEST);
            Javalin app = Console.create(store, "test", new Spool(spool, 64L << 20, store, Clock.systemUTC()))
                    .start("127.0.0.1", 0);
            HttpClient http = HttpClient.newHttpClient();
            int sent = 0;
            try {
                for (String source : SHIPPED) {
                    for (Path f : files(sim.resolve(source))) {
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                                + app.port() + "/api/ingest/" + source + "?name=" + URLEncoder.encode(
                                        f.getFileName().toString(), StandardCharsets.UTF_8)))
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofFile(f)).build(), HttpResponse.BodyHandlers.ofString());
                        assertThat(r.statusCode()).as(f + ": " + r.body()).isEqualTo(200);
                        assertThat(r.body()).contains("\"rejected\" : 0,");
                        sent++;
                    }
                }
            } finally {
                app.stop();
            }
            long kept = store.ingestBatches(null, 10_000).size();
            assertThat(kept).as("one batch per file sent").isEqualTo(sent);

            // The simulation's days are in March 2026; a window of days counts back from today.
            Clock later = Clock.fixed(Instant.parse("2026-03-22T12:00:00Z"), ZoneOffset.UTC);
            assertThat(new SpoolScans(store, spool, also, 3, null, later).inputs())
                    .as("only the last three days' folders, and what is read in place")
                    .allMatch(p -> also.contains(p) || p.getFileName().toString().compareTo("2026-03-20") >= 0)
                    .anyMatch(p -> p.getFileName().toString().equals("2026-03-21"))
                    .containsAll(also);

            SpoolScans scans = new SpoolScans(store, spool, also, 0, null, Clock.systemUTC());
            StringWriter log = new StringWriter();
            PrintWriter out = new PrintWriter(log, true);
            assertThat(scans.runOnce(out, false)).as(log.toString()).isTrue();
            assertThat(log.toString()).contains("Scheduled scan of ", "Saved scan 1 to ");
            assertThat(scans.runOnce(out, false)).as("nothing came since").isFalse();
            assertThat(log.toString()).contains("no logs received since the last one; passed over");
            assertThat(scans.runOnce(out, true)).as("asked for, it runs anyway").isTrue();
            scans.collected();
            assertThat(scans.runOnce(out, false)).as("logs collected from an API come as no batch: it runs").isTrue();
            assertThat(scans.runOnce(out, false)).as("and once only").isFalse();
            assertThat(log.toString()).contains("Saved scan 2 to ");

            Set<String> overHttp = people(store);
            try (Store files = Store.open(direct.toString())) {
                assertThat(overHttp).as("the same people get cases").isNotEmpty().isEqualTo(people(files));
            }
            // one more sign-in comes: the next scan runs, and prunes the one before it
            Path okta = files(sim.resolve("okta")).get(0);
            String line = Files.readAllLines(okta).get(0).replace("\"uuid\":\"", "\"uuid\":\"again-");
            new Spool(spool, 64L << 20, store, Clock.systemUTC()).receive("okta", new java.io.ByteArrayInputStream(
                    (line + "\n").getBytes(StandardCharsets.UTF_8)), false, "late.ndjson", "okta",
                    store.token(ApiTokens.hash(token)).orElseThrow(), null);
            assertThat(scans.keepScans(1).runOnce(out, false)).as(log.toString()).isTrue();
            assertThat(log.toString()).contains("Saved scan 4 to ", "Pruned the reports of 3 older scans (keeping the "
                    + "last 1).");
            assertThat(store.scans(5)).extracting(s -> s.report()).containsExactly(true, false, false, false);

            var mapper = dev.unravel.engine.report.ReportJson.mapper();
            var viaSpool = mapper.readTree(spool.resolve(".reports/last-scan.json").toFile()).get("ingest");
            var viaFiles = mapper.readTree(dir.resolve("direct.json").toFile()).get("ingest");
            assertThat(viaSpool.get("events").asLong()).as("every event arrived, and the late sign-in").isPositive()
                    .isEqualTo(viaFiles.get("events").asLong() + 1);
            assertThat(viaSpool.get("quarantined").asLong()).isEqualTo(viaFiles.get("quarantined").asLong());
        }
    }

    static Set<String> people(Store store) {
        return store.cases(EnumSet.noneOf(CaseStatus.class)).stream().map(StoredCases.CaseSummary::personId)
                .collect(Collectors.toSet());
    }

    @Test
    void aFailingScanIsToldAndTheScheduleGoesOn() throws Exception {
        Path spool = dir.resolve("bad-spool");
        Files.createDirectories(spool.resolve("okta/2026-03-02"));
        Files.writeString(spool.resolve("okta/2026-03-02/x.ndjson"), "{}\n");
        try (Store store = Store.open(dir.resolve("bad-store").toString())) {
            store.putAnalyst("dana", Passwords.hash("correct horse battery"));
            long token = store.addToken("dana", "e".repeat(64), "shipper", Store.TokenScope.INGEST);
            store.addIngestBatch(new Store.IngestBatch(0, null, "okta", "f".repeat(64), 3, "okta", 1, 0, 1, null, null,
                    "okta/2026-03-02/x.ndjson", token, null));
            Path gone = dir.resolve("hr-exports");
            Files.createDirectories(gone);
            SpoolScans scans = new SpoolScans(store, spool, List.of(gone), 0, null, Clock.systemUTC());
            Files.delete(gone);
            StringWriter log = new StringWriter();
            assertThat(scans.runOnce(new PrintWriter(log, true), false)).isFalse();
            assertThat(log.toString()).contains("Scheduled scan failed, to be tried again at the next: ")
                    .contains("hr-exports: no such file or folder");
        }
    }

    @Test
    void anHrisExportReadInPlace_isReadThroughItsMapping() throws Exception {
        Path exports = Files.createDirectories(dir.resolve("mapped-exports"));
        Files.writeString(exports.resolve("workday_2026-03.csv"), "Employee ID;Legal First Name;Legal Last Name;"
                + "Work Email;Hire Dt\nW-1001;Dana;Whitfield;dana.whitfield@example.com;02/20/2026\n");
        Path mapping = Files.writeString(dir.resolve("workday.yaml"), """
                kind: hr-employees
                match: "workday_*.csv"
                delimiter: ";"
                columns:
                  employee_id: Employee ID
                  legal_first_name: Legal First Name
                  legal_last_name: Legal Last Name
                  work_email: Work Email
                  hire_date: { column: "Hire Dt", format: "MM/dd/yyyy" }
                """);
        Path spool = Files.createDirectories(dir.resolve("mapped-spool"));
        try (Store store = Store.open(dir.resolve("mapped-store").toString())) {
            var mapper = dev.unravel.engine.report.ReportJson.mapper();
            StringWriter log = new StringWriter();
            assertThat(new SpoolScans(store, spool, List.of(exports), 0, null, Clock.systemUTC())
                    .runOnce(new PrintWriter(log, true), true)).as(log.toString()).isTrue();
            assertThat(mapper.readTree(spool.resolve(".reports/last-scan.json").toFile()).at("/ingest/by_format")
                    .has("hr-employees@workday")).as("without the mapping").isFalse();

            assertThat(new SpoolScans(store, spool, List.of(exports), 0, null, Clock.systemUTC())
                    .mappings(List.of(mapping)).runOnce(new PrintWriter(log, true), true)).as(log.toString()).isTrue();
            var ingest = mapper.readTree(spool.resolve(".reports/last-scan.json").toFile()).get("ingest");
            assertThat(ingest.at("/by_format").has("hr-employees@workday")).as(ingest.toString()).isTrue();
            assertThat(ingest.get("quarantined").asLong()).isZero();
        }
        CliRun missing = CliRun.run("serve", "--mapping", dir.resolve("none.yaml").toString(), "--store",
                dir.resolve("s").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("none.yaml", "does not exist");
    }

    @Test
    void howOftenIsANumberAndAUnit() {
        assertThat(SpoolScans.every("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(SpoolScans.every("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(SpoolScans.every("2d")).isEqualTo(Duration.ofDays(2));
        assertThatThrownBy(() -> SpoolScans.every("30s")).hasMessageContaining("a minute or more");
        assertThatThrownBy(() -> SpoolScans.every("hourly")).hasMessageContaining("such as 15m, 1h or 1d");
    }

    @Test
    void serveRefusesScanOptionsWithoutASpool() {
        CliRun r = CliRun.run("serve", "--scan-every", "1h", "--store", dir.resolve("s").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("need --spool");
        assertThat(CliRun.run("serve", "--keep-days", "30", "--store", dir.resolve("s").toString()).err())
                .contains("need --spool");
        CliRun past = CliRun.run("serve", "--spool", dir.resolve("sp").toString(), "--scan-every", "1h", "--keep-days",
                "10", "--store", dir.resolve("s").toString());
        assertThat(past.code()).isEqualTo(2);
        assertThat(past.err()).contains("--scan-days (30) reaches past --keep-days (10)");
        assertThat(CliRun.run("serve", "--tls-password-file", "pw", "--store", dir.resolve("s").toString()).err())
                .contains("give both");
        CliRun noKeystore = CliRun.run("serve", "--tls-keystore", dir.resolve("none.p12").toString(), "--store",
                dir.resolve("s").toString());
        assertThat(noKeystore.code()).isEqualTo(2);
        assertThat(noKeystore.err()).contains("none.p12");
        assertThat(CliRun.run("serve", "--spool", dir.resolve("sp").toString(), "--keep-batch-records", "30",
                "--store", dir.resolve("s").toString()).err()).contains("--keep-batch-records prunes the records of "
                        + "batches whose files --keep-days deleted: give --keep-days too");
        CliRun proxy = CliRun.run("serve", "--trusted-proxy", "10.0.0.0/8", "--trusted-proxy", "nginx.internal",
                "--store", dir.resolve("s").toString());
        assertThat(proxy.code()).isEqualTo(2);
        assertThat(proxy.err()).contains("--trusted-proxy nginx.internal: not an IP address, CIDR range");
        CliRun noHook = CliRun.run("serve", "--spool", dir.resolve("sp").toString(), "--silent-after", "1d", "--store",
                dir.resolve("s").toString());
        assertThat(noHook.err()).contains("--silent-after tells a webhook: give --config with cases.notify");
        assertThat(CliRun.run("serve", "--spool", dir.resolve("sp").toString(), "--silent-after", "soon", "--store",
                dir.resolve("s").toString()).err()).contains("--silent-after takes a number and a unit");
        assertThat(CliRun.run("serve", "--spool", dir.resolve("sp").toString(), "--silent-after", "1d",
                "--silent-after", "2d", "--store", dir.resolve("s").toString()).err())
                .contains("--silent-after: one threshold for every source at most");
        assertThat(CliRun.run("serve", "--spool", dir.resolve("sp").toString(), "--silent-after", "Okta Logs=2h",
                "--store", dir.resolve("s").toString()).err()).contains("'Okta Logs' is not a source name");
        assertThat(CliRun.run("serve", "--spool", dir.resolve("sp").toString(), "--silent-after", "okta=2h",
                "--silent-after", "okta=3h", "--store", dir.resolve("s").toString()).err())
                .contains("okta is given twice");
        assertThat(CliRun.run("serve", "--spool", dir.resolve("sp").toString(), "--silent-after", "okta=later",
                "--store", dir.resolve("s").toString()).err()).contains("--silent-after okta takes a number and a unit");
        assertThat(ServeCommand.silence(java.util.List.of("1d", "okta=2h")).check(java.util.List.of(
                new dev.unravel.store.Store.IngestSource("okta", 1, 1, 1, 0,
                        java.time.OffsetDateTime.parse("2026-03-07T09:00:00Z"), null)), java.util.List.of(),
                java.time.OffsetDateTime.parse("2026-03-07T12:00:00Z"), null)).as("okta's own 2 hours").hasSize(1);
    }
}
