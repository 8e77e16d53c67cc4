package dev.unravel.cli;

import dev.unravel.core.Count;
import dev.unravel.detect.intel.IndicatorLists;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code unravel indicators}: the team's lists of the scheme's published indicators. */
@Command(name = "indicators", mixinStandardHelpOptions = true,
        description = {"The team's lists of the scheme's published indicators (CSV type,value,source,note or STIX 2.1 "
                + "bundles), which apply.published-indicator, access.published-indicator-ip and extort.extortion-email "
                + "compare against ('indicators:' in the configuration).", ""},
        subcommands = {IndicatorsCommand.Check.class})
public final class IndicatorsCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Reads indicator lists as a scan will and prints, for each, its indicators by type and "
                    + "every entry that cannot be read, with file and line (a scan skips those and uses the rest). "
                    + "Exit code 1 when an entry cannot be read, 2 when a list cannot be read at all.", ""},
            footer = {"", "Example:", "  unravel indicators check intel/fbi-psa-2025.csv intel/aa25-123a.json"})
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Indicator lists: .csv, or .json for a STIX "
                + "2.1 bundle.")
        List<Path> files = new ArrayList<>();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            long indicators = 0;
            long problems = 0;
            for (Path file : files) {
                IndicatorLists.Lists lists = IndicatorLists.read(List.of(file), null);
                Map<String, Integer> byType = new LinkedHashMap<>();
                for (String type : List.of("email", "domain", "phone", "address", "ip", "wallet")) {
                    byType.put(type, 0);
                }
                lists.indicators().forEach(i -> byType.merge(i.type(), 1, Integer::sum));
                List<String> kinds = new ArrayList<>();
                byType.forEach((type, n) -> {
                    if (n > 0) {
                        kinds.add(n + " " + type);
                    }
                });
                out.printf("%s: %s%s%s%n", file, Count.of(lists.indicators().size(), "indicator", "indicators"),
                        kinds.isEmpty() ? "" : " (" + String.join(", ", kinds) + ")", lists.problems().isEmpty() ? ""
                                : "; " + Count.of(lists.problems().size(), "entry", "entries") + " cannot be read:");
                for (IndicatorLists.Problem p : lists.problems()) {
                    out.println("  " + p.text());
                }
                indicators += lists.indicators().size();
                problems += lists.problems().size();
            }
            if (files.size() > 1) {
                out.printf("In all: %s from %d lists%s.%n", Count.of(indicators, "indicator", "indicators"),
                        files.size(), problems == 0 ? "" : "; " + Count.of(problems, "entry", "entries")
                                + " cannot be read (a scan skips them and uses the rest)");
            }
            return problems > 0 ? 1 : 0;
        }
    }
}
