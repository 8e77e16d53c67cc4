package dev.unravel.core.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A document with every text value stripped of surrounding white space: how a binary event log's
 * events are compared with its evtx_dump twin's, since evtx_dump trims text the log keeps.
 */
public final class Stripped {
    private Stripped() {
    }

    public static Object of(Object v) {
        if (v instanceof String s) {
            return s.strip();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new HashMap<>();
            m.forEach((k, x) -> out.put(k, of(x)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(Stripped::of).toList();
        }
        return v;
    }
}
