package dev.unravel.ingest.format.records;

import dev.unravel.ingest.read.RecordException;
import java.time.Instant;

/** One checked row as a {@link RecordKind} converter sees it, in our column names. */
interface RowView {

    /** The value of a column of our schema, or null when the file has no such column or the field is empty. */
    String get(String column);

    default boolean has(String column) {
        return get(column) != null;
    }

    /** The instant of a date (start of the day, UTC) or timestamp column; the value has been checked. */
    Instant time(String column) throws RecordException;

    /** Delivers one event for this row, with the row as its document. */
    void emit(Instant time, String type, String user, String host, String sourceIp);
}
