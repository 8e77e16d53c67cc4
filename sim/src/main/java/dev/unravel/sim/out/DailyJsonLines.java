package dev.unravel.sim.out;

import java.io.IOException;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * One file per UTC day, switched when the simulator announces the day: a record dated a moment
 * before midnight that arrives after it stays in the new day's file, as real shippers do.
 */
public final class DailyJsonLines extends JsonLines implements DailyFile {
    private final Function<LocalDate, String> pathForDay;

    /** @param pathForDay the file for a day, relative to the output folder */
    public DailyJsonLines(OutputDir out, Function<LocalDate, String> pathForDay) {
        super(out);
        this.pathForDay = pathForDay;
    }

    @Override
    public void startDay(LocalDate day) throws IOException {
        rotateTo(pathForDay.apply(day));
    }
}
