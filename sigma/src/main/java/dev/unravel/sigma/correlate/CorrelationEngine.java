package dev.unravel.sigma.correlate;

import dev.unravel.core.EventRef;
import dev.unravel.sigma.SigmaMatch;
import dev.unravel.sigma.match.EventContext;
import dev.unravel.sigma.match.FieldPath;
import dev.unravel.sigma.parse.CorrelationRule;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Correlation state for one session: sliding windows per correlation rule and group.
 *
 * <h2>Model</h2>
 * Each correlation keeps, per group-by key, the inputs of the last {@code timespan}: a window
 * that slides with the input times and is not cut at clock boundaries (correlation §Temporal
 * Proximity: "should not be restricted to boundaries"). An input at time t sees the inputs with
 * times in [t − timespan, t] — both edges inclusive. After each input the condition is evaluated
 * over the window; when it holds, the correlation matches, with the window's evidence, and the
 * group's window is cleared, so one burst gives one match and the next needs fresh inputs.
 * <ul>
 * <li>event_count: the number of inputs;</li>
 * <li>value_count: the number of distinct values of {@code field} (several fields: distinct
 *     tuples); inputs without the field are not counted as a value;</li>
 * <li>value_sum, value_avg: sum and mean of the numeric {@code field} (non-numeric inputs are
 *     skipped);</li>
 * <li>value_percentile: the share, in percent, of the group's window whose {@code field} equals
 *     this input's value — "this value is rarer than N%" reads as {@code lte: N};</li>
 * <li>temporal: the number of distinct referenced rules seen in the window (no condition: all of
 *     them);</li>
 * <li>temporal_ordered: the longest prefix of the referenced rules seen in order within the
 *     window (no condition: all of them). An input that matches several rules is offered to the
 *     later positions first, so one event cannot fill two steps.</li>
 * </ul>
 * Conditions are checked as inputs arrive, so {@code lt}/{@code lte} conditions hold from the
 * first input; that is the streaming reading of a condition on a sliding window.
 *
 * <h2>Invariants</h2>
 * Memory is bounded by {@link CorrelationLimits}: groups beyond {@code maxGroups} evict the least
 * recently used group, windows beyond {@code maxEntriesPerGroup} drop their oldest entry; both are
 * counted in {@link Stats}. Inputs are expected in time order per group; an input older than the
 * group's newest is windowed against its own time, and the group's entries never move backwards.
 */
public final class CorrelationEngine {
    private final CorrelationPlan plan;
    private final List<LinkedHashMap<String, Group>> state = new ArrayList<>();
    private final Stats stats = new Stats();

    /** Eviction and match counters; never reset by the engine. */
    public static final class Stats {
        public long groupsEvicted;
        public long entriesDropped;
        public long matches;
        public long inputs;

        @Override
        public String toString() {
            return "inputs=" + inputs + " matches=" + matches + " groupsEvicted=" + groupsEvicted
                    + " entriesDropped=" + entriesDropped;
        }
    }

    public CorrelationEngine(CorrelationPlan plan) {
        this.plan = plan;
        for (int i = 0; i < plan.size(); i++) {
            int max = plan.limits().maxGroups();
            state.add(new LinkedHashMap<>(16, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Group> eldest) {
                    if (size() > max) {
                        stats.groupsEvicted++;
                        return true;
                    }
                    return false;
                }
            });
        }
    }

    public Stats stats() {
        return stats;
    }

    /** Feeds a detection rule's match; correlation matches that result are appended to {@code out}. */
    public void onRuleMatch(int ruleIndex, EventContext ctx, List<SigmaMatch> out) {
        int[] listeners = plan.listenersOfRule(ruleIndex);
        if (listeners == null) {
            return;
        }
        Instant time = ctx.event().time();
        EventRef ref = ctx.event().origin();
        // Later positions first: one event cannot fill two steps of an ordered correlation.
        for (int k = listeners.length - 1; k >= 0; k--) {
            int ci = listeners[k] >>> 16;
            int pos = listeners[k] & 0xFFFF;
            CorrelationPlan.Bound b = plan.correlations().get(ci);
            CorrelationPlan.Source src = b.sources()[pos];
            String[] groupValues = new String[src.groupSlots().length];
            for (int g = 0; g < groupValues.length; g++) {
                String t = FieldPath.text(ctx.raw(src.groupSlots()[g]));
                groupValues[g] = t == null ? "" : t;
            }
            Object value = value(ctx, src.valueSlots());
            input(b, pos, groupValues, value, time, List.of(ref), out);
        }
    }

    private static Object value(EventContext ctx, int[] slots) {
        if (slots.length == 0) {
            return null;
        }
        if (slots.length == 1) {
            Object v = ctx.raw(slots[0]);
            return v == FieldPath.MISSING ? null : v;
        }
        StringBuilder b = new StringBuilder();
        for (int s : slots) {
            String t = FieldPath.text(ctx.raw(s));
            if (t == null) {
                return null;
            }
            b.append(t).append('\u001f');
        }
        return b.toString();
    }

    private void input(CorrelationPlan.Bound b, int pos, String[] groupValues, Object value, Instant time,
            List<EventRef> evidence, List<SigmaMatch> out) {
        stats.inputs++;
        CorrelationRule rule = b.rule();
        String key = String.join("\u001f", groupValues);
        LinkedHashMap<String, Group> groups = state.get(b.index());
        Group g = groups.get(key);
        if (g == null) {
            g = new Group(rule.type(), b.sources().length);
            groups.put(key, g);
        }
        long t = time.toEpochMilli();
        long span = rule.timespan().toMillis();
        CorrelationLimits limits = plan.limits();
        double measured = g.add(pos, t, span, value, limits, stats);
        g.addEvidence(evidence, limits.maxEvidence());
        double threshold = b.sources().length;
        boolean holds = rule.condition().isEmpty() ? measured >= threshold : holds(rule.condition(), measured);
        if (!holds) {
            return;
        }
        stats.matches++;
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < rule.groupBy().size(); i++) {
            fields.put(rule.groupBy().get(i), groupValues[i]);
        }
        fields.put(measureName(rule.type()), whole(measured));
        List<EventRef> ev = List.copyOf(g.evidence);
        groups.remove(key);
        if (b.emits()) {
            out.add(new SigmaMatch(SigmaMatch.Kind.CORRELATION, rule.key(), rule.title(), rule.level(), rule.tags(),
                    time, ev, fields));
        }
        int[] parents = plan.listenersOfCorrelation(b.index());
        if (parents != null) {
            for (int k = parents.length - 1; k >= 0; k--) {
                CorrelationPlan.Bound pb = plan.correlations().get(parents[k] >>> 16);
                int ppos = parents[k] & 0xFFFF;
                CorrelationPlan.Source src = pb.sources()[ppos];
                String[] pv = new String[src.groupKeys().length];
                for (int i = 0; i < pv.length; i++) {
                    Object v = fields.get(src.groupKeys()[i]);
                    pv[i] = v == null ? "" : v.toString();
                }
                input(pb, ppos, pv, null, time, ev, out);
            }
        }
    }

    private static Object whole(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }

    private static String measureName(CorrelationRule.Type t) {
        return switch (t) {
            case EVENT_COUNT -> "count";
            case VALUE_COUNT -> "distinct";
            case VALUE_SUM -> "sum";
            case VALUE_AVG -> "avg";
            case VALUE_PERCENTILE -> "percent";
            case TEMPORAL, TEMPORAL_ORDERED -> "rules";
        };
    }

    static boolean holds(Map<String, Double> cond, double v) {
        for (Map.Entry<String, Double> e : cond.entrySet()) {
            double x = e.getValue();
            boolean ok = switch (e.getKey()) {
                case "gt" -> v > x;
                case "gte" -> v >= x;
                case "lt" -> v < x;
                case "lte" -> v <= x;
                case "eq" -> v == x;
                default -> v != x;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** One group's window. */
    static final class Group {
        final CorrelationRule.Type type;
        final ArrayDeque<long[]> times = new ArrayDeque<>();     // event_count: {t}
        final ArrayDeque<Object[]> entries = new ArrayDeque<>(); // value types: {t, value}
        final HashMap<String, Integer> counts = new HashMap<>();
        double sum;
        int numeric;
        final long[] lastSeen;   // temporal: per source
        final long[] chainStart; // temporal_ordered: chain covering sources 0..p starts here
        long newest = Long.MIN_VALUE;
        final ArrayDeque<EventRef> evidence = new ArrayDeque<>();

        Group(CorrelationRule.Type type, int sources) {
            this.type = type;
            this.lastSeen = new long[sources];
            this.chainStart = new long[sources];
            java.util.Arrays.fill(lastSeen, Long.MIN_VALUE);
            java.util.Arrays.fill(chainStart, Long.MIN_VALUE);
        }

        void addEvidence(List<EventRef> refs, int max) {
            for (EventRef r : refs) {
                if (r == null) {
                    continue;
                }
                evidence.addLast(r);
                while (evidence.size() > max) {
                    evidence.removeFirst();
                }
            }
        }

        /** Adds one input and returns the measure the condition compares. */
        double add(int pos, long t, long span, Object value, CorrelationLimits limits, Stats stats) {
            newest = Math.max(newest, t);
            long from = t - span;
            switch (type) {
                case EVENT_COUNT -> {
                    while (!times.isEmpty() && times.peekFirst()[0] < from) {
                        times.removeFirst();
                    }
                    times.addLast(new long[] {t});
                    if (times.size() > limits.maxEntriesPerGroup()) {
                        times.removeFirst();
                        stats.entriesDropped++;
                    }
                    int c = 0;
                    for (long[] x : times) {
                        if (x[0] >= from && x[0] <= t) {
                            c++;
                        }
                    }
                    return c;
                }
                case VALUE_COUNT, VALUE_PERCENTILE -> {
                    expire(from);
                    String v = value == null ? null : FieldPath.text(value);
                    if (v != null) {
                        entries.addLast(new Object[] {t, v});
                        counts.merge(v, 1, Integer::sum);
                        trim(limits, stats);
                    }
                    if (type == CorrelationRule.Type.VALUE_COUNT) {
                        return counts.size();
                    }
                    if (v == null || entries.isEmpty()) {
                        return Double.NaN;
                    }
                    return 100.0 * counts.getOrDefault(v, 0) / entries.size();
                }
                case VALUE_SUM, VALUE_AVG -> {
                    expire(from);
                    double d = number(value);
                    if (!Double.isNaN(d)) {
                        entries.addLast(new Object[] {t, d});
                        sum += d;
                        numeric++;
                        trim(limits, stats);
                    }
                    if (type == CorrelationRule.Type.VALUE_SUM) {
                        return sum;
                    }
                    return numeric == 0 ? Double.NaN : sum / numeric;
                }
                case TEMPORAL -> {
                    lastSeen[pos] = Math.max(lastSeen[pos], t);
                    int c = 0;
                    for (long s : lastSeen) {
                        if (s != Long.MIN_VALUE && s >= from) {
                            c++;
                        }
                    }
                    return c;
                }
                default -> { // TEMPORAL_ORDERED
                    if (pos == 0) {
                        chainStart[0] = Math.max(chainStart[0], t);
                    } else if (chainStart[pos - 1] != Long.MIN_VALUE && chainStart[pos - 1] >= from
                            && chainStart[pos - 1] <= t) {
                        chainStart[pos] = Math.max(chainStart[pos], chainStart[pos - 1]);
                    }
                    int longest = 0;
                    for (int p = 0; p < chainStart.length; p++) {
                        if (chainStart[p] != Long.MIN_VALUE && chainStart[p] >= from) {
                            longest = p + 1;
                        } else {
                            break;
                        }
                    }
                    return longest;
                }
            }
        }

        private void expire(long from) {
            Iterator<Object[]> it = entries.iterator();
            while (it.hasNext()) {
                Object[] e = it.next();
                if ((long) e[0] >= from) {
                    break;
                }
                it.remove();
                forget(e);
            }
        }

        private void trim(CorrelationLimits limits, Stats stats) {
            while (entries.size() > limits.maxEntriesPerGroup()) {
                forget(entries.removeFirst());
                stats.entriesDropped++;
            }
        }

        private void forget(Object[] e) {
            if (e[1] instanceof String s) {
                counts.computeIfPresent(s, (k, c) -> c == 1 ? null : c - 1);
            } else if (e[1] instanceof Double d) {
                sum -= d;
                numeric--;
            }
        }

        private static double number(Object v) {
            if (v instanceof Number n) {
                return n.doubleValue();
            }
            if (v instanceof String s) {
                try {
                    return Double.parseDouble(s.trim());
                } catch (NumberFormatException e) {
                    return Double.NaN;
                }
            }
            return Double.NaN;
        }
    }
}
