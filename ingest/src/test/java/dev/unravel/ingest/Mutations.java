package dev.unravel.ingest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Mutations of real records for property tests: truncate at a random byte, drop a line (a header
 * field, a column name, a row), replace a token with one of the format's own marks or random text,
 * insert random bytes, or several of these in turn.
 */
public final class Mutations {
    private Mutations() {
    }

    public static Arbitrary<byte[]> mutated(byte[] original, List<String> marks) {
        Arbitrary<byte[]> once = Arbitraries.integers().between(0, 4).flatMap(kind -> switch (kind) {
            case 0 -> Arbitraries.integers().between(0, original.length).map(n -> java.util.Arrays.copyOf(original, n));
            case 1 -> Arbitraries.integers().between(0, 1000).map(i -> dropLine(original, i));
            case 2 -> Arbitraries.integers().between(0, original.length).flatMap(at -> Arbitraries.oneOf(
                    Arbitraries.of(marks), Arbitraries.strings().ofMaxLength(12))
                    .map(s -> replaceToken(original, at, s)));
            case 3 -> Arbitraries.integers().between(0, original.length).flatMap(at -> Arbitraries.bytes().array(
                    byte[].class).ofMaxSize(24).map(junk -> insert(original, at, junk)));
            default -> Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, once),
                net.jqwik.api.Tuple.of(1, once.flatMap(first -> Arbitraries.integers().between(0, first.length)
                        .map(n -> java.util.Arrays.copyOf(first, n)))));
    }

    static byte[] dropLine(byte[] b, int which) {
        String s = new String(b, StandardCharsets.ISO_8859_1);
        String[] lines = s.split("\n", -1);
        if (lines.length == 0) {
            return b;
        }
        int drop = which % lines.length;
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            if (i != drop) {
                out.append(lines[i]);
                if (i < lines.length - 1) {
                    out.append('\n');
                }
            }
        }
        return out.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Replaces the token (a run without separators) around {@code at} with {@code with}. */
    static byte[] replaceToken(byte[] b, int at, String with) {
        int start = Math.min(at, b.length);
        int end = start;
        while (start > 0 && !separator(b[start - 1])) {
            start--;
        }
        while (end < b.length && !separator(b[end])) {
            end++;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, start);
        out.writeBytes(with.getBytes(StandardCharsets.UTF_8));
        out.write(b, end, b.length - end);
        return out.toByteArray();
    }

    private static boolean separator(byte c) {
        return c == ',' || c == '\n' || c == '\r' || c == ':' || c == ';' || c == ' ' || c == '"' || c == '<'
                || c == '>';
    }

    static byte[] insert(byte[] b, int at, byte[] junk) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(b, 0, at);
        out.writeBytes(junk);
        out.write(b, at, b.length - at);
        return out.toByteArray();
    }
}
