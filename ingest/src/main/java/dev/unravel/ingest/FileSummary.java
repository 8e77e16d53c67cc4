package dev.unravel.ingest;

import dev.unravel.ingest.read.RecordError;
import java.util.List;

/**
 * What reading one file gave.
 *
 * @param file        the file as named ({@code logs.zip!/okta/day1.json})
 * @param format      the reader's id, {@code unknown} when nothing recognised it, {@code empty} for an empty file
 * @param confidence  how sure sniffing was (100 when forced with {@code --format})
 * @param encoding    the text encoding found
 * @param records     records read
 * @param accepted    records that became events
 * @param quarantined records rejected (each in the quarantine file with its reason)
 * @param events      events produced (a record may give several)
 * @param errors      the first errors, in order
 * @param failure     why the file could not be read to its end, or null
 */
public record FileSummary(String file, String format, int confidence, String encoding, long records, long accepted,
        long quarantined, long events, List<RecordError> errors, String failure) {

    /** The format of a file no reader recognised. */
    public static final String UNKNOWN = "unknown";

    /** The format of a file passed over on purpose (hidden, a git repository): {@code failure} says why. */
    public static final String SKIPPED = "skipped";
}
