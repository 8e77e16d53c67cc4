package dev.unravel.detect.control;

import dev.unravel.detect.control.RemoteTool.Kind;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Software that changes a face on a camera or a voice on a microphone in real time: what reports on
 * the North Korean IT-worker scheme describe its operators using on interviews and calls (Microsoft on
 * Jasper Sleet, 2025: face-swapping and voice-changing software; Unit 42's real-time deepfake
 * identities; the RCMP's 2025 advisory). Names are the ones each installs or runs under: packaged
 * builds' executables where their documentation names them (else none: a guessed file name would
 * match nothing or the wrong thing), installed-program and app-bundle names, and, for the open-source
 * tools usually run from a clone with Python, the folder they run from ({@code Deep-Live-Cam},
 * {@code DeepFaceLive_NVIDIA}, {@code facefusion}), read as a program name. Virtual cameras alone
 * (OBS's, ManyCam, Snap Camera) are left out: people use them for screen sharing and streaming.
 * No domains: a look-up of a voice changer's site is someone reading about it.
 */
final class BuiltInFaceVoiceChangers {

    private BuiltInFaceVoiceChangers() {
    }

    static final List<RemoteTool> ALL = List.of(
            face("Deep-Live-Cam", Set.of("deep-live-cam.exe", "deep-live-cam"), Set.of("deep-live-cam")),
            face("DeepFaceLive", Set.of("deepfacelive.exe"),
                    Set.of("deepfacelive", "deepfacelive_nvidia", "deepfacelive_directx12")),
            face("FaceFusion", Set.of(), Set.of("facefusion")),
            face("Avatarify", Set.of(), Set.of("avatarify", "avatarify-python", "avatarify desktop")),
            face("Swapface", Set.of(), Set.of("swapface")),
            face("Xpression Camera", Set.of(), Set.of("xpression camera", "xpressioncamera")),
            voice("Voicemod", Set.of("voicemoddesktop.exe", "voicemod.exe"),
                    Set.of("voicemod", "voicemod desktop", "net.voicemod.desktop")),
            voice("Clownfish Voice Changer", Set.of("clownfishvoicechanger.exe"),
                    Set.of("clownfish voice changer", "clownfishvoicechanger")),
            voice("MorphVOX", Set.of("morphvoxpro.exe"),
                    Set.of("morphvox pro", "morphvox junior", "morphvox mac", "com.screamingbee.morphvoxmac")),
            voice("Voxal Voice Changer", Set.of(), Set.of("voxal voice changer", "voxal")),
            voice("AV Voice Changer Software", Set.of(), Set.of("av voice changer software",
                    "av voice changer software diamond")),
            voice("Voice.ai", Set.of(), Set.of("voice.ai", "voice ai")),
            voice("w-okada Voice Changer", Set.of("mmvcserversio.exe", "mmvcserversio"),
                    Set.of("mmvcserversio", "voice-changer-windows-amd64-cuda", "voice-changer-windows-amd64-dml")),
            voice("HitPaw VoicePea", Set.of(), Set.of("hitpaw voicepea", "hitpaw voice changer")),
            voice("MagicMic", Set.of(), Set.of("magicmic", "imyfone magicmic")));

    /**
     * Parts of a camera's or microphone's name that say which of these products made it, as a call's
     * record names the devices (Zoom's participants: {@code "Microphone (Voicemod Virtual Audio Device
     * (WDM))"}; MorphVOX's driver is Screaming Bee's), lower case. Generic virtual devices (OBS's camera,
     * VB-Audio's cable) name no product and are left out.
     */
    static final Map<String, String> DEVICE_NAMES = Map.ofEntries(Map.entry("voicemod", "Voicemod"),
            Map.entry("screaming bee", "MorphVOX"), Map.entry("morphvox", "MorphVOX"),
            Map.entry("clownfish", "Clownfish Voice Changer"), Map.entry("voxal", "Voxal Voice Changer"),
            Map.entry("voicepea", "HitPaw VoicePea"), Map.entry("magicmic", "MagicMic"),
            Map.entry("voice.ai", "Voice.ai"), Map.entry("deepfacelive", "DeepFaceLive"),
            Map.entry("deep-live-cam", "Deep-Live-Cam"), Map.entry("deep live cam", "Deep-Live-Cam"),
            Map.entry("xpression", "Xpression Camera"), Map.entry("swapface", "Swapface"),
            Map.entry("avatarify", "Avatarify"), Map.entry("facefusion", "FaceFusion"));

    private static RemoteTool face(String name, Set<String> executables, Set<String> programs) {
        return new RemoteTool(name, Kind.FACE_CHANGER, executables, programs, Set.of());
    }

    private static RemoteTool voice(String name, Set<String> executables, Set<String> programs) {
        return new RemoteTool(name, Kind.VOICE_CHANGER, executables, programs, Set.of());
    }
}
