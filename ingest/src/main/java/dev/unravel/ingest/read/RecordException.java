package dev.unravel.ingest.read;

/**
 * Thrown by a reader's conversion of one record when the record is unusable: the framework turns
 * it into a {@link RecordError} with the file and position and carries on with the next record.
 */
public final class RecordException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String field;

    public RecordException(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    /** The field at fault, or null. */
    public String field() {
        return field;
    }

    /** A required field is absent or empty. */
    public static RecordException missing(String field) {
        return new RecordException(field, "is missing");
    }

    /** A field holds something of the wrong shape; the value is quoted, shortened. */
    public static RecordException invalid(String field, String what, Object value) {
        return new RecordException(field, "is not " + what + ": " + Limits.quote(value));
    }
}
