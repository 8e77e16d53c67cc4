package dev.unravel.cli;

import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.Detector;
import dev.unravel.detect.Detectors;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code unravel detectors}: the built-in detectors, by id, for weights and settings files. */
@Command(name = "detectors",
        mixinStandardHelpOptions = true,
        description = {
            "Lists the built-in detectors with their ids (used in scoring weights, 'detectors:' settings and the "
                + "report) and what each finds.",
            ""},
        footer = {"", "Example:", "  unravel detectors"})
public final class DetectorsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        List<Detector> all = Detectors.builtIn(DetectConfig.DEFAULT);
        int width = all.stream().mapToInt(d -> d.id().length()).max().orElse(10);
        for (Detector d : all) {
            w.printf("  %-" + width + "s  %s%n", d.id(), d.description());
        }
        w.printf("%d detectors.%n", all.size());
        return 0;
    }
}
