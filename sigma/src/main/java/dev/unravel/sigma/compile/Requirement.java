package dev.unravel.sigma.compile;

import java.util.ArrayList;
import java.util.List;

/**
 * A necessary condition for a rule to match, for the shared literal prefilter: at least one of
 * these (field slot, lower-case literal) pairs occurs — the literal inside that field's
 * lower-cased value. If an event has none of them, the rule cannot match and is not evaluated.
 *
 * <p>Derivation (in {@link RuleCompiler}): a string test yields its longest wildcard-free run; a
 * field with OR-linked values needs every value to yield one (the union), under {@code all} the
 * best single value suffices; AND picks its best child, OR needs every child (the union); NOT,
 * null, exists, numbers, regular expressions, CIDR, comparisons and keywords yield nothing — the
 * rule is then always evaluated. Literals are at least {@link #MIN_LENGTH} characters, so the
 * prefilter can anchor on a 4-character window.
 */
public record Requirement(int[] slots, String[] literals) {
    public static final int MIN_LENGTH = 4;

    public static Requirement of(int slot, String literal) {
        return new Requirement(new int[] {slot}, new String[] {literal});
    }

    public int size() {
        return literals.length;
    }

    /** Shortest literal: a weak link decides how often the prefilter lets an event through. */
    public int minLength() {
        int m = Integer.MAX_VALUE;
        for (String l : literals) {
            m = Math.min(m, l.length());
        }
        return m;
    }

    /** The union (OR) of requirements; null if any is null. */
    public static Requirement union(List<Requirement> parts) {
        List<Integer> s = new ArrayList<>();
        List<String> l = new ArrayList<>();
        for (Requirement r : parts) {
            if (r == null) {
                return null;
            }
            for (int i = 0; i < r.literals.length; i++) {
                s.add(r.slots[i]);
                l.add(r.literals[i]);
            }
        }
        if (l.isEmpty()) {
            return null;
        }
        return new Requirement(s.stream().mapToInt(Integer::intValue).toArray(), l.toArray(String[]::new));
    }

    /** The best of alternatives that are each sufficient (AND): longest weak link, then fewest literals. */
    public static Requirement best(List<Requirement> parts) {
        Requirement best = null;
        for (Requirement r : parts) {
            if (r == null) {
                continue;
            }
            if (best == null || better(r, best)) {
                best = r;
            }
        }
        return best;
    }

    private static boolean better(Requirement a, Requirement b) {
        int la = Math.min(a.minLength(), 12);
        int lb = Math.min(b.minLength(), 12);
        if (la != lb) {
            return la > lb;
        }
        return a.size() < b.size();
    }
}
