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
    /** The positions of the rules that matched the last event evaluated: {@code hits[0 .. found)}. */
    private int[] hits = new int[16];
    private int found;
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

    /**
     * The rules that match {@code event}, as positions in its logsource's bucket in evaluation
     * order; null when none does. Nothing else happens: no explanation is built and correlations
     * are not fed. A scan calls this on its reader threads, one session each, and hands the result
     * to {@link #replay} on the thread that sees events in time order and keeps the correlations.
     */
    public int[] matches(Event event) {
        evaluate(event);
        return found == 0 ? null : java.util.Arrays.copyOf(hits, found);
    }

    /**
     * What {@link #process} returns for {@code event}, given {@link #matches} of it from any
     * session of the same rule set: the matches are explained and the correlations fed here, in
     * this session, without evaluating the rules again.
     */
    public List<SigmaMatch> replay(Event event, int[] matches) {
        if (matches == null) {
            return new ArrayList<>(0);
        }
        ctx.reset(event);
        Bucket b = bucketOf(event.logSource());
        List<SigmaMatch> out = new ArrayList<>(matches.length);
        List<SigmaMatch> corrOut = null;
        for (int local : matches) {
            corrOut = matched(b, local, null, out, corrOut);
        }
        if (corrOut != null) {
            out.addAll(corrOut);
        }
        return out;
    }

    private Bucket bucketOf(dev.unravel.core.LogSource ls) {
        if (ls == lastSource && ls != null) {
            return lastBucket;
        }
        Bucket b = rules.bucket(ls);
        lastSource = ls;
        lastBucket = b;
        return b;
    }

    /** One matching rule: told to {@code sink}, explained into {@code out}, fed to correlations; returns corrOut. */
    private List<SigmaMatch> matched(Bucket b, int local, java.util.function.Consumer<CompiledRule> sink,
            List<SigmaMatch> out, List<SigmaMatch> corrOut) {
        CompiledRule r = rules.rules().get(b.ruleIndex()[local]);
        if (sink != null) {
            sink.accept(r);
        }
        if (out != null && r.standalone()) {
            out.add(match(r, b.programs()[local]));
        }
        if (rules.correlations().feeds(r.index())) {
            if (corrOut == null) {
                corrOut = new ArrayList<>(0);
            }
            correlations.onRuleMatch(r.index(), ctx, corrOut);
        }
        return corrOut;
    }

    private int run(Event event, List<SigmaMatch> out) {
        return run(event, out, null);
    }

    private int run(Event event, List<SigmaMatch> out, java.util.function.Consumer<CompiledRule> sink) {
        Bucket b = evaluate(event);
        List<SigmaMatch> corrOut = null;
        for (int i = 0; i < found; i++) {
            corrOut = matched(b, hits[i], sink, out, corrOut);
        }
        if (out != null && corrOut != null) {
            out.addAll(corrOut);
        }
        return found;
    }

    /**
     * Evaluates the rules of {@code event}'s bucket that the prefilter lets through; leaves the
     * matching ones' positions, in evaluation order, in {@code hits[0 .. found)}.
     */
    private Bucket evaluate(Event event) {
        events++;
        found = 0;
        ctx.reset(event);
        Bucket b = bucketOf(event.logSource());
        if (b.size() == 0) {
            return b;
        }
        long[] always = b.always();
        long[] act = active;
        System.arraycopy(always, 0, act, 0, always.length);
        b.prefilter().scan(ctx, act);
        Node[] programs = b.programs();
        for (int w = 0; w < always.length; w++) {
            long bits = act[w];
            while (bits != 0) {
                int local = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                if (!b.passesGuards(local, ctx)) {
                    continue;
                }
                evaluated++;
                if (programs[local].eval(ctx)) {
                    if (found == hits.length) {
                        hits = java.util.Arrays.copyOf(hits, 2 * found);
                    }
                    hits[found++] = local;
                }
            }
        }
        return b;
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
