package dev.unravel.sigma.bench;

import dev.unravel.core.Event;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Matching time by logsource over the regression events: each logsource's events cycled on their
 * own (best of five rounds of at least 200,000 events), with their count and their share of a
 * pass. A diagnostic for engine work: process creation is most of it.
 *
 * <pre>java -Xmx3g -cp sigma/target/test-classes:cli/target/unravel.jar dev.unravel.sigma.bench.PerSource ../shared</pre>
 */
public final class PerSource {
    private PerSource() {
    }

    public static void main(String[] args) throws Exception {
        RuleSet set = RegressionCorpus.rules(Path.of(args[0]));
        Map<String, List<Event>> bySource = new TreeMap<>();
        for (Event e : RegressionCorpus.events(Path.of(args[0]))) {
            bySource.computeIfAbsent(String.valueOf(e.logSource()), k -> new ArrayList<>()).add(e);
        }
        SigmaSession session = set.newSession();
        long[] sink = new long[1];
        for (int round = 0; round < 3; round++) {
            for (Map.Entry<String, List<Event>> s : bySource.entrySet()) {
                Event[] events = s.getValue().toArray(Event[]::new);
                int reps = Math.max(1, 200_000 / events.length);
                double best = Double.MAX_VALUE;
                for (int k = 0; k < 5; k++) {
                    best = Math.min(best, RegressionCorpus.cycled(session, events, reps, sink));
                }
                if (round == 2) {
                    System.out.printf("%4d events  %5.2f µs each  %7.1f µs a pass  %s%n", events.length, best,
                            best * events.length, s.getKey());
                }
            }
        }
        System.out.println("(checksum " + sink[0] + ")");
    }
}
