package dev.unravel.sigma.match;

/**
 * The rules that apply to one event logsource, with their shared prefilter. Built once per
 * distinct logsource seen and then read by every thread.
 *
 * @param ruleIndex  bucket-local rule → index in the rule set
 * @param programs   bucket-local rule → its program (with any logsource-mapping condition)
 * @param always     bitset of bucket-local rules without a prefilter requirement
 * @param prefilter  activates the other rules
 */
public record Bucket(int[] ruleIndex, Node[] programs, long[] always, Prefilter prefilter) {

    public int size() {
        return ruleIndex.length;
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
