package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrustedProxiesTest {

    static final TrustedProxies PROXIES = TrustedProxies.of(List.of("10.0.0.0/8", "::1", "fd00::/8"));

    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    static TrustedProxies.Client forwardedFor(TrustedProxies p, String peer, String... xff) throws Exception {
        return p.resolve(ip(peer), false, List.of(), List.of(xff), List.of());
    }

    @Test
    void theClientIsTheFirstUntrustedAddressFromTheRight_neverWhatTheClientWroteBeforeIt() throws Exception {
        // The client sent "X-Forwarded-For: 6.6.6.6" itself; two proxies of ours appended what they saw.
        assertThat(forwardedFor(PROXIES, "10.0.0.5", "6.6.6.6, 203.0.113.7, 10.1.1.1").address())
                .isEqualTo(ip("203.0.113.7"));
        assertThat(forwardedFor(PROXIES, "10.0.0.5", "6.6.6.6, 203.0.113.7", "10.1.1.1").address())
                .as("the header on two lines").isEqualTo(ip("203.0.113.7"));
        assertThat(forwardedFor(PROXIES, "10.0.0.5", "10.2.2.2, 10.1.1.1").address())
                .as("every hop a proxy of ours: the leftmost").isEqualTo(ip("10.2.2.2"));
        assertThat(forwardedFor(PROXIES, "10.0.0.5", "203.0.113.7:51234").address()).as("with a port")
                .isEqualTo(ip("203.0.113.7"));
        assertThat(forwardedFor(PROXIES, "10.0.0.5", "unknown").address()).as("nothing to place: the proxy")
                .isEqualTo(ip("10.0.0.5"));
        assertThat(forwardedFor(PROXIES, "10.0.0.5", "6.6.6.6, garbage, 10.1.1.1").address())
                .as("nothing left of what cannot be read is believed").isEqualTo(ip("10.1.1.1"));
        assertThat(forwardedFor(PROXIES, "10.0.0.5", "localhost").address()).as("names are never looked up")
                .isEqualTo(ip("10.0.0.5"));
    }

    @Test
    void theStandardForwardedHeader_quotedIpv6WithAPort_andTheSchemeOfTheClientsHop() throws Exception {
        TrustedProxies.Client c = PROXIES.resolve(ip("::1"), false,
                List.of("for=6.6.6.6;proto=http, for=\"[2001:db8:cafe::17]:4711\";proto=https;by=10.0.0.1"), List.of(),
                List.of("http"));
        assertThat(c.address()).isEqualTo(ip("2001:db8:cafe::17"));
        assertThat(c.secure()).as("Forwarded wins over X-Forwarded-Proto").isTrue();
        assertThat(PROXIES.resolve(ip("::1"), false, List.of("for=_hidden;proto=https"), List.of(), List.of())
                .address()).as("an obfuscated client").isEqualTo(ip("::1"));
    }

    @Test
    void xForwardedProto_givesTheScheme_perHopWhenEachProxyAppended() throws Exception {
        assertThat(PROXIES.resolve(ip("10.0.0.5"), false, List.of(), List.of("203.0.113.7"), List.of("https"))
                .secure()).isTrue();
        assertThat(PROXIES.resolve(ip("10.0.0.5"), true, List.of(), List.of("203.0.113.7"), List.of("http"))
                .secure()).isFalse();
        assertThat(PROXIES.resolve(ip("10.0.0.5"), false, List.of(), List.of("203.0.113.7, 10.1.1.1"),
                List.of("https, http")).secure()).as("the client's hop, not the inner one").isTrue();
        assertThat(PROXIES.resolve(ip("10.0.0.5"), true, List.of(), List.of("203.0.113.7"), List.of()).secure())
                .as("no scheme said: the connection's").isTrue();
    }

    @Test
    void headersFromAnAddressNotTrusted_areIgnored_andSaidOncePerAddress() throws Exception {
        List<String> told = new ArrayList<>();
        TrustedProxies p = PROXIES.telling(told::add);
        assertThat(forwardedFor(p, "198.51.100.4", "203.0.113.7").address()).isEqualTo(ip("198.51.100.4"));
        assertThat(p.resolve(ip("198.51.100.4"), false, List.of(), List.of("1.2.3.4"), List.of("https")).secure())
                .isFalse();
        assertThat(forwardedFor(p, "10.0.0.5").address()).as("no header").isEqualTo(ip("10.0.0.5"));
        assertThat(told).singleElement().asString().contains("198.51.100.4 carries X-Forwarded-For")
                .contains("--trusted-proxy 198.51.100.4");
        assertThat(forwardedFor(TrustedProxies.none(), "127.0.0.1", "203.0.113.7").address())
                .as("no proxy trusted at all").isEqualTo(ip("127.0.0.1"));
    }

    @Test
    void rangesAreAddressesOrCidr_v4AndV6_andAnythingElseIsToldWithTheOption() throws Exception {
        TrustedProxies p = TrustedProxies.of(List.of("192.168.4.0/22", "2001:db8::/32", "172.16.0.9", "0.0.0.0/0"));
        assertThat(p.trusts(ip("192.168.7.255"))).isTrue();
        assertThat(p.trusts(ip("2001:db8:ffff::1"))).isTrue();
        assertThat(p.trusts(ip("2001:db9::1"))).isFalse();
        assertThat(p.trusts(ip("::ffff:8.8.8.8"))).as("an IPv4-mapped address is IPv4").isTrue();
        TrustedProxies narrow = TrustedProxies.of(List.of("192.168.4.0/22"));
        assertThat(narrow.trusts(ip("192.168.8.0"))).isFalse();
        assertThat(narrow.trusts(ip("192.168.3.255"))).isFalse();
        assertThat(TrustedProxies.of(List.of("[::1]")).trusts(ip("::1"))).isTrue();
        assertThat(TrustedProxies.of(List.of("10.8.0.1-10.8.0.9")).trusts(ip("10.8.0.9"))).as("first-last").isTrue();
        for (String bad : List.of("10.0.0.0/33", "proxy.internal", "10.0.0.256", "fd00::/129", "10.0.0.0/x")) {
            assertThatThrownBy(() -> TrustedProxies.of(List.of(bad))).as(bad).hasMessageContaining(
                    "--trusted-proxy " + bad + ": not an IP address, CIDR range or first-last range");
        }
    }
}
