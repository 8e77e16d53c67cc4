package dev.unravel.ingest.format;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.unravel.core.Event;
import dev.unravel.ingest.ReaderHarness.Result;
import dev.unravel.ingest.read.RecordError;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

/**
 * Mutations of real JSON records for property tests (drop a key, give a value another type,
 * truncate, splice in random bytes), and the invariant every reader must keep: each record read
 * ends as events or as an error, never both, never neither.
 */
public final class JsonLineMutations {
    private static final JsonFactory JSON = new JsonFactory();

    private JsonLineMutations() {
    }

    /** One mutation of {@code line} chosen by {@code kind} (0–5) with randomness from {@code seed}. */
    public static String mutate(String line, int kind, long seed) {
        Random rnd = new Random(seed);
        switch (kind) {
            case 0 -> {
                Map<String, Object> doc = parse(line);
                List<String> paths = paths(doc, "");
                remove(doc, paths.get(rnd.nextInt(paths.size())));
                return write(doc);
            }
            case 1 -> {
                Map<String, Object> doc = parse(line);
                List<String> paths = paths(doc, "");
                replace(doc, paths.get(rnd.nextInt(paths.size())), randomValue(rnd, 0));
                return write(doc);
            }
            case 2 -> {
                return line.substring(0, rnd.nextInt(line.length() + 1));
            }
            case 3 -> {
                byte[] b = line.getBytes(StandardCharsets.UTF_8);
                int n = 1 + rnd.nextInt(8);
                for (int i = 0; i < n; i++) {
                    b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                }
                return new String(b, StandardCharsets.ISO_8859_1);
            }
            case 4 -> {
                byte[] b = new byte[rnd.nextInt(200)];
                rnd.nextBytes(b);
                return new String(b, StandardCharsets.ISO_8859_1);
            }
            default -> {
                return line; // unchanged: must be accepted alongside the broken ones
            }
        }
    }

    /**
     * Every record 1..records ended as events or as errors (not both); nothing escaped; the counts
     * add up.
     */
    public static void assertEveryRecordAccountedFor(Result r) {
        assertThat(r.failure()).isNull();
        Set<Long> accepted = r.events().stream().map(Event::origin).map(o -> o.record())
                .collect(Collectors.toCollection(TreeSet::new));
        Set<Long> rejected = r.errors().stream().map(RecordError::record).filter(n -> n > 0)
                .collect(Collectors.toCollection(TreeSet::new));
        Set<Long> both = new TreeSet<>(accepted);
        both.retainAll(rejected);
        assertThat(both).as("records both accepted and rejected").isEmpty();
        Set<Long> all = new TreeSet<>(accepted);
        all.addAll(rejected);
        assertThat(all).as("records accounted for").containsExactlyElementsOf(
                LongStream.rangeClosed(1, r.records()).boxed().toList());
        assertThat(accepted.size() + rejected.size()).isEqualTo(r.records());
        assertThat(r.accepted()).isEqualTo(accepted.size());
    }

    // ------------------------------------------------------------------ trees

    public static Map<String, Object> parse(String line) {
        try (JsonParser p = JSON.createParser(line)) {
            p.nextToken();
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) value(p);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    m.put(k, value(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE -> {
                return true;
            }
            case VALUE_FALSE -> {
                return false;
            }
            default -> {
                return null;
            }
        }
    }

    public static String write(Object doc) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(w)) {
            write(g, doc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(e.getKey().toString());
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof String s) {
            g.writeString(s);
        } else if (v instanceof Integer i) {
            g.writeNumber(i);
        } else if (v instanceof Long n) {
            g.writeNumber(n);
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeNull();
        }
    }

    /** Paths of every key in the tree, objects only ({@code columns/pid}), list items by index. */
    private static List<String> paths(Object node, String prefix) {
        List<String> out = new ArrayList<>();
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String p = prefix + e.getKey();
                out.add(p);
                out.addAll(paths(e.getValue(), p + "/"));
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                String p = prefix + i;
                out.add(p);
                out.addAll(paths(l.get(i), p + "/"));
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object parent(Object root, String path) {
        String[] parts = path.split("/");
        Object node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node instanceof Map<?, ?> m ? m.get(parts[i]) : ((List<Object>) node).get(Integer.parseInt(parts[i]));
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    private static void remove(Object root, String path) {
        Object parent = parent(root, path);
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (parent instanceof Map<?, ?> m) {
            m.remove(last);
        } else {
            ((List<Object>) parent).remove(Integer.parseInt(last));
        }
    }

    @SuppressWarnings("unchecked")
    private static void replace(Object root, String path, Object value) {
        Object parent = parent(root, path);
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (parent instanceof Map<?, ?> m) {
            ((Map<String, Object>) m).put(last, value);
        } else {
            ((List<Object>) parent).set(Integer.parseInt(last), value);
        }
    }

    private static Object randomValue(Random rnd, int depth) {
        return switch (rnd.nextInt(depth > 2 ? 6 : 8)) {
            case 0 -> null;
            case 1 -> rnd.nextBoolean();
            case 2 -> rnd.nextLong();
            case 3 -> rnd.nextDouble() * Math.pow(10, rnd.nextInt(20));
            case 4 -> "";
            case 5 -> Long.toString(rnd.nextLong(), 36) + "\u00e9\t\\";
            case 6 -> {
                List<Object> l = new ArrayList<>();
                l.add(randomValue(rnd, depth + 1));
                l.add(randomValue(rnd, depth + 1));
                yield l;
            }
            default -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("k", randomValue(rnd, depth + 1));
                yield m;
            }
        };
    }
}
