package dev.unravel.sim.activity;

import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Person;
import java.time.Instant;

/**
 * A Remote Desktop client connecting to a Windows laptop: the laptop's
 * {@code RemoteDesktopServices-RdpCoreTS/Operational} log records the client's time zone
 * (event 104, "The time zone of the client is UTC+9").
 *
 * @param time                when the connection was set up
 * @param host                the laptop connected to
 * @param clientOffsetMinutes the client computer's UTC offset in minutes east of UTC
 * @param activityId          the connection's correlation id (a GUID, upper case, no braces)
 * @param user                who signs in to the desktop (an operator as the laptop's worker; IT support as itself)
 * @param clientIp            where the client connects from (the operator's exit; IT's laptop on the company VPN)
 */
public record RdpConnection(Instant time, Host host, int clientOffsetMinutes, String activityId, Person user,
        String clientIp) implements Activity {

    /** A connection whose user and address no writer needs. */
    public RdpConnection(Instant time, Host host, int clientOffsetMinutes, String activityId) {
        this(time, host, clientOffsetMinutes, activityId, null, null);
    }
}
