package dev.unravel.ingest.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Turns content in any of the encodings exports use into UTF-8 bytes: UTF-8 with or without a
 * byte-order mark (removed), and UTF-16 in either byte order, with a mark or recognised by its
 * zero bytes (Windows tools write it). Malformed input becomes U+FFFD rather than an error, so a
 * bad byte costs one field, not the file.
 */
public final class Utf8Stream {
    private Utf8Stream() {
    }

    /** The encoding found, for summaries. */
    public enum Encoding {
        UTF8, UTF8_BOM, UTF16LE, UTF16BE
    }

    /** Content and what it was. */
    public record Decoded(InputStream utf8, Encoding encoding) {
    }

    public static Decoded decode(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 4);
        byte[] head = new byte[4];
        int n = in.readNBytes(head, 0, 4);
        in.unread(head, 0, n);
        if (n >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            in.skipNBytes(3);
            return new Decoded(in, Encoding.UTF8_BOM);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xFE) {
            in.skipNBytes(2);
            return new Decoded(transcode(in, StandardCharsets.UTF_16LE), Encoding.UTF16LE);
        }
        if (n >= 2 && (head[0] & 0xFF) == 0xFE && (head[1] & 0xFF) == 0xFF) {
            in.skipNBytes(2);
            return new Decoded(transcode(in, StandardCharsets.UTF_16BE), Encoding.UTF16BE);
        }
        // Without a mark: ASCII text in UTF-16 has a zero in every other byte.
        if (n == 4 && head[0] != 0 && head[1] == 0 && head[2] != 0 && head[3] == 0) {
            return new Decoded(transcode(in, StandardCharsets.UTF_16LE), Encoding.UTF16LE);
        }
        if (n == 4 && head[0] == 0 && head[1] != 0 && head[2] == 0 && head[3] != 0) {
            return new Decoded(transcode(in, StandardCharsets.UTF_16BE), Encoding.UTF16BE);
        }
        return new Decoded(in, Encoding.UTF8);
    }

    private static InputStream transcode(InputStream in, Charset from) {
        CharsetDecoder decoder = from.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new ReaderStream(new InputStreamReader(in, decoder));
    }

    /** Characters back to UTF-8 bytes, a buffer at a time. */
    private static final class ReaderStream extends InputStream {
        private final Reader reader;
        private final char[] chars = new char[8192];
        private byte[] bytes = new byte[0];
        private int pos;
        private char pendingHigh;

        ReaderStream(Reader reader) {
            this.reader = reader;
        }

        private boolean fill() throws IOException {
            int n = reader.read(chars);
            if (n < 0) {
                if (pendingHigh != 0) {
                    bytes = "\uFFFD".getBytes(StandardCharsets.UTF_8);
                    pendingHigh = 0;
                    pos = 0;
                    return true;
                }
                return false;
            }
            StringBuilder s = new StringBuilder(n + 1);
            if (pendingHigh != 0) {
                s.append(pendingHigh);
                pendingHigh = 0;
            }
            s.append(chars, 0, n);
            // Keep a high surrogate whose partner is in the next buffer.
            if (s.length() > 0 && Character.isHighSurrogate(s.charAt(s.length() - 1))) {
                pendingHigh = s.charAt(s.length() - 1);
                s.setLength(s.length() - 1);
            }
            bytes = s.toString().getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        }

        @Override
        public int read() throws IOException {
            while (pos >= bytes.length) {
                if (!fill()) {
                    return -1;
                }
            }
            return bytes[pos++] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos >= bytes.length) {
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }
}
