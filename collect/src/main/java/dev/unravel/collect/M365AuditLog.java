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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Microsoft 365's unified audit log through the Office 365 Management Activity API, as the
 * {@code m365-audit} reader takes it: SharePoint and OneDrive file activity, Exchange (mailbox
 * forwarding and inbox rules), Entra ID and general records. The API works by subscription: the
 * first run starts the subscriptions it needs (records exist from then on, not before), and each
 * run lists the content blobs published in its time — in windows of at most 24 hours, within the
 * 7 days the API keeps — following the {@code NextPageUri} header, then reads every blob, an array
 * of records. The app signs in with the client-credentials grant for
 * {@code https://manage.office.com}. Records' time {@code CreationTime} (UTC without a zone), id
 * {@code Id}; a run goes on from the publication time of the last blob it read, less the overlap.
 */
public final class M365AuditLog implements LogApi {

    /** The content types the readers and detectors use. */
    public static final List<String> CONTENT_TYPES = List.of("Audit.SharePoint", "Audit.Exchange",
            "Audit.AzureActiveDirectory", "Audit.General");
    private static final Duration KEPT = Duration.ofDays(7);
    private static final Duration WINDOW = Duration.ofHours(24);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final String tenant;
    private final List<String> contentTypes;
    private final BearerToken token;
    /** Blobs to read, then listings to page through, in order. */
    private final Deque<URI> blobs = new ArrayDeque<>();
    private final Deque<URI> listings = new ArrayDeque<>();
    /** When each blob to read was published, and the one being read. */
    private final java.util.Map<URI, Instant> published = new java.util.HashMap<>();
    private Instant reading;
    /** Subscriptions this run started: their content begins now. */
    private final Set<String> started = new HashSet<>();

    /**
     * @param api {@code https://manage.office.com} (a government cloud's elsewhere)
     * @param login {@code https://login.microsoftonline.com}
     * @param tenant the tenant's id (a GUID)
     */
    public M365AuditLog(URI api, URI login, String tenant, String clientId, String secret, List<String> contentTypes) {
        check(tenant, clientId, contentTypes);
        this.api = Apis.base(api);
        this.tenant = tenant.strip();
        this.contentTypes = List.copyOf(contentTypes);
        this.token = BearerToken.clientCredentials("m365", login, this.tenant, clientId.strip(), secret,
                this.api + "/.default");
    }

    /** Throws when the tenant or client id is missing or a content type is none the API has. */
    public static void check(String tenant, String clientId, List<String> contentTypes) {
        if (tenant == null || tenant.isBlank() || clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("give the tenant's id and the app's client id");
        }
        for (String type : contentTypes) {
            if (!CONTENT_TYPES.contains(type) && !type.equals("DLP.All")) {
                throw new IllegalArgumentException("--content-type is one of " + String.join(", ", CONTENT_TYPES)
                        + " or DLP.All, not '" + type + "'");
            }
        }
    }

    @Override
    public String id() {
        return "m365";
    }

    @Override
    public String describe() {
        return "Microsoft 365 audit log (" + String.join(", ", contentTypes) + ") of tenant " + tenant
                + (started.isEmpty() ? "" : "; subscriptions started now: " + String.join(", ", started)
                        + " (records from now on)");
    }

    @Override
    public String permissionHint() {
        return "an app registration with the Office 365 Management APIs' ActivityFeed.Read application permission, "
                + "admin-consented, in a tenant with auditing turned on";
    }

    @Override
    public String stateName() {
        return "m365-" + Apis.fileSafe(tenant);
    }

    @Override
    public Duration minimumOverlap() {
        return Duration.ofHours(1); // blobs are published up to an hour or more after their records
    }

    private String feed() {
        return api + "/api/v1.0/" + encode(tenant) + "/activity/feed";
    }

    /** Signs in, then starts each content type's subscription that is not enabled yet. */
    @Override
    public void authenticate(Http http) throws CollectException {
        token.obtain(http);
        HttpResponse<byte[]> list = http.send(token.get(URI.create(feed() + "/subscriptions/list?PublisherIdentifier="
                + encode(tenant))), "m365", permissionHint());
        Set<String> enabled = new HashSet<>();
        try {
            JsonNode subscriptions = JSON.readTree(list.body());
            if (subscriptions != null) {
                for (JsonNode s : subscriptions) {
                    if ("enabled".equalsIgnoreCase(Apis.text(s, "status"))) {
                        enabled.add(Apis.text(s, "contentType"));
                    }
                }
            }
        } catch (IOException e) {
            throw new CollectException("m365: the subscriptions list is not JSON: " + e.getMessage(), e);
        }
        for (String type : contentTypes) {
            if (!enabled.contains(type)) {
                http.send(token.builder(URI.create(feed() + "/subscriptions/start?contentType=" + encode(type)
                        + "&PublisherIdentifier=" + encode(tenant))).POST(HttpRequest.BodyPublishers.noBody())
                        .build(), "m365", permissionHint());
                started.add(type);
            }
        }
    }

    /** Every content type's listings, 24 hours at a time, from {@code since} (or 7 days back) to {@code until}. */
    @Override
    public HttpRequest first(Instant since, Instant until) throws CollectException {
        Instant from = since.isBefore(until.minus(KEPT).plus(Duration.ofMinutes(5)))
                ? until.minus(KEPT).plus(Duration.ofMinutes(5)) : since;
        for (String type : contentTypes) {
            for (Instant start = from; start.isBefore(until); start = start.plus(WINDOW)) {
                Instant end = start.plus(WINDOW).isAfter(until) ? until : start.plus(WINDOW);
                listings.add(URI.create(feed() + "/subscriptions/content?contentType=" + encode(type) + "&startTime="
                        + start.truncatedTo(ChronoUnit.SECONDS) + "&endTime=" + end.truncatedTo(ChronoUnit.SECONDS)
                        + "&PublisherIdentifier=" + encode(tenant)));
            }
        }
        URI first = listings.poll();
        return first == null ? null : next(first);
    }

    @Override
    public HttpRequest next(URI uri) throws CollectException {
        return token.get(uri);
    }

    /** A listing's entries are blobs to read (no records); a blob is an array of records. */
    @Override
    public List<JsonNode> records(JsonNode page) throws CollectException {
        List<JsonNode> elements = Apis.elements(page, "m365: the Management Activity API answered {shape}, not "
                + "an array of content blobs or of audit records");
        if (!elements.isEmpty() && elements.get(0).has("contentUri")) {
            for (JsonNode blob : elements) {
                String uri = Apis.text(blob, "contentUri");
                if (uri != null) {
                    blobs.add(URI.create(uri));
                    published.put(URI.create(uri), Apis.isoTime(blob, "contentCreated"));
                }
            }
            return List.of();
        }
        return elements;
    }

    @Override
    public URI nextPage(HttpResponse<?> response, JsonNode page) {
        response.headers().firstValue("NextPageUri").ifPresent(more -> listings.addFirst(URI.create(more)));
        if (blobs.isEmpty()) {
            return listings.poll();
        }
        URI blob = blobs.poll();
        reading = published.remove(blob);
        return blob;
    }

    /**
     * When the blob the record came in was published: the listings are asked by that time, not the
     * records' (a record can be published an hour or more after it happened), so the next run goes
     * on from there and knows the records of the blobs it lists again.
     */
    @Override
    public Instant cursorTime(JsonNode record) {
        return reading != null ? reading : time(record);
    }

    @Override
    public Instant time(JsonNode record) {
        String t = Apis.text(record, "CreationTime");
        if (t == null) {
            return null;
        }
        try {
            return t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$") ? Instant.parse(t)
                    : LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    @Override
    public String recordId(JsonNode record) {
        return Apis.text(record, "Id");
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
