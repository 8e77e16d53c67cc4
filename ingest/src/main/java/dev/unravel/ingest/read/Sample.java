package dev.unravel.ingest.read;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The start of a file, for format sniffing: its name and its first bytes, already decompressed
 * and transcoded to UTF-8. Probing looks at content first; the name only breaks ties.
 *
 * @param name the file's name (last path element, lower case, without .gz)
 * @param head up to {@link #SIZE} bytes of UTF-8 content
 */
public record Sample(String name, byte[] head) {

    public static final int SIZE = 64 * 1024;

    public Sample {
        name = name.toLowerCase(Locale.ROOT);
    }

    /**
     * The last head decoded on this thread: every format's probe asks for the text of the same
     * sample, and decoding 64 KiB for each of them was a tenth of a scan's time over small files.
     */
    private static final ThreadLocal<Object[]> DECODED = ThreadLocal.withInitial(() -> new Object[2]);

    /** The head as text (a multi-byte character cut at the end is replaced, harmlessly). */
    public String text() {
        Object[] last = DECODED.get();
        if (last[0] != head) {
            last[1] = new String(head, StandardCharsets.UTF_8);
            last[0] = head;
        }
        return (String) last[1];
    }

    /** The first non-whitespace character, or -1 for an empty or blank head. */
    public int firstChar() {
        for (byte b : head) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b & 0xFF;
            }
        }
        return -1;
    }

    /** The first line of the head, without its line end. */
    public String firstLine() {
        String t = text();
        int nl = t.indexOf('\n');
        return (nl < 0 ? t : t.substring(0, nl)).replace("\r", "");
    }

    /** Whether the head contains {@code needle} (plain text search). */
    public boolean contains(String needle) {
        return text().contains(needle);
    }

    /** Share of bytes that are control characters other than whitespace: high for binary junk. */
    public double binaryShare() {
        if (head.length == 0) {
            return 0;
        }
        int bad = 0;
        for (byte b : head) {
            int c = b & 0xFF;
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
                bad++;
            }
        }
        return bad / (double) head.length;
    }
}
