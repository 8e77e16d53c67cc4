package dev.unravel.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.core.json.JsonBytesParser;
import dev.unravel.core.testing.SharedData;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.ListArbitrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast path must build exactly what Jackson's path builds — same containers, same value
 * types, same text, interned keys — or decline; whatever Jackson rejects, it declines.
 */
class JsonLineParserTest {

    private static final Limits LIMITS = Limits.DEFAULT;
    private static final Object REJECTED = new Object() {
        @Override
        public String toString() {
            return "<rejected by Jackson>";
        }
    };

    /** Jackson's tree for the line, or REJECTED where the general path reports an error. */
    private static Object jackson(byte[] line, Limits limits) {
        try (JsonParser p = JsonRecords.factory(limits).createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return REJECTED;
            }
            Map<String, Object> doc = new JsonRecords.Tree(limits).read(p, Long.MAX_VALUE);
            return p.nextToken() == null ? doc : REJECTED;
        } catch (IOException | RecordException e) {
            return REJECTED;
        }
    }

    /** Whether the fast path took the line; fails when it built anything Jackson's path would not. */
    private static boolean agrees(JsonLineParser fast, byte[] line, Limits limits) {
        Map<String, Object> got = fast.parse(line, 0, line.length);
        if (got == null) {
            return false;
        }
        Object want = jackson(line, limits);
        String text = new String(line, StandardCharsets.UTF_8);
        assertThat(want).as("Jackson rejects what the fast path took: %s", text).isNotSameAs(REJECTED);
        assertSameTree(got, want, text);
        return true;
    }

    /** The line's tokens as Jackson reads them (names, texts, typed numbers), or null where it fails. */
    private static List<String> jacksonTokens(byte[] line) {
        List<String> out = new ArrayList<>();
        try (JsonParser p = JsonRecords.factory(LIMITS).createParser(line)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                out.add(describe(t, t == JsonToken.FIELD_NAME ? p.currentName() : t == JsonToken.VALUE_STRING
                        ? p.getText() : t.isNumeric() ? p.getNumberValue() : null));
            }
            return out;
        } catch (IOException e) {
            return null;
        }
    }

    /** The tokens the fast path pulls from the line, or null where it declines. */
    private static List<String> fastTokens(JsonLineParser p, byte[] line) {
        List<String> out = new ArrayList<>();
        try {
            p.start(line, 0, line.length);
            out.add(describe(JsonToken.START_OBJECT, null));
            JsonToken t;
            while ((t = jackson(p.nextToken())) != null) {
                out.add(describe(t, t == JsonToken.FIELD_NAME ? p.currentName() : t == JsonToken.VALUE_STRING
                        ? p.getText() : t.isNumeric() ? p.getNumberValue() : null));
            }
            return out;
        } catch (JsonLineParser.Declined d) {
            return null;
        } finally {
            p.finish();
        }
    }

    /** The fast path's token under Jackson's name for it. */
    private static JsonToken jackson(JsonBytesParser.Token t) {
        return t == null ? null : JsonToken.valueOf(t.name());
    }

    private static String describe(JsonToken t, Object value) {
        return value == null ? t.name() : t.name() + " " + value.getClass().getSimpleName() + " " + value;
    }

    /** Whether the token path took the line; fails when its tokens differ from Jackson's. */
    private static boolean tokensAgree(byte[] line) {
        List<String> got = fastTokens(new JsonLineParser(LIMITS), line);
        if (got == null) {
            return false;
        }
        assertThat(got).as(new String(line, StandardCharsets.UTF_8)).isEqualTo(jacksonTokens(line));
        return true;
    }

    private static boolean agrees(String line) {
        return agrees(new JsonLineParser(LIMITS), line.getBytes(StandardCharsets.UTF_8), LIMITS);
    }

    private static void assertSameTree(Object got, Object want, String where) {
        if (want == null) {
            assertThat(got).as(where).isNull();
            return;
        }
        assertThat(got).as(where).isNotNull();
        assertThat(got.getClass()).as(where).isEqualTo(want.getClass());
        if (want instanceof Map<?, ?> w) {
            Map<?, ?> g = (Map<?, ?>) got;
            assertThat(new ArrayList<>(g.keySet())).as(where).isEqualTo(new ArrayList<>(w.keySet()));
            for (Object k : g.keySet()) {
                assertThat(k).as("key is interned: " + where).isSameAs(((String) k).intern());
                assertSameTree(g.get(k), w.get(k), where + " ." + k);
            }
        } else if (want instanceof List<?> w) {
            List<?> g = (List<?>) got;
            assertThat(g).as(where).hasSameSizeAs(w);
            for (int i = 0; i < w.size(); i++) {
                assertSameTree(g.get(i), w.get(i), where + " [" + i + "]");
            }
        } else {
            assertThat(got).as(where).isEqualTo(want); // Double.equals tells -0.0 and NaN bits apart
        }
    }

    @Test
    void common_shapes_are_taken_and_built_as_jackson_builds_them() {
        for (String line : List.of(
                "{}",
                "{\"a\":1}",
                "  {\"a\" : 1 , \"b\" :[ ] ,\"c\":{ }}  \r",
                "{\"int\":2147483647,\"long\":2147483648,\"neg\":-2147483648,\"negLong\":-2147483649,"
                        + "\"max\":999999999999999999,\"zero\":0}",
                "{\"f\":1.5,\"e\":1e5,\"E\":1E+2,\"neg\":-0.0,\"small\":2.5e-308,\"ts\":1709251200.123456}",
                "{\"t\":true,\"f\":false,\"n\":null,\"list\":[1,\"x\",null,[true,{}]]}",
                "{\"path\":\"C:\\\\Windows\\\\System32\\\\cmd.exe\",\"q\":\"say \\\"hi\\\"\",\"ctl\":\"a\\tb\\nc\\r\\b\\f\\/\"}",
                "{\"u\":\"\\u00e9\\u4e2d\\ud83d\\ude00\\u0000\",\"lone\":\"\\ud800x\"}",
                "{\"é\":\"café\",\"中\":\"文字\",\"emoji\":\"😀\",\"k\\u0041y\":1}",
                "{\"dup\":1,\"other\":2,\"dup\":3}")) {
            assertThat(agrees(line)).as(line).isTrue();
        }
    }

    @Test
    void what_jackson_rejects_or_reads_differently_is_declined() {
        for (String line : List.of(
                "", "   ", "[1,2]", "\"text\"", "42", "{", "{\"a\":1", "{\"a\":1,}", "{\"a\":[1,]}", "{,}",
                "{\"a\":01}", "{\"a\":-}", "{\"a\":1.}", "{\"a\":.5}", "{\"a\":1e}", "{\"a\":+1}", "{\"a\":1.2.3}",
                "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":tru}", "{\"a\":truex}", "{\"a\":nul}", "{\"a\":'x'}",
                "{a:1}", "{\"a\":1} x", "{\"a\":1}{\"b\":2}", "{\"a\":1 /* c */}", "{\"a\":\"x\ty\"}",
                "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\u12g4\"}", "{\"a\":\"open}",
                "{\"a\":-0}", "{\"a\":1234567890123456789}", "{\"a\":1}\u0000")) {
            assertThat(agrees(line)).as(line).isFalse();
        }
    }

    @Test
    void tokens_are_pulled_as_jackson_gives_them_and_declined_where_the_tree_is() {
        assertThat(tokensAgree("{\"a\":[1,2.5,{\"b\":null}],\"c\":{},\"d\":[],\"e\":\"x\\ty\",\"f\":true}  "
                .getBytes(StandardCharsets.UTF_8))).isTrue();
        for (String bad : List.of("{\"a\":1,}", "{\"a\":[1,]}", "{\"a\" 1}", "{\"a\":1}x", "{\"a\":1", "[1]", "{\"a\":01}",
                "{\"a\":[,1]}", "{,}", "{\"a\":1}{}")) {
            assertThat(tokensAgree(bad.getBytes(StandardCharsets.UTF_8))).as(bad).isFalse();
        }
    }

    @Test
    void a_special_byte_at_any_position_of_a_long_string_is_seen() {
        // a quote, backslash, control or non-ASCII byte anywhere in a string sends it to the
        // decoding path (or declines it); a plain string is one copy
        String[] specials = {"\\\"", "\\\\", "\\n", "\u0001", "é", "😀", "\u007f", " ", "~", "\u00ff", "\u0080",
            "\u0100", "\\u0041", "\\\\é", "é\\\\Ā", "\\t\u00e9\\/"};
        JsonLineParser fast = new JsonLineParser(LIMITS);
        for (int length = 0; length < 40; length++) {
            for (int at = 0; at <= length; at++) {
                for (String special : specials) {
                    String text = "x".repeat(at) + special + "y".repeat(length - at);
                    String line = "{\"k\":\"" + text + "\",\"n\":1}";
                    byte[] b = line.getBytes(StandardCharsets.UTF_8);
                    boolean taken = agrees(fast, b, LIMITS);
                    assertThat(taken).as(line).isEqualTo(!special.equals("\u0001"));
                }
            }
        }
    }

    @Test
    void invalid_utf8_is_declined() {
        byte[][] bad = {
            {(byte) 0xC0, (byte) 0x80}, // overlong NUL
            {(byte) 0xE0, (byte) 0x80, (byte) 0x80}, // overlong
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
            {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
            {(byte) 0x80}, // a continuation byte alone
            {(byte) 0xC3}, // cut short
            {(byte) 0xFF},
        };
        for (byte[] b : bad) {
            for (String at : List.of("value", "key")) {
                byte[] prefix = (at.equals("value") ? "{\"a\":\"x" : "{\"x").getBytes(StandardCharsets.ISO_8859_1);
                byte[] suffix = (at.equals("value") ? "y\"}" : "y\":1}").getBytes(StandardCharsets.ISO_8859_1);
                byte[] line = new byte[prefix.length + b.length + suffix.length];
                System.arraycopy(prefix, 0, line, 0, prefix.length);
                System.arraycopy(b, 0, line, prefix.length, b.length);
                System.arraycopy(suffix, 0, line, prefix.length + b.length, suffix.length);
                assertThat(agrees(new JsonLineParser(LIMITS), line, LIMITS)).as(at + " " + java.util.Arrays.toString(b))
                        .isFalse();
            }
        }
    }

    @Test
    void nesting_and_strings_near_the_limits_are_left_to_jackson() {
        Limits small = new Limits(1 << 20, 4, 16, 80);
        JsonLineParser fast = new JsonLineParser(small);
        assertThat(agrees(fast, "{\"a\":{\"b\":{}}}".getBytes(StandardCharsets.UTF_8), small)).isTrue();
        assertThat(agrees(fast, "{\"a\":{\"b\":{\"c\":{\"d\":{}}}}}".getBytes(StandardCharsets.UTF_8), small)).isFalse();
        assertThat(agrees(fast, "{\"a\":\"0123456789abcdef\"}".getBytes(StandardCharsets.UTF_8), small)).isTrue();
        assertThat(agrees(fast, "{\"a\":\"0123456789abcdefg\"}".getBytes(StandardCharsets.UTF_8), small)).isFalse();
        assertThat(agrees(fast, "{\"a\":\"0123456789abcde\\u0066g\"}".getBytes(StandardCharsets.UTF_8), small))
                .isFalse();
    }

    @Test
    void a_line_inside_a_larger_buffer_is_read_within_its_bounds() {
        byte[] block = "{\"a\":1}{\"b\":\"x\"}\n{\"c\":[1".getBytes(StandardCharsets.UTF_8);
        JsonLineParser fast = new JsonLineParser(LIMITS);
        assertThat(fast.parse(block, 0, 7)).isEqualTo(Map.of("a", 1));
        assertThat(fast.parse(block, 7, 9)).isEqualTo(Map.of("b", "x"));
        assertThat(fast.parse(block, 17, 6)).isNull(); // cut: the next bytes are not its own
        assertThat(fast.parse(block, 0, 6)).isNull();
    }

    @Test
    void names_in_another_order_or_sharing_a_prefix_are_read_as_written() {
        JsonLineParser fast = new JsonLineParser(LIMITS);
        for (String line : List.of("{\"a\":1,\"ab\":2,\"b\":{\"a\":3}}", "{\"ab\":1,\"a\":2,\"b\":{\"ab\":3}}",
                "{\"a\":1,\"a\\\"\":2,\"b\":[{\"a\":1,\"abc\":2}]}", "{\"a\":1,\"ab\":2,\"b\":{\"a\":3}}", "{\"a\" :1,\"a\":2}",
                "{\"b\":1,\"a\":2,\"ab\":3}")) {
            for (int i = 0; i < 2; i++) {
                assertThat(agrees(fast, line.getBytes(StandardCharsets.UTF_8), LIMITS)).as(line).isTrue();
            }
        }
    }

    @Test
    void many_distinct_field_names_stay_correct_once_the_name_table_is_full() {
        JsonLineParser fast = new JsonLineParser(LIMITS);
        for (int i = 0; i < 3000; i++) {
            String line = "{\"name" + i + "\":" + i + ",\"shared\":\"v\"}";
            assertThat(agrees(fast, line.getBytes(StandardCharsets.UTF_8), LIMITS)).isTrue();
        }
    }

    @Test
    void every_line_a_simulated_company_writes_is_taken_and_built_as_jackson_builds_it(@TempDir Path dir)
            throws IOException {
        new Simulator(new SimConfig(60, 3, 7, 3, LocalDate.of(2026, 3, 2), dir, false), Simulator.Progress.NONE).run();
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".log"))
                    .filter(p -> !p.toString().contains("repos")).sorted().toList();
        }
        int[] counts = checkLines(files);
        assertThat(counts[0]).as("lines").isGreaterThan(3_000);
        // the simulator writes plain JSON lines: every one of them is the fast path's
        assertThat(counts[1]).as("lines taken; declined: %s", declined).isEqualTo(counts[0]);
    }

    @Test
    void every_vendor_sample_line_is_built_as_jackson_builds_it_or_declined() throws IOException {
        Path records = SharedData.require().resolve("data/vendor-samples/records");
        List<Path> files;
        try (Stream<Path> walk = Files.list(records)) {
            files = walk.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList();
        }
        Path otrf = SharedData.require().resolve("data/vendor-samples/otrf");
        List<Path> all = new ArrayList<>(files);
        all.add(otrf.resolve("NEWYORK_conn.log"));
        all.add(otrf.resolve("NEWYORK_dns.log"));
        int[] counts = checkLines(all);
        assertThat(counts[0]).isGreaterThan(1_000);
        assertThat(counts[1]).as("lines taken of %d; declined: %s", counts[0], declined)
                .isGreaterThan(counts[0] * 9 / 10);
    }

    @Test
    void every_sigma_regression_event_as_one_line_is_built_as_jackson_builds_it_or_declined() throws IOException {
        Path data = SharedData.require().resolve("data/sigma/regression_data");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        ObjectMapper mapper = new ObjectMapper();
        JsonLineParser fast = new JsonLineParser(LIMITS);
        int documents = 0;
        int taken = 0;
        for (Path file : files) {
            try (JsonParser p = mapper.getFactory().createParser(file.toFile())) {
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    byte[] line = mapper.writeValueAsBytes(mapper.readTree(p));
                    documents++;
                    taken += agrees(fast, line, LIMITS) ? 1 : 0;
                }
            }
        }
        assertThat(documents).isGreaterThan(200);
        assertThat(taken).as("documents taken of " + documents).isEqualTo(documents);
    }

    /** The first lines declined by {@link #checkLines}, for the failure message. */
    private final List<String> declined = new ArrayList<>();

    /** Lines read and lines the fast path took, checking each taken line against Jackson. */
    private int[] checkLines(List<Path> files) throws IOException {
        JsonLineParser fast = new JsonLineParser(LIMITS);
        int lines = 0;
        int taken = 0;
        for (Path f : files) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                if (!line.startsWith("{") || !line.strip().endsWith("}")) {
                    continue; // a header, a blank line, or a line of a pretty-printed document
                }
                lines++;
                if (agrees(fast, line.getBytes(StandardCharsets.UTF_8), LIMITS)) {
                    taken++;
                } else if (declined.size() < 5) {
                    declined.add(f.getFileName() + ": " + line);
                }
            }
        }
        return new int[] {lines, taken};
    }

    // ------------------------------------------------------------------ generated documents

    @Property(tries = 400)
    void generated_documents_are_taken_and_built_as_jackson_builds_them(@ForAll("documents") String json) {
        assertThat(agrees(json)).as(json).isTrue();
        assertThat(tokensAgree(json.getBytes(StandardCharsets.UTF_8))).as("tokens of " + json).isTrue();
    }

    @Property(tries = 1500)
    void damaged_documents_are_built_as_jackson_builds_them_or_declined(@ForAll("documents") String json,
            @ForAll("damage") int[] damage) {
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        int at = Math.floorMod(damage[0], b.length);
        byte[] line;
        switch (Math.floorMod(damage[1], 3)) {
            case 0 -> { // overwrite a byte
                line = b.clone();
                line[at] = (byte) damage[2];
            }
            case 1 -> { // delete a byte
                line = new byte[b.length - 1];
                System.arraycopy(b, 0, line, 0, at);
                System.arraycopy(b, at + 1, line, at, b.length - at - 1);
            }
            default -> { // insert a byte
                line = new byte[b.length + 1];
                System.arraycopy(b, 0, line, 0, at);
                line[at] = (byte) damage[2];
                System.arraycopy(b, at, line, at + 1, b.length - at);
            }
        }
        boolean taken = agrees(new JsonLineParser(LIMITS), line, LIMITS); // asserts inside when taken
        // the token path takes exactly the lines the tree path takes, with Jackson's tokens
        assertThat(tokensAgree(line)).isEqualTo(taken);
    }

    /** Bytes that damage JSON in telling ways: structure, escapes, number parts, literal letters, UTF-8 parts, a control byte. */
    private static final String DAMAGE = "{}[],:\"\\-.0eE19 tnuf\u00c3\u00a9\u00ff\u0001";

    @Provide
    Arbitrary<int[]> damage() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).array(int[].class).ofSize(3)
                .map(a -> new int[] {a[0], a[1], DAMAGE.charAt(a[2] % DAMAGE.length())});
    }

    @Provide
    Arbitrary<String> documents() {
        return object(3);
    }

    private Arbitrary<String> object(int depth) {
        Arbitrary<String> field = Arbitraries.lazy(() -> key().flatMap(k -> value(depth).map(v -> k + ":" + v)));
        ListArbitrary<String> fields = field.list().ofMaxSize(6);
        return fields.map(f -> "{" + String.join(",", f) + "}");
    }

    private Arbitrary<String> value(int depth) {
        List<Arbitrary<String>> choices = new ArrayList<>(List.of(
                text(),
                Arbitraries.integers().map(String::valueOf),
                // up to 18 digits: longer integers are the general path's (BigInteger when they do not fit a long)
                Arbitraries.longs().between(-999_999_999_999_999_999L, 999_999_999_999_999_999L).map(String::valueOf),
                Arbitraries.doubles().filter(Double::isFinite).map(String::valueOf),
                Arbitraries.of("true", "false", "null", "0", "-1", "1e3", "-2.5E-3", "123456789012345678", "0.1")));
        if (depth > 0) {
            choices.add(Arbitraries.lazy(() -> object(depth - 1)));
            choices.add(Arbitraries.lazy(() -> value(depth - 1).list().ofMaxSize(4)
                    .map(l -> "[" + String.join(" , ", l) + "]")));
        }
        return Arbitraries.oneOf(choices);
    }

    private Arbitrary<String> key() {
        // no escaped surrogates in names: Jackson refuses them there, so the fast path declines them
        return Arbitraries.oneOf(text(false), Arbitraries.of("\"type\"", "\"user\"", "\"ts\"", "\"id.orig_h\""));
    }

    private Arbitrary<String> text() {
        return text(true);
    }

    /** A JSON string literal: plain, escaped or Unicode characters, written plainly or as escapes. */
    private Arbitrary<String> text(boolean surrogateEscapes) {
        List<String> special = new ArrayList<>(List.of("\\\\", "\\\"", "\\/", "\\n", "\\t", "\\u00e9", "é", "中", "😀", " ",
                "C:\\\\Windows"));
        if (surrogateEscapes) {
            special.addAll(List.of("\\uD83D\\uDE00", "\\ud800"));
        }
        Arbitrary<String> piece = Arbitraries.oneOf(Arbitraries.strings().alpha().numeric().ofMaxLength(12),
                Arbitraries.of(special));
        return piece.list().ofMaxSize(4).map(p -> "\"" + String.join("", p) + "\"");
    }
}
