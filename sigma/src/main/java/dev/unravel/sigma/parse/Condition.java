package dev.unravel.sigma.parse;

import java.util.List;

/**
 * A parsed detection condition (rules §Condition): identifiers joined with and/or/not, brackets,
 * and {@code 1 of}/{@code all of} a pattern or {@code them}. The parse stage checks syntax and
 * that every identifier exists; the compile stage turns it into matcher nodes.
 */
public sealed interface Condition permits Condition.And, Condition.Or, Condition.Not, Condition.Ref, Condition.Of {

    record And(List<Condition> parts) implements Condition {
        public And {
            parts = List.copyOf(parts);
        }

        @Override
        public String toString() {
            return "(" + String.join(" and ", parts.stream().map(Object::toString).toList()) + ")";
        }
    }

    record Or(List<Condition> parts) implements Condition {
        public Or {
            parts = List.copyOf(parts);
        }

        @Override
        public String toString() {
            return "(" + String.join(" or ", parts.stream().map(Object::toString).toList()) + ")";
        }
    }

    record Not(Condition inner) implements Condition {
        @Override
        public String toString() {
            return "not " + inner;
        }
    }

    record Ref(String name) implements Condition {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * {@code 1 of pattern}, {@code all of pattern}; pattern null means {@code them}. The matched
     * identifiers are resolved at parse time ({@code names}), excluding names starting with
     * {@code _} for {@code them}.
     */
    record Of(boolean all, String pattern, List<String> names) implements Condition {
        public Of {
            names = List.copyOf(names);
        }

        @Override
        public String toString() {
            return (all ? "all" : "1") + " of " + (pattern == null ? "them" : pattern);
        }
    }
}
