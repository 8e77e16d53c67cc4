package dev.unravel.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Lines handed out in place or copied across blocks read the same as a plain split: CRLF, empty
 * lines, a last line without a break, lines longer than the limit, lines spanning blocks, and a
 * stream that returns few bytes per read.
 */
class LineReaderTest {

    @Test
    void readsWhatASplitReads() throws IOException {
        Random rnd = new Random(5);
        for (int round = 0; round < 60; round++) {
            StringBuilder text = new StringBuilder();
            List<String> expected = new ArrayList<>();
            int lines = 1 + rnd.nextInt(400);
            for (int i = 0; i < lines; i++) {
                int n = switch (rnd.nextInt(10)) {
                    case 0 -> 0;
                    case 1 -> 70_000 + rnd.nextInt(80_000); // spans a 64 KiB block
                    default -> rnd.nextInt(300);
                };
                StringBuilder l = new StringBuilder();
                for (int k = 0; k < n; k++) {
                    l.append((char) ('a' + rnd.nextInt(26)));
                }
                if (rnd.nextInt(7) == 0) {
                    l.append("é✓"); // multi-byte UTF-8
                }
                boolean last = i == lines - 1;
                boolean terminated = !last || rnd.nextBoolean();
                if (!terminated && l.length() == 0) {
                    l.append('z'); // an empty unterminated last line is no line at all
                }
                expected.add(l.toString());
                text.append(l);
                if (terminated) {
                    text.append(rnd.nextInt(4) == 0 ? "\r\n" : "\n");
                }
            }
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            int max = 100_000;
            InputStream in = new ByteArrayInputStream(bytes);
            if (round % 3 == 0) {
                in = trickle(in, 1 + rnd.nextInt(50));
            }
            LineReader r = new LineReader(in, max);
            List<String> got = new ArrayList<>();
            List<Boolean> overflow = new ArrayList<>();
            while (r.next()) {
                got.add(new String(r.buffer(), r.offset(), r.length(), StandardCharsets.UTF_8));
                overflow.add(r.overflow());
                assertThat(r.lineNumber()).isEqualTo(got.size());
            }
            assertThat(got).hasSameSizeAs(expected);
            for (int i = 0; i < expected.size(); i++) {
                byte[] e = expected.get(i).getBytes(StandardCharsets.UTF_8);
                if (e.length > max) {
                    assertThat(overflow.get(i)).as("line %d", i + 1).isTrue();
                    assertThat(got.get(i).getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(max);
                } else {
                    assertThat(overflow.get(i)).as("line %d", i + 1).isFalse();
                    assertThat(got.get(i)).as("line %d", i + 1).isEqualTo(expected.get(i));
                }
            }
        }
    }

    @Test
    void findsTheFirstNewlineEightBytesAtATime() {
        Random rnd = new Random(9);
        for (int i = 0; i < 20_000; i++) {
            byte[] b = new byte[1 + rnd.nextInt(40)];
            for (int k = 0; k < b.length; k++) {
                // Bytes next to '\n' in value (0x09, 0x0B, 0x8A) must not be taken for it.
                b[k] = (byte) new int[] {'a', 0x09, 0x0B, 0x8A, 0x00, 0xFF, '\n'}[rnd.nextInt(rnd.nextInt(8) == 0 ? 7 : 6)];
            }
            int from = rnd.nextInt(b.length);
            int expected = -1;
            for (int k = from; k < b.length; k++) {
                if (b[k] == '\n') {
                    expected = k;
                    break;
                }
            }
            assertThat(LineReader.newline(b, from, b.length)).isEqualTo(expected);
        }
    }

    private static InputStream trickle(InputStream in, int most) {
        return new FilterInputStream(in) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, most));
            }
        };
    }
}
