package dev.unravel.ingest.format.records;

import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * One simulator run shared by the record and email reader tests in this JVM: 200 workers over 24
 * days with 5 fraudulent ones (seed 11), which includes a termination and the extortion email.
 */
public final class SimOutput {
    private static Path dir;

    private SimOutput() {
    }

    public static synchronized Path get() {
        if (dir == null) {
            try {
                Path base = Files.createTempDirectory("unravel-records-sim");
                Path out = base.resolve("out");
                new Simulator(new SimConfig(200, 24, 11, 5, LocalDate.of(2026, 3, 2), out, false),
                        Simulator.Progress.NONE).run();
                dir = out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }
}
