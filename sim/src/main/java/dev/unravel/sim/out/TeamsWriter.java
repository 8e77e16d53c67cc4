package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.MeetingJoin;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Microsoft Teams call records as a daily collection through Microsoft Graph writes them
 * ({@code GET /v1.0/communications/callRecords/{id}?$expand=sessions($expand=segments)} for each
 * record listed, as {@code unravel collect teams} does): one meeting a line, every participant's
 * session with the conferencing server in it, its media naming the participant's microphone,
 * speaker and camera and its network the computer's and the public address. One file per day,
 * {@code teams/callrecords-YYYY-MM-DD.ndjson}. A record is made when its meeting ends, so the day's
 * joins are held until the day is over and each meeting written whole.
 */
public final class TeamsWriter extends DayEndWriter {

    private final String tenant;
    private final TextBuffer text = new TextBuffer();
    /** The day's meetings, each one's joins in the order they came. */
    private final Map<Long, List<MeetingJoin>> meetings = new LinkedHashMap<>();

    public TeamsWriter(World world, OutputDir dir) {
        super(dir, "teams", day -> "teams/callrecords-" + day + ".ndjson");
        this.tenant = world.entraTenantId;
    }

    @Override
    public void accept(Activity activity) {
        if (activity instanceof MeetingJoin m) {
            meetings.computeIfAbsent(m.meetingId(), k -> new ArrayList<>()).add(m);
        }
    }

    @Override
    protected void flush() throws IOException {
        for (Map.Entry<Long, List<MeetingJoin>> m : meetings.entrySet()) {
            write(m.getKey(), m.getValue());
        }
        meetings.clear();
    }

    private void write(long meetingId, List<MeetingJoin> joins) throws IOException {
        Instant start = joins.get(0).time();
        Instant end = joins.get(0).leave();
        boolean video = false;
        for (MeetingJoin j : joins) {
            start = j.time().isBefore(start) ? j.time() : start;
            end = j.leave().isAfter(end) ? j.leave() : end;
            video |= !j.camera().isEmpty();
        }
        JsonGenerator g = out.begin();
        g.writeStringField("id", Derived.uuid("teams meeting " + meetingId, 2));
        g.writeNumberField("version", 1);
        g.writeStringField("type", "groupCall");
        modalities(g, video);
        time(g, "lastModifiedDateTime", end.plusSeconds(600));
        time(g, "startDateTime", start);
        time(g, "endDateTime", end);
        g.writeStringField("joinWebUrl", "https://teams.microsoft.com/l/meetup-join/19%3ameeting_"
                + Derived.hex("teams meeting url " + meetingId, 3, 32) + "%40thread.v2/0");
        Person organizer = joins.get(0).person();
        g.writeObjectFieldStart("organizer_v2");
        g.writeStringField("id", userId(organizer));
        g.writeObjectFieldStart("identity");
        g.writeObjectFieldStart("user");
        g.writeStringField("id", userId(organizer));
        g.writeStringField("displayName", organizer.firstName + " " + organizer.lastName);
        g.writeStringField("tenantId", tenant);
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndObject();
        g.writeArrayFieldStart("sessions");
        for (MeetingJoin j : joins) {
            session(g, meetingId, j);
        }
        g.writeEndArray();
        out.end();
    }

    private void session(JsonGenerator g, long meetingId, MeetingJoin j) throws IOException {
        Person p = j.person();
        String id = Derived.uuid("teams session " + meetingId + " " + p.workEmail + " " + j.time(), 5);
        g.writeStartObject();
        g.writeStringField("id", id);
        modalities(g, !j.camera().isEmpty());
        time(g, "startDateTime", j.time());
        time(g, "endDateTime", j.leave());
        g.writeBooleanField("isTest", false);
        g.writeFieldName("caller");
        participant(g, j);
        g.writeFieldName("callee");
        conferencing(g);
        g.writeArrayFieldStart("segments");
        g.writeStartObject();
        g.writeStringField("id", id);
        time(g, "startDateTime", j.time());
        time(g, "endDateTime", j.leave());
        g.writeArrayFieldStart("media");
        g.writeStartObject();
        g.writeStringField("label", "main-audio");
        g.writeObjectFieldStart("callerNetwork");
        g.writeStringField("ipAddress", "192.168.1." + (2 + Math.floorMod(p.index * 7919, 250)));
        g.writeStringField("subnet", "192.168.1.0");
        g.writeStringField("reflexiveIPAddress", j.ip());
        g.writeStringField("relayIPAddress", "52.114.188." + (32 + Math.floorMod(meetingId, 16)));
        g.writeStringField("connectionType", p.index % 3 == 0 ? "wired" : "wifi");
        g.writeEndObject();
        g.writeObjectFieldStart("callerDevice");
        g.writeStringField("captureDeviceName", j.microphone());
        g.writeStringField("renderDeviceName", j.windows() ? "Speakers (Realtek(R) Audio)" : "MacBook Pro Speakers");
        g.writeEndObject();
        g.writeEndObject();
        if (!j.camera().isEmpty()) {
            g.writeStartObject();
            g.writeStringField("label", "main-video");
            g.writeObjectFieldStart("callerDevice");
            g.writeStringField("captureDeviceName", j.camera());
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }

    private void participant(JsonGenerator g, MeetingJoin j) throws IOException {
        Person p = j.person();
        g.writeStartObject();
        g.writeStringField("@odata.type", "#microsoft.graph.callRecords.participantEndpoint");
        g.writeStringField("name", j.computer());
        g.writeObjectFieldStart("userAgent");
        g.writeStringField("@odata.type", "#microsoft.graph.callRecords.clientUserAgent");
        g.writeStringField("headerValue", j.windows()
                ? "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Teams/24335.206.3315"
                : "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
                        + "Teams/24335.206.3315");
        g.writeStringField("platform", j.windows() ? "windows" : "macOS");
        g.writeStringField("productFamily", "teams");
        g.writeEndObject();
        g.writeObjectFieldStart("associatedIdentity");
        g.writeStringField("id", userId(p));
        g.writeStringField("displayName", p.firstName + " " + p.lastName);
        g.writeStringField("tenantId", tenant);
        g.writeStringField("userPrincipalName", p.workEmail);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void conferencing(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("@odata.type", "#microsoft.graph.callRecords.serviceEndpoint");
        g.writeObjectFieldStart("userAgent");
        g.writeStringField("@odata.type", "#microsoft.graph.callRecords.serviceUserAgent");
        g.writeStringField("headerValue", "av-mcu");
        g.writeStringField("role", "conferencing");
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void modalities(JsonGenerator g, boolean video) throws IOException {
        g.writeArrayFieldStart("modalities");
        g.writeString("audio");
        if (video) {
            g.writeString("video");
        }
        g.writeEndArray();
    }

    private void time(JsonGenerator g, String field, Instant t) throws IOException {
        g.writeFieldName(field);
        text.clear().utc(t, 'T', 0).append('Z').writeString(g);
    }

    /** The worker's Entra object id, as their sign-ins give it. */
    private static String userId(Person p) {
        return p.entraObjectId;
    }
}
