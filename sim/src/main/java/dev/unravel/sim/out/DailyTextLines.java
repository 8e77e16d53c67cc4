package dev.unravel.sim.out;

import java.io.IOException;
import java.io.Writer;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * Lines of text in one file per UTC day (a syslog collector's daily file), opened at the day's
 * first line, so a day with none leaves no empty file; counted per file for the manifest.
 */
final class DailyTextLines implements DailyFile {
    private final OutputDir dir;
    private final Function<LocalDate, String> pathForDay;
    private Writer out;
    private String path;
    private long records;

    /** @param pathForDay the file for a day, relative to the output folder */
    DailyTextLines(OutputDir dir, Function<LocalDate, String> pathForDay) {
        this.dir = dir;
        this.pathForDay = pathForDay;
    }

    @Override
    public void startDay(LocalDate day) throws IOException {
        close();
        path = pathForDay.apply(day);
    }

    /** Writes one line; {@code line} ends with its line break. */
    void write(CharSequence line) throws IOException {
        if (out == null) {
            out = dir.createText(path);
        }
        out.append(line);
        dir.count(path, 1);
        records++;
    }

    @Override
    public long records() {
        return records;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
