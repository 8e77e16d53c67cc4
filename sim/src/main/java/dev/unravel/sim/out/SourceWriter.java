package dev.unravel.sim.out;

import dev.unravel.sim.activity.Activity;
import java.io.Closeable;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Writes one source's files in its vendor's format. The simulator calls {@link #startDay} before
 * each day's activities and then {@link #accept} for every activity of the day in time order;
 * the writer records those its source would see and ignores the rest.
 */
public interface SourceWriter extends Closeable {

    /** The source folder name and family: {@code okta}, {@code entra}, {@code windows}, … */
    String source();

    /** A new day begins (UTC); writers that rotate files daily open the day's file here. */
    default void startDay(LocalDate day) throws IOException {
    }

    void accept(Activity activity) throws IOException;

    /** Records written so far. */
    long records();
}
