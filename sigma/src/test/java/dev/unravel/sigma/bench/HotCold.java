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
        long sink = 0;
        int reps = 60;
        double n = (double) reps * events.length;
        for (int round = 0; round < 12; round++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < reps; k++) {
                for (Event e : events) {
                    sink += s.count(e);
                }
            }
            long t1 = System.nanoTime();
            for (Event e : events) {
                for (int k = 0; k < reps; k++) {
                    sink += s.count(e);
                }
            }
            long t2 = System.nanoTime();
            System.out.printf("cycled %.2f   each repeated %.2f   (µs per event)%n", (t1 - t0) / 1e3 / n,
                    (t2 - t1) / 1e3 / n);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
