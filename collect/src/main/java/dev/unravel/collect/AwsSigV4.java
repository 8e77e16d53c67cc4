package dev.unravel.collect;

import dev.unravel.core.Sha256;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * AWS Signature Version 4 for the two calls the Falcon Data Replicator needs (SQS's JSON protocol
 * and an S3 GET), checked against the vectors AWS publishes (its SigV4 test suite and the S3
 * reference's "GET Object" example). Written here rather than taken from the AWS SDK: the SDK
 * brings its own HTTP stack, retries and a dozen megabytes for three requests, while this one goes
 * through {@link Http} like every other collector (rate limits, retries, the API's own words on a
 * refusal).
 */
public final class AwsSigV4 {
    /** The payload hash of an empty body. */
    public static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    private final String accessKeyId;
    private final byte[] secret;
    private final String region;

    /**
     * @param accessKeyId the key's id ({@code AKIA…})
     * @param secretAccessKey its secret
     * @param region the region the service is in ({@code us-west-1})
     */
    public AwsSigV4(String accessKeyId, String secretAccessKey, String region) {
        if (accessKeyId == null || accessKeyId.isBlank()) {
            throw new IllegalArgumentException("give the AWS access key id");
        }
        if (region == null || !region.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
            throw new IllegalArgumentException("'" + region + "' is not an AWS region, such as us-west-1");
        }
        this.accessKeyId = accessKeyId.strip();
        this.secret = ("AWS4" + secretAccessKey.strip()).getBytes(StandardCharsets.UTF_8);
        this.region = region;
    }

    public String region() {
        return region;
    }

    /** {@code x-amz-date}'s form of {@code time}. */
    public static String amzDate(Instant time) {
        return AMZ_DATE.format(time);
    }

    /** The hex SHA-256 of {@code body}. */
    public static String sha256(byte[] body) {
        return Sha256.hex(body);
    }

    /**
     * The {@code Authorization} header's value for a request.
     *
     * @param method GET, POST, …
     * @param uri the address, whose host must be among {@code headers} as {@code host}
     * @param headers every header to sign, {@code host} and {@code x-amz-date} among them (names in any case)
     * @param payloadSha256 the body's hex SHA-256 ({@link #EMPTY_SHA256} for none)
     * @param service the service's signing name ({@code sqs}, {@code s3})
     * @param time the request's time, the same as {@code x-amz-date}
     */
    public String authorization(String method, URI uri, Map<String, String> headers, String payloadSha256,
            String service, Instant time) {
        TreeMap<String, String> canonical = new TreeMap<>();
        headers.forEach((k, v) -> canonical.put(k.toLowerCase(Locale.ROOT), v.strip().replaceAll("\\s+", " ")));
        String signedHeaders = String.join(";", canonical.keySet());
        StringBuilder request = new StringBuilder();
        request.append(method).append('\n')
                .append(canonicalPath(uri, service)).append('\n')
                .append(canonicalQuery(uri.getRawQuery())).append('\n');
        canonical.forEach((k, v) -> request.append(k).append(':').append(v).append('\n'));
        request.append('\n').append(signedHeaders).append('\n').append(payloadSha256);

        String day = AMZ_DATE.format(time).substring(0, 8);
        String scope = day + "/" + region + "/" + service + "/aws4_request";
        String toSign = "AWS4-HMAC-SHA256\n" + AMZ_DATE.format(time) + "\n" + scope + "\n"
                + sha256(request.toString().getBytes(StandardCharsets.UTF_8));
        byte[] key = hmac(secret, day);
        key = hmac(key, region);
        key = hmac(key, service);
        key = hmac(key, "aws4_request");
        return "AWS4-HMAC-SHA256 Credential=" + accessKeyId + "/" + scope + ", SignedHeaders=" + signedHeaders
                + ", Signature=" + HEX.formatHex(hmac(key, toSign));
    }

    /**
     * The path, each segment URI-encoded: once for S3, twice for every other service (the rule
     * AWS's documentation gives; the path arrives already encoded once).
     */
    private static String canonicalPath(URI uri, String service) {
        String raw = uri.getRawPath();
        if (raw == null || raw.isEmpty()) {
            return "/";
        }
        StringBuilder b = new StringBuilder();
        String[] segments = raw.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                b.append('/');
            }
            String once = encode(URLDecoder.decode(segments[i].replace("+", "%2B"), StandardCharsets.UTF_8));
            b.append("s3".equals(service) ? once : encode(once));
        }
        return b.toString();
    }

    /** The query's parameters encoded and sorted by name, then value. */
    private static String canonicalQuery(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode((eq < 0 ? pair : pair.substring(0, eq)).replace("+", "%2B"),
                    StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1).replace("+", "%2B"),
                    StandardCharsets.UTF_8);
            pairs.add(new String[] {encode(k), encode(v)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        StringBuilder b = new StringBuilder();
        for (String[] p : pairs) {
            b.append(b.length() == 0 ? "" : "&").append(p[0]).append('=').append(p[1]);
        }
        return b.toString();
    }

    /** RFC 3986 encoding: everything but letters, digits and {@code -_.~} as %XX of its UTF-8 bytes. */
    static String encode(String s) {
        StringBuilder b = new StringBuilder();
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (x & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                b.append(c);
            } else {
                b.append('%').append(Character.toUpperCase(Character.forDigit((x >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(x & 0xf, 16)));
            }
        }
        return b.toString();
    }

    private static byte[] hmac(byte[] key, String data) {
        return Sha256.hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }
}
