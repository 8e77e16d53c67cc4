package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Duo's authentication log through the Admin API ({@code GET /admin/v2/logs/authentication}), as
 * the {@code duo-auth} reader takes it: every MFA attempt with the computer signed in from and the
 * phone that approved it. Asked oldest first ({@code sort=ts:asc}) between {@code mintime} and
 * {@code maxtime} (milliseconds; Duo keeps the last two minutes back while it settles them), 1,000 a
 * page, the next page from the response's {@code metadata.next_offset}. Every request is signed
 * as Duo's Admin API requires: HMAC-SHA1 with the secret key over the date, method, host, path and
 * sorted parameters, sent as HTTP Basic with the integration key. Records' time {@code timestamp}
 * (epoch seconds), id {@code txid}.
 */
public final class DuoAuthLog implements LogApi {
    private static final String PATH = "/admin/v2/logs/authentication";
    /** Duo's v2 authentication log serves nothing newer than this before now. */
    private static final Duration SETTLING = Duration.ofMinutes(2);
    private static final DateTimeFormatter RFC_2822 = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss '-0000'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final URI api;
    private final String integrationKey;
    private final byte[] secretKey;
    private Clock clock = Clock.systemUTC();

    /**
     * @param api the Admin API's address, {@code https://api-XXXXXXXX.duosecurity.com}
     * @param integrationKey the Admin API application's integration key
     * @param secretKey its secret key
     */
    public DuoAuthLog(URI api, String integrationKey, String secretKey) {
        if (integrationKey == null || integrationKey.isBlank()) {
            throw new IllegalArgumentException("give the Admin API application's integration key");
        }
        this.api = Apis.base(api);
        this.integrationKey = integrationKey.strip();
        this.secretKey = secretKey.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String id() {
        return "duo";
    }

    @Override
    public String describe() {
        return "Duo authentication log of " + api;
    }

    @Override
    public String permissionHint() {
        return "an Admin API application with the \"Grant read log\" permission";
    }

    @Override
    public String stateName() {
        return "duo-" + Apis.fileSafe(api.getHost());
    }

    @Override
    public void authenticate(Http http) {
        clock = http.clock(); // requests are signed with the time they are sent at
    }

    @Override
    public HttpRequest first(Instant since, Instant until) throws CollectException {
        Instant max = until.minus(SETTLING);
        Map<String, String> params = new TreeMap<>();
        params.put("mintime", Long.toString(since.toEpochMilli()));
        params.put("maxtime", Long.toString(Math.max(since.toEpochMilli(), max.toEpochMilli())));
        params.put("limit", "1000");
        params.put("sort", "ts:asc");
        return next(URI.create(api + PATH + "?" + canonical(params)));
    }

    @Override
    public HttpRequest next(URI uri) throws CollectException {
        String date = RFC_2822.format(clock.instant());
        String host = api.getHost() + (api.getPort() > 0 ? ":" + api.getPort() : "");
        String signature = signature(date, "GET", host, uri.getRawPath(), parse(uri.getRawQuery()), secretKey);
        String basic = Base64.getEncoder().encodeToString((integrationKey + ":" + signature)
                .getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).header("Accept", "application/json")
                .header("Date", date).header("Authorization", "Basic " + basic).GET().build();
    }

    @Override
    public List<JsonNode> records(JsonNode page) throws CollectException {
        if (!"OK".equals(Apis.text(page, "stat"))) {
            throw new CollectException("duo: " + api + PATH + " answered " + Apis.shape(page) + ", not a page of "
                    + "the authentication log (stat OK)");
        }
        return Apis.elements(page.path("response").path("authlogs"), "duo: " + api + PATH
                + " answered a page whose response.authlogs is {shape}, not the log's array");
    }

    @Override
    public URI nextPage(HttpResponse<?> response, JsonNode page) {
        JsonNode offset = page.path("response").path("metadata").path("next_offset");
        if (!offset.isArray() || offset.isEmpty()) {
            return null;
        }
        StringBuilder value = new StringBuilder();
        offset.forEach(o -> value.append(value.length() == 0 ? "" : ",").append(o.asText()));
        Map<String, String> params = parse(response.request().uri().getRawQuery());
        params.put("next_offset", value.toString());
        return URI.create(api + PATH + "?" + canonical(params));
    }

    @Override
    public Instant time(JsonNode record) {
        JsonNode t = record.path("timestamp");
        return t.isIntegralNumber() ? Instant.ofEpochSecond(t.asLong()) : Apis.isoTime(record, "isotimestamp");
    }

    @Override
    public String recordId(JsonNode record) {
        return Apis.text(record, "txid");
    }

    /**
     * The hex HMAC-SHA1 of Duo's canonical request (signature version 2): the date, the method in
     * capitals, the host in lower case, the path and the sorted parameters, one a line.
     */
    static String signature(String date, String method, String host, String path, Map<String, String> params,
            byte[] secretKey) throws CollectException {
        String canon = date + "\n" + method.toUpperCase(Locale.ROOT) + "\n" + host.toLowerCase(Locale.ROOT) + "\n"
                + path + "\n" + canonical(params);
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretKey, "HmacSHA1"));
            return HexFormat.of().formatHex(mac.doFinal(canon.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new CollectException("duo: cannot sign a request: " + e.getMessage(), e);
        }
    }

    /** Parameters sorted by name, each name and value URL-encoded as Duo's signature wants them (space as %20). */
    static String canonical(Map<String, String> params) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(params).forEach((k, v) -> b.append(b.length() == 0 ? "" : "&").append(encode(k)).append('=')
                .append(encode(v)));
        return b.toString();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }

    static Map<String, String> parse(String query) {
        Map<String, String> params = new TreeMap<>();
        if (query == null || query.isEmpty()) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }
}
