package dev.unravel.sigma.bench;

import dev.unravel.core.Event;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.match.EventContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which rules the session evaluates and what each costs, over the regression events: per event,
 * the rules set by dispatch and by the prefilter, those the guards and gates stop, those
 * evaluated and matched; then the warm cost of each evaluation (best of 5 × 20 repeats, the
 * event's values already resolved and lower-cased), by kind (always evaluated or activated;
 * matched or not) and for the 45 costliest rules. Warm costs leave out cache misses, which
 * {@link HotCold} measures. A diagnostic for engine work.
 *
 * <pre>java -Xmx3g -cp sigma/target/test-classes:cli/target/unravel.jar dev.unravel.sigma.bench.RuleCosts ../shared</pre>
 */
public final class RuleCosts {
    private RuleCosts() {
    }

    public static void main(String[] args) throws Exception {
        RuleSet set = RegressionCorpus.rules(Path.of(args[0]));
        Event[] events = RegressionCorpus.events(Path.of(args[0]));
        EventContext ctx = RegressionCorpus.context(set);
        long[] active = RegressionCorpus.activeBits(set);
        Map<String, double[]> perRule = new HashMap<>();
        String[] kinds = {"always, matched", "always, not matched", "activated, matched", "activated, not matched"};
        double[] kindNs = new double[4];
        int[] kindCount = new int[4];
        long[] counts = new long[6]; // always, activated, stopped by guards, stopped by gates, evaluated, matched
        long[] sink = new long[1];
        for (int round = 0; round < 12; round++) {
            boolean record = round == 11; // the first rounds warm up the JIT
            for (Event e : events) {
                RegressionCorpus.letThrough(set, ctx, e, active, (b, local) -> {
                    boolean always = (b.always()[local >>> 6] & (1L << local)) != 0;
                    boolean passes = b.passesGuards(local, ctx);
                    boolean matched = passes && b.programs()[local].eval(ctx);
                    if (record) {
                        counts[always ? 0 : 1]++;
                        if (!passes) {
                            counts[b.guards()[local] != null ? 2 : 3]++;
                        } else {
                            counts[4]++;
                            counts[5] += matched ? 1 : 0;
                        }
                    }
                    if (!passes) {
                        return;
                    }
                    long best = Long.MAX_VALUE;
                    for (int t = 0; t < 5; t++) {
                        long t0 = System.nanoTime();
                        for (int k = 0; k < 20; k++) {
                            sink[0] += b.programs()[local].eval(ctx) ? 1 : 0;
                        }
                        best = Math.min(best, System.nanoTime() - t0);
                    }
                    if (record) {
                        double ns = best / 20.0;
                        int kind = (always ? 0 : 2) + (matched ? 0 : 1);
                        kindNs[kind] += ns;
                        kindCount[kind]++;
                        String title = set.rules().get(b.ruleIndex()[local]).rule().title() + (always ? " [always]" : "");
                        double[] a = perRule.computeIfAbsent(title, k -> new double[3]);
                        a[0] += ns;
                        a[1]++;
                        a[2] += matched ? 1 : 0;
                    }
                });
            }
        }
        double n = events.length;
        System.out.printf("per event: always %.1f, activated %.1f, stopped by guards %.1f, by gates %.1f, "
                + "evaluated %.1f, matched %.2f%n", counts[0] / n, counts[1] / n, counts[2] / n, counts[3] / n,
                counts[4] / n, counts[5] / n);
        for (int i = 0; i < 4; i++) {
            System.out.printf("%-24s %7.3f µs per event (%d evaluations, %.0f ns each)%n", kinds[i], kindNs[i] / 1e3 / n,
                    kindCount[i], kindNs[i] / Math.max(1, kindCount[i]));
        }
        List<Map.Entry<String, double[]>> rules = new ArrayList<>(perRule.entrySet());
        rules.sort((x, y) -> Double.compare(y.getValue()[0], x.getValue()[0]));
        for (Map.Entry<String, double[]> r : rules.subList(0, Math.min(45, rules.size()))) {
            double[] a = r.getValue();
            System.out.printf("%7.3f µs per event %5.0f evaluations %4.0f matched %6.0f ns each  %s%n", a[0] / 1e3 / n,
                    a[1], a[2], a[0] / a[1], r.getKey());
        }
        System.out.println("(checksum " + sink[0] + ")");
    }
}
