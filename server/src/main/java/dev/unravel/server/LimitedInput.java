package dev.unravel.server;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body read to at most a number of bytes, then {@link TooLarge}: a batch is bounded as it
 * streams (after decompression, so a gzip bomb stops at the limit), never held whole to be measured;
 * and, where strangers may send, within a time, then {@link TooSlow}.
 */
final class LimitedInput extends FilterInputStream {

    /** The body went past the limit. */
    static final class TooLarge extends IOException {
        TooLarge(long limit) {
            super("larger than " + limit + " bytes");
        }
    }

    /** The body came more slowly than the reader waits for. */
    static final class TooSlow extends IOException {
        TooSlow(java.time.Duration within) {
            super("not sent within " + (within.toMillis() % 1000 == 0 ? within.toSeconds() + " s"
                    : within.toMillis() + " ms"));
        }
    }

    private final long limit;
    private long read;
    /** {@link System#nanoTime()} after which a read fails; {@code Long.MAX_VALUE}: no deadline. */
    private final long deadline;
    private final java.time.Duration within;

    LimitedInput(InputStream in, long limit) {
        super(in);
        this.limit = limit;
        this.deadline = Long.MAX_VALUE;
        this.within = null;
    }

    /**
     * A body read to at most {@code limit} bytes and within {@code within} of now: a sender that
     * trickles bytes to hold the reader is cut off at its next byte after the deadline (one that
     * sends nothing, by the server's idle timeout).
     */
    LimitedInput(InputStream in, long limit, java.time.Duration within) {
        super(in);
        this.limit = limit;
        this.deadline = System.nanoTime() + within.toNanos();
        this.within = within;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            counted(1);
        }
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) {
            counted(n);
        }
        return n;
    }

    private void counted(int n) throws IOException {
        read += n;
        if (read > limit) {
            throw new TooLarge(limit);
        }
        if (deadline != Long.MAX_VALUE && System.nanoTime() - deadline > 0) {
            throw new TooSlow(within);
        }
    }
}
