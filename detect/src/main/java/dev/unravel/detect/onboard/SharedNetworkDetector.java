package dev.unravel.detect.onboard;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DaySet;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.EndpointEvents;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.Normalise;
import dev.unravel.detect.roster.Person;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The company laptops of several remote workers living on one local network: behind the same
 * router (its MAC, the laptops' default gateway) on most of the days each was seen. A laptop farm
 * seen from inside, whatever the laptops' traffic does next: a VPN on each laptop hides the farm's
 * public address from the sign-in and proxy logs, not the router the laptops sit behind.
 *
 * <p>Read from two inventories, one device's MAC standing for the network either way:
 * <ul>
 * <li>CrowdStrike Falcon's network inventory (FDR's {@code managedassets}: a sensor's interfaces
 * with {@code GatewayMAC} and {@code GatewayIP}): the router itself;</li>
 * <li>osquery's {@code arp_cache} table ({@link EndpointEvents#arpCacheRow}; the incident-response
 * pack's hourly query, a snapshot or differential): the
 * devices on the laptop's own network it spoke to, the router among them. Which one is the router
 * the table does not say, so every neighbour counts; a farm's laptops share the router and often
 * the operator's own machine, a home's devices are its own.</li>
 * </ul>
 * A laptop's usual network is a device it was next to on at least {@code min_days} days (2) and on
 * at least {@code min_share} (0.5) of the days it was seen; a hotel or an offsite is a few days,
 * not most of them. Only workers HR records as remote count (colleagues in one office share its
 * router by design), a device shared by more than {@code max_workers} (8) of them is a shared
 * space, not a farm, two people HR records at one home are a household, and MACs that name no one
 * network are not read: virtual routers' (VRRP, HSRP, GLBP), virtual machines' and containers'
 * (VMware, VirtualBox, Hyper-V, Parallels, QEMU, Xen, Docker: their NAT gateways have the same MAC
 * on every computer that runs them), multicast and empty ones. Several devices seen by the same
 * laptops are one network and one signal, and a group inside a larger one is not reported apart.
 * Two people 0.6, three or more 0.7. Settings also {@code max_laptops}.
 */
public final class SharedNetworkDetector implements Detector {

    public static final String ID = "onboard.shared-network";
    /** FDR's managedassets rows, as the CrowdStrike reader types them. */
    static final String INTERFACES = "asset.falcon-interface";
    private static final int MAX_GATEWAYS_PER_LAPTOP = 128;

    private Settings settings;
    private PerEntity<String, Laptop> laptops;

    /** One laptop: its worker, and on which days it was next to which device. */
    static final class Laptop {
        String name;
        String workerId;
        final DaySet days = new DaySet();
        final Map<String, DaySet> gatewayDays = new HashMap<>();
        final Map<String, Event> firstRow = new HashMap<>();
        final Map<String, String> gatewayIp = new HashMap<>();
        /** Devices Falcon named as the gateway, and those osquery's ARP cache held. */
        final Set<String> routers = new HashSet<>();
        final Set<String> neighbours = new HashSet<>();
        /** ARP entries a differential query logged as added and not yet as removed. */
        final Set<String> held = new HashSet<>();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "laptops' network interfaces with their gateway's MAC (CrowdStrike Falcon's managedassets) or their "
                + "ARP caches (osquery arp_cache), and HR's work locations";
    }

    @Override
    public String description() {
        return "the company laptops of several remote workers behind one router most days (a laptop farm seen from "
                + "inside, through any VPN)";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(INTERFACES, "osquery.");
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        laptops = ctx.state(settings.integer("max_laptops", 200_000));
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        boolean falcon = e.type().equals(INTERFACES);
        Map<?, ?> arp = falcon ? null : EndpointEvents.arpCacheRow(e);
        if (e.host() == null || e.host().isBlank()) {
            return;
        }
        long day = Math.floorDiv(e.time().getEpochSecond(), 86_400);
        if (!falcon && arp == null) {
            // another osquery table: the laptop was on that day, and the ARP entries it holds with it
            Laptop l = laptops.size() == 0 ? null : laptops.peek(e.host().toUpperCase(Locale.ROOT));
            if (l != null && DaySet.fits(day)) {
                seen(l, day);
            }
            return;
        }
        String gateway = Normalise.deviceMac(falcon ? e.document().get("GatewayMAC") : arp.get("mac"));
        if (gateway == null) {
            if (falcon) {
                ctx.skipped("interface without a usable gateway MAC (none, multicast, a virtual router's or machine's)");
            } // an ARP cache always holds incomplete, broadcast and multicast entries: routine, not a fault
            return;
        }
        String workerId = ctx.roster().workerIdOfHost(e.host());
        if (workerId == null) {
            ctx.skipped((falcon ? "interface" : "ARP cache entry") + " of a computer not assigned to a worker");
            return;
        }
        Person worker = ctx.roster().worker(workerId);
        if (worker != null && !worker.remote()) {
            return; // an office's laptops share its network by design; not kept (an office's ARP caches are long)
        }
        if (!DaySet.fits(day)) {
            ctx.skipped("network row dated before 1990 or after 2099");
            return;
        }
        Laptop l = laptops.get(e.host().toUpperCase(Locale.ROOT), k -> new Laptop());
        l.name = l.name != null ? l.name : e.host();
        l.workerId = workerId;
        seen(l, day);
        if (!l.gatewayDays.containsKey(gateway) && l.gatewayDays.size() >= MAX_GATEWAYS_PER_LAPTOP) {
            ctx.skipped("more networks on one laptop than tracked");
            return;
        }
        l.gatewayDays.computeIfAbsent(gateway, k -> new DaySet()).add(day);
        l.firstRow.computeIfAbsent(gateway, k -> e.envelope());
        Object address = falcon ? e.document().get("GatewayIP") : arp.get("address");
        if (address instanceof String ip && !ip.isBlank()) {
            l.gatewayIp.putIfAbsent(gateway, ip.strip());
        }
        if (falcon) {
            l.routers.add(gateway);
            return;
        }
        l.neighbours.add(gateway);
        // differential results log an entry once, when it appears, and again when it goes
        Object action = e.document().get("action");
        if ("added".equals(action)) {
            l.held.add(gateway);
        } else if ("removed".equals(action)) {
            l.held.remove(gateway);
        }
    }

    /** A day the laptop was seen on, which every ARP entry it still holds was there too. */
    private static void seen(Laptop l, long day) {
        if (l.days.add(day)) {
            for (String held : l.held) {
                l.gatewayDays.get(held).add(day);
            }
        }
    }

    @Override
    public void finish(DetectorContext ctx) {
        int minDays = settings.integer("min_days", 2);
        double minShare = settings.number("min_share", 0.5);
        int maxWorkers = settings.integer("max_workers", 8);
        // device → worker → laptop and how often it was there
        Map<String, Map<String, Usual>> byDevice = new TreeMap<>();
        Set<String> routers = new HashSet<>();
        Set<String> neighbours = new HashSet<>();
        Map<String, String> addresses = new HashMap<>();
        for (var entry : laptops.entries()) {
            Laptop l = entry.getValue();
            Person p = ctx.roster().worker(l.workerId);
            if (p == null || !p.remote()) {
                continue;
            }
            for (var g : l.gatewayDays.entrySet()) {
                int days = g.getValue().size();
                if (days >= minDays && days >= minShare * l.days.size()) {
                    byDevice.computeIfAbsent(g.getKey(), k -> new LinkedHashMap<>()).merge(l.workerId,
                            new Usual(l.name, days, l.days.size(), l.firstRow.get(g.getKey())),
                            (a, b) -> b.days() > a.days() ? b : a);
                    addresses.putIfAbsent(g.getKey(), l.gatewayIp.get(g.getKey()));
                }
            }
            routers.addAll(l.routers);
            neighbours.addAll(l.neighbours);
        }
        // the devices the same laptops share are one network: worker set → its devices
        Map<Set<String>, List<String>> networks = new LinkedHashMap<>();
        for (var g : byDevice.entrySet()) {
            Set<String> workers = g.getValue().keySet();
            if (workers.size() < 2 || ctx.roster().oneHousehold(workers)) {
                continue;
            }
            if (workers.size() > maxWorkers) {
                ctx.skipped("device on the usual network of more than " + maxWorkers + " remote workers: a shared space");
                continue;
            }
            networks.computeIfAbsent(new TreeSet<>(workers), k -> new ArrayList<>()).add(g.getKey());
        }
        for (var network : networks.entrySet()) {
            Set<String> workers = network.getKey();
            // a few of a farm's laptops next to one more device (the operator's machine) are the same farm
            if (networks.keySet().stream().anyMatch(other -> other.size() > workers.size() && other.containsAll(workers))) {
                continue;
            }
            List<String> devices = network.getValue();
            List<String> laptopsThere = new ArrayList<>();
            List<Event> evidence = new ArrayList<>();
            for (String w : workers) {
                Person p = ctx.roster().worker(w);
                Usual u = null;
                for (String device : devices) {
                    Usual there = byDevice.get(device).get(w);
                    u = u == null || there.days() > u.days() ? there : u;
                }
                laptopsThere.add((p == null || p.name().isEmpty() ? w : p.name()) + "'s " + u.laptop()
                        + " (" + u.days() + " of the " + u.seen() + " days it was seen)");
                evidence.add(u.first());
            }
            int people = workers.size();
            String because = "The company laptops of " + people + " remote workers who are not one household "
                    + where(devices, routers, neighbours, addresses) + ": " + String.join(", ", laptopsThere) + ".";
            for (String w : workers) {
                ctx.signal(ID, EntityRef.worker(w)).stage(Stage.ONBOARD).strength(people >= 3 ? 0.7 : 0.6)
                        .evidence(evidence.toArray(new Event[0])).because(because).emit();
            }
        }
    }

    /**
     * Where the laptops were, for the analyst: behind a router Falcon names, else next to the devices
     * their ARP caches held, with each source named.
     */
    private static String where(List<String> devices, Set<String> routers, Set<String> neighbours,
            Map<String, String> addresses) {
        List<String> router = devices.stream().filter(routers::contains).toList();
        List<String> others = devices.stream().filter(d -> !routers.contains(d)).toList();
        if (!router.isEmpty()) {
            String macs = String.join(", ", router.stream()
                    .map(d -> d + (addresses.get(d) == null ? "" : ", " + addresses.get(d))).toList());
            boolean alsoArp = router.stream().anyMatch(neighbours::contains);
            return "were behind the same router most days (gateway MAC " + macs + ", per CrowdStrike Falcon's network "
                    + "inventory" + (alsoArp ? " and osquery arp_cache" : "")
                    + (others.isEmpty() ? "" : "; and next to " + list(others, addresses) + " in their ARP caches, per "
                            + "osquery arp_cache") + ")";
        }
        return "were on the same local network most days (" + (others.size() == 1 ? "the device " : "the devices ")
                + list(others, addresses) + " in each laptop's ARP cache, per osquery arp_cache)";
    }

    /** "A4:2B:B0:11:22:33 at 192.168.1.1 and …", at most four. */
    private static String list(List<String> devices, Map<String, String> addresses) {
        List<String> named = new ArrayList<>();
        for (String d : devices.subList(0, Math.min(4, devices.size()))) {
            named.add(d + (addresses.get(d) == null ? "" : " at " + addresses.get(d)));
        }
        if (devices.size() > named.size()) {
            return String.join(", ", named) + " and " + (devices.size() - named.size()) + " more";
        }
        return named.size() == 1 ? named.get(0)
                : String.join(", ", named.subList(0, named.size() - 1)) + " and " + named.get(named.size() - 1);
    }

    /** A laptop whose usual network a device is on: its name, days there of days seen, its first row there. */
    private record Usual(String laptop, int days, int seen, Event first) {
    }
}
