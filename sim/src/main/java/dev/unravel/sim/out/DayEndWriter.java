package dev.unravel.sim.out;

import java.io.IOException;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * A source writer whose records are made from a whole day's activity — a call record once its
 * meeting is over, an access-log entry grown by the day's uses, a device manager's last check-in of
 * each laptop — held until the day ends, then written to that day's file (one JSON-lines file a day).
 */
abstract class DayEndWriter implements SourceWriter {
    protected final DailyJsonLines out;
    private final String source;

    protected DayEndWriter(OutputDir dir, String source, Function<LocalDate, String> pathForDay) {
        this.out = new DailyJsonLines(dir, pathForDay);
        this.source = source;
    }

    @Override
    public final String source() {
        return source;
    }

    @Override
    public final void startDay(LocalDate day) throws IOException {
        flush();
        out.startDay(day);
    }

    @Override
    public final long records() {
        return out.records();
    }

    @Override
    public final void close() throws IOException {
        flush();
        out.close();
    }

    /** Writes what the day held, and forgets it. */
    protected abstract void flush() throws IOException;
}
