package dev.unravel.sigma.bench;

import dev.unravel.core.Event;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaSession;
import dev.unravel.sigma.match.Bucket;
import dev.unravel.sigma.match.EventContext;
import dev.unravel.sigma.tool.EventFiles;
import dev.unravel.sigma.tool.SigmaBench;
import dev.unravel.sigma.windows.EvtxJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What the timing diagnostics run on: every SigmaHQ rule folder, and the regression events parsed once. */
final class RegressionCorpus {
    private RegressionCorpus() {
    }

    /** The rules of {@code shared}/data/sigma, through the evtx pipeline. */
    static RuleSet rules(Path shared) {
        Path s = shared.resolve("data/sigma");
        return RuleSet.builder().pipeline("evtx").path(s.resolve("rules")).path(s.resolve("rules-emerging-threats"))
                .path(s.resolve("rules-threat-hunting")).path(s.resolve("rules-placeholder")).build();
    }

    /** Every record of the regression data, parsed. */
    static Event[] events(Path shared) throws IOException {
        List<Event> parsed = new ArrayList<>();
        for (Path f : EventFiles.expand(List.of(shared.resolve("data/sigma/regression_data")))) {
            for (byte[] r : SigmaBench.split(Files.readAllBytes(f))) {
                parsed.add(EvtxJson.parse(r, f.toString(), parsed.size() + 1));
            }
        }
        return parsed.toArray(Event[]::new);
    }

    /** A matching context for {@code set}, as a session makes one. */
    static EventContext context(RuleSet set) {
        return new EventContext(set.paths(), set.literalCount());
    }

    /** The bitset of rules the prefilter sets, big enough for any bucket of {@code set}. */
    static long[] activeBits(RuleSet set) {
        return new long[(set.rules().size() + 63) / 64 + 1];
    }

    /**
     * Resets {@code ctx} for {@code e} and calls {@code rule} with each bucket-local rule the
     * session would consider for it, as {@code SigmaSession} does: those always evaluated, then
     * those the prefilter activates, in bit order. Returns the bucket (null when the event's
     * logsource has no rules).
     */
    static Bucket letThrough(RuleSet set, EventContext ctx, Event e, long[] active, RuleVisitor rule) {
        ctx.reset(e);
        Bucket b = set.bucket(e.logSource());
        if (b.size() == 0) {
            return null;
        }
        java.util.Arrays.fill(active, 0);
        System.arraycopy(b.always(), 0, active, 0, b.always().length);
        b.prefilter().scan(ctx, active);
        for (int w = 0; w < b.always().length; w++) {
            for (long x = active[w]; x != 0; x &= x - 1) {
                rule.visit(b, (w << 6) + Long.numberOfTrailingZeros(x));
            }
        }
        return b;
    }

    /**
     * Microseconds per event of {@code reps} passes of {@code session} over {@code events} in
     * order (the corpus cycled, as the benchmark runs it); the matches are added to {@code sink[0]}.
     */
    static double cycled(SigmaSession session, Event[] events, int reps, long[] sink) {
        long t0 = System.nanoTime();
        long m = 0;
        for (int k = 0; k < reps; k++) {
            for (Event e : events) {
                m += session.count(e);
            }
        }
        sink[0] += m;
        return (System.nanoTime() - t0) / 1e3 / ((double) reps * events.length);
    }

    /** A rule of {@code bucket}, by its bucket-local number. */
    @FunctionalInterface
    interface RuleVisitor {
        void visit(Bucket bucket, int local);
    }
}
