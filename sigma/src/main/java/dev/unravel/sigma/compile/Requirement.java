package dev.unravel.sigma.compile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A necessary condition for a rule to match, for the shared literal prefilter: every clause
 * holds, and a clause holds when at least one of its (field slot, lower-case literal) pairs
 * occurs — the literal inside that field's lower-cased value. If an event fails a clause, the
 * rule cannot match and is not evaluated.
 *
 * <p>Clauses are kept best first (longest weak link, then fewest literals): the prefilter
 * activates a rule from its first usable clause and checks the others against the literals the
 * same scan found, so a rule such as {@code Image|endswith: '\cmd.exe'} AND
 * {@code CommandLine|contains: 'vssadmin'} is evaluated only when both occur, not on every
 * {@code cmd.exe}.
 *
 * <p>Derivation (in {@link RuleCompiler}): a string test yields its longest wildcard-free run; a
 * field with OR-linked values needs every value to yield one (one clause, the union); under
 * {@code all} each value is a clause of its own; AND keeps the clauses of every child that has
 * some; OR needs every child to have one and unites their first clauses; NOT, null, exists,
 * numbers, CIDR, comparisons and regular expressions without a required literal yield nothing.
 * Literals are at least {@link #MIN_LENGTH} characters, so the prefilter can anchor on a
 * 4-character window.
 */
public record Requirement(List<Clause> clauses) {
    public static final int MIN_LENGTH = 4;
    /** Clauses kept per rule: the best few reject nearly everything the rest would. */
    static final int MAX_CLAUSES = 8;

    /** At least one of these (slot, literal) pairs occurs. */
    public record Clause(int[] slots, String[] literals) {
        public int size() {
            return literals.length;
        }

        /** Shortest literal: a weak link decides how often the prefilter lets an event through. */
        public int minLength() {
            int m = Integer.MAX_VALUE;
            for (String l : literals) {
                // an integer a field must equal ranks as the weakest literal: event IDs repeat
                m = Math.min(m, dev.unravel.sigma.match.Prefilter.isNumber(l) ? MIN_LENGTH : l.length());
            }
            return m;
        }

        boolean sameAs(Clause o) {
            return Arrays.equals(slots, o.slots) && Arrays.equals(literals, o.literals);
        }
    }

    private static final Comparator<Clause> BEST_FIRST = Comparator
            .comparingInt((Clause c) -> -Math.min(c.minLength(), 12)).thenComparingInt(Clause::size);

    public static Requirement of(int slot, String literal) {
        return new Requirement(List.of(new Clause(new int[] {slot}, new String[] {literal})));
    }

    /** The best clause (the one the prefilter anchors on when usable). */
    public Clause first() {
        return clauses.get(0);
    }

    /**
     * Any of these parts holds (OR); null if any is null (a part without literal can match
     * anything). Distributed when small: (A ∧ B) ∨ C becomes (A ∨ C) ∧ (B ∨ C), so a rule
     * {@code (Image has '\windows\' and CommandLine has '\..\..\') or CommandLine has
     * '.exe\..\'} is not evaluated on every Windows image; beyond {@link #MAX_CLAUSES}
     * combinations, the union of each part's first clause.
     */
    public static Requirement union(List<Requirement> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        long combinations = 1;
        for (Requirement r : parts) {
            if (r == null) {
                return null;
            }
            combinations *= r.clauses.size();
        }
        if (combinations > 1 && combinations <= MAX_CLAUSES) {
            List<Clause> out = new ArrayList<>();
            int[] pick = new int[parts.size()];
            for (long n = 0; n < combinations; n++) {
                long rest = n;
                for (int i = 0; i < pick.length; i++) {
                    int size = parts.get(i).clauses.size();
                    pick[i] = (int) (rest % size);
                    rest /= size;
                }
                List<Requirement> one = new ArrayList<>(parts.size());
                for (int i = 0; i < pick.length; i++) {
                    one.add(new Requirement(List.of(parts.get(i).clauses.get(pick[i]))));
                }
                out.addAll(firstClauses(one).clauses);
            }
            return all(List.of(new Requirement(out)));
        }
        // Too many combinations to keep them all: some of them, each still necessary (one clause
        // of every part, united). The j-th clause of each part (its last when it has fewer): the
        // parts' first clauses alone let {@code (powershell.exe and shadow and delete) or (wbadmin.exe
        // and delete and catalog)} through on every powershell.exe; {shadow, catalog} stops that.
        int deepest = 0;
        for (Requirement r : parts) {
            deepest = Math.max(deepest, r.clauses.size());
        }
        List<Clause> out = new ArrayList<>();
        for (int j = 0; j < Math.min(deepest, MAX_CLAUSES); j++) {
            List<Requirement> one = new ArrayList<>(parts.size());
            for (Requirement r : parts) {
                one.add(new Requirement(List.of(r.clauses.get(Math.min(j, r.clauses.size() - 1)))));
            }
            out.addAll(firstClauses(one).clauses);
        }
        return all(List.of(new Requirement(out)));
    }

    /** The union of each part's first clause: one clause. */
    private static Requirement firstClauses(List<Requirement> parts) {
        List<Integer> s = new ArrayList<>();
        List<String> l = new ArrayList<>();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Requirement r : parts) {
            if (r == null) {
                return null;
            }
            Clause c = r.first();
            for (int i = 0; i < c.literals.length; i++) {
                if (seen.add(c.slots[i] + "\u0000" + c.literals[i])) {
                    s.add(c.slots[i]);
                    l.add(c.literals[i]);
                }
            }
        }
        if (l.isEmpty()) {
            return null;
        }
        return new Requirement(List.of(new Clause(s.stream().mapToInt(Integer::intValue).toArray(),
                l.toArray(String[]::new))));
    }

    /** Parts that must all hold (AND): every clause of every part that has some, best first. */
    public static Requirement all(List<Requirement> parts) {
        List<Clause> out = new ArrayList<>();
        for (Requirement r : parts) {
            if (r == null) {
                continue;
            }
            for (Clause c : r.clauses) {
                if (out.stream().noneMatch(c::sameAs)) {
                    out.add(c);
                }
            }
        }
        if (out.isEmpty()) {
            return null;
        }
        out.sort(BEST_FIRST);
        return new Requirement(List.copyOf(out.subList(0, Math.min(out.size(), MAX_CLAUSES))));
    }
}
