package dev.unravel.sim.activity;

import dev.unravel.sim.world.Person;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Something a person did to a repository that GitHub's organisation audit log records.
 *
 * @param time        when
 * @param person      who
 * @param action      the audit action: {@code git.clone}, {@code git.fetch}, {@code git.push},
 *                    {@code repo.download_zip}, or {@link #TOKEN_CREATED}
 * @param repo        the repository name (without the organisation); for {@link #TOKEN_CREATED}
 *                    the token's name
 * @param ip          the client's public address
 * @param country     the ISO country GitHub geolocates the address to
 * @param userAgent   the git client's user agent
 * @param documentId  the audit record's id
 * @param clock       the zone of the computer a push's commits were written on: the laptop's (the
 *                    declared zone, or a trip's on automatic time), or a scheme operator's own machine
 */
public record GitAction(Instant time, Person person, String action, String repo, String ip, String country,
        String userAgent, String documentId, ZoneId clock) implements Activity {

    /** An action from the person's laptop on their declared zone. */
    public GitAction(Instant time, Person person, String action, String repo, String ip, String country,
            String userAgent, String documentId) {
        this(time, person, action, repo, ip, country, userAgent, documentId, person.timeZone);
    }

    /** A fine-grained personal access token created; the member's git access uses it from then on. */
    public static final String TOKEN_CREATED = "personal_access_token.create";
}
