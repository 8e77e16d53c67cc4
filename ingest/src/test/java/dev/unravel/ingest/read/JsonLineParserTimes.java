package dev.unravel.ingest.read;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Nanoseconds per line for {@link JsonLineParser} alone (the document tree, no reader, no
 * threads), on the first 200,000 lines of each file given (read again up to that many when shorter): the steady figure after warm-up, for comparing
 * two builds of the parser in one sitting. A diagnostic, not a benchmark of record ({@code unravel
 * bench scan --read-only} is).
 *
 * <pre>java -Xmx4g -cp ingest/target/test-classes:cli/target/unravel.jar dev.unravel.ingest.read.JsonLineParserTimes \
 *     /tmp/sim-10k/okta/system-log-2026-03-02.ndjson /tmp/sim-10k/windows/sysmon-2026-03-20.json</pre>
 */
public final class JsonLineParserTimes {
    private static final int LINES = 200_000;
    private static final int ROUNDS = 8;

    private JsonLineParserTimes() {
    }

    public static void main(String[] args) throws Exception {
        for (String file : args) {
            List<byte[]> lines = new ArrayList<>();
            try (var in = Files.lines(Path.of(file), StandardCharsets.UTF_8)) {
                in.limit(LINES).forEach(l -> lines.add(l.getBytes(StandardCharsets.UTF_8)));
            }
            double best = Double.MAX_VALUE;
            int taken = 0;
            for (int r = 0; r < ROUNDS; r++) {
                JsonLineParser p = new JsonLineParser(Limits.DEFAULT);
                taken = 0;
                int parsed = 0;
                long t0 = System.nanoTime();
                while (parsed < LINES) { // a short file is read again until a round has parsed enough
                    int took = 0;
                    for (byte[] l : lines) {
                        if (p.parse(l, 0, l.length) != null) {
                            took++;
                        }
                    }
                    taken = took;
                    parsed += lines.size();
                }
                best = Math.min(best, (System.nanoTime() - t0) / (double) parsed);
            }
            System.out.printf("%s: %,d lines, %,d taken, best of %d rounds %.0f ns per line%n", file, lines.size(), taken,
                    ROUNDS, best);
        }
    }
}
