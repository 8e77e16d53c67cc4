package dev.unravel.engine.report;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The terminal summary of a scan: what was read, the top of the ranking with reasons, clusters. */
public final class Summary {

    private Summary() {
    }

    public static void print(Report r, PrintWriter w, int top) {
        Report.IngestStats in = r.ingest();
        w.printf("Read %,d files: %,d records, %,d events, %,d quarantined%s.%n", in.files(), in.records(), in.events(),
                in.quarantined(), in.quarantined() > 0 && in.quarantineFile() != null ? " (see " + in.quarantineFile()
                        + ")" : "");
        if (r.period().from() != null) {
            w.printf("Period: %s to %s.%n", r.period().from(), r.period().to());
        }
        long signals = r.detectors().stream().mapToLong(Report.DetectorStats::signals).sum();
        long failures = r.detectors().stream().mapToLong(Report.DetectorStats::failures).sum();
        w.printf("%d detectors raised %,d signals%s; %,d workers scanned.%n", r.detectors().size(), signals,
                failures > 0 ? " (" + failures + " detector failures: see the report)" : "", r.workersScanned());
        Map<String, Integer> l = r.levels();
        w.printf("Levels: %d critical, %d high, %d medium, %d low.%n", l.getOrDefault("critical", 0),
                l.getOrDefault("high", 0), l.getOrDefault("medium", 0), l.getOrDefault("low", 0));
        List<Report.FileProblem> wrong = in.wrongFiles();
        if (!wrong.isEmpty()) {
            w.printf("%d files had problems; the first: %s: %s%n", wrong.size(), wrong.get(0).file(),
                    wrong.get(0).problem());
        }
        if (in.passedOver() > 0) {
            w.printf("%d passed over on purpose (git repositories, hidden files): listed in the report.%n",
                    in.passedOver());
        }
        w.println();
        int shown = 0;
        for (Report.WorkerEntry x : r.workers()) {
            if (shown == top || x.level().equals("low")) {
                break;
            }
            shown++;
            w.printf("%3d. %-8s %-9s %-24s %-8s %s%n", x.rank(), x.level().toUpperCase(java.util.Locale.ROOT),
                    String.format("%.2f", x.score()), cut(x.name(), 24), x.workerId(),
                    "stages: " + String.join(", ", x.stages()) + (x.cluster() == null ? "" : "; cluster " + x.cluster()));
            int reasons = 0;
            for (Report.ContributionEntry c : x.contributions()) {
                if (reasons == 3) {
                    break;
                }
                String why = x.signals().stream().filter(s -> s.detector().equals(c.detector())).map(
                        Report.SignalEntry::explanation).findFirst().orElse(c.detector());
                w.printf("       - %s%n", cut(why, 150));
                reasons++;
            }
        }
        if (shown == 0) {
            w.println("No worker reached level medium.");
        }
        if (!r.clusters().isEmpty()) {
            w.println();
            w.printf("%d clusters of people tied by shared identifiers:%n", r.clusters().size());
            int c = 0;
            for (Report.ClusterEntry cl : r.clusters()) {
                if (c++ == 5) {
                    w.printf("  ... and %d more in the report%n", r.clusters().size() - 5);
                    break;
                }
                w.printf("  %s: %s (%s)%n", cl.id(), String.join(", ", cl.workers()) + (cl.applicants().isEmpty() ? ""
                        : " + applicants " + String.join(", ", cl.applicants())), String.join(", ", cl.ties().stream()
                        .map(t -> t.display() != null ? t.kind() + " " + t.display() : t.kind()).distinct().toList()));
            }
        }
    }

    private static String cut(String s, int n) {
        if (s == null) {
            return "";
        }
        return s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
    }
}
