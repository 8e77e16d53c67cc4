package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Google Workspace's activity reports through the Admin SDK Reports API
 * ({@code GET /admin/reports/v1/activity/users/all/applications/APP}), as the {@code gworkspace}
 * reader takes them: by default the {@code login} application's sign-ins. Asked between
 * {@code startTime} and {@code endTime}, 1,000 a page, following {@code nextPageToken}. A service
 * account with domain-wide delegation signs in for an administrator: a JWT signed with its key
 * (RS256) exchanged for a token at the key file's {@code token_uri}. Records' time {@code id.time},
 * id {@code id.time} and {@code id.uniqueQualifier}. Google's reports can settle hours late, so a run
 * goes back at least two hours over the last (records already collected are skipped).
 */
public final class GoogleReportsLog implements LogApi {
    public static final String SCOPE = "https://www.googleapis.com/auth/admin.reports.audit.readonly";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final String application;
    private final String admin;
    private final String clientEmail;
    private final String keyId;
    private final PrivateKey key;
    private final URI tokenUri;
    private final BearerToken token;
    private java.time.Clock clock = java.time.Clock.systemUTC();

    /**
     * @param api the Admin SDK's address, {@code https://admin.googleapis.com}
     * @param keyFile the service account's JSON key
     * @param admin an administrator's address the service account acts for (domain-wide delegation)
     * @param application the report's application: login, admin, drive, token, saml, …
     */
    public GoogleReportsLog(URI api, Path keyFile, String admin, String application) throws IOException {
        if (admin == null || !admin.contains("@")) {
            throw new IllegalArgumentException("give the address of an administrator the service account acts for "
                    + "(--admin), not '" + admin + "'");
        }
        if (application == null || !application.matches("[a-z_]{2,40}")) {
            throw new IllegalArgumentException("--application is a Reports API application name such as login, "
                    + "admin, drive or token, not '" + application + "'");
        }
        this.api = Apis.base(api);
        this.admin = admin.strip();
        this.application = application;
        JsonNode k;
        try {
            k = JSON.readTree(Files.readAllBytes(keyFile));
        } catch (IOException e) {
            throw new IllegalArgumentException(keyFile + " is not a service account's JSON key: " + e.getMessage());
        }
        if (k == null || !"service_account".equals(Apis.text(k, "type")) || Apis.text(k, "client_email") == null
                || Apis.text(k, "private_key") == null) {
            throw new IllegalArgumentException(keyFile + " is not a service account's JSON key (type "
                    + "service_account, client_email, private_key): create one under IAM → Service accounts → Keys");
        }
        this.clientEmail = Apis.text(k, "client_email");
        this.keyId = Apis.text(k, "private_key_id");
        this.tokenUri = URI.create(Apis.text(k, "token_uri") != null ? Apis.text(k, "token_uri")
                : "https://oauth2.googleapis.com/token");
        try {
            String pem = Apis.text(k, "private_key").replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "")
                    .replaceAll("\\s", "");
            this.key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    Base64.getDecoder().decode(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException(keyFile + ": its private_key is not an RSA key in PKCS#8 PEM: "
                    + e.getMessage());
        }
        this.token = new BearerToken("gworkspace", "the service account's key, and its domain-wide delegation for "
                + SCOPE, this::signIn);
    }

    @Override
    public String id() {
        return "gworkspace";
    }

    @Override
    public String describe() {
        return "Google Workspace " + application + " activity, as " + admin;
    }

    @Override
    public String permissionHint() {
        return "the service account's client id authorised for " + SCOPE + " under Security → API controls → "
                + "Domain-wide delegation, acting for an administrator with the Reports privilege";
    }

    @Override
    public String stateName() {
        return "gworkspace-" + Apis.fileSafe(admin.substring(admin.indexOf('@') + 1)) + "-" + application;
    }

    @Override
    public Duration minimumOverlap() {
        return Duration.ofHours(2);
    }

    @Override
    public void authenticate(Http http) throws CollectException {
        this.clock = http.clock();
        token.obtain(http);
    }

    /** The token request: an assertion for {@link #admin} signed with the service account's key. */
    private HttpRequest signIn() throws CollectException {
        long now = clock.instant().getEpochSecond();
        ObjectNode header = JSON.createObjectNode().put("alg", "RS256").put("typ", "JWT");
        if (keyId != null) {
            header.put("kid", keyId);
        }
        ObjectNode claims = JSON.createObjectNode().put("iss", clientEmail).put("scope", SCOPE)
                .put("aud", tokenUri.toString()).put("sub", admin).put("iat", now).put("exp", now + 3600);
        String signed;
        try {
            String unsigned = base64Url(JSON.writeValueAsBytes(header)) + "." + base64Url(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            signed = unsigned + "." + base64Url(rsa.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new CollectException("gworkspace: cannot sign the service account's assertion: " + e.getMessage(), e);
        }
        return HttpRequest.newBuilder(tokenUri).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type="
                        + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                        + "&assertion=" + signed)).build();
    }

    @Override
    public HttpRequest first(Instant since, Instant until) throws CollectException {
        return next(URI.create(api + "/admin/reports/v1/activity/users/all/applications/" + application
                + "?startTime=" + since + "&endTime=" + until + "&maxResults=1000"));
    }

    @Override
    public HttpRequest next(URI uri) throws CollectException {
        return token.get(uri);
    }

    @Override
    public List<JsonNode> records(JsonNode page) throws CollectException {
        if (!"admin#reports#activities".equals(Apis.text(page, "kind"))) {
            throw new CollectException("gworkspace: the Reports API answered " + Apis.shape(page)
                    + ", not a page of activities (kind admin#reports#activities)");
        }
        // a page with nothing in it has no items at all
        return page.has("items") ? Apis.elements(page.get("items"), "gworkspace: the Reports API's items are "
                + "{shape}, not an array") : List.of();
    }

    @Override
    public URI nextPage(HttpResponse<?> response, JsonNode page) {
        String next = Apis.text(page, "nextPageToken");
        if (next == null) {
            return null;
        }
        String uri = response.request().uri().toString().replaceAll("&pageToken=[^&]*", "");
        return URI.create(uri + "&pageToken=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    @Override
    public Instant time(JsonNode record) {
        return Apis.isoTime(record.path("id"), "time");
    }

    @Override
    public String recordId(JsonNode record) {
        String time = Apis.text(record.path("id"), "time");
        String qualifier = record.path("id").path("uniqueQualifier").asText(null);
        return time == null || qualifier == null ? null : time + "/" + qualifier;
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
