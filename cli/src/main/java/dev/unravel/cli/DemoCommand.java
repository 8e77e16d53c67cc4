package dev.unravel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code unravel demo}: the main job on the embedded default. Today it simulates a small company,
 * shows what was hidden in it and reads it back through ingest; as the scan pipeline lands, the
 * demo scans what it simulated.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs Unravel end to end on a simulated company: simulates 200 workers over 30 days with 5 "
                + "fraudulent remote workers into the demo folder (replacing it), shows what was simulated and the "
                + "ground truth the detectors are measured against, then reads everything back through the ingest "
                + "readers.",
            ""},
        footer = {"", "Example:", "  unravel demo --out demo-out"})
public final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", description = "Demo folder (replaced). Default: ${DEFAULT-VALUE}.")
    Path out = Path.of("demo-out");

    @Option(names = "--seed", paramLabel = "S", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed = SimConfig.DEFAULT_SEED;

    @Override
    public Integer call() throws IOException {
        PrintWriter w = spec.commandLine().getOut();
        SimConfig config = new SimConfig(SimConfig.DEFAULT_EMPLOYEES, SimConfig.DEFAULT_DAYS, seed,
                SimConfig.DEFAULT_FRAUD, SimConfig.DEFAULT_START, out, true);
        Simulator.Result result = SimulateCommand.run(config, w, false);
        SimulateCommand.summary(w, result);
        JsonNode truth = new ObjectMapper().readTree(result.out().resolve("truth.json").toFile());
        w.println();
        w.println("Hidden in the simulated company (from truth.json):");
        for (JsonNode f : truth.path("fraudulent_workers")) {
            w.printf("  %s %-22s %s%n", f.path("employee_id").asText(), f.path("name").asText(),
                    f.path("description").asText());
            for (JsonNode s : f.path("steps")) {
                w.printf("      %-22s %s  (%s)%n", s.path("step").asText(), s.path("time").asText(),
                        s.path("source").asText());
            }
        }
        w.println();
        w.println("Benign look-alikes injected (a detector must not fire on these):");
        for (JsonNode n : truth.path("noise")) {
            w.printf("  %-22s %4d workers  %s%n", n.path("behaviour").asText(), n.path("workers").size(),
                    n.path("description").asText());
        }
        w.println();
        w.println("Reading it all back with the ingest readers (formats recognised from content):");
        java.util.Map<String, long[]> bySource = new java.util.TreeMap<>();
        long t0 = System.nanoTime();
        java.util.List<dev.unravel.ingest.FileSummary> files;
        try (dev.unravel.ingest.Quarantine q = new dev.unravel.ingest.Quarantine(result.out().resolveSibling(
                result.out().getFileName() + "-quarantine.ndjson"))) {
            files = new dev.unravel.ingest.Ingest(null, dev.unravel.ingest.read.Limits.DEFAULT, q,
                    e -> bySource.computeIfAbsent(e.source(), k -> new long[1])[0]++, 3).run(java.util.List.of(result.out()));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long records = files.stream().mapToLong(dev.unravel.ingest.FileSummary::records).sum();
        long quarantined = files.stream().mapToLong(dev.unravel.ingest.FileSummary::quarantined).sum();
        long unknown = files.stream().filter(f -> f.format().equals("unknown")).count();
        bySource.forEach((source, n) -> w.printf("  %-11s %,10d events%n", source, n[0]));
        w.printf("  %,d files, %,d records, %,d quarantined, %d unrecognised, in %.1f s%n", files.size(), records,
                quarantined, unknown, seconds);
        w.println();
        w.println("Next: detectors, scoring and cases (the engine) turn these events into ranked, explained workers.");
        return 0;
    }
}
