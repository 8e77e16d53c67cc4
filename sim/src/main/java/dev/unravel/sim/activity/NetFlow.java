package dev.unravel.sim.activity;

import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Person;
import java.time.Instant;

/**
 * A network connection from a laptop, seen by Zeek at the VPN concentrator (conn, plus dns when
 * a name was looked up and http when it is plain HTTP) and by Sysmon event 3 on Windows.
 *
 * @param time       when the connection started
 * @param host       the laptop
 * @param person     the signed-in user
 * @param image      the process that connected (for Sysmon), or null
 * @param domain     the name looked up first, or null
 * @param dstIp      the destination address
 * @param dstPort    the destination port
 * @param proto      {@code tcp} or {@code udp}
 * @param service    Zeek's service guess ({@code ssl}, {@code http}, {@code dns}), or null
 * @param durationS  seconds the connection lasted
 * @param bytesOut   bytes the laptop sent
 * @param bytesIn    bytes it received
 * @param httpMethod for plain HTTP the method, else null
 * @param httpUri    for plain HTTP the URI, else null
 * @param userAgent  for plain HTTP the user agent, else null
 * @param uid        Zeek's connection uid
 * @param srcPort    the laptop's source port
 * @param publicIp   the public address of the network the laptop is on (home, farm, office,
 *                   hotel): what a cloud proxy's agent on the laptop reaches the proxy from
 */
public record NetFlow(Instant time, Host host, Person person, String image, String domain, String dstIp, int dstPort, String proto, String service, double durationS,
        long bytesOut, long bytesIn, String httpMethod, String httpUri, String userAgent, String uid, int srcPort,
        String publicIp)
        implements Activity {
}
