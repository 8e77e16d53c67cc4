package dev.unravel.engine.report;

import dev.unravel.core.Count;
import dev.unravel.core.EntityRef;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The terminal summary of a scan: what was read, the top of the ranking with reasons, clusters. */
public final class Summary {

    /**
     * The explanation of the detector's strongest signal on the worker (the first of equals), what its
     * contribution rests on; the detector's id when it has none.
     */
    static String strongestExplanation(Report.WorkerEntry worker, String detector) {
        Report.SignalEntry strongest = null;
        for (Report.SignalEntry s : worker.signals()) {
            if (s.detector().equals(detector) && (strongest == null || s.strength() > strongest.strength())) {
                strongest = s;
            }
        }
        return strongest == null ? detector : strongest.explanation();
    }

    private Summary() {
    }

    /**
     * When a daily run would first have flagged the worker ("at the end of 2026-03-04, 2 days after
     * the start date"), for a scan scored daily; null otherwise.
     */
    public static String dailyFlag(Report.WorkerEntry w) {
        if (w.firstFlaggedDaily() == null) {
            return null;
        }
        java.time.LocalDate day;
        try {
            day = java.time.LocalDate.ofInstant(java.time.Instant.parse(w.firstFlaggedDaily()).minusSeconds(1),
                    java.time.ZoneOffset.UTC);
        } catch (java.time.format.DateTimeParseException e) {
            return w.firstFlaggedDaily(); // a report edited by hand: shown as written, never a failed page
        }
        String text = "at the end of " + day;
        if (w.hireDate() != null) {
            try {
                long days = java.time.temporal.ChronoUnit.DAYS.between(java.time.LocalDate.parse(w.hireDate()), day);
                text += days == 0 ? ", their start date" : days > 0
                        ? ", " + Count.of(days, "day", "days") + " after the start date"
                        : ", " + Count.of(-days, "day", "days") + " before the start date";
            } catch (java.time.format.DateTimeParseException e) {
                // a hire date that is not a plain date: the day alone
            }
        }
        return text;
    }

    public static void print(Report r, PrintWriter w, int top) {
        Report.IngestStats in = r.ingest();
        w.printf("Read %,d files: %,d records, %,d events, %,d quarantined%s.%n", in.files(), in.records(), in.events(),
                in.quarantined(), in.quarantined() > 0 && in.quarantineFile() != null ? " (see " + in.quarantineFile()
                        + ")" : "");
        if (in.recordsRepeated() > 0) {
            w.printf("%,d HR, applicant and asset rows were read again unchanged (another snapshot of an export) and "
                    + "counted once.%n", in.recordsRepeated());
        }
        if (in.eventsRepeated() > 0) {
            w.printf("%,d log events were read twice (the same export in two places, or overlapping exports) and "
                    + "counted once.%n", in.eventsRepeated());
        }
        if (r.period().from() != null) {
            w.printf("Period: %s to %s.%n", r.period().from(), r.period().to());
        }
        long signals = r.detectors().stream().mapToLong(Report.DetectorStats::signals).sum();
        long failures = r.detectors().stream().mapToLong(Report.DetectorStats::failures).sum();
        w.printf("%s raised %s%s; %s scanned.%n", Count.of(r.detectors().size(), "detector", "detectors"),
                Count.of(signals, "signal", "signals"),
                failures > 0 ? " (" + Count.of(failures, "detector failure", "detector failures") + ": see the report)"
                        : "", Count.of(r.workersScanned(), "worker", "workers"));
        long byAddress = r.resolution() == null ? 0 : r.resolution().signalsResolvedByAddress();
        if (byAddress > 0) {
            w.printf("%,d signal%s about a network address counted for the worker whose laptop held it then "
                    + "(osquery interface addresses, Sysmon connections, DHCP leases; each says how).%n", byAddress,
                    byAddress == 1 ? "" : "s");
        }
        Map<String, Integer> l = r.levels();
        w.printf("Levels: %d critical, %d high, %d medium, %d low.%n", l.getOrDefault("critical", 0),
                l.getOrDefault("high", 0), l.getOrDefault("medium", 0), l.getOrDefault("low", 0));
        coverage(r, w);
        notes(r, w);
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
                String why = strongestExplanation(x, c.detector());
                w.printf("       - %s%n", cut(why, 150));
                reasons++;
            }
            String daily = dailyFlag(x);
            if (daily != null) {
                w.printf("       = a daily run would have flagged them %s%n", daily);
            }
        }
        if (shown == 0) {
            w.println("No worker reached level medium.");
        }
        unresolved(r, w);
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

    /** What detectors said about the data as a whole (a remote-access tool on hundreds of computers). */
    private static void notes(Report r, PrintWriter w) {
        List<String> lines = new java.util.ArrayList<>();
        for (Report.DetectorStats d : r.detectors() == null ? List.<Report.DetectorStats>of() : r.detectors()) {
            for (String note : d.notes() == null ? List.<String>of() : d.notes()) {
                lines.add(d.id() + ": " + note);
            }
        }
        if (!lines.isEmpty()) {
            w.println("Notes from the detectors:");
            lines.forEach(l -> w.println("  " + l));
        }
    }

    /**
     * What the scan could not see: stages none of whose detectors read an event, and the detectors
     * that read nothing they look at, with the data each needs; a quiet report is then not a clean one.
     */
    private static void coverage(Report r, PrintWriter w) {
        List<dev.unravel.core.Stage> blind = Coverage.blindStages(r);
        if (!blind.isEmpty()) {
            w.printf("Could not see at all: %s (no detector of %s read an event it looks at).%n",
                    String.join(", ", blind.stream().map(dev.unravel.core.Stage::id).toList()),
                    blind.size() == 1 ? "the stage" : "these stages");
        }
        List<Coverage.Unseen> unseen = Coverage.unseen(r);
        if (!unseen.isEmpty()) {
            w.println("Read nothing they look at (the data was not given, or held nothing of the kind):");
            for (Coverage.Unseen u : unseen) {
                w.printf("  %-34s %s%n", u.detector(), u.reads());
            }
        }
    }

    /**
     * Signals no one could be tied to: not scored, so never in the ranking, and said here so that a
     * scan of logs without the HR and asset records behind them does not read as a clean one.
     */
    private static void unresolved(Report r, PrintWriter w) {
        List<Report.UnresolvedEntry> list = r.unresolved();
        if (list == null || list.isEmpty() || r.resolution() == null) {
            return;
        }
        // subjects are written "kind:value" (EntityRef); counted per kind, in the enum's order
        Map<EntityRef.Kind, Long> kinds = new java.util.EnumMap<>(EntityRef.Kind.class);
        long other = 0;
        for (Report.UnresolvedEntry u : list) {
            String subject = u.subject() == null ? "" : u.subject();
            int colon = subject.indexOf(':');
            EntityRef.Kind kind = colon < 0 ? null : EntityRef.Kind.ofId(subject.substring(0, colon));
            if (kind == null) {
                other++;
            } else {
                kinds.merge(kind, 1L, Long::sum);
            }
        }
        List<String> counted = new java.util.ArrayList<>();
        kinds.forEach((k, n) -> counted.add(k.count(n)));
        if (other > 0) {
            counted.add(other + (other == 1 ? " other subject" : " other subjects"));
        }
        w.println();
        String about = list.size() == Report.MAX_UNRESOLVED ? list.size() + " subjects or more"
                : counted.size() == 1 ? counted.get(0)
                : String.join(", ", counted.subList(0, counted.size() - 1)) + " and " + counted.get(counted.size() - 1);
        long total = r.resolution().signalsUnresolved();
        w.printf("%,d signal%s tied to no one, about %s that no HR, asset or identity record given names.%n", total,
                total == 1 ? "" : "s", about);
        long sensors = falconSensors(list);
        if (sensors > 0) {
            w.printf("%,d of the hosts %s: give the scan FDR's aidmaster folder, which names each sensor's computer.%n",
                    sensors, sensors == 1 ? "is a CrowdStrike Falcon sensor id" : "are CrowdStrike Falcon sensor ids");
        }
        w.println("Not scored; listed in the report under \"unresolved\". The strongest:");
        for (int i = 0; i < Math.min(3, list.size()); i++) {
            Report.UnresolvedEntry u = list.get(i);
            List<Report.SignalEntry> sigs = u.signals() == null ? List.of() : u.signals();
            String why = !sigs.isEmpty() ? sigs.get(0).explanation()
                    : u.detectors() == null ? "" : String.join(", ", u.detectors());
            w.printf("  %-40s %,5d signal%s, strongest %.2f: %s%n", cut(u.subject(), 40), u.signalsTotal(),
                    u.signalsTotal() == 1 ? "" : "s", u.strongest(), cut(why, 110));
        }
    }

    /** A CrowdStrike Falcon sensor id ({@code aid}): what FDR's events name a computer by. */
    private static final java.util.regex.Pattern FALCON_SENSOR = java.util.regex.Pattern.compile(
            java.util.regex.Pattern.quote(EntityRef.Kind.HOST.id() + ":") + "[0-9a-f]{32}");

    /**
     * How many subjects tied to no one are CrowdStrike Falcon sensor ids: a scan given FDR's events
     * without its aidmaster records, which name each sensor's computer.
     */
    static long falconSensors(List<Report.UnresolvedEntry> unresolved) {
        return unresolved == null ? 0 : unresolved.stream()
                .filter(u -> u != null && u.subject() != null && FALCON_SENSOR.matcher(u.subject()).matches()).count();
    }

    private static String cut(String s, int n) {
        if (s == null) {
            return "";
        }
        return s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
    }
}
