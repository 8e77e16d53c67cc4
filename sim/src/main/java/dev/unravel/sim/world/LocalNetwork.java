package dev.unravel.sim.world;

/**
 * The home network behind a public address (a worker's home, a laptop farm): besides the router
 * at 192.168.1.1, one more computer that answers on it — a home's television or printer, a farm's
 * keeper's own machine, which is also the one that drives the farm's laptops over Remote Desktop.
 * Derived from the line's address alone, so the writers that show it (osquery's ARP cache, the
 * Security log's Remote Desktop client) agree without sharing state.
 */
public final class LocalNetwork {
    private LocalNetwork() {
    }

    /** The other computer's address on the network behind {@code publicIp}. */
    public static String otherComputer(String publicIp) {
        // String.hashCode is fixed by the language specification: the same on every run
        return "192.168.1." + (100 + Math.floorMod(publicIp.hashCode() * 31 + 7, 100));
    }
}
