package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;
import java.util.function.Function;

/**
 * One file per UTC hour chosen by each record's time, as Azure Monitor's diagnostic export to a
 * storage account lays out its blobs ({@code …/y=2026/m=03/d=02/h=14/m=00/PT1H.json}). A record
 * from an earlier hour than the current file's stays in the current file, so no file is reopened
 * (and overwritten).
 */
public final class HourlyJsonLines extends JsonLines {
    private final Function<Instant, String> pathForHour;
    private long currentHour = Long.MIN_VALUE;

    /** @param pathForHour the file for the hour starting at the given instant, relative to the output folder */
    public HourlyJsonLines(OutputDir out, Function<Instant, String> pathForHour) {
        super(out);
        this.pathForHour = pathForHour;
    }

    /** Starts a record in the file of {@code time}'s hour and returns the generator inside its top-level object. */
    public JsonGenerator begin(Instant time) throws IOException {
        long hour = Math.floorDiv(time.getEpochSecond(), 3600L);
        if (hour > currentHour) {
            currentHour = hour;
            rotateTo(pathForHour.apply(Instant.ofEpochSecond(hour * 3600L)));
        }
        return begin();
    }
}
