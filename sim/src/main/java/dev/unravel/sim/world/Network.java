package dev.unravel.sim.world;

/**
 * An IPv4 block of the simulated Internet and what an IP-intelligence feed says about it.
 *
 * @param cidr    the block
 * @param country ISO 3166-1 alpha-2 where the block geolocates
 * @param asn     autonomous system number
 * @param org     the AS organisation as registries spell it
 * @param kind    what sort of network it is
 */
public record Network(String cidr, String country, int asn, String org, Kind kind) {

    public enum Kind {
        /** Home broadband. */
        RESIDENTIAL,
        /** A mobile carrier. */
        MOBILE,
        /** Hotels, cafés, business lines. */
        BUSINESS,
        /** The company's own office egress. */
        OFFICE,
        /** The company's own VPN concentrator egress. */
        CORPORATE_VPN,
        /** Cloud and hosting providers. */
        HOSTING,
        /** Commercial VPN exits (anonymisers). */
        VPN;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public long first() {
        return Ipv4.parse(cidr.substring(0, cidr.indexOf('/')));
    }

    public int prefix() {
        return Integer.parseInt(cidr.substring(cidr.indexOf('/') + 1));
    }

    public long last() {
        return first() + (1L << (32 - prefix())) - 1;
    }

    public boolean contains(String ip) {
        long v = Ipv4.parse(ip);
        return v >= first() && v <= last();
    }

    /**
     * A host address in this block chosen by {@code key}: the same key always gives the same
     * address, never the block's first or last address or a .0/.255.
     */
    public String address(long key) {
        long size = last() - first() + 1;
        long usable = Math.max(1, size - 2);
        long offset = 1 + Math.floorMod(key * 0x9E3779B97F4A7C15L >>> 1, usable);
        long v = first() + offset;
        int low = (int) (v & 0xFF);
        if (low == 0 || low == 255) {
            v = (v & ~0xFFL) | (low == 0 ? 1 : 254);
        }
        return Ipv4.format(v);
    }
}
