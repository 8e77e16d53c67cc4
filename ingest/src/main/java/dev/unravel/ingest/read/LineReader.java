package dev.unravel.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Lines of bytes with a bounded buffer: an over-long line is consumed and flagged, never held.
 * Reads the stream in blocks (a byte-at-a-time read through a synchronised buffered stream was
 * the largest cost of NDJSON parsing).
 */
public final class LineReader {
    private final InputStream in;
    private final int max;
    private final byte[] block = new byte[1 << 16];
    private int blockPos;
    private int blockLen;
    private byte[] buf = new byte[8192];
    private int len;
    private boolean overflow;
    private long lineNumber;
    private boolean eof;

    /** @param max the longest line kept, in bytes; longer lines are consumed and flagged */
    public LineReader(InputStream in, int max) {
        this.in = in;
        this.max = max;
    }

    public boolean next() throws IOException {
        if (eof) {
            return false;
        }
        len = 0;
        overflow = false;
        lineNumber++;
        boolean any = false;
        while (true) {
            if (blockPos == blockLen) {
                blockLen = in.read(block, 0, block.length);
                blockPos = 0;
                if (blockLen <= 0) {
                    blockLen = 0;
                    eof = true;
                    break;
                }
            }
            any = true;
            int start = blockPos;
            int nl = -1;
            for (int i = start; i < blockLen; i++) {
                if (block[i] == '\n') {
                    nl = i;
                    break;
                }
            }
            int end = nl < 0 ? blockLen : nl;
            append(start, end - start);
            blockPos = nl < 0 ? blockLen : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        if (len > 0 && buf[len - 1] == '\r') {
            len--;
        }
        return any;
    }

    private void append(int from, int n) {
        int room = max - len;
        if (n > room) {
            overflow = true;
            n = Math.max(0, room);
        }
        if (len + n > buf.length) {
            buf = java.util.Arrays.copyOf(buf, Math.min(max, Math.max(buf.length * 2, len + n)));
        }
        System.arraycopy(block, from, buf, len, n);
        len += n;
    }

    public boolean blank() {
        for (int i = 0; i < len; i++) {
            byte c = buf[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return !overflow;
    }

    public boolean overflow() {
        return overflow;
    }

    public byte[] buffer() {
        return buf;
    }

    public int length() {
        return len;
    }

    public long lineNumber() {
        return lineNumber;
    }

    /** The line as text, cut to {@code chars} characters. */
    public String excerpt(int chars) {
        // A character is at most four bytes: decode no more than the excerpt can use.
        String s = new String(buf, 0, (int) Math.min(len, chars * 4L), StandardCharsets.UTF_8);
        return s.length() <= chars ? s : s.substring(0, chars);
    }
}
