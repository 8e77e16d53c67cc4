package dev.unravel.sim.out;

import java.io.IOException;
import java.time.LocalDate;

/**
 * A source writer whose records go to one file per day: the source name, the day's file and the
 * record count every such writer shares, whether its records are JSON lines
 * ({@link DailyJsonWriter}) or lines of text ({@link DailyTextWriter}).
 */
abstract class DailyWriter<F extends DailyFile> implements SourceWriter {
    private final String source;
    protected final F out;

    protected DailyWriter(String source, F out) {
        this.source = source;
        this.out = out;
    }

    @Override
    public final String source() {
        return source;
    }

    @Override
    public final void startDay(LocalDate day) throws IOException {
        out.startDay(day);
    }

    @Override
    public final long records() {
        return out.records();
    }

    @Override
    public final void close() throws IOException {
        out.close();
    }
}
