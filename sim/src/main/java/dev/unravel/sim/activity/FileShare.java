package dev.unravel.sim.activity;

import dev.unravel.sim.world.Person;
import java.time.Instant;

/**
 * A SharePoint or OneDrive file shared outside the company: with one outside address (a
 * specific-people link the address is added to) or by a link anyone can open.
 *
 * @param time     when
 * @param person   who shared it
 * @param ip       the computer's public address
 * @param site     the site's URL
 * @param folder   the library folder, relative to the site
 * @param fileName the file's name
 * @param target   the outside address, or null for a link anyone can open
 * @param id       the audit record's id
 */
public record FileShare(Instant time, Person person, String ip, String site, String folder, String fileName,
        String target, String id) implements Activity {
}
