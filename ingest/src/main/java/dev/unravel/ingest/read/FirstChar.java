package dev.unravel.ingest.read;

import java.io.BufferedInputStream;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import java.io.IOException;
import java.util.Map;

/**
 * The first character of an input after any blank space (-1 for none), and the input to read
 * from then on, which still holds it: a reader whose format comes as JSON or as text lines tells
 * which from it, and its line numbers still count from the file's first line.
 *
 * @param value the first non-blank byte, or -1 when the input is blank or empty
 * @param input the input to read, from its start
 */
public record FirstChar(int value, Input input) {

    /** At most this much blank space is looked past. */
    private static final int LOOK = 4096;

    public static FirstChar of(Input input) throws IOException {
        BufferedInputStream in = new BufferedInputStream(input.stream(), 1 << 16);
        in.mark(LOOK);
        int b;
        int skipped = 0;
        do {
            b = in.read();
        } while ((b == ' ' || b == '\t' || b == '\r' || b == '\n') && ++skipped < LOOK);
        in.reset();
        return new FirstChar(b, new Input(input.name(), in, input.limits()));
    }

    /** Whether the input is JSON: an object or an array. */
    public boolean json() {
        return value == '{' || value == '[';
    }

    /** One JSON record as an event; throws {@link RecordException} for a bad record. */
    @FunctionalInterface
    public interface JsonEvent {
        Event of(Map<String, Object> document, EventRef origin) throws RecordException;
    }

    /** Reads a text input from its start. */
    @FunctionalInterface
    public interface TextReader {
        void read(Input input) throws IOException;
    }

    /**
     * Reads a log that a product writes as JSON or as text (syslog, CSV): JSON objects — one a line,
     * or in an array — each made an event by {@code json}, else the input as {@code text} reads it,
     * its line numbers still counting from the file's first line. A blank input holds no records.
     */
    public static void readJsonOrText(Input input, RecordSink sink, JsonEvent json, TextReader text)
            throws IOException {
        FirstChar first = of(input);
        if (first.value() == -1) {
            return;
        }
        if (first.json()) {
            JsonRecords.read(first.input(), sink, (document, record, line) -> sink.accept(json.of(document,
                    new EventRef(input.name(), record))));
            return;
        }
        text.read(first.input());
    }
}
