package dev.unravel.sim;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Objects;

/**
 * What to simulate.
 *
 * @param employees workers employed at the start (employees and contractors), at least 10
 * @param days      days of activity, at least 1
 * @param seed      the seed; the same seed and options give byte-identical output
 * @param fraud     fraudulent workers to hide among them
 * @param start     the first simulated day (UTC)
 * @param out       the output folder
 * @param force     replace a non-empty output folder
 * @param webProxy  the cloud web proxy whose log is written beside Zeek's, if any
 * @param vpn       the corporate VPN whose own log is written, if any
 * @param edr       the endpoint agent whose events the Windows laptops leave: Sysmon, Defender for Endpoint or CrowdStrike Falcon
 * @param mdm       the device management whose inventory of the Macs is written, if any
 * @param office    the office suite whose audit log records the documents and mail: Microsoft 365 or Google Workspace
 * @param meetings  the video meeting service whose records of who joined, with which devices, are written
 * @param chat      the chat service whose access log is written, if any
 */
public record SimConfig(int employees, int days, long seed, int fraud, LocalDate start, Path out, boolean force,
        WebProxy webProxy, Vpn vpn, Edr edr, Mdm mdm, Office office, Meetings meetings, Chat chat) {

    /** A cloud web proxy the laptops' agents send their web traffic through, wherever they are. */
    public enum WebProxy {
        NONE, ZSCALER, UMBRELLA, CLOUDFLARE
    }

    /** The corporate VPN gateway (or Zscaler Private Access, its zero-trust replacement) whose log the laptops' tunnels leave. */
    public enum Vpn {
        NONE, GLOBALPROTECT, FORTIGATE, ANYCONNECT, ZPA
    }

    /** The agent on the Windows laptops that logs their process starts and connections. */
    public enum Edr {
        SYSMON, DEFENDER, CROWDSTRIKE
    }

    /** The device management whose inventory of the Macs is exported daily. */
    public enum Mdm {
        NONE, JAMF, FLEET
    }

    /**
     * The office suite the company's documents and mail live in: its audit log records the file
     * downloads, the sharing and the mailbox forwarding.
     */
    public enum Office {
        MICROSOFT, GOOGLE
    }

    /** The video meeting service whose records of each meeting's participants and their devices are exported. */
    public enum Meetings {
        ZOOM, TEAMS
    }

    /** The chat service whose access log (each account's use of it from each address) is exported daily. */
    public enum Chat {
        NONE, SLACK
    }

    public static final int DEFAULT_EMPLOYEES = 200;
    public static final int DEFAULT_DAYS = 30;
    public static final long DEFAULT_SEED = 42;
    public static final int DEFAULT_FRAUD = 5;
    public static final LocalDate DEFAULT_START = LocalDate.of(2026, 3, 2);
    public static final int MAX_EMPLOYEES = 1_000_000;
    public static final int MAX_DAYS = 3_660;

    /** Without a web proxy's log: the company's network is seen by Zeek alone. */
    public SimConfig(int employees, int days, long seed, int fraud, LocalDate start, Path out, boolean force) {
        this(employees, days, seed, fraud, start, out, force, WebProxy.NONE, Vpn.NONE, Edr.SYSMON);
    }

    /** Without the VPN's own log. */
    public SimConfig(int employees, int days, long seed, int fraud, LocalDate start, Path out, boolean force,
            WebProxy webProxy) {
        this(employees, days, seed, fraud, start, out, force, webProxy, Vpn.NONE);
    }

    /** Without a device management's inventory. */
    public SimConfig(int employees, int days, long seed, int fraud, LocalDate start, Path out, boolean force,
            WebProxy webProxy, Vpn vpn, Edr edr) {
        this(employees, days, seed, fraud, start, out, force, webProxy, vpn, edr, Mdm.NONE);
    }

    /** On Microsoft 365. */
    public SimConfig(int employees, int days, long seed, int fraud, LocalDate start, Path out, boolean force,
            WebProxy webProxy, Vpn vpn, Edr edr, Mdm mdm) {
        this(employees, days, seed, fraud, start, out, force, webProxy, vpn, edr, mdm, Office.MICROSOFT);
    }

    /** Without a chat service's access log. */
    public SimConfig(int employees, int days, long seed, int fraud, LocalDate start, Path out, boolean force,
            WebProxy webProxy, Vpn vpn, Edr edr, Mdm mdm, Office office, Meetings meetings) {
        this(employees, days, seed, fraud, start, out, force, webProxy, vpn, edr, mdm, office, meetings, Chat.NONE);
    }

    /** Meeting on Zoom. */
    public SimConfig(int employees, int days, long seed, int fraud, LocalDate start, Path out, boolean force,
            WebProxy webProxy, Vpn vpn, Edr edr, Mdm mdm, Office office) {
        this(employees, days, seed, fraud, start, out, force, webProxy, vpn, edr, mdm, office, Meetings.ZOOM);
    }

    /** With Sysmon on the Windows laptops. */
    public SimConfig(int employees, int days, long seed, int fraud, LocalDate start, Path out, boolean force,
            WebProxy webProxy, Vpn vpn) {
        this(employees, days, seed, fraud, start, out, force, webProxy, vpn, Edr.SYSMON);
    }

    public SimConfig {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(webProxy, "webProxy");
        Objects.requireNonNull(vpn, "vpn");
        Objects.requireNonNull(edr, "edr");
        Objects.requireNonNull(mdm, "mdm");
        Objects.requireNonNull(office, "office");
        Objects.requireNonNull(meetings, "meetings");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(out, "out");
        if (employees < 10 || employees > MAX_EMPLOYEES) {
            throw new IllegalArgumentException("--employees must be between 10 and " + MAX_EMPLOYEES + ", got " + employees);
        }
        if (days < 1 || days > MAX_DAYS) {
            throw new IllegalArgumentException("--days must be between 1 and " + MAX_DAYS + ", got " + days);
        }
        if (fraud < 0 || fraud > employees / 10) {
            throw new IllegalArgumentException(
                    "--fraud must be between 0 and a tenth of --employees (" + employees / 10 + "), got " + fraud);
        }
    }

    public LocalDate end() {
        return start.plusDays(days);
    }
}
