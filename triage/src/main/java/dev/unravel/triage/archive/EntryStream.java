package dev.unravel.triage.archive;

import java.io.FilterInputStream;
import java.io.InputStream;
import java.util.function.LongSupplier;

/**
 * One entry's content as read from an archive stream, with the compressed bytes consumed for it
 * so far (what bomb ratios are measured against, rather than the size the archive declares).
 * Closing it leaves the archive stream open for the next entry.
 */
final class EntryStream extends FilterInputStream {

    private final LongSupplier compressedRead;

    EntryStream(InputStream content, LongSupplier compressedRead) {
        super(content);
        this.compressedRead = compressedRead;
    }

    /** Compressed bytes consumed for this entry, or -1 when the format cannot tell. */
    long compressedRead() {
        return compressedRead.getAsLong();
    }

    @Override
    public void close() {
        // the archive stream owns the underlying stream
    }
}
