package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Zoom's meeting participants through its Dashboard API, as the {@code zoom-participants} reader
 * takes them: the account's past meetings ({@code GET /v2/metrics/meetings?type=past}, by day, a
 * month at most a request, within the six months Zoom keeps), then each meeting's participants
 * ({@code GET /v2/metrics/meetings/{uuid}/participants?type=past}), each written with the meeting's
 * {@code meeting_uuid}, {@code meeting_id} and {@code topic} added. Both follow
 * {@code next_page_token}, 300 a page; a listing's pages are read before any meeting's participants,
 * since its token lasts fifteen minutes and the participants of hundreds of meetings, under Zoom's
 * rate limits for these heavy requests, take longer. Records' time {@code join_time}; id the meeting,
 * the participant and the join time. The listing narrows by day, and a meeting is listed once it
 * ends, so a run goes back at least a day over the last; it asks for no meeting's participants it
 * has (a past meeting's list is whole once Zoom has processed it), and leaves a meeting that ended
 * in the last quarter of an hour, which Zoom may still be processing, to the next run. The app is a
 * Server-to-Server OAuth app (account id, client id and secret) with the
 * {@code dashboard_meetings:read:admin} scope (Business plan or higher).
 */
public final class ZoomMeetingParticipants implements LogApi {

    /** A meeting that ended this recently may still be processed: its participants wait for the next run. */
    private static final Duration SETTLING = Duration.ofMinutes(15);
    /** Zoom's dashboard keeps past meetings this long, and lists at most a month at a time. */
    private static final Duration KEPT = Duration.ofDays(182);
    private static final int MONTH_DAYS = 30;

    /** A meeting whose participants are to be read. */
    private record Meeting(String uuid, JsonNode id, JsonNode topic) {
    }

    private final URI api;
    private final String accountId;
    private final BearerToken token;
    /** The listings still to read, then the meetings they listed, in order. */
    private final Deque<URI> listings = new ArrayDeque<>();
    private final Deque<Meeting> meetings = new ArrayDeque<>();
    /** The meeting whose participants are being read, and their next page. */
    private Meeting reading;
    private URI moreParticipants;
    /** The page just asked for: its next page is the same address with the page's token. */
    private URI current;
    /** The meetings whose participants earlier runs wrote, and when this run's listings end. */
    private final java.util.Set<String> collected = new java.util.HashSet<>();
    private Instant until;

    /**
     * @param api   {@code https://api.zoom.us}
     * @param oauth {@code https://zoom.us}, where the app signs in
     */
    public ZoomMeetingParticipants(URI api, URI oauth, String accountId, String clientId, String secret) {
        if (accountId == null || accountId.isBlank() || clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("give the account id and the app's client id (the Server-to-Server "
                    + "OAuth app's App Credentials)");
        }
        this.api = Apis.base(api);
        this.accountId = accountId.strip();
        this.token = BearerToken.zoomAccount(oauth, this.accountId, clientId.strip(), secret);
    }

    @Override
    public String id() {
        return "zoom";
    }

    @Override
    public String describe() {
        return "Zoom meeting participants of account " + accountId;
    }

    @Override
    public String permissionHint() {
        return "a Server-to-Server OAuth app with the dashboard_meetings:read:admin scope, on a Business plan or "
                + "higher (the Dashboard)";
    }

    @Override
    public String stateName() {
        return "zoom-" + Apis.fileSafe(accountId);
    }

    @Override
    public Duration minimumOverlap() {
        return Duration.ofDays(1); // listed by day, and once the meeting ends
    }

    /** The meetings earlier runs wrote participants of: their lists are whole, and not asked for again. */
    @Override
    public void taken(java.util.Set<String> ids) {
        for (String id : ids) {
            int bar = id.indexOf('|');
            if (bar > 0) {
                collected.add(id.substring(0, bar));
            }
        }
    }

    @Override
    public void authenticate(Http http) throws CollectException {
        token.obtain(http);
    }

    /** The listings of the days from {@code since} (no earlier than Zoom keeps) to {@code until}, a month each. */
    @Override
    public HttpRequest first(Instant since, Instant until) throws CollectException {
        this.until = until;
        Instant kept = until.minus(KEPT);
        LocalDate from = (since.isBefore(kept) ? kept : since).atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate to = until.atOffset(ZoneOffset.UTC).toLocalDate();
        for (LocalDate start = from; !start.isAfter(to); start = start.plusDays(MONTH_DAYS)) {
            LocalDate end = start.plusDays(MONTH_DAYS - 1L).isAfter(to) ? to : start.plusDays(MONTH_DAYS - 1L);
            listings.add(URI.create(api + "/v2/metrics/meetings?type=past&from=" + start + "&to=" + end
                    + "&page_size=300"));
        }
        current = listings.poll();
        return next(current);
    }

    @Override
    public HttpRequest next(URI uri) throws CollectException {
        return token.get(uri);
    }

    /**
     * A listing's meetings are queued (no records from it); a page of participants is the records,
     * each with its meeting's uuid, id and topic.
     */
    @Override
    public List<JsonNode> records(JsonNode page) throws CollectException {
        if (page.path("meetings").isArray()) {
            for (JsonNode m : page.get("meetings")) {
                String uuid = Apis.text(m, "uuid");
                Instant ended = Apis.isoTime(m, "end_time");
                boolean settling = ended != null && until != null && ended.isAfter(until.minus(SETTLING));
                if (uuid != null && !collected.contains(uuid) && !settling) {
                    meetings.add(new Meeting(uuid, m.get("id"), m.get("topic")));
                }
            }
            String more = Apis.text(page, "next_page_token");
            if (more != null && !more.isEmpty()) {
                listings.addFirst(withToken(current, more));
            }
            return List.of();
        }
        if (!page.path("participants").isArray() || reading == null) {
            throw new CollectException("zoom: the Dashboard API answered " + Apis.shape(page) + ", not "
                    + (reading == null ? "a page of meetings (in 'meetings')" : "a page of participants "
                            + "(in 'participants') of meeting " + reading.uuid()));
        }
        List<JsonNode> records = new ArrayList<>(page.get("participants").size());
        for (JsonNode p : page.get("participants")) {
            if (p instanceof ObjectNode o) {
                o.put("meeting_uuid", reading.uuid());
                if (reading.id() != null) {
                    o.set("meeting_id", reading.id());
                }
                if (reading.topic() != null) {
                    o.set("topic", reading.topic());
                }
                records.add(o);
            } else {
                records.add(p); // written as Zoom gave it: the reader quarantines it, named and counted
            }
        }
        String more = Apis.text(page, "next_page_token");
        moreParticipants = more != null && !more.isEmpty() ? withToken(current, more) : null;
        return records;
    }

    /**
     * A meeting's participants that Zoom says do not exist (404, "Meeting does not exist", as the
     * dashboard answers for some meetings it lists): passed over, or every run would stop there.
     */
    @Override
    public boolean gone(HttpRequest request, int status) {
        return status == 404 && request.uri().getPath().endsWith("/participants");
    }

    /** The meeting's further participants, else the listings, else the next meeting's participants. */
    @Override
    public URI nextPage(HttpResponse<?> response, JsonNode page) {
        URI next = moreParticipants;
        moreParticipants = null;
        if (next == null) {
            next = listings.poll();
        }
        if (next == null) {
            reading = meetings.poll();
            next = reading == null ? null : URI.create(api + "/v2/metrics/meetings/" + meetingPath(reading.uuid())
                    + "/participants?type=past&page_size=300");
        }
        current = next;
        return next;
    }

    @Override
    public Instant time(JsonNode record) {
        return Apis.isoTime(record, "join_time");
    }

    /** The meeting, the participant (its uuid, else user id, else name) and when they joined. */
    @Override
    public String recordId(JsonNode record) {
        String who = Apis.text(record, "participant_uuid");
        for (String field : new String[] {"id", "user_id", "user_name"}) {
            if (who == null || who.isEmpty()) {
                who = Apis.text(record, field);
            }
        }
        // '|' is in no meeting uuid (base64): the meeting is what comes before the first one
        return Apis.text(record, "meeting_uuid") + "|" + who + "|" + Apis.text(record, "join_time");
    }

    /**
     * A meeting's uuid in a path: encoded, and encoded twice when it begins with '/' or holds "//",
     * as Zoom asks (else its proxy decodes it into another path).
     */
    static String meetingPath(String uuid) {
        String once = encode(uuid);
        return uuid.startsWith("/") || uuid.contains("//") ? encode(once) : once;
    }

    private static URI withToken(URI uri, String token) {
        String s = uri.toString().replaceAll("&next_page_token=[^&]*", "");
        return URI.create(s + "&next_page_token=" + encode(token));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
