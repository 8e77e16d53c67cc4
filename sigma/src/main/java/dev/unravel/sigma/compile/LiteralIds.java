package dev.unravel.sigma.compile;

import java.util.HashMap;
import java.util.Map;

/**
 * Numbers each distinct (field slot, lower-case literal) pair of a rule set once. The prefilter
 * records per event which numbered literals it found ({@code EventContext#hit}), so a rule's
 * further requirement clauses are checked against that record instead of the text again.
 * Filled while the rule set is built (one thread), read-only afterwards.
 */
public final class LiteralIds {
    private record Key(int slot, String literal) {
    }

    private final Map<Key, Integer> ids = new HashMap<>();

    /** The pair's number, assigning the next one the first time. */
    public int id(int slot, String literal) {
        return ids.computeIfAbsent(new Key(slot, literal), k -> ids.size());
    }

    /**
     * The number of a pair numbered before; never assigns (buckets are built from several
     * threads once numbering is over).
     */
    public int existing(int slot, String literal) {
        Integer id = ids.get(new Key(slot, literal));
        if (id == null) {
            throw new IllegalStateException("literal not numbered: " + literal);
        }
        return id;
    }

    /** Numbers assigned so far. */
    public int size() {
        return ids.size();
    }
}
