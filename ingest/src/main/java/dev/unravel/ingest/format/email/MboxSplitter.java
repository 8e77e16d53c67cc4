package dev.unravel.ingest.format.email;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits an mbox stream into messages at {@code From } lines, a line at a time with a bounded line
 * buffer (a longer line passes through in pieces), unquoting {@code >From } lines.
 */
final class MboxSplitter {
    private static final int MAX_LINE = 64 * 1024;
    private static final byte[] FROM = "From ".getBytes(StandardCharsets.US_ASCII);

    private final BufferedInputStream in;
    private byte[] line = new byte[1024];
    private int lineLen;
    private boolean lineContinues; // the buffered piece is not the end of its line
    private boolean havePending;   // a line is buffered and not yet delivered
    private boolean eof;
    private long lineNumber;
    private long messageLine;
    private String separator;
    private boolean started;
    private boolean inMessage;

    MboxSplitter(InputStream in) {
        this.in = new BufferedInputStream(in, 1 << 16);
    }

    /** Reads the next piece of a line (at most MAX_LINE bytes, with its LF when complete); false at end. */
    private boolean readPiece(boolean lineStart) throws IOException {
        lineLen = 0;
        int b;
        while ((b = in.read()) != -1) {
            if (lineLen == line.length) {
                line = Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
            }
            line[lineLen++] = (byte) b;
            if (b == '\n') {
                lineContinues = false;
                if (lineStart) {
                    lineNumber++;
                }
                return true;
            }
            if (lineLen == MAX_LINE) {
                lineContinues = true;
                if (lineStart) {
                    lineNumber++;
                }
                return true;
            }
        }
        eof = true;
        lineContinues = false;
        if (lineLen > 0 && lineStart) {
            lineNumber++;
        }
        return lineLen > 0;
    }

    private boolean isSeparator() {
        if (lineLen < FROM.length) {
            return false;
        }
        for (int i = 0; i < FROM.length; i++) {
            if (line[i] != FROM[i]) {
                return false;
            }
        }
        return true;
    }

    /** Moves to the next message; false when there is none. */
    boolean nextMessage() throws IOException {
        if (!started) {
            started = true;
            // skip blank lines before the first message
            while (readPiece(true)) {
                if (!blank()) {
                    havePending = true;
                    break;
                }
            }
        }
        if (inMessage) {
            skipMessage();
        }
        if (!havePending) {
            return false;
        }
        messageLine = lineNumber;
        if (isSeparator()) {
            separator = new String(line, 0, Math.min(lineLen, 200), StandardCharsets.UTF_8).strip();
            havePending = false;
            while (lineContinues && readPiece(false)) {
                // the rest of an over-long separator line
            }
        } else {
            separator = null; // content before any separator: read it as a message of its own
        }
        inMessage = true;
        return true;
    }

    private boolean blank() {
        for (int i = 0; i < lineLen; i++) {
            if (line[i] != '\n' && line[i] != '\r' && line[i] != ' ' && line[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    /** The 1-based line where the current message starts: its separator line. */
    long messageLine() {
        return messageLine;
    }

    /** The separator line of the current message, for errors; null when it had none. */
    String separator() {
        return separator;
    }

    /** Discards the rest of the current message. */
    void skipMessage() throws IOException {
        InputStream m = message();
        byte[] buf = new byte[8192];
        while (m.read(buf) > 0) {
            // discard
        }
    }

    /** The current message's bytes up to the next separator, unquoted. */
    InputStream message() {
        return new InputStream() {
            private int pos;
            private boolean loaded = havePending;

            private boolean fill() throws IOException {
                if (!inMessage) {
                    return false;
                }
                while (!loaded || pos >= lineLen) {
                    if (loaded && pos >= lineLen) {
                        havePending = false;
                    }
                    boolean lineStart = !lineContinues || !loaded;
                    if (!readPiece(lineStart)) {
                        inMessage = false;
                        havePending = false;
                        return false;
                    }
                    loaded = true;
                    pos = 0;
                    havePending = true;
                    if (lineStart && isSeparator()) {
                        inMessage = false; // the next message's separator stays pending
                        return false;
                    }
                    if (lineStart) {
                        unquote();
                    }
                }
                return true;
            }

            private void unquote() {
                int gt = 0;
                while (gt < lineLen && line[gt] == '>') {
                    gt++;
                }
                if (gt > 0 && lineLen - gt >= FROM.length) {
                    for (int i = 0; i < FROM.length; i++) {
                        if (line[gt + i] != FROM[i]) {
                            return;
                        }
                    }
                    pos = 1; // drop one '>'
                }
            }

            @Override
            public int read() throws IOException {
                if (!fill()) {
                    return -1;
                }
                return line[pos++] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (!fill()) {
                    return -1;
                }
                int n = Math.min(len, lineLen - pos);
                System.arraycopy(line, pos, b, off, n);
                pos += n;
                return n;
            }
        };
    }
}
