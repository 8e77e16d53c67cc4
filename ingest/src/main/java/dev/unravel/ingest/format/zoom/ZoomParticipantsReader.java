package dev.unravel.ingest.format.zoom;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Zoom's record of who joined a meeting and with what, as its Dashboard API gives it
 * ({@code GET /v2/metrics/meetings/{meetingId}/participants?type=past}): one participant a record,
 * alone, one a line (as a collection writes them, with the meeting's {@code meeting_uuid},
 * {@code meeting_id} and {@code topic} added), in an array, or in the API's page
 * ({@code {"page_size": 30, "participants": […]}}). Each record names the devices the participant's
 * Zoom client used — {@code camera}, {@code microphone}, {@code speaker} — the public address it
 * joined from ({@code ip_address}) and Zoom's {@code location} for it, and the computer
 * ({@code pc_name}, {@code mac_addr}, {@code os}): a voice changer's virtual microphone or a face
 * swapper's virtual camera on a call shows here by name.
 *
 * <p>Type {@code zoom.participant}, logsource zoom/meetings; time {@code join_time}; user
 * {@code email} (else {@code user_name}); host {@code pc_name}; source IP {@code ip_address}.
 */
public final class ZoomParticipantsReader extends JsonReader {

    /** The event type of one participant's stay in one meeting. */
    public static final String TYPE = "zoom.participant";
    private static final LogSource LOGSOURCE = LogSource.of("zoom", null, "meetings");

    @Override
    public String id() {
        return "zoom-participants";
    }

    @Override
    public String description() {
        return "Zoom meeting participants (Dashboard API metrics/meetings/{id}/participants: one a record, NDJSON, "
                + "array or page)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            SampleKeys k = SampleKeys.of(sample);
            boolean participant = k.has("join_time") && (k.has("microphone") || k.has("camera")
                    || k.has("pc_name") || k.has("data_center"));
            return participant ? 90 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink to) throws IOException {
        readPages(input, to, ZoomParticipantsReader::page);
    }

    /** The participants of an API page, or null when {@code doc} is a participant itself. */
    private static Page page(Map<String, Object> doc) {
        return doc.get("participants") instanceof List<?> participants && !doc.containsKey("join_time")
                ? new Page("participants", participants) : null;
    }

    @Override
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        if (doc.get("join_time") == null) {
            throw new RecordException("join_time", "is missing: a Zoom participant record says when they joined");
        }
        String user = Docs.text(doc, "email");
        if (user == null) {
            user = Docs.text(doc, "user_name");
        }
        return new Event(time(doc, "join_time"), "zoom", TYPE, LOGSOURCE, user, Docs.text(doc, "pc_name"),
                Docs.text(doc, "ip_address"), doc, origin);
    }
}
