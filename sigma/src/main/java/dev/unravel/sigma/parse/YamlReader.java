package dev.unravel.sigma.parse;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML 1.2 (core schema: {@code 0x10} is a number, {@code ~} and {@code Null} are null) into {@link Y} trees with line numbers, bounded against hostile
 * input.
 *
 * <p>Bounds: a file may hold at most {@link #MAX_CODE_POINTS} code points; anchors may be
 * referenced at most {@link #MAX_ALIASES} times; converting one document may create at most
 * {@link #MAX_NODES} nodes (so the alias limit cannot be beaten by nesting aliases of aliases —
 * the billion-laughs shape) and nest at most {@link #MAX_DEPTH} deep (so a recursive alias cannot
 * loop). Duplicate keys are an error, as YAML requires.
 */
public final class YamlReader {
    public static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
    public static final int MAX_ALIASES = 100;
    public static final int MAX_NODES = 200_000;
    public static final int MAX_DEPTH = 64;

    private static final Pattern INT_DEC = Pattern.compile("[-+]?[0-9]+");
    private static final Pattern INT_HEX = Pattern.compile("0x[0-9a-fA-F]+");
    private static final Pattern INT_OCT = Pattern.compile("0o[0-7]+");

    private final LoadSettings settings;

    public YamlReader() {
        this.settings = LoadSettings.builder()
                .setCodePointLimit(MAX_CODE_POINTS)
                .setMaxAliasesForCollections(MAX_ALIASES)
                .setAllowDuplicateKeys(false)
                .setAllowRecursiveKeys(false)
                .setUseMarks(true)
                .setLabel("sigma")
                .setSchema(new CoreSchema())
                .build();
    }

    /** Every document of a YAML text, or a {@link SigmaError} for the first syntax error. */
    public List<Y> readAll(String text) {
        List<Y> docs = new ArrayList<>();
        try {
            for (Node node : new Compose(settings).composeAllFromString(text)) {
                docs.add(convert(node, new int[] {0}, 0, new IdentityHashMap<>()));
            }
        } catch (MarkedYamlEngineException e) {
            Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            if (e.getContext() != null && !e.getContext().isBlank()) {
                problem = e.getContext() + ", " + problem;
            }
            throw SigmaError.at(m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1,
                    "invalid YAML: " + problem.replace('\n', ' ').trim(), "YAML 1.2");
        } catch (YamlEngineException e) {
            throw SigmaError.at(0, 0, "invalid YAML: " + e.getMessage().replace('\n', ' '), "YAML 1.2");
        }
        return docs;
    }

    private Y convert(Node node, int[] count, int depth, IdentityHashMap<Node, Boolean> onPath) {
        int line = node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
        int col = node.getStartMark().map(m -> m.getColumn() + 1).orElse(0);
        if (++count[0] > MAX_NODES) {
            throw SigmaError.at(line, col, "document expands to more than " + MAX_NODES
                    + " YAML nodes (alias expansion bomb?)", "");
        }
        if (depth > MAX_DEPTH || onPath.containsKey(node)) {
            throw SigmaError.at(line, col, "YAML nesting deeper than " + MAX_DEPTH
                    + " levels or a recursive alias", "");
        }
        if (node instanceof ScalarNode s) {
            return scalar(s, line, col);
        }
        onPath.put(node, Boolean.TRUE);
        try {
            if (node instanceof SequenceNode seq) {
                List<Y> items = new ArrayList<>(seq.getValue().size());
                for (Node child : seq.getValue()) {
                    items.add(convert(child, count, depth + 1, onPath));
                }
                return new Y.Seq(items, line, col);
            }
            MappingNode map = (MappingNode) node;
            LinkedHashMap<String, Y> entries = new LinkedHashMap<>();
            LinkedHashMap<String, int[]> keys = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                Node k = t.getKeyNode();
                int kl = k.getStartMark().map(m -> m.getLine() + 1).orElse(line);
                int kc = k.getStartMark().map(m -> m.getColumn() + 1).orElse(col);
                if (!(k instanceof ScalarNode ks)) {
                    throw SigmaError.at(kl, kc, "map keys must be scalars", "YAML 1.2");
                }
                String key = ks.getValue();
                if (entries.containsKey(key)) {
                    throw SigmaError.at(kl, kc, "duplicate key '" + key + "'", "YAML 1.2 §3.2.1.1");
                }
                keys.put(key, new int[] {kl, kc});
                entries.put(key, convert(t.getValueNode(), count, depth + 1, onPath));
            }
            return new Y.Map(entries, keys, line, col);
        } finally {
            onPath.remove(node);
        }
    }

    private static Y.Scalar scalar(ScalarNode s, int line, int col) {
        String text = s.getValue();
        Tag tag = s.getTag();
        Object value;
        if (Tag.NULL.equals(tag)) {
            value = null;
        } else if (Tag.BOOL.equals(tag)) {
            value = Boolean.valueOf(text.equalsIgnoreCase("true"));
        } else if (Tag.INT.equals(tag)) {
            value = parseInt(text);
        } else if (Tag.FLOAT.equals(tag)) {
            value = parseFloat(text);
        } else {
            value = text;
        }
        return new Y.Scalar(value, text, line, col);
    }

    private static Object parseInt(String text) {
        BigInteger big;
        if (INT_HEX.matcher(text).matches()) {
            big = new BigInteger(text.substring(2), 16);
        } else if (INT_OCT.matcher(text).matches()) {
            big = new BigInteger(text.substring(2), 8);
        } else if (INT_DEC.matcher(text).matches()) {
            big = new BigInteger(text.startsWith("+") ? text.substring(1) : text);
        } else {
            return text;
        }
        return big.bitLength() < 64 ? (Object) big.longValue() : big;
    }

    private static Object parseFloat(String text) {
        String t = text.toLowerCase(java.util.Locale.ROOT);
        if (t.endsWith(".inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (t.equals(".nan")) {
            return Double.NaN;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return text;
        }
    }
}
