package dev.unravel.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options every command that loads Sigma rules shares: which rules, through which pipelines. */
final class RuleOptions {

    @Option(names = "--rules", paramLabel = "PATH", required = true, arity = "1..*",
            description = "Rule files or folders (searched recursively, multi-document YAML included).")
    List<Path> rules;

    @Option(names = "--pipeline", paramLabel = "NAME|FILE",
            description = "Processing pipeline, built-in (evtx, winlogbeat, envelope) or a YAML file; repeatable. "
                    + "Default: evtx.")
    List<String> pipelines = new ArrayList<>();

    /** The rule paths, after checking that each exists. */
    List<Path> rules() {
        exists(rules, "--rules");
        return rules;
    }

    static void exists(List<Path> paths, String option) {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new IllegalArgumentException(option + " " + p + " does not exist");
            }
        }
    }
}
