package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.MeetingJoin;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.util.Locale;

/**
 * Zoom's meeting participants as a daily collection of its Dashboard API writes them
 * ({@code GET /v2/metrics/meetings/{meetingId}/participants?type=past} for each meeting of the day,
 * each participant a line with the meeting's {@code meeting_uuid}, {@code meeting_id} and
 * {@code topic} added), one file per UTC day: {@code zoom/participants-YYYY-MM-DD.ndjson}. Every
 * record names the client's camera, microphone and speaker, the public address it joined from
 * and Zoom's place for it, and the computer.
 */
public final class ZoomWriter extends DailyJsonWriter {

    public ZoomWriter(OutputDir out) {
        super(out, "zoom", day -> "zoom/participants-" + day + ".ndjson");
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof MeetingJoin m)) {
            return;
        }
        Person p = m.person();
        JsonGenerator g = out.begin();
        g.writeStringField("meeting_uuid", Derived.hex("zoom meeting " + m.meetingId(), 9, 22) + "==");
        g.writeStringField("meeting_id", Long.toString(m.meetingId()));
        g.writeStringField("topic", m.topic());
        g.writeStringField("id", Long.toString(16_778_000L + p.index));
        g.writeStringField("user_id", Long.toString(16_778_000L + p.index));
        g.writeStringField("participant_uuid", Derived.uuid("zoom participant " + p.workEmail, 4)
                .toUpperCase(Locale.ROOT));
        g.writeStringField("user_name", p.firstName + " " + p.lastName);
        g.writeStringField("device", m.windows() ? "Windows" : "Mac");
        g.writeStringField("ip_address", m.ip());
        g.writeStringField("location", m.city().name() + " (" + m.city().country() + ")");
        g.writeStringField("network_type", p.index % 3 == 0 ? "Wired" : "Wifi");
        g.writeStringField("microphone", m.microphone());
        g.writeStringField("speaker", m.windows() ? "Speakers (Realtek(R) Audio)" : "MacBook Pro Speakers");
        g.writeStringField("camera", m.camera());
        g.writeStringField("data_center", "United States (SC Crossconnect)");
        g.writeStringField("connection_type", "UDP");
        g.writeFieldName("join_time");
        text.clear().utc(m.time(), 'T', 0).append('Z').writeString(g);
        g.writeFieldName("leave_time");
        text.clear().utc(m.leave(), 'T', 0).append('Z').writeString(g);
        g.writeBooleanField("share_application", false);
        g.writeBooleanField("share_desktop", p.index % 4 == 0);
        g.writeBooleanField("share_whiteboard", false);
        g.writeBooleanField("recording", false);
        g.writeStringField("pc_name", m.computer());
        g.writeStringField("domain", m.windows() && m.company() ? "corp." + World.DOMAIN : "");
        g.writeStringField("version", m.windows() ? "6.3.11.60501" : "6.3.11.42476");
        g.writeStringField("leave_reason", p.firstName + " " + p.lastName + " left the meeting.<br>Reason: left the "
                + "meeting.");
        g.writeStringField("email", p.workEmail);
        g.writeStringField("os", m.windows() ? "Windows" : "Mac");
        g.writeStringField("os_version", m.windows() ? "10.0.22631" : "14.6.1");
        g.writeStringField("client", "Zoom Workplace");
        g.writeStringField("role", "attendee");
        out.end();
    }
}
