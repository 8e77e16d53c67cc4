package dev.unravel.sim.out;

import java.io.Closeable;
import java.io.IOException;
import java.time.LocalDate;

/** One file per UTC day that a source writer writes its records to, whatever their form. */
interface DailyFile extends Closeable {

    /** The simulator announces a new day: later records go to its file. */
    void startDay(LocalDate day) throws IOException;

    /** Records written so far. */
    long records();
}
