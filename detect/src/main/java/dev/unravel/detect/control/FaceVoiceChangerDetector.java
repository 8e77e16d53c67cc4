package dev.unravel.detect.control;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.EndpointEvents;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.PreparingDetector;
import dev.unravel.detect.Settings;
import dev.unravel.detect.control.SoftwareSightings.Sighting;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Face swappers and voice changers on a company laptop: software that lets someone join a video call
 * as another person, which reports on the North Korean IT-worker scheme describe its operators using
 * on interviews and calls (Microsoft on Jasper Sleet, 2025; Unit 42; the RCMP's 2025 advisory). Seen
 * running (process starts from Sysmon, Windows, Defender for Endpoint, CrowdStrike Falcon, osquery,
 * including a Python clone of an open-source face swapper by the folder it runs from) or installed
 * (osquery {@code programs} and {@code apps}, Falcon's application inventory); catalogue in
 * {@link BuiltInFaceVoiceChangers}.
 *
 * <p>Once per laptop and product: a voice changer is context (people use them for games and
 * streaming), a face swapper more (few have a reason to run one on a work laptop), each a little more
 * in the worker's first weeks; both a face and a voice changer on one laptop, the kit for being
 * someone else on a call, is the strongest. Products the company uses (a marketing team's Voicemod)
 * are allow-listed by name with {@code approved_tools}.
 */
public final class FaceVoiceChangerDetector implements PreparingDetector<Sighting> {

    public static final String ID = "control.face-voice-changer";

    /** A constant: {@link dev.unravel.detect.Detector#reads} asks for it on every event. */
    static final Set<String> EVENT_TYPES = EndpointEvents.with(EndpointEvents.types(EndpointEvents.Kind.PROCESS),
            "osquery.", SoftwareSightings.FALCON_APPS);

    private final RemoteToolCatalogue catalogue;
    private final SoftwareSightings sightings;
    private Settings settings;
    private Set<String> approved;
    private PerEntity<String, Laptop> laptops;

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
        return "Face swappers and voice changers on company laptops (" + catalogue.tools().size() + " products: "
                + "Deep-Live-Cam, DeepFaceLive, Voicemod, …), running or installed; both on one laptop strongest";
    }

    @Override
    public String needs() {
        return "endpoint process and installed-software records (Sysmon, Windows, Defender for Endpoint, "
                + "CrowdStrike Falcon, osquery)";
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        approved = new HashSet<>();
        for (String t : settings.list("approved_tools", List.of())) {
            approved.add(t.strip().toLowerCase(Locale.ROOT));
        }
        laptops = ctx.state(settings.integer("max_hosts", 200_000));
    }

    @Override
    public Sighting prepare(Event e) {
        Sighting s = sightings.of(e);
        return s == null || !s.onEndpoint() ? null : s;
    }

    @Override
    public void onEvent(Event e, Sighting s, DetectorContext ctx) {
        if (s == null || approved.contains(s.tool().name().toLowerCase(Locale.ROOT))) {
            return;
        }
        String host = e.host() == null || e.host().isBlank() ? null : RemoteAccessDetector.hostKey(e);
        if (host == null) {
            ctx.skipped("face or voice changer seen on an event with no host");
            return;
        }
        Laptop laptop = laptops.get(host, k -> new Laptop());
        if (laptop.first.containsKey(s.tool().name())) {
            return;
        }
        laptop.first.put(s.tool().name(), e.envelope());
        boolean face = s.tool().kind() == RemoteTool.Kind.FACE_CHANGER;
        RemoteTool.Kind other = face ? RemoteTool.Kind.VOICE_CHANGER : RemoteTool.Kind.FACE_CHANGER;
        String pairedWith = laptop.firstOf(other, catalogue);
        EntityRef subject = RemoteAccessDetector.subject(e, ctx);
        String device = "device " + e.host();
        String seen = s.installed() ? " is installed on " : " ran on ";
        var signal = ctx.signal(ID, subject).stage(Stage.CONTROL).technique("T1656").evidence(e);
        if (pairedWith != null) {
            String faceTool = face ? s.tool().name() : pairedWith;
            String voiceTool = face ? pairedWith : s.tool().name();
            signal.strength(settings.number("both_strength", 0.6)).evidence(laptop.first.get(pairedWith))
                    .because("Both a face swapper (" + faceTool + ") and a voice changer (" + voiceTool + ") are on "
                            + device + " (" + s.how() + "): together they let someone join a video call as another "
                            + "person, with another face and another voice. Reports on the North Korean IT-worker "
                            + "scheme describe its operators doing this on interviews and calls.")
                    .emit();
            return;
        }
        double strength = face ? settings.number("face_strength", 0.45) : settings.number("voice_strength", 0.3);
        Long days = RemoteAccessDetector.daysSinceHire(RemoteAccessDetector.personOf(e, ctx), e.time());
        String when = "";
        if (days != null && days >= 0 && days <= settings.integer("new_hire_days", 30)) {
            strength += settings.number("new_hire_bonus", 0.1);
            when = days == 0 ? ", on the worker's first day"
                    : ", " + days + (days == 1 ? " day" : " days") + " after the worker started";
        }
        String why = face
                ? "The face swapper " + s.tool().name() + seen + device + " (" + s.how() + when + "): it puts "
                        + "another person's face on the camera in real time, a deepfake on a video call. Reports on "
                        + "the North Korean IT-worker scheme describe its operators using face swapping on interviews "
                        + "and calls; few people have a reason to run one on a work laptop."
                : "The voice changer " + s.tool().name() + seen + device + " (" + s.how() + when + "): it makes "
                        + "the voice on a call sound like someone else's. Reports on the North Korean IT-worker scheme "
                        + "describe its operators using voice changers on calls; people also use them for games and "
                        + "streaming, so this is context for the other findings.";
        signal.strength(Math.max(0, Math.min(1, strength))).because(why).emit();
    }

    /** The products seen on one laptop: the first event of each, in order. */
    static final class Laptop {
        final Map<String, Event> first = new LinkedHashMap<>();

        /** The first product of {@code kind} seen here, or null. */
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
