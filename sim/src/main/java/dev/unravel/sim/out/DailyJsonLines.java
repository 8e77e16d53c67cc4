package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.Closeable;
import java.io.IOException;
import java.time.LocalDate;
import java.util.function.Function;

/**
 * Newline-delimited JSON, one file per day, as most log exports and streaming sinks lay them out.
 * A writer calls {@link #begin()} for each record, writes its fields to the generator and calls
 * {@link #end()}.
 */
public final class DailyJsonLines implements Closeable {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final OutputDir out;
    private final Function<LocalDate, String> pathForDay;
    private JsonGenerator json;
    private String currentPath;
    private long records;

    /** @param pathForDay the file for a day, relative to the output folder */
    public DailyJsonLines(OutputDir out, Function<LocalDate, String> pathForDay) {
        this.out = out;
        this.pathForDay = pathForDay;
    }

    /** Rotates to the day's file; the file is created when the first record of the day arrives. */
    public void startDay(LocalDate day) throws IOException {
        String path = pathForDay.apply(day);
        if (!path.equals(currentPath)) {
            close();
            currentPath = path;
        }
    }

    /** Starts a record and returns the generator positioned inside its top-level object. */
    public JsonGenerator begin() throws IOException {
        if (json == null) {
            if (currentPath == null) {
                throw new IllegalStateException("startDay was not called");
            }
            json = JSON.createGenerator(out.create(currentPath), JsonEncoding.UTF8);
            // One record a line: the separator between root values is a newline.
            json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        }
        json.writeStartObject();
        return json;
    }

    public void end() throws IOException {
        json.writeEndObject();
        records++;
        out.count(currentPath, 1);
    }

    public long records() {
        return records;
    }

    @Override
    public void close() throws IOException {
        if (json != null) {
            json.writeRaw('\n');
            json.close();
            json = null;
        }
    }
}
