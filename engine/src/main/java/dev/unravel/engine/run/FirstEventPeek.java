package dev.unravel.engine.run;

import dev.unravel.core.Event;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads a file only as far as its first event, for {@link FileOrder} to place a log file whose
 * path names no date. The file is read as a scan reads it (gzip and ZIP undone, the format
 * recognised), and abandoned at the first event: what it costs is one record a file. Errors are
 * the scan's to report when it reads the file; here a file that cannot be read has no first event.
 */
public final class FirstEventPeek implements FileOrder.FirstEvents {
    /** Ends the read at the first event; no stack trace, it is not an error. */
    private static final class Enough extends RuntimeException {
        Enough() {
            super(null, null, false, false);
        }
    }

    private static final Enough ENOUGH = new Enough();

    private final Predicate<String> isRecord;

    /** @param isRecord whether an event type is a record (an inventory row) rather than a log event */
    public FirstEventPeek(Predicate<String> isRecord) {
        this.isRecord = isRecord;
    }

    @Override
    public FileOrder.FirstEvent peek(Path file) {
        Event[] first = new Event[1];
        try {
            new Ingest(null, Limits.DEFAULT, Quarantine.NONE, e -> {
                if (first[0] == null) {
                    first[0] = e;
                }
                throw ENOUGH; // the reader reports it as the file's failure, which nobody reads here
            }, 0).run(List.of(file));
        } catch (IOException | RuntimeException e) {
            // unreadable: the scan says why when it reads the file; an event before that still places it
        }
        return first[0] == null ? null : new FileOrder.FirstEvent(first[0].time(), isRecord.test(first[0].type()));
    }
}
