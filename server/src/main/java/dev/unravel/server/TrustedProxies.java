package dev.unravel.server;

import dev.unravel.detect.intel.IntelFiles;
import dev.unravel.core.net.IpAddress;
import dev.unravel.detect.intel.IpIntel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpScheme;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;

/**
 * The reverse proxies ({@code serve --trusted-proxy}) whose forwarding headers the console
 * believes: behind one, every request comes from the proxy's address, so the access log, the
 * batches' senders and the sign-in throttle would all see the proxy, and a proxy that ends TLS
 * would leave the session cookie without its Secure flag.
 *
 * <p>A request from a trusted proxy is taken to come from the address the proxy says, read from
 * the right of {@code Forwarded} (RFC 7239) or, without it, {@code X-Forwarded-For}: each address
 * that is itself a trusted proxy is passed over, and the first that is not is the client. The
 * addresses further left were written by the client or by proxies nobody vouches for, so they are
 * never taken (Jetty's own {@code ForwardedRequestCustomizer} takes the leftmost, which any client
 * can set). The scheme the client used comes with it ({@code proto=} or
 * {@code X-Forwarded-Proto}). Headers from any other address are ignored, and said once per
 * address, as they usually mean a proxy not yet named.
 */
public final class TrustedProxies {

    /** Addresses told about, at most this many: a warning per stray sender, not per request. */
    private static final int TOLD_AT_MOST = 64;
    private static final Pattern IPV4_PORT = Pattern.compile("(\\d{1,3}(?:\\.\\d{1,3}){3}):\\d{1,5}");

    private final List<IpIntel.Range> ranges;
    private final Consumer<String> told;
    private final Set<String> toldAbout = Collections.synchronizedSet(new LinkedHashSet<>());

    private TrustedProxies(List<IpIntel.Range> ranges, Consumer<String> told) {
        this.ranges = ranges;
        this.told = told;
    }

    /** No proxy trusted: every request comes from the address that connected. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of(), line -> {
        });
    }

    /**
     * Proxies given as addresses or CIDR ranges, IPv4 or IPv6 ({@code 10.0.0.5}, {@code 10.0.0.0/8},
     * {@code ::1}, {@code fd00::/8}).
     *
     * @throws IllegalArgumentException naming the one that is neither
     */
    public static TrustedProxies of(List<String> specs) {
        List<IpIntel.Range> ranges = new ArrayList<>();
        for (String spec : specs) {
            IpIntel.Range r = IntelFiles.network(spec);
            if (r == null) {
                throw new IllegalArgumentException("--trusted-proxy " + spec + ": not an IP address, CIDR range or "
                        + "first-last range (10.0.0.5, 10.0.0.0/8, ::1, fd00::/8)");
            }
            ranges.add(r);
        }
        return new TrustedProxies(List.copyOf(ranges), line -> {
        });
    }

    /** These proxies, telling {@code told} of forwarding headers from an address not trusted (once per address). */
    public TrustedProxies telling(Consumer<String> told) {
        return new TrustedProxies(ranges, told);
    }

    /** Whether no proxy is trusted. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} is one of the trusted proxies. */
    public boolean trusts(InetAddress address) {
        long[] a = new long[2];
        if (!IpAddress.parse(address.getHostAddress(), a)) {
            return false;
        }
        for (IpIntel.Range r : ranges) {
            if (r.contains(a[0], a[1])) {
                return true;
            }
        }
        return false;
    }

    /** Who a request came from, and whether it came over HTTPS, once its trusted hops are read. */
    record Client(InetAddress address, boolean secure) {
    }

    /**
     * The client of a request that {@code peer} sent, with these header values (each list holds
     * every line of its header, in order; empty when absent), {@code secure} telling whether the
     * peer's own connection used TLS.
     */
    Client resolve(InetAddress peer, boolean secure, List<String> forwarded, List<String> forwardedFor,
            List<String> forwardedProto) {
        boolean carries = !forwarded.isEmpty() || !forwardedFor.isEmpty();
        if (!carries) {
            return new Client(peer, secure);
        }
        if (!trusts(peer)) {
            String at = peer.getHostAddress();
            if (toldAbout.size() < TOLD_AT_MOST && toldAbout.add(at)) {
                told.accept("a request from " + at + " carries " + (forwarded.isEmpty() ? "X-Forwarded-For" : "Forwarded")
                        + ", which the console ignores: the access log and the sign-in throttle see " + at + ". If "
                        + at + " is your reverse proxy, start the console with --trusted-proxy " + at);
            }
            return new Client(peer, secure);
        }
        List<String> fors = new ArrayList<>();
        List<String> protos = new ArrayList<>();
        if (!forwarded.isEmpty()) {
            for (String line : forwarded) {
                for (String element : splitOutsideQuotes(line, ',')) {
                    String forValue = null;
                    String proto = null;
                    for (String pair : splitOutsideQuotes(element, ';')) {
                        int eq = pair.indexOf('=');
                        if (eq < 0) {
                            continue;
                        }
                        String name = pair.substring(0, eq).trim().toLowerCase(Locale.ROOT);
                        String value = unquote(pair.substring(eq + 1).trim());
                        if (name.equals("for")) {
                            forValue = value;
                        } else if (name.equals("proto")) {
                            proto = value;
                        }
                    }
                    fors.add(forValue == null ? "" : forValue);
                    protos.add(proto);
                }
            }
        } else {
            for (String line : forwardedFor) {
                for (String value : line.split(",")) {
                    fors.add(value.trim());
                }
            }
            List<String> given = new ArrayList<>();
            for (String line : forwardedProto) {
                for (String value : line.split(",")) {
                    given.add(value.trim());
                }
            }
            // One value per hop when the proxies append; otherwise the one value a proxy set.
            for (int i = 0; i < fors.size(); i++) {
                protos.add(given.size() == fors.size() ? given.get(i)
                        : given.isEmpty() ? null : given.get(given.size() - 1));
            }
        }
        InetAddress client = peer;
        String proto = null;
        for (int i = fors.size() - 1; i >= 0; i--) {
            InetAddress hop = address(fors.get(i));
            if (hop == null) {
                break; // "unknown", an obfuscated name or garbage: nothing further left can be placed
            }
            client = hop;
            proto = protos.get(i);
            if (!trusts(hop)) {
                break;
            }
        }
        boolean overTls = proto == null ? secure : proto.equalsIgnoreCase("https") || proto.equalsIgnoreCase("wss");
        return new Client(client, overTls);
    }

    /** A Jetty customizer that makes requests from trusted proxies look as their clients sent them. */
    public HttpConfiguration.Customizer customizer() {
        return (request, responseHeaders) -> {
            ConnectionMetaData meta = request.getConnectionMetaData();
            SocketAddress remote = meta.getRemoteSocketAddress();
            if (!(remote instanceof InetSocketAddress peer) || peer.getAddress() == null) {
                return request;
            }
            HttpFields h = request.getHeaders();
            List<String> forwarded = h.getValuesList(HttpHeader.FORWARDED);
            List<String> forwardedFor = h.getValuesList(HttpHeader.X_FORWARDED_FOR);
            if (forwarded.isEmpty() && forwardedFor.isEmpty()) {
                return request;
            }
            Client c = resolve(peer.getAddress(), meta.isSecure(), forwarded, forwardedFor,
                    h.getValuesList(HttpHeader.X_FORWARDED_PROTO));
            if (c.address().equals(peer.getAddress()) && c.secure() == meta.isSecure()) {
                return request;
            }
            return forClient(request, new InetSocketAddress(c.address(), 0), c.secure());
        };
    }

    private static Request forClient(Request request, InetSocketAddress client, boolean secure) {
        ConnectionMetaData meta = new ConnectionMetaData.Wrapper(request.getConnectionMetaData()) {
            @Override
            public SocketAddress getRemoteSocketAddress() {
                return client;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }
        };
        HttpURI uri = request.getHttpURI();
        HttpURI seen = HttpURI.build(uri).scheme(secure ? HttpScheme.HTTPS : HttpScheme.HTTP).asImmutable();
        return new Request.Wrapper(request) {
            @Override
            public ConnectionMetaData getConnectionMetaData() {
                return meta;
            }

            @Override
            public HttpURI getHttpURI() {
                return seen;
            }

            @Override
            public boolean isSecure() {
                return secure;
            }
        };
    }

    /**
     * An address as a proxy writes it: IPv4 or IPv6, bracketed or not, with or without a port.
     * Literals only (never a name looked up); null for anything else.
     */
    static InetAddress address(String text) {
        String s = text.trim();
        if (s.startsWith("[")) { // [v6] or [v6]:port
            int close = s.indexOf(']');
            if (close < 0) {
                return null;
            }
            s = s.substring(1, close);
        } else {
            var withPort = IPV4_PORT.matcher(s);
            if (withPort.matches()) {
                s = withPort.group(1);
            }
        }
        return literal(s);
    }

    /** An IP literal, or null: parsed by {@link IpAddress}, which never looks a name up. */
    private static InetAddress literal(String s) {
        long[] a = new long[2];
        if (s.isEmpty() || !IpAddress.parse(s, a)) {
            return null;
        }
        byte[] bytes;
        if (a[0] == IpAddress.V4_HI && (a[1] & 0xffff_ffff_0000_0000L) == IpAddress.V4_MAPPED_LO) {
            bytes = new byte[] {(byte) (a[1] >>> 24), (byte) (a[1] >>> 16), (byte) (a[1] >>> 8), (byte) a[1]};
        } else {
            bytes = new byte[16];
            for (int i = 0; i < 8; i++) {
                bytes[i] = (byte) (a[0] >>> (56 - 8 * i));
                bytes[8 + i] = (byte) (a[1] >>> (56 - 8 * i));
            }
        }
        try {
            return InetAddress.getByAddress(bytes); // from bytes: nothing to look up
        } catch (UnknownHostException e) {
            return null; // only for a wrong length, which cannot happen here
        }
    }

    private static List<String> splitOutsideQuotes(String s, char separator) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == '\\' && quoted) {
                i++;
            } else if (ch == separator && !quoted) {
                out.add(s.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(s.substring(start).trim());
        return out;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
            return v.substring(1, v.length() - 1).replace("\\\"", "\"").replace("\\\\", "\\");
        }
        return v;
    }
}
