package dev.unravel.sim.world;

/**
 * A corporate laptop.
 *
 * @param assetTag   the IT asset tag
 * @param serial     the manufacturer serial number
 * @param model      the model name
 * @param os         the operating system family
 * @param hostname   the machine's host name
 * @param internalIp the address the corporate VPN assigns it (Zeek sees this one)
 * @param hostUuid   the hardware UUID osquery reports
 */
public record Host(String assetTag, String serial, String model, Os os, String hostname, String internalIp,
        String hostUuid) {

    public enum Os {
        WINDOWS, MACOS
    }

    public boolean windows() {
        return os == Os.WINDOWS;
    }
}
