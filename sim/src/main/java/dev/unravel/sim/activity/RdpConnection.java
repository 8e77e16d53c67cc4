package dev.unravel.sim.activity;

import dev.unravel.sim.world.Host;
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
 */
public record RdpConnection(Instant time, Host host, int clientOffsetMinutes, String activityId) implements Activity {
}
