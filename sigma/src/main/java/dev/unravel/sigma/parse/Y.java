package dev.unravel.sigma.parse;

import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A YAML node that remembers where it was written: the parse stage reads rules from this tree so
 * that every error can name its line. Built by {@link YamlReader} from snakeyaml-engine's composed
 * nodes; scalars keep both their resolved value and their source text (a rule's {@code 0x1F} is
 * the number 31 and also the text {@code 0x1F}).
 */
public abstract sealed class Y permits Y.Scalar, Y.Seq, Y.Map {

    /** 1-based line and column of the node's first character. */
    public final int line;
    public final int column;

    Y(int line, int column) {
        this.line = line;
        this.column = column;
    }

    /** What YAML type a node has, for error messages. */
    public abstract String kind();

    /** A scalar: value is a String, Long, BigInteger, Double, Boolean, or null. */
    public static final class Scalar extends Y {
        public final Object value;
        public final String text;

        public Scalar(Object value, String text, int line, int column) {
            super(line, column);
            this.value = value;
            this.text = text;
        }

        public boolean isNull() {
            return value == null;
        }

        public boolean isString() {
            return value instanceof String;
        }

        public boolean isNumber() {
            return value instanceof Long || value instanceof Double || value instanceof BigInteger;
        }

        @Override
        public String kind() {
            if (value == null) {
                return "null";
            }
            if (value instanceof Boolean) {
                return "boolean";
            }
            return isNumber() ? "number" : "string";
        }

        @Override
        public String toString() {
            return text;
        }
    }

    public static final class Seq extends Y {
        public final List<Y> items;

        public Seq(List<Y> items, int line, int column) {
            super(line, column);
            this.items = Collections.unmodifiableList(items);
        }

        @Override
        public String kind() {
            return "list";
        }
    }

    public static final class Map extends Y {
        /** Keys in written order; values keep their own positions. */
        public final java.util.Map<String, Y> entries;
        /** Position of each key, for errors about the key itself (an unknown modifier). */
        public final java.util.Map<String, int[]> keyPositions;

        public Map(LinkedHashMap<String, Y> entries, LinkedHashMap<String, int[]> keyPositions, int line,
                int column) {
            super(line, column);
            this.entries = Collections.unmodifiableMap(entries);
            this.keyPositions = Collections.unmodifiableMap(keyPositions);
        }

        public Y get(String key) {
            return entries.get(key);
        }

        public int keyLine(String key) {
            int[] p = keyPositions.get(key);
            return p == null ? line : p[0];
        }

        public int keyColumn(String key) {
            int[] p = keyPositions.get(key);
            return p == null ? column : p[1];
        }

        @Override
        public String kind() {
            return "map";
        }
    }

    /** Plain Java view (maps, lists, scalars) for custom attributes that are carried, not interpreted. */
    public static Object plain(Y node) {
        if (node instanceof Scalar s) {
            return s.value;
        }
        if (node instanceof Seq seq) {
            return seq.items.stream().map(Y::plain).toList();
        }
        Map m = (Map) node;
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (java.util.Map.Entry<String, Y> e : m.entries.entrySet()) {
            out.put(e.getKey(), plain(e.getValue()));
        }
        return Collections.unmodifiableMap(out);
    }

    /** Convenience for callers that only need a plain map of plain values. */
    public static java.util.Map<String, Object> plainMap(Map node) {
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> m = (java.util.Map<String, Object>) plain(node);
        return m;
    }
}
