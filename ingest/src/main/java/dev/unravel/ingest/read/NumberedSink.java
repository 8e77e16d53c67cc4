package dev.unravel.ingest.read;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import java.util.List;
import java.util.Map;

/**
 * Numbers records as they are counted, for readers whose JSON records can hold records of their
 * own (an API page of logs: Duo's Admin API response, a Microsoft Graph page, an Event Hubs batch).
 * Each entry of a page is a record, read or rejected alone, and a record the framing rejects (it
 * numbers by its own count, one a page) gets the number that follows the entries before it: no two
 * records share a number, and no record is both read and rejected.
 */
public final class NumberedSink implements RecordSink {

    /** Converts one entry of a page into an event. */
    public interface Entry {
        Event convert(Map<String, Object> entry, EventRef origin) throws RecordException;
    }

    /** Converts one entry of a page into its events, none, one or several (a call record: one a participant). */
    public interface EntryEvents {
        List<Event> convert(Map<String, Object> entry, EventRef origin) throws RecordException;
    }

    private final RecordSink to;
    private long current;

    public NumberedSink(RecordSink to) {
        this.to = to;
    }

    /** The number of the record being read. */
    public long current() {
        return current;
    }

    @Override
    public void record() {
        current++;
        to.record();
    }

    @Override
    public void accept(Event event) {
        to.accept(event);
    }

    @Override
    public void reject(RecordError e) {
        to.reject(e.record() == 0 || e.record() == current ? e
                : new RecordError(e.file(), current, e.line(), e.field(), e.reason(), e.excerpt()));
    }

    /**
     * Reads the entries of a page the framing counted as one record: the first entry is that record,
     * each further one a record of its own; an entry that is not an object, or that {@code entry}
     * rejects, is an error naming it ({@code path.3.field}). An empty page yields nothing.
     */
    public void entries(Input input, long line, String path, List<?> items, Entry entry) {
        // an event at a time, straight to the sink: most pages are logs of one event each (an Entra
        // sign-in, an Event Hubs record), and no list is made for each
        each(input, line, path, items, (one, origin) -> {
            Event e = entry.convert(one, origin);
            if (e != null) { // null: read, and deliberately no event
                accept(e);
            }
        });
    }

    /** As {@link #entries}, each entry yielding its events: all of them, or (rejected) none. */
    public void entryEvents(Input input, long line, String path, List<?> items, EntryEvents entry) {
        each(input, line, path, items, (one, origin) -> {
            for (Event e : entry.convert(one, origin)) { // all converted before the first is accepted
                accept(e);
            }
        });
    }

    /** Reads one entry into this sink, or throws naming what is wrong. */
    private interface Reading {
        void read(Map<String, Object> entry, EventRef origin) throws RecordException;
    }

    private void each(Input input, long line, String path, List<?> items, Reading reading) {
        for (int i = 0; i < items.size(); i++) {
            if (i > 0) {
                record();
            }
            long n = current;
            String at = path + "." + i;
            try {
                if (!(items.get(i) instanceof Map<?, ?> m)) {
                    throw RecordException.invalid(at, "a JSON object", items.get(i));
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> one = (Map<String, Object>) m;
                reading.read(one, new EventRef(input.name(), n));
            } catch (RecordException ex) {
                String field = ex.field() == null ? at : ex.field().startsWith(at) ? ex.field() : at + "." + ex.field();
                reject(input.error(n, line, field, ex.getMessage(), null));
            }
        }
    }
}
