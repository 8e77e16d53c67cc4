package dev.unravel.engine.run;

import dev.unravel.core.Event;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.source.Utf8Stream;
import dev.unravel.ingest.source.Inputs;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Reads a file only as far as its first event, for {@link FileOrder} to place a log file whose
 * path names no date. The file is opened as a scan opens it (gzip and ZIP undone, the format
 * recognised), and its content ends for the reader once an event has come: the reader finishes the
 * buffer it holds and stops, so a peek costs a buffer of records, not the file. (An exception
 * thrown from the event consumer would not do: the readers quarantine a record whose handling
 * fails and go on with the next.) Errors are the scan's to report when it reads the file; here a
 * file that cannot be read has no first event.
 */
public final class FirstEventPeek implements FileOrder.FirstEvents {

    private final Predicate<String> isRecord;

    /** @param isRecord whether an event type is a record (an inventory row) rather than a log event */
    public FirstEventPeek(Predicate<String> isRecord) {
        this.isRecord = isRecord;
    }

    @Override
    public FileOrder.FirstEvent peek(Path file) {
        Event first = first(file, new long[1]);
        return first == null ? null : new FileOrder.FirstEvent(first.time(), isRecord.test(first.type()));
    }

    /** The file's first event, or null; {@code delivered[0]} counts the events the reader made before it stopped. */
    static Event first(Path file, long[] delivered) {
        Event[] first = new Event[1];
        Ingest ingest = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, e -> {
            delivered[0]++;
            if (first[0] == null) {
                first[0] = e;
            }
        }, 0);
        Inputs.visit(file, new Inputs.Visitor() {
            @Override
            public void file(String name, Sample sample, InputStream content, Utf8Stream.Encoding encoding) {
                if (first[0] == null) { // an archive's later entries are not read once one gave an event
                    ingest.read(name, sample, new UntilFound(content, first), encoding);
                }
            }

            @Override
            public void unreadable(String name, String reason) {
                // the scan says why when it reads the file
            }
        });
        return first[0];
    }

    /** The content, ending once an event has been found. */
    private static final class UntilFound extends FilterInputStream {
        private final Event[] found;

        UntilFound(InputStream in, Event[] found) {
            super(in);
            this.found = found;
        }

        @Override
        public int read() throws IOException {
            return found[0] != null ? -1 : super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return found[0] != null ? -1 : super.read(b, off, len);
        }
    }
}
