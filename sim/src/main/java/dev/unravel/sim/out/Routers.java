package dev.unravel.sim.out;

import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Internet;
import dev.unravel.sim.world.LocalNetwork;
import dev.unravel.sim.world.Network;
import dev.unravel.sim.world.Ipv4;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The local network a laptop is on, from the public address its traffic leaves from: an office's
 * addresses are one network (its block), any other address is a line of its own (a home, the farm,
 * a hotel). Each network has a router, and a home or a farm one more device that answers on it (a
 * television, a printer, the facilitator's own computer), whose MACs every inventory that writes
 * them (Falcon's managedassets, osquery's ARP cache) derives here, so they agree.
 */
final class Routers {
    /** Home and office routers' makers' prefixes (TP-Link, Netgear, ASUS, Cisco). */
    private static final String[] ROUTER_MAKERS = {"50:C7:BF", "A0:40:A0", "04:D9:F5", "00:1B:54"};
    /** Other devices' makers' prefixes (Samsung, HP, Raspberry Pi, Apple). */
    private static final String[] DEVICE_MAKERS = {"8C:71:F8", "3C:D9:2B", "B8:27:EB", "AC:BC:32"};

    /** A public address's network: the office's block for an office's addresses, else the address. */
    private final Map<String, String> lines = new HashMap<>();

    /** The network whose router traffic leaving from {@code publicIp} passed. */
    String line(String publicIp) {
        return lines.computeIfAbsent(publicIp, ip -> {
            Network network = Internet.lookup(ip);
            return network != null && network.kind() == Network.Kind.OFFICE ? network.cidr() : ip;
        });
    }

    /** Whether {@code line} is an office's (an address block, not one address). */
    static boolean office(String line) {
        return line.indexOf('/') >= 0;
    }

    /** The router's address on the network. */
    static String routerIp(String line) {
        return office(line) ? "10.20.0.1" : "192.168.1.1";
    }

    /** The router's MAC, upper case with colons. */
    static String routerMac(String line) {
        return ROUTER_MACS.computeIfAbsent(line, l -> {
            String unique = uniqueMac(ROUTER_MAKERS, l, 0);
            return unique != null ? unique : mac(ROUTER_MAKERS, l, "gateway " + l);
        });
    }

    /** Each line's router and other device's MACs, worked out once (every writer asks daily). */
    private static final Map<String, String> ROUTER_MACS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final Map<String, String> DEVICE_MACS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The home's (or farm's) other device on the network ({@link LocalNetwork}), or null in an office. */
    static String deviceIp(String line) {
        return office(line) ? null : LocalNetwork.otherComputer(line);
    }

    /** That device's MAC, upper case with colons. */
    static String deviceMac(String line) {
        return DEVICE_MACS.computeIfAbsent(line, l -> {
            String unique = uniqueMac(DEVICE_MAKERS, l, 0x2A5_5A5AL);
            return unique != null ? unique : mac(DEVICE_MAKERS, "device " + l, "device " + l);
        });
    }

    /**
     * A MAC no other line's device of the kind has, or null for a line that is no single address
     * of a known network (an office's block). Real MACs are unique; MACs hashed from 26 bits met
     * by chance about once in 10,000 homes, and two strangers' laptops then looked like a laptop
     * farm's (onboard.shared-network). So the address's network (its place among the simulated
     * networks, fewer than 32) and its offset in it (a /11 at most: 21 bits) make 26 bits, mixed by a
     * bijection of 26 bits — one of four makers' prefixes and the 24 bits after it.
     */
    private static String uniqueMac(String[] makers, String line, long salt) {
        if (office(line)) {
            return null;
        }
        List<Network> networks = Internet.all();
        long ip;
        try {
            ip = Ipv4.parse(line);
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (int n = 0; n < networks.size(); n++) {
            Network network = networks.get(n);
            long offset = ip - network.first();
            if (network.contains(line) && n < 32 && offset < (1L << 21)) {
                long mask = (1L << 26) - 1;
                long v = (((long) n << 21 | offset) ^ salt) & mask;
                v = (v * 0x2545F4BL) & mask; // odd multiplier: a bijection modulo 2^26
                v ^= v >>> 13;
                return makers[(int) (v >>> 24)] + ":" + String.format(Locale.ROOT, "%02X:%02X:%02X",
                        (v >>> 16) & 0xFF, (v >>> 8) & 0xFF, v & 0xFF);
            }
        }
        return null;
    }

    /**
     * The laptop's own Wi-Fi MAC, upper case with colons: Intel's prefix on the Windows laptops,
     * Apple's on the Macs. Every inventory that names it (Falcon's, Jamf's, Fleet's) gives this one.
     */
    static String laptopMac(Host host) {
        return (host.windows() ? "A4:C3:F0:" : "F0:18:98:") + Derived.hex("interface " + host.hostname(), 7, 6)
                .toUpperCase(Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
    }

    /** The address the laptop has on a home network (the one it reports for itself there). */
    static String laptopHomeIp(Host host) {
        return "192.168.1." + (10 + StableHash.below(StableHash.of(host.hostname()), 200));
    }

    /** A maker's prefix chosen by {@code maker}, the rest derived from {@code what}. */
    private static String mac(String[] makers, String maker, String what) {
        return makers[(int) StableHash.below(StableHash.of(maker), makers.length)] + ":"
                + Derived.hex(what, 5, 6).toUpperCase(Locale.ROOT).replaceAll("(..)(?!$)", "$1:");
    }
}
