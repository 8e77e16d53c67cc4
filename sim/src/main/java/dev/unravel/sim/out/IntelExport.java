package dev.unravel.sim.out;

import dev.unravel.sim.world.Internet;
import dev.unravel.sim.world.Ipv4;
import dev.unravel.sim.world.Network;
import dev.unravel.sim.world.Network.Kind;
import java.io.IOException;

/**
 * The IP-intelligence feed of the simulated Internet: for every block a simulated address can
 * come from, where it geolocates, who announces it and what kind of network it is. It stands in
 * for the commercial geo/ASN/VPN feed a real deployment buys, so that the simulator's logs and
 * the feed agree with each other rather than with today's real Internet.
 */
public final class IntelExport {
    private static final String RANGES = "intel/ip-ranges.csv";

    private IntelExport() {
    }

    /**
     * Writes {@code intel/ip-ranges.csv} (columns documented in docs/formats/hr-csv.md): the simulated
     * Internet's networks and the company's own private range, declared as its own.
     */
    public static void write(OutputDir out) throws IOException {
        try (Csv csv = Csv.open(out, RANGES, "start_ip", "end_ip", "cidr", "country", "asn", "as_org",
                "network_type", "is_vpn", "is_hosting", "is_corporate", "region")) {
            // the company's own private network, first in address order: the VPN's address pool, which the
            // offices' LANs share
            csv.row("10.20.0.0", "10.20.255.255", "10.20.0.0/16", null, null, "Northwind Labs internal (VPN pool, "
                    + "offices)", Kind.CORPORATE_VPN.id(), false, false, true, null);
            for (Network n : Internet.all()) {
                Kind k = n.kind();
                csv.row(Ipv4.format(n.first()), Ipv4.format(n.last()), n.cidr(), n.country(), n.asn(), n.org(), k.id(),
                        k == Kind.VPN, k == Kind.HOSTING, k == Kind.OFFICE || k == Kind.CORPORATE_VPN,
                        null); // the simulated feed is country-level, like the free databases
            }
        }
    }
}
