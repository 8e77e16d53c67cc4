package dev.unravel.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A reader's shortcut is tried on NDJSON lines; what it declines is read the general way, and a
 * file whose lines it mostly declines stops trying it (each declined line is parsed twice).
 */
class JsonRecordsShortcutTest {

    @Test
    void takenLinesSkipTheTreeDeclinedOnesAreReadTheGeneralWay() throws IOException {
        int[] calls = {0};
        // takes every line whose "n" is even
        JsonRecords.Shortcut evens = (p, origin) -> {
            calls[0]++;
            p.nextToken(); // "n"
            p.nextToken();
            int n = p.getNumberValue().intValue();
            p.nextToken(); // END_OBJECT
            return n % 2 == 0 ? new Event(Instant.EPOCH, "t", "shortcut", null, null, null, null, null, origin) : null;
        };
        Result r = read(200, evens);
        assertThat(r.types).hasSize(200);
        assertThat(r.types.stream().filter("shortcut"::equals)).hasSize(100);
        assertThat(r.types.stream().filter("tree"::equals)).hasSize(100);
        assertThat(calls[0]).as("half taken: tried on every line").isEqualTo(200);
    }

    @Test
    void aFileOfLinesTheShortcutDeclinesStopsTryingIt() throws IOException {
        int[] calls = {0};
        JsonRecords.Shortcut never = (p, origin) -> {
            calls[0]++;
            return null;
        };
        Result r = read(1_000, never);
        assertThat(r.types).hasSize(1_000).containsOnly("tree");
        assertThat(calls[0]).isEqualTo(JsonRecords.SHORTCUT_GRACE + 1);
    }

    private record Result(List<String> types, List<RecordError> errors) {
    }

    private static Result read(int lines, JsonRecords.Shortcut shortcut) throws IOException {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            text.append("{\"n\":").append(i).append("}\n");
        }
        Input input = new Input("lines.json", new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)),
                Limits.DEFAULT);
        List<String> types = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        RecordSink sink = new RecordSink() {
            @Override
            public void accept(Event event) {
                types.add(event.type());
            }

            @Override
            public void reject(RecordError error) {
                errors.add(error);
            }
        };
        JsonRecords.read(input, sink, (doc, record, line) -> sink.accept(
                new Event(Instant.EPOCH, "t", "tree", null, null, null, null, doc, null)), shortcut);
        assertThat(errors).isEmpty();
        return new Result(types, errors);
    }
}
