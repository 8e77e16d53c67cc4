package dev.unravel.ingest.format.windows;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Damages real records the ways bad input does, for property tests: a key dropped anywhere in the
 * tree, a value replaced by one of another type, the text cut at a random byte, random bytes.
 */
public final class Mutations {
    private static final JsonFactory JSON = new JsonFactory();

    private Mutations() {
    }

    /** One mutated version of {@code record} (compact, one line unless random bytes bring a line end). */
    public static String mutate(String record, Random random) {
        Object tree = parse(record);
        return switch (random.nextInt(5)) {
            case 0 -> write(dropKey(tree, random));
            case 1 -> write(replaceValue(tree, random));
            case 2 -> {
                String compact = write(tree);
                byte[] b = compact.getBytes(StandardCharsets.UTF_8);
                yield new String(b, 0, random.nextInt(b.length + 1), StandardCharsets.UTF_8);
            }
            case 3 -> {
                byte[] junk = new byte[random.nextInt(200)];
                random.nextBytes(junk);
                yield new String(junk, StandardCharsets.ISO_8859_1);
            }
            default -> write(replaceValue(dropKey(tree, random), random));
        };
    }

    @SuppressWarnings("unchecked")
    private static Object dropKey(Object tree, Random random) {
        List<Map<String, Object>> maps = new ArrayList<>();
        collect(tree, maps);
        Map<String, Object> m = maps.get(random.nextInt(maps.size()));
        if (!m.isEmpty()) {
            List<String> keys = new ArrayList<>(m.keySet());
            m.remove(keys.get(random.nextInt(keys.size())));
        }
        return tree;
    }

    private static Object replaceValue(Object tree, Random random) {
        List<Map<String, Object>> maps = new ArrayList<>();
        collect(tree, maps);
        Map<String, Object> m = maps.get(random.nextInt(maps.size()));
        if (!m.isEmpty()) {
            List<String> keys = new ArrayList<>(m.keySet());
            m.put(keys.get(random.nextInt(keys.size())), randomValue(random));
        }
        return tree;
    }

    private static Object randomValue(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> random.nextBoolean();
            case 2 -> random.nextLong();
            case 3 -> random.nextDouble() * 1e12;
            case 4 -> "";
            case 5 -> List.of("x", 1);
            case 6 -> new LinkedHashMap<>(Map.of("#text", "y"));
            default -> Long.toString(random.nextLong(), 36);
        };
    }

    @SuppressWarnings("unchecked")
    private static void collect(Object node, List<Map<String, Object>> maps) {
        if (node instanceof Map<?, ?> m) {
            maps.add((Map<String, Object>) m);
            m.values().forEach(v -> collect(v, maps));
        } else if (node instanceof List<?> l) {
            l.forEach(v -> collect(v, maps));
        }
    }

    static Object parse(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            p.nextToken();
            return read(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Object read(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String k = p.currentName();
                    p.nextToken();
                    m.put(k, read(p));
                }
                return m;
            }
            case START_ARRAY -> {
                List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p));
                }
                return l;
            }
            case VALUE_STRING -> {
                return p.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return p.getNumberValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return p.getBooleanValue();
            }
            default -> {
                return null;
            }
        }
    }

    static String write(Object tree) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
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
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Number n) {
            g.writeNumber(n.toString());
        } else {
            g.writeNull();
        }
    }
}
