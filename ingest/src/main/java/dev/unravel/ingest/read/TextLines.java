package dev.unravel.ingest.read;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import java.io.IOException;

/**
 * Logs of one record a line of text (syslog as a collector writes it): every non-blank line is a
 * record, converted alone; a line the converter rejects, or longer than the record limit, is
 * quarantined with its line number and the lines around it are read.
 */
public final class TextLines {
    private TextLines() {
    }

    /** Converts one line into its event; throws {@link RecordException} for a bad line. */
    @FunctionalInterface
    public interface Converter {
        Event convert(String line, EventRef origin) throws RecordException;
    }

    public static void read(Input input, RecordSink sink, Converter converter) throws IOException {
        Limits limits = input.limits();
        LineReader lines = new LineReader(input.stream(), limits.maxRecordBytes());
        long record = 0;
        while (lines.next()) {
            if (lines.blank()) {
                continue;
            }
            record++;
            sink.record();
            if (lines.overflow()) {
                sink.reject(input.error(record, lines.lineNumber(), null, "is longer than the record limit of "
                        + limits.maxRecordBytes() + " bytes; skipped", lines.excerpt(limits.excerptChars())));
                continue;
            }
            String line = lines.excerpt(Integer.MAX_VALUE);
            try {
                sink.accept(converter.convert(line, new EventRef(input.name(), record)));
            } catch (RecordException e) {
                sink.reject(input.error(record, lines.lineNumber(), e.field(), e.getMessage(), line));
            } catch (RuntimeException e) {
                // a reader bug must not lose the rest of the file; the line is quarantined with the cause
                sink.reject(input.error(record, lines.lineNumber(), null, "could not be read (" + e + ")", line));
            }
        }
    }
}
