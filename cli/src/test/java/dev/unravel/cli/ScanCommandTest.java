package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scan, evaluate and demo as a user runs them. */
class ScanCommandTest {

    @TempDir
    static Path dir;
    static Path sim;

    @BeforeAll
    static void simulate() {
        sim = dir.resolve("sim");
        assertThat(CliRun.run("simulate", "--employees", "60", "--days", "3", "--out", sim.toString(), "--quiet").code())
                .isZero();
    }

    @Test
    void scanWritesBothReportsAndEvaluateMeasuresThem() throws Exception {
        Path json = dir.resolve("report.json");
        Path html = dir.resolve("report.html");
        CliRun scan = CliRun.run("scan", sim.toString(), "--report", json.toString(), "--html", html.toString(),
                "--quarantine", dir.resolve("q.ndjson").toString(), "-q");
        assertThat(scan.code()).as(scan.err()).isZero();
        assertThat(scan.out()).contains("Scanned", "events/s", "workers scanned", "Levels:");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertThat(report.path("schema").asText()).isEqualTo("unravel.report/1");
        assertThat(report.path("workers_scanned").asInt()).isGreaterThanOrEqualTo(60);
        assertThat(Files.readString(html)).contains("<html").contains("Unravel").doesNotContain("daily run");

        Path metrics = dir.resolve("metrics.json");
        CliRun eval = CliRun.run("evaluate", "--truth", sim.resolve("truth.json").toString(), "--report", json.toString(),
                "--out", metrics.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("precision", "recall", "stolen_identity_farm").doesNotContain("daily run");
        JsonNode m = new ObjectMapper().readTree(metrics.toFile());
        for (String key : new String[] {"precision", "recall", "f1", "average_precision", "fp_per_1000",
            "median_hours_hire_to_flag", "share_flagged_before_exfil", "per_persona", "workers"}) {
            assertThat(m.has(key)).as(key).isTrue();
        }
        assertThat(m.path("workers").size()).isEqualTo(5);
        assertThat(m.path("daily").isNull()).as("not scored daily").isTrue();
    }

    /** Scored daily: each flagged worker says when a daily run would have flagged them, and evaluate measures it. */
    @Test
    void scanDaily_saysWhenADailyRunWouldHaveFlaggedEach() throws Exception {
        Path json = dir.resolve("daily.json");
        Path html = dir.resolve("daily.html");
        CliRun scan = CliRun.run("scan", sim.toString(), "--daily", "--report", json.toString(), "--html",
                html.toString(), "--no-store", "-q");
        assertThat(scan.code()).as(scan.err()).isZero();
        assertThat(scan.out()).containsPattern("= a daily run would have flagged them at the end of 2026-03-0\\d, ");
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        JsonNode first = report.path("workers").get(0);
        assertThat(first.path("level").asText()).isIn("high", "critical");
        assertThat(first.path("first_flagged_daily").asText()).matches("2026-03-0\\dT00:00:00Z");
        assertThat(Files.readString(html)).contains("Flagged by a daily run");

        CliRun eval = CliRun.run("evaluate", "--truth", sim.resolve("truth.json").toString(), "--report", json.toString());
        assertThat(eval.code()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("as daily runs would have flagged them: ", "; by a daily run 2026-03-0");
    }

    @Test
    void hireToFlag_saysBeforeOrAfterTheStartDate_notANegativeNumber() {
        assertThat(EvaluateCommand.hireToFlag(-269.7)).isEqualTo("11.2 days before the start date");
        assertThat(EvaluateCommand.hireToFlag(30.0)).isEqualTo("30.0 hours after the start date");
        assertThat(EvaluateCommand.hireToFlag(72.0)).isEqualTo("3.0 days after the start date");
        assertThat(EvaluateCommand.hireToFlag(null)).isEqualTo("n/a");
    }

    @Test
    void aReportThatCannotBeWrittenFailsBeforeTheScan() {
        CliRun r = CliRun.run("scan", sim.toString(), "--report", dir.resolve("no/such/folder/r.json").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).doesNotContain("\n").contains("does not exist");
        assertThat(r.out()).doesNotContain("Scanned");
    }

    @Test
    void badOptionsAndFilesAreOneLineErrors() throws Exception {
        assertThat(CliRun.run("scan", dir.resolve("missing").toString()).err()).contains("no such file or folder");
        CliRun intel = CliRun.run("scan", sim.toString(), "--intel", dir.resolve("none.mmdb").toString(), "--report",
                dir.resolve("y.json").toString());
        assertThat(intel.code()).isEqualTo(2);
        assertThat(intel.err().strip()).doesNotContain("\n").contains("none.mmdb", "no such file");
        Path scoring = dir.resolve("scoring.yaml");
        Files.writeString(scoring, "levels: {hgh: 0.7}\n");
        CliRun r = CliRun.run("scan", sim.toString(), "--scoring", scoring.toString(), "--report", dir.resolve("x.json")
                .toString());
        assertThat(r.code()).isEqualTo(2);
        Path config = dir.resolve("unravel.yaml");
        Files.writeString(config, "detectors:\n  control.remote-acess-tool: {approved_tools: [ScreenConnect]}\n");
        CliRun typo = CliRun.run("scan", sim.toString(), "--config", config.toString(), "--report", dir.resolve("z.json")
                .toString());
        assertThat(typo.code()).isEqualTo(2);
        assertThat(typo.err()).contains("control.remote-acess-tool", "no such detector");
        Path notTruth = dir.resolve("nt.json");
        Files.writeString(notTruth, "{\"schema\": \"something/1\"}");
        CliRun e = CliRun.run("evaluate", "--truth", notTruth.toString(), "--report", notTruth.toString());
        assertThat(e.code()).isEqualTo(2);
        assertThat(e.err()).contains("nt.json").contains("not a ground-truth file");
    }
}
