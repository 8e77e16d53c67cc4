package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import java.io.Closeable;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;

/**
 * Newline-delimited JSON, one file per UTC hour, as Azure Monitor's diagnostic export to a storage
 * account lays out its blobs ({@code …/y=2026/m=03/d=02/h=14/m=00/PT1H.json}). The sibling of
 * {@link DailyJsonLines}: the file is chosen by each record's time rather than by the day the
 * simulator announces, so records must arrive in time order.
 */
public final class HourlyJsonLines implements Closeable {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    private final OutputDir out;
    private final Function<Instant, String> pathForHour;
    private JsonGenerator json;
    private String currentPath;
    private long currentHour = Long.MIN_VALUE;
    private long records;

    /** @param pathForHour the file for the hour starting at the given instant, relative to the output folder */
    public HourlyJsonLines(OutputDir out, Function<Instant, String> pathForHour) {
        this.out = out;
        this.pathForHour = pathForHour;
    }

    /** Starts a record in the file of {@code time}'s hour and returns the generator inside its top-level object. */
    public JsonGenerator begin(Instant time) throws IOException {
        long hour = Math.floorDiv(time.getEpochSecond(), 3600L);
        if (hour != currentHour) {
            close();
            currentHour = hour;
            currentPath = pathForHour.apply(Instant.ofEpochSecond(hour * 3600L));
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
            currentHour = Long.MIN_VALUE;
        }
    }
}
