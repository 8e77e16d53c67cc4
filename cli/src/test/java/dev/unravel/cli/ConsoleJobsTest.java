package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.server.Passwords;
import dev.unravel.server.Spool;
import dev.unravel.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's own jobs, on their one thread. */
class ConsoleJobsTest {

    @TempDir
    Path dir;

    @Test
    void oldLogsAreDeletedAtOnce_aScanAskedForRuns_andEachLineSaysWhen() throws Exception {
        Path old = Files.createDirectories(dir.resolve("spool/okta/2020-01-01"));
        Files.writeString(old.resolve("a.ndjson"), "{}\n");
        StringWriter log = new StringWriter();
        try (Store store = Store.open(dir.resolve("store").toString());
                ConsoleJobs jobs = new ConsoleJobs(new PrintWriter(log, true))) {
            store.putAnalyst("dana", Passwords.hash("correct horse battery"));
            Spool spool = new Spool(dir.resolve("spool"), 1 << 20, store, Clock.systemUTC());
            jobs.keepDays(spool, store, 30, 0);
            SpoolScans scans = new SpoolScans(store, spool.folder(), List.of(), 0, null, Clock.systemUTC());
            assertThat(jobs.scanNow(scans).request("dana")).startsWith("A scan will run next");
            for (int i = 0; i < 100 && !log.toString().contains("nothing to read yet"); i++) {
                Thread.sleep(50);
            }
        }
        assertThat(old).doesNotExist();
        assertThat(log.toString()).containsPattern("(?m)^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ Deleted 1 day folder "
                + "of logs older than 30 days from the spool\\.$")
                .contains("Z Scan asked for by dana.", "Scheduled scan: nothing to read yet in ");
    }

    /** {@code serve --collect}: the console pulls a source's log into its spool, and says what came or what failed. */
    @Test
    void aSourceIsCollectedIntoTheSpool_andARefusalIsSaid() throws Exception {
        java.util.Deque<String[]> answers = new java.util.ArrayDeque<>();
        com.sun.net.httpserver.HttpServer okta = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        okta.createContext("/", exchange -> {
            String[] a = answers.poll();
            byte[] body = (a == null ? "[]" : a[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(a == null ? 200 : Integer.parseInt(a[0]), body.length);
            try (java.io.OutputStream o = exchange.getResponseBody()) {
                o.write(body);
            }
        });
        okta.start();
        try {
            Path token = dir.resolve("okta-token");
            Files.writeString(token, "00abc");
            String url = "http://127.0.0.1:" + okta.getAddress().getPort();
            CollectCommand.Planned command = CollectCommand.checked("okta --url " + url + " --token-file '" + token
                    + "' --since 2026-03-01");
            assertThat(command.source()).isEqualTo("okta");
            assertThat(command.name()).isEqualTo("okta-127.0.0.1");
            StringWriter log = new StringWriter();
            Path spool;
            try (Store store = Store.open(dir.resolve("store").toString());
                    ConsoleJobs jobs = new ConsoleJobs(new PrintWriter(log, true))) {
                Spool spooled = new Spool(dir.resolve("spool"), 1 << 20, store, Clock.systemUTC());
                spool = spooled.folder();
                answers.add(new String[] {"200", "[" + CollectCommandTest.EVENT + "]"});
                assertThat(jobs.collectOnce(command, spooled, store)).as("records brought: the next scan runs").isTrue();
                answers.add(new String[] {"200", "[" + CollectCommandTest.EVENT + "]"});
                assertThat(jobs.collectOnce(command, spooled, store)).as("nothing new").isFalse();
                answers.add(new String[] {"401", "{\"errorSummary\":\"Invalid token provided\"}"});
                assertThat(jobs.collectOnce(command, spooled, store)).isFalse();

                assertThat(store.ingestBatches("okta", 10)).as("the run's file, a batch of okta with no token")
                        .singleElement().satisfies(b -> {
                            assertThat(b.collected()).isTrue();
                            assertThat(b.events()).isEqualTo(1);
                            assertThat(spool.resolve(b.file())).isRegularFile();
                        });
                assertThat(store.collectSources()).singleElement().satisfies(c -> {
                    assertThat(c.name()).isEqualTo("okta-127.0.0.1");
                    assertThat(c.what()).isEqualTo(command.what());
                    assertThat(c.runs()).isEqualTo(3);
                    assertThat(c.records()).isEqualTo(1);
                    assertThat(c.failing()).isEqualTo(1);
                    assertThat(c.lastError()).contains("answered 401 \"Invalid token provided\"");
                    assertThat(c.lastBrought()).isNotNull();
                });
            }
            assertThat(spool.resolve("okta/2026-03-02")).isDirectory();
            assertThat(log.toString()).containsPattern("(?m)^\\S+Z Collect okta: 1 records \\(1 page\\) from "
                    + "2026-03-02T14:00:00Z to 2026-03-02T14:00:00Z -> " + java.util.regex.Pattern.quote(spool.toString()))
                    .containsPattern("(?m)^\\S+Z Collecting okta failed, to be tried again: GET " + java.util.regex.Pattern
                            .quote(url) + "/api/v1/logs\\?since=\\S+ answered 401 \"Invalid token provided\"");
        } finally {
            okta.stop(0);
        }
    }

    /** {@code serve --collect crowdstrike}: every file a run brings is a batch of its own on the Sources page. */
    @Test
    void eachFileOfAnFdrRunIsKeptAsABatch() throws Exception {
        try (dev.unravel.collect.FakeFdr fdr = new dev.unravel.collect.FakeFdr(CollectCrowdStrikeTest.KEY_ID,
                CollectCrowdStrikeTest.SECRET, "us-west-1")) {
            String day = "{\"event_simpleName\":\"ProcessRollup2\",\"aid\":\"9f1c2e3d4b5a69788796a5b4c3d2e1f0\","
                    + "\"timestamp\":\"%d\",\"UserSid\":\"S-1-5-21-1-2-3-1104\",\"ImageFileName\":\"\\\\Device\\\\"
                    + "HarddiskVolume3\\\\Windows\\\\notepad.exe\",\"CommandLine\":\"notepad.exe\"}\n";
            for (int i = 0; i < 4; i++) {
                String key = "data/0b7f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c" + Math.min(i, 2) + "/part-0000" + i + ".gz";
                java.io.ByteArrayOutputStream gz = new java.io.ByteArrayOutputStream();
                try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
                    z.write(String.format(day, 1772409590000L + i * 86_400_000L).getBytes(
                            java.nio.charset.StandardCharsets.UTF_8));
                }
                fdr.put(CollectCrowdStrikeTest.BUCKET, key, gz.toByteArray());
            }
            for (int i = 0; i < 2; i++) {
                String key = "data/0b7f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c" + i + "/part-0000" + i + ".gz";
                fdr.announce(CollectCrowdStrikeTest.BUCKET, key.substring(0, key.lastIndexOf('/')), List.of(key));
            }
            Path secret = dir.resolve("fdr-secret");
            Files.writeString(secret, CollectCrowdStrikeTest.SECRET);
            CollectCommand.Planned command = CollectCommand.checked("crowdstrike --queue-url " + fdr.queueUrl()
                    + " --region us-west-1 --key-id " + CollectCrowdStrikeTest.KEY_ID + " --secret-file '" + secret
                    + "' --s3-url " + fdr.s3Base() + " --wait 0s");
            assertThat(command.source()).isEqualTo("crowdstrike");
            assertThat(command.name()).isEqualTo("crowdstrike-cs-prod-cannon-0123456789abcdef");
            StringWriter log = new StringWriter();
            try (Store store = Store.open(dir.resolve("store").toString());
                    ConsoleJobs jobs = new ConsoleJobs(new PrintWriter(log, true))) {
                Spool spooled = new Spool(dir.resolve("spool"), 1 << 20, store, Clock.systemUTC());
                assertThat(jobs.collectOnce(command, spooled, store)).as(log.toString()).isTrue();
                assertThat(jobs.collectOnce(command, spooled, store)).as("nothing new").isFalse();
                assertThat(store.ingestBatches("crowdstrike", 10)).hasSize(2).allSatisfy(b -> {
                    assertThat(b.collected()).isTrue();
                    assertThat(b.format()).isEqualTo("crowdstrike-fdr");
                    assertThat(b.events()).isEqualTo(1);
                });
                assertThat(store.collectSources()).singleElement().satisfies(c -> {
                    assertThat(c.runs()).isEqualTo(2);
                    assertThat(c.records()).isEqualTo(2);
                });
                assertThat(spooled.folder().resolve("crowdstrike/2026-03-01")).isDirectory();
                assertThat(spooled.folder().resolve("crowdstrike/2026-03-02")).isDirectory();

                // a batch of two files whose second is refused: the first stays, and is a batch too
                String prefix = "data/0b7f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c2";
                fdr.announce(CollectCrowdStrikeTest.BUCKET, prefix, List.of(prefix + "/part-00002.gz",
                        prefix + "/part-00003.gz"));
                fdr.failNext(CollectCrowdStrikeTest.BUCKET, prefix + "/part-00003.gz", 403,
                        "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
                assertThat(jobs.collectOnce(command, spooled, store)).isFalse();
                assertThat(log.toString()).contains("AccessDenied: Access Denied", "(1 file of this run already in "
                        + "place, kept)");
                assertThat(store.ingestBatches("crowdstrike", 10)).hasSize(3);
                fdr.timeOut();
                assertThat(jobs.collectOnce(command, spooled, store)).isTrue();
                assertThat(store.ingestBatches("crowdstrike", 10)).hasSize(4);
                assertThat(fdr.waiting()).isZero();
            }
        }
    }

    @Test
    void theRecordsOfBatchesWhoseFilesWentLongAgo_goToo_whileTheSourcesTotalsStay() throws Exception {
        Path day = Files.createDirectories(dir.resolve("spool/okta/2020-01-01"));
        Files.writeString(day.resolve("a.ndjson"), "{}\n");
        StringWriter log = new StringWriter();
        Clock then = Clock.fixed(java.time.Instant.parse("2020-01-02T00:00:00Z"), java.time.ZoneOffset.UTC);
        try (Store store = Store.open(dir.resolve("store").toString(), then);
                ConsoleJobs jobs = new ConsoleJobs(new PrintWriter(log, true))) {
            store.putAnalyst("dana", Passwords.hash("correct horse battery"));
            long token = store.addToken("dana", "b".repeat(64), "fluent-bit", Store.TokenScope.INGEST);
            store.addIngestBatch(new Store.IngestBatch(0, null, "okta", "c".repeat(64), 3, "okta", 1, 1, 0, null, null,
                    "okta/2020-01-01/a.ndjson", token, "10.0.0.7")).orElseThrow();
            store.logAccess("dana", "10.0.0.7", "ingest", "okta batch 1");
            Spool spool = new Spool(dir.resolve("spool"), 1 << 20, store, Clock.systemUTC());

            jobs.keepDaysOnce(spool, store, 30, 0);
            assertThat(store.ingestBatches(null, 10)).as("kept without --keep-batch-records").singleElement()
                    .satisfies(b -> assertThat(b.removedAt()).isNotNull());
            jobs.keepDaysOnce(spool, store, 30, 7);
            assertThat(store.ingestBatches(null, 10)).isEmpty();
            assertThat(store.accessLog("dana", 10)).isEmpty();
            assertThat(store.ingestSources()).singleElement().satisfies(s -> assertThat(s.batches()).isEqualTo(1));
        }
        assertThat(log.toString()).contains("Deleted the records of 1 batch deleted from the spool more than 7 days ago, "
                + "and 1 access log entry of batches taken.");
    }
}
