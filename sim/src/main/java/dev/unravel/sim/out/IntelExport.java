package dev.unravel.sim.out;

import dev.unravel.sim.world.Internet;
import dev.unravel.sim.world.Ipv4;
import dev.unravel.sim.world.Network;
import dev.unravel.sim.world.Network.Kind;
import java.io.IOException;
import java.io.Writer;

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

    /** Writes {@code intel/ip-ranges.csv} and {@code intel/README.txt}. */
    public static void write(OutputDir out) throws IOException {
        try (Csv csv = Csv.open(out, RANGES, "start_ip", "end_ip", "cidr", "country", "asn", "as_org",
                "network_type", "is_vpn", "is_hosting", "is_corporate")) {
            for (Network n : Internet.all()) {
                Kind k = n.kind();
                csv.row(Ipv4.format(n.first()), Ipv4.format(n.last()), n.cidr(), n.country(), n.asn(), n.org(), k.id(),
                        k == Kind.VPN, k == Kind.HOSTING, k == Kind.OFFICE || k == Kind.CORPORATE_VPN);
            }
        }
        try (Writer w = out.createText("intel/README.txt")) {
            w.write("ip-ranges.csv: one row per IPv4 block; start_ip..end_ip inclusive, the same block as cidr; "
                    + "blocks never overlap.\n");
            w.write("country is ISO 3166-1 alpha-2 where the block geolocates; asn and as_org are the announcing "
                    + "autonomous system.\n");
            w.write("network_type is residential, mobile, business, office, corporate_vpn, hosting or vpn; "
                    + "is_corporate marks the company's own office and VPN egress.\n");
        }
    }
}
