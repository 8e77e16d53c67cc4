package dev.unravel.detect.control;

import static dev.unravel.detect.control.Samples.ASSETS_HEADER;
import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static dev.unravel.detect.control.Samples.json;
import static dev.unravel.detect.control.Samples.laptop;
import static dev.unravel.detect.control.Samples.osquery;
import static dev.unravel.detect.control.Samples.process;
import static dev.unravel.detect.control.Samples.sysmon;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.control.InputLanguageDetector.Language;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class InputLanguageDetectorTest {

    static final String SID = "S-1-5-21-1004336348-1177238915-682003330-1104";
    static final String PRELOAD = "HKU\\" + SID + "\\Keyboard Layout\\Preload\\";

    /** Two US workers with Windows laptops, one in Seoul with hers. */
    static DetectorHarness company() {
        String seoul = employee("E3", "Ji-woo", "Han", "jhan", "2025-05-01").replace(",TX,73301,US,America/Chicago,",
                ",,04524,KR,Asia/Seoul,");
        return new DetectorHarness()
                .with("hr-employees", EMPLOYEES_HEADER + employee("E1", "Betty", "Reed", "breed", "2026-03-02")
                        + employee("E2", "Omar", "Haddad", "ohaddad", "2022-01-10") + seoul)
                .with("asset-assignments", ASSETS_HEADER + laptop("NWL-LT-1", "SER1", "E1")
                        + laptop("NWL-LT-2", "SER2", "E2") + laptop("NWL-LT-3", "SER3", "E3"));
    }

    /** Sysmon 13 as evtx_dump writes a value the Settings app sets while the user adds a language. */
    static String valueSet(String time, String computer, String target, String details) {
        return sysmon(13, time, computer, "RuleName", "-", "EventType", "SetValue",
                "UtcTime", time.replace('T', ' ').replace("Z", ".000"),
                "ProcessGuid", "{3f1a2b4c-0000-0000-0000-000000000001}", "ProcessId", "6120",
                "Image", "C:\\Windows\\ImmersiveControlPanel\\SystemSettings.exe",
                "TargetObject", target, "Details", details, "User", "NORTHWIND\\breed");
    }

    static List<Signal> run(String format, String records) {
        return company().with(format, records).run(new InputLanguageDetector());
    }

    @Test
    void aKoreanLayoutAddedIsAWeakControlSignalThatSaysItMeansNothingAlone() {
        List<Signal> signals = run("windows-evtx-json",
                valueSet("2026-03-02T15:20:00Z", "NWL-LT-1.corp.example.com", PRELOAD + "2", "00000412"));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.detector()).isEqualTo(InputLanguageDetector.ID);
            assertThat(s.stage()).isEqualTo(Stage.CONTROL);
            assertThat(s.strength()).isEqualTo(0.25);
            assertThat(s.evidence()).hasSize(1);
            assertThat(s.explanation()).contains("A Korean input language (keyboard layout 00000412)",
                    "NWL-LT-1.corp.example.com, Betty Reed's company laptop", "per Sysmon registry writes",
                    "Keyboard Layout\\Preload\\2", "so do many of the company's own people", "means nothing alone");
        });
    }

    @Test
    void englishLayouts_aSlotNamedLikeALanguage_andTheMachinesCatalogueAreNothing() {
        String records = valueSet("2026-03-02T15:20:00Z", "NWL-LT-1", PRELOAD + "1", "00000409")
                // the value's name "4" is a slot, not Chinese (language id 0x04)
                + valueSet("2026-03-02T15:21:00Z", "NWL-LT-1", PRELOAD + "4", "00000409")
                // every layout Windows ships is in the machine's catalogue
                + valueSet("2026-03-02T15:22:00Z", "NWL-LT-1",
                        "HKLM\\System\\CurrentControlSet\\Control\\Keyboard Layouts\\00000412\\Layout File",
                        "KBDKOR.DLL")
                // Japanese is neither language
                + valueSet("2026-03-02T15:23:00Z", "NWL-LT-1", PRELOAD + "3", "00000411");
        assertThat(run("windows-evtx-json", records)).isEmpty();
    }

    @Test
    void imeLayouts_inputMethodProfiles_andEveryRegionCountByTheirLanguage() {
        assertThat(InputLanguageDetector.windows(PRELOAD + "2", "E0010412").language()).isEqualTo(Language.KOREAN);
        // a third-party IME's layout id (Sogou's kind) carries the language in its low word
        assertThat(InputLanguageDetector.windows(PRELOAD + "3", "E0200804").language()).isEqualTo(Language.CHINESE);
        for (String region : List.of("00000404", "00000c04", "00001004", "00001404")) {
            assertThat(InputLanguageDetector.windows(PRELOAD + "2", region).language()).as(region)
                    .isEqualTo(Language.CHINESE);
        }
        var profile = InputLanguageDetector.windows("HKU\\" + SID + "\\Control Panel\\International\\User Profile\\"
                + "zh-Hans-CN\\0804:{81D4E9C9-1D3B-41BC-9E6C-4B40BF79E35E}{FA550B04-5AD7-411F-A5AC-CA038EC515D7}",
                "DWORD (0x00000001)");
        assertThat(profile.language()).isEqualTo(Language.CHINESE);
        assertThat(profile.what()).isEqualTo("an input method for language 0804");
        assertThat(profile.where()).endsWith("\\zh-Hans-CN\\0804:{81D4E9C9-1D3B-41BC-9E6C-4B40BF79E35E}"
                + "{FA550B04-5AD7-411F-A5AC-CA038EC515D7}");
        assertThat(InputLanguageDetector.windows("HKU\\" + SID + "\\Control Panel\\International\\User Profile\\"
                + "en-US\\0409:00000409", "DWORD (0x00000001)")).isNull();
    }

    @Test
    void defenderForEndpointsRegistryEventsCount() {
        String row = Samples.defender("DeviceRegistryEvents", "2026-03-02T15:20:00Z", "nwl-lt-1.corp.example.com",
                "ActionType", json("RegistryValueSet"), "RegistryKey",
                json("HKEY_CURRENT_USER\\" + SID + "\\Keyboard Layout\\Preload"), "RegistryValueName", json("2"),
                "RegistryValueData", json("00000412"), "InitiatingProcessFolderPath",
                json("c:\\windows\\immersivecontrolpanel\\systemsettings.exe"));
        assertThat(run("defender-endpoint", row)).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.explanation()).contains("per Microsoft Defender for Endpoint registry writes");
        });
    }

    @Test
    void osquerysRegistryPreferencesAndProcessRowsCount() {
        String registry = osquery("keyboard_layouts", 1772464800L, "NWL-LT-1", "path",
                "HKEY_USERS\\" + SID + "\\Keyboard Layout\\Preload\\2", "name", "2", "data", "00000804", "mtime",
                "1772464800");
        assertThat(run("osquery", registry)).singleElement().satisfies(s -> assertThat(s.explanation())
                .contains("A Chinese input language (keyboard layout 00000804)", "per osquery's registry table"));

        String mac = osquery("input_sources", 1772464800L, "NWL-LT-2", "username", "ohaddad", "domain",
                "com.apple.HIToolbox", "key", "AppleEnabledInputSources", "subkey", "0/KeyboardLayout Name",
                "value", "ABC")
                + osquery("input_sources", 1772464800L, "NWL-LT-2", "username", "ohaddad", "domain",
                        "com.apple.HIToolbox", "key", "AppleEnabledInputSources", "subkey", "3/Input Mode",
                        "value", "com.apple.inputmethod.Korean.2SetKorean");
        assertThat(run("osquery", mac)).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
            assertThat(s.explanation()).contains("input source com.apple.inputmethod.Korean.2SetKorean",
                    "per osquery's preferences table", "com.apple.HIToolbox AppleEnabledInputSources 3/Input Mode");
        });

        String running = osquery("processes", 1772464800L, "NWL-LT-2", "pid", "812", "name", "KoreanIM", "path",
                "/System/Library/Input Methods/KoreanIM.app/Contents/MacOS/KoreanIM", "cmdline",
                "/System/Library/Input Methods/KoreanIM.app/Contents/MacOS/KoreanIM");
        assertThat(run("osquery", running)).singleElement().satisfies(s -> assertThat(s.explanation())
                .contains("the input method KoreanIM.app running", "per osquery's process starts"));
        String japanese = running.replace("KoreanIM", "JapaneseIM");
        assertThat(run("osquery", japanese)).isEmpty();
        String installed = osquery("apps", 1772464800L, "NWL-LT-2", "name", "SogouInput.app", "path",
                "/Library/Input Methods/SogouInput.app", "bundle_identifier", "com.sogou.inputmethod.sogou");
        assertThat(run("osquery", installed)).singleElement().satisfies(s -> assertThat(s.explanation())
                .contains("A Chinese input language (the input method SogouInput.app installed)",
                        "per osquery's installed software"));
    }

    @Test
    void windowsChineseInputMethodRunningCounts_otherProgramsDoNot() {
        String pinyin = process("2026-03-02T15:30:00Z", "NWL-LT-1", "NORTHWIND\\breed",
                "C:\\Windows\\System32\\InputMethod\\CHS\\ChsIME.exe",
                "C:\\Windows\\System32\\InputMethod\\CHS\\ChsIME.exe -Embedding");
        assertThat(run("windows-evtx-json", pinyin)).singleElement().satisfies(s -> assertThat(s.explanation())
                .contains("A Chinese input language (the input method CHS running)", "per Sysmon process starts"));
        Event git = DetectorHarness.read("windows-evtx-json", process("2026-03-02T15:30:00Z", "NWL-LT-1",
                "NORTHWIND\\breed", "C:\\Program Files\\Git\\bin\\git.exe", "git pull")).get(0);
        assertThat(InputLanguageDetector.inputSourceOf(git)).isNull();
    }

    @Test
    void oneSignalPerLaptopAndLanguage() {
        String records = valueSet("2026-03-02T15:20:00Z", "NWL-LT-1", "HKU\\" + SID
                + "\\Control Panel\\International\\User Profile\\ko\\0412:{A028AE76-01B1-46C2-99C4-ACD9858AE02F}"
                + "{B5FE1F02-D5F2-4445-9C03-C568F23C99A1}", "DWORD (0x00000001)")
                + valueSet("2026-03-02T15:20:01Z", "NWL-LT-1", PRELOAD + "2", "00000412")
                + valueSet("2026-03-09T15:20:00Z", "NWL-LT-1", PRELOAD + "3", "00000804")
                + valueSet("2026-03-09T15:20:00Z", "NWL-LT-2", PRELOAD + "2", "00000412");
        List<Signal> signals = run("windows-evtx-json", records);
        assertThat(signals).extracting(s -> s.subject().value() + " " + s.strength())
                .containsExactly("E1 0.25", "E1 0.2", "E2 0.25");
        // the first of the two Korean values is the evidence
        assertThat(signals.get(0).explanation()).contains("(an input method for language 0412)",
                "User Profile\\ko\\0412:{A028AE76");
    }

    @Test
    void aWorkerDeclaredWhereTheLanguageIsSpoken_andAComputerNobodyHas_raiseNothingButAreCounted() {
        DetectorHarness h = company().with("windows-evtx-json",
                valueSet("2026-03-02T15:20:00Z", "NWL-LT-3", PRELOAD + "2", "00000412")
                        + valueSet("2026-03-02T15:20:00Z", "NWL-LAB-9", PRELOAD + "2", "00000412"));
        assertThat(h.run(new InputLanguageDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsOnlyKeys("input language spoken in the worker's declared country",
                "input language of a computer not assigned to a worker");
        // the same Seoul worker's Chinese layout is not her country's language
        assertThat(run("windows-evtx-json", valueSet("2026-03-02T15:20:00Z", "NWL-LT-3", PRELOAD + "3", "00000804")))
                .singleElement().satisfies(s -> assertThat(s.subject()).isEqualTo(EntityRef.worker("E3")));
    }

    @Test
    void theEventTypesTheReadersGiveAreOnesTheDetectorReads() {
        InputLanguageDetector detector = new InputLanguageDetector();
        for (Event e : List.of(
                DetectorHarness.read("windows-evtx-json", valueSet("2026-03-02T15:20:00Z", "NWL-LT-1", PRELOAD + "2",
                        "00000412")).get(0),
                DetectorHarness.read("windows-evtx-json", process("2026-03-02T15:30:00Z", "NWL-LT-1",
                        "NORTHWIND\\breed", "C:\\Windows\\System32\\InputMethod\\CHS\\ChsIME.exe", "")).get(0),
                DetectorHarness.read("osquery", osquery("input_sources", 1772464800L, "NWL-LT-2", "domain",
                        "com.apple.HIToolbox", "key", "AppleEnabledInputSources", "subkey", "2/Bundle ID", "value",
                        "com.apple.inputmethod.SCIM")).get(0))) {
            assertThat(detector.reads(e.type())).as(e.type()).isTrue();
            assertThat(InputLanguageDetector.inputSourceOf(e)).as(e.type()).isNotNull();
        }
    }
}
