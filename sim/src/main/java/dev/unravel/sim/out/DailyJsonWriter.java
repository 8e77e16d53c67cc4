package dev.unravel.sim.out;

import java.io.IOException;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * A source writer whose records go to one JSON-lines file per day: the file handling, the
 * source name and the record count every such writer shares. Subclasses write records through
 * {@link #out} (and may format text with {@link #text}).
 */
abstract class DailyJsonWriter implements SourceWriter {
    private final String source;
    protected final DailyJsonLines out;
    protected final TextBuffer text = new TextBuffer();

    protected DailyJsonWriter(OutputDir dir, String source, Function<LocalDate, String> pathForDay) {
        this.source = source;
        this.out = new DailyJsonLines(dir, pathForDay);
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
