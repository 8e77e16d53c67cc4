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
 * The corporate VPN's log as a Cisco ASA running AnyConnect sends it to syslog (only with
 * {@code simulate --vpn anyconnect}): the ASA's own timestamp with the year ({@code logging
 * timestamp}) and its host name before each message, its clock in UTC, one file per UTC day
 * ({@code cisco-asa/YYYY-MM-DD/asa-syslog.log}). A tunnel connecting writes {@code 113039} (the
 * AnyConnect session started) and {@code 722051} (the address it was given: the laptop's
 * {@code internalIp}, the one Zeek sees); its end {@code 113019} with the duration and bytes. The
 * user is the directory user name; the ASA names no computer.
 */
public final class CiscoAsaWriter extends DailyTextWriter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final String HOST = "nwl-asa-01";
    private static final String GROUP = "GroupPolicy_Remote";

    public CiscoAsaWriter(OutputDir dir) {
        super(dir, "cisco-asa", day -> "cisco-asa/" + day + "/asa-syslog.log");
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof VpnConnection v)) {
            return;
        }
        Person p = v.person();
        String who = "Group <" + GROUP + "> User <" + p.username + "> IP <" + v.publicIp() + "> ";
        if (v.connect()) {
            line(v.time(), "6-113039", who + "AnyConnect parent session started.");
            line(v.time().plusSeconds(2), "4-722051", who + "IPv4 Address <" + p.laptop.internalIp()
                    + "> IPv6 address <::> assigned to session");
        } else {
            long s = v.seconds();
            line(v.time(), "4-113019", "Group = " + GROUP + ", Username = " + p.username + ", IP = " + v.publicIp()
                    + ", Session disconnected. Session Type: AnyConnect-Parent, Duration: " + s / 3600 + "h:"
                    + String.format(Locale.ROOT, "%02dm:%02ds", s / 60 % 60, s % 60) + ", Bytes xmt: " + s * 2_400
                    + ", Bytes rcv: " + s * 9_100 + ", Reason: User Requested");
        }
    }

    private void line(Instant t, String tag, String message) throws IOException {
        out.write(TIME.format(t) + " " + HOST + " : %ASA-" + tag + ": " + message + "\n");
    }
}
