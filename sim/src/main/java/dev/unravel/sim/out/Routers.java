package dev.unravel.sim.out;

import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Internet;
import dev.unravel.sim.world.LocalNetwork;
import dev.unravel.sim.world.Network;
import java.util.HashMap;
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
        return mac(ROUTER_MAKERS, line, "gateway " + line);
    }

    /** The home's (or farm's) other device on the network ({@link LocalNetwork}), or null in an office. */
    static String deviceIp(String line) {
        return office(line) ? null : LocalNetwork.otherComputer(line);
    }

    /** That device's MAC, upper case with colons. */
    static String deviceMac(String line) {
        return mac(DEVICE_MAKERS, "device " + line, "device " + line);
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
