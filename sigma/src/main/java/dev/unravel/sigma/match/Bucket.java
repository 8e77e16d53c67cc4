package dev.unravel.sigma.match;

/**
 * The rules that apply to one event logsource, with their shared prefilter. Built once per
 * distinct logsource seen and then read by every thread.
 *
 * @param ruleIndex  bucket-local rule → index in the rule set
 * @param programs   bucket-local rule → its program (with any logsource-mapping condition)
 * @param always     bitset of bucket-local rules without a prefilter requirement
 * @param prefilter  activates the other rules
 * @param guards     bucket-local rule → its further requirement clauses, each the numbers of
 *                   literals one of which the prefilter must have found ({@link
 *                   EventContext#isHit}); null when it has none
 * @param gates      bucket-local rule → a character its value must hold ({@link Gate}), for rules
 *                   the prefilter cannot activate; null when it has none
 */
public record Bucket(int[] ruleIndex, Node[] programs, long[] always, Prefilter prefilter, int[][][] guards,
        Gate[] gates) {

    public int size() {
        return ruleIndex.length;
    }

    /** Whether every further clause of an activated rule found one of its literals in this event. */
    public boolean passesGuards(int local, EventContext ctx) {
        int[][] clauses = guards[local];
        if (clauses == null) {
            Gate g = gates[local];
            return g == null || g.open(ctx);
        }
        for (int[] clause : clauses) {
            boolean any = false;
            for (int id : clause) {
                if (ctx.isHit(id)) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    /** Number of rules evaluated on every event of this logsource (no usable literal). */
    public int alwaysEvaluated() {
        int c = 0;
        for (long w : always) {
            c += Long.bitCount(w);
        }
        return c;
    }
}
