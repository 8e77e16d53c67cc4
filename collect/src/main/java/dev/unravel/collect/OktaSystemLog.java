package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * Okta's System Log API ({@code GET /api/v1/logs}): the sign-ins, MFA and admin events the
 * {@code okta} reader takes. Asked oldest first ({@code sortOrder=ASCENDING}) from a time up to the
 * run's start, 1,000 a page, following the {@code Link: rel="next"} header; authorised with an API
 * token ({@code SSWS}) or an OAuth access token ({@code Bearer}). Records' time {@code published},
 * id {@code uuid}.
 */
public final class OktaSystemLog implements LogApi {
    private final URI org;
    private final String authorization;

    /**
     * @param org the organisation's address, {@code https://acme.okta.com}
     * @param token an API token, or an OAuth access token when {@code bearer}
     */
    public OktaSystemLog(URI org, String token, boolean bearer) {
        this.org = Apis.base(org);
        this.authorization = (bearer ? "Bearer " : "SSWS ") + token;
    }

    @Override
    public String id() {
        return "okta";
    }

    @Override
    public String describe() {
        return "Okta System Log of " + org;
    }

    @Override
    public String permissionHint() {
        return "an API token of an administrator who may read the System Log (Read-Only Administrator is "
                + "enough), or an OAuth token with the okta.logs.read scope";
    }

    @Override
    public String stateName() {
        return "okta-" + Apis.fileSafe(org.getHost());
    }

    @Override
    public HttpRequest first(Instant since, Instant until) {
        return next(URI.create(org + "/api/v1/logs?since=" + encode(since.toString()) + "&until="
                + encode(until.toString()) + "&sortOrder=ASCENDING&limit=1000"));
    }

    @Override
    public HttpRequest next(URI uri) {
        return Apis.get(uri, authorization);
    }

    @Override
    public List<JsonNode> records(JsonNode page) throws CollectException {
        return Apis.elements(page, "okta: " + org + "/api/v1/logs answered {shape}, not the System Log's array of "
                + "events: is the address the Okta organisation's?");
    }

    @Override
    public URI nextPage(HttpResponse<?> response, JsonNode page) {
        // Okta gives a next link even after the last event when polling: an empty page is the end
        return page.isEmpty() ? null : Links.find(response, "next");
    }

    @Override
    public Instant time(JsonNode record) {
        return Apis.isoTime(record, "published");
    }

    @Override
    public String recordId(JsonNode record) {
        return Apis.text(record, "uuid");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
