package dev.unravel.sigma.match;

import dev.unravel.core.Event;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where a field's value is found in an event: one or more document paths (the first present one
 * wins) or a part of the envelope ({@code $user}, {@code $host}, {@code $sourceIp},
 * {@code $source}, {@code $type}, {@code $time}, {@code $product}, {@code $category},
 * {@code $service}).
 *
 * <p>Document paths follow {@link Event#field(String)}: a key containing dots is found before the
 * path is split, and list elements are addressed by index. Unlike {@code Event.field} this lookup
 * tells a missing field ({@link #MISSING}) from a field whose value is null, which Sigma's
 * {@code exists} modifier and {@code null} value need.
 */
public final class FieldPath {
    /** The value of a field that is not in the event at all. */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<missing>";
        }
    };

    private final String name;
    private final String[] paths;
    private final int[] envelope;

    private static final List<String> ENVELOPE = List.of("$user", "$host", "$sourceIp", "$source", "$type", "$time",
            "$product", "$category", "$service");

    public FieldPath(String name, List<String> paths) {
        this.name = name;
        // Interned: JSON parsers intern the field names they read (Jackson does by default), so a
        // document lookup by an interned path finds its key by identity, without String.equals.
        this.paths = paths.stream().map(String::intern).toArray(String[]::new);
        this.envelope = new int[this.paths.length];
        for (int i = 0; i < this.paths.length; i++) {
            envelope[i] = ENVELOPE.indexOf(this.paths[i]);
        }
    }

    /** The field name as the rule (after pipeline mapping) wrote it. */
    public String name() {
        return name;
    }

    public List<String> paths() {
        return List.of(paths);
    }

    /** The value, JSON null as null, or {@link #MISSING}. */
    public Object resolve(Event event) {
        Map<String, Object> doc = event.document();
        for (int i = 0; i < paths.length; i++) {
            Object v = envelope[i] >= 0 ? envelope(event, envelope[i]) : lookup(doc, paths[i]);
            if (v != MISSING) {
                return v;
            }
        }
        return MISSING;
    }

    private static Object envelope(Event e, int which) {
        Object v = switch (which) {
            case 0 -> e.user();
            case 1 -> e.host();
            case 2 -> e.sourceIp();
            case 3 -> e.source();
            case 4 -> e.type();
            case 5 -> e.time() == null ? null : e.time().toString();
            case 6 -> e.logSource().product();
            case 7 -> e.logSource().category();
            default -> e.logSource().service();
        };
        return v == null ? MISSING : v;
    }

    /** Document lookup with Event.field's rules, telling missing from null. */
    @SuppressWarnings("unchecked")
    public static Object lookup(Object node, String path) {
        if (node instanceof Map<?, ?> map) {
            Object direct = ((Map<?, Object>) map).getOrDefault(path, MISSING); // one look-up, also when absent
            if (direct != MISSING) {
                return direct;
            }
        } else if (node instanceof List<?> list) {
            Object element = child(list, path);
            if (element != MISSING) {
                return element;
            }
        } else {
            return MISSING;
        }
        int dot = path.indexOf('.');
        while (dot > 0) {
            Object child = child(node, path.substring(0, dot));
            if (child != MISSING && child != null) {
                Object found = lookup(child, path.substring(dot + 1));
                if (found != MISSING) {
                    return found;
                }
            }
            dot = path.indexOf('.', dot + 1);
        }
        return MISSING;
    }

    @SuppressWarnings("unchecked")
    private static Object child(Object node, String key) {
        if (node instanceof Map<?, ?> map) {
            return ((Map<?, Object>) map).getOrDefault(key, MISSING);
        }
        if (node instanceof List<?> list) {
            try {
                int index = Integer.parseInt(key);
                return index >= 0 && index < list.size() ? list.get(index) : MISSING;
            } catch (NumberFormatException e) {
                return MISSING;
            }
        }
        return MISSING;
    }

    /** Text form of a scalar value, as Sigma compares it; null for maps and lists. */
    public static String text(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
                || v instanceof java.math.BigInteger) {
            return v.toString();
        }
        if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal) {
            double d = ((Number) v).doubleValue();
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
                return Long.toString((long) d);
            }
            return v.toString();
        }
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (v instanceof Instant i) {
            return i.toString();
        }
        if (v instanceof Character c) {
            return c.toString();
        }
        return null;
    }

    @Override
    public String toString() {
        return name + "->" + String.join("|", paths);
    }
}
