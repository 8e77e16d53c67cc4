package dev.unravel.ingest.format.proxy;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import dev.unravel.ingest.read.UrlHosts;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Cloudflare Zero Trust (Cloudflare One) logs as Logpush writes them: JSON, one record a line, the
 * fields named as Cloudflare's account-scoped datasets name them, whichever timestamp format the
 * job set (RFC 3339, Unix seconds or Unix nanoseconds). Each record is told by its fields, so a
 * folder mixing the datasets reads too:
 *
 * <ul>
 *   <li><b>Gateway DNS</b> ({@code QueryName}) → {@code cloudflare.dns}, logsource
 *       {@code cloudflare}/{@code dns}: Sigma's {@code query} (without the root's dot) and
 *       {@code record_type} ({@code QueryTypeName}); {@code SrcIP}.
 *   <li><b>Gateway HTTP</b> ({@code HTTPHost}, {@code HTTPMethod}) → {@code cloudflare.http},
 *       {@code cloudflare}/{@code proxy}: Sigma's proxy names ({@link WebProxy}) from {@code URL},
 *       {@code HTTPHost}, {@code HTTPMethod}, {@code UserAgent}, {@code Referer},
 *       {@code HTTPStatusCode}, {@code DestinationIP}. Gateway writes no byte counts for a request:
 *       {@code cs-bytes} is the size of the files it uploaded ({@code UploadedFileNames}, their
 *       sizes in {@code FileInfo}), where Gateway's file detection saw them.
 *   <li><b>Gateway Network</b> ({@code SourceIP}, {@code DestinationIP} with {@code Transport} or
 *       {@code SNI}) → {@code cloudflare.network}, {@code cloudflare}/{@code firewall}: the TLS
 *       server's name ({@code SNI}) kept, {@code action} lower-cased as for HTTP.
 *   <li><b>Zero Trust network sessions</b> ({@code SessionStartTime}, {@code BytesSent}) →
 *       {@code cloudflare.session}, {@code cloudflare}/{@code firewall}: {@code BytesSent} is what
 *       the client sent to the origin, as Sigma's {@code cs-bytes}; time the session's start.
 *   <li><b>Access requests</b> ({@code AppDomain}, {@code Allowed}) → {@code cloudflare.access.login}
 *       (or the record's other {@code Action}), source {@code cloudflare-access}: a sign-in to an
 *       application Access protects, from {@code IPAddress}, allowed or not, with Cloudflare's
 *       {@code Country}; time {@code CreatedAt}.
 * </ul>
 *
 * <p>Gateway's records name the user ({@code Email}) and the device the WARP client runs on
 * ({@code DeviceName}); their source IP is the device's own address when Gateway gives it
 * ({@code SourceInternalIP}), and {@code client_public_ip} the public address its network reached
 * Cloudflare from ({@code SourceIP}, {@code SrcIP}): WARP connects from wherever the laptop is, so
 * this is the laptop farm's home line. Every record keeps all its fields.
 */
public final class CloudflareZeroTrustReader extends JsonReader {

    private static final LogSource DNS = LogSource.of("cloudflare", "dns", null);
    private static final LogSource PROXY = LogSource.of("cloudflare", "proxy", null);
    private static final LogSource FIREWALL = LogSource.of("cloudflare", "firewall", null);
    private static final LogSource ACCESS = LogSource.of("cloudflare", "access", null);

    /** The datasets this reader knows, for the error on a record that is none of them. */
    private static final String DATASETS = "a Cloudflare Zero Trust record (gateway_dns, gateway_http, gateway_network, "
            + "zero_trust_network_sessions or access_requests)";

    @Override
    public String id() {
        return "cloudflare-zero-trust";
    }

    @Override
    public String description() {
        return "Cloudflare Zero Trust logs from Logpush in JSON: Gateway DNS, HTTP and network, Zero Trust network "
                + "sessions, Access requests";
    }

    @Override
    public int probe(Sample sample) {
        try {
            if (sample.firstChar() != '{' && sample.firstChar() != '[') {
                return 0;
            }
            SampleKeys k = SampleKeys.of(sample);
            boolean gateway = k.has("Datetime") && (k.has("QueryName") && k.has("SrcIP")
                    || k.has("HTTPHost") && k.has("SourceIP")
                    || k.has("SourceIP") && k.has("DestinationIP") && (k.has("Transport") || k.has("SNI")));
            boolean session = k.has("SessionStartTime") && k.has("BytesSent") && k.has("OriginIP");
            boolean access = k.has("AppDomain") && k.has("Allowed") && k.has("IPAddress") && k.has("CreatedAt");
            return gateway || session || access ? 85 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        if (doc.containsKey("QueryName")) {
            return dns(doc, origin);
        }
        if (doc.containsKey("HTTPHost") || doc.containsKey("HTTPMethod")) {
            return http(doc, origin);
        }
        if (doc.containsKey("SessionStartTime") || doc.containsKey("BytesSent")) {
            return session(doc, origin);
        }
        if (doc.containsKey("AppDomain") || doc.containsKey("Allowed")) {
            return access(doc, origin);
        }
        if (doc.containsKey("SourceIP") && doc.containsKey("DestinationIP")) {
            return network(doc, origin);
        }
        throw new RecordException("Datetime", "is not " + DATASETS + ": none of QueryName, HTTPHost, "
                + "SessionStartTime, AppDomain or SourceIP with DestinationIP is there");
    }

    private static Event dns(Map<String, Object> doc, EventRef origin) throws RecordException {
        Instant time = time(doc, "Datetime");
        String query = WebProxy.domain(WebProxy.value(doc.get("QueryName")));
        if (query == null) {
            throw RecordException.missing("QueryName");
        }
        String ip = WebProxy.value(doc.get("SrcIP"));
        WebProxy.put(doc, "query", query);
        WebProxy.put(doc, "record_type", WebProxy.value(doc.get("QueryTypeName")));
        WebProxy.put(doc, "src_ip", ip);
        WebProxy.put(doc, WebProxy.CLIENT_PUBLIC_IP, ip);
        return gateway(time, "cloudflare.dns", DNS, doc, ip, origin);
    }

    private static Event http(Map<String, Object> doc, EventRef origin) throws RecordException {
        Instant time = time(doc, "Datetime");
        String url = WebProxy.value(doc.get("URL"));
        String host = WebProxy.value(doc.get("HTTPHost"));
        host = host != null ? host.toLowerCase(Locale.ROOT) : UrlHosts.hostOf(url);
        String ip = client(doc);
        WebProxy.put(doc, "c-uri", url);
        WebProxy.put(doc, "cs-host", host);
        WebProxy.put(doc, "cs-method", WebProxy.value(doc.get("HTTPMethod")));
        WebProxy.put(doc, "c-useragent", WebProxy.value(doc.get("UserAgent")));
        WebProxy.put(doc, "cs-referrer", WebProxy.value(doc.get("Referer")));
        WebProxy.put(doc, "sc-status", WebProxy.value(doc.get("HTTPStatusCode")));
        WebProxy.put(doc, "src_ip", ip);
        WebProxy.put(doc, "dst_ip", WebProxy.value(doc.get("DestinationIP")));
        WebProxy.put(doc, "cs-bytes", uploaded(doc));
        WebProxy.put(doc, "action", lower(doc.get("Action"))); // allow, block, isolate: as the proxies' action
        WebProxy.put(doc, WebProxy.CLIENT_PUBLIC_IP, WebProxy.value(doc.get("SourceIP")));
        return gateway(time, "cloudflare.http", PROXY, doc, ip, origin);
    }

    /**
     * The bytes of the files a request uploaded, as Gateway's file detection saw them: the sizes in
     * {@code FileInfo.files} of the names {@code UploadedFileNames} lists; null when it lists none.
     * A request's own size Gateway does not log, so this is what an upload through it weighs.
     */
    private static Long uploaded(Map<String, Object> doc) throws RecordException {
        if (!(doc.get("UploadedFileNames") instanceof java.util.List<?> names) || names.isEmpty()) {
            return null;
        }
        long total = 0;
        if (doc.get("FileInfo") instanceof Map<?, ?> info && info.get("files") instanceof java.util.List<?> files) {
            for (Object f : files) {
                if (f instanceof Map<?, ?> file && names.contains(file.get("name")) && file.get("size") != null) {
                    Long size = WebProxy.bytes(file.get("size"));
                    if (size == null) {
                        throw RecordException.invalid("FileInfo.files.size", "a byte count", file.get("size"));
                    }
                    total += size;
                }
            }
        }
        return total;
    }

    private static Event network(Map<String, Object> doc, EventRef origin) throws RecordException {
        Instant time = time(doc, "Datetime");
        String ip = client(doc);
        WebProxy.put(doc, "src_ip", ip);
        WebProxy.put(doc, "dst_ip", WebProxy.value(doc.get("DestinationIP")));
        WebProxy.put(doc, "dst_port", WebProxy.value(doc.get("DestinationPort")));
        WebProxy.put(doc, "action", lower(doc.get("Action"))); // allow, block, allowedOnNoRuleMatch, override
        WebProxy.put(doc, WebProxy.CLIENT_PUBLIC_IP, WebProxy.value(doc.get("SourceIP")));
        return gateway(time, "cloudflare.network", FIREWALL, doc, ip, origin);
    }

    private static Event session(Map<String, Object> doc, EventRef origin) throws RecordException {
        Instant time = time(doc, "SessionStartTime", "SessionEndTime");
        Object sent = doc.get("BytesSent");
        Long bytes = WebProxy.bytes(sent);
        if (sent != null && bytes == null) {
            throw RecordException.invalid("BytesSent", "a byte count", sent);
        }
        String ip = client(doc);
        WebProxy.put(doc, "src_ip", ip);
        WebProxy.put(doc, "dst_ip", WebProxy.value(doc.get("OriginIP")));
        WebProxy.put(doc, "dst_port", WebProxy.value(doc.get("OriginPort")));
        WebProxy.put(doc, "cs-bytes", bytes);
        WebProxy.put(doc, WebProxy.CLIENT_PUBLIC_IP, WebProxy.value(doc.get("SourceIP")));
        return gateway(time, "cloudflare.session", FIREWALL, doc, ip, origin);
    }

    private static Event access(Map<String, Object> doc, EventRef origin) throws RecordException {
        Instant time = time(doc, "CreatedAt");
        Object allowed = doc.get("Allowed");
        if (!(allowed instanceof Boolean) && !"true".equals(allowed) && !"false".equals(allowed)) {
            throw allowed == null ? RecordException.missing("Allowed")
                    : RecordException.invalid("Allowed", "true or false", allowed);
        }
        String action = WebProxy.value(doc.get("Action"));
        String type = "cloudflare.access." + (action == null ? "login" : action.toLowerCase(Locale.ROOT));
        return new Event(time, "cloudflare-access", type, ACCESS, WebProxy.value(doc.get("Email")), null,
                WebProxy.value(doc.get("IPAddress")), doc, origin);
    }

    private static String lower(Object v) {
        String s = WebProxy.value(v);
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** The client's own address when Gateway gives it, else the public one. */
    private static String client(Map<String, Object> doc) {
        String internal = WebProxy.value(doc.get("SourceInternalIP"));
        return internal != null ? internal : WebProxy.value(doc.get("SourceIP"));
    }

    private static Event gateway(Instant time, String type, LogSource logSource, Map<String, Object> doc, String ip,
            EventRef origin) {
        return new Event(time, "cloudflare", type, logSource, WebProxy.value(doc.get("Email")),
                WebProxy.value(doc.get("DeviceName")), ip, doc, origin);
    }
}
