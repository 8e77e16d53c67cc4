package dev.unravel.sigma;

import dev.unravel.core.Event;
import dev.unravel.sigma.compile.CompiledRule;
import dev.unravel.sigma.correlate.CorrelationEngine;
import dev.unravel.sigma.match.Bucket;
import dev.unravel.sigma.match.EventContext;
import dev.unravel.sigma.match.Node;
import dev.unravel.sigma.parse.SigmaRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Matches events against a {@link RuleSet} on one thread.
 *
 * <p>Per event: the event's logsource picks a bucket (the rules that apply to it); the bucket's
 * prefilter marks the rules whose required literals occur, next to the rules that have none; only
 * those are evaluated. Field values are resolved and lower-cased at most once per event in the
 * {@link EventContext}. The hot path ({@link #count}) allocates nothing per rule; {@link #process}
 * allocates only for matches (the explanation of which fields matched is built then).
 *
 * <p>Not thread-safe: use one session per thread. Correlation state lives in the session.
 */
public final class SigmaSession {
    private final RuleSet rules;
    private final EventContext ctx;
    private final CorrelationEngine correlations;
    private long[] active;
    // The bucket of the last logsource seen: consecutive events mostly share one logsource object
    // (readers reuse them), so the common case is one identity check, no record hashCode/equals.
    private dev.unravel.core.LogSource lastSource;
    private Bucket lastBucket;
    private long evaluated;
    private long events;

    SigmaSession(RuleSet rules) {
        this.rules = rules;
        this.ctx = new EventContext(rules.paths(), rules.literalCount());
        this.correlations = new CorrelationEngine(rules.correlations());
        this.active = new long[(rules.maxBucketRules() + 63) / 64 + 1];
    }

    /** Every finding this event produces: detection rule matches, then correlation matches. */
    public List<SigmaMatch> process(Event event) {
        List<SigmaMatch> out = new ArrayList<>(0);
        run(event, out);
        return out;
    }

    /** Number of detection rules that match (correlations are fed but not returned). */
    public int count(Event event) {
        return run(event, null, null);
    }

    /**
     * Calls {@code sink} with every detection rule that matches, including rules that only feed
     * correlations (regression tests and explanations want those too).
     */
    public void matchingRules(Event event, java.util.function.Consumer<CompiledRule> sink) {
        run(event, null, sink);
    }

    private int run(Event event, List<SigmaMatch> out) {
        return run(event, out, null);
    }

    private int run(Event event, List<SigmaMatch> out, java.util.function.Consumer<CompiledRule> sink) {
        events++;
        ctx.reset(event);
        dev.unravel.core.LogSource ls = event.logSource();
        Bucket b;
        if (ls == lastSource && ls != null) {
            b = lastBucket;
        } else {
            b = rules.bucket(ls);
            lastSource = ls;
            lastBucket = b;
        }
        int n = b.size();
        if (n == 0) {
            return 0;
        }
        long[] always = b.always();
        long[] act = active;
        System.arraycopy(always, 0, act, 0, always.length);
        b.prefilter().scan(ctx, act);
        Node[] programs = b.programs();
        int[] index = b.ruleIndex();
        int matched = 0;
        List<SigmaMatch> corrOut = null;
        for (int w = 0; w < always.length; w++) {
            long bits = act[w];
            while (bits != 0) {
                int local = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (!b.passesGuards(local, ctx)) {
                    continue;
                }
                evaluated++;
                if (!programs[local].eval(ctx)) {
                    continue;
                }
                matched++;
                CompiledRule r = rules.rules().get(index[local]);
                if (sink != null) {
                    sink.accept(r);
                }
                if (out != null && r.standalone()) {
                    out.add(match(r, programs[local]));
                }
                if (rules.correlations().feeds(r.index())) {
                    if (corrOut == null) {
                        corrOut = new ArrayList<>(0);
                    }
                    correlations.onRuleMatch(r.index(), ctx, corrOut);
                }
            }
        }
        if (out != null && corrOut != null) {
            out.addAll(corrOut);
        }
        return matched;
    }

    private SigmaMatch match(CompiledRule r, Node program) {
        Map<String, Object> fields = new LinkedHashMap<>();
        program.explain(ctx, fields);
        SigmaRule rule = r.rule();
        Event e = ctx.event();
        return new SigmaMatch(SigmaMatch.Kind.RULE, rule.key(), rule.title(), rule.level(), rule.tags(), e.time(),
                e.origin() == null ? List.of() : List.of(e.origin()), fields);
    }

    /** Rules evaluated so far (after the prefilter); divided by events, the prefilter's pass rate. */
    public long evaluated() {
        return evaluated;
    }

    public long events() {
        return events;
    }

    public CorrelationEngine.Stats correlationStats() {
        return correlations.stats();
    }
}
