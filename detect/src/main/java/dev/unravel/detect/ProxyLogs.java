package dev.unravel.detect;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The logs of the cloud services a company laptop's agent sends its traffic through — web proxies,
 * DNS resolvers, cloud firewalls and network sessions (Zscaler Internet Access, Cisco Umbrella,
 * Cloudflare Gateway and Zero Trust) — and which of their fields say what: one list, so that a new
 * proxy is one line here and reaches the remote-access and personal-cloud detectors, outbound
 * volume and shared-source-ip alike, as {@code SignInEvents} does for sign-ins.
 *
 * <p>The readers give these logs Sigma's field names ({@code cs-host}, {@code cs-bytes},
 * {@code query}) where the taxonomy has one, and {@code client_public_ip} for the address the
 * laptop's own network reached the service from.
 */
public final class ProxyLogs {
    private ProxyLogs() {
    }

    /** What a record of the log is. */
    public enum Kind {
        /** A name looked up through the service's resolver. */
        DNS,
        /** A web request through the proxy: the host asked for, the bytes the request sent. */
        WEB,
        /** A connection or session through the cloud firewall: every kind of traffic, web requests too. */
        FIREWALL
    }

    /**
     * One log.
     *
     * @param type the event type its reader gives
     * @param kind what its records are
     * @param hostField the field naming the host reached, null when the log names none
     * @param sentField the field counting the bytes the client sent, null when the log has no count
     * @param placesLaptop whether its records carry {@code client_public_ip}, where the laptop was
     * @param name what an explanation calls the log, so an analyst knows which one to open
     */
    public record Log(String type, Kind kind, String hostField, String sentField, boolean placesLaptop, String name) {
    }

    private static final List<Log> LOGS = List.of(
            new Log("zscaler.web", Kind.WEB, "cs-host", "cs-bytes", true, "Zscaler Internet Access's web log"),
            // Zscaler's firewall feed names the destination only when DNS resolution is logged with it
            new Log("zscaler.firewall", Kind.FIREWALL, "cdfqdn", "outbytes", false, "Zscaler's firewall log"),
            new Log("umbrella.proxy", Kind.WEB, "cs-host", "cs-bytes", true, "Cisco Umbrella's log"),
            new Log("umbrella.dns", Kind.DNS, "query", null, true, "Cisco Umbrella's log"),
            new Log("cloudflare.dns", Kind.DNS, "query", null, true, "Cloudflare Gateway's log"),
            // Gateway logs no request size: cs-bytes is the size of the files its file detection saw uploaded
            new Log("cloudflare.http", Kind.WEB, "cs-host", "cs-bytes", true, "Cloudflare Gateway's log"),
            // Gateway's network log names the TLS server (SNI) and counts no bytes
            new Log("cloudflare.network", Kind.FIREWALL, "SNI", null, true, "Cloudflare Gateway's log"),
            new Log("cloudflare.session", Kind.FIREWALL, null, "cs-bytes", true,
                    "Cloudflare's Zero Trust network sessions"));

    private static final Map<String, Log> BY_TYPE = LOGS.stream()
            .collect(Collectors.toUnmodifiableMap(Log::type, Function.identity()));

    /** The proxy log whose events have {@code type}, or null when it is none. */
    public static Log of(String type) {
        return BY_TYPE.get(type);
    }

    /** The event types of the logs {@code which} selects. */
    public static Set<String> types(Predicate<Log> which) {
        return LOGS.stream().filter(which).map(Log::type).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code types} and the event types of the logs {@code which} selects, as one set. */
    public static Set<String> with(Predicate<Log> which, String... types) {
        return Stream.concat(Arrays.stream(types), types(which).stream())
                .collect(Collectors.toUnmodifiableSet());
    }
}
