package dev.unravel.ingest.format.teams;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.JsonRecords;
import dev.unravel.ingest.read.NumberedSink;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import dev.unravel.ingest.read.Times;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Microsoft Teams call records as Microsoft Graph gives them
 * ({@code GET /v1.0/communications/callRecords/{id}?$expand=sessions($expand=segments)}, permission
 * CallRecords.Read.All): one record alone, one a line (as {@code unravel collect teams} writes them),
 * in an array, or in Graph's page ({@code {"value": […]}}). A call record nests what this tool wants
 * several levels down — each session's caller and callee, each segment's media, each medium's devices
 * and network for either side — so each participant's session of a call becomes one event of its own,
 * its fields flattened:
 *
 * <ul>
 *   <li>the call: {@code callId}, {@code callType} ({@code groupCall}, {@code peerToPeer}),
 *       {@code organizer}, {@code joinWebUrl}, {@code sessionId}, {@code startDateTime},
 *       {@code endDateTime}, {@code modalities}, {@code side} ({@code caller} or {@code callee});</li>
 *   <li>who: {@code userPrincipalName}, {@code displayName}, {@code userId}, {@code tenantId};</li>
 *   <li>the client: {@code name} (the computer), {@code userAgent}, {@code platform},
 *       {@code productFamily};</li>
 *   <li>its devices, by the part they played ({@code main-audio}, {@code main-video}):
 *       {@code microphone}, {@code speaker}, {@code camera} and each one's driver
 *       ({@code microphoneDriver}, …) — named as Zoom's participant records name them, so that a
 *       voice changer's virtual microphone or a face swapper's virtual camera reads the same on
 *       either;</li>
 *   <li>its network: {@code ipAddress} (on the computer), {@code reflexiveIPAddress} (as the relay
 *       saw it: the public address), {@code relayIPAddress}, {@code subnet}, {@code macAddress},
 *       {@code connectionType} ({@code tunnel} for a VPN), {@code dnsSuffix}.</li>
 * </ul>
 *
 * <p>Type {@code teams.participant}, logsource m365/teams; time the session's {@code startDateTime}
 * (else the call's); user {@code userPrincipalName} (else the display name, else the id); host
 * {@code name}; source IP {@code reflexiveIPAddress} (else {@code ipAddress}). Conferencing servers'
 * ends of sessions ({@code serviceEndpoint}) are no one and yield nothing. A record without
 * {@code sessions} — listed, not fetched expanded — is rejected with how to fetch it, and one whose
 * sessions name no participant at all is rejected too: every call that happened had someone in it.
 */
public final class TeamsCallRecordReader implements Reader {

    /** The event type of one participant's session of a call. */
    public static final String TYPE = "teams.participant";
    private static final LogSource LOGSOURCE = LogSource.of("m365", null, "teams");
    private static final String[] SIDES = {"caller", "callee"};
    private static final String[] NETWORK = {"ipAddress", "reflexiveIPAddress", "relayIPAddress", "subnet",
        "macAddress", "connectionType", "dnsSuffix"};

    @Override
    public String id() {
        return "teams-callrecords";
    }

    @Override
    public String description() {
        return "Microsoft Teams call records (Graph communications/callRecords expanded with sessions and segments: "
                + "one a record, NDJSON, array or page)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            if (sample.text().contains("$metadata#communications/callRecords")) {
                return 95;
            }
            SampleKeys k = SampleKeys.of(sample);
            boolean callRecord = k.has("modalities") && k.has("startDateTime")
                    && (k.has("sessions") || k.has("organizer_v2") || k.has("participants_v2"));
            return callRecord ? 90 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink to) throws IOException {
        NumberedSink sink = new NumberedSink(to);
        JsonRecords.read(input, sink, (doc, record, line) -> {
            if (doc.get("value") instanceof List<?> page && !doc.containsKey("id")) {
                sink.entryEvents(input, line, "value", page, TeamsCallRecordReader::participants);
                return;
            }
            for (Event e : participants(doc, new EventRef(input.name(), sink.current()))) {
                sink.accept(e);
            }
        });
    }

    /** One call record's participants' sessions, each an event; all of them or (an error) none. */
    static List<Event> participants(Map<String, Object> call, EventRef origin) throws RecordException {
        if (!(call.get("sessions") instanceof List<?> sessions)) {
            throw new RecordException("sessions", "is missing: a call record names its participants' devices in "
                    + "its sessions; fetch each record with ?$expand=sessions($expand=segments) "
                    + "(unravel collect teams does)");
        }
        Instant callStart = call.get("startDateTime") == null ? null : time(call, "startDateTime", "");
        List<Event> events = new ArrayList<>(sessions.size());
        for (int i = 0; i < sessions.size(); i++) {
            String at = "sessions." + i;
            if (!(sessions.get(i) instanceof Map<?, ?> raw)) {
                throw RecordException.invalid(at, "a session (a JSON object)", sessions.get(i));
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> session = (Map<String, Object>) raw;
            Instant start = session.get("startDateTime") != null ? time(session, "startDateTime", at + ".") : callStart;
            if (start == null) {
                throw new RecordException(at + ".startDateTime", "is missing, and so is the call's startDateTime");
            }
            for (String side : SIDES) {
                Map<String, Object> endpoint = Docs.map(session, side);
                if (endpoint != null && isParticipant(endpoint)) {
                    events.add(participant(call, session, side, endpoint, start, origin));
                }
            }
        }
        if (events.isEmpty()) {
            // every call that happened had someone in it: a record naming no one is not one this reader knows
            throw new RecordException("sessions", sessions.isEmpty() ? "is empty: the call record names no one"
                    : sessions.size() == 1 ? "names no participant: its one session's caller and callee are not "
                            + "participantEndpoints"
                    : "names no participant: none of its " + sessions.size() + " sessions has a caller or callee "
                            + "that is a participantEndpoint");
        }
        return events;
    }

    private static Event participant(Map<String, Object> call, Map<String, Object> session, String side,
            Map<String, Object> endpoint, Instant start, EventRef origin) {
        Map<String, Object> f = new LinkedHashMap<>();
        put(f, "callId", Docs.text(call, "id"));
        put(f, "callType", Docs.text(call, "type"));
        put(f, "organizer", Docs.firstText(call, "organizer_v2.identity.user.userPrincipalName",
                "organizer_v2.identity.user.displayName", "organizer.user.userPrincipalName",
                "organizer.user.displayName"));
        put(f, "joinWebUrl", Docs.text(call, "joinWebUrl"));
        put(f, "sessionId", Docs.text(session, "id"));
        put(f, "startDateTime", Docs.text(session, "startDateTime"));
        put(f, "endDateTime", Docs.text(session, "endDateTime"));
        if (session.get("modalities") instanceof List<?> m) {
            f.put("modalities", m);
        }
        f.put("side", side);
        String upn = Docs.firstText(endpoint, "associatedIdentity.userPrincipalName", "identity.user.userPrincipalName");
        String name = Docs.firstText(endpoint, "associatedIdentity.displayName", "identity.user.displayName",
                "identity.guest.displayName", "identity.phone.displayName");
        String id = Docs.firstText(endpoint, "associatedIdentity.id", "identity.user.id", "identity.guest.id",
                "identity.phone.id");
        put(f, "userPrincipalName", upn);
        put(f, "displayName", name);
        put(f, "userId", id);
        put(f, "tenantId", Docs.firstText(endpoint, "associatedIdentity.tenantId", "identity.user.tenantId"));
        put(f, "name", Docs.text(endpoint, "name"));
        put(f, "userAgent", Docs.text(endpoint, "userAgent.headerValue"));
        put(f, "platform", Docs.text(endpoint, "userAgent.platform"));
        put(f, "productFamily", Docs.text(endpoint, "userAgent.productFamily"));
        media(session, side, f);
        String user = upn != null ? upn : name != null ? name : id;
        String ip = f.get("reflexiveIPAddress") instanceof String r ? r : (String) f.get("ipAddress");
        return new Event(start, "teams", TYPE, LOGSOURCE, user, (String) f.get("name"), ip, f, origin);
    }

    /**
     * The side's devices and network across the session's segments and media: the first of each
     * value (a session usually has one segment; more when the call went through an intermediary).
     */
    private static void media(Map<String, Object> session, String side, Map<String, Object> f) {
        if (!(session.get("segments") instanceof List<?> segments)) {
            return;
        }
        for (Object segment : segments) {
            if (!(segment instanceof Map<?, ?> s) || !(s.get("media") instanceof List<?> media)) {
                continue;
            }
            for (Object medium : media) {
                if (!(medium instanceof Map<?, ?> m)) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> one = (Map<String, Object>) m;
                String label = Docs.text(one, "label");
                Map<String, Object> device = Docs.map(one, side + "Device");
                if (label != null && device != null) {
                    String l = label.toLowerCase(Locale.ROOT);
                    if (l.contains("audio")) {
                        putFirst(f, "microphone", Docs.text(device, "captureDeviceName"));
                        putFirst(f, "microphoneDriver", Docs.text(device, "captureDeviceDriver"));
                        putFirst(f, "speaker", Docs.text(device, "renderDeviceName"));
                        putFirst(f, "speakerDriver", Docs.text(device, "renderDeviceDriver"));
                    } else if (l.contains("video") && !l.startsWith("applicationsharing")) {
                        putFirst(f, "camera", Docs.text(device, "captureDeviceName"));
                        putFirst(f, "cameraDriver", Docs.text(device, "captureDeviceDriver"));
                    }
                }
                Map<String, Object> network = Docs.map(one, side + "Network");
                if (network != null) {
                    for (String key : NETWORK) {
                        putFirst(f, key, Docs.text(network, key));
                    }
                }
            }
        }
    }

    /**
     * Whether an end of a session is a participant: said by its {@code @odata.type}, or, where an
     * export dropped the types, by its naming someone. A conferencing server's end names no one.
     */
    static boolean isParticipant(Map<String, Object> endpoint) {
        String type = Docs.text(endpoint, "@odata.type");
        if (type != null) {
            return type.endsWith("participantEndpoint");
        }
        return endpoint.get("associatedIdentity") instanceof Map || endpoint.get("identity") instanceof Map;
    }

    private static Instant time(Map<String, Object> doc, String key, String at) throws RecordException {
        Instant t = Times.parse(doc.get(key));
        if (t == null) {
            throw RecordException.invalid(at + key, "a timestamp", doc.get(key));
        }
        return t;
    }

    private static void put(Map<String, Object> f, String key, String value) {
        if (value != null) {
            f.put(key, value);
        }
    }

    private static void putFirst(Map<String, Object> f, String key, String value) {
        if (value != null) {
            f.putIfAbsent(key, value);
        }
    }
}
