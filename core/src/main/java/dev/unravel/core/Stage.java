package dev.unravel.core;

/**
 * The stages of the fraudulent-remote-worker scheme, in the order they happen. Every signal names
 * one; a worker whose signals span several stages is far more likely to be a fraud than one with
 * many signals in a single stage.
 */
public enum Stage {
    /** Application and identity: stolen or synthetic identity, shared contact details, VoIP numbers. */
    APPLY,
    /** Onboarding: the laptop shipped to an address that is not the worker's home (a laptop farm). */
    ONBOARD,
    /** Access: sign-ins through VPNs, from abroad, at foreign office hours, behind shared IPs. */
    ACCESS,
    /** Control: remote-access tools and IP-KVMs on the corporate laptop. */
    CONTROL,
    /** Steal: code and data taken soon after starting. */
    STEAL,
    /** Extort: after termination, an email with stolen data and a ransom demand. */
    EXTORT;

    /** Lower-case name as written in reports and configuration files. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The stage written {@code id} ({@code control}, any case), or null when none is. */
    public static Stage ofId(String id) {
        if (id != null) {
            for (Stage s : values()) {
                if (s.id().equalsIgnoreCase(id)) {
                    return s;
                }
            }
        }
        return null;
    }
}
