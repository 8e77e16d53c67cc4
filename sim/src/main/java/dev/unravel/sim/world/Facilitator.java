package dev.unravel.sim.world;

import java.util.ArrayList;
import java.util.List;

/**
 * A US-based helper of the scheme: runs a laptop farm at their house, receives laptops for
 * several fraudulent hires and gives them a US broadband IP.
 */
public final class Facilitator {
    public final String id;
    public final String name;
    public final Address farmAddress;
    public final City city;
    /** The farm's home broadband address: laptops there reach the Internet through it. */
    public final String farmIp;
    public final Network farmNetwork;
    /** The commercial VPN exit the operators behind this farm share. */
    public final String vpnExitIp;
    public final Network vpnNetwork;
    /** The fraudulent workers whose laptops went here (worker ids). */
    public final List<String> workers = new ArrayList<>();
    /**
     * Whose name and email the operators' own machine writes into commits: the first of the farm's
     * hires whose code is written there (not the IP-KVM hire's, written on the laptop itself); its
     * personal email, as set up when the persona was made. Null until then.
     */
    public Person gitIdentity;

    public Facilitator(String id, String name, Address farmAddress, City city, String farmIp, Network farmNetwork,
            String vpnExitIp, Network vpnNetwork) {
        this.id = id;
        this.name = name;
        this.farmAddress = farmAddress;
        this.city = city;
        this.farmIp = farmIp;
        this.farmNetwork = farmNetwork;
        this.vpnExitIp = vpnExitIp;
        this.vpnNetwork = vpnNetwork;
    }
}
