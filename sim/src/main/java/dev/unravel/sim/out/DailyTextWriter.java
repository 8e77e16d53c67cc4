package dev.unravel.sim.out;

import java.time.LocalDate;
import java.util.function.Function;

/** A source writer whose records are lines of text in one file per day (a syslog collector's files). */
abstract class DailyTextWriter extends DailyWriter<DailyTextLines> {

    protected DailyTextWriter(OutputDir dir, String source, Function<LocalDate, String> pathForDay) {
        super(source, new DailyTextLines(dir, pathForDay));
    }
}
