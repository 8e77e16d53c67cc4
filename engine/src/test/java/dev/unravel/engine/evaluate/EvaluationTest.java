package dev.unravel.engine.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationTest {

    @TempDir
    Path dir;

    static Report.WorkerEntry worker(int rank, String id, double score, String level, String flaggedAt) {
        return new Report.WorkerEntry(rank, id, "Name " + id, null, null, "US", "America/Chicago", "2026-03-01", null,
                score, level, score, 0, List.of("access"), List.of("access"), flaggedAt, null, null, List.of(), 0,
                List.of());
    }

    static Report report(int scanned, List<Report.WorkerEntry> workers) {
        return new Report(Report.SCHEMA, "now", "test", List.of("in"), new Report.Period("2026-03-01T00:00:00Z",
                "2026-03-31T00:00:00Z", "2026-03-31T00:00:00Z"),
                new Report.IngestStats(0, 0, 0, 0, null, 0, 1, Map.of(), List.of()), List.of(),
                new Report.ResolutionStats(0, 0, 0, 0, 0, 0), scanned, Map.of(), workers, List.of(), List.of(),
                "test", true, List.of());
    }

    @Test
    void arithmeticOnAHandMadePair() {
        Instant hired = Instant.parse("2026-03-01T00:00:00Z");
        List<Evaluation.Fraud> truth = List.of(
                new Evaluation.Fraud("F1", "farm", hired, Instant.parse("2026-03-05T00:00:00Z")),
                new Evaluation.Fraud("F2", "farm", hired, Instant.parse("2026-03-02T00:00:00Z")),
                new Evaluation.Fraud("F3", "kvm", hired, null),
                new Evaluation.Fraud("F4", "kvm", hired, null),
                new Evaluation.Fraud("F5", "kvm", Instant.parse("2026-04-02T00:00:00Z"), null));
        // ranking: F1 (high), B1 (high, false positive), F2 (critical... ranked third), F3 (medium), B2 low
        List<Report.WorkerEntry> w = new ArrayList<>();
        w.add(worker(1, "F1", 0.9, "critical", "2026-03-02T00:00:00Z"));
        w.add(worker(2, "B1", 0.7, "high", "2026-03-03T00:00:00Z"));
        w.add(worker(3, "F2", 0.65, "high", "2026-03-04T00:00:00Z"));
        w.add(worker(4, "F3", 0.4, "medium", null));
        w.add(worker(5, "B2", 0.1, "low", null));
        Evaluation.Metrics m = Evaluation.evaluate(truth, report(2000, w));
        assertThat(m.truePositives()).isEqualTo(2);
        assertThat(m.falsePositives()).isEqualTo(1);
        assertThat(m.precision()).isEqualTo(0.6667);
        assertThat(m.recall()).isEqualTo(0.5);
        assertThat(m.f1()).isEqualTo(0.5714);
        // AP: precision at F1 = 1/1, at F2 = 2/3, at F3 = 3/4; F4 never ranked → 0; mean over 4
        assertThat(m.averagePrecision()).isEqualTo(Math.round((1 + 2.0 / 3 + 0.75) / 4 * 10000) / 10000.0);
        assertThat(m.fpPer1000()).isEqualTo(0.5);
        // hours hire→flag: F1 24 h, F2 72 h → median 48
        assertThat(m.medianHoursHireToFlag()).isEqualTo(48.0);
        // F1 flagged 03-02 before exfil 03-05; F2 flagged 03-04 after exfil 03-02 → 1 of 2
        assertThat(m.shareFlaggedBeforeExfil()).isEqualTo(0.5);
        assertThat(m.perPersona().get("farm").detected()).isEqualTo(2);
        assertThat(m.perPersona().get("kvm").recall()).isEqualTo(0.0);
        assertThat(m.workers()).extracting(Evaluation.WorkerOutcome::detected).containsExactly(true, true, false, false);
        assertThat(m.falsePositiveIds()).containsExactly("B1");
        assertThat(m.hiredAfterPeriod()).as("hired after the last scanned event").containsExactly("F5");
    }

    static Report.WorkerEntry withSignals(int rank, String id, Object... detectorThenStrongest) {
        List<Report.ContributionEntry> c = new ArrayList<>();
        for (int i = 0; i < detectorThenStrongest.length; i += 2) {
            c.add(new Report.ContributionEntry((String) detectorThenStrongest[i], "access", 1,
                    (Double) detectorThenStrongest[i + 1], 0.1));
        }
        Report.WorkerEntry w = worker(rank, id, 0.5, "medium", null);
        return new Report.WorkerEntry(w.rank(), w.workerId(), w.name(), null, null, "US", "America/Chicago",
                "2026-03-01", null, 0.5, "medium", 0.5, 0, List.of("access"), List.of("access"), null, null, null, c,
                c.size(), List.of());
    }

    @Test
    void eachDetectorIsJudgedByTheWorkersItRaisedSignalsOn() {
        Instant hired = Instant.parse("2026-03-01T00:00:00Z");
        List<Evaluation.Fraud> truth = List.of(new Evaluation.Fraud("F1", "farm", hired, null),
                new Evaluation.Fraud("F2", "kvm", hired, null));
        List<Report.WorkerEntry> w = List.of(
                withSignals(1, "F1", "a.vpn", 0.8, "b.hours", 0.3),
                withSignals(2, "B1", "a.vpn", 0.6),
                withSignals(3, "B2", "a.vpn", 0.2, "b.hours", 0.2),
                withSignals(4, "F2", "b.hours", 0.7));
        Map<String, Evaluation.DetectorPrecision> d = Evaluation.evaluate(truth, report(100, w)).perDetector();
        assertThat(d).containsOnlyKeys("a.vpn", "b.hours");
        // a.vpn: F1, B1, B2 → 1 of 3 fraudulent, finds 1 of 2; strong (>= 0.5): F1, B1 → 1 of 2
        assertThat(d.get("a.vpn")).isEqualTo(new Evaluation.DetectorPrecision(3, 1, 0.3333, 0.5, 2, 1, 0.5));
        // b.hours: F1, B2, F2 → 2 of 3, finds both; strong: F2 only
        assertThat(d.get("b.hours")).isEqualTo(new Evaluation.DetectorPrecision(3, 2, 0.6667, 1.0, 1, 1, 1.0));
    }

    @Test
    void wrongShapesAreRejectedWithTheFileNamed() throws Exception {
        Path notJson = dir.resolve("a.json");
        Files.writeString(notJson, "{oops");
        assertThatThrownBy(() -> Evaluation.readTruth(notJson)).hasMessageContaining("a.json").hasMessageContaining(
                "not JSON");
        Path report = dir.resolve("r.json");
        ReportJson.write(report(1, List.of()), report);
        assertThatThrownBy(() -> Evaluation.readTruth(report)).hasMessageContaining("not a ground-truth file");
        Path truth = dir.resolve("t.json");
        Files.writeString(truth, "{\"schema\":\"unravel.sim.truth/1\",\"fraudulent_workers\":[{\"persona\":\"x\"}]}");
        assertThatThrownBy(() -> Evaluation.readTruth(truth)).hasMessageContaining("fraudulent_workers[1]")
                .hasMessageContaining("employee_id");
        assertThatThrownBy(() -> ReportJson.read(truth)).hasMessageContaining("not a scan report");
        assertThat(ReportJson.read(report).workersScanned()).isEqualTo(1);
        Report garbled = report(10, List.of(worker(1, "F1", 0.9, "high", "yesterday")));
        assertThatThrownBy(() -> Evaluation.evaluate(List.of(new Evaluation.Fraud("F1", "farm", null, null)), garbled))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first_flagged_at of F1");
    }
}
