package dev.unravel.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.FieldMap;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * parseFirst, which reads documents back to back. (The tree the parser builds is held to
 * Jackson's, value by value, by the ingest module's JsonLineParserTest.)
 */
class JsonBytesParserTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void parseFirst_readsDocumentsBackToBack_andSaysWhereEachEnds() {
        byte[] b = utf8("  {\"a\": 1, \"b\": [true, null, \"x\"]}\n{\"a\": 2}{\"c\": {\"d\": -3.5}}  ");
        JsonBytesParser p = new JsonBytesParser(64, 1 << 20);
        FieldMap first = p.parseFirst(b, 0, b.length);
        assertThat(first).containsEntry("a", 1).containsEntry("b", java.util.Arrays.asList(true, null, "x"));
        int at = p.next();
        assertThat(b[at - 1]).isEqualTo((byte) '}');
        FieldMap second = p.parseFirst(b, at, b.length - at);
        assertThat(second).isEqualTo(Map.of("a", 2));
        at = p.next();
        FieldMap third = p.parseFirst(b, at, b.length - at);
        assertThat(third.get("c")).isEqualTo(Map.of("d", -3.5));
        at = p.next();
        assertThat(new String(b, at, b.length - at, StandardCharsets.UTF_8)).isBlank();
        // parse insists on one document alone; parseFirst does not
        assertThat(p.parse(b, 0, b.length)).isNull();
        byte[] lone = utf8("{\"a\": 1}");
        assertThat(p.parse(lone, 0, lone.length)).isEqualTo(p.parseFirst(lone, 0, lone.length));
    }

    @Test
    void parseFirst_declinesAnObjectCutShort_andWhatItCannotRead() {
        JsonBytesParser p = new JsonBytesParser(64, 1 << 20);
        for (String cut : List.of("{\"a\": 1", "{\"a\": \"tex", "{\"a\"", "{", "", "   ", "[1]", "{\"a\": 12345678901234567890}")) {
            byte[] b = utf8(cut);
            assertThat(p.parseFirst(b, 0, b.length)).as(cut).isNull();
        }
        // keys are the same String each time: readers look fields up by identity first
        byte[] b = utf8("{\"Image\": \"x\"}{\"Image\": \"y\"}");
        FieldMap one = p.parseFirst(b, 0, b.length);
        FieldMap two = p.parseFirst(b, p.next(), b.length - p.next());
        assertThat(one.keyAt(0)).isSameAs(two.keyAt(0)).isSameAs("Image".intern());
    }

    @Test
    void skipChildren_passesANestedValue_andDeclinesOneCutShort() {
        JsonBytesParser p = new JsonBytesParser(64, 1 << 20);
        byte[] json = "{\"a\": {\"b\": [1, {\"c\": \"x\"}], \"d\": {}}, \"e\": 2, \"f\": \"s\"}"
                .getBytes(StandardCharsets.UTF_8);
        p.start(json, 0, json.length); // past the root's START_OBJECT
        assertThat(p.nextToken()).isEqualTo(JsonBytesParser.Token.FIELD_NAME);
        p.skipChildren(p.nextToken()); // the object under "a"
        assertThat(p.nextToken()).isEqualTo(JsonBytesParser.Token.FIELD_NAME);
        assertThat(p.currentName()).isEqualTo("e");
        p.skipChildren(p.nextToken()); // a scalar: nothing to pass
        assertThat(p.nextToken()).isEqualTo(JsonBytesParser.Token.FIELD_NAME);
        assertThat(p.currentName()).isEqualTo("f");
        p.finish();

        byte[] cut = "{\"a\": {\"b\": [1, 2".getBytes(StandardCharsets.UTF_8);
        p.start(cut, 0, cut.length);
        p.nextToken(); // "a"
        JsonBytesParser.Token open = p.nextToken();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> p.skipChildren(open))
                .isInstanceOf(JsonBytesParser.Declined.class);
        p.finish();
    }
}
