package dev.unravel.sim.activity;

import dev.unravel.sim.world.City;
import dev.unravel.sim.world.Person;
import java.time.Instant;

/**
 * The corporate VPN app on a laptop away from the office: its tunnel connecting when the day's work
 * starts, or its logout at the end. It connects from wherever the laptop physically is: a genuine
 * worker's home (also for those whose traffic then leaves through the VPN), a traveller's hotel,
 * and for every fraudulent hire the laptop farm's broadband, whatever the operator's own sign-ins
 * show.
 *
 * @param time     when
 * @param person   whose laptop
 * @param connect  the tunnel connected (after the portal and the gateway authenticated it); else the logout
 * @param publicIp the address the laptop connected from
 * @param place    where that address is
 * @param seconds  for a logout, how long the tunnel was up
 */
public record VpnConnection(Instant time, Person person, boolean connect, String publicIp, City place, long seconds)
        implements Activity {
}
