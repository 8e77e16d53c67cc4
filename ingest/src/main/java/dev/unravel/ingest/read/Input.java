package dev.unravel.ingest.read;

import java.io.InputStream;

/**
 * One logical file being read: its display name and its content as UTF-8 bytes (already
 * decompressed and transcoded), readable once.
 *
 * @param name   the name to show in errors ({@code logs.zip!/okta/day1.json})
 * @param stream the content, UTF-8
 * @param limits bounds on hostile input
 */
public record Input(String name, InputStream stream, Limits limits) {

    /** An error about record {@code record} starting at {@code line}. */
    public RecordError error(long record, long line, String field, String reason, String excerpt) {
        String cut = excerpt == null ? null
                : excerpt.length() <= limits.excerptChars() ? excerpt : excerpt.substring(0, limits.excerptChars());
        return new RecordError(name, record, line, field, reason, cut);
    }
}
