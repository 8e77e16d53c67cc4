package dev.unravel.detect.control;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.EndpointEvents;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.access.HighRiskCountrySignIns;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.intel.IpInfo;
import dev.unravel.detect.roster.Normalise;
import dev.unravel.detect.roster.Person;
import java.util.Locale;
import java.util.Set;

/**
 * Someone signing in to a worker's laptop over Remote Desktop from a public address: the laptop's
 * own desktop worked from elsewhere, as an operator abroad works a machine a farm keeps. IT's own
 * remote sessions come over the company's network (a VPN's or an RD Gateway's private address, the
 * offices' egress), which are left out, as are loopback and link-local addresses. Where the
 * intelligence declares the company's own private networks ({@code is_corporate} rows for its VPN
 * pool and office LANs), a private address outside them is another computer on the laptop's own
 * local network — the farm's keeper driving each laptop from a machine beside it — and counts too
 * (0.45); without them a private address says nothing and is left out.
 *
 * <p>Read from the endpoint agents' logons (Windows' 4624, Defender for Endpoint's
 * DeviceLogonEvents, CrowdStrike Falcon's UserLogon) of the remote-interactive type — Windows' and
 * Falcon's {@code LogonType} 10, Defender's {@code RemoteInteractive} — with the client's address
 * ({@code IpAddress}, as the readers name Defender's {@code RemoteIP} and Falcon's
 * {@code RemoteAddressIP4} too). One signal per laptop
 * and address, at the first such logon: 0.45; 0.55 through a VPN or hosting exit; 0.7 from a
 * high-risk country (the {@code countries} setting of {@code access.high-risk-country}'s default,
 * KP, CN, RU) the worker does not live in. T1021.001.
 *
 * <p>The computer beside the laptop is named where osquery's ARP caches know it: the laptop's own
 * cache gives the client address's MAC, and when that device is in the ARP caches of other
 * remote workers' laptops too, the finding says whose — one machine driving several workers'
 * laptops is a farm's keeper — and is stronger (0.6); office workers' laptops, which share an
 * office's machines, and a household's two are left out. Such a device first seen after the first logon is named
 * at a later logon from it, once. Settings: {@code max_pairs}, {@code max_laptops} (laptops and
 * devices whose ARP caches are kept, 200,000).
 */
public final class RemoteDesktopLogonDetector implements Detector {

    public static final String ID = "control.remote-desktop-logon";
    /** The agents' logons, and the organisation's range records (its offices, its VPN) for the intelligence. */
    static final Set<String> TYPES = EndpointEvents.with(EndpointEvents.types(EndpointEvents.Kind.LOGON),
            IntelFeed.RANGE_EVENT, "osquery.");
    /** Devices an ARP cache entry kept per laptop, and laptops per device: a LAN's, not a data centre's. */
    private static final int MAX_NEIGHBOURS = 32;

    private final IntelFeed intel;
    private Set<String> highRisk;
    private PerEntity<String, Boolean> reported;
    /** Each laptop's ARP neighbours: address → MAC, the latest entry for each address. */
    private PerEntity<String, java.util.Map<String, String>> neighbours;
    /** Each neighbour device (MAC) → the laptops whose ARP caches hold it. */
    private PerEntity<String, java.util.Set<String>> laptopsByDevice;

    public RemoteDesktopLogonDetector(IntelFeed intel) {
        this.intel = intel;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "Remote Desktop logons to the laptops with the client's address (Windows' logon auditing 4624, Defender "
                + "for Endpoint's DeviceLogonEvents, CrowdStrike Falcon's UserLogon)";
    }

    @Override
    public String description() {
        return "a Remote Desktop logon to a worker's laptop from a public address (its own desktop worked from "
                + "elsewhere)";
    }

    @Override
    public Set<String> eventTypes() {
        return TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        highRisk = HighRiskCountrySignIns.countries(ctx.settings());
        reported = ctx.state(ctx.settings().integer("max_pairs", 200_000));
        int laptops = ctx.settings().integer("max_laptops", 200_000);
        neighbours = ctx.state(laptops);
        laptopsByDevice = ctx.state(laptops);
    }

    /** Keeps an ARP cache row: which device answers at which address beside which laptop. */
    private void arpEntry(Event e, java.util.Map<?, ?> row) {
        if (e.host() == null || e.host().isBlank() || !(row.get("address") instanceof String address)
                || !(row.get("mac") instanceof String mac)) {
            return;
        }
        String device = Normalise.deviceMac(mac);
        if (device == null) {
            return; // broadcast, incomplete, multicast and virtual machines' gateway entries name no device
        }
        String laptop = Normalise.deviceName(e.host());
        java.util.Map<String, String> seen = neighbours.get(laptop, k -> new java.util.LinkedHashMap<>());
        if (seen.size() < MAX_NEIGHBOURS || seen.containsKey(address.strip())) {
            seen.put(address.strip(), device);
        }
        java.util.Set<String> holders = laptopsByDevice.get(device, k -> new java.util.LinkedHashSet<>());
        if (holders.size() < MAX_NEIGHBOURS) {
            holders.add(laptop);
        }
    }

    /**
     * The device at {@code client} beside {@code host} by its ARP cache, and the other workers'
     * laptops whose caches hold it ("Shirley Brooks's NWL-LT-10510"), or null when none do.
     */
    private String sharedWith(String host, String client, String workerId, DetectorContext ctx, String[] mac) {
        java.util.Map<String, String> seen = neighbours.peek(Normalise.deviceName(host));
        String device = seen == null ? null : seen.get(client);
        java.util.Set<String> holders = device == null ? null : laptopsByDevice.peek(device);
        if (holders == null) {
            return null;
        }
        java.util.List<String> others = new java.util.ArrayList<>();
        java.util.Set<String> otherIds = new java.util.LinkedHashSet<>();
        Person self = ctx.roster().worker(workerId);
        if (self != null && !self.remote()) {
            return null; // an office's machines are beside everyone's laptops there
        }
        for (String laptop : holders) {
            String other = ctx.roster().workerIdOfHost(laptop);
            Person p = other == null ? null : ctx.roster().worker(other);
            if (other != null && !other.equals(workerId) && (p == null || p.remote())) {
                otherIds.add(other);
                String name = p == null || p.name().isEmpty() ? other : p.name();
                others.add(name + "'s " + laptop.toUpperCase(Locale.ROOT));
            }
        }
        mac[0] = device;
        if (others.isEmpty()) {
            return null;
        }
        java.util.List<String> workers = new java.util.ArrayList<>(otherIds);
        workers.add(workerId);
        // a household's own printer or desktop is beside both of its laptops: no farm
        return ctx.roster().oneHousehold(workers) ? null : String.join(", ", others);
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        if (IntelFeed.RANGE_EVENT.equals(e.type())) {
            intel.observe(e); // idempotent: the sign-in detectors feed the same ranges
            return;
        }
        if (e.type().startsWith("osquery.")) {
            java.util.Map<?, ?> row = EndpointEvents.arpCacheRow(e);
            if (row != null) {
                arpEntry(e, row);
            }
            return;
        }
        if (!remoteInteractive(e)) {
            return;
        }
        String client = clientAddress(e);
        if (client == null) {
            ctx.skipped("Remote Desktop logon without the client's address");
            return;
        }
        IpInfo network = intel.lookup(client);
        if (network == null) {
            ctx.skipped("Remote Desktop logon whose client address is not an IP address");
            return;
        }
        if (network.office()) {
            return; // over the company's own network: IT's sessions, a VPN, an RD Gateway, an office
        }
        // a private address that the intelligence, declaring the company's own private networks, does
        // not count among them is another computer on the laptop's own local network
        boolean beside = network.internal() && intel.intel().declaresPrivateRanges() && rfc1918(client);
        if (network.internal() && !beside) {
            return; // without the company's private ranges declared, a private address says nothing
        }
        if (e.host() == null || e.host().isBlank()) {
            return;
        }
        String workerId = ctx.roster().workerIdOfHost(e.host());
        if (workerId == null) {
            ctx.skipped("Remote Desktop logon to a computer not assigned to a worker");
            return;
        }
        String pair = e.host().toUpperCase(Locale.ROOT) + "|" + client;
        String[] mac = new String[1];
        String shared = beside ? sharedWith(e.host(), client, workerId, ctx, mac) : null;
        Boolean told = reported.peek(pair);
        if (told != null && (told || shared == null)) {
            return; // said already, and said whose laptops share the device if anyone's do
        }
        reported.put(pair, shared != null);
        Person p = ctx.roster().worker(workerId);
        boolean abroad = network.country() != null && highRisk.contains(network.country())
                && (p == null || !network.country().equals(p.country()));
        double strength = abroad ? 0.7 : network.masksOrigin() ? 0.55 : shared != null ? 0.6 : 0.45;
        EndpointEvents.Log log = EndpointEvents.of(e.type());
        String name = p == null || p.name().isEmpty() ? workerId : p.name();
        String from = beside ? client + ", another computer on the laptop's own local network, not one of the "
                + "company's" : client + ", " + network.describe()
                + (abroad ? ", in a high-risk country " + name + " is not recorded as living in" : "");
        String meaning = beside ? "the laptop driven from a second computer beside it, as a laptop farm's keeper does"
                + (shared == null ? "" : "; that computer (" + mac[0] + ") is in the ARP caches of " + shared
                        + " as well (osquery arp_cache): one machine beside several workers' laptops")
                : "the laptop's own session worked from elsewhere";
        ctx.signal(ID, EntityRef.worker(workerId)).stage(Stage.CONTROL).technique("T1021.001").strength(strength)
                .evidence(e.envelope())
                .because("Someone signed in to the desktop of " + name + "'s laptop " + e.host() + " over Remote Desktop"
                        + (e.user() == null ? "" : " as " + e.user()) + " from " + from
                        + " (as " + (log == null ? e.source() : log.name()) + " records it): " + meaning + ".")
                .emit();
    }

    /** Whether {@code ip} is an RFC 1918 IPv4 address (a LAN's: not loopback, link-local or carrier-grade NAT). */
    static boolean rfc1918(String ip) {
        long v4 = dev.unravel.core.net.IpAddress.parseV4(ip);
        return v4 >= 0 && ((v4 >>> 24) == 10 || (v4 >>> 20) == 0xAC1 || (v4 >>> 16) == 0xC0A8);
    }

    /** A successful logon of the remote-interactive type, as each agent writes it. */
    static boolean remoteInteractive(Event e) {
        Object type = e.document().get("LogonType");
        String t = type == null ? "" : type.toString().strip();
        return switch (e.type()) {
            case "security.4624", "UserLogon" -> t.equals("10");
            case "defender.logon" -> t.equalsIgnoreCase("RemoteInteractive")
                    && !"LogonFailed".equalsIgnoreCase(String.valueOf(e.document().get("ActionType")));
            default -> false; // UserLogonFailed2: a failed logon
        };
    }

    /**
     * The client's address: Windows' {@code IpAddress}, which the readers give Defender's
     * {@code RemoteIP} and Falcon's {@code RemoteAddressIP4} as (Falcon's source IP is its sensor's).
     */
    static String clientAddress(Event e) {
        Object v = e.document().get("IpAddress");
        String s = v == null ? null : v.toString().strip();
        return s == null || s.isEmpty() || s.equals("-") ? null : s;
    }
}
