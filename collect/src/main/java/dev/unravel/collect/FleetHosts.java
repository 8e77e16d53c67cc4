package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fleet's hosts ({@code GET /api/v1/fleet/hosts}), as the {@code fleet-hosts} reader takes them:
 * each osquery host's last contact, with the address Fleet saw it come from. An inventory, not a
 * log, read as {@link JamfInventory} is: every run reads every host, 500 a page in id order until
 * a page comes back short, and keeps those seen since the last run ({@code seen_time}, less the
 * overlap) that it has not already written. Authorised with an API-only user's token.
 */
public final class FleetHosts implements LogApi {
    static final int PAGE_SIZE = 500;
    private static final Pattern PAGE = Pattern.compile("([?&])page=(\\d+)");

    private final URI server;
    private final String token;
    private final int pageSize;

    /**
     * @param server the Fleet server, {@code https://fleet.acme.com}
     * @param token an API-only user's API token
     */
    public FleetHosts(URI server, String token) {
        this(server, token, PAGE_SIZE);
    }

    FleetHosts(URI server, String token, int pageSize) {
        this.server = Apis.base(server);
        this.token = token;
        this.pageSize = pageSize;
    }

    @Override
    public String id() {
        return "fleet";
    }

    @Override
    public String describe() {
        return "Fleet hosts of " + server;
    }

    @Override
    public String permissionHint() {
        return "an API-only user's token (fleetctl user create --api-only) with the observer role or more";
    }

    @Override
    public String stateName() {
        return "fleet-" + Apis.fileSafe(server.getHost());
    }

    @Override
    public HttpRequest first(Instant since, Instant until) {
        return next(page(0));
    }

    URI page(int n) {
        return URI.create(server + "/api/v1/fleet/hosts?page=" + n + "&per_page=" + pageSize
                + "&order_key=id&order_direction=asc");
    }

    @Override
    public HttpRequest next(URI uri) {
        return Apis.get(uri, "Bearer " + token);
    }

    @Override
    public List<JsonNode> records(JsonNode page) throws CollectException {
        if (!page.isObject() || !page.path("hosts").isArray()) {
            throw new CollectException("fleet: " + server + "/api/v1/fleet/hosts answered " + Apis.shape(page)
                    + ", not a page of hosts: is the address the Fleet server's?");
        }
        return Apis.elements(page.get("hosts"), "fleet: {shape}");
    }

    /** The next page while a page comes back full (Fleet's newer servers also say has_next_results). */
    @Override
    public URI nextPage(HttpResponse<?> response, JsonNode page) {
        JsonNode more = page.path("meta").path("has_next_results");
        if (more.isBoolean() && !more.asBoolean()) {
            return null;
        }
        if (page.path("hosts").size() < pageSize) {
            return null;
        }
        Matcher m = PAGE.matcher(response.request().uri().toString());
        return page(m.find() ? Integer.parseInt(m.group(2)) + 1 : 1);
    }

    @Override
    public Instant time(JsonNode record) {
        return Apis.isoTime(record, "seen_time");
    }

    /** The host and its last contact: the same host seen again is a new record. */
    @Override
    public String recordId(JsonNode record) {
        JsonNode id = record.path("id");
        return id.isMissingNode() || id.isNull() ? null : id.asText() + "@" + Apis.text(record, "seen_time");
    }
}
