package dev.unravel.detect.intel;

/**
 * What the intelligence feeds say about one address: where it geolocates, who announces it, and
 * what kind of network it is. Fields a feed does not give are null (text) or 0 (ASN).
 *
 * @param country     ISO 3166-1 alpha-2 code, upper case, or null
 * @param asn         autonomous system number, or 0
 * @param org         the AS organisation, or null
 * @param networkType the feed's own word for the network (residential, business, mobile, hosting,
 *                    vpn, office, corporate_vpn …), or null
 * @param vpn         a commercial VPN exit
 * @param hosting     a hosting or cloud provider (servers, not people)
 * @param anonymiser  Tor, open proxies, anonymising relays
 * @param office      the organisation's own egress (offices, corporate VPN): shared by design
 * @param internal    a private, loopback, link-local or documentation address: locates nobody
 * @param region      the subdivision within {@code country} (for the US the state's two-letter code),
 *                    from city-level feeds only; null otherwise
 */
public record IpInfo(String country, int asn, String org, String networkType, boolean vpn, boolean hosting,
        boolean anonymiser, boolean office, boolean internal, String region) {

    /** Without a subdivision, as country-level feeds give it. */
    public IpInfo(String country, int asn, String org, String networkType, boolean vpn, boolean hosting,
            boolean anonymiser, boolean office, boolean internal) {
        this(country, asn, org, networkType, vpn, hosting, anonymiser, office, internal, null);
    }

    /** No feed knows the address. */
    public static final IpInfo UNKNOWN = new IpInfo(null, 0, null, null, false, false, false, false, false);

    /** A private or otherwise non-routable address. */
    public static final IpInfo INTERNAL = new IpInfo(null, 0, null, "internal", false, false, false, false, true);

    /** True when the address hides who is behind it: VPN, hosting or an anonymiser. */
    public boolean masksOrigin() {
        return vpn || hosting || anonymiser;
    }

    /** True when some feed said anything about the address. */
    public boolean known() {
        return country != null || region != null || asn != 0 || org != null || networkType != null || vpn || hosting || anonymiser
                || office || internal;
    }

    /**
     * This information completed by a later feed: text from the first feed that gives it (an ASN
     * carries its organisation with it), flags from any feed.
     */
    IpInfo completedBy(IpInfo other) {
        boolean takeAsn = asn == 0 && other.asn != 0;
        String organisation;
        if (takeAsn) {
            organisation = other.org != null ? other.org : org;
        } else {
            boolean sameAs = asn == 0 || other.asn == asn;
            organisation = org != null ? org : sameAs ? other.org : null;
        }
        return new IpInfo(country != null ? country : other.country,
                takeAsn ? other.asn : asn,
                organisation,
                networkType != null ? networkType : other.networkType,
                vpn || other.vpn, hosting || other.hosting, anonymiser || other.anonymiser,
                office || other.office, internal || other.internal,
                // a subdivision only means something with its own feed's country
                region != null ? region
                        : other.region != null && (country == null || country.equals(other.country)) ? other.region
                        : null);
    }

    /** A few words for explanations: "Datacamp Limited (AS60068, vpn, US)". */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(org != null ? org : "an unknown network");
        StringBuilder tags = new StringBuilder();
        if (asn != 0) {
            tags.append("AS").append(asn);
        }
        String kind = vpn ? "commercial VPN" : anonymiser ? "anonymiser" : hosting ? "hosting provider"
                : office ? "company egress" : networkType;
        if (kind != null) {
            tags.append(tags.length() > 0 ? ", " : "").append(kind);
        }
        if (country != null) {
            tags.append(tags.length() > 0 ? ", " : "").append(country);
        }
        if (tags.length() > 0) {
            b.append(" (").append(tags).append(')');
        }
        return b.toString();
    }
}
