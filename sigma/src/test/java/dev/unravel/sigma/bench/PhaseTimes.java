package dev.unravel.sigma.bench;

import dev.unravel.core.Event;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaSession;
import dev.unravel.sigma.match.Bucket;
import dev.unravel.sigma.match.EventContext;
import java.nio.file.Path;

/**
 * Where matching time goes, on pre-parsed regression events with every SigmaHQ rule folder
 * loaded: the prefilter scan alone, the whole session, the scan plus the rules it activates, and
 * the always-evaluated rules alone (each in microseconds per event, 15 rounds). A diagnostic for
 * engine work, not a benchmark of record ({@link SigmaThroughputBenchmark} and
 * {@code unravel bench sigma} are).
 *
 * <pre>java -Xmx3g -cp sigma/target/test-classes:cli/target/unravel.jar dev.unravel.sigma.bench.PhaseTimes ../shared</pre>
 */
public final class PhaseTimes {
    private PhaseTimes() {
    }

    public static void main(String[] args) throws Exception {
        RuleSet set = RegressionCorpus.rules(Path.of(args[0]));
        Event[] events = RegressionCorpus.events(Path.of(args[0]));
        EventContext ctx = RegressionCorpus.context(set);
        SigmaSession session = set.newSession();
        long[] active = RegressionCorpus.activeBits(set);
        long sink = 0;
        int reps = 100;
        double n = (double) reps * events.length;
        for (int round = 0; round < 15; round++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < reps; k++) {
                for (Event e : events) {
                    sink += scan(set, ctx, e, active);
                }
            }
            long t1 = System.nanoTime();
            for (int k = 0; k < reps; k++) {
                for (Event e : events) {
                    sink += session.count(e);
                }
            }
            long t2 = System.nanoTime();
            for (int k = 0; k < reps; k++) {
                for (Event e : events) {
                    Bucket b = set.bucket(e.logSource());
                    if (scan(set, ctx, e, active) < 0) {
                        continue;
                    }
                    for (int w = 0; w < b.always().length; w++) {
                        long x = active[w] & ~b.always()[w];
                        while (x != 0) {
                            int local = (w << 6) + Long.numberOfTrailingZeros(x);
                            x &= x - 1;
                            if (b.passesGuards(local, ctx) && b.programs()[local].eval(ctx)) {
                                sink++;
                            }
                        }
                    }
                }
            }
            long t3 = System.nanoTime();
            for (int k = 0; k < reps; k++) {
                for (Event e : events) {
                    ctx.reset(e);
                    Bucket b = set.bucket(e.logSource());
                    for (int w = 0; w < b.always().length; w++) {
                        long x = b.always()[w];
                        while (x != 0) {
                            int local = (w << 6) + Long.numberOfTrailingZeros(x);
                            x &= x - 1;
                            if (b.programs()[local].eval(ctx)) {
                                sink++;
                            }
                        }
                    }
                }
            }
            long t4 = System.nanoTime();
            System.out.printf("scan %.2f   whole session %.2f   scan + activated rules %.2f   always-evaluated rules %.2f"
                    + "   (µs per event)%n", (t1 - t0) / 1e3 / n, (t2 - t1) / 1e3 / n, (t3 - t2) / 1e3 / n,
                    (t4 - t3) / 1e3 / n);
        }
        System.out.println("(checksum " + sink + ")");
    }

    /** Resets the context and runs the bucket's prefilter; −1 for a logsource without rules. */
    private static int scan(RuleSet set, EventContext ctx, Event e, long[] active) {
        ctx.reset(e);
        Bucket b = set.bucket(e.logSource());
        if (b.size() == 0) {
            return -1;
        }
        java.util.Arrays.fill(active, 0);
        b.prefilter().scan(ctx, active);
        return (int) (active[0] & 1);
    }
}
