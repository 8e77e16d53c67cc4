package dev.unravel.ingest.read;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Lines of bytes with a bounded buffer: an over-long line is consumed and flagged, never held.
 * Reads the stream in blocks (a byte-at-a-time read through a synchronised buffered stream was
 * the largest cost of NDJSON parsing). A line that lies inside the current block is handed out
 * where it is, without a copy ({@link #buffer()} and {@link #offset()}); the line break is found
 * eight bytes at a time. The buffer is valid until the next call to {@link #next()}.
 */
public final class LineReader {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private final InputStream in;
    private final int max;
    private final byte[] block = new byte[1 << 16];
    private int blockPos;
    private int blockLen;
    private byte[] buf = new byte[8192];
    /** The current line: {@code line[off, off + len)}, in the block or in {@code buf}. */
    private byte[] line = buf;
    private int off;
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
        off = 0;
        line = buf;
        overflow = false;
        lineNumber++;
        if (blockPos < blockLen) {
            int nl = newline(block, blockPos, blockLen);
            if (nl >= 0) {
                // The whole line is in the block: hand it out in place.
                line = block;
                off = blockPos;
                len = nl - blockPos;
                blockPos = nl + 1;
                if (len > max) {
                    overflow = true;
                    len = max;
                } else if (len > 0 && block[off + len - 1] == '\r') {
                    len--;
                }
                return true;
            }
        }
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
            int nl = newline(block, start, blockLen);
            int end = nl < 0 ? blockLen : nl;
            append(start, end - start);
            blockPos = nl < 0 ? blockLen : nl + 1;
            if (nl >= 0) {
                break;
            }
        }
        line = buf; // append may have grown it
        if (len > 0 && buf[len - 1] == '\r') {
            len--;
        }
        return any;
    }

    /** The position of the first '\n' in {@code b[from, to)}, or −1; eight bytes per step. */
    static int newline(byte[] b, int from, int to) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ NEWLINES;
            // A zero byte of x is a newline; the lowest flagged byte is always a true one.
            long t = (x - ONES) & ~x & HIGHS;
            if (t != 0) {
                return i + (Long.numberOfTrailingZeros(t) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
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
        for (int i = off, end = off + len; i < end; i++) {
            byte c = line[i];
            if (c != ' ' && c != '\t' && c != '\r') {
                return false;
            }
        }
        return !overflow;
    }

    public boolean overflow() {
        return overflow;
    }

    /** The array holding the current line, from {@link #offset()} for {@link #length()} bytes. */
    public byte[] buffer() {
        return line;
    }

    public int offset() {
        return off;
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
        String s = new String(line, off, (int) Math.min(len, chars * 4L), StandardCharsets.UTF_8);
        return s.length() <= chars ? s : s.substring(0, chars);
    }
}
