package dev.unravel.detect.intel;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import dev.unravel.core.net.IpAddress;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads intelligence files into range lists for {@link IpIntel.Builder#feed}:
 * <ul>
 * <li>MaxMind DB ({@code .mmdb}): country databases as MaxMind (GeoLite2/GeoIP2 Country,
 * {@code country.iso_code}), DB-IP and ip-location-db ({@code country_code}) publish them; ASN
 * databases ({@code autonomous_system_number}, {@code autonomous_system_organization}); GeoIP2
 * Anonymous IP ({@code is_anonymous_vpn}, {@code is_hosting_provider}, {@code is_tor_exit_node},
 * {@code is_public_proxy}). The whole tree is read once into ranges, so look-ups never decode.</li>
 * <li>CSV ranges: our {@code intel/ip-ranges.csv} (header {@code start_ip,end_ip,cidr,country,asn,
 * as_org,network_type,is_vpn,is_hosting,is_corporate}), and headerless {@code start,end,country}
 * or {@code start,end,asn,org} files as ip-location-db publishes them.</li>
 * <li>CIDR lists: one network (CIDR, single address, or {@code first-last}) a line, {@code #}
 * comments, and a label (vpn, hosting, office, anonymiser) as a second column or, for the whole
 * file, in its name ({@code vpn-exits.txt}, {@code office-egress.cidr}).</li>
 * </ul>
 */
public final class IntelFiles {

    private IntelFiles() {
    }

    /** The ranges in {@code file}, its kind told by extension ({@code .mmdb}, {@code .csv}, else a CIDR list). */
    public static List<IpIntel.Range> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".mmdb")) {
            return readMmdb(file);
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (name.endsWith(".csv")) {
                return readCsv(in, file.toString());
            }
            return readCidrList(in, labelOf(name), file.toString());
        }
    }

    // ------------------------------------------------------------------ MaxMind DB

    static List<IpIntel.Range> readMmdb(Path file) throws IOException {
        List<IpIntel.Range> out = new ArrayList<>();
        // The cache hands back one decoded map per data record, so each record converts once.
        Map<Object, IpInfo> converted = new IdentityHashMap<>();
        try (Reader reader = new Reader(file.toFile(), new CHMCache(1 << 16))) {
            boolean v6Tree = reader.getMetadata().ipVersion() == 6;
            @SuppressWarnings("rawtypes")
            Networks<Map> networks = reader.networks(false, Map.class);
            while (networks.hasNext()) {
                @SuppressWarnings("rawtypes")
                DatabaseRecord<Map> record = networks.next();
                IpInfo info = converted.computeIfAbsent(record.data(), IntelFiles::fromMmdb);
                if (info == null || !info.known()) {
                    continue;
                }
                InetAddress address = record.network().networkAddress();
                int prefix = record.network().prefixLength();
                byte[] bytes = address.getAddress();
                if (address instanceof Inet4Address) {
                    out.add(IpIntel.Range.cidr(0, IpAddress.V4_MAPPED_LO | toLong(bytes, 0, 4), prefix + 96, info));
                } else {
                    long hi = toLong(bytes, 0, 8);
                    long lo = toLong(bytes, 8, 8);
                    if (v6Tree && hi == 0 && (lo >>> 32) == 0 && prefix >= 96) {
                        // The IPv4 subtree of an IPv6 database (::a.b.c.d/96+): store as IPv4.
                        lo |= IpAddress.V4_MAPPED_LO;
                    }
                    out.add(IpIntel.Range.cidr(hi, lo, prefix, info));
                }
            }
        } catch (RuntimeException | com.maxmind.db.InvalidNetworkException e) {
            throw new IOException(file + ": not a readable MaxMind DB file: " + e.getMessage(), e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static IpInfo fromMmdb(Object data) {
        if (!(data instanceof Map<?, ?> raw)) {
            return null;
        }
        Map<String, Object> m = (Map<String, Object>) raw;
        String country = text(m.get("country_code"));
        if (country == null && m.get("country") instanceof Map<?, ?> c) {
            country = text(c.get("iso_code"));
        }
        if (country == null && m.get("registered_country") instanceof Map<?, ?> c) {
            country = text(c.get("iso_code"));
        }
        int asn = m.get("autonomous_system_number") instanceof Number n ? n.intValue() : 0;
        String org = text(m.get("autonomous_system_organization"));
        boolean vpn = truth(m.get("is_anonymous_vpn"));
        boolean hosting = truth(m.get("is_hosting_provider"));
        boolean anonymiser = truth(m.get("is_tor_exit_node")) || truth(m.get("is_public_proxy"))
                || truth(m.get("is_residential_proxy"));
        return new IpInfo(country == null ? null : country.toUpperCase(Locale.ROOT), asn, org, null, vpn, hosting,
                anonymiser, false, false, region(m, country));
    }

    /**
     * The subdivision of a city database: GeoIP2/GeoLite2 City's {@code subdivisions[0].iso_code},
     * or ip-location-db's {@code state1} (a name). For the US, normalised to the state's code.
     */
    private static String region(Map<String, Object> m, String country) {
        String region = null;
        if (m.get("subdivisions") instanceof List<?> subs && !subs.isEmpty() && subs.get(0) instanceof Map<?, ?> sub) {
            region = text(sub.get("iso_code"));
        }
        if (region == null) {
            region = text(m.get("state1"));
        }
        return normaliseRegion(region, country);
    }

    /** A subdivision as a code: the US state's code for US addresses, upper-case text otherwise. */
    static String normaliseRegion(String region, String country) {
        if (region == null) {
            return null;
        }
        if ("US".equalsIgnoreCase(country)) {
            return dev.unravel.detect.roster.UsStates.code(region);
        }
        return region.strip().toUpperCase(Locale.ROOT);
    }

    private static long toLong(byte[] b, int from, int length) {
        long v = 0;
        for (int i = from; i < from + length; i++) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    // ------------------------------------------------------------------ CSV ranges

    static List<IpIntel.Range> readCsv(BufferedReader in, String name) throws IOException {
        List<IpIntel.Range> out = new ArrayList<>();
        String line = in.readLine();
        if (line == null) {
            return out;
        }
        if (line.startsWith("\uFEFF")) {
            line = line.substring(1);
        }
        List<String> first = Csv.split(line);
        Columns columns = Columns.fromHeader(first);
        int lineNo = 1;
        if (columns == null) {
            columns = Columns.positional(first.size());
            add(out, first, columns, name, lineNo);
        }
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            add(out, Csv.split(line), columns, name, lineNo);
        }
        return out;
    }

    private static void add(List<IpIntel.Range> out, List<String> row, Columns c, String name, int lineNo)
            throws IOException {
        long[] start = new long[2];
        long[] end = new long[2];
        String first = c.get(row, c.start);
        String last = c.get(row, c.end);
        String cidr = c.get(row, c.cidr);
        String country = upper(c.get(row, c.country));
        IpInfo info = new IpInfo(country, integer(c.get(row, c.asn)), c.get(row, c.org),
                c.get(row, c.type), truth(c.get(row, c.vpn)), truth(c.get(row, c.hosting)),
                truth(c.get(row, c.anonymiser)), truth(c.get(row, c.office)), false,
                normaliseRegion(c.get(row, c.region), country));
        if (first != null && last != null && IpAddress.parse(first, start) && IpAddress.parse(last, end)
                && IpIntel.compare(start[0], start[1], end[0], end[1]) <= 0) {
            out.add(new IpIntel.Range(start[0], start[1], end[0], end[1], info));
        } else if (cidr != null) {
            out.add(parseNetwork(cidr, info, name, lineNo));
        } else {
            throw new IOException(name + ":" + lineNo + ": no valid start/end address or CIDR: " + row);
        }
    }

    /** Which column holds what; -1 when the file has no such column. */
    private record Columns(int start, int end, int cidr, int country, int asn, int org, int type, int vpn,
            int hosting, int anonymiser, int office, int region) {

        static Columns fromHeader(List<String> header) {
            List<String> h = header.stream().map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
            int start = index(h, "start_ip", "ip_start", "start", "first_ip");
            int cidr = index(h, "cidr", "network");
            if (start < 0 && cidr < 0) {
                return null;
            }
            return new Columns(start, index(h, "end_ip", "ip_end", "end", "last_ip"), cidr,
                    index(h, "country", "country_code", "country_iso_code"),
                    index(h, "asn", "autonomous_system_number"),
                    index(h, "as_org", "org", "organisation", "organization", "autonomous_system_organization"),
                    index(h, "network_type", "type"), index(h, "is_vpn", "vpn"),
                    index(h, "is_hosting", "hosting", "is_hosting_provider"),
                    index(h, "is_anonymiser", "is_anonymizer", "is_tor", "is_proxy", "is_anonymous"),
                    index(h, "is_corporate", "is_office", "office"),
                    index(h, "region", "subdivision", "region_code", "subdivision_code", "state"));
        }

        /** Headerless files as ip-location-db publishes them: start,end,country or start,end,asn,org. */
        static Columns positional(int width) {
            if (width >= 4) {
                return new Columns(0, 1, -1, -1, 2, 3, -1, -1, -1, -1, -1, -1);
            }
            return new Columns(0, 1, -1, 2, -1, -1, -1, -1, -1, -1, -1, -1);
        }

        private static int index(List<String> header, String... names) {
            for (String n : names) {
                int i = header.indexOf(n);
                if (i >= 0) {
                    return i;
                }
            }
            return -1;
        }

        String get(List<String> row, int column) {
            if (column < 0 || column >= row.size()) {
                return null;
            }
            String s = row.get(column).strip();
            return s.isEmpty() ? null : s;
        }
    }

    // ------------------------------------------------------------------ CIDR lists

    static List<IpIntel.Range> readCidrList(BufferedReader in, String fileLabel, String name) throws IOException {
        List<IpIntel.Range> out = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            int hash = line.indexOf('#');
            String s = (hash >= 0 ? line.substring(0, hash) : line).strip();
            if (s.isEmpty() || s.startsWith(";")) {
                continue;
            }
            String[] parts = s.split("[\\s,;]+", 3);
            String label = parts.length > 1 ? labelOf(parts[1].toLowerCase(Locale.ROOT)) : fileLabel;
            if (label == null) {
                throw new IOException(name + ":" + lineNo + ": no label for this network: give one (vpn, hosting, "
                        + "office, anonymiser) after the network or in the file name");
            }
            out.add(parseNetwork(parts[0], infoFor(label), name, lineNo));
        }
        return out;
    }

    /** The label a file name or column word stands for ("office-egress.txt" → office), or null. */
    static String labelOf(String word) {
        for (String token : word.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")) {
            if (token.equals("vpn") || token.equals("vpns")) {
                return "vpn";
            }
            if (token.equals("tor") || token.startsWith("anonym") || token.startsWith("prox")) {
                return "anonymiser";
            }
            if (token.equals("hosting") || token.startsWith("datacent") || token.equals("cloud")) {
                return "hosting";
            }
            if (token.equals("office") || token.equals("egress") || token.equals("corporate")) {
                return "office";
            }
        }
        return null;
    }

    private static IpInfo infoFor(String label) {
        return switch (label) {
            case "vpn" -> new IpInfo(null, 0, null, "vpn", true, false, false, false, false);
            case "hosting" -> new IpInfo(null, 0, null, "hosting", false, true, false, false, false);
            case "anonymiser" -> new IpInfo(null, 0, null, "anonymiser", false, false, true, false, false);
            default -> new IpInfo(null, 0, null, "office", false, false, false, true, false);
        };
    }

    /** A CIDR, a single address, or {@code first-last}. */
    /**
     * A network as people write them: a CIDR range, a single address, or {@code first-last}, IPv4 or
     * IPv6, literals only (no name looked up); null when {@code text} is none of these.
     */
    public static IpIntel.Range network(String text) {
        try {
            return parseNetwork(text.strip(), null, "", 0);
        } catch (IOException e) {
            return null;
        }
    }

    static IpIntel.Range parseNetwork(String text, IpInfo info, String name, int lineNo) throws IOException {
        long[] a = new long[2];
        int slash = text.indexOf('/');
        int dash = text.indexOf('-');
        if (slash > 0) {
            String address = text.substring(0, slash);
            int prefix;
            try {
                prefix = Integer.parseInt(text.substring(slash + 1).strip());
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (IpAddress.parse(address, a)) {
                boolean v4 = IpAddress.parseV4(address) >= 0;
                int bits = v4 ? prefix + 96 : prefix;
                if (prefix >= 0 && prefix <= (v4 ? 32 : 128)) {
                    return IpIntel.Range.cidr(a[0], a[1], bits, info);
                }
            }
        } else if (dash > 0) {
            long[] b = new long[2];
            if (IpAddress.parse(text.substring(0, dash).strip(), a) && IpAddress.parse(text.substring(dash + 1).strip(), b)
                    && IpIntel.compare(a[0], a[1], b[0], b[1]) <= 0) {
                return new IpIntel.Range(a[0], a[1], b[0], b[1], info);
            }
        } else if (IpAddress.parse(text, a)) {
            return new IpIntel.Range(a[0], a[1], a[0], a[1], info);
        }
        throw new IOException(name + ":" + lineNo + ": not a network (CIDR, address or first-last): " + text);
    }

    // ------------------------------------------------------------------ helpers

    static String text(Object o) {
        if (o == null) {
            return null;
        }
        String s = o.toString().strip();
        return s.isEmpty() ? null : s;
    }

    static String upper(String s) {
        return s == null ? null : s.toUpperCase(Locale.ROOT);
    }

    static int integer(String s) {
        if (s == null) {
            return 0;
        }
        String t = s.startsWith("AS") || s.startsWith("as") ? s.substring(2) : s;
        try {
            return Integer.parseInt(t.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static boolean truth(Object o) {
        if (o instanceof Boolean b) {
            return b;
        }
        if (o == null) {
            return false;
        }
        String s = o.toString().strip();
        return s.equalsIgnoreCase("true") || s.equals("1") || s.equalsIgnoreCase("yes");
    }

    /** RFC 4180 fields of one line (quotes, doubled quotes); enough for the intel CSVs and the indicator lists. */
    public static final class Csv {
        private Csv() {
        }

        /** The fields; a quote left open takes the rest of the line into its field. */
        public static List<String> split(String line) {
            return split(line, false);
        }

        /**
         * The fields; with {@code strict}, a quote left open is an {@link IllegalArgumentException}
         * ("a quote opened and not closed") instead.
         */
        public static List<String> split(String line, boolean strict) {
            List<String> out = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (quoted) {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    out.add(field.toString());
                    field.setLength(0);
                } else {
                    field.append(c);
                }
            }
            if (quoted && strict) {
                throw new IllegalArgumentException("a quote opened and not closed");
            }
            out.add(field.toString());
            return out;
        }
    }
}
