package dev.unravel.ingest.read;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Base for readers of JSON sources: framing, limits and error positions are handled here; a
 * subclass converts one parsed record into one event (or throws {@link RecordException}).
 */
public abstract class JsonReader implements Reader {

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        JsonRecords.read(input, sink, (doc, record, line) -> {
            Event e = convert(doc, new EventRef(input.name(), record));
            if (e != null) {
                sink.accept(e);
            }
        }, shortcut());
    }

    /**
     * A list of records that one record holds — an API's page of logs, an Event Hubs batch — and the
     * path it is at ({@code records}, {@code response.authlogs}).
     */
    public record Page(String path, List<?> entries) {
    }

    /**
     * Reads a source whose records may be pages of records: each entry of a page is a record of its
     * own, read or rejected alone, its errors naming it ({@code records.3.properties.Timestamp});
     * any other record is converted as it is. {@code page} tells a page from a record (null).
     */
    protected final void readPages(Input input, RecordSink to, Function<Map<String, Object>, Page> page)
            throws IOException {
        NumberedSink sink = new NumberedSink(to);
        JsonRecords.read(input, sink, (doc, record, line) -> {
            Page p = page.apply(doc);
            if (p == null) {
                Event e = convert(doc, new EventRef(input.name(), sink.current()));
                if (e != null) {
                    sink.accept(e);
                }
                return;
            }
            sink.entries(input, line, p.path(), p.entries(), this::convert);
        });
    }

    /** A shortcut for one-line records of the common shape ({@link JsonRecords.Shortcut}); none by default. */
    protected JsonRecords.Shortcut shortcut() {
        return null;
    }

    /**
     * One record to one event; {@code origin} goes into the event for evidence. Null means the
     * record is read, valid and deliberately yields no event (a sensor's own configuration log):
     * it counts as accepted, and the summary's event count shows the difference.
     */
    protected abstract Event convert(Map<String, Object> doc, EventRef origin) throws RecordException;

    /** The first of {@code paths} that holds a timestamp, as an instant; a clear error when none does. */
    protected static Instant time(Map<String, Object> doc, String... paths) throws RecordException {
        for (String path : paths) {
            Object v = Docs.get(doc, path);
            if (v != null && !(v instanceof String s && s.isBlank())) {
                Instant t = Times.parse(v);
                if (t == null) {
                    throw RecordException.invalid(path, "a timestamp", v);
                }
                return t;
            }
        }
        throw new RecordException(paths[0], "is missing: the record has no timestamp");
    }
}
