package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Microsoft Entra ID's logs through Microsoft Graph, as the {@code entra-signin} and
 * {@code entra-audit} readers take them: sign-ins ({@code /v1.0/auditLogs/signIns}, time
 * {@code createdDateTime}) or directory audits ({@code /v1.0/auditLogs/directoryAudits}, time
 * {@code activityDateTime}), filtered from a time up to the run's start, 1,000 a page, following
 * {@code @odata.nextLink}. The app signs in with the client-credentials grant (tenant, client id,
 * secret) and signs in again once when a long run outlives its token.
 */
public final class EntraGraphLog implements LogApi {

    /** Which of the tenant's logs. */
    public enum Log {
        SIGN_INS("signIns", "createdDateTime", "sign-ins"),
        DIRECTORY_AUDITS("directoryAudits", "activityDateTime", "directory audits");

        final String path;
        final String timeField;
        final String words;

        Log(String path, String timeField, String words) {
            this.path = path;
            this.timeField = timeField;
            this.words = words;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI graph;
    private final URI login;
    private final String tenant;
    private final String clientId;
    private final Log log;
    private final BearerToken token;

    /**
     * @param graph {@code https://graph.microsoft.com} (a national cloud's Graph elsewhere)
     * @param login {@code https://login.microsoftonline.com}
     */
    public EntraGraphLog(URI graph, URI login, String tenant, String clientId, String secret, Log log) {
        if (tenant == null || tenant.isBlank() || clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("give the tenant (its id or domain) and the app's client id");
        }
        this.graph = Apis.base(graph);
        this.login = Apis.base(login);
        this.tenant = tenant.strip();
        this.clientId = clientId.strip();
        this.log = log;
        this.token = BearerToken.clientCredentials("entra", this.login, this.tenant, this.clientId, secret,
                this.graph + "/.default");
    }

    @Override
    public String id() {
        return "entra";
    }

    @Override
    public String describe() {
        return "Microsoft Entra ID " + log.words + " of tenant " + tenant;
    }

    @Override
    public String permissionHint() {
        return "an app registration with the AuditLog.Read.All application permission, admin-consented "
                + "(sign-in logs also need an Entra ID P1 or P2 licence in the tenant)";
    }

    @Override
    public String stateName() {
        return "entra-" + Apis.fileSafe(tenant) + "-" + log.path;
    }

    @Override
    public void authenticate(Http http) throws CollectException {
        token.obtain(http);
    }

    @Override
    public HttpRequest first(Instant since, Instant until) throws CollectException {
        String filter = log.timeField + " ge " + since + " and " + log.timeField + " le " + until;
        return next(URI.create(graph + "/v1.0/auditLogs/" + log.path + "?$filter=" + encode(filter)
                + "&$top=1000"));
    }

    @Override
    public HttpRequest next(URI uri) throws CollectException {
        return token.get(uri);
    }

    @Override
    public List<JsonNode> records(JsonNode page) throws CollectException {
        if (!page.path("value").isArray()) {
            throw new CollectException("entra: Microsoft Graph answered " + Apis.shape(page)
                    + ", not a page of " + log.words + " (its records in 'value')");
        }
        List<JsonNode> records = new ArrayList<>(page.get("value").size());
        page.get("value").forEach(records::add);
        return records;
    }

    @Override
    public URI nextPage(HttpResponse<?> response, JsonNode page) {
        JsonNode next = page.path("@odata.nextLink");
        return next.isTextual() ? URI.create(next.asText()) : null;
    }

    @Override
    public Instant time(JsonNode record) {
        return Apis.isoTime(record, log.timeField);
    }

    @Override
    public String recordId(JsonNode record) {
        return Apis.text(record, "id");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
