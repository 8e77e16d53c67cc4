package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jamf Pro's computer inventory ({@code GET /api/v1/computers-inventory} with the general,
 * hardware and user-and-location sections), as the {@code jamf-computers} reader takes it: each
 * Mac's last check-in, with the address Jamf Pro saw it come from. An inventory, not a log: every
 * run reads every Mac, 200 a page in id order, and keeps those that checked in since the last run
 * (their {@code general.lastContactTime}, less the overlap) that it has not already written: a Mac
 * that has not checked in again is skipped as older, one whose check-in the last run wrote as a
 * duplicate. Run it every hour or so, since a record keeps only the last check-in. The API client
 * signs in with the client-credentials grant and again before its short-lived token runs out.
 */
public final class JamfInventory implements LogApi {
    static final int PAGE_SIZE = 200;
    private static final Pattern PAGE = Pattern.compile("([?&])page=(\\d+)");

    private final URI server;
    private final BearerToken token;
    private final int pageSize;

    /**
     * @param server the Jamf Pro server, {@code https://acme.jamfcloud.com}
     * @param clientId the API client's id
     * @param secret the API client's secret
     */
    public JamfInventory(URI server, String clientId, String secret) {
        this(server, clientId, secret, PAGE_SIZE);
    }

    JamfInventory(URI server, String clientId, String secret, int pageSize) {
        this.server = Apis.base(server);
        this.token = BearerToken.jamfClient(this.server, clientId, secret);
        this.pageSize = pageSize;
    }

    @Override
    public String id() {
        return "jamf";
    }

    @Override
    public String describe() {
        return "Jamf Pro computer inventory of " + server;
    }

    @Override
    public String permissionHint() {
        return "an API client whose role allows Read Computers";
    }

    @Override
    public String stateName() {
        return "jamf-" + Apis.fileSafe(server.getHost());
    }

    @Override
    public void authenticate(Http http) throws CollectException {
        token.obtain(http);
    }

    @Override
    public HttpRequest first(Instant since, Instant until) throws CollectException {
        return next(page(0));
    }

    URI page(int n) {
        return URI.create(server + "/api/v1/computers-inventory?section=GENERAL&section=HARDWARE"
                + "&section=USER_AND_LOCATION&page=" + n + "&page-size=" + pageSize + "&sort="
                + URLEncoder.encode("id:asc", StandardCharsets.UTF_8));
    }

    @Override
    public HttpRequest next(URI uri) throws CollectException {
        return token.get(uri);
    }

    @Override
    public List<JsonNode> records(JsonNode page) throws CollectException {
        if (!page.isObject() || !page.path("results").isArray()) {
            throw new CollectException("jamf: " + server + "/api/v1/computers-inventory answered " + Apis.shape(page)
                    + ", not a page of computers (totalCount, results): is the address the Jamf Pro server's?");
        }
        return Apis.elements(page.get("results"), "jamf: {shape}");
    }

    /**
     * The next page while the pages so far hold fewer computers than {@code totalCount}; a page
     * that gives no total goes on while it is full, so a server that leaves the total out is still
     * read to its end rather than to its first page.
     */
    @Override
    public URI nextPage(HttpResponse<?> response, JsonNode page) {
        Matcher m = PAGE.matcher(response.request().uri().toString());
        int n = m.find() ? Integer.parseInt(m.group(2)) : 0;
        int got = page.path("results").size();
        boolean more = page.path("totalCount").isNumber() ? (long) (n + 1) * pageSize < page.get("totalCount").asLong()
                : got >= pageSize;
        return got > 0 && more ? page(n + 1) : null;
    }

    @Override
    public Instant time(JsonNode record) {
        return Apis.isoTime(record.path("general"), "lastContactTime");
    }

    /** The Mac and its check-in: the same Mac checking in again is a new record. */
    @Override
    public String recordId(JsonNode record) {
        String id = Apis.text(record, "id");
        String contact = Apis.text(record.path("general"), "lastContactTime");
        return id == null ? null : id + "@" + contact;
    }
}
