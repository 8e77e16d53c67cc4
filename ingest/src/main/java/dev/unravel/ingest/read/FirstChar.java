package dev.unravel.ingest.read;

import java.io.BufferedInputStream;
import java.io.IOException;

/**
 * The first character of an input after any blank space (-1 for none), and the input to read
 * from then on, which still holds it: a reader whose format comes as JSON or as text lines tells
 * which from it, and its line numbers still count from the file's first line.
 *
 * @param value the first non-blank byte, or -1 when the input is blank or empty
 * @param input the input to read, from its start
 */
public record FirstChar(int value, Input input) {

    /** At most this much blank space is looked past. */
    private static final int LOOK = 4096;

    public static FirstChar of(Input input) throws IOException {
        BufferedInputStream in = new BufferedInputStream(input.stream(), 1 << 16);
        in.mark(LOOK);
        int b;
        int skipped = 0;
        do {
            b = in.read();
        } while ((b == ' ' || b == '\t' || b == '\r' || b == '\n') && ++skipped < LOOK);
        in.reset();
        return new FirstChar(b, new Input(input.name(), in, input.limits()));
    }

    /** Whether the input is JSON: an object or an array. */
    public boolean json() {
        return value == '{' || value == '[';
    }
}
