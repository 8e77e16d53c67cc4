package dev.unravel.sim.activity;

import dev.unravel.sim.world.City;
import dev.unravel.sim.world.Network;
import dev.unravel.sim.world.Person;
import java.time.Instant;

/**
 * An interactive sign-in at the identity provider.
 *
 * @param time      when
 * @param person    who
 * @param idp       which identity provider records it
 * @param app       the application signed in to ({@code Okta Dashboard}, {@code Office 365 Exchange Online}, …)
 * @param ip        the client's public address
 * @param network   the block the address belongs to (for ASN and proxy flags)
 * @param place     where the address geolocates
 * @param userAgent the browser's user-agent string
 * @param success   whether it succeeded
 * @param failure   the failure reason when it did not ({@code INVALID_CREDENTIALS}, {@code MFA_DENIED}), else null
 * @param eventId   the record's unique id
 * @param sessionId the session id
 * @param managed   whether the device is the company's managed laptop (else a personal or unknown device)
 */
public record SignIn(Instant time, Person person, Idp idp, String app, String ip, Network network, City place,
        String userAgent, boolean success, String failure, String eventId, String sessionId, boolean managed)
        implements Activity {

    public enum Idp {
        OKTA, ENTRA
    }
}
