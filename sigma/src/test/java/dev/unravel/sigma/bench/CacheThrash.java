package dev.unravel.sigma.bench;

import dev.unravel.core.Event;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaSession;
import dev.unravel.sigma.match.Bucket;
import dev.unravel.sigma.match.EventContext;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

/**
 * Which part of the cold cost {@link HotCold} measures is the data caches: each event matched 20
 * times (caches and branch history trained on it), then timed once warm and once after reading
 * {@code KIB} KiB of other memory, which evicts the data caches (64: L1; 1024: L2; 16384: most of
 * L3) but leaves branch history and most of the instruction cache alone. What cycling costs beyond
 * the thrashed figure is branch history and instruction cache. With {@code scan}, the prefilter
 * alone. A diagnostic for engine work.
 *
 * <pre>java -Xmx3g -cp sigma/target/test-classes:cli/target/unravel.jar dev.unravel.sigma.bench.CacheThrash \
 *     ../shared 1024 [scan]</pre>
 */
public final class CacheThrash {
    private CacheThrash() {
    }

    public static void main(String[] args) throws Exception {
        RuleSet set = RegressionCorpus.rules(Path.of(args[0]));
        Event[] events = RegressionCorpus.events(Path.of(args[0]));
        long[] other = new long[Integer.parseInt(args[1]) * 128];
        SigmaSession session = set.newSession();
        EventContext ctx = RegressionCorpus.context(set);
        long[] active = RegressionCorpus.activeBits(set);
        ToLongFunction<Event> work = args.length > 2 && args[2].equals("scan") ? e -> {
            ctx.reset(e);
            Bucket b = set.bucket(e.logSource());
            if (b.size() > 0) {
                b.prefilter().scan(ctx, active);
            }
            return active[0];
        } : session::count;
        long sink = 0;
        for (int round = 0; round < 8; round++) {
            long warm = 0;
            long thrashed = 0;
            for (Event e : events) {
                for (int k = 0; k < 20; k++) {
                    sink += work.applyAsLong(e);
                }
                long t0 = System.nanoTime();
                sink += work.applyAsLong(e);
                warm += System.nanoTime() - t0;
                for (int i = 0; i < other.length; i += 8) { // one read a cache line
                    sink += other[i]++;
                }
                t0 = System.nanoTime();
                sink += work.applyAsLong(e);
                thrashed += System.nanoTime() - t0;
            }
            long t0 = System.nanoTime();
            for (int k = 0; k < 20; k++) {
                for (Event e : events) {
                    sink += work.applyAsLong(e);
                }
            }
            double cycled = (System.nanoTime() - t0) / 1e3 / (20.0 * events.length);
            System.out.printf("warm %.2f   after %d KiB read %.2f   cycled %.2f   (µs per event; the first two with the timer)%n",
                    warm / 1e3 / events.length, other.length / 128, thrashed / 1e3 / events.length, cycled);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
