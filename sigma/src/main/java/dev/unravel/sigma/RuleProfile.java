package dev.unravel.sigma;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.sigma.compile.CompiledRule;
import dev.unravel.sigma.match.Bucket;
import dev.unravel.sigma.match.EventContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where matching time goes on given events, by logsource and by rule: what a detection engineer
 * asks when a rule set matches slowly, and where engine work starts.
 *
 * <p>The events are matched as a {@link SigmaSession} matches them (dispatch by logsource, the
 * prefilter's scan, each let-through rule's guards or gate, then its evaluation), cycled for the
 * given number of passes after one warm-up pass, with each event's scan and each let-through
 * rule timed on their own. A timed section costs a clock read (tens of nanoseconds, measured
 * first and subtracted) and runs a little out of step with the code around it, so the figures
 * rank rules and logsources well but add up to somewhat more than an untimed pass; {@code bench
 * sigma}'s throughput is the figure of record.
 */
public final class RuleProfile {
    private RuleProfile() {
    }

    /** Why a rule is looked at for an event of its logsource. */
    public enum Reason {
        /** No literal of four or more characters the prefilter could look for: every event. */
        EVERY_EVENT("no literal: every event"),
        /** No such literal, but a character its value must hold (its gate), checked per event. */
        GATED("no literal: gated"),
        /** The prefilter found the literal of its first clause in the event. */
        LITERALS("its literals found");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /**
     * One rule on the events of one logsource.
     *
     * @param considered times the rule was let through the prefilter (its guards or gate then checked)
     * @param evaluations times it was evaluated (guards or gate passed)
     * @param events     events of the logsource, over all passes
     * @param nanos      time spent on it: guards or gate and evaluation, timer cost subtracted
     * @param evalNanos  of which evaluation (so that a rule its gate spares is not charged per
     *                   evaluation for the checks of every event)
     */
    public record RuleCost(CompiledRule rule, LogSource logSource, Reason reason, long considered, long evaluations,
            long matches, long events, double nanos, double evalNanos) {
        /** Share of the logsource's events the rule was evaluated on. */
        public double evaluatedShare() {
            return events == 0 ? 0 : (double) evaluations / events;
        }
    }

    /** One logsource: its events over all passes and the time of their scans and of their rules. */
    public record SourceCost(LogSource logSource, int rules, long events, double scanNanos, double ruleNanos) {
        public double nanos() {
            return scanNanos + ruleNanos;
        }
    }

    /**
     * @param events     events matched in the recorded passes (those no rule applies to included)
     * @param timerNanos the cost of one timed section, subtracted from every figure
     * @param sources    logsources, costliest first
     * @param rules      every rule let through at least once, costliest first
     */
    public record Result(long events, double timerNanos, List<SourceCost> sources, List<RuleCost> rules) {
        /** Matching time of all events. */
        public double nanos() {
            return sources.stream().mapToDouble(SourceCost::nanos).sum();
        }

        public double scanNanos() {
            return sources.stream().mapToDouble(SourceCost::scanNanos).sum();
        }

        /** Of the rules' time, their evaluations; the rest is their guards and gates. */
        public double evalNanos() {
            return rules.stream().mapToDouble(RuleCost::evalNanos).sum();
        }
    }

    /** Per bucket: the figures of its rules, by bucket-local number. */
    private static final class Tally {
        final LogSource logSource;
        final long[] considered;
        final long[] evaluations;
        final long[] matches;
        final long[] nanos;
        final long[] evalNanos;
        long events;
        long scanNanos;

        Tally(LogSource logSource, int rules) {
            this.logSource = logSource;
            this.considered = new long[rules];
            this.evaluations = new long[rules];
            this.matches = new long[rules];
            this.nanos = new long[rules];
            this.evalNanos = new long[rules];
        }
    }

    /** Matches {@code events} {@code passes} times (after one warm-up pass) and says where the time went. */
    public static Result measure(RuleSet set, List<Event> events, int passes) {
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be at least 1, got " + passes);
        }
        EventContext ctx = new EventContext(set.paths(), set.literalCount());
        long[] active = new long[(set.maxBucketRules() + 63) / 64 + 1]; // as a session sizes it
        Map<Bucket, Tally> tallies = new IdentityHashMap<>();
        double timer = timerNanos();
        long recorded = 0;
        for (int pass = 0; pass <= passes; pass++) {
            boolean record = pass > 0; // the first pass warms up the compiler
            for (Event e : events) {
                recorded += record ? 1 : 0;
                ctx.reset(e);
                Bucket b = set.bucket(e.logSource());
                if (b.size() == 0) {
                    continue;
                }
                Tally t = tallies.computeIfAbsent(b, k -> new Tally(e.logSource(), k.size()));
                long[] always = b.always();
                System.arraycopy(always, 0, active, 0, always.length);
                long s = System.nanoTime();
                b.prefilter().scan(ctx, active);
                long scanned = System.nanoTime() - s;
                if (record) {
                    t.events++;
                    t.scanNanos += scanned;
                }
                for (int w = 0; w < always.length; w++) {
                    for (long bits = active[w]; bits != 0; bits &= bits - 1) {
                        int local = (w << 6) + Long.numberOfTrailingZeros(bits);
                        s = System.nanoTime();
                        boolean passed = b.passesGuards(local, ctx);
                        long checked = System.nanoTime();
                        boolean matched = passed && b.programs()[local].eval(ctx);
                        long done = System.nanoTime();
                        if (record) {
                            t.considered[local]++;
                            t.evaluations[local] += passed ? 1 : 0;
                            t.matches[local] += matched ? 1 : 0;
                            t.nanos[local] += done - s;
                            t.evalNanos[local] += passed ? done - checked : 0;
                        }
                    }
                }
            }
        }
        List<SourceCost> sources = new ArrayList<>();
        List<RuleCost> rules = new ArrayList<>();
        for (Map.Entry<Bucket, Tally> en : tallies.entrySet()) {
            Bucket b = en.getKey();
            Tally t = en.getValue();
            double ruleNanos = 0;
            for (int local = 0; local < b.size(); local++) {
                if (t.considered[local] == 0) {
                    continue;
                }
                // three clock reads: two sections' worth of timer cost for each rule let through
                double nanos = Math.max(0, t.nanos[local] - 2 * timer * t.considered[local]);
                double evalNanos = Math.max(0, t.evalNanos[local] - timer * t.evaluations[local]);
                ruleNanos += nanos;
                boolean always = (b.always()[local >>> 6] & (1L << local)) != 0;
                Reason why = !always ? Reason.LITERALS : b.gates()[local] != null ? Reason.GATED : Reason.EVERY_EVENT;
                rules.add(new RuleCost(set.rules().get(b.ruleIndex()[local]), t.logSource, why, t.considered[local],
                        t.evaluations[local], t.matches[local], t.events, nanos, evalNanos));
            }
            sources.add(new SourceCost(t.logSource, b.size(), t.events, Math.max(0, t.scanNanos - timer * t.events),
                    ruleNanos));
        }
        sources.sort(Comparator.comparingDouble(SourceCost::nanos).reversed());
        rules.sort(Comparator.comparingDouble(RuleCost::nanos).reversed());
        return new Result(recorded, timer, List.copyOf(sources), List.copyOf(rules));
    }

    /**
     * What timing adds to a section: the time two clock reads back to back report (the least
     * average of a few rounds).
     */
    static double timerNanos() {
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            int n = 20_000;
            long sum = 0;
            for (int i = 0; i < n; i++) {
                long s = System.nanoTime();
                sum += System.nanoTime() - s;
            }
            best = Math.min(best, (double) sum / n);
        }
        return best;
    }
}
