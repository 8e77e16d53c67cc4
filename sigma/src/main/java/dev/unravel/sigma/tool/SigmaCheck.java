package dev.unravel.sigma.tool;

import dev.unravel.core.Count;
import dev.unravel.sigma.LoadReport;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.compile.CompiledRule;
import dev.unravel.sigma.match.Gate;
import dev.unravel.sigma.parse.SigmaError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code unravel sigma check --rules PATH...}: loads rules and reports loaded/failed counts and
 * each failure's file, line and reason (with the specification clause); with warnings, also the
 * rules the prefilter cannot skip (each evaluated on every event of its logsource).
 */
public final class SigmaCheck {
    private SigmaCheck() {
    }

    /** Where a rule the prefilter cannot skip is evaluated, and what gives the prefilter nothing. */
    static String noLiteral(CompiledRule c) {
        return "evaluated on every event of its logsource"
                + (Gate.of(c.root()) != null ? " that holds a character it needs" : "")
                + ": no literal every match needs has four or more characters (values shorter than that, "
                + "negations, regular expressions without such a literal, field references and comparisons give "
                + "the prefilter nothing to look for)";
    }

    /**
     * @param rules      rule files or directories
     * @param pipelines  built-in pipeline names or pipeline files, in order
     * @param warnings   also print warnings (metadata that breaks a "should")
     * @return the load report; the exit code should be non-zero when {@code report.failed() > 0}
     */
    public static LoadReport run(List<Path> rules, List<String> pipelines, boolean warnings, PrintWriter out) {
        RuleSet.Builder b = RuleSet.builder();
        pipelines.forEach(b::pipeline);
        RuleSet set = b.paths(rules).build();
        LoadReport r = set.report();
        for (SigmaError e : r.errors()) {
            out.println("FAIL " + e.getMessage());
        }
        List<CompiledRule> unfiltered = set.rules().stream().filter(c -> !set.prefiltered(c)).toList();
        if (warnings) {
            for (String w : r.warnings()) {
                out.println("WARN " + w);
            }
            for (CompiledRule c : unfiltered) {
                out.println("SLOW " + c.rule().file() + ":" + c.rule().line() + ": " + c.rule().title() + ": "
                        + noLiteral(c));
            }
        }
        out.printf("%s: %s, %s, %s loaded; %d failed; %s%n", Count.of(r.files(), "file", "files"),
                Count.of(r.rules(), "rule", "rules"), Count.of(r.correlations(), "correlation", "correlations"),
                Count.of(r.filters(), "filter", "filters"), r.failed(), Count.of(r.warnings().size(), "warning",
                        "warnings"));
        if (!unfiltered.isEmpty()) {
            out.printf("%s no literal of four or more characters (or integer) the prefilter can look for, "
                    + "so %s evaluated on every event of their logsource%s%n",
                    unfiltered.size() == 1 ? "1 rule has" : Count.of(unfiltered.size(), "rule", "rules") + " have",
                    unfiltered.size() == 1 ? "it is" : "they are",
                    warnings ? " (SLOW above)" : "; --warnings lists them");
        }
        out.flush();
        return r;
    }
}
