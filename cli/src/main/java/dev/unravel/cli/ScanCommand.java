package dev.unravel.cli;

import dev.unravel.detect.roster.Pii;
import dev.unravel.engine.Scan;
import dev.unravel.engine.ScanConfigFile;
import dev.unravel.engine.report.HtmlReport;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.engine.report.Summary;
import dev.unravel.store.Store;
import dev.unravel.store.StoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unravel scan}: ingest → detect → resolve → score over files and folders; writes the report. */
@Command(name = "scan",
        mixinStandardHelpOptions = true,
        description = {
            "Reads HR, applicant, asset and payroll records and logs (every format 'unravel ingest formats' lists; "
                + "folders, gzip and ZIP read in place), runs the detectors, ties what they find to workers, scores "
                + "each worker and writes the ranked, explained result as JSON (schema unravel.report/1) and "
                + "optionally as one HTML file. Saves the scan to the store and opens a case for each person scored at the "
                + "opening level (see 'unravel cases'). Prints a summary of the top of the ranking.",
            ""},
        footer = {"", "Examples:",
            "  unravel scan exports/ --report report.json --html report.html",
            "  unravel scan hr/ okta/ edr/ --intel GeoLite2-Country.mmdb --config unravel.yaml --report r.json",
            "  unravel scan sim-out --scoring my-scoring.yaml --report r.json --top 20",
            "  unravel scan exports/ --store jdbc:postgresql://db.example.com/unravel?user=unravel --cases-at medium",
            "  unravel scan exports/ --notify https://hooks.slack.com/services/T000/B000/XXXX",
            "  unravel scan exports/ --no-store"})
public final class ScanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or folders to read.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = "--report", paramLabel = "FILE.json", description = "Where the JSON report goes. Default: "
            + "${DEFAULT-VALUE}.")
    Path report = Path.of("unravel-report.json");

    @Option(names = "--html", paramLabel = "FILE.html", description = "Also write the report as one HTML file.")
    Path html;

    @Option(names = "--scoring", paramLabel = "FILE", description = "Scoring weights laid over the built-in "
            + "scoring.yaml (see the README).")
    Path scoring;

    @Option(names = "--config", paramLabel = "FILE", description = "Scan configuration (YAML): intel files, extra "
            + "Sigma rules, per-detector settings.")
    Path config;

    @Option(names = "--intel", paramLabel = "PATH", description = "IP intelligence: MaxMind/DB-IP .mmdb, IP-range "
            + "CSV or CIDR list; repeatable.")
    List<Path> intel = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "PATH", description = "Extra Sigma rules (files or folders); repeatable.")
    List<Path> rules = new ArrayList<>();

    @Option(names = "--mapping", paramLabel = "FILE", description = "Column-mapping file for an HRIS export with "
            + "other headers; repeatable (docs/formats/hr-csv.md).")
    List<Path> mappings = new ArrayList<>();

    @Option(names = "--quarantine", paramLabel = "FILE", description = "Where rejected records go. Default: "
            + "${DEFAULT-VALUE}.")
    Path quarantine = Path.of("unravel-quarantine.ndjson");

    @Option(names = "--reorder-window", paramLabel = "N", description = "Events held to restore time order "
            + "inside files (each day's files are merged by time). Default: ${DEFAULT-VALUE}.")
    int reorderWindow = 10_000;


    @Option(names = "--top", paramLabel = "N", description = "Workers shown in the summary. Default: "
            + "${DEFAULT-VALUE}.")
    int top = 10;

    @Option(names = {"-q", "--quiet"}, description = "No progress line.")
    boolean quiet;

    @Mixin
    StoreOption store;

    @Option(names = "--daily", description = "Also score as daily runs would have: at the end of each day of the "
            + "logs, the report as things stand; each worker's entry then says the first day one of those put them at "
            + "high or above (first_flagged_daily). first_flagged_at is read back from the final signals' times, "
            + "including what was decided over the whole period; this is when a daily run would have known.")
    boolean daily;

    @Option(names = "--no-store", description = "Write the report only; save nothing to the store.")
    boolean noStore;

    @Mixin
    CaseOptions cases;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Scan.Options options = options();
        ReportCases.Policy policy = cases.policy(config);
        if (policy.webhook() != null && noStore) {
            throw new IllegalArgumentException("--notify tells of the cases a saved scan opens: it needs the store "
                    + "(drop --no-store)");
        }
        dev.unravel.engine.report.NextChecks steps = dev.unravel.engine.report.NextChecks.builtIn();
        if (!noStore) {
            // Opened (and migrated) before the scan, so that a store that cannot be used fails before an
            // hour of work; closed during it, so that analysts can work their cases meanwhile. The HTML
            // report lists the team's steps, as the cases do.
            try (Store s = Store.open(store.location)) {
                steps = dev.unravel.server.CaseChecks.in(s);
            }
        }
        Report r = run(options, out, spec.commandLine().getErr(), quiet, daily);
        writeReports(r, report, html, out, steps);
        if (!noStore) {
            try (Store s = Store.open(store.location)) {
                policy.save(s, r, out);
            } catch (StoreException e) {
                throw new StoreException(e.getMessage() + "; the report is written: " + report, e);
            }
        }
        out.println();
        Summary.print(r, out, top);
        return 0;
    }

    Scan.Options options() throws IOException {
        if (reorderWindow < 1) {
            throw new IllegalArgumentException("--reorder-window must be at least 1");
        }
        Scan.Options o = ScanConfigFile.options(inputs, config, intel, rules, scoring, mappings);
        checkWritable(report);
        if (html != null) {
            checkWritable(html);
        }
        return o.withQuarantine(quarantine).withReorderWindow(reorderWindow);
    }

    /** Runs a scan with a progress line on stderr when it is a terminal. */
    static Report run(Scan.Options options, PrintWriter out, PrintWriter err, boolean quiet) throws IOException {
        return run(options, out, err, quiet, false);
    }

    /** A scan with a progress line on stderr when it is a terminal; {@code daily}: scored as daily runs would have. */
    static Report run(Scan.Options options, PrintWriter out, PrintWriter err, boolean quiet, boolean daily)
            throws IOException {
        long t0 = System.nanoTime();
        boolean tty = System.console() != null && !quiet;
        Scan.Progress progress = (done, total, file, events) -> {
            if (tty && (done == total || done % 20 == 0)) {
                err.printf("\rscan: %,d/%,d files, %,d events", done, total, events);
                err.flush();
            }
        };
        Report r = daily ? Scan.runDaily(options, progress) : Scan.run(options, progress);
        if (tty) {
            err.println();
        }
        double s = (System.nanoTime() - t0) / 1e9;
        out.printf("Scanned %,d events in %.1f s (%,.0f events/s).%n", r.ingest().events(), s, r.ingest().events() / s);
        if (options.pii().ephemeralKey()) {
            out.println("Note: UNRAVEL_PII_KEY is not set, so identifier hashes in this report are only comparable "
                    + "within it.");
        }
        return r;
    }

    static void writeReports(Report r, Path json, Path html, PrintWriter out) throws IOException {
        writeReports(r, json, html, out, dev.unravel.engine.report.NextChecks.builtIn());
    }

    /** The JSON report, and the HTML one when asked for, with {@code steps} for what to check next. */
    static void writeReports(Report r, Path json, Path html, PrintWriter out,
            dev.unravel.engine.report.NextChecks steps) throws IOException {
        ReportJson.write(r, json);
        out.println("Report: " + json);
        if (html != null) {
            HtmlReport.write(r, html, steps);
            out.println("HTML report: " + html);
        }
    }

    /** A report that cannot be written must fail before the scan, not after an hour of work. */
    static void checkWritable(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(file + ": the folder " + dir + " does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": is a folder, not a file");
        }
        Path probe = Files.createTempFile(dir, ".unravel-probe", ".tmp");
        Files.delete(probe);
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new java.nio.file.AccessDeniedException(file.toString(), null, "the report cannot be replaced");
        }
    }

    static Pii pii() {
        return Pii.fromEnvironment();
    }
}
