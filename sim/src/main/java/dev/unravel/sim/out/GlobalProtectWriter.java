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
 * The corporate VPN's log, as a Palo Alto Networks firewall running GlobalProtect forwards it over
 * syslog (only with {@code simulate --vpn globalprotect}): the {@code GLOBALPROTECT} log type in
 * PAN-OS 11's CSV field order, after an RFC 3164 header, one file per UTC day
 * ({@code globalprotect/YYYY-MM-DD/gp-syslog.log}), the firewall's clock in UTC. A tunnel
 * connecting writes the portal's and the gateway's authentication (SAML) and the
 * {@code gateway-connected} log, a second apart; its end a {@code gateway-logout} with the
 * session's length.
 *
 * <p>Each log names the work e-mail, the laptop (host name, serial number, a host id derived from
 * it), the address it connected from and the tunnel address it was given: the laptop's
 * {@code internalIp}, the one Zeek sees behind the VPN.
 */
public final class GlobalProtectWriter extends DailyTextWriter {
    private static final DateTimeFormatter PANOS = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter SYSLOG = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter PRECISE = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss.SSS'+00:00'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final String FIREWALL = "nwl-fw-01";
    private static final String SERIAL = "016201004321";

    private long sequence = 7_412_983_300_185_520_000L;

    public GlobalProtectWriter(OutputDir dir) {
        super(dir, "globalprotect", day -> "globalprotect/" + day + "/gp-syslog.log");
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof VpnConnection v)) {
            return;
        }
        if (v.connect()) {
            line(v, v.time(), "portal-auth", "login", "", 0);
            line(v, v.time().plusSeconds(1), "gateway-auth", "login", "", 0);
            line(v, v.time().plusSeconds(2), "gateway-connected", "tunnel", "IPSec", 0);
        } else {
            line(v, v.time(), "gateway-logout", "logout", "IPSec", v.seconds());
        }
    }

    private void line(VpnConnection v, Instant t, String eventId, String stage, String tunnel, long seconds)
            throws IOException {
        Person p = v.person();
        String at = PANOS.format(t);
        boolean windows = p.laptop.windows();
        String gateway = eventId.startsWith("portal") ? "" : "GW-US-East";
        String description = eventId.equals("gateway-logout") ? "client logout"
                : "Client region: " + v.place().country() + ", Login from: " + v.publicIp() + ".";
        StringBuilder b = new StringBuilder(640);
        b.append("<14>").append(SYSLOG.format(t)).append(' ').append(FIREWALL).append(' ')
                .append("1,").append(at).append(',').append(SERIAL).append(",GLOBALPROTECT,0,2817,").append(at)
                .append(",vsys1,").append(eventId).append(',').append(stage).append(',')
                .append(eventId.endsWith("-auth") ? "SAML" : "").append(',').append(tunnel).append(',')
                .append(p.workEmail).append(',').append(v.place().country()).append(',')
                .append(p.laptop.hostname()).append(',').append(v.publicIp()).append(",0.0.0.0,")
                .append(eventId.startsWith("portal") ? "0.0.0.0" : p.laptop.internalIp()).append(",0.0.0.0,")
                .append(Derived.uuid(p.laptop.serial(), 0x6770L)).append(',').append(p.laptop.serial())
                .append(",6.2.4-28,").append(windows ? "Microsoft Windows" : "Mac").append(",\"")
                .append(windows ? "Microsoft Windows 11 Enterprise , 64-bit" : "Apple Mac OS X 14.4.1")
                .append("\",1,,,\"").append(description).append("\",success,,").append(seconds)
                .append(",user-logon,0,GP-Portal,").append(++sequence).append(",0x8000000000000000,")
                .append(PRECISE.format(t)).append(",,,,,").append(gateway).append(",12,0,0,0,,").append(FIREWALL)
                .append(",1,\n");
        out.write(b);
    }
}
