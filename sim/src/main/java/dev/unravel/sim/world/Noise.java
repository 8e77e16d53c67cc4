package dev.unravel.sim.world;

import java.util.Locale;

/** Benign behaviour that looks like a signal: what a detector must not fire on. */
public enum Noise {
    BUSINESS_TRAVELLER("signs in from hotels in other cities and countries during trips"),
    CORPORATE_VPN("signs in through the company's own VPN egress, shared by many"),
    IT_REMOTE_SUPPORT("IT staff running the approved remote-support tool"),
    NIGHT_OWL("works late evenings in the declared time zone"),
    MOVED_HOUSE("moved house; HR has the old and the new address"),
    COUPLE_SAME_ADDRESS("two workers in one household: same address and surname"),
    OFFICE_EGRESS("works from an office whose egress IP many share"),
    NEW_HIRE_BULK_CLONE("new engineer who clones many repositories in week one"),
    CONTRACTOR_ABROAD("contractor living abroad whose declared location is abroad"),
    RASPBERRY_PI_DISPLAY("developer whose Raspberry Pi test rig shows the laptop a display made by LNX, "
            + "the Linux kernel's placeholder, as IP-KVM capture boxes do"),
    KOREAN_OR_CHINESE_TYPIST("writes Korean or Chinese: the laptop has that input language from the start, "
            + "as the scheme's operators add Korean"),
    SHARED_BUILD_HOST("engineer on a team whose shared build host was set up with one teammate's git identity: "
            + "some of their commits carry it, as one operator's machine does for several hires"),
    SHARES_OUTSIDE("shares a few documents outside the company once: with a client, with their own personal "
            + "address, or by a link anyone can open"),
    VOICE_CHANGER_USER("runs a voice changer (Voicemod) on the laptop now and then, for games or streaming, "
            + "as an operator does on calls");

    private final String description;

    Noise(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
