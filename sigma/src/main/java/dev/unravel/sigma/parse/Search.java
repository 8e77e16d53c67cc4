package dev.unravel.sigma.parse;

import java.util.List;

/**
 * The body of one search identifier in a detection (rules §Search-Identifier): a map of field
 * conditions joined with AND, a list whose items are joined with OR, or keywords searched across
 * the whole event.
 */
public sealed interface Search permits Search.Fields, Search.AnyOf, Search.Keywords {

    int line();

    /** A map: every item must hold (rules §Maps). */
    record Fields(List<FieldSpec> items, int line) implements Search {
        public Fields {
            items = List.copyOf(items);
        }
    }

    /** A list of maps or keyword groups: any alternative may hold (rules §Lists). */
    record AnyOf(List<Search> alternatives, int line) implements Search {
        public AnyOf {
            alternatives = List.copyOf(alternatives);
        }
    }

    /**
     * Values searched for anywhere in the event (rules §Keywords search): OR-linked unless the
     * {@code '|all'} form gives the {@code all} modifier.
     */
    record Keywords(List<Modifier> modifiers, List<SigmaValue> values, int line, int column) implements Search {
        public Keywords {
            modifiers = List.copyOf(modifiers);
            values = List.copyOf(values);
        }
    }

    /**
     * One {@code field|mod1|mod2: value(s)} item. Values are OR-linked unless {@code all} is among
     * the modifiers; a single value is a one-element list.
     */
    record FieldSpec(String field, List<Modifier> modifiers, List<SigmaValue> values, boolean listForm, int line,
            int column) {
        public FieldSpec {
            modifiers = List.copyOf(modifiers);
            values = List.copyOf(values);
        }

        public boolean has(Modifier m) {
            return modifiers.contains(m);
        }
    }
}
