package dev.unravel.cli;

import dev.unravel.core.Count;
import dev.unravel.engine.Scan;
import dev.unravel.ingest.Quarantine;
import dev.unravel.sigma.LoadReport;
import dev.unravel.sigma.tool.SigmaCheck;
import dev.unravel.sigma.tool.SigmaMatchCommand;
import dev.unravel.sigma.tool.SigmaTestCommand;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code unravel sigma}: load, lint, run and regression-test Sigma rules. */
@Command(name = "sigma", mixinStandardHelpOptions = true,
        description = {"Sigma rules: check that they load, match them against events, and run SigmaHQ-style "
                + "regression tests.", ""},
        subcommands = {SigmaCommand.Check.class, SigmaCommand.Match.class, SigmaCommand.Test.class})
public final class SigmaCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Loads rules (files or folders, multi-document YAML included) and prints each failure "
                    + "with file, line and reason, then the loaded and failed counts and how many rules the "
                    + "prefilter cannot skip. Exit code 1 when any rule failed to load.", ""},
            footer = {"", "Example:", "  unravel sigma check --rules ../shared/data/sigma/rules"})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RuleOptions rules;

        @Option(names = "--warnings", description = "Also print warnings (metadata that breaks a \"should\" of the "
                + "specification) and name each rule the prefilter cannot skip (SLOW: evaluated on every event of its "
                + "logsource).")
        boolean warnings;

        @Override
        public Integer call() {
            LoadReport r = SigmaCheck.run(rules.rules(), rules.pipelines, warnings, spec.commandLine().getOut());
            return r.failed() > 0 ? 1 : 0;
        }
    }

    @Command(name = "match", mixinStandardHelpOptions = true,
            description = {"Matches rules against event files in any format Unravel reads (recognised from their "
                    + "content) and writes one JSON line per match: the event's file and record, the rule id, "
                    + "title, level, tags and the matched fields. The files are read as scan reads them, side by "
                    + "side and merged by time (grouped by the day their names carry), the rules evaluated on the "
                    + "threads that read them, so correlations see one timeline and matches come out in time "
                    + "order. Unreadable records go to the quarantine file.",
                ""},
            footer = {"", "Example:",
                "  unravel sigma match --rules ../shared/data/sigma/rules --events sim-out/windows --out matches.ndjson"})
    static final class Match implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RuleOptions rules;

        @Option(names = "--events", paramLabel = "PATH", required = true, arity = "1..*",
                description = "Event files or folders (gzip and ZIP read in place).")
        List<Path> events;

        @Option(names = "--out", paramLabel = "FILE", required = true,
                description = "Where the matches go, one JSON line each ('-' for standard output).")
        Path out;

        @Option(names = "--quarantine", paramLabel = "FILE",
                description = "Where unreadable event records go. Default: ${DEFAULT-VALUE}.")
        Path quarantine = Path.of("unravel-quarantine.ndjson");

        @Option(names = "--reorder-window", paramLabel = "N", description = "Events held to restore time order "
                + "where a file is out of order (as in scan). Default: ${DEFAULT-VALUE}.")
        int reorderWindow = 10_000;

        @Override
        public Integer call() throws IOException {
            List<Path> ruleFiles = rules.rules();
            RuleOptions.exists(events, "--events");
            if (reorderWindow < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--reorder-window must be at least 1, got " + reorderWindow);
            }
            PrintWriter w = spec.commandLine().getOut();
            boolean stdout = out.toString().equals("-");
            try (Quarantine q = new Quarantine(quarantine);
                    OutputStream o = stdout ? OutputStream.nullOutputStream() : Files.newOutputStream(out)) {
                OutputStream target = stdout ? new java.io.FilterOutputStream(System.out) {
                    @Override
                    public void close() throws IOException {
                        flush(); // never close standard output
                    }
                } : o;
                List<String> notRead = new java.util.ArrayList<>();
                // Read as a scan reads: the files side by side, merged by time, so that a
                // correlation across files (Security.evtx and Sysmon.evtx) sees one timeline; the
                // rules are evaluated on the reader threads, as a scan's are.
                SigmaMatchCommand.Result r = SigmaMatchCommand.run(ruleFiles, rules.pipelines,
                        (SigmaMatchCommand.MatchingSource) (matcher, sink) -> Scan.read(events, reorderWindow, q,
                                matcher, sink, (file, why) -> notRead.add(file + ": " + why)),
                        target);
                target.flush();
                PrintWriter report = stdout ? spec.commandLine().getErr() : w;
                report.printf("%s loaded (%d failed); %s; %s%s%s%s%n",
                        Count.of(r.load().rules(), "rule", "rules"), r.load().failed(),
                        Count.of(r.events(), "event", "events"), Count.of(r.matches(), "match", "matches"),
                        stdout ? "" : " -> " + out,
                        q.count() == 0 ? "" : "; " + q.count() + " records quarantined (" + quarantine + ")",
                        notRead.isEmpty() ? "" : "; " + notRead.size() + " files not read (listed on standard error)");
                for (String u : notRead) {
                    spec.commandLine().getErr().println("not read: " + u);
                }
                report.flush();
            }
            return 0;
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true,
            description = {"Runs SigmaHQ-style regression tests: for each info.yml under the folder, the rule it "
                    + "names is matched against its evtx_dump JSON events and must match at least once, or at "
                    + "least match_count times when given (as SigmaHQ's own runner reads it). Prints PASS or FAIL "
                    + "per test; exit code 1 when any failed.", ""},
            footer = {"", "Example:", "  unravel sigma test --rules ../shared/data/sigma/rules "
                + "--regression ../shared/data/sigma/regression_data"})
    static final class Test implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        RuleOptions rules;

        @Option(names = "--regression", paramLabel = "DIR", required = true,
                description = "Folder of regression tests (info.yml beside the events).")
        Path regression;

        @Override
        public Integer call() throws IOException {
            List<Path> ruleFiles = rules.rules();
            RuleOptions.exists(List.of(regression), "--regression");
            SigmaTestCommand.Result r = SigmaTestCommand.run(ruleFiles, regression, rules.pipelines,
                    spec.commandLine().getOut());
            return r.failed() > 0 ? 1 : 0;
        }
    }
}
