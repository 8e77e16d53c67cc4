package dev.unravel.sim.activity;

import dev.unravel.sim.world.Person;
import java.time.Instant;

/**
 * Something a person did to a repository that GitHub's organisation audit log records.
 *
 * @param time        when
 * @param person      who
 * @param action      the audit action: {@code git.clone}, {@code git.fetch}, {@code git.push},
 *                    {@code repo.download_zip}
 * @param repo        the repository name (without the organisation)
 * @param ip          the client's public address
 * @param country     the ISO country GitHub geolocates the address to
 * @param userAgent   the git client's user agent
 * @param documentId  the audit record's id
 */
public record GitAction(Instant time, Person person, String action, String repo, String ip, String country,
        String userAgent, String documentId) implements Activity {
}
