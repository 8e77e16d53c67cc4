package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Microsoft Teams call records through Microsoft Graph, as the {@code teams-callrecords} reader takes
 * them. Graph lists a tenant's call records ({@code /v1.0/communications/callRecords}, filtered by
 * {@code startDateTime}, within the 30 days it keeps them) without what this tool reads — the
 * participants' devices and networks are in each record's sessions — so each listed record is asked
 * for again expanded ({@code ?$expand=sessions($expand=segments)}), and a record whose sessions run
 * over several pages ({@code sessions@odata.nextLink}, 60 a page) is completed before it is written:
 * one whole record a line. Records' time and cursor {@code startDateTime}, id {@code id}. A record is
 * made when its call ends, so a run goes back at least a day over the last (no meeting runs longer),
 * and asks for none it already has. The app signs in with the client-credentials grant and needs
 * Graph's CallRecords.Read.All application permission.
 */
public final class TeamsCallRecords implements LogApi {

    /** Graph keeps call records this long. */
    private static final Duration KEPT = Duration.ofDays(30);

    private final URI graph;
    private final String tenant;
    private final BearerToken token;
    /** Records listed and not yet asked for expanded, in order. */
    private final Deque<String> toExpand = new ArrayDeque<>();
    /** The listing's next page, asked for once the records listed so far are read. */
    private URI nextListing;
    /** A record whose further sessions are being read, and the page they continue on. */
    private ObjectNode pending;
    private URI pendingSessions;
    /** The records earlier runs wrote: not asked for again. */
    private Set<String> taken = Set.of();

    /**
     * @param graph {@code https://graph.microsoft.com} (a national cloud's Graph elsewhere)
     * @param login {@code https://login.microsoftonline.com}
     */
    public TeamsCallRecords(URI graph, URI login, String tenant, String clientId, String secret) {
        if (tenant == null || tenant.isBlank() || clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("give the tenant (its id or domain) and the app's client id");
        }
        this.graph = Apis.base(graph);
        this.tenant = tenant.strip();
        this.token = BearerToken.clientCredentials("teams", Apis.base(login), this.tenant, clientId.strip(), secret,
                this.graph + "/.default");
    }

    @Override
    public String id() {
        return "teams";
    }

    @Override
    public String describe() {
        return "Microsoft Teams call records of tenant " + tenant;
    }

    @Override
    public String permissionHint() {
        return "an app registration with Microsoft Graph's CallRecords.Read.All application permission, "
                + "admin-consented";
    }

    @Override
    public String stateName() {
        return "teams-" + Apis.fileSafe(tenant);
    }

    @Override
    public Duration minimumOverlap() {
        return Duration.ofDays(1); // a record appears when its call ends, filed under when the call started
    }

    @Override
    public void taken(Set<String> ids) {
        this.taken = ids;
    }

    @Override
    public void authenticate(Http http) throws CollectException {
        token.obtain(http);
    }

    /** The call records that started from {@code since} (no earlier than Graph keeps) up to {@code until}. */
    @Override
    public HttpRequest first(Instant since, Instant until) throws CollectException {
        Instant kept = until.minus(KEPT).plus(Duration.ofMinutes(5));
        Instant from = since.isBefore(kept) ? kept : since;
        String filter = "startDateTime ge " + from + " and startDateTime lt " + until;
        return next(URI.create(graph + "/v1.0/communications/callRecords?$filter=" + encode(filter)));
    }

    @Override
    public HttpRequest next(URI uri) throws CollectException {
        return token.get(uri);
    }

    /**
     * A listing's records are asked for again expanded (none is written from a listing); an expanded
     * record is written once its sessions are all in; a page of further sessions goes into it.
     */
    @Override
    public List<JsonNode> records(JsonNode page) throws CollectException {
        if (pending != null) {
            if (!page.path("value").isArray()) {
                throw new CollectException("teams: Microsoft Graph answered " + Apis.shape(page) + ", not a page of "
                        + "sessions of call record " + Apis.text(pending, "id"));
            }
            ArrayNode sessions = pending.withArray("sessions");
            page.get("value").forEach(sessions::add);
            return finish(page.path("@odata.nextLink"));
        }
        if (page.path("value").isArray() && !page.has("id")) {
            for (JsonNode listed : page.get("value")) {
                String id = Apis.text(listed, "id");
                if (id != null && !taken.contains(id)) {
                    toExpand.add(id);
                }
            }
            nextListing = page.path("@odata.nextLink").isTextual()
                    ? URI.create(page.get("@odata.nextLink").asText()) : null;
            return List.of();
        }
        if (!page.isObject() || Apis.text(page, "id") == null) {
            throw new CollectException("teams: Microsoft Graph answered " + Apis.shape(page) + ", not a call record "
                    + "or a page of them (in 'value')");
        }
        pending = (ObjectNode) page;
        pending.remove("@odata.context");
        if (!pending.path("sessions").isArray()) {
            pending.putArray("sessions");
        }
        return finish(pending.remove("sessions@odata.nextLink"));
    }

    /** The pending record, whole, when {@code more} points to no further sessions; else nothing yet. */
    private List<JsonNode> finish(JsonNode more) {
        if (more != null && more.isTextual()) {
            pendingSessions = URI.create(more.asText());
            return List.of();
        }
        pendingSessions = null;
        JsonNode whole = pending;
        pending = null;
        return List.of(whole);
    }

    /** A listed record that is no more (404: past the 30 days Graph keeps by the time it is asked for): passed over. */
    @Override
    public boolean gone(HttpRequest request, int status) {
        String path = request.uri().getPath();
        return status == 404 && pending == null && path.startsWith("/v1.0/communications/callRecords/")
                && !path.endsWith("/sessions");
    }

    /** The pending record's further sessions, else the next listed record expanded, else the next listing. */
    @Override
    public URI nextPage(HttpResponse<?> response, JsonNode page) {
        if (pendingSessions != null) {
            return pendingSessions;
        }
        String id = toExpand.poll();
        if (id != null) {
            return URI.create(graph + "/v1.0/communications/callRecords/" + encode(id)
                    + "?$expand=" + encode("sessions($expand=segments)"));
        }
        URI listing = nextListing;
        nextListing = null;
        return listing;
    }

    @Override
    public Instant time(JsonNode record) {
        return Apis.isoTime(record, "startDateTime");
    }

    @Override
    public String recordId(JsonNode record) {
        return Apis.text(record, "id");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
