package dev.unravel.sigma.bench;

import dev.unravel.core.Event;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaSession;
import dev.unravel.sigma.match.EventContext;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

/**
 * How much of matching's cost is the size of the rule set rather than the work per event: the
 * session with every rule against one holding only the rules the prefilter ever lets through on
 * the regression events (the same rules are evaluated, with the same results; what shrinks is
 * the memory the rules, tables and code occupy). The difference bounds what a more compact layout
 * of the same engine could save. A diagnostic for engine work.
 *
 * <pre>java -Xmx3g -cp sigma/target/test-classes:cli/target/unravel.jar dev.unravel.sigma.bench.WorkingSet ../shared</pre>
 */
public final class WorkingSet {
    private WorkingSet() {
    }

    public static void main(String[] args) throws Exception {
        RuleSet all = RegressionCorpus.rules(Path.of(args[0]));
        Event[] events = RegressionCorpus.events(Path.of(args[0]));
        EventContext ctx = RegressionCorpus.context(all);
        long[] active = RegressionCorpus.activeBits(all);
        Set<Path> files = new TreeSet<>();
        for (Event e : events) {
            RegressionCorpus.letThrough(all, ctx, e, active,
                    (b, local) -> files.add(Path.of(all.rules().get(b.ruleIndex()[local]).rule().file())));
        }
        RuleSet few = RuleSet.builder().pipeline("evtx").paths(java.util.List.copyOf(files)).build();
        System.out.printf("rules: %d loaded, %d ever let through%n", all.rules().size(), few.rules().size());
        SigmaSession everyRule = all.newSession();
        SigmaSession fewRules = few.newSession();
        long[] sink = new long[1];
        for (int round = 0; round < 14; round++) {
            double everyUs = RegressionCorpus.cycled(everyRule, events, 60, sink);
            double fewUs = RegressionCorpus.cycled(fewRules, events, 60, sink);
            System.out.printf("every rule %.2f   only those let through %.2f   (µs per event; rules evaluated per "
                    + "event %.1f and %.1f)%n", everyUs, fewUs, (double) everyRule.evaluated() / everyRule.events(),
                    (double) fewRules.evaluated() / fewRules.events());
        }
        System.out.println("(checksum " + sink[0] + ")");
    }
}
