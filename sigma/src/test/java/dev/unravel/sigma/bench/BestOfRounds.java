package dev.unravel.sigma.bench;

import dev.unravel.core.Event;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaSession;
import dev.unravel.sigma.match.Bucket;
import dev.unravel.sigma.match.EventContext;
import java.nio.file.Path;

/**
 * One phase of matching over the pre-parsed regression events, every SigmaHQ rule folder
 * loaded, timed in rounds of 50 passes for a fixed time; prints the best round in µs per event.
 * On a shared host the best round of two alternating builds repeats within a few per cent where
 * medians move by ten; a diagnostic, not a benchmark of record.
 *
 * <pre>java -Xmx3g -cp sigma/target/test-classes:cli/target/unravel.jar dev.unravel.sigma.bench.BestOfRounds \
 *     ../shared match 15      # or: scan (the prefilter alone), always (the always-evaluated rules alone)</pre>
 */
public final class BestOfRounds {
    private BestOfRounds() {
    }

    public static void main(String[] args) throws Exception {
        String phase = args.length > 1 ? args[1] : "match";
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 15;
        RuleSet set = RegressionCorpus.rules(Path.of(args[0]));
        Event[] events = RegressionCorpus.events(Path.of(args[0]));
        SigmaSession session = set.newSession();
        EventContext ctx = RegressionCorpus.context(set);
        long[] active = RegressionCorpus.activeBits(set);
        long sink = 0;
        double best = Double.MAX_VALUE;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long t0 = System.nanoTime();
            for (int k = 0; k < 50; k++) {
                for (Event e : events) {
                    sink += switch (phase) {
                        case "scan" -> scan(set, ctx, e, active);
                        case "always" -> always(set, ctx, e);
                        default -> session.count(e);
                    };
                }
            }
            best = Math.min(best, (System.nanoTime() - t0) / 1e3 / (50.0 * events.length));
        }
        System.out.printf("%s: best round %.2f µs per event (checksum %d)%n", phase, best, sink);
    }

    private static long scan(RuleSet set, EventContext ctx, Event e, long[] active) {
        ctx.reset(e);
        Bucket b = set.bucket(e.logSource());
        if (b.size() == 0) {
            return 0;
        }
        b.prefilter().scan(ctx, active);
        return active[0];
    }

    private static long always(RuleSet set, EventContext ctx, Event e) {
        ctx.reset(e);
        Bucket b = set.bucket(e.logSource());
        long n = 0;
        for (int w = 0; w < b.always().length; w++) {
            long x = b.always()[w];
            while (x != 0) {
                int local = (w << 6) + Long.numberOfTrailingZeros(x);
                x &= x - 1;
                if (b.passesGuards(local, ctx) && b.programs()[local].eval(ctx)) {
                    n++;
                }
            }
        }
        return n;
    }
}
