package dev.unravel.sim.activity;

import dev.unravel.sim.world.Host;
import java.time.Instant;

/**
 * Installed software appearing on (or leaving) a laptop, as osquery's differential
 * {@code programs} (Windows) or {@code apps} (macOS) query reports it.
 *
 * @param time      when the scheduled query noticed it
 * @param host      the laptop
 * @param name      the program's display name
 * @param version   its version
 * @param publisher its publisher
 * @param location  where it is installed
 * @param added     true when it appeared, false when removed
 */
public record ProgramChange(Instant time, Host host, String name, String version, String publisher, String location,
        boolean added) implements Activity {
}
