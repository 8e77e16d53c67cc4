package dev.unravel.sim.activity;

import dev.unravel.sim.world.City;
import dev.unravel.sim.world.Network;
import dev.unravel.sim.world.Person;
import java.time.Instant;

/**
 * A Duo push that guards the corporate VPN: the computer asks from where it is, the phone approves
 * from where it is. For a genuine worker both are at home; for a scheme's operator the computer
 * is at the laptop farm or behind its VPN exit while the phone may be with the operator abroad, or
 * with the farm's facilitator, who approves for several workers on one phone.
 *
 * @param time         when
 * @param person       whose sign-in
 * @param ip           the computer's public address
 * @param network      its network
 * @param place        where it geolocates
 * @param phoneKey     Duo's key for the approving phone
 * @param phoneName    the phone as Duo names it ({@code iPhone 15 (801-555-0101)})
 * @param phoneIp      the phone's public address
 * @param phonePlace   where the phone's address geolocates
 * @param success      approved (else denied)
 * @param txid         the transaction id
 */
public record DuoPush(Instant time, Person person, String ip, Network network, City place, String phoneKey,
        String phoneName, String phoneIp, City phonePlace, boolean success, String txid) implements Activity {
}
