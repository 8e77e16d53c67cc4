package dev.unravel.cli;

import dev.unravel.engine.evaluate.Evaluation;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code unravel evaluate}: a scan report measured against the simulator's ground truth. */
@Command(name = "evaluate",
        mixinStandardHelpOptions = true,
        description = {
            "Measures a scan report against ground truth (the simulator's truth.json): precision, recall and F1 of "
                + "the workers at level high and above, average precision over the ranking, false positives per "
                + "1,000 workers, and per fraudulent worker whether, when and how early it was flagged.",
            ""},
        footer = {"", "Example:",
            "  unravel evaluate --truth sim-out/truth.json --report report.json --out metrics.json"})
public final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--truth", required = true, paramLabel = "FILE", description = "Ground truth (truth.json).")
    Path truth;

    @Option(names = "--report", required = true, paramLabel = "FILE", description = "The scan report (JSON).")
    Path report;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the metrics as JSON here.")
    Path out;

    @Option(names = "--per-detector", description = "Also print each detector's precision and recall on its own "
            + "(always in the JSON as per_detector).")
    boolean perDetector;

    @Override
    public Integer call() throws IOException {
        for (Path p : new Path[] {truth, report}) {
            if (!Files.isRegularFile(p)) {
                throw new IllegalArgumentException(p + ": no such file");
            }
        }
        if (out != null) {
            ScanCommand.checkWritable(out);
        }
        List<Evaluation.Fraud> frauds = Evaluation.readTruth(truth);
        Report r = ReportJson.read(report);
        Evaluation.Metrics m = Evaluation.evaluate(frauds, r);
        print(m, spec.commandLine().getOut(), perDetector);
        if (out != null) {
            ReportJson.mapper().writeValue(out.toFile(), m);
            spec.commandLine().getOut().println("Metrics: " + out);
        }
        return 0;
    }

    /**
     * The median hours from hire to flag as a reader takes them: a worker flagged from applicant
     * and shipping records is flagged before the start date, and "-269.7" read as an error.
     */
    static String hireToFlag(Double hours) {
        if (hours == null) {
            return "n/a";
        }
        double h = Math.abs(hours);
        String amount = h < 48 ? String.format("%.1f hours", h) : String.format("%.1f days", h / 24);
        return hours < 0 ? amount + " before the start date" : amount + " after the start date";
    }

    static void print(Evaluation.Metrics m, PrintWriter w) {
        print(m, w, false);
    }

    static void print(Evaluation.Metrics m, PrintWriter w, boolean perDetector) {
        w.printf("Against the ground truth (%d fraudulent workers among %,d scanned), at level high and above:%n",
                m.workers().size(), m.workersScanned());
        w.printf("  precision %.3f  recall %.3f  F1 %.3f  average precision %.3f  false positives %d (%.2f per 1,000)%n",
                m.precision(), m.recall(), m.f1(), m.averagePrecision(), m.falsePositives(), m.fpPer1000());
        w.printf("  median time from hire to flag: %s   flagged before first exfiltration: %s%n",
                hireToFlag(m.medianHoursHireToFlag()),
                m.shareFlaggedBeforeExfil() == null ? "n/a" : String.format("%.0f%%", 100 * m.shareFlaggedBeforeExfil()));
        Evaluation.Daily daily = m.daily();
        if (daily != null) {
            w.printf("  as daily runs would have flagged them: %d of %d; median time from hire to flag: %s   "
                    + "before first exfiltration: %s; %d other worker%s flagged along the way%s%n",
                    daily.fraudulentFlagged(), m.workers().size(), hireToFlag(daily.medianHoursHireToFlag()),
                    daily.shareFlaggedBeforeExfil() == null ? "n/a"
                            : String.format("%.0f%%", 100 * daily.shareFlaggedBeforeExfil()),
                    daily.othersFlagged(), daily.othersFlagged() == 1 ? "" : "s",
                    daily.othersFlagged() == 0 ? "" : " (" + String.join(", ", daily.othersFlaggedIds()) + ")");
        }
        if (!m.hiredAfterPeriod().isEmpty()) {
            w.printf("  not counted: %d fraudulent workers hired after the scanned period ended (%s)%n",
                    m.hiredAfterPeriod().size(), String.join(", ", m.hiredAfterPeriod()));
        }
        m.perPersona().forEach((p, r) -> w.printf("  %-24s %d/%d detected%n", p, r.detected(), r.workers()));
        if (perDetector) {
            w.printf("  %-40s %8s %6s %9s %6s   %s%n", "detector (workers with a signal)", "workers", "fraud",
                    "precision", "recall", "strong (>= 0.5): workers, fraud, precision");
            m.perDetector().forEach((id, d) -> w.printf("  %-40s %8d %6d %9.3f %6.3f   %d, %d, %s%n", id, d.workers(),
                    d.fraudulent(), d.precision(), d.recall(), d.strongWorkers(), d.strongFraudulent(),
                    d.strongPrecision() == null ? "-" : String.format("%.3f", d.strongPrecision())));
        }
        for (Evaluation.WorkerOutcome o : m.workers()) {
            w.printf("    %-8s %-24s %-9s %-8s rank %-5s first flagged %s%s%n", o.employeeId(), o.persona(),
                    o.detected() ? "detected" : "missed", o.level(), o.rank() == null ? "-" : o.rank().toString(),
                    o.firstFlaggedAt() == null ? "-" : o.firstFlaggedAt(),
                    daily == null ? "" : "; by a daily run " + (o.firstFlaggedDaily() == null ? "-" : o.firstFlaggedDaily()));
        }
    }
}
