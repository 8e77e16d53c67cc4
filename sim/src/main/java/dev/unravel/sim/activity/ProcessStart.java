package dev.unravel.sim.activity;

import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Person;
import java.time.Instant;

/**
 * A process started on a laptop: Sysmon event 1 on Windows, an osquery {@code processes} row on macOS.
 *
 * @param time              when
 * @param host              the laptop
 * @param person            the signed-in user
 * @param image             full path of the executable
 * @param commandLine       the command line
 * @param parentImage       full path of the parent's executable
 * @param parentCommandLine the parent's command line
 * @param pid               process id
 * @param parentPid         parent process id
 * @param description       the file's description (version resource)
 * @param company           the file's company (version resource)
 * @param product           the file's product name
 * @param originalFileName  the original file name from the version resource
 * @param sha256            the executable's SHA-256 in upper-case hex
 * @param processGuid       Sysmon's process GUID
 */
public record ProcessStart(Instant time, Host host, Person person, String image, String commandLine,
        String parentImage, String parentCommandLine, int pid, int parentPid, String description, String company,
        String product, String originalFileName, String sha256, String processGuid) implements Activity {
}
