package dev.unravel.detect.apply;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.ingest.format.records.RecordKind;
import dev.unravel.detect.PerEntity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Interviews where the candidate would not show their face on a video call, or where the
 * interviewer noted what recruiters report of these schemes (camera "broken", answers read out,
 * long pauses while someone else answers). The note phrases are a setting ({@code note_markers});
 * decided in {@code finish} so the application is resolved to the worker it became.
 *
 * <p>Settings: {@code note_markers} (phrases, case-insensitive; see {@link #DEFAULT_MARKERS}),
 * {@code max_interviews} (500000).
 */
public final class InterviewDetector implements Detector {

    public static final String ID = "apply.interview";

    static final List<String> DEFAULT_MARKERS = List.of("camera off", "camera would not", "camera broken",
            "camera not working", "no camera", "refused to turn on", "refused camera", "read out", "reading from",
            "scripted", "long pause", "someone else answering", "background voices", "different person",
            "face did not match", "virtual background", "lip sync", "deepfake");

    private record Interview(String applicantId, boolean cameraRefused, String marker, EventRef ref, Instant time) {
    }

    /** By row ({@link RecordKind#rowIdentity}): the same interview in the next snapshot of the export replaces it. */
    private PerEntity<String, Interview> interviews;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "interview records (applicant-interviews)";
    }

    @Override
    public String description() {
        return "video interview with the camera off, or interviewer notes of a stand-in or scripted answers";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("applicant.interview");
    }

    @Override
    public void start(DetectorContext context) {
        interviews = context.state(context.settings().integer("max_interviews", 500_000));
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        Map<String, Object> d = event.document();
        if (event.user() == null || event.origin() == null) {
            context.skipped("interview without an applicant id");
            return;
        }
        String format = Links.text(d, "format");
        String camera = Links.text(d, "camera_on");
        boolean refused = "video".equalsIgnoreCase(format) && "false".equalsIgnoreCase(camera);
        if ("video".equalsIgnoreCase(format) && camera == null) {
            context.skipped("video interview without camera_on");
        }
        String notes = Links.text(d, "notes");
        String marker = null;
        if (notes != null) {
            String n = notes.toLowerCase(Locale.ROOT);
            for (String m : context.settings().list("note_markers", DEFAULT_MARKERS)) {
                // a note that only restates the refused camera adds nothing to camera_on=false
                boolean restatesCamera = refused && m.toLowerCase(Locale.ROOT).contains("camera");
                if (!restatesCamera && n.contains(m.toLowerCase(Locale.ROOT))) {
                    marker = m;
                    break;
                }
            }
        }
        String key = RecordKind.rowIdentity(event, event.origin());
        if (refused || marker != null) {
            interviews.put(key, new Interview(event.user(), refused, marker, event.origin(), event.time()));
        } else {
            interviews.remove(key); // a later row of it without the reason (a note corrected)
        }
    }

    @Override
    public void finish(DetectorContext context) {
        People people = new People(context.roster());
        for (Map.Entry<String, Interview> e : interviews.entries()) {
            Interview i = e.getValue();
            String person = people.ofApplication(i.applicantId());
            List<String> reasons = new ArrayList<>();
            if (i.cameraRefused()) {
                reasons.add("the candidate kept the camera off on a video call");
            }
            if (i.marker() != null) {
                reasons.add("the interviewer's notes mention \"" + i.marker() + "\"");
            }
            double strength = (i.cameraRefused() ? 0.3 : 0.2) + (reasons.size() > 1 ? 0.1 : 0.0);
            context.signal(ID, people.subject(person))
                    .stage(Stage.APPLY)
                    .strength(strength)
                    .at(i.time())
                    .evidence(List.of(i.ref()))
                    .because("In an interview of " + people.describe(person) + ", " + String.join(", and ", reasons)
                            + ".")
                    .emit();
        }
    }
}
