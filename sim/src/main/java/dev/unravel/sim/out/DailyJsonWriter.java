package dev.unravel.sim.out;

import java.time.LocalDate;
import java.util.function.Function;

/**
 * A source writer whose records go to one JSON-lines file per day. Subclasses write records through
 * {@link #out} (and may format text with {@link #text}).
 */
abstract class DailyJsonWriter extends DailyWriter<DailyJsonLines> {
    protected final TextBuffer text = new TextBuffer();

    protected DailyJsonWriter(OutputDir dir, String source, Function<LocalDate, String> pathForDay) {
        super(source, new DailyJsonLines(dir, pathForDay));
    }
}
