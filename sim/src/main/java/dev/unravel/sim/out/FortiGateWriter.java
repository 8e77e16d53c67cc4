package dev.unravel.sim.out;

import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.VpnConnection;
import dev.unravel.sim.world.Person;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The corporate VPN's log as a Fortinet FortiGate sends it to syslog (only with
 * {@code simulate --vpn fortigate}): FortiOS 7's {@code key=value} event logs of the SSL VPN, one
 * file per UTC day ({@code fortigate/YYYY-MM-DD/fgt-syslog.log}), the firewall's clock in UTC. A
 * tunnel connecting writes the web portal's login ({@code tunneltype="ssl-web"}) and the tunnel
 * up a second later; its end a tunnel down with the session's length.
 *
 * <p>Each log names the directory user name, the address the laptop connected from
 * ({@code remip}), FortiOS's country for it ({@code srccountry}) and the tunnel's address
 * ({@code tunnelip}: the laptop's {@code internalIp}, the one Zeek sees). FortiOS names no client
 * computer.
 */
public final class FortiGateWriter extends DailyTextWriter {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);


    public FortiGateWriter(OutputDir dir) {
        super(dir, "fortigate", day -> "fortigate/" + day + "/fgt-syslog.log");
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof VpnConnection v)) {
            return;
        }
        Person p = v.person();
        // one id per session, the same at its end: derived from whose tunnel and when it came up
        long up = v.time().getEpochSecond() - v.seconds();
        long id = 1_000_000L + Math.floorMod(Derived.hash(p.username, up), 9_000_000L);
        if (v.connect()) {
            line(v.time(), "0101039424", "SSL VPN tunnel up", "tunnel-up", "ssl-web", id, v, p,
                    "msg=\"SSL tunnel established\"");
            line(v.time().plusSeconds(1), "0101039424", "SSL VPN tunnel up", "tunnel-up", "ssl-tunnel", id, v,
                    p, "msg=\"SSL tunnel established\"");
        } else {
            line(v.time(), "0101039425", "SSL VPN tunnel down", "tunnel-down", "ssl-tunnel", id, v, p,
                    "duration=" + v.seconds() + " sentbyte=" + v.seconds() * 2_400 + " rcvdbyte=" + v.seconds()
                            * 9_100 + " msg=\"SSL tunnel shutdown\"");
        }
    }

    private void line(Instant t, String logId, String description, String action, String tunnelType, long id,
            VpnConnection v, Person p, String tail) throws IOException {
        StringBuilder b = new StringBuilder(520);
        b.append("date=").append(DATE.format(t)).append(" time=").append(TIME.format(t))
                .append(" devname=\"NWL-FGT-01\" devid=\"FG100FTK20000001\" eventtime=").append(t.getEpochSecond())
                .append(String.format(Locale.ROOT, "%09d", t.getNano())).append(" tz=\"+0000\" logid=\"")
                .append(logId).append("\" type=\"event\" subtype=\"vpn\" level=\"information\" vd=\"root\" logdesc=\"")
                .append(description).append("\" action=\"").append(action).append("\" tunneltype=\"")
                .append(tunnelType).append("\" tunnelid=").append(id).append(" remip=").append(v.publicIp());
        if (!tunnelType.equals("ssl-web")) {
            b.append(" tunnelip=").append(p.laptop.internalIp());
        }
        b.append(" user=\"").append(p.username).append("\" group=\"SSLVPN-Users\" srccountry=\"")
                .append(v.place().countryName()).append("\" dst_host=\"N/A\" reason=\"N/A\" ").append(tail)
                .append('\n');
        out.write(b);
    }
}
