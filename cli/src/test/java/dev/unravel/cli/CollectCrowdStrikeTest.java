package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.collect.FakeFdr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code unravel collect crowdstrike} against CrowdStrike's queue and bucket on 127.0.0.1, holding a
 * simulated company's Falcon telemetry in FDR's own layout: what it collects scans to the same
 * signals as the folder it came from.
 */
class CollectCrowdStrikeTest {
    static final String KEY_ID = "AKIAFDREXAMPLE000001";
    static final String SECRET = "fdr/secret+EXAMPLE0000000000000000000000";
    static final String BUCKET = "cs-prod-cannon-0123456789abcdef";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    /** Every file under {@code sim}/crowdstrike put in the bucket, one notice per batch folder. */
    static int announce(FakeFdr fdr, Path crowdstrike) throws Exception {
        Map<String, List<String>> batches = new TreeMap<>();
        try (Stream<Path> files = Files.walk(crowdstrike)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String key = crowdstrike.relativize(f).toString().replace('\\', '/');
                fdr.put(BUCKET, key, Files.readAllBytes(f));
                batches.computeIfAbsent(key.substring(0, key.lastIndexOf('/')), k -> new ArrayList<>()).add(key);
            }
        }
        batches.forEach((prefix, keys) -> fdr.announce(BUCKET, prefix, keys));
        return batches.size();
    }

    /** The report's signals as detector, subject and strength, sorted. */
    static List<String> signals(Path report) throws Exception {
        List<String> all = new ArrayList<>();
        JsonNode r = JSON.readTree(report.toFile());
        for (String list : new String[] {"workers", "unresolved"}) {
            for (JsonNode w : r.path(list)) {
                String who = w.has("worker_id") ? w.get("worker_id").asText() : w.path("subject").asText();
                for (JsonNode s : w.path("signals")) {
                    all.add(who + " " + s.path("detector").asText() + " " + s.path("subject").asText() + " "
                            + s.path("strength").asText() + " " + s.path("time").asText());
                }
            }
        }
        all.sort(null);
        return all;
    }

    @Test
    void whatIsCollectedScansToTheSameSignalsAsTheFolderItCameFrom() throws Exception {
        Path sim = tmp.resolve("sim");
        CliRun simulated = CliRun.run("simulate", "--employees", "60", "--days", "20", "--edr", "crowdstrike", "--out",
                sim.toString(), "--quiet");
        assertThat(simulated.code()).as(simulated.err()).isZero();
        Path secret = tmp.resolve("fdr-secret");
        Files.writeString(secret, SECRET + "\n");
        Path collected = tmp.resolve("collected");
        try (FakeFdr fdr = new FakeFdr(KEY_ID, SECRET, "us-west-1")) {
            int batches = announce(fdr, sim.resolve("crowdstrike"));
            String[] collect = {"collect", "crowdstrike", "--queue-url", fdr.queueUrl().toString(), "--region",
                "us-west-1", "--key-id", KEY_ID, "--secret-file", secret.toString(), "--s3-url", fdr.s3Base().toString(),
                "--wait", "0s", "--out", collected.toString()};
            CliRun run = CliRun.run(collect);
            assertThat(run.code()).as(run.err()).isZero();
            assertThat(fdr.badSignatures).isEmpty();
            assertThat(fdr.waiting()).isZero();
            assertThat(run.out()).containsPattern("crowdstrike: [\\d,]+ records in [\\d,]+ files \\(" + batches
                    + " batches, [\\d.]+ MB\\) from \\S+ to \\S+ -> " + java.util.regex.Pattern.quote(
                            collected.resolve("crowdstrike").toString()));
            CliRun again = CliRun.run(collect);
            assertThat(again.out()).startsWith("crowdstrike: nothing new on the queue (0 batches taken)");
        }
        // the collected Falcon files in place of the simulated ones, everything else as simulated
        Path mixed = tmp.resolve("mixed");
        try (Stream<Path> files = Files.walk(sim)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path rel = sim.relativize(f);
                if (!rel.startsWith("crowdstrike")) {
                    Files.createDirectories(mixed.resolve(rel).getParent());
                    Files.copy(f, mixed.resolve(rel));
                }
            }
        }
        Files.move(collected.resolve("crowdstrike"), mixed.resolve("crowdstrike"));
        try (Stream<Path> days = Files.list(mixed.resolve("crowdstrike"))) {
            assertThat(days.map(d -> d.getFileName().toString())).as("day folders").allMatch(d -> d.matches(
                    "\\d{4}-\\d\\d-\\d\\d"));
        }
        CliRun original = CliRun.run("scan", sim.toString(), "--no-store", "--report", tmp.resolve("a.json").toString(),
                "--quiet");
        CliRun fromFdr = CliRun.run("scan", mixed.toString(), "--no-store", "--report", tmp.resolve("b.json").toString(),
                "--quiet");
        assertThat(original.code()).as(original.err()).isZero();
        assertThat(fromFdr.code()).as(fromFdr.err()).isZero();
        List<String> want = signals(tmp.resolve("a.json"));
        assertThat(want).isNotEmpty().anyMatch(s -> s.contains("control."));
        assertThat(signals(tmp.resolve("b.json"))).isEqualTo(want);
        JsonNode b = JSON.readTree(tmp.resolve("b.json").toFile());
        assertThat(b.at("/ingest/late_events").asLong()).isZero();
        assertThat(b.at("/ingest/quarantined").asLong()).isZero();
    }

    @Test
    void theOptionsMistakesAreSaidBeforeTheSecretIsAskedFor() {
        String out = tmp.resolve("o").toString();
        CliRun noRegion = CliRun.run("collect", "crowdstrike", "--queue-url", "http://127.0.0.1:9/1/q", "--key-id",
                KEY_ID, "--out", out);
        assertThat(noRegion.code()).isEqualTo(2);
        assertThat(noRegion.err()).contains("names no AWS region (as sqs.us-west-1.amazonaws.com does): give --region");
        CliRun notQueue = CliRun.run("collect", "crowdstrike", "--queue-url", "https://sqs.us-west-1.amazonaws.com/",
                "--key-id", KEY_ID, "--out", out);
        assertThat(notQueue.err()).contains("is not an SQS queue's address");
        CliRun visibility = CliRun.run("collect", "crowdstrike", "--queue-url",
                "https://sqs.us-west-1.amazonaws.com/1/q", "--key-id", KEY_ID, "--visibility-timeout", "5s", "--out", out);
        assertThat(visibility.err()).contains("--visibility-timeout is between 30s and 12h");
        if (System.getenv("FALCON_FDR_SECRET") == null) {
            CliRun noSecret = CliRun.run("collect", "crowdstrike", "--queue-url",
                    "https://sqs.us-west-1.amazonaws.com/1/q", "--key-id", KEY_ID, "--out", out);
            assertThat(noSecret.err()).contains("give the secret access key in a file (--secret-file) or in the "
                    + "environment variable FALCON_FDR_SECRET");
        }
        assertThat(CliRun.run("collect", "crowdstrike", "--help").out()).contains("--queue-url", "--max-batches",
                "aidmaster");
    }
}
