package dev.unravel.detect.roster;

import dev.unravel.detect.EndpointEvents;

import dev.unravel.core.Event;
import dev.unravel.detect.PerEntity;
import dev.unravel.core.net.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which device held an address when: what ties a network sensor's record (Zeek sees only
 * addresses) to a laptop, and through the laptop's asset record to a worker. A VPN or DHCP hands a
 * laptop an internal address; the endpoint's own logs say which one:
 * <ul>
 * <li>osquery {@code interface_addresses} rows (any query whose rows have {@code interface} and
 * {@code address}, but not the ARP cache's, whose addresses are the neighbours'): "added" holds the address from then until a "removed" row, a snapshot row
 * at the moment it ran;</li>
 * <li>Sysmon network connections it initiated (event 3, {@code SourceIp}): at that moment;</li>
 * <li>Zeek's {@code dhcp.log}: {@code assigned_addr} held by the client's {@code host_name} for
 * {@code lease_time};</li>
 * <li>a corporate VPN's own log (GlobalProtect): the tunnel address ({@code private_ip}) is the
 * computer's from its tunnel connecting ({@code vpn.session.start}) to its logout
 * ({@code vpn.session.end}), or until the gateway gives the address to another computer.</li>
 * </ul>
 * A moment's sighting counts for {@link #LEASE} either side of it, as a DHCP lease would. An
 * address two devices held at the same time (home networks: every 192.168.1.x) names neither, so
 * it resolves to no one rather than to a guess. Loopback, link-local, multicast and unspecified
 * addresses never name a device and are not kept.
 *
 * <p>Bounded: at most {@code maxAddresses} addresses (the least recently seen evicted and counted)
 * and {@link #MAX_HOLDINGS} holdings per address (the oldest dropped and counted).
 */
public final class DeviceAddresses {

    /** How long a sighting of an address on a device is taken to hold, either side: a DHCP lease. */
    public static final Duration LEASE = Duration.ofHours(12);

    /** Holdings kept per address; an address changing hands more often than this keeps the latest. */
    static final int MAX_HOLDINGS = 16;

    private static final long LEASE_SECONDS = LEASE.getSeconds();
    private static final long MAX_DHCP_LEASE = 365L * 86_400;
    private static final long OPEN = Long.MAX_VALUE;

    /**
     * One device's tenure of an address: from, to in epoch seconds ({@link #OPEN}: not yet
     * removed); {@code how} names the source ("osquery interface_addresses, utun4").
     */
    private static final class Holding {
        final String device;
        /** The device's short name lower-cased: Sysmon names it by FQDN, osquery by host name. */
        final String deviceKey;
        final String how;
        final long from;
        long to;
        /** Whether the source gave an interval (osquery added, DHCP lease) rather than moments. */
        final boolean interval;

        Holding(String device, String how, long from, long to, boolean interval) {
            this.device = device;
            this.deviceKey = deviceKey(device);
            this.how = how;
            this.from = from;
            this.to = to;
            this.interval = interval;
        }
    }

    /**
     * The device that held an address at a moment, and how that is known.
     *
     * @param device the device's name as its logs give it
     * @param how    the source and the tenure, for the analyst: "osquery interface_addresses, utun4,
     *               added 2026-03-02T14:03:11Z", "Sysmon network connections from … to …"
     */
    public record Holder(String device, String how) {

        /** For an explanation: "at 10.20.2.7, per osquery interface_addresses, utun4, added …". */
        public String at(String address) {
            return "at " + address + ", per " + how;
        }
    }

    private final PerEntity<String, List<Holding>> byAddress;
    private long dropped;
    private final long[] parsed = new long[2];

    public DeviceAddresses(int maxAddresses) {
        this.byAddress = new PerEntity<>(maxAddresses);
    }

    /** Takes what an event says about which device held which address (most events say nothing). */
    public void observe(Event e) {
        String type = e.type();
        Map<String, Object> d = e.document();
        if (EndpointEvents.kind(type) == EndpointEvents.Kind.NETWORK) {
            // An inbound connection's SourceIp is the remote side's.
            if (e.host() != null && !"false".equalsIgnoreCase(text(d.get("Initiated")))) {
                sighting(text(d.get("SourceIp")), e.host(), EndpointEvents.of(type).records(),
                        e.time().getEpochSecond());
            }
        } else if ("dhcp".equals(type) && "zeek".equals(e.source())) {
            dhcp(e, d);
        } else if (type.startsWith("vpn.session.")) {
            vpn(e, d, type.equals("vpn.session.start"));
        } else if (type.startsWith("osquery.") && d.get("columns") instanceof Map<?, ?> row
                && row.get("interface") != null && row.get("address") != null && e.host() != null
                && EndpointEvents.arpCacheRow(e) == null) { // a neighbour's address, not the laptop's
            osquery(e, d, row);
        }
    }

    private void osquery(Event e, Map<String, Object> d, Map<?, ?> row) {
        String address = text(row.get("address"));
        // Windows names an interface by its index; its adapter's name says more ("Corporate VPN (23)")
        String iface = text(row.get("interface"));
        String friendly = text(row.get("friendly_name"));
        String how = "osquery " + nz(text(d.get("query")), "interface_addresses") + ", "
                + (friendly != null ? friendly + " (" + iface + ")" : iface);
        long t = e.time().getEpochSecond();
        String action = text(d.get("action"));
        if ("added".equals(action)) {
            String key = key(address);
            if (key != null) {
                add(key, new Holding(e.host(), how, t, OPEN, true));
            }
        } else if ("removed".equals(action)) {
            String key = key(address);
            closeOpen(key == null ? null : byAddress.peek(key), deviceKey(e.host()), t);
        } else {
            sighting(address, e.host(), how, t);
        }
    }

    /**
     * A VPN tunnel's address: held from the tunnel connecting until its logout. A gateway hands an
     * address to one tunnel at a time, so a start also ends whatever tenure of another computer was
     * still open (its logout lost), rather than leaving the address to no one.
     */
    private void vpn(Event e, Map<String, Object> d, boolean start) {
        String key = key(text(d.get("private_ip")));
        if (key == null || e.host() == null) {
            return;
        }
        long t = e.time().getEpochSecond();
        String dk = deviceKey(e.host());
        List<Holding> hs = byAddress.peek(key);
        if (start) {
            if (hs != null) {
                for (Holding h : hs) {
                    if (h.to == OPEN && !h.deviceKey.equals(dk)) {
                        h.to = Math.max(h.from, t);
                    }
                }
            }
            add(key, new Holding(e.host(), "the VPN's log (" + e.source() + "), tunnel connected", t, OPEN, true));
        } else {
            closeOpen(hs, dk, t);
        }
    }

    /** Ends at {@code t} the device's latest tenure still open (an interface removed, a tunnel logged out). */
    private static void closeOpen(List<Holding> hs, String deviceKey, long t) {
        if (hs == null) {
            return;
        }
        for (int i = hs.size() - 1; i >= 0; i--) {
            Holding h = hs.get(i);
            if (h.to == OPEN && h.deviceKey.equals(deviceKey)) {
                h.to = Math.max(h.from, t);
                return;
            }
        }
    }

    private void dhcp(Event e, Map<String, Object> d) {
        String address = text(d.get("assigned_addr"));
        String device = text(d.get("host_name"));
        if (device == null) {
            device = text(d.get("client_fqdn"));
        }
        String key = key(address);
        if (key == null || device == null) {
            return;
        }
        long t = e.time().getEpochSecond();
        // a lease longer than a year (or infinite, as a hostile record may say) is held for a year
        long lease = d.get("lease_time") instanceof Number n && n.doubleValue() > 0
                ? (long) Math.min(Math.ceil(n.doubleValue()), MAX_DHCP_LEASE) : LEASE_SECONDS;
        add(key, new Holding(device, "Zeek dhcp.log lease", t, t + lease, true));
    }

    /**
     * A moment the address was seen on the device: nothing new when a tenure of the device's
     * covers it already, else it extends the device's last sightings when within a lease of them.
     */
    private void sighting(String address, String device, String how, long t) {
        String key = key(address);
        if (key == null) {
            return;
        }
        List<Holding> hs = byAddress.peek(key);
        if (hs != null) {
            String dk = deviceKey(device);
            for (int i = hs.size() - 1; i >= 0; i--) {
                Holding h = hs.get(i);
                if (h.interval && h.deviceKey.equals(dk) && t >= h.from && t <= h.to) {
                    return;
                }
            }
            Holding last = hs.get(hs.size() - 1);
            if (!last.interval && last.deviceKey.equals(dk) && t >= last.from && t - last.to <= LEASE_SECONDS) {
                last.to = Math.max(last.to, t);
                return;
            }
        }
        add(key, new Holding(device, how, t, t, false));
    }

    private void add(String key, Holding h) {
        List<Holding> hs = byAddress.get(key, k -> new ArrayList<>(2));
        if (hs.size() == MAX_HOLDINGS) {
            compact(hs);
        }
        hs.add(h);
    }

    /**
     * Makes room: the oldest two neighbouring sightings of one device become one tenure (no other
     * device is known to have held the address between them); failing that, the oldest goes.
     */
    private void compact(List<Holding> hs) {
        for (int i = 0; i + 1 < hs.size(); i++) {
            Holding a = hs.get(i);
            Holding b = hs.get(i + 1);
            if (!a.interval && !b.interval && a.deviceKey.equals(b.deviceKey)) {
                Holding merged = new Holding(a.device, a.how, Math.min(a.from, b.from), Math.max(a.to, b.to), false);
                hs.set(i, merged);
                hs.remove(i + 1);
                return;
            }
        }
        hs.remove(0);
        dropped++;
    }

    /**
     * The one device that held {@code address} at {@code time}, or null when none is known or
     * several could have. A tenure that covers the moment wins over sightings a lease away.
     */
    public Holder holderAt(String address, Instant time) {
        String key = key(address);
        List<Holding> hs = key == null ? null : byAddress.peek(key);
        if (hs == null) {
            return null;
        }
        long t = time.getEpochSecond();
        Holding exact = only(hs, t, 0);
        if (exact != null) {
            return exact == AMBIGUOUS ? null : holder(exact, false);
        }
        Holding near = only(hs, t, LEASE_SECONDS);
        return near == null || near == AMBIGUOUS ? null : holder(near, true);
    }

    private static final Holding AMBIGUOUS = new Holding("", "", 0, 0, false);

    /** The holding of the one device whose tenure, widened by {@code slack} seconds, covers {@code t}. */
    private static Holding only(List<Holding> hs, long t, long slack) {
        Holding found = null;
        for (Holding h : hs) {
            long to = h.to == OPEN ? OPEN : h.to + slack;
            if (t >= h.from - slack && t <= to) {
                if (found != null && !found.deviceKey.equals(h.deviceKey)) {
                    return AMBIGUOUS;
                }
                if (found == null || h.interval && !found.interval) {
                    found = h;
                }
            }
        }
        return found;
    }

    private static Holder holder(Holding h, boolean near) {
        String from = Instant.ofEpochSecond(h.from).toString();
        String tenure = h.interval
                ? (h.to == OPEN ? ", added " + from : ", from " + from + " to " + Instant.ofEpochSecond(h.to))
                : (h.from == h.to ? " at " + from : " from " + from + " to " + Instant.ofEpochSecond(h.to));
        return new Holder(h.device, h.how + tenure + (near ? "; within " + LEASE.toHours() + " hours of the signal" : ""));
    }

    /** Addresses known. */
    public int size() {
        return byAddress.size();
    }

    /** Addresses evicted for room, and tenures dropped from addresses that changed hands more than {@link #MAX_HOLDINGS} times. */
    public long evictions() {
        return byAddress.evictions() + dropped;
    }

    /**
     * The address as one text whatever its spelling (IPv6 zero runs, case, brackets), or null
     * for text that is no address or an address that never names a device.
     */
    private String key(String address) {
        if (address == null) {
            return null;
        }
        long v4 = IpAddress.parseV4(address);
        if (v4 >= 0) {
            // the common case, on every Sysmon connection: no allocation when the text is already canonical
            return nowhereV4(v4) ? null : canonicalV4(address) ? address : v4Text(v4);
        }
        if (!IpAddress.parse(address, parsed)) {
            return null;
        }
        long hi = parsed[0];
        long lo = parsed[1];
        if (IpAddress.isV4(hi, lo)) { // ::ffff:10.20.0.5
            long mapped = lo & 0xffff_ffffL;
            return nowhereV4(mapped) ? null : v4Text(mapped);
        }
        int top16 = (int) (hi >>> 48);
        if (hi == 0 && (lo == 0 || lo == 1) || (top16 & 0xffc0) == 0xfe80 || (top16 & 0xff00) == 0xff00) {
            return null;
        }
        return Long.toHexString(hi) + ":" + Long.toHexString(lo);
    }

    /** Unspecified, loopback, link-local, multicast and reserved IPv4 addresses: never one device's. */
    private static boolean nowhereV4(long v4) {
        int a = (int) (v4 >>> 24);
        return a == 0 || a == 127 || a >= 224 || a == 169 && ((v4 >>> 16) & 0xff) == 254;
    }

    private static String v4Text(long v4) {
        return (v4 >>> 24) + "." + ((v4 >>> 16) & 0xff) + "." + ((v4 >>> 8) & 0xff) + "." + (v4 & 0xff);
    }

    /** Dotted-quad text without leading zeros ({@code 10.020.0.5} is not), as {@link #v4Text} writes it. */
    private static boolean canonicalV4(String s) {
        for (int i = 0; i + 1 < s.length(); i++) {
            if (s.charAt(i) == '0' && (i == 0 || s.charAt(i - 1) == '.') && s.charAt(i + 1) != '.') {
                return false;
            }
        }
        return true;
    }

    /** {@code NWL-LT-0042.corp.example.com} and {@code nwl-lt-0042} are one device. */
    static String deviceKey(String device) {
        return Normalise.deviceName(device);
    }

    private static String text(Object o) {
        return o == null ? null : o instanceof String s ? (s.isBlank() ? null : s.strip()) : o.toString();
    }

    private static String nz(String s, String otherwise) {
        return s == null ? otherwise : s;
    }
}
