package dev.unravel.sim.out;

import java.io.IOException;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * A source writer whose records are lines of text in one file per day (a syslog collector's
 * files): the file handling, the source name and the record count such writers share, as
 * {@link DailyJsonWriter} does for JSON lines. Subclasses write through {@link #out}.
 */
abstract class DailyTextWriter implements SourceWriter {
    private final String source;
    protected final DailyTextLines out;

    protected DailyTextWriter(OutputDir dir, String source, Function<LocalDate, String> pathForDay) {
        this.source = source;
        this.out = new DailyTextLines(dir, pathForDay);
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
