package dev.unravel.sim.world;

import java.util.Locale;

/** The fraudulent workers the simulator hides, each drawn from the scheme; none shows every signal. */
public enum Persona {
    /**
     * A real American's stolen identity; the laptop is rerouted to a laptop farm; sign-ins come
     * through commercial VPN exits at Korean office hours; a remote-access tool runs on the laptop.
     */
    STOLEN_IDENTITY_FARM("stolen identity, laptop farm, VPN exits, remote-access tool"),
    /**
     * A synthetic identity (an SSN that was never issued) sharing a bank account and a phone with
     * another hire, with a résumé cloned from another applicant and a VoIP number.
     */
    SYNTHETIC_SHARED("synthetic identity sharing bank account and phone with another hire, cloned résumé"),
    /**
     * The hard case: the laptop sits at a facilitator's house in the US with an IP-KVM attached;
     * every sign-in comes from that house's US broadband. Only the hours and the KVM give it away.
     */
    IPKVM_FACILITATOR("IP-KVM at a facilitator's house, US-looking sign-ins"),
    /** Clones every repository it can reach in the first week and uploads archives to personal cloud storage. */
    FAST_EXFILTRATOR("fast exfiltrator: clones everything in week one"),
    /** Fired for not performing, then emails a ZIP of real repository paths with a cryptocurrency demand. */
    FIRED_EXTORTIONIST("fired worker who emails stolen code with a ransom demand");

    private final String description;

    Persona(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
