package dev.unravel.detect.access;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.EndpointEvents;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.ProxyLogs;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.intel.IpInfo;
import dev.unravel.detect.roster.Person;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Several workers signing in from one source address within a window: a laptop farm's broadband
 * or a facilitator's VPN exit serving several hires. A corporate VPN's log counts too, and says
 * more: its tunnel connects from where the company laptop itself is, so two or more laptops on one
 * home line are as strong as three people. So do a cloud web proxy's and DNS resolver's logs
 * (Zscaler Internet Access, Cisco Umbrella, Cloudflare Gateway) where they give the client's public address: their
 * agent on the laptop reaches them from the laptop's own network, VPN or not, so they place the
 * laptops of a company that runs no VPN. So does CrowdStrike Falcon, whose every event carries the
 * address its cloud saw the sensor connect from: an EDR alone places the laptops; so does Microsoft
 * Defender for Endpoint's device inventory (DeviceInfo's {@code PublicIP}); and the device
 * managers, Jamf Pro and Fleet, which keep the address each laptop last checked in from. The company's own
 * egress (offices, corporate VPN) is
 * shared by design and excluded. Two workers HR records at the same home address are a
 * household, not a farm, and are excluded too (the address detectors judge shared addresses).
 */
public final class SharedSourceIp implements Detector {

    public static final String ID = "access.shared-source-ip";
    private static final int MAX_WORKERS_PER_IP = 64;

    /** What an explanation calls the sensor's reports of where the laptop is. */
    static final String FALCON_LOG = "CrowdStrike Falcon's sensor";
    /**
     * The records whose source IP is where the laptop itself reached a service, by the readers'
     * types, with what an explanation calls them: every CrowdStrike Falcon event ({@code aip}, the
     * address its cloud saw the sensor connect from), Defender for Endpoint's DeviceInfo rows (its
     * {@code PublicIP}, the same for Defender's cloud) and the device managers' check-ins (Jamf Pro's
     * Macs, Fleet's osquery hosts).
     */
    static final Map<String, String> LAPTOP_PLACED = laptopPlaced();
    /**
     * Sign-ins, and the cloud proxies' records whose {@code client_public_ip} (the readers' name) is
     * where the laptop's network reached the service.
     */
    static final Set<String> TYPES = EndpointEvents.with(ProxyLogs.with(ProxyLogs.Log::placesLaptop,
            SignIn.TYPES.toArray(String[]::new)), LAPTOP_PLACED.keySet());

    private static Map<String, String> laptopPlaced() {
        Map<String, String> placed = new java.util.HashMap<>();
        EndpointEvents.placingLaptop().forEach(type -> placed.put(type, FALCON_LOG));
        placed.put("defender.info", "Microsoft Defender for Endpoint's device inventory");
        placed.put("jamf.computer", "Jamf Pro's inventory");
        placed.put("fleet.host", "Fleet's host list");
        return Map.copyOf(placed);
    }

    /**
     * A laptop makes thousands of web requests an hour from one address: one of them in this many
     * seconds is enough to know it is still there, and keeps the proxy log's volume off this
     * detector's maps. Far below the window, so who overlapped whom is unchanged.
     */
    static final long PROXY_RECHECK_SECONDS = 600;

    private final IntelFeed intel;
    private PerEntity<String, Address> addresses;
    /** Per worker, the address a proxy last placed their laptop at, and when. */
    private PerEntity<String, Placed> placed;

    private static final class Placed {
        String ip;
        long at = Long.MIN_VALUE;
    }

    public SharedSourceIp(IntelFeed intel) {
        this.intel = intel;
    }

    static final class Address {
        IpInfo network;
        /** Worker id to the last time (epoch second) they signed in from here. */
        final LinkedHashMap<String, Long> lastSeen = new LinkedHashMap<>();
        /** Workers seen here within the window of another worker, with their first such event. */
        final Map<String, Event> overlapping = new LinkedHashMap<>();
        final Map<String, Event> firstEvent = new LinkedHashMap<>();
        /** Worker id to their company laptop, when a VPN's or cloud proxy's log placed it here. */
        final Map<String, String> laptops = new LinkedHashMap<>();
        /** Which log named the first of them: the explanation says whose log it is. */
        String laptopsLog;
        /** Workers who signed in from here, not only had a laptop a proxy's or sensor's log placed here. */
        final Set<String> signedIn = new HashSet<>();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return SignIn.NEEDS + "; company laptops' addresses also from Zscaler Internet Access, Cisco Umbrella or "
                + "Cloudflare Gateway logs, CrowdStrike Falcon's events, Defender for Endpoint's DeviceInfo, or Jamf "
                + "Pro's or Fleet's records of the laptops";
    }

    @Override
    public String description() {
        return "several workers sign in from the same source address within a window (company egress excluded)";
    }

    @Override
    public Set<String> eventTypes() {
        return TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        addresses = ctx.state(ctx.settings().integer("max_addresses", 500_000));
        placed = ctx.state(ctx.settings().integer("max_workers", 500_000));
    }

    @Override
    public void onEvent(Event event, DetectorContext ctx) {
        ProxyLogs.Log proxy = ProxyLogs.of(event.type());
        if (proxy != null) {
            if (!(event.document().get("client_public_ip") instanceof String ip)) {
                ctx.skipped("web proxy or DNS record without the client's public address");
                return;
            }
            placed(event, ip, ctx.roster().workerIdOf(event), proxy.name(), ctx);
            return;
        }
        String laptopLog = LAPTOP_PLACED.get(event.type());
        if (laptopLog != null) {
            if (event.sourceIp() == null || event.sourceIp().isEmpty()) {
                ctx.skipped("laptop record (EDR sensor, device manager) without the address the laptop came from");
                return;
            }
            // the laptop is where it is whoever is signed in: its worker first, the account's only when unknown
            String me = ctx.roster().workerIdOfHost(event.host());
            placed(event, event.sourceIp(), me != null ? me : ctx.roster().workerIdOfAccount(event.user()),
                    laptopLog, ctx);
            return;
        }
        SignIn s = SignIn.read(event, ctx, intel);
        if (s == null || !s.success() || s.workerId() == null || s.network().office()) {
            return;
        }
        if (s.network().internal()) {
            // Behind one NAT every worker shares a private address: it says nothing about a farm.
            ctx.skipped("private or internal source address");
            return;
        }
        seen(event, s.ip(), s.network(), s.workerId(),
                SignIn.VPN_SESSION.equals(event.type()) ? SignInEvents.logName(event.source()) : null, true, ctx);
    }

    /**
     * A record of worker {@code me}'s laptop at public address {@code ip}, by {@code log}: a cloud
     * proxy's or DNS resolver's (the client's public address, where the laptop's network reached
     * the service) or an EDR sensor's (where its cloud saw the sensor connect from). The event's
     * device is the laptop.
     */
    private void placed(Event event, String ip, String me, String log, DetectorContext ctx) {
        if (me == null) {
            ctx.skipped("laptop record (web proxy, DNS resolver, EDR sensor) of no known worker");
            return;
        }
        long now = event.time().getEpochSecond();
        Placed last = placed.get(me, k -> new Placed());
        if (ip.equals(last.ip) && now >= last.at && now - last.at < PROXY_RECHECK_SECONDS) {
            return;
        }
        last.ip = ip;
        last.at = now;
        IpInfo network = intel.lookup(ip);
        if (network == null) {
            ctx.skipped("client public address is not an IP address");
            return;
        }
        if (network.internal()) {
            // An internal address in the public field: a location whose own addresses ZIA sees.
            ctx.skipped("private or internal source address");
            return;
        }
        if (!network.office()) {
            seen(event, ip, network, me, log, false, ctx);
        }
    }

    /**
     * Worker {@code me} at address {@code ip} at the time of {@code event}; {@code laptopLog} names
     * the log when it places the company laptop itself there (the event's host), not only its user's
     * sign-in, and is null otherwise; {@code signIn} whether the worker signed in (a VPN tunnel is both).
     */
    private void seen(Event event, String ip, IpInfo network, String me, String laptopLog, boolean signIn,
            DetectorContext ctx) {
        long window = (long) (ctx.settings().number("window_hours", 24) * 3600);
        Address a = addresses.get(ip, k -> new Address());
        a.network = network;
        long now = event.time().getEpochSecond();
        if (!a.lastSeen.containsKey(me) && a.lastSeen.size() >= MAX_WORKERS_PER_IP) {
            ctx.skipped("more workers on one address than tracked");
            return;
        }
        a.firstEvent.computeIfAbsent(me, k -> event.envelope());
        if (signIn) {
            a.signedIn.add(me);
        }
        if (laptopLog != null && event.host() != null && !event.host().isBlank()) {
            a.laptops.putIfAbsent(me, event.host());
            if (a.laptopsLog == null) {
                a.laptopsLog = laptopLog;
            }
        }
        for (Map.Entry<String, Long> other : a.lastSeen.entrySet()) {
            if (!other.getKey().equals(me) && Math.abs(now - other.getValue()) <= window) {
                a.overlapping.computeIfAbsent(me, k -> event.envelope());
                a.overlapping.putIfAbsent(other.getKey(), a.firstEvent.get(other.getKey()));
            }
        }
        a.lastSeen.merge(me, now, Math::max);
    }

    @Override
    public void finish(DetectorContext ctx) {
        int minWorkers = ctx.settings().integer("min_workers", 2);
        for (var entry : addresses.entries()) {
            Address a = entry.getValue();
            if (a.overlapping.size() < minWorkers || ctx.roster().oneHousehold(a.overlapping.keySet())) {
                continue;
            }
            // A home broadband line shared by colleagues is a farm's mark; VPN exits, mobile carriers'
            // NAT and hotel or business lines are shared with strangers and colleagues on trips.
            // The VPN's own log puts the company laptops themselves there, not only their users'
            // sign-ins: several of them on one home line is the farm.
            boolean residential = "residential".equals(a.network.networkType()) && !a.network.masksOrigin();
            Set<String> names = new TreeSet<>();
            Set<String> laptops = new TreeSet<>();
            for (String w : a.overlapping.keySet()) {
                Person p = ctx.roster().worker(w);
                String name = p == null || p.name().isEmpty() ? w : p.name();
                names.add(name);
                String laptop = a.laptops.get(w);
                if (laptop != null) {
                    laptops.add(name + "'s " + laptop);
                }
            }
            double strength = !residential ? 0.3 : a.overlapping.size() >= 3 || laptops.size() >= 2 ? 0.6 : 0.5;
            String there = laptops.isEmpty() ? "" : laptops.size() == 1
                    ? "; " + a.laptopsLog + " shows a company laptop connecting from it (" + laptops.iterator().next()
                            + ")"
                    : "; " + a.laptopsLog + " shows " + laptops.size() + " of their company laptops connecting from it ("
                            + String.join(", ", laptops) + ")";
            for (String w : a.overlapping.keySet()) {
                ctx.signal(ID, EntityRef.worker(w)).stage(Stage.ACCESS).technique("T1133").strength(strength)
                        .evidence(a.overlapping.values().toArray(new Event[0]))
                        .because(String.format("%d workers (%s) %s the same address %s, %s, within %s "
                                + "hours of each other%s.", a.overlapping.size(), String.join(", ", names),
                                // a laptop a proxy or sensor placed there is no sign-in: say only what is known
                                a.signedIn.containsAll(a.overlapping.keySet()) ? "signed in from" : "were seen at",
                                entry.getKey(), a.network.describe(), fmt(ctx.settings().number("window_hours", 24)),
                                there))
                        .emit();
            }
        }
    }

    private static String fmt(double hours) {
        return hours == Math.rint(hours) ? Long.toString((long) hours) : Double.toString(hours);
    }
}
