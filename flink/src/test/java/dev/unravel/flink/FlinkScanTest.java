package dev.unravel.flink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.engine.Scan;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The job on a Flink mini cluster against a scan in one process, over the same simulated company. */
class FlinkScanTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(3).build());

    @TempDir
    static Path dir;
    static Path sim;
    /** A day of Okta logs with a good record, a broken line and a record without a time. */
    static Path bad;

    @BeforeAll
    static void simulate() throws IOException {
        sim = dir.resolve("sim");
        new Simulator(new SimConfig(80, 4, 7, 5, SimConfig.DEFAULT_START, sim, true), Simulator.Progress.NONE).run();
        Path okta;
        try (var files = Files.list(sim.resolve("okta"))) {
            okta = files.sorted().findFirst().orElseThrow();
        }
        String good = Files.readAllLines(okta).get(0);
        bad = dir.resolve("extra/okta/" + okta.getFileName());
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, good + "\n{\"published\": \"2026-03-03T10:00:00Z\", \"eventType\": \n"
                + "{\"eventType\": \"user.session.start\"}\n");
    }

    @Test
    void theJobWritesTheReportAScanWrites() throws Exception {
        Report local = Scan.run(Scan.Options.of(List.of(sim, bad.getParent().getParent())).withQuarantine(dir.resolve("q.ndjson")),
                Scan.Progress.NONE);

        UnravelJob job = new UnravelJob();
        Path reportFile = dir.resolve("flink-report.json");
        new CommandLine(job).parseArgs("--report", reportFile.toString(), "--quarantine", dir.resolve("fq").toString(),
                sim.toString(), bad.getParent().getParent().toString());
        JobSettings settings = job.settings();
        assertThat(settings.records()).as("HR, applicant and asset files go to the detection task")
                .anyMatch(f -> f.contains("hr")).noneMatch(f -> f.endsWith(".ndjson") || f.endsWith(".json"));
        List<String[]> days = UnravelJob.days(settings);
        assertThat(days).as("days for two readers to share").hasSizeGreaterThan(3);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<String> out = new ArrayList<>();
        try (CloseableIterator<String> it = ScanGraph.build(env, settings, days).executeAndCollect("test")) {
            it.forEachRemaining(out::add);
        }
        assertThat(out).hasSize(1);
        assertThat(Files.readString(reportFile)).isEqualTo(out.get(0));

        JsonNode flink = ReportJson.mapper().readTree(out.get(0));
        JsonNode embedded = ReportJson.mapper().readTree(json(local));
        assertThat(flink.at("/ingest/events").asLong()).isEqualTo(local.ingest().events()).isGreaterThan(10_000);
        assertThat(flink.at("/ingest/quarantined").asLong()).isEqualTo(local.ingest().quarantined()).isEqualTo(2);
        assertThat(withoutQuarantineFile(flink.get("ingest"))).isEqualTo(withoutQuarantineFile(embedded.get("ingest")));
        assertSameFindings(flink, embedded);
        assertThat(local.workers()).as("the simulation's fraudulent workers are found").anyMatch(w -> w.score() > 0.5);
        assertThat(Files.list(dir.resolve("fq")).map(p -> p.getFileName().toString()))
                .as("each day's rejected records are kept").anyMatch(n -> n.startsWith("quarantine-day-"));
    }

    /**
     * CrowdStrike Falcon in FDR's own layout: the aidmaster inventory (JSON in a uuid folder) goes
     * to the detection task with the HR records, the batches are placed by their first events, and
     * the job finds what a scan finds, on laptops named as a scan names them.
     */
    @Test
    void falconDataReplicatorsBatchesGiveTheJobWhatTheyGiveAScan() throws Exception {
        Path falcon = dir.resolve("sim-falcon");
        new Simulator(new SimConfig(60, 3, 11, 5, SimConfig.DEFAULT_START, falcon, true, SimConfig.WebProxy.NONE,
                SimConfig.Vpn.NONE, SimConfig.Edr.CROWDSTRIKE), Simulator.Progress.NONE).run();
        Report local = Scan.run(Scan.Options.of(List.of(falcon)).withQuarantine(dir.resolve("q-falcon.ndjson")),
                Scan.Progress.NONE);

        UnravelJob job = new UnravelJob();
        new CommandLine(job).parseArgs("--report", dir.resolve("falcon-report.json").toString(), falcon.toString());
        JobSettings settings = job.settings();
        assertThat(settings.records()).as("the sensors' inventory is read with the records")
                .anyMatch(f -> f.contains("crowdstrike/aidmaster/"));
        List<String[]> days = UnravelJob.days(settings);
        assertThat(days).as("every FDR batch in a day of its own, placed by its first event")
                .allMatch(d -> java.util.Arrays.stream(d).filter(f -> f.contains("crowdstrike/data/")).count() <= 1);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        List<String> out = new ArrayList<>();
        try (CloseableIterator<String> it = ScanGraph.build(env, settings, days).executeAndCollect("falcon")) {
            it.forEachRemaining(out::add);
        }
        JsonNode flink = ReportJson.mapper().readTree(out.get(0));
        assertSameFindings(flink, ReportJson.mapper().readTree(json(local)));
        assertThat(out.get(0)).as("laptops named, not sensor ids").doesNotContainPattern("on device [0-9a-f]{32}");
    }

    @Test
    void fromTheCommandLine_theReportIsWritten_andBadArgumentsAreTold() throws Exception {
        Path reportFile = dir.resolve("cli-report.json");
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cli = new CommandLine(new UnravelJob()).setErr(new java.io.PrintWriter(err));
        assertThat(cli.execute("--report", reportFile.toString(), dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("nowhere: no such file or folder");

        java.io.StringWriter badConfig = new java.io.StringWriter();
        Path config = dir.resolve("bad.yaml");
        Files.writeString(config, "detectors:\n  no.such-detector:\n    x: 1\n");
        assertThat(new CommandLine(new UnravelJob()).setErr(new java.io.PrintWriter(badConfig)).execute("--report",
                reportFile.toString(), "--config", config.toString(), sim.toString())).isEqualTo(2);
        assertThat(badConfig.toString()).as("told before the job is submitted")
                .contains("detectors.no.such-detector: no such detector");

        assertThat(new CommandLine(new UnravelJob()).execute("--report", reportFile.toString(),
                "--max-disorder", "1h", sim.toString())).isZero();
        JsonNode report = ReportJson.mapper().readTree(reportFile.toFile());
        assertThat(report.at("/schema").asText()).isEqualTo(Report.SCHEMA);
        assertThat(report.at("/workers_scanned").asInt()).isGreaterThan(50);
    }

    /** Asserts that a job's report finds what a scan's finds: every detector's counts, every person, the clusters. */
    static void assertSameFindings(JsonNode flink, JsonNode embedded) {
        for (String section : List.of("detectors", "levels", "workers", "resolution", "period", "unresolved",
                "applicants", "clusters")) {
            assertThat(flink.get(section)).as(section).isEqualTo(embedded.get(section));
        }
    }

    /** The ingest statistics but where rejected records were written (a file for the scan, a folder for the job). */
    static JsonNode withoutQuarantineFile(JsonNode ingest) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = ingest.deepCopy();
        copy.remove("quarantine_file");
        return copy;
    }

    private static String json(Report r) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ReportJson.write(r, b);
        return b.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
