package dev.unravel.detect.onboard;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
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
import java.util.regex.Pattern;

/**
 * The company laptops of several remote workers living on one local network: behind the same
 * router (its MAC, the laptops' default gateway) on most of the days each was seen. A laptop farm
 * seen from inside, whatever the laptops' traffic does next: a VPN on each laptop hides the farm's
 * public address from the sign-in and proxy logs, not the router the laptops sit behind.
 *
 * <p>Read from CrowdStrike Falcon's network inventory (FDR's {@code managedassets}: a sensor's
 * interfaces with {@code GatewayMAC} and {@code GatewayIP}). A laptop's usual network is the gateway
 * it was behind on at least {@code min_days} days (2) and on at least {@code min_share} (0.5) of the
 * days it was seen; a hotel or an offsite is a few days, not most of them. Only workers HR records
 * as remote count (colleagues in one office share its router by design), a gateway with more than
 * {@code max_workers} (8) of them is a shared space, not a farm, two people HR records at one home
 * are a household, and virtual routers' MACs (VRRP, HSRP, GLBP: the same on unrelated networks)
 * and multicast or empty ones are not read. Two people 0.6, three or more 0.7. Settings also
 * {@code max_laptops}.
 */
public final class SharedNetworkDetector implements Detector {

    public static final String ID = "onboard.shared-network";
    /** FDR's managedassets rows, as the CrowdStrike reader types them. */
    static final String INTERFACES = "asset.falcon-interface";
    private static final Pattern MAC = Pattern.compile("[0-9A-F]{2}([:-]?[0-9A-F]{2}){5}");
    /** Virtual router MACs, shared by unrelated networks: VRRP (v4, v6), HSRP (v1, v2), GLBP. */
    private static final String[] VIRTUAL = {"00:00:5E:00:01:", "00:00:5E:00:02:", "00:00:0C:07:AC:", "00:00:0C:9F:F",
        "00:07:B4:00:"};
    private static final int MAX_GATEWAYS_PER_LAPTOP = 64;

    private Settings settings;
    private PerEntity<String, Laptop> laptops;

    /** One laptop: its worker, and on which days it was behind which gateway. */
    static final class Laptop {
        String name;
        String workerId;
        final Set<Long> days = new HashSet<>();
        final Map<String, Set<Long>> gatewayDays = new HashMap<>();
        final Map<String, Event> firstRow = new HashMap<>();
        final Map<String, String> gatewayIp = new HashMap<>();
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "laptops' network interfaces with their gateway's MAC (CrowdStrike Falcon's managedassets) and HR's "
                + "work locations";
    }

    @Override
    public String description() {
        return "the company laptops of several remote workers behind one router most days (a laptop farm seen from "
                + "inside, through any VPN)";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(INTERFACES);
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        laptops = ctx.state(settings.integer("max_laptops", 200_000));
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        String gateway = mac(e.document().get("GatewayMAC"));
        if (gateway == null) {
            ctx.skipped("interface without a usable gateway MAC (none, multicast or a virtual router's)");
            return;
        }
        if (e.host() == null || e.host().isBlank()) {
            return;
        }
        String workerId = ctx.roster().workerIdOfHost(e.host());
        if (workerId == null) {
            ctx.skipped("interface of a computer not assigned to a worker");
            return;
        }
        Laptop l = laptops.get(e.host().toUpperCase(Locale.ROOT), k -> new Laptop());
        l.name = l.name != null ? l.name : e.host();
        l.workerId = workerId;
        long day = Math.floorDiv(e.time().getEpochSecond(), 86_400);
        l.days.add(day);
        if (!l.gatewayDays.containsKey(gateway) && l.gatewayDays.size() >= MAX_GATEWAYS_PER_LAPTOP) {
            ctx.skipped("more networks on one laptop than tracked");
            return;
        }
        l.gatewayDays.computeIfAbsent(gateway, k -> new HashSet<>()).add(day);
        l.firstRow.computeIfAbsent(gateway, k -> e.envelope());
        if (e.document().get("GatewayIP") instanceof String ip && !ip.isBlank()) {
            l.gatewayIp.putIfAbsent(gateway, ip.strip());
        }
    }

    /** The MAC in upper case with colons, or null when it is none, or one that names no single network. */
    static String mac(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        String m = s.strip().toUpperCase(Locale.ROOT);
        if (!MAC.matcher(m).matches()) {
            return null;
        }
        String hex = m.replace(":", "").replace("-", "");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 12; i += 2) {
            b.append(i == 0 ? "" : ":").append(hex, i, i + 2);
        }
        String mac = b.toString();
        int first = Integer.parseInt(hex.substring(0, 2), 16);
        if ((first & 1) == 1 || hex.equals("000000000000")) {
            return null; // multicast or broadcast, or nothing
        }
        for (String v : VIRTUAL) {
            if (mac.startsWith(v)) {
                return null;
            }
        }
        return mac;
    }

    @Override
    public void finish(DetectorContext ctx) {
        int minDays = settings.integer("min_days", 2);
        double minShare = settings.number("min_share", 0.5);
        int maxWorkers = settings.integer("max_workers", 8);
        // gateway → worker → laptop and how often it was there
        Map<String, Map<String, Usual>> byGateway = new TreeMap<>();
        for (var entry : laptops.entries()) {
            Laptop l = entry.getValue();
            Person p = ctx.roster().worker(l.workerId);
            if (p == null || !p.remote()) {
                continue;
            }
            for (var g : l.gatewayDays.entrySet()) {
                int days = g.getValue().size();
                if (days >= minDays && days >= minShare * l.days.size()) {
                    byGateway.computeIfAbsent(g.getKey(), k -> new LinkedHashMap<>()).putIfAbsent(l.workerId,
                            new Usual(l.name, days, l.days.size(), l.firstRow.get(g.getKey()),
                                    l.gatewayIp.get(g.getKey())));
                }
            }
        }
        for (var g : byGateway.entrySet()) {
            Map<String, Usual> workers = g.getValue();
            if (workers.size() < 2 || ctx.roster().oneHousehold(workers.keySet())) {
                continue;
            }
            if (workers.size() > maxWorkers) {
                ctx.skipped("gateway the usual network of more than " + maxWorkers + " remote workers: a shared space");
                continue;
            }
            List<String> laptopsThere = new ArrayList<>();
            List<Event> evidence = new ArrayList<>();
            String gatewayIp = null;
            for (var w : workers.entrySet()) {
                Person p = ctx.roster().worker(w.getKey());
                Usual u = w.getValue();
                laptopsThere.add((p == null || p.name().isEmpty() ? w.getKey() : p.name()) + "'s " + u.laptop()
                        + " (" + u.days() + " of the " + u.seen() + " days it was seen)");
                evidence.add(u.first());
                gatewayIp = gatewayIp != null ? gatewayIp : u.gatewayIp();
            }
            int people = workers.size();
            for (String w : workers.keySet()) {
                ctx.signal(ID, EntityRef.worker(w)).stage(Stage.ONBOARD).strength(people >= 3 ? 0.7 : 0.6)
                        .evidence(evidence.toArray(new Event[0]))
                        .because("The company laptops of " + people + " remote workers who are not one household "
                                + "were behind the same router most days (gateway MAC " + g.getKey()
                                + (gatewayIp == null ? "" : ", " + gatewayIp) + ", per CrowdStrike Falcon's network "
                                + "inventory): " + String.join(", ", laptopsThere) + ".")
                        .emit();
            }
        }
    }

    /** A laptop whose usual network a gateway is: its name, days there of days seen, its first row there. */
    private record Usual(String laptop, int days, int seen, Event first, String gatewayIp) {
    }
}
