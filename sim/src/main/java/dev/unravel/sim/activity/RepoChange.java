package dev.unravel.sim.activity;

import dev.unravel.sim.world.Person;
import java.time.Instant;

/**
 * A repository created, or moved out of the organisation, as GitHub's audit log records it.
 *
 * @param time       when
 * @param person     who
 * @param action     {@link #CREATE} or {@link #TRANSFER_OUT}
 * @param repo       the repository's name in the organisation (without the organisation)
 * @param ip         the client's public address
 * @param country    the ISO country GitHub geolocates the address to
 * @param userAgent  the browser's user agent
 * @param documentId the audit record's id
 * @param newOwner   for a transfer, the account it went to; else null
 */
public record RepoChange(Instant time, Person person, String action, String repo, String ip, String country,
        String userAgent, String documentId, String newOwner) implements Activity {

    public static final String CREATE = "repo.create";
    /** GitHub's "a repository was transferred to another repository network". */
    public static final String TRANSFER_OUT = "repo.transfer_outgoing";
}
