package dev.unravel.triage.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Fails a decompressed stream once it has produced more than a cap. Entry contents are bounded
 * where they are read; this bounds what an archive format pulls on its own (tar headers, PAX
 * records, entries it skips), which a hostile archive can make as large as its content.
 */
final class InflationCap extends FilterInputStream {

    private final long cap;
    private long produced;

    InflationCap(InputStream decompressed, long cap) {
        super(decompressed);
        this.cap = cap;
    }

    @Override
    public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // skipping still inflates: read through the cap rather than trusting the stream's skip
        byte[] buffer = new byte[(int) Math.min(n, 64 * 1024)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    private void count(int n) throws Exceeded {
        produced += n;
        if (produced > cap) {
            throw new Exceeded("the archive inflates past " + cap + " bytes");
        }
    }

    /** The cap was reached. */
    static final class Exceeded extends IOException {
        private static final long serialVersionUID = 1L;

        Exceeded(String message) {
            super(message);
        }
    }
}
