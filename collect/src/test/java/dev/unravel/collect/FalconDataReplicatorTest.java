package dev.unravel.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.ingest.FileSummary;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FalconDataReplicatorTest {
    static final String KEY_ID = "AKIAFDREXAMPLE000001";
    static final String SECRET = "fdr/secret+EXAMPLE0000000000000000000000";
    static final String BUCKET = "cs-prod-cannon-0123456789abcdef";
    static final Instant NOW = Instant.parse("2026-03-02T06:10:00Z");
    static final FalconDataReplicator.Options OPTIONS = new FalconDataReplicator.Options(1000, Duration.ofMinutes(30),
            Duration.ZERO);

    /** A batch of process events; the first on 2026-03-01 at 23:59, the rest after midnight. */
    static final String EVENTS = event("1772409590000", "cmd.exe") + event("1772409700000", "AnyDesk.exe")
            + event("1772409800000", "notepad.exe");
    static final String AIDMASTER = "{\"aid\":\"9f1c2e3d4b5a69788796a5b4c3d2e1f0\",\"cid\":\"c0ffee00\","
            + "\"ComputerName\":\"LT-0042\",\"AgentVersion\":\"7.29.19807.0\",\"FirstSeen\":\"1772300000.000\","
            + "\"Time\":\"1772400000.250\"}\n";

    static String event(String ms, String image) {
        return "{\"event_simpleName\":\"ProcessRollup2\",\"aid\":\"9f1c2e3d4b5a69788796a5b4c3d2e1f0\","
                + "\"cid\":\"c0ffee00\",\"event_platform\":\"Win\",\"timestamp\":\"" + ms + "\","
                + "\"UserSid\":\"S-1-5-21-1-2-3-1104\",\"RawProcessId\":\"7716\",\"TargetProcessId\":\"1\","
                + "\"ImageFileName\":\"\\\\Device\\\\HarddiskVolume3\\\\Windows\\\\" + image + "\","
                + "\"CommandLine\":\"" + image + "\"}\n";
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(b)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return b.toByteArray();
    }

    static FalconDataReplicator replicator(FakeFdr fdr) {
        return new FalconDataReplicator(fdr.queueUrl(), new AwsSigV4(KEY_ID, SECRET, "us-west-1"), fdr.s3Base());
    }

    static Http http(List<String> notes) {
        return FakeApi.http(NOW, new FakeApi.Waits(), Duration.ofMinutes(5), notes);
    }

    @Test
    void takesEachBatchIntoTheDayOfItsFirstEvent_readsAsFdr_andEmptiesTheQueue(@TempDir Path out) throws Exception {
        try (FakeFdr fdr = new FakeFdr(KEY_ID, SECRET, "us-west-1")) {
            fdr.put(BUCKET, "data/6a2f1c1e-0b4d-4c0e-9d1b-2c7e8f9a0b1c/part-00000.gz", gzip(EVENTS))
                    .put(BUCKET, "data/6a2f1c1e-0b4d-4c0e-9d1b-2c7e8f9a0b1c/part-00001.gz", gzip(event("1772412000000",
                            "git.exe")))
                    .put(BUCKET, "fdrv2/aidmaster/0d3c4b5a-6978-4a1b-8c2d-3e4f5a6b7c8d/part-00000.gz", gzip(AIDMASTER));
            fdr.announce(BUCKET, "data/6a2f1c1e-0b4d-4c0e-9d1b-2c7e8f9a0b1c",
                    List.of("data/6a2f1c1e-0b4d-4c0e-9d1b-2c7e8f9a0b1c/part-00000.gz",
                            "data/6a2f1c1e-0b4d-4c0e-9d1b-2c7e8f9a0b1c/part-00001.gz"));
            fdr.announce(BUCKET, "fdrv2/aidmaster/0d3c4b5a-6978-4a1b-8c2d-3e4f5a6b7c8d",
                    List.of("fdrv2/aidmaster/0d3c4b5a-6978-4a1b-8c2d-3e4f5a6b7c8d/part-00000.gz"));

            FalconDataReplicator.Result r = replicator(fdr).run(http(new ArrayList<>()), out, OPTIONS, n -> { }, f -> { });

            assertThat(fdr.badSignatures).isEmpty();
            assertThat(r.batches()).isEqualTo(2);
            assertThat(r.files()).isEqualTo(3);
            assertThat(r.records()).isEqualTo(5);
            assertThat(r.more()).isFalse();
            assertThat(fdr.waiting()).isZero();
            Path crowdstrike = out.resolve("crowdstrike");
            // by the first event's day, not the notice's: 1772409590000 is 2026-03-01T23:59:50Z
            assertThat(r.written()).containsExactly(
                    crowdstrike.resolve("2026-03-01/fdrv2_aidmaster_0d3c4b5a-6978-4a1b-8c2d-3e4f5a6b7c8d_part-00000.gz"),
                    crowdstrike.resolve("2026-03-01/data_6a2f1c1e-0b4d-4c0e-9d1b-2c7e8f9a0b1c_part-00000.gz"),
                    crowdstrike.resolve("2026-03-02/data_6a2f1c1e-0b4d-4c0e-9d1b-2c7e8f9a0b1c_part-00001.gz"));
            assertThat(r.first()).isEqualTo(Instant.parse("2026-03-01T21:20:00.250Z"));
            // the bytes as CrowdStrike wrote them, read by the scan's reader, every record taken
            byte[] original = gzip(EVENTS);
            assertThat(Files.readAllBytes(r.written().get(1))).isEqualTo(original);
            FileSummary read = Collected.read(r.written().get(1));
            assertThat(read.format()).isEqualTo("crowdstrike-fdr");
            assertThat(read.events()).isEqualTo(3);
            assertThat(read.quarantined()).isZero();
            assertThat(Collected.files(out)).hasSize(3); // no partial file left

            FalconDataReplicator.Result again = replicator(fdr).run(http(new ArrayList<>()), out, OPTIONS, n -> { }, f -> { });
            assertThat(again.batches()).isZero();
            assertThat(again.written()).isEmpty();
        }
    }

    @Test
    void aRunThatStopsLeavesTheNoticeAndTheNextFetchesOnlyWhatIsMissing(@TempDir Path out) throws Exception {
        try (FakeFdr fdr = new FakeFdr(KEY_ID, SECRET, "us-west-1")) {
            String a = "data/11111111-2222-3333-4444-555555555555/part-00000.gz";
            String b = "data/11111111-2222-3333-4444-555555555555/part-00001.gz";
            fdr.put(BUCKET, a, gzip(EVENTS)).put(BUCKET, b, gzip(event("1772412000000", "git.exe")));
            fdr.announce(BUCKET, "data/11111111-2222-3333-4444-555555555555", List.of(a, b));
            fdr.failNext(BUCKET, b, 403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");

            List<Path> placed = new ArrayList<>();
            assertThatThrownBy(() -> replicator(fdr).run(http(new ArrayList<>()), out, OPTIONS, n -> { }, placed::add))
                    .isInstanceOf(CollectException.class)
                    .hasMessageContaining("answered 403 \"AccessDenied: Access Denied\"")
                    .hasMessageContaining("the FDR key pair CrowdStrike gave with this queue");
            assertThat(fdr.waiting()).isEqualTo(1); // not deleted
            assertThat(Collected.files(out)).hasSize(1).isEqualTo(placed); // the first file is in place, said so

            fdr.timeOut(); // SQS gives it again after the visibility timeout
            FalconDataReplicator.Result r = replicator(fdr).run(http(new ArrayList<>()), out, OPTIONS, n -> { }, f -> { });
            assertThat(r.already()).isEqualTo(1);
            assertThat(r.files()).isEqualTo(1);
            assertThat(r.batches()).isEqualTo(1);
            assertThat(fdr.fetched).containsExactly(a, b); // a once, b once it was let through
            assertThat(fdr.waiting()).isZero();
            assertThat(Collected.files(out)).hasSize(2);
        }
    }

    @Test
    void aFileThatIsNotWhatTheNoticeSaysIsNotKept(@TempDir Path out) throws Exception {
        try (FakeFdr fdr = new FakeFdr(KEY_ID, SECRET, "us-west-1")) {
            String key = "data/11111111-2222-3333-4444-555555555555/part-00000.gz";
            fdr.put(BUCKET, key, gzip(EVENTS));
            fdr.send("{\"bucket\":\"" + BUCKET + "\",\"timestamp\":1772431200000,\"files\":[{\"path\":\"" + key
                    + "\",\"size\":" + gzip(EVENTS).length + ",\"checksum\":\"00112233445566778899aabbccddeeff\"}]}");
            assertThatThrownBy(() -> replicator(fdr).run(http(new ArrayList<>()), out, OPTIONS, n -> { }, f -> { }))
                    .hasMessageContaining("s3://" + BUCKET + "/" + key + " has MD5 " + FakeFdr.md5(gzip(EVENTS)))
                    .hasMessageContaining("not the 00112233445566778899aabbccddeeff its notice gives: the batch stays");
            assertThat(Collected.files(out)).isEmpty();
            assertThat(fdr.waiting()).isEqualTo(1);

            fdr.put(BUCKET, key, java.util.Arrays.copyOf(gzip(EVENTS), 20)); // cut short, size and all
            fdr.timeOut();
            fdr.send("{\"bucket\":\"" + BUCKET + "\",\"files\":[{\"path\":\"" + key + "\"}]}");
            assertThatThrownBy(() -> replicator(fdr).run(http(new ArrayList<>()), out,
                    new FalconDataReplicator.Options(1000, Duration.ofMinutes(30), Duration.ZERO), n -> { }, f -> { }))
                    .hasMessageContaining("came to 20 bytes, not the");
            assertThat(Collected.files(out)).isEmpty();
        }
    }

    @Test
    void aTruncatedGzipWithNoSizeOrChecksumInTheNoticeIsStillCaught(@TempDir Path out) throws Exception {
        try (FakeFdr fdr = new FakeFdr(KEY_ID, SECRET, "us-west-1")) {
            String key = "data/11111111-2222-3333-4444-555555555555/part-00000.gz";
            byte[] whole = gzip(EVENTS);
            fdr.put(BUCKET, key, java.util.Arrays.copyOf(whole, whole.length - 12));
            fdr.send("{\"bucket\":\"" + BUCKET + "\",\"files\":[{\"path\":\"" + key + "\"}]}");
            assertThatThrownBy(() -> replicator(fdr).run(http(new ArrayList<>()), out, OPTIONS, n -> { }, f -> { }))
                    .hasMessageContaining("does not read to its end");
            assertThat(Collected.files(out)).isEmpty();
        }
    }

    @Test
    void messagesThatAreNoNoticeAreLeftInTheQueueAndSaid_theOthersTaken(@TempDir Path out) throws Exception {
        try (FakeFdr fdr = new FakeFdr(KEY_ID, SECRET, "us-west-1")) {
            String key = "data/11111111-2222-3333-4444-555555555555/part-00000.gz";
            fdr.put(BUCKET, key, gzip(EVENTS));
            String test = fdr.send("{\"Service\":\"Amazon S3\",\"Event\":\"s3:TestEvent\"}");
            String odd = fdr.send("{\"bucket\":\"" + BUCKET + "\",\"files\":[{\"path\":\"../../etc/passwd\"}]}");
            fdr.announce(BUCKET, "data/11111111-2222-3333-4444-555555555555", List.of(key));

            FalconDataReplicator.Result r = replicator(fdr).run(http(new ArrayList<>()), out, OPTIONS, n -> { }, f -> { });
            assertThat(r.batches()).isEqualTo(1);
            assertThat(r.skipped()).isEqualTo(2);
            assertThat(r.problems()).containsExactly(
                    "message " + test + " is not an FDR notice ('bucket' is missing); left in the queue",
                    "message " + odd + " is not an FDR notice (a file's 'path' is not an FDR object key: "
                            + "'../../etc/passwd'); left in the queue");
            assertThat(fdr.waiting()).isEqualTo(2);
            assertThat(Collected.files(out)).hasSize(1);
        }
    }

    @Test
    void aRunTakesAtMostMaxBatches(@TempDir Path out) throws Exception {
        try (FakeFdr fdr = new FakeFdr(KEY_ID, SECRET, "us-west-1")) {
            for (int i = 0; i < 12; i++) {
                String key = "data/11111111-2222-3333-4444-5555555555" + (10 + i) + "/part-00000.gz";
                fdr.put(BUCKET, key, gzip(event(String.valueOf(1772412000000L + i), "git.exe")));
                fdr.announce(BUCKET, key.substring(0, key.lastIndexOf('/')), List.of(key));
            }
            List<String> notes = new ArrayList<>();
            FalconDataReplicator.Result r = replicator(fdr).run(http(new ArrayList<>()), out,
                    new FalconDataReplicator.Options(11, Duration.ofMinutes(30), Duration.ZERO), notes::add, f -> { });
            assertThat(r.batches()).isEqualTo(11);
            assertThat(r.more()).isTrue();
            assertThat(fdr.waiting()).isEqualTo(1);
        }
    }

    @Test
    void aWrongSecretIsRefusedWithTheWordsOfAwsAndWhatToCheck(@TempDir Path out) throws Exception {
        try (FakeFdr fdr = new FakeFdr(KEY_ID, SECRET, "us-west-1")) {
            FalconDataReplicator wrong = new FalconDataReplicator(fdr.queueUrl(),
                    new AwsSigV4(KEY_ID, "not-the-secret", "us-west-1"), fdr.s3Base());
            assertThatThrownBy(() -> wrong.run(http(new ArrayList<>()), out, OPTIONS, n -> { }, f -> { }))
                    .hasMessageContaining("answered 403 \"The request signature we calculated does not match")
                    .hasMessageContaining("this machine's clock");
        }
    }

    @Test
    void theRegionAndNamesComeFromTheQueuesAddress() {
        URI q = URI.create("https://sqs.us-west-1.amazonaws.com/292230061137/cs-prod-cannon-0123456789abcdef");
        assertThat(FalconDataReplicator.regionOf(q)).isEqualTo("us-west-1");
        assertThat(FalconDataReplicator.regionOf(URI.create("https://eu-central-1.queue.amazonaws.com/1/q")))
                .isEqualTo("eu-central-1");
        assertThat(FalconDataReplicator.regionOf(URI.create("http://127.0.0.1:9324/1/q"))).isNull();
        FalconDataReplicator r = new FalconDataReplicator(q, new AwsSigV4(KEY_ID, SECRET, "us-west-1"), null);
        assertThat(r.stateName()).isEqualTo("crowdstrike-cs-prod-cannon-0123456789abcdef");
        assertThat(r.describe()).isEqualTo("CrowdStrike Falcon Data Replicator queue " + q);
        assertThatThrownBy(() -> new FalconDataReplicator(URI.create("https://sqs.us-west-1.amazonaws.com/"),
                new AwsSigV4(KEY_ID, SECRET, "us-west-1"), null)).hasMessageContaining("names no account and queue");
        assertThatThrownBy(() -> new FalconDataReplicator.Options(1, Duration.ofSeconds(5), Duration.ZERO))
                .hasMessageContaining("--visibility-timeout is between 30s and 12h");
    }
}
