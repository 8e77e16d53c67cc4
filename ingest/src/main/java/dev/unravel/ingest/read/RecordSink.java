package dev.unravel.ingest.read;

import dev.unravel.core.Event;

/** Where a reader delivers what it read: every record becomes events or an error, never nothing. */
public interface RecordSink {

    /** A record read; a record may yield several events (an employee row: hire and termination). */
    void accept(Event event);

    /** A record (or the rest of the file) that could not be read. */
    void reject(RecordError error);

    /** Called once per record read, before its events or error, so that read counts are exact. */
    default void record() {
    }
}
