package dev.unravel.detect;

import dev.unravel.core.Event;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The endpoint agents' events — Sysmon, Windows' own auditing, Microsoft Defender for Endpoint,
 * CrowdStrike Falcon —
 * by what each says happened on the laptop: one list, so that a new agent is one line here and
 * reaches the remote-access, IP-KVM, time-zone, personal-cloud, working-hours and after-termination
 * detectors alike, as {@link ProxyLogs} does for the cloud proxies.
 *
 * <p>The readers give every agent's events Sysmon's field names ({@code Image},
 * {@code OriginalFileName}, {@code Company}, {@code DestinationHostname}, {@code QueryName},
 * {@code TargetObject}/{@code Details}, {@code DeviceInstanceId}/{@code DeviceDescription}) beside
 * the agent's own, so a detector reads one set of names whichever agent wrote the event.
 */
public final class EndpointEvents {
    private EndpointEvents() {
    }

    /** What an event says happened. */
    public enum Kind {
        /** A process started: {@code Image}, {@code OriginalFileName}, {@code Company}, {@code CommandLine}. */
        PROCESS,
        /** A network connection by a process: {@code Image}, {@code DestinationHostname}, {@code SourceIp}, {@code Initiated}. */
        NETWORK,
        /** A name looked up: {@code QueryName}, {@code Image}. */
        DNS,
        /** A registry value set: {@code TargetObject}, {@code Details}. */
        REGISTRY,
        /** Someone logged on to the computer (the account is the event's user). */
        LOGON,
        /**
         * A USB device plugged in: {@code DeviceInstanceId}, {@code DeviceDescription}, and where the
         * agent gives the descriptor's strings (Falcon) {@code Manufacturer}, {@code Model}.
         */
        USB
    }

    /**
     * One kind of event of one agent.
     *
     * @param type the event type its reader gives
     * @param kind what it says happened
     * @param name what an explanation calls the log
     * @param records what an explanation calls its records ("Sysmon network connections"), made once
     */
    public record Log(String type, Kind kind, String name, String records) {
        Log(String type, Kind kind, String name) {
            this(type, kind, name, name + switch (kind) {
                case PROCESS -> " process starts";
                case NETWORK -> " network connections";
                case DNS -> " DNS look-ups";
                case REGISTRY -> " registry writes";
                case LOGON -> " logons";
                case USB -> " plug-and-play events";
            });
        }
    }

    /** What explanations call CrowdStrike Falcon's logs; the agent whose source IP places the laptop. */
    private static final String FALCON = "CrowdStrike Falcon";

    private static final List<Log> LOGS = List.of(
            new Log("sysmon.1", Kind.PROCESS, "Sysmon"),
            new Log("security.4688", Kind.PROCESS, "Windows' process auditing"),
            new Log("defender.process", Kind.PROCESS, "Microsoft Defender for Endpoint"),
            // CrowdStrike's reader names events by Falcon's own names; Image is a \Device\HarddiskVolumeN\ path
            new Log("ProcessRollup2", Kind.PROCESS, FALCON),
            new Log("SyntheticProcessRollup2", Kind.PROCESS, FALCON),
            new Log("sysmon.3", Kind.NETWORK, "Sysmon"),
            new Log("defender.network", Kind.NETWORK, "Microsoft Defender for Endpoint"),
            // Falcon's connections name addresses, not hosts or the process's image
            new Log("NetworkConnectIP4", Kind.NETWORK, FALCON),
            new Log("NetworkConnectIP6", Kind.NETWORK, FALCON),
            new Log("sysmon.22", Kind.DNS, "Sysmon"),
            new Log("defender.dns", Kind.DNS, "Microsoft Defender for Endpoint"),
            new Log("DnsRequest", Kind.DNS, FALCON),
            new Log("sysmon.13", Kind.REGISTRY, "Sysmon"),
            new Log("defender.registry", Kind.REGISTRY, "Microsoft Defender for Endpoint"),
            new Log("security.4624", Kind.LOGON, "Windows' logon auditing"),
            // Defender logs failed logons in the same table: LogonSuccess is the logon
            new Log("defender.logon", Kind.LOGON, "Microsoft Defender for Endpoint"),
            // Falcon writes a failed logon as an event of its own
            new Log("UserLogon", Kind.LOGON, FALCON),
            new Log("UserLogonFailed2", Kind.LOGON, FALCON),
            new Log("microsoft-windows-kernel-pnp-configuration.400", Kind.USB, "Windows' Kernel-PnP log"),
            new Log("microsoft-windows-kernel-pnp-configuration.410", Kind.USB, "Windows' Kernel-PnP log"),
            new Log("defender.usb", Kind.USB, "Microsoft Defender for Endpoint"),
            new Log("DcUsbDeviceConnected", Kind.USB, FALCON));

    private static final Map<String, Log> BY_TYPE = LOGS.stream()
            .collect(Collectors.toUnmodifiableMap(Log::type, Function.identity()));

    /** The kind of an event of {@code type}, or null when it is no endpoint event this list knows. */
    public static Kind kind(String type) {
        Log log = BY_TYPE.get(type);
        return log == null ? null : log.kind();
    }

    /** The endpoint log whose events have {@code type}, or null. */
    public static Log of(String type) {
        return BY_TYPE.get(type);
    }

    /**
     * The event types whose source IP is the laptop's public address: Falcon stamps every event with
     * {@code aip}, the address its cloud saw the sensor connect from (home, farm or VPN exit, not the
     * laptop's own private address), which its reader gives as the source IP. Other agents' source IPs
     * are the laptop's own addresses.
     */
    public static Set<String> placingLaptop() {
        return PLACING_LAPTOP;
    }

    private static final Set<String> PLACING_LAPTOP = LOGS.stream().filter(l -> l.name().equals(FALCON))
            .map(Log::type).collect(Collectors.toUnmodifiableSet());

    /**
     * The row of an osquery event that is an ARP cache entry (osquery's {@code arp_cache}: a
     * neighbour's {@code address} and {@code mac} on an {@code interface}), else null. Known by the
     * table's own {@code permanent} column or a query named for it, since each deployment names its
     * queries: the neighbour's address is not the laptop's, though the row looks like an
     * {@code interface_addresses} row.
     */
    public static Map<?, ?> arpCacheRow(Event e) {
        if (!e.type().startsWith("osquery.") || !(e.document().get("columns") instanceof Map<?, ?> row)
                || row.get("mac") == null || row.get("address") == null || row.get("interface") == null) {
            return null;
        }
        return row.containsKey("permanent") || e.type().contains("arp") ? row : null;
    }

    /** The event types of the given kinds. */
    public static Set<String> types(Kind first, Kind... rest) {
        EnumSet<Kind> kinds = EnumSet.of(first, rest);
        return LOGS.stream().filter(l -> kinds.contains(l.kind())).map(Log::type)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** {@code types} and {@code extra}, as one set. */
    public static Set<String> with(Set<String> types, String... extra) {
        return with(types, Arrays.asList(extra));
    }

    /** {@code types} and {@code more} (another list's types), as one set. */
    public static Set<String> with(Set<String> types, java.util.Collection<String> more) {
        return Stream.concat(types.stream(), more.stream()).collect(Collectors.toUnmodifiableSet());
    }
}
