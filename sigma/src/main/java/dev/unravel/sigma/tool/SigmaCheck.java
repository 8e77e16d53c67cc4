package dev.unravel.sigma.tool;

import dev.unravel.sigma.LoadReport;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.parse.SigmaError;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code unravel sigma check --rules PATH...}: loads rules and reports loaded/failed counts and
 * each failure's file, line and reason (with the specification clause).
 */
public final class SigmaCheck {
    private SigmaCheck() {
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
        if (warnings) {
            for (String w : r.warnings()) {
                out.println("WARN " + w);
            }
        }
        out.printf("%d files: %d rules, %d correlations, %d filters loaded; %d failed; %d warnings%n", r.files(),
                r.rules(), r.correlations(), r.filters(), r.failed(), r.warnings().size());
        out.flush();
        return r;
    }
}
