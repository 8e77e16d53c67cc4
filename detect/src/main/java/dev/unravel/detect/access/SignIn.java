package dev.unravel.detect.access;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.intel.IpInfo;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The parts of a sign-in (or other IP-bearing access event) the access detectors compare, read once
 * from the vendor's own record: Okta System Log, Entra ID sign-in logs (Azure Monitor export with
 * {@code properties}, or the Graph object), Duo authentication logs ({@code access_device}), Google
 * Workspace sign-ins (the Reports API's {@code login} activities, {@code networkInfo}), corporate VPN
 * connections (GlobalProtect, FortiGate, Cisco AnyConnect, Zscaler Private Access: the tunnel or the
 * Client Connector's session connecting is the sign-in, a failed authentication a failed one), Slack's
 * access log (an account's latest use of Slack from an address and client), and GitHub audit events
 * with {@code actor_ip}.
 *
 * @param event     the event
 * @param account   the account as the source names it
 * @param workerId  the declared worker behind the account, or null
 * @param ip        source address text
 * @param network   what intelligence says about the address (never null)
 * @param country   where it geolocates: the intel feed first, else the vendor's own geolocation; null when neither says
 * @param lat       vendor-reported latitude, NaN when absent
 * @param lon       vendor-reported longitude, NaN when absent
 * @param success   the sign-in succeeded (audit events count as succeeded)
 */
record SignIn(Event event, String account, String workerId, String ip, IpInfo network, String country, double lat,
        double lon, boolean success) {

    /** A Google Workspace sign-in, as the {@code gworkspace} reader types the {@code login} application's event. */
    static final String GOOGLE_SIGN_IN = "login.login_success";
    static final String GOOGLE_FAILED_SIGN_IN = "login.login_failure";

    /** What the sign-in detectors read, for their {@code needs()}: the report's list of what a scan could not see. */
    static final String NEEDS = "sign-ins (Okta, Entra ID, Duo, Google Workspace, Cloudflare Access, Slack's access "
            + "log), corporate VPN tunnels (GlobalProtect, FortiGate, Cisco AnyConnect, Zscaler Private Access) or "
            + "GitHub audit activity, with IP intelligence";

    /** A corporate VPN's tunnel connecting, and an authentication to the VPN, as the VPN readers type them. */
    static final String VPN_SESSION = "vpn.session.start";
    static final String VPN_AUTHENTICATION = "vpn.authentication";
    /** Slack's access log entry: an account's latest use of Slack from an address with a client. */
    static final String SLACK_ACCESS = "slack.access";
    /** A login to an application Cloudflare Access protects, allowed or not. */
    static final String CLOUDFLARE_ACCESS_LOGIN = "cloudflare.access.login";

    /** The sign-ins ({@link SignInEvents#TYPES}), GitHub git and repository activity, and the IP-range records. */
    static final Set<String> TYPES = SignInEvents.with("git.", "repo.", IntelFeed.RANGE_EVENT);

    /** The subject of a signal: the worker when the roster knows the account, else the account. */
    EntityRef subject() {
        return workerId != null ? EntityRef.worker(workerId) : new EntityRef(EntityRef.Kind.ACCOUNT, account);
    }

    boolean located() {
        return country != null && !network.internal();
    }

    /**
     * The sign-in in {@code e}, or null when {@code e} is not one or lacks the account or address
     * (counted through {@link DetectorContext#skipped}). Feeds {@code reference.ip_range} records
     * to the intelligence and returns null for them.
     */
    static SignIn read(Event e, DetectorContext ctx, IntelFeed intel) {
        String type = e.type();
        if (IntelFeed.RANGE_EVENT.equals(type)) {
            intel.observe(e);
            return null;
        }
        // The engine hands one event to every detector before the next: the access detectors
        // sharing this feed parse it once. Skips are still counted by each detector's context.
        Object cached = intel.parsed(e);
        if (cached == null) {
            cached = parse(e, ctx, intel);
            intel.remember(e, cached);
        }
        if (cached instanceof String reason) {
            ctx.skipped(reason);
            return null;
        }
        return (SignIn) cached;
    }

    /** The sign-in, or the reason it cannot be read. */
    private static Object parse(Event e, DetectorContext ctx, IntelFeed intel) {
        String account = e.user();
        String ip = e.sourceIp();
        if (account == null || account.isEmpty()) {
            return "sign-in without an account";
        }
        if (ip == null || ip.isEmpty()) {
            return "sign-in without a source address";
        }
        IpInfo network = intel.lookup(ip);
        if (network == null) {
            return "source address is not an IP address";
        }
        Map<String, Object> d = e.document();
        String reported = null;
        double lat = Double.NaN;
        double lon = Double.NaN;
        boolean success = true;
        switch (e.source()) {
            case "okta" -> {
                Object geo = path(d, "client", "geographicalContext");
                reported = countryCode(path(geo, "country"));
                lat = number(path(geo, "geolocation", "lat"));
                lon = number(path(geo, "geolocation", "lon"));
                success = succeeded(e);
                // Okta's own IP intelligence marks proxies and VPNs: use it where our feeds are silent.
                if (!network.masksOrigin() && !network.office()
                        && Boolean.TRUE.equals(path(d, "securityContext", "isProxy"))) {
                    network = new IpInfo(network.country(), network.asn(), network.org(), "proxy", false, false,
                            true, false, network.internal());
                }
            }
            case "entra" -> {
                Object body = d.get("properties") instanceof Map<?, ?> p ? p : d;
                Object location = path(body, "location");
                reported = countryCode(path(location, "countryOrRegion"));
                lat = number(path(location, "geoCoordinates", "latitude"));
                lon = number(path(location, "geoCoordinates", "longitude"));
                success = succeeded(e);
            }
            case "duo" -> {
                // access_device is the computer signed in from; auth_device, the phone that approved it
                reported = countryCode(path(d, "access_device", "location", "country"));
                success = succeeded(e);
            }
            case "gworkspace" -> {
                // Google's own geolocation of the address (ISO 3166-1), in records since 2023
                reported = countryCode(path(d, "networkInfo", "regionCode"));
                success = succeeded(e);
            }
            case "cloudflare-access" -> {
                reported = countryCode(d.get("Country"));
                success = succeeded(e);
            }
            case "zpa" -> {
                // Zscaler's own geolocation of the address the Client Connector came from
                reported = countryCode(d.get("CountryCode"));
            }
            // Slack's own geolocation of the address (ISO 3166-1); the log holds only uses, no failures
            case "slack" -> reported = countryCode(d.get("country"));
            case "globalprotect", "fortigate", "cisco-asa" -> {
                success = succeeded(e);
                if (success && VPN_AUTHENTICATION.equals(e.type())) {
                    // one connection authenticates to the portal and the gateway (or logs in to the
                    // web portal), then connects: the tunnel is the sign-in, counted once
                    return "VPN authentication that succeeded (its tunnel connecting is the sign-in)";
                }
                // the firewall's own geolocation: GlobalProtect's region code, FortiOS's country name (the
                // ASA gives none)
                reported = switch (e.source()) {
                    case "globalprotect" -> countryCode(d.get("source_region"));
                    case "fortigate" -> countryCode(d.get("srccountry"));
                    default -> null;
                };
            }
            case "github" -> {
                // A token used from a cloud server is a CI job or a bot, not the person at a keyboard:
                // its address says nothing about where the worker is.
                if (network.hosting() && !network.vpn() && (d.get("programmatic_access_type") != null
                        || d.get("hashed_token") != null)) {
                    return "token used from a hosting provider (automation)";
                }
                reported = countryCode(path(d, "actor_location", "country_code"));
            }
            default -> {
            }
        }
        String country = network.country() != null ? network.country() : reported;
        return new SignIn(e, account, ctx.roster().workerIdOf(e), ip, network, country, lat, lon, success);
    }

    /**
     * Whether the sign-in in {@code e} succeeded, as its source records the outcome: Okta's
     * {@code outcome.result}, Entra's {@code status.errorCode} (or {@code resultType}), Duo's
     * {@code result}, Google's event name ({@code login_failure}), the VPN readers' {@code status};
     * other events (GitHub audit actions) are things that happened.
     */
    static boolean succeeded(Event e) {
        Map<String, Object> d = e.document();
        return switch (e.source()) {
            case "okta" -> "SUCCESS".equalsIgnoreCase(text(path(d, "outcome", "result")));
            case "entra" -> {
                Object body = d.get("properties") instanceof Map<?, ?> p ? p : d;
                Object code = path(body, "status", "errorCode");
                yield code == null ? "0".equals(text(d.get("resultType"))) : "0".equals(text(code));
            }
            case "duo" -> "success".equalsIgnoreCase(text(d.get("result")));
            case "gworkspace" -> !GOOGLE_FAILED_SIGN_IN.equals(e.type());
            case "globalprotect", "fortigate", "cisco-asa" -> "success".equalsIgnoreCase(text(d.get("status")));
            // ZPA logs only the sessions it authenticated (and their ends): none is a failed sign-in
            case "zpa" -> true;
            case "cloudflare-access" -> Boolean.TRUE.equals(d.get("Allowed")) || "true".equals(d.get("Allowed"));
            // Defender's logon table holds failed logons too; its other tables have no outcome
            case "defender" -> !"defender.logon".equals(e.type()) || "LogonSuccess".equalsIgnoreCase(
                    text(d.get("ActionType")));
            // Falcon writes a failed logon as an event of its own
            case "crowdstrike" -> !e.type().startsWith("UserLogonFailed");
            default -> true;
        };
    }

    // ------------------------------------------------------------------ document helpers

    static Object path(Object node, String... keys) {
        Object n = node;
        for (String k : keys) {
            if (!(n instanceof Map<?, ?> m)) {
                return null;
            }
            n = m.get(k);
        }
        return n;
    }

    static String text(Object o) {
        if (o == null) {
            return null;
        }
        String s = o.toString();
        return s.isBlank() ? null : s.strip();
    }

    static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        if (o instanceof String s && !s.isBlank()) {
            try {
                return Double.parseDouble(s.strip());
            } catch (NumberFormatException e) {
                return Double.NaN;
            }
        }
        return Double.NaN;
    }

    /** English country names (as Okta writes them) and ISO codes to ISO 3166-1 alpha-2. */
    private static final Map<String, String> COUNTRY_CODES = new HashMap<>();

    static {
        for (String code : Locale.getISOCountries()) {
            COUNTRY_CODES.put(code, code);
            COUNTRY_CODES.put(new Locale("", code).getDisplayCountry(Locale.ENGLISH).toUpperCase(Locale.ROOT), code);
        }
        for (List<String> alias : List.of(List.of("USA", "US"), List.of("UNITED STATES OF AMERICA", "US"),
                List.of("UK", "GB"), List.of("NORTH KOREA", "KP"), List.of("SOUTH KOREA", "KR"),
                List.of("RUSSIA", "RU"), List.of("CHINA", "CN"))) {
            COUNTRY_CODES.put(alias.get(0), alias.get(1));
        }
    }

    static String countryCode(Object value) {
        String s = text(value);
        return s == null ? null : COUNTRY_CODES.get(s.toUpperCase(Locale.ROOT));
    }
}
