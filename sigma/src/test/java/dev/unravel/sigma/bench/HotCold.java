package dev.unravel.sigma.bench;

import dev.unravel.core.Event;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaSession;
import java.nio.file.Path;

/**
 * How much of matching is the cost of cold caches and branch history: the session over the
 * regression events cycled (as the benchmark runs them) against each event matched many times
 * back to back (its rules, tables and text stay in cache). A diagnostic for engine work.
 *
 * <pre>java -Xmx3g -cp sigma/target/test-classes:cli/target/unravel.jar dev.unravel.sigma.bench.HotCold ../shared</pre>
 */
public final class HotCold {
    private HotCold() {
    }

    public static void main(String[] args) throws Exception {
        RuleSet set = RegressionCorpus.rules(Path.of(args[0]));
        Event[] events = RegressionCorpus.events(Path.of(args[0]));
        SigmaSession s = set.newSession();
        long[] sink = new long[1];
        int reps = 60;
        for (int round = 0; round < 12; round++) {
            double cycled = RegressionCorpus.cycled(s, events, reps, sink);
            long t0 = System.nanoTime();
            for (Event e : events) {
                for (int k = 0; k < reps; k++) {
                    sink[0] += s.count(e);
                }
            }
            double repeated = (System.nanoTime() - t0) / 1e3 / ((double) reps * events.length);
            System.out.printf("cycled %.2f   each repeated %.2f   (µs per event)%n", cycled, repeated);
        }
        System.out.println("(checksum " + sink[0] + ")");
    }
}
