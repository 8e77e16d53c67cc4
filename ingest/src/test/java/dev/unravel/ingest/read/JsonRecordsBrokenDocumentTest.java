package dev.unravel.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.ingest.ReaderHarness;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonRecordsBrokenDocumentTest {

    private final Reader reader = new JsonReader() {
        @Override
        public String id() {
            return "test";
        }

        @Override
        public String description() {
            return "test";
        }

        @Override
        public int probe(Sample sample) {
            return 0;
        }

        @Override
        protected Event convert(Map<String, Object> doc, EventRef origin) {
            return new Event(Instant.EPOCH, "t", "t", null, null, null, null, doc, origin);
        }
    };

    @Test
    void aSyntaxErrorInsideADocumentIsThatDocumentsErrorNotAnExtraRecord() {
        // Not NDJSON (the first line is not a whole object), and the second document breaks midway.
        String text = "{\n \"a\": 1\n}\n{\n \"b\": \"caf\u00e9\\\"\n}\n";
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1); // é as a lone 0xE9: invalid UTF-8

        var r = ReaderHarness.read(reader, "docs.json", new ByteArrayInputStream(latin1), Limits.DEFAULT);

        assertThat(r.records()).isEqualTo(2);
        assertThat(r.events()).hasSize(1);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.record()).isEqualTo(2);
            assertThat(e.reason()).startsWith("is not valid JSON, so the rest of the file cannot be read");
        });
    }

    @Test
    void aSyntaxErrorBetweenDocumentsIsANewRecord() {
        var r = ReaderHarness.read(reader, "docs.json", "{\n \"a\": 1\n}\n}{\n");

        assertThat(r.records()).isEqualTo(2);
        assertThat(r.events()).hasSize(1);
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.record()).isEqualTo(2));
    }
}
