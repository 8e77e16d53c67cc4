package dev.unravel.detect.control;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.EndpointEvents;
import dev.unravel.detect.MeetingEvents;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.PreparingDetector;
import dev.unravel.detect.Settings;
import dev.unravel.detect.control.SoftwareSightings.Sighting;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Face swappers and voice changers on a company laptop or on a worker's calls: software that lets
 * someone join a video call as another person, which reports on the North Korean IT-worker scheme
 * describe its operators using on interviews and calls (Microsoft on Jasper Sleet, 2025; Unit 42; the
 * RCMP's 2025 advisory). Seen running (process starts from Sysmon, Windows, Defender for Endpoint,
 * CrowdStrike Falcon, osquery, including a Python clone of an open-source face swapper by the folder
 * it runs from), installed (osquery {@code programs} and {@code apps}, Falcon's application
 * inventory), or in use on a call: the virtual camera or microphone a Zoom participant record or a
 * Microsoft Teams call record names (the product's own device, {@link BuiltInFaceVoiceChangers#DEVICE_NAMES}).
 *
 * <p>Once per worker (or, unresolved, computer) and product, and once more when the product is first
 * seen on a call: a voice changer on the laptop is context, below medium alone and never more for a
 * new hire (people use them for games and streaming, and set those up on a new laptop too); a face
 * swapper more (few have a reason to run one on a work laptop); either on a work call weighs more,
 * since colleagues then saw or heard someone changed; those a little more in the worker's first
 * weeks; both a face and a voice changer, the kit for being someone else on a call, is the strongest. Products the company uses (a video team's) are allow-listed by name with
 * {@code approved_tools}.
 */
public final class FaceVoiceChangerDetector implements PreparingDetector<List<Sighting>> {

    public static final String ID = "control.face-voice-changer";

    /** A constant: {@link dev.unravel.detect.Detector#reads} asks for it on every event. */
    static final Set<String> EVENT_TYPES = EndpointEvents.with(EndpointEvents.types(EndpointEvents.Kind.PROCESS),
            "osquery.", SoftwareSightings.FALCON_APPS, MeetingEvents.ZOOM, MeetingEvents.TEAMS);

    /** The fields of a call's participant record that name its devices (the same in Zoom's and Teams'). */
    private static final List<String> CALL_DEVICES = List.of("camera", "microphone");

    /** A device name longer than this names no product we know (and is not read further). */
    private static final int MAX_DEVICE_NAME = 256;

    private final RemoteToolCatalogue catalogue;
    private final SoftwareSightings sightings;
    private Settings settings;
    private Set<String> approved;
    private PerEntity<String, Seen> seen;

    public FaceVoiceChangerDetector() {
        this(RemoteToolCatalogue.faceAndVoiceChangers());
    }

    FaceVoiceChangerDetector(RemoteToolCatalogue catalogue) {
        this.catalogue = catalogue;
        this.sightings = new SoftwareSightings(catalogue);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Face swappers and voice changers on company laptops or on workers' calls (" + catalogue.tools().size()
                + " products: Deep-Live-Cam, DeepFaceLive, Voicemod, …), running, installed or the camera or "
                + "microphone of a Zoom or Teams call; both strongest";
    }

    @Override
    public String needs() {
        return "endpoint process and installed-software records (Sysmon, Windows, Defender for Endpoint, "
                + "CrowdStrike Falcon, osquery), Zoom's meeting participants or Microsoft Teams call records";
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        approved = settings.names("approved_tools");
        seen = ctx.state(settings.integer("max_subjects", 200_000));
    }

    @Override
    public List<Sighting> prepare(Event e) {
        if (isCall(e)) {
            return onCall(e);
        }
        Sighting s = sightings.of(e);
        return s == null || !s.onEndpoint() ? null : List.of(s);
    }

    /** The products whose camera or microphone a call's participant record names; null when none. */
    List<Sighting> onCall(Event e) {
        List<Sighting> found = null;
        for (String device : CALL_DEVICES) {
            Object v = e.field(device);
            if (!(v instanceof String name) || name.isBlank() || name.length() > MAX_DEVICE_NAME) {
                continue;
            }
            String lower = name.toLowerCase(Locale.ROOT);
            for (Map.Entry<String, String> d : BuiltInFaceVoiceChangers.DEVICE_NAMES.entrySet()) {
                if (lower.contains(d.getKey())) {
                    RemoteTool tool = catalogue.tool(d.getValue());
                    if (tool == null) {
                        break; // a catalogue without the product (a test's): nothing to say
                    }
                    if (found == null) {
                        found = new ArrayList<>(2);
                    }
                    found.add(new Sighting(tool, "the " + device + " \"" + name + "\"", null, null, true));
                    break;
                }
            }
        }
        return found;
    }

    @Override
    public void onEvent(Event e, List<Sighting> found, DetectorContext ctx) {
        if (found == null) {
            return;
        }
        for (Sighting s : found) {
            judge(e, s, ctx);
        }
    }

    private void judge(Event e, Sighting s, DetectorContext ctx) {
        if (approved.contains(s.tool().name().toLowerCase(Locale.ROOT))) {
            return;
        }
        boolean call = isCall(e);
        if (!call && (e.host() == null || e.host().isBlank())) {
            ctx.skipped("face or voice changer seen on an event with no host");
            return;
        }
        if (call && e.user() == null && e.host() == null && e.sourceIp() == null) {
            ctx.skipped("face or voice changer on a call whose participant record names no one (no account, "
                    + "computer or address)");
            return;
        }
        EntityRef subject = RemoteAccessDetector.subject(e, ctx);
        Seen here = seen.get(subject.kind().id() + ":" + subject.value(), k -> new Seen());
        String product = s.tool().name();
        if (call ? !here.onCalls.add(product) : here.first.containsKey(product)) {
            return;
        }
        here.first.putIfAbsent(product, e.envelope());
        boolean face = s.tool().kind() == RemoteTool.Kind.FACE_CHANGER;
        String pairedWith = here.firstOf(face ? RemoteTool.Kind.VOICE_CHANGER : RemoteTool.Kind.FACE_CHANGER,
                catalogue);
        String where = call ? callWords(e) : "device " + e.host();
        var signal = ctx.signal(ID, subject).stage(Stage.CONTROL).technique("T1656").evidence(e);
        double strength = call ? (face ? settings.number("call_face_strength", 0.6)
                : settings.number("call_voice_strength", 0.45))
                : face ? settings.number("face_strength", 0.45) : settings.number("voice_strength", 0.2);
        Long days = RemoteAccessDetector.daysSinceHire(RemoteAccessDetector.personOf(e, ctx), e.time());
        String when = "";
        if (days != null && days >= 0 && days <= settings.integer("new_hire_days", 30)) {
            // A voice changer on the laptop stays context, new hire or not: people set up their own
            // games and streaming on a new laptop in its first days too.
            if (face || call) {
                strength += settings.number("new_hire_bonus", 0.1);
            }
            when = days == 0 ? ", on the worker's first day"
                    : ", " + days + (days == 1 ? " day" : " days") + " after the worker started";
        }
        if (pairedWith != null && !here.bothSaid) {
            here.bothSaid = true; // said once: a later first call of either is said as the call it is
            String faceTool = face ? product : pairedWith;
            String voiceTool = face ? pairedWith : product;
            signal.strength(Math.max(settings.number("both_strength", 0.6), Math.min(1, strength)))
                    .evidence(here.first.get(pairedWith))
                    .because("Both a face swapper (" + faceTool + ") and a voice changer (" + voiceTool + ") have "
                            + "been seen, the latest on " + where + " (" + s.how() + when
                            + "): together they let someone join a video call as another person, with another face "
                            + "and another voice. Reports on the North Korean IT-worker scheme describe its "
                            + "operators doing this on interviews and calls.")
                    .emit();
            return;
        }
        String what = face ? "The face swapper " + product : "The voice changer " + product;
        String effect = face ? "puts another person's face on the camera in real time, a deepfake on a video call"
                : "makes the voice on a call sound like someone else's";
        String why;
        if (call) {
            why = what + " was in use on " + where + " (" + s.how() + when + "): it " + effect + ", and the "
                    + "colleagues on this call " + (face ? "saw" : "heard") + " it. Reports on the North Korean "
                    + "IT-worker scheme describe its operators using " + (face ? "face swapping" : "voice changers")
                    + " on interviews and calls; few people use one in a work meeting.";
        } else {
            String verb = s.installed() ? " is installed on " : " ran on ";
            why = face
                    ? what + verb + where + " (" + s.how() + when + "): it " + effect + ". Reports on the North "
                            + "Korean IT-worker scheme describe its operators using face swapping on interviews and "
                            + "calls; few people have a reason to run one on a work laptop."
                    : what + verb + where + " (" + s.how() + when + "): it " + effect + ". Reports on the North "
                            + "Korean IT-worker scheme describe its operators using voice changers on calls; people "
                            + "also use them for games and streaming, so this is context for the other findings.";
        }
        signal.strength(Math.max(0, Math.min(1, strength))).because(why).emit();
    }

    private static boolean isCall(Event e) {
        return MeetingEvents.isMeeting(e);
    }

    /**
     * A call in words: its topic (Zoom) or organiser (Teams) when the record has it, when it was
     * joined, from where and on which computer.
     */
    static String callWords(Event e) {
        StringBuilder b;
        if (e.type().equals(MeetingEvents.TEAMS)) {
            b = new StringBuilder("peerToPeer".equals(e.field("callType")) ? "a Teams call" : "a Teams meeting");
            if (e.field("organizer") instanceof String o && !o.isBlank() && !o.equals(e.user())) {
                b.append(" organised by ").append(o.strip());
            }
        } else {
            b = new StringBuilder("a Zoom call");
            if (e.field("topic") instanceof String t && !t.isBlank()) {
                b.append(" (\u201c").append(t.strip()).append("\u201d)");
            }
        }
        b.append(" joined ").append(e.time());
        if (e.sourceIp() != null) {
            b.append(" from ").append(e.sourceIp());
        }
        if (e.host() != null) {
            b.append(" on the computer ").append(e.host());
        }
        return b.toString();
    }

    /** What one worker (or computer) has shown: each product's first event, and the products seen on calls. */
    static final class Seen {
        final Map<String, Event> first = new LinkedHashMap<>();
        final Set<String> onCalls = new HashSet<>();
        boolean bothSaid;

        /** The first product of {@code kind} seen, or null. */
        String firstOf(RemoteTool.Kind kind, RemoteToolCatalogue catalogue) {
            for (String name : first.keySet()) {
                RemoteTool t = catalogue.tool(name);
                if (t != null && t.kind() == kind) {
                    return name;
                }
            }
            return null;
        }
    }
}
