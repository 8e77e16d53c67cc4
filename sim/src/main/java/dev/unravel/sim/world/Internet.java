package dev.unravel.sim.world;

import dev.unravel.sim.world.Network.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The simulated Internet: every block a simulated IP can come from, with the country, ASN,
 * organisation and kind that the simulator's IP-intelligence CSV declares. Blocks do not overlap.
 */
public final class Internet {
    private Internet() {
    }

    public static final List<Network> US_RESIDENTIAL = List.of(
            new Network("73.0.0.0/12", "US", 7922, "Comcast Cable Communications, LLC", Kind.RESIDENTIAL),
            new Network("99.0.0.0/12", "US", 7018, "AT&T Services, Inc.", Kind.RESIDENTIAL),
            new Network("24.160.0.0/12", "US", 20115, "Charter Communications Inc", Kind.RESIDENTIAL),
            new Network("71.160.0.0/12", "US", 701, "Verizon Business", Kind.RESIDENTIAL),
            new Network("68.0.0.0/13", "US", 22773, "Cox Communications Inc.", Kind.RESIDENTIAL));

    public static final Network US_MOBILE =
            new Network("172.56.0.0/13", "US", 21928, "T-Mobile USA, Inc.", Kind.MOBILE);

    /** One egress block per office in {@link Geo#OFFICES}, in the same order. */
    public static final List<Network> OFFICE_EGRESS = List.of(
            new Network("64.125.134.0/29", "US", 6461, "Zayo Bandwidth (Northwind Labs HQ)", Kind.OFFICE),
            new Network("64.125.134.8/29", "US", 6461, "Zayo Bandwidth (Northwind Labs NYC)", Kind.OFFICE),
            new Network("64.125.134.16/29", "US", 6461, "Zayo Bandwidth (Northwind Labs Austin)", Kind.OFFICE));

    public static final Network CORPORATE_VPN =
            new Network("64.125.135.0/28", "US", 6461, "Zayo Bandwidth (Northwind Labs VPN)", Kind.CORPORATE_VPN);

    /** Hotel and business lines per travel country. */
    public static final Map<String, Network> BUSINESS = new TreeMap<>(Map.of(
            "GB", new Network("82.0.0.0/14", "GB", 5089, "Virgin Media Limited", Kind.BUSINESS),
            "DE", new Network("79.192.0.0/12", "DE", 3320, "Deutsche Telekom AG", Kind.BUSINESS),
            "JP", new Network("153.128.0.0/12", "JP", 4713, "NTT Communications Corporation", Kind.BUSINESS),
            "SG", new Network("118.200.0.0/13", "SG", 9506, "Singtel Fibre Broadband", Kind.BUSINESS),
            "CA", new Network("99.224.0.0/12", "CA", 812, "Rogers Communications Canada Inc.", Kind.BUSINESS),
            "US", new Network("66.90.64.0/18", "US", 7029, "Windstream Communications LLC", Kind.BUSINESS)));

    /** Home broadband for contractors abroad, per country. */
    public static final Map<String, Network> FOREIGN_RESIDENTIAL = new TreeMap<>(Map.of(
            "PL", new Network("83.0.0.0/12", "PL", 5617, "Orange Polska Spolka Akcyjna", Kind.RESIDENTIAL),
            "IN", new Network("49.32.0.0/12", "IN", 55836, "Reliance Jio Infocomm Limited", Kind.RESIDENTIAL),
            "PH", new Network("112.198.0.0/16", "PH", 9299, "Philippine Long Distance Telephone Company",
                    Kind.RESIDENTIAL),
            "BR", new Network("177.64.0.0/12", "BR", 28573, "Claro NXT Telecomunicacoes Ltda", Kind.RESIDENTIAL),
            "AR", new Network("181.0.0.0/12", "AR", 7303, "Telecom Argentina S.A.", Kind.RESIDENTIAL),
            "PT", new Network("85.240.0.0/13", "PT", 3243, "MEO - Servicos De Comunicacoes E Multimedia S.A.",
                    Kind.RESIDENTIAL),
            "CN", new Network("175.160.0.0/12", "CN", 4837, "CHINA UNICOM China169 Backbone", Kind.RESIDENTIAL),
            "RU", new Network("95.24.0.0/13", "RU", 12389, "PJSC Rostelecom", Kind.RESIDENTIAL),
            "KP", new Network("175.45.176.0/22", "KP", 131279, "Star Joint Venture Co. Ltd.", Kind.RESIDENTIAL)));

    /** Commercial VPN exits geolocating to the US: what the scheme's operators sign in through. */
    public static final List<Network> VPN = List.of(
            new Network("185.242.4.0/22", "US", 9009, "M247 Europe SRL", Kind.VPN),
            new Network("156.146.32.0/20", "US", 60068, "Datacamp Limited", Kind.VPN));

    public static final List<Network> HOSTING = List.of(
            new Network("159.65.0.0/16", "US", 14061, "DigitalOcean, LLC", Kind.HOSTING),
            new Network("45.76.0.0/16", "US", 20473, "The Constant Company, LLC", Kind.HOSTING),
            new Network("52.0.0.0/11", "US", 16509, "Amazon.com, Inc.", Kind.HOSTING),
            new Network("140.82.112.0/20", "US", 36459, "GitHub, Inc.", Kind.HOSTING));

    /** Every block, sorted by first address: what the IP-intelligence CSV lists. */
    public static List<Network> all() {
        List<Network> all = new ArrayList<>(US_RESIDENTIAL);
        all.add(US_MOBILE);
        all.addAll(OFFICE_EGRESS);
        all.add(CORPORATE_VPN);
        all.addAll(BUSINESS.values());
        all.addAll(FOREIGN_RESIDENTIAL.values());
        all.addAll(VPN);
        all.addAll(HOSTING);
        all.sort(java.util.Comparator.comparingLong(Network::first));
        return all;
    }

    /** The block an address falls in, or null. */
    public static Network lookup(String ip) {
        for (Network n : all()) {
            if (n.contains(ip)) {
                return n;
            }
        }
        return null;
    }

    /** Home broadband in a country; US workers spread over several ISPs by {@code key}. */
    public static Network residential(String country, long key) {
        if ("US".equals(country)) {
            return US_RESIDENTIAL.get((int) Math.floorMod(key, (long) US_RESIDENTIAL.size()));
        }
        Network n = FOREIGN_RESIDENTIAL.get(country);
        if (n == null) {
            throw new IllegalArgumentException("no residential network for " + country);
        }
        return n;
    }

    /** A hotel or business line in a country. */
    public static Network business(String country) {
        Network n = BUSINESS.get(country);
        if (n == null) {
            throw new IllegalArgumentException("no business network for " + country);
        }
        return n;
    }
}
