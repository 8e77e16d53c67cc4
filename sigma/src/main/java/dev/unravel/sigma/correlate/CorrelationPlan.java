package dev.unravel.sigma.correlate;

import dev.unravel.sigma.compile.CompiledRule;
import dev.unravel.sigma.compile.FieldRegistry;
import dev.unravel.sigma.parse.CorrelationRule;
import dev.unravel.sigma.parse.SigmaError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Correlation rules resolved against the loaded rules: each referenced id or name bound to a
 * detection rule or to another correlation (chains), each group-by name bound — through the
 * correlation's aliases — to the field it reads in each source's events. Immutable; the state
 * lives in {@link CorrelationEngine}, one per session.
 *
 * <p>Detection rules referenced by a correlation stop reporting matches of their own unless the
 * correlation says {@code generate: true} (correlation §Generate); so do correlations that feed
 * another correlation.
 */
public final class CorrelationPlan {

    /**
     * One input of a correlation.
     *
     * @param correlation true when the input is another correlation's match
     * @param index       the rule index (detection rule) or correlation index
     * @param ref         the id or name as the correlation wrote it
     * @param groupSlots  for a detection rule: field slot of each group-by entry
     * @param groupKeys   for a correlation input: which group value of the inner match feeds each entry
     * @param valueSlots  for a detection rule: slots of the condition's field(s), or empty
     */
    public record Source(boolean correlation, int index, String ref, int[] groupSlots, String[] groupKeys,
            int[] valueSlots) {
    }

    /** A correlation rule with its sources bound. */
    public record Bound(CorrelationRule rule, int index, Source[] sources, boolean emits) {
    }

    private final List<Bound> bound;
    private final int[][] ruleListeners;
    private final int[][] correlationListeners;
    private final CorrelationLimits limits;

    private CorrelationPlan(List<Bound> bound, int[][] ruleListeners, int[][] correlationListeners,
            CorrelationLimits limits) {
        this.bound = List.copyOf(bound);
        this.ruleListeners = ruleListeners;
        this.correlationListeners = correlationListeners;
        this.limits = limits;
    }

    public int size() {
        return bound.size();
    }

    public List<Bound> correlations() {
        return bound;
    }

    public CorrelationLimits limits() {
        return limits;
    }

    /** Encoded (correlation index << 16 | source position) entries fed by a detection rule. */
    int[] listenersOfRule(int ruleIndex) {
        return ruleIndex < ruleListeners.length ? ruleListeners[ruleIndex] : null;
    }

    int[] listenersOfCorrelation(int corrIndex) {
        return correlationListeners[corrIndex];
    }

    public boolean feeds(int ruleIndex) {
        return ruleIndex < ruleListeners.length && ruleListeners[ruleIndex] != null;
    }

    /**
     * Binds correlations; a correlation that cannot be bound (unknown reference, cycle) is
     * reported in {@code errors} and left out.
     */
    public static CorrelationPlan build(List<CorrelationRule> rules, List<CompiledRule> compiled,
            FieldRegistry fields, CorrelationLimits limits, List<SigmaError> errors) {
        Map<String, Integer> ruleByRef = new HashMap<>();
        for (CompiledRule r : compiled) {
            if (r.rule().name() != null) {
                ruleByRef.putIfAbsent(r.rule().name(), r.index());
            }
            if (r.rule().id() != null) {
                ruleByRef.putIfAbsent(r.rule().id(), r.index());
            }
        }
        Map<String, Integer> corrByRef = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            CorrelationRule c = rules.get(i);
            if (c.name() != null) {
                corrByRef.putIfAbsent(c.name(), i);
            }
            if (c.id() != null) {
                corrByRef.putIfAbsent(c.id(), i);
            }
        }
        // Refuse unknown references and cycles before binding.
        boolean[] bad = new boolean[rules.size()];
        for (int i = 0; i < rules.size(); i++) {
            CorrelationRule c = rules.get(i);
            for (String ref : c.rules()) {
                if (!ruleByRef.containsKey(ref) && !corrByRef.containsKey(ref)) {
                    errors.add(new SigmaError(c.file(), c.line(), 0, "correlation '" + c.title()
                            + "' refers to '" + ref + "', which is no loaded rule id or name",
                            "correlation §Related rules"));
                    bad[i] = true;
                }
            }
        }
        for (int i = 0; i < rules.size(); i++) {
            if (!bad[i] && cyclic(i, rules, corrByRef, ruleByRef, new boolean[rules.size()])) {
                CorrelationRule c = rules.get(i);
                errors.add(new SigmaError(c.file(), c.line(), 0, "correlation '" + c.title()
                        + "' refers to itself through its chain", "correlation §Related rules"));
                bad[i] = true;
            }
        }
        // Bad propagates to correlations that use a bad one.
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int i = 0; i < rules.size(); i++) {
                if (bad[i]) {
                    continue;
                }
                for (String ref : rules.get(i).rules()) {
                    Integer ci = ruleByRef.containsKey(ref) ? null : corrByRef.get(ref);
                    if (ci != null && bad[ci]) {
                        bad[i] = true;
                        changed = true;
                        CorrelationRule c = rules.get(i);
                        errors.add(new SigmaError(c.file(), c.line(), 0, "correlation '" + c.title()
                                + "' refers to correlation '" + ref + "', which failed to load",
                                "correlation §Related rules"));
                    }
                }
            }
        }
        int[] newIndex = new int[rules.size()];
        int n = 0;
        for (int i = 0; i < rules.size(); i++) {
            newIndex[i] = bad[i] ? -1 : n++;
        }
        boolean[] corrFeeds = new boolean[n];
        List<List<Integer>> ruleL = new ArrayList<>();
        for (int i = 0; i < compiled.size(); i++) {
            ruleL.add(null);
        }
        List<List<Integer>> corrL = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            corrL.add(null);
        }
        List<Bound> out = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            if (bad[i]) {
                continue;
            }
            CorrelationRule c = rules.get(i);
            int ci = newIndex[i];
            Source[] sources = new Source[c.rules().size()];
            for (int p = 0; p < sources.length; p++) {
                String ref = c.rules().get(p);
                Integer ri = ruleByRef.get(ref);
                int[] slots = new int[c.groupBy().size()];
                String[] keys = new String[c.groupBy().size()];
                for (int g = 0; g < slots.length; g++) {
                    String name = c.groupBy().get(g);
                    Map<String, String> alias = c.aliases().get(name);
                    String field = alias != null && alias.containsKey(ref) ? alias.get(ref) : name;
                    if (ri != null) {
                        slots[g] = fields.slot(field);
                    }
                    keys[g] = field;
                }
                if (ri != null) {
                    int[] valueSlots = c.fields().stream().mapToInt(fields::slot).toArray();
                    sources[p] = new Source(false, ri, ref, slots, keys, valueSlots);
                    add(ruleL, ri, ci << 16 | p);
                    if (!c.generate()) {
                        compiled.get(ri).standalone(false);
                    }
                } else {
                    int inner = newIndex[corrByRef.get(ref)];
                    sources[p] = new Source(true, inner, ref, new int[0], keys, new int[0]);
                    add(corrL, inner, ci << 16 | p);
                    if (!c.generate()) {
                        corrFeeds[inner] = true;
                    }
                }
            }
            out.add(new Bound(c, ci, sources, true));
        }
        for (int i = 0; i < out.size(); i++) {
            if (corrFeeds[i]) {
                Bound b = out.get(i);
                out.set(i, new Bound(b.rule(), b.index(), b.sources(), false));
            }
        }
        return new CorrelationPlan(out, toArrays(ruleL), toArrays(corrL), limits);
    }

    private static boolean cyclic(int i, List<CorrelationRule> rules, Map<String, Integer> corrByRef,
            Map<String, Integer> ruleByRef, boolean[] onPath) {
        if (onPath[i]) {
            return true;
        }
        onPath[i] = true;
        for (String ref : rules.get(i).rules()) {
            if (ruleByRef.containsKey(ref)) {
                continue;
            }
            Integer ci = corrByRef.get(ref);
            if (ci != null && cyclic(ci, rules, corrByRef, ruleByRef, onPath)) {
                return true;
            }
        }
        onPath[i] = false;
        return false;
    }

    private static void add(List<List<Integer>> lists, int at, int value) {
        if (lists.get(at) == null) {
            lists.set(at, new ArrayList<>());
        }
        lists.get(at).add(value);
    }

    private static int[][] toArrays(List<List<Integer>> lists) {
        int[][] out = new int[lists.size()][];
        for (int i = 0; i < out.length; i++) {
            List<Integer> l = lists.get(i);
            out[i] = l == null ? null : l.stream().mapToInt(Integer::intValue).toArray();
        }
        return out;
    }
}
