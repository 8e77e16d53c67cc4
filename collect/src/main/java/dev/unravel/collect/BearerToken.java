package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

/**
 * An OAuth access token an app obtains by signing in (Entra's client credentials, a Google service
 * account's signed assertion), obtained again before it runs out: these tokens last an hour, and
 * a long first run can take longer.
 */
final class BearerToken {

    /** The sign-in request, built afresh each time (a signed assertion carries its time). */
    @FunctionalInterface
    interface SignIn {
        HttpRequest request() throws CollectException;
    }

    private static final Duration REFRESH = Duration.ofMinutes(45);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String source;
    private final String hint;
    private final SignIn signIn;
    private Http http;
    private String token;
    private Instant at;
    private Duration refresh = REFRESH;

    /**
     * @param source the source's id, for messages
     * @param hint what to check when the sign-in is refused
     */
    BearerToken(String source, String hint, SignIn signIn) {
        this.source = source;
        this.hint = hint;
        this.signIn = signIn;
    }

    /**
     * An Entra ID app's token for {@code scope} ({@code https://graph.microsoft.com/.default}) by the
     * client-credentials grant: tenant, client id and secret.
     */
    static BearerToken clientCredentials(String source, URI login, String tenant, String clientId, String secret,
            String scope) {
        return new BearerToken(source, "the tenant, client id and secret of the app registration; its secret may have "
                + "expired", () -> HttpRequest.newBuilder(URI.create(Apis.base(login) + "/" + encode(tenant)
                        + "/oauth2/v2.0/token")).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=" + encode(clientId)
                        + "&client_secret=" + encode(secret) + "&scope=" + encode(scope))).build());
    }

    /**
     * A Jamf Pro API client's token by the client-credentials grant ({@code POST /api/oauth/token}):
     * Jamf's tokens last minutes (the client's "access token lifetime"), so it is obtained again
     * as its {@code expires_in} runs out.
     */
    static BearerToken jamfClient(URI server, String clientId, String secret) {
        return new BearerToken("jamf", "the API client's id and secret (Settings, API roles and clients); the client "
                + "must be enabled, and its role allow Read Computers", () -> HttpRequest.newBuilder(
                        URI.create(Apis.base(server) + "/api/oauth/token")).timeout(Duration.ofMinutes(1))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("client_id=" + encode(clientId)
                        + "&grant_type=client_credentials&client_secret=" + encode(secret))).build());
    }

    /**
     * A Zoom Server-to-Server OAuth app's token for its account: the account-credentials grant
     * ({@code POST /oauth/token?grant_type=account_credentials&account_id=…}), the app's client id and
     * secret in Basic authentication.
     */
    static BearerToken zoomAccount(URI oauth, String accountId, String clientId, String secret) {
        URI signIn = URI.create(Apis.base(oauth) + "/oauth/token?grant_type=account_credentials&account_id="
                + encode(accountId));
        String basic = java.util.Base64.getEncoder().encodeToString((clientId + ":" + secret)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return new BearerToken("zoom", "the account id, client id and secret of the Server-to-Server OAuth app; the "
                + "app must be activated", () -> HttpRequest.newBuilder(signIn).timeout(Duration.ofMinutes(1))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.noBody()).build());
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    void obtain(Http http) throws CollectException {
        this.http = http;
        HttpRequest request = signIn.request();
        HttpResponse<byte[]> response = http.send(request, source, hint);
        String got = null;
        long expiresIn = 0;
        try {
            JsonNode body = JSON.readTree(response.body());
            got = body == null ? null : Apis.text(body, "access_token");
            expiresIn = body == null ? 0 : body.path("expires_in").asLong(0);
        } catch (IOException notJson) {
            // said below
        }
        if (got == null) {
            throw new CollectException(source + ": the sign-in at " + request.uri() + " gave no access_token");
        }
        token = got;
        at = http.clock().instant();
        // again at four fifths of the token's life when it says how long that is, else after REFRESH
        Duration life = expiresIn > 0 ? Duration.ofSeconds(Math.max(10, expiresIn * 4 / 5)) : REFRESH;
        refresh = life.compareTo(REFRESH) < 0 ? life : REFRESH;
    }

    /** A GET of {@code uri} with the token, signing in again first when it is about to run out. */
    HttpRequest get(URI uri) throws CollectException {
        return builder(uri).GET().build();
    }

    /** A request to {@code uri} with the token, signing in again first when it is about to run out. */
    HttpRequest.Builder builder(URI uri) throws CollectException {
        if (http != null && Duration.between(at, http.clock().instant()).compareTo(refresh) > 0) {
            obtain(http);
        }
        return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2)).header("Accept", "application/json")
                .header("Authorization", "Bearer " + token);
    }
}
