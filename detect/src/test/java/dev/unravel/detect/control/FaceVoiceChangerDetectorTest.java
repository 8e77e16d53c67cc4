package dev.unravel.detect.control;

import static dev.unravel.detect.control.Samples.osquery;
import static dev.unravel.detect.control.Samples.process;
import static dev.unravel.detect.control.Samples.sysmon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FaceVoiceChangerDetectorTest {

    /** E1 started on 2026-03-04; E2 and E3 have been there for years. */
    static DetectorHarness company() {
        return RemoteAccessDetectorTest.company();
    }

    /** A Sysmon process start with the process's working directory, as Sysmon 1 logs it. */
    static String pythonRun(String time, String computer, String user, String image, String commandLine,
            String workingDirectory) {
        return sysmon(1, time, computer, "UtcTime", time.replace('T', ' ').replace("Z", ""), "ProcessId", "5120",
                "Image", image, "CommandLine", commandLine, "CurrentDirectory", workingDirectory, "User", user,
                "ParentImage", "C:\\Windows\\System32\\cmd.exe");
    }

    @Test
    void aVoiceChangerOnANewHiresLaptopIsOnlyContextAboutThatWorker() {
        List<Signal> signals = company()
                .with("windows-evtx-json", process("2026-03-06T15:02:11Z", "NWL-LT-1.corp.example.com",
                        "NORTHWIND\\bmiller", "C:\\Program Files\\Voicemod Desktop\\VoicemodDesktop.exe",
                        "\"C:\\Program Files\\Voicemod Desktop\\VoicemodDesktop.exe\""))
                .run(new FaceVoiceChangerDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.detector()).isEqualTo(FaceVoiceChangerDetector.ID);
            assertThat(s.stage()).isEqualTo(Stage.CONTROL);
            assertThat(s.technique()).isEqualTo("T1656");
            assertThat(s.strength()).as("context, new hire or not").isEqualTo(0.2);
            assertThat(s.explanation()).contains("The voice changer Voicemod ran on device NWL-LT-1.corp.example.com",
                    "VoicemodDesktop.exe", "2 days after the worker started", "context for the other findings");
            assertThat(s.evidence()).hasSize(1);
        });
    }

    /**
     * Deep-Live-Cam run from a clone with Python (the folder it runs from names it), then a voice
     * changer installed on the same laptop: the face swapper, then both together, the strongest.
     */
    @Test
    void aFaceSwapperRunFromItsCloneAndThenAVoiceChangerOnOneLaptopAreBothTogether() {
        String faceSwap = pythonRun("2026-03-09T14:00:00Z", "NWL-LT-3.corp.example.com", "NORTHWIND\\rowens",
                "C:\\Users\\rowens\\AppData\\Local\\Programs\\Python\\Python310\\python.exe",
                "python  run.py --execution-provider cuda", "C:\\Users\\rowens\\Deep-Live-Cam\\");
        List<Signal> signals = company()
                .with("windows-evtx-json", faceSwap)
                .with("osquery", osquery("programs", 1773072000L, "NWL-LT-3", "name", "Voicemod", "version",
                        "3.11.52", "publisher", "Voicemod Sociedad Limitada", "install_location",
                        "C:\\Program Files\\Voicemod Desktop\\"))
                .run(new FaceVoiceChangerDetector());
        assertThat(signals).hasSize(2);
        assertThat(signals.get(0)).satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E3"));
            assertThat(s.strength()).isEqualTo(0.45);
            assertThat(s.explanation()).contains("The face swapper Deep-Live-Cam ran on device "
                    + "NWL-LT-3.corp.example.com (process C:\\Users\\rowens\\AppData\\Local\\Programs\\Python"
                    + "\\Python310\\python.exe running C:\\Users\\rowens\\Deep-Live-Cam\\run.py)", "a deepfake on a video call")
                    .doesNotContain("after the worker started");
        });
        assertThat(signals.get(1)).satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E3"));
            assertThat(s.strength()).isEqualTo(0.6);
            assertThat(s.explanation()).contains("Both a face swapper (Deep-Live-Cam) and a voice changer (Voicemod)",
                    "installed program Voicemod");
            assertThat(s.evidence()).hasSize(2);
        });
    }

    /** Defender for Endpoint's and CrowdStrike Falcon's process starts, and a macOS app in osquery's apps table. */
    @Test
    void otherAgentsProcessesAndMacAppsShowTheToolsToo() {
        String defender = Samples.defenderProcess("2026-03-05T16:00:00Z", "nwl-lt-1.corp.example.com", "bmiller",
                "C:\\Users\\bmiller\\Downloads\\DeepFaceLive_NVIDIA\\_internal\\python\\python.exe",
                "python.exe main.py run DeepFaceLive --userdata-dir ..\\userdata");
        List<Event> defenderEvents = DetectorHarness.read("defender-endpoint", defender);
        String falcon = RemoteAccessDetectorTest.falconProcess("2026-03-06T16:00:00Z", "NWL-LT-2", "dmartin",
                "\\Device\\HarddiskVolume3\\Program Files (x86)\\Screaming Bee\\MorphVOX Pro\\MorphVOXPro.exe");
        List<Event> falconEvents = DetectorHarness.read("crowdstrike-fdr", falcon);
        assertThat(defenderEvents).extracting(Event::type).containsExactly("defender.process");
        assertThat(falconEvents).extracting(Event::type).containsExactly("ProcessRollup2");
        List<Signal> signals = company().with(defenderEvents).with(falconEvents)
                .with("osquery", osquery("apps", 1772900000L, "NWL-LT-3", "name", "Deep-Live-Cam.app", "path",
                        "/Applications/Deep-Live-Cam.app", "bundle_name", "Deep-Live-Cam"))
                .run(new FaceVoiceChangerDetector());
        assertThat(signals).extracting(s -> s.subject().value() + " " + s.strength())
                .containsExactlyInAnyOrder("E1 0.55", "E2 0.2", "E3 0.45");
        assertThat(signals).filteredOn(s -> s.subject().equals(EntityRef.worker("E1"))).singleElement()
                .satisfies(s -> assertThat(s.explanation()).contains("The face swapper DeepFaceLive",
                        "1 day after the worker started"));
        assertThat(signals).filteredOn(s -> s.subject().equals(EntityRef.worker("E2"))).singleElement()
                .satisfies(s -> assertThat(s.explanation()).contains("The voice changer MorphVOX"));
    }

    /**
     * Near misses: a virtual camera (OBS), a Python script in an ordinary project, the look-up of a
     * voice changer's site, an approved product, and the same product again on one laptop.
     */
    @Test
    void virtualCamerasOrdinaryScriptsLookUpsApprovedToolsAndRepeatsRaiseNothingMore() {
        String obs = process("2026-03-05T15:00:00Z", "NWL-LT-2.corp.example.com", "NORTHWIND\\dmartin",
                "C:\\Program Files\\obs-studio\\bin\\64bit\\obs64.exe", "\"obs64.exe\" --startvirtualcam");
        String script = pythonRun("2026-03-05T15:10:00Z", "NWL-LT-2.corp.example.com", "NORTHWIND\\dmartin",
                "C:\\Python312\\python.exe", "python C:\\Users\\dmartin\\projects\\etl\\run.py --day 2026-03-04",
                "C:\\Users\\dmartin\\");
        String lookUp = sysmon(22, "2026-03-05T15:20:00Z", "NWL-LT-2.corp.example.com", "QueryName",
                "www.voicemod.net", "Image", "C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe");
        String clownfishPath = "C:\\Program Files (x86)\\ClownfishVoiceChanger\\ClownfishVoiceChanger.exe";
        String clownfish = process("2026-03-05T16:00:00Z", "NWL-LT-3.corp.example.com", "NORTHWIND\\rowens",
                clownfishPath, "ClownfishVoiceChanger.exe");
        String again = process("2026-03-06T16:00:00Z", "NWL-LT-3.corp.example.com", "NORTHWIND\\rowens",
                clownfishPath, "ClownfishVoiceChanger.exe");
        String approved = process("2026-03-05T17:00:00Z", "NWL-LT-2.corp.example.com", "NORTHWIND\\dmartin",
                "C:\\Program Files\\Voicemod Desktop\\VoicemodDesktop.exe", "VoicemodDesktop.exe");
        List<Signal> signals = company()
                .settings(FaceVoiceChangerDetector.ID, Map.of("approved_tools", List.of("voicemod")))
                .with("windows-evtx-json", obs + script + lookUp + clownfish + again + approved)
                .run(new FaceVoiceChangerDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E3"));
            assertThat(s.explanation()).contains("The voice changer Clownfish Voice Changer");
        });
    }

    /** A Zoom participant record as a collection of the Dashboard API writes it, the meeting's topic added. */
    static String zoom(String email, String joined, String pc, String microphone, String camera) {
        return "{\"meeting_uuid\":\"4rTz1bS9Q3uV0dH8fX2wLg==\",\"meeting_id\":\"85104433120\",\"topic\":"
                + "\"Sprint planning\",\"id\":\"\",\"user_id\":\"16778240\",\"user_name\":\"x\",\"device\":"
                + "\"Windows\",\"ip_address\":\"185.242.5.85\",\"location\":\"New York (US)\",\"network_type\":"
                + "\"Wifi\",\"microphone\":" + Samples.json(microphone) + ",\"speaker\":\"Speakers (Realtek(R) "
                + "Audio)\",\"camera\":" + Samples.json(camera) + ",\"data_center\":\"United States (SC "
                + "Crossconnect)\",\"connection_type\":\"UDP\",\"join_time\":\"" + joined + "\",\"leave_time\":"
                + "\"2026-03-09T15:31:02Z\",\"pc_name\":" + Samples.json(pc) + ",\"email\":" + Samples.json(email)
                + ",\"os\":\"Windows\",\"version\":\"6.3.11.60501\"}\n";
    }

    /**
     * On a call: Voicemod's virtual microphone on a new hire's Zoom call (said once, however many calls
     * follow), a face swapper's camera on a call of a worker whose laptop has a voice changer (both),
     * and generic virtual devices (OBS's camera, VB-Audio's cable) that name no product.
     */
    @Test
    void aFaceOrVoiceChangersDeviceOnAZoomCallIsUseInFrontOfColleagues() {
        String calls = zoom("benjamin.miller@example.com", "2026-03-09T15:00:12Z", "NWL-LT-1",
                "Microphone (Voicemod Virtual Audio Device (WDM))", "Integrated Webcam")
                + zoom("benjamin.miller@example.com", "2026-03-10T15:00:12Z", "NWL-LT-1",
                        "Microphone (Voicemod Virtual Audio Device (WDM))", "Integrated Webcam")
                + zoom("dana.martin@example.com", "2026-03-09T16:00:00Z", "NWL-LT-2",
                        "CABLE Output (VB-Audio Virtual Cable)", "OBS Virtual Camera")
                + zoom("ruth.owens@example.com", "2026-03-11T16:00:00Z", "DESKTOP-7QK2L1M",
                        "Microphone Array (Realtek(R) Audio)", "DeepFaceLive Camera")
                // the pair already said: Voicemod's first call is said as the call it is
                + zoom("ruth.owens@example.com", "2026-03-12T16:00:00Z", "NWL-LT-3",
                        "Microphone (Voicemod Virtual Audio Device (WDM))", "Integrated Webcam");
        List<Event> events = DetectorHarness.read("zoom-participants", calls);
        assertThat(events).hasSize(5);
        List<Signal> signals = company()
                .with("osquery", osquery("programs", 1773072000L, "NWL-LT-3", "name", "Voicemod"))
                .with(events)
                .run(new FaceVoiceChangerDetector());
        assertThat(signals).extracting(s -> s.subject().value() + " " + s.strength())
                .containsExactly("E1 0.55", "E3 0.2", "E3 0.6", "E3 0.45");
        assertThat(signals.get(0).explanation()).contains("The voice changer Voicemod was in use on a Zoom call "
                + "(\u201cSprint planning\u201d) joined 2026-03-09T15:00:12Z from 185.242.5.85 on the computer NWL-LT-1 "
                + "(the microphone \"Microphone (Voicemod Virtual Audio Device (WDM))\", 5 days after the worker "
                + "started)", "heard it");
        assertThat(signals.get(2).explanation()).contains("Both a face swapper (DeepFaceLive) and a voice changer "
                + "(Voicemod)", "the camera \"DeepFaceLive Camera\"", "on the computer DESKTOP-7QK2L1M");
        assertThat(signals.get(2).evidence()).hasSize(2);
        assertThat(signals.get(3).explanation()).startsWith("The voice changer Voicemod was in use on a Zoom call");
    }

    /** A participant record naming no one (no email, name, computer or address) is counted as skipped, not a crash. */
    @Test
    void aCallRecordNamingNoOneIsSkippedAndCounted() {
        String anonymous = "{\"join_time\":\"2026-03-09T15:00:12Z\",\"microphone\":\"Microphone (Voicemod Virtual "
                + "Audio Device (WDM))\",\"camera\":\"\",\"data_center\":\"United States (SC Crossconnect)\"}\n";
        List<Event> events = DetectorHarness.read("zoom-participants", anonymous);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.user()).isNull();
            assertThat(e.host()).isNull();
            assertThat(e.sourceIp()).isNull();
        });
        DetectorHarness h = company().with(events);
        assertThat(h.run(new FaceVoiceChangerDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsEntry("face or voice changer on a call whose participant record "
                + "names no one (no account, computer or address)", 1L);
    }

    /**
     * A Teams meeting's call record as Graph gives it expanded: each participant's session with the
     * conferencing server, the participant's devices on its media.
     */
    static String teamsMeeting(String... participants) {
        StringBuilder sessions = new StringBuilder();
        for (int i = 0; i < participants.length; i += 4) {
            if (i > 0) {
                sessions.append(',');
            }
            String caller = participants[i] == null ? "{\"@odata.type\":\"#microsoft.graph.callRecords."
                    + "participantEndpoint\"}"
                    : "{\"@odata.type\":\"#microsoft.graph.callRecords.participantEndpoint\",\"name\":\""
                            + participants[i + 1] + "\",\"associatedIdentity\":{\"id\":\"a" + i + "\","
                            + "\"displayName\":\"x\",\"userPrincipalName\":\"" + participants[i] + "\"}}";
            sessions.append("{\"id\":\"s").append(i).append("\",\"startDateTime\":\"2026-03-09T15:00:1").append(i / 4)
                    .append("Z\",\"caller\":").append(caller).append(",\"callee\":{\"@odata.type\":\"#microsoft."
                            + "graph.callRecords.serviceEndpoint\"},\"segments\":[{\"media\":[{\"label\":\"main-audio\","
                            + "\"callerDevice\":{\"captureDeviceName\":").append(Samples.json(participants[i + 2]))
                    .append("},\"calleeDevice\":{\"captureDeviceName\":\"Voicemod\"}")
                    .append(participants[i] == null ? "" : ",\"callerNetwork\":{\"reflexiveIPAddress\":\"185.242.5.85\"}")
                    .append("},{\"label\":\"main-video\",\"callerDevice\":{"
                            + "\"captureDeviceName\":").append(Samples.json(participants[i + 3])).append("}}]}]}");
        }
        return "{\"id\":\"e523d2ed\",\"type\":\"groupCall\",\"modalities\":[\"audio\",\"video\"],"
                + "\"startDateTime\":\"2026-03-09T15:00:00Z\",\"organizer_v2\":{\"identity\":{\"user\":{"
                + "\"displayName\":\"Owen Franklin\"}}},\"sessions\":[" + sessions + "]}\n";
    }

    /**
     * The same devices on a Teams meeting: read from the participant's end of each session (the
     * conferencing server's end, here naming a voice changer, is no one's), said as a Teams meeting
     * with its organiser; a participant naming no one is counted as skipped.
     */
    @Test
    void aFaceOrVoiceChangersDeviceOnATeamsMeetingIsUseInFrontOfColleagues() {
        List<Event> events = DetectorHarness.read("teams-callrecords", teamsMeeting(
                "benjamin.miller@example.com", "NWL-LT-1", "Microphone (Voicemod Virtual Audio Device (WDM))",
                "Integrated Webcam",
                "dana.martin@example.com", "NWL-LT-2", "Microphone Array (Realtek(R) Audio)", "Deep-Live-Cam",
                "ruth.owens@example.com", "NWL-LT-3", "Microphone Array (Realtek(R) Audio)", "Integrated Webcam",
                null, null, "Microphone (Voicemod Virtual Audio Device (WDM))", ""));
        assertThat(events).hasSize(4);
        DetectorHarness h = company().with(events);
        List<Signal> signals = h.run(new FaceVoiceChangerDetector());
        assertThat(signals).extracting(s -> s.subject().value() + " " + s.strength())
                .containsExactly("E1 0.55", "E2 0.6");
        assertThat(signals.get(0).explanation()).contains("The voice changer Voicemod was in use on a Teams meeting "
                + "organised by Owen Franklin joined 2026-03-09T15:00:10Z from 185.242.5.85 on the computer NWL-LT-1 "
                + "(the microphone \"Microphone (Voicemod Virtual Audio Device (WDM))\", 5 days after the worker "
                + "started)");
        assertThat(signals.get(1).explanation()).contains("The face swapper Deep-Live-Cam was in use on a Teams "
                + "meeting", "the camera \"Deep-Live-Cam\"", "saw it");
        assertThat(h.skippedReasons()).containsEntry("face or voice changer on a call whose participant record "
                + "names no one (no account, computer or address)", 1L);
    }

    /** Every device name the catalogue knows names one of its products, so a call's device always resolves. */
    @Test
    void everyDeviceNameNamesAProductOfTheCatalogue() {
        RemoteToolCatalogue c = RemoteToolCatalogue.faceAndVoiceChangers();
        assertThat(BuiltInFaceVoiceChangers.DEVICE_NAMES.values()).allSatisfy(name -> assertThat(c.tool(name))
                .as(name).isNotNull());
    }

    @Test
    void theScriptOfAPythonCommandLineIsItsFirstPyArgument() {
        assertThat(SoftwareSightings.scriptPath("python  run.py --execution-provider cuda")).isEqualTo("run.py");
        assertThat(SoftwareSightings.scriptPath("\"C:\\Python310\\python.exe\" "
                + "\"C:\\Users\\x\\Face Fusion\\facefusion.py\" run")).isEqualTo("C:\\Users\\x\\Face Fusion\\facefusion.py");
        assertThat(SoftwareSightings.scriptPath("python -m http.server 8000")).isNull();
        assertThat(SoftwareSightings.scriptPath("python \"unterminated.py")).isEqualTo("unterminated.py");
        assertThat(SoftwareSightings.scriptPath("")).isNull();
    }

    @Test
    void pythonsInterpretersAreScriptHostsAndTheirFoldersNameTheTool() {
        assertThat(RemoteToolCatalogue.scriptHost("python.exe")).isTrue();
        assertThat(RemoteToolCatalogue.scriptHost("PythonW.exe")).isTrue();
        assertThat(RemoteToolCatalogue.scriptHost("python3.11")).isTrue();
        assertThat(RemoteToolCatalogue.scriptHost("python-setup.exe")).isFalse();
        assertThat(RemoteToolCatalogue.scriptHost("pythonista")).isFalse();
        RemoteToolCatalogue c = RemoteToolCatalogue.faceAndVoiceChangers();
        assertThat(c.byPath("C:\\Users\\x\\miniconda3\\envs\\facefusion\\python.exe").name()).isEqualTo("FaceFusion");
        assertThat(c.byPath("/home/x/src/Deep-Live-Cam/venv/bin/python3").name()).isEqualTo("Deep-Live-Cam");
        // only a script host's folders count: a tool's folder holding something else names nothing
        assertThat(c.byPath("C:\\Users\\x\\Deep-Live-Cam\\ffmpeg.exe")).isNull();
        assertThat(c.byPath("C:\\Python312\\python.exe")).isNull();
        // the remote-access catalogue is not named by folders: a project folder called "caffeine" is no jiggler
        assertThat(RemoteToolCatalogue.builtIn().byPath("C:\\Users\\x\\caffeine\\venv\\Scripts\\python.exe"))
                .isNull();
        assertThat(RemoteToolCatalogue.builtIn().byProgram("caffeine")).isNotNull();
        assertThat(c.tools()).extracting(RemoteTool::kind).contains(RemoteTool.Kind.FACE_CHANGER,
                RemoteTool.Kind.VOICE_CHANGER).doesNotContain(RemoteTool.Kind.REMOTE_CONTROL);
    }
}
