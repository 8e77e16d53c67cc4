package dev.unravel.cli;

import dev.unravel.engine.Scan;
import dev.unravel.engine.evaluate.Evaluation;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.Summary;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code unravel demo}: the main job on the embedded default. Simulates a company with fraudulent
 * remote workers hidden in it, scans what was simulated exactly as a user's exports would be
 * scanned, and measures the ranking against the simulator's ground truth.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs Unravel end to end on a simulated company: simulates 500 workers over 60 days with 5 fraudulent "
                + "remote workers and benign look-alikes into the demo folder (replacing it), with the corporate "
                + "VPN's own log (GlobalProtect) beside the rest, scans it (every record "
                + "and log read back through the ingest readers, detectors, resolution, scoring), prints the ranked "
                + "summary and the evaluation against the ground truth, triages the mail the company received (the "
                + "fired extortionist's ransom email among invoices and newsletters) against an inventory of its "
                + "repositories, and writes the report (JSON and HTML), the metrics, the triage, the inventory and the "
                + "scan configuration it used (the company's approved remote-support tool, the inventory) next to the "
                + "simulated data.",
            ""},
        footer = {"", "Examples:", "  unravel demo", "  unravel demo --out /tmp/demo --employees 2000 --days 30"})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Demo folder (replaced). Default: ${DEFAULT-VALUE}.")
    Path out = Path.of("demo-out");

    @Option(names = "--employees", paramLabel = "N", description = "Workers to simulate. Default: ${DEFAULT-VALUE}.")
    int employees = 500;

    @Option(names = "--days", paramLabel = "D", description = "Days of logs. Default: ${DEFAULT-VALUE}.")
    int days = 60;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed = SimConfig.DEFAULT_SEED;

    @Option(names = "--top", paramLabel = "N", description = "Workers shown in the summary. Default: ${DEFAULT-VALUE}.")
    int top = 10;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        // A company whose laptops connect through GlobalProtect: its log puts each one where it is.
        SimConfig config = new SimConfig(employees, days, seed, SimConfig.DEFAULT_FRAUD, SimConfig.DEFAULT_START, out,
                true, SimConfig.WebProxy.NONE, SimConfig.Vpn.GLOBALPROTECT);
        w.printf("1/4 Simulating %d workers over %d days with %d fraudulent remote workers hidden among them...%n",
                employees, days, SimConfig.DEFAULT_FRAUD);
        Simulator.Result result = SimulateCommand.run(config, w, true);
        SimulateCommand.summary(w, result);

        Path data = result.out();
        Path dir = data.toAbsolutePath().getParent();
        String name = data.getFileName().toString();
        Path json = dir.resolve(name + "-report.json");
        Path html = dir.resolve(name + "-report.html");
        Path metrics = dir.resolve(name + "-metrics.json");
        // What the company's security team knows and configures once: its approved remote-support tool.
        Path companyConfig = dir.resolve(name + "-unravel.yaml");
        // And an inventory of its code, so that a leak offered as proof can be recognised.
        Path inventory = dir.resolve(name + "-inventory.jsonl.gz");
        new dev.unravel.triage.inventory.InventoryBuilder().addRepository(data.resolve("repos")).build()
                .save(inventory);
        java.nio.file.Files.writeString(companyConfig, "# The simulated company's configuration (unravel scan --config).\n"
                + "# IT supports laptops with ScreenConnect, so it is not an unapproved remote-access tool.\n"
                + "# The inventory of its repositories (unravel inventory build --repo " + data.resolve("repos")
                + ") lets the\n# extortion detector name what a ransom email's proof archive holds.\n"
                + "detectors:\n  control.remote-access-tool:\n    approved_tools: [ScreenConnect]\n"
                + "  extort.extortion-email:\n    inventory: " + inventory.toAbsolutePath() + "\n");
        w.println();
        w.println("2/4 Scanning it as a company's exports, scored as daily runs would have too (unravel scan " + data
                + " --config " + companyConfig + " --daily)...");
        Scan.Options options = Scan.Options.of(List.of(data)).withQuarantine(dir.resolve(name + "-quarantine.ndjson"))
                .withDetect(dev.unravel.engine.ScanConfigFile.load(companyConfig, List.of(), List.of()));
        Report report = ScanCommand.run(options, w, spec.commandLine().getErr(), false, true);
        ScanCommand.writeReports(report, json, html, w);
        // The demo's own embedded store, replaced with the demo folder, so each demo starts with no cases.
        Path storeDir = dir.resolve(name + "-store");
        for (String file : List.of("unravel.mv.db", "unravel.trace.db")) {
            java.nio.file.Files.deleteIfExists(storeDir.resolve(file)); // only what the embedded store writes
        }
        try (dev.unravel.store.Store store = dev.unravel.store.Store.open(storeDir.toString())) {
            ReportCases.save(store, report, dev.unravel.core.cases.CaseRules.defaults(), w);
        }
        w.println();
        Summary.print(report, w, top);

        w.println();
        w.println("3/4 Measuring the ranking against the ground truth (truth.json, which the scan never reads):");
        Evaluation.Metrics m = Evaluation.evaluate(Evaluation.readTruth(data.resolve("truth.json")), report);
        EvaluateCommand.print(m, w);
        dev.unravel.engine.report.ReportJson.mapper().writeValue(metrics.toFile(), m);
        w.println();
        Path triageJson = dir.resolve(name + "-triage.json");
        w.println("4/4 Triaging the mail the company received (unravel triage " + data.resolve("email")
                + " --inventory " + inventory + " --logs " + data + "):");
        dev.unravel.engine.triage.TriageRun.Result triage = dev.unravel.engine.triage.TriageRun.run(
                new dev.unravel.engine.triage.TriageRun.Options(List.of(data.resolve("email")), inventory,
                        List.of(data), null), dev.unravel.engine.triage.TriageRun.Progress.NONE);
        dev.unravel.engine.triage.TriageText.print(triage, w, false);
        dev.unravel.engine.triage.TriageJson.write(triage, triageJson);
        w.println();
        w.println("Open the HTML report: " + html.toUri());
        w.println("Work the cases: unravel cases list --store " + storeDir + ", or in the browser: unravel analysts "
                + "add NAME --store " + storeDir + ", then unravel serve --store " + storeDir);
        w.println("Files: " + json + ", " + metrics + ", " + triageJson + "; the simulated data is in " + data + ".");
        return 0;
    }
}
