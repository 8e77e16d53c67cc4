package dev.unravel.sigma.match;

/**
 * A character a rule's value must hold: "the value of {@code slot} has at least one character
 * whose presence bit ({@link EventContext#presenceBit}) is in {@code lo}/{@code hi}", necessary for
 * the rule to match. A rule the prefilter cannot dispatch (no literal of four characters: {@code
 * ~1\}, {@code ^^}, a backtick in a regular expression) is otherwise evaluated on every event of
 * its logsource; its gate is one look-up of the value's presence mask, computed once per value
 * for all rules.
 *
 * <p>Derived from the program ({@link #of}): a string test needs the rarest character of its
 * literal (each letter in both cases); a list of values needs one of theirs; a regular
 * expression one of each class of its necessary sequences; AND takes its most selective child's
 * gate, OR unites its children's gates on one field, NOT and everything else give none. Bit 127
 * (any non-ASCII character) is always in: lower-casing maps KELVIN SIGN and DOTTED CAPITAL I to
 * ASCII letters, and RE2 folds LONG S to s.
 *
 * <p>When the value holds the character, {@code pairs} (null for none) asks more: one of these
 * adjacent character pairs ({@link Pairs}): the rarest pair of each literal, the least common
 * two adjacent classes of an expression's necessary run; AND and OR treat them as they treat the
 * character. They are looked for only in values that hold the character.
 */
public record Gate(int slot, long lo, long hi, Pairs.Check pairs) {

    private static final long NON_ASCII = Long.MIN_VALUE; // bit 127, in hi

    /** The gate of {@code program}, or null when it has none. */
    public static Gate of(Node program) {
        if (program instanceof Node.And and) {
            Gate best = null;
            for (Node n : and.children) {
                Gate g = of(n);
                if (g != null && (best == null || g.weight() < best.weight())) {
                    best = g;
                }
            }
            return best;
        }
        if (program instanceof Node.Or or) {
            Gate union = null;
            for (Node n : or.children) {
                Gate g = of(n);
                if (g == null || (union != null && union.slot != g.slot)) {
                    return null;
                }
                union = union == null ? g
                        : new Gate(g.slot, union.lo | g.lo, union.hi | g.hi,
                                Pairs.Check.of(Pairs.union(Pairs.Check.list(union.pairs), Pairs.Check.list(g.pairs))));
            }
            return union;
        }
        if (program instanceof Node.Field f && !f.negate && f.tests.length > 0) {
            Gate result = null;
            int[] pairs = null;
            for (int i = 0; i < f.tests.length; i++) {
                ValueTest t = f.tests[i];
                int[] p = t.pairs();
                if (f.all) {
                    // each test must hold: any one's pairs will do, the fewest check fastest
                    pairs = p != null && (pairs == null || p.length < pairs.length) ? p : pairs;
                } else {
                    pairs = i == 0 ? p : Pairs.union(pairs, p);
                }
                long[] m = t.gate();
                if (m == null) {
                    if (f.all) {
                        continue; // another of the tests that must all hold may have one
                    }
                    return null;
                }
                Gate g = new Gate(f.slot, m[0], m[1] | NON_ASCII, null);
                if (result == null) {
                    result = g;
                } else if (f.all) {
                    result = g.weight() < result.weight() ? g : result;
                } else {
                    result = new Gate(f.slot, result.lo | g.lo, result.hi | g.hi, null);
                }
            }
            return result == null ? null : new Gate(f.slot, result.lo, result.hi, Pairs.Check.of(pairs));
        }
        return null;
    }

    /** How often a value is let through: lower is more selective. */
    int weight() {
        return weight(lo, hi);
    }

    /**
     * How likely event text is to hold a character of the presence mask {@code lo}/{@code hi}:
     * the sum of each character's commonness ({@code ValueTest.LiteralSet.commonness}), plus one
     * per character so that a class of rare characters still weighs more than one of them. Bit
     * 127 (any non-ASCII character), which every gate holds, adds nothing. Counting bits alone
     * ranked {@code &} (and the non-ASCII bit) as no better than {@code t} or {@code T}, so
     * {@code (?i)(?:set).*&&…} was gated on a letter that nearly every command line holds.
     */
    public static int weight(long lo, long hi) {
        int w = 0;
        for (int bit = 0; bit < 127; bit++) {
            if (((bit < 64 ? lo >>> bit : hi >>> (bit - 64)) & 1) != 0) {
                w += 1 + ValueTest.LiteralSet.commonness((char) bit);
            }
        }
        return w;
    }

    /** Whether the event's value may pass the rule (false only when it cannot). */
    public boolean open(EventContext ctx) {
        return ctx.passesGate(slot, lo, hi, pairs);
    }

    /**
     * The presence bits standing for {@code c} in any value that holds it once lower-cased: the
     * character itself and, for a letter, its other case.
     */
    static long[] bitsOf(char c, long[] into) {
        set(into, EventContext.presenceBit(c));
        if (c >= 'a' && c <= 'z') {
            set(into, c - 32);
        } else if (c >= 'A' && c <= 'Z') {
            set(into, c + 32);
        }
        return into;
    }

    private static void set(long[] m, int bit) {
        m[bit >>> 6] |= 1L << (bit & 63);
    }
}
