package dev.unravel.detect.access;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a sign-in is, for every detector and stage that reads them: the event types the readers give
 * sign-ins, and the sources whose source address is where the person was. One list, so that a new
 * sign-in source (Duo, Google Workspace, a VPN) reaches the access detectors, working hours, the
 * extortion sender's addresses and the engine's address resolution alike.
 */
public final class SignInEvents {
    private SignInEvents() {
    }

    /**
     * Sign-ins, successful or failed: Okta session starts and SSO, Entra ID sign-ins, Duo
     * authentications, Google Workspace's {@code login_success} and {@code login_failure}, a VPN
     * tunnel connecting and an authentication to the VPN, a Cloudflare Access login, Slack's access log
     * entries (an account's latest use of Slack from an address).
     */
    public static final Set<String> TYPES = Set.of("user.session.start", "user.authentication.sso", "signin",
            "duo.authentication", SignIn.GOOGLE_SIGN_IN, SignIn.GOOGLE_FAILED_SIGN_IN, SignIn.VPN_SESSION,
            SignIn.VPN_AUTHENTICATION, SignIn.CLOUDFLARE_ACCESS_LOGIN, SignIn.SLACK_ACCESS);

    /**
     * Sources whose events' source address is the person's own network (where they signed in or
     * connected from), not a sensor's view of an internal address: the identity providers, the VPN
     * gateways, GitHub's {@code actor_ip} and Slack's access log.
     */
    public static final Set<String> SOURCES = Set.of("okta", "entra", "duo", "gworkspace", "globalprotect",
            "fortigate", "cisco-asa", "zpa", "cloudflare-access", "github", "slack");

    /**
     * What an explanation calls each remote-access log, which places company laptops, so an analyst
     * knows which log to open (the cloud proxies' names are in {@code ProxyLogs}).
     */
    private static final Map<String, String> LOG_NAMES = Map.of("globalprotect", "GlobalProtect's log", "fortigate",
            "the FortiGate's VPN log", "cisco-asa", "the Cisco ASA's VPN log", "zpa", "Zscaler Private Access's log");

    /** The log {@code source} names, for an explanation ("GlobalProtect's log"); "the VPN's log" for one not listed. */
    public static String logName(String source) {
        return LOG_NAMES.getOrDefault(source, "the VPN's log");
    }

    /** The sign-in types and {@code more} (other event types or type prefixes a detector reads). */
    public static Set<String> with(String... more) {
        Set<String> all = new HashSet<>(TYPES);
        all.addAll(List.of(more));
        return Set.copyOf(all);
    }
}
