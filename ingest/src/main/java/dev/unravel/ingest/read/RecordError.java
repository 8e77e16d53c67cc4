package dev.unravel.ingest.read;

/**
 * Why one record (or a whole file) was not accepted: where it is, which field, what is wrong.
 *
 * @param file    the file as the user named it ({@code logs.zip!/okta/day1.json} inside archives)
 * @param record  1-based record number in the file, or 0 when the problem is the file itself
 * @param line    1-based line where the record starts, or 0 when unknown
 * @param field   the field at fault, or null when the record as a whole is
 * @param reason  what is wrong, in one sentence
 * @param excerpt the start of the raw record (bounded), or null
 */
public record RecordError(String file, long record, long line, String field, String reason, String excerpt) {

    /** {@code okta/day1.json:12 (record 12) field 'published': not a timestamp: "yesterday"} */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(file);
        if (line > 0) {
            b.append(':').append(line);
        }
        if (record > 0) {
            b.append(" (record ").append(record).append(')');
        }
        if (field != null) {
            b.append(" field '").append(field).append('\'');
        }
        return b.append(": ").append(reason).toString();
    }
}
