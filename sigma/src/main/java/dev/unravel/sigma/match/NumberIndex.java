package dev.unravel.sigma.match;

import java.util.List;
import java.util.Map;

/**
 * The prefilter's requirements of the form "this field equals the integer n" ({@code EventID:
 * 4624}): per field slot, a table from the integer to the rules it activates. Rules keyed on an
 * event ID and nothing the text scan can find (most Windows Security and Sysmon service rules)
 * are then evaluated only on their event IDs instead of on every event of their logsource.
 *
 * <p>Exact for integer values (Long, Integer, Short, Byte). Any other value a number test could
 * accept — a string such as {@code "4624"} or {@code "0x10"}, a decimal, a big integer — holds
 * every requirement of its slot: the rules are evaluated and decide. Lists are read element by
 * element, as the field test reads them; a missing field, null or a map holds none.
 */
final class NumberIndex {
    private final int[] slots;
    private final Table[] tables;

    /** One slot's integers: open addressing over the values, each with its literal number and rules. */
    private record Table(long[] keys, int[] at, int[] ids, int[][] rules, int[] allIds, int[] allRules) {
        int find(long value) {
            int mask = keys.length - 1;
            int p = (int) ((value * 0x9E3779B97F4A7C15L) >>> 40) & mask;
            int e;
            while ((e = at[p]) >= 0) {
                if (keys[p] == value) {
                    return e;
                }
                p = (p + 1) & mask;
            }
            return -1;
        }
    }

    /** A requirement: its literal number and the rules it activates (none when it only guards). */
    record Entry(int id, int[] rules) {
    }

    NumberIndex(Map<Integer, Map<Long, Entry>> bySlot) {
        this.slots = bySlot.keySet().stream().mapToInt(Integer::intValue).toArray();
        this.tables = new Table[slots.length];
        for (int s = 0; s < slots.length; s++) {
            Map<Long, Entry> values = bySlot.get(slots[s]);
            int cap = Integer.highestOneBit(Math.max(4, values.size() * 2 - 1)) << 1;
            long[] keys = new long[cap];
            int[] at = new int[cap];
            java.util.Arrays.fill(at, -1);
            int[] ids = new int[values.size()];
            int[][] rules = new int[values.size()][];
            java.util.Set<Integer> allRules = new java.util.TreeSet<>();
            int e = 0;
            for (Map.Entry<Long, Entry> v : values.entrySet()) {
                long value = v.getKey();
                int p = (int) ((value * 0x9E3779B97F4A7C15L) >>> 40) & (cap - 1);
                while (at[p] >= 0) {
                    p = (p + 1) & (cap - 1);
                }
                keys[p] = value;
                at[p] = e;
                ids[e] = v.getValue().id();
                rules[e] = v.getValue().rules();
                for (int r : rules[e]) {
                    allRules.add(r);
                }
                e++;
            }
            tables[s] = new Table(keys, at, ids, rules, ids.clone(),
                    allRules.stream().mapToInt(Integer::intValue).toArray());
        }
    }

    /** Records the requirements the event's values hold and activates their rules. */
    void scan(EventContext ctx, long[] active) {
        for (int s = 0; s < slots.length; s++) {
            Object raw = ctx.raw(slots[s]);
            // numbers and strings first: an interface check (List, Map) that fails is slow on JDK 17
            if (raw instanceof Number || raw instanceof String) {
                value(ctx, tables[s], raw, active);
            } else if (raw instanceof List<?> list) {
                int bound = Math.min(list.size(), 10_000);
                for (int i = 0; i < bound; i++) {
                    value(ctx, tables[s], list.get(i), active);
                }
            } else if (raw != null && raw != FieldPath.MISSING && !(raw instanceof Map)) {
                value(ctx, tables[s], raw, active);
            }
        }
    }

    private static void value(EventContext ctx, Table t, Object v, long[] active) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            int e = t.find(((Number) v).longValue());
            if (e >= 0 && !ctx.isHit(t.ids[e])) {
                ctx.hit(t.ids[e]);
                activate(t.rules[e], active);
            }
        } else if (v instanceof String || (v != null && !(v instanceof Map) && !(v instanceof List))) {
            for (int id : t.allIds) {
                ctx.hit(id);
            }
            activate(t.allRules, active);
        }
    }

    private static void activate(int[] rules, long[] active) {
        for (int r : rules) {
            active[r >>> 6] |= 1L << r;
        }
    }
}
