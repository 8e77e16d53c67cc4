package dev.unravel.detect.control;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.PreparingDetector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.EndpointEvents;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.Normalise;
import dev.unravel.detect.roster.Person;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Korean or Chinese typing set up on a worker's company laptop: a keyboard layout or input method
 * (IME) for either language added to its user's input languages. The scheme's operators type
 * Korean and often work from China, and reports on the scheme name Korean language settings on the
 * laptops they ran; so do a great many of any company's own people, for their own reasons. So this
 * is a weak signal that adds weight beside other findings and never makes a case alone, and its
 * explanation says so.
 *
 * <p>Where it shows:
 * <ul>
 * <li>Windows keeps a user's input languages in the registry: {@code HKU\<SID>\Keyboard Layout\Preload}
 *     values (and {@code Substitutes}) hold keyboard layout ids ("00000412", an IME's "E0010412")
 *     whose low 16 bits are the language id, and {@code Control Panel\International\User Profile\<tag>}
 *     holds one value per input method named "0412:{CLSID}{profile}". Written when the user adds the
 *     language: Sysmon event 13 (with a rule for those keys) or Defender for Endpoint's
 *     DeviceRegistryEvents give {@code TargetObject}/{@code Details}; osquery's {@code registry}
 *     table gives {@code path}/{@code data}.</li>
 * <li>macOS keeps them in the user's {@code com.apple.HIToolbox} preferences
 *     ({@code AppleEnabledInputSources}, {@code AppleSelectedInputSources},
 *     {@code AppleInputSourceHistory}): osquery's {@code preferences} table gives one row per
 *     value, {@code subkey} "1/Bundle ID" or "1/Input Mode" and {@code value}
 *     "com.apple.inputmethod.Korean.2SetKorean".</li>
 * <li>An input method's own program running, by the folder it runs from: macOS's
 *     {@code /System/Library/Input Methods/KoreanIM.app} (osquery's {@code processes}), Windows'
 *     {@code InputMethod\CHS\ChsIME.exe} (any agent's process starts).</li>
 * </ul>
 * The language counts by its primary language id (Korean 0x12, Chinese 0x04, every region of
 * each), so a third-party IME (Sogou, QQ) counts as Microsoft's does; on macOS by the input
 * source's id. A worker whose declared country speaks the language raises nothing. One signal per
 * laptop and language, at its first sighting. Settings: {@code korean_strength} (0.25),
 * {@code chinese_strength} (0.2), {@code max_hosts}.
 */
public final class InputLanguageDetector implements PreparingDetector<InputLanguageDetector.InputSource> {

    public static final String ID = "control.input-language";

    /** A language the scheme's operators type, with the countries where typing it is expected. */
    enum Language {
        KOREAN("Korean", 0x12, Set.of("KR")),
        CHINESE("Chinese", 0x04, Set.of("CN", "TW", "HK", "MO", "SG"));

        final String label;
        final int primaryLanguageId;
        final Set<String> countries;

        Language(String label, int primaryLanguageId, Set<String> countries) {
            this.label = label;
            this.primaryLanguageId = primaryLanguageId;
            this.countries = countries;
        }

        static Language ofLanguageId(int languageId) {
            int primary = languageId & 0x3FF;
            for (Language l : values()) {
                if (l.primaryLanguageId == primary) {
                    return l;
                }
            }
            return null;
        }
    }

    /**
     * An input language found on a laptop.
     *
     * @param language the language
     * @param what     what was found, as an analyst reads it ("keyboard layout E0010412")
     * @param where    the registry value, preference or program that holds it
     * @param log      the records it was found in ("Sysmon registry writes")
     */
    record InputSource(Language language, String what, String where, String log) {
        InputSource in(String records) {
            return new InputSource(language, what, where, records);
        }
    }

    private static final String PRELOAD = "\\keyboard layout\\preload\\";
    private static final String SUBSTITUTES = "\\keyboard layout\\substitutes\\";
    private static final String USER_PROFILE = "\\control panel\\international\\user profile\\";
    private static final String HITOOLBOX = "com.apple.hitoolbox";

    /** macOS input source ids by language: Apple's own and the common third-party ones. */
    private static final Map<Language, List<String>> MAC_SOURCES = Map.of(
            Language.KOREAN, List.of("com.apple.inputmethod.korean", "hangul", "hangeul", "gureum"),
            Language.CHINESE, List.of("com.apple.inputmethod.scim", "com.apple.inputmethod.tcim",
                    "com.apple.inputmethod.chinesehandwriting", "com.sogou.inputmethod", "com.baidu.inputmethod",
                    "com.tencent.inputmethod", "im.rime.inputmethod", "pinyin", "wubi", "zhuyin", "cangjie"));

    /**
     * The folders input methods run from, lower case, and each method's folder or app under it by
     * language: macOS's {@code /System/Library/Input Methods/KoreanIM.app} and third parties'
     * {@code /Library/Input Methods/…}; Windows' {@code InputMethod\CHS\ChsIME.exe} (Microsoft Pinyin),
     * {@code CHT} (Bopomofo, ChangJie) and {@code IME\IMEKR} (Microsoft's Korean IME).
     */
    private static final List<String> INPUT_METHOD_FOLDERS = List.of("/input methods/", "\\inputmethod\\",
            "\\ime\\");
    private static final Map<String, Language> INPUT_METHODS = Map.ofEntries(
            Map.entry("koreanim.app", Language.KOREAN), Map.entry("gureum.app", Language.KOREAN),
            Map.entry("imekr", Language.KOREAN),
            Map.entry("scim.app", Language.CHINESE), Map.entry("tcim.app", Language.CHINESE),
            Map.entry("sogouinput.app", Language.CHINESE), Map.entry("squirrel.app", Language.CHINESE),
            Map.entry("baiduim.app", Language.CHINESE), Map.entry("qqinput.app", Language.CHINESE),
            Map.entry("chs", Language.CHINESE), Map.entry("cht", Language.CHINESE));

    private Settings settings;
    private PerEntity<String, Set<Language>> reported;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "laptops' keyboard layouts and input methods (Sysmon or Defender for Endpoint registry events, "
                + "osquery registry and preferences)";
    }

    @Override
    public String description() {
        return "A Korean or Chinese keyboard layout or input method on a worker's company laptop (Windows "
                + "Keyboard Layout\\Preload and User Profile registry values via Sysmon 13, Defender for Endpoint or "
                + "osquery; macOS input sources via osquery preferences) — weak: it only adds to other findings";
    }

    @Override
    public Set<String> eventTypes() {
        return EndpointEvents.with(EndpointEvents.types(EndpointEvents.Kind.REGISTRY, EndpointEvents.Kind.PROCESS),
                "osquery.");
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        reported = ctx.state(settings.integer("max_hosts", 200_000));
    }

    /**
     * Whether the event shows an input language, worked out on the reader threads: every process
     * start of every laptop comes here, and its path is searched for an input method's folder.
     */
    @Override
    public InputSource prepare(Event e) {
        return e.host() == null || e.host().isBlank() ? null : inputSourceOf(e);
    }

    @Override
    public void onEvent(Event e, InputSource source, DetectorContext ctx) {
        if (source == null) {
            return;
        }
        String workerId = ctx.roster().workerIdOfHost(e.host());
        Person worker = ctx.roster().worker(workerId);
        if (worker == null) {
            ctx.skipped("input language of a computer not assigned to a worker");
            return;
        }
        if (worker.country() != null && source.language().countries.contains(worker.country())) {
            ctx.skipped("input language spoken in the worker's declared country");
            return;
        }
        Set<Language> seen = reported.get(Normalise.deviceName(e.host()), k -> EnumSet.noneOf(Language.class));
        if (!seen.add(source.language())) {
            return;
        }
        double strength = source.language() == Language.KOREAN ? settings.number("korean_strength", 0.25)
                : settings.number("chinese_strength", 0.2);
        ctx.signal(ID, EntityRef.worker(workerId)).stage(Stage.CONTROL).strength(strength).evidence(e)
                .because("A " + source.language().label + " input language (" + source.what() + ") is set up on "
                        + e.host() + ", " + worker.name() + "'s company laptop, per " + source.log() + " ("
                        + source.where() + "). The scheme's operators type " + source.language().label
                        + "; so do many of the company's own people: this adds weight beside other findings and "
                        + "means nothing alone.")
                .emit();
    }

    /** The Korean or Chinese input source a record shows, or null when it shows none. */
    static InputSource inputSourceOf(Event e) {
        Map<String, Object> doc = e.document();
        EndpointEvents.Log log = EndpointEvents.of(e.type());
        if (log != null) {
            InputSource found = null;
            if (log.kind() == EndpointEvents.Kind.REGISTRY && doc.get("TargetObject") instanceof String target) {
                found = windows(target, doc.get("Details"));
            } else if (log.kind() == EndpointEvents.Kind.PROCESS && doc.get("Image") instanceof String image) {
                found = inputMethodProgram(image, true);
            }
            return found == null ? null : found.in(log.records());
        }
        if (!e.type().startsWith("osquery.") || !(doc.get("columns") instanceof Map<?, ?> row)) {
            return null;
        }
        InputSource found = null;
        String table = null;
        if (row.get("path") instanceof String path) {
            if (row.containsKey("data")) {
                found = windows(path, row.get("data"));
                table = "osquery's registry table";
            } else {
                // processes rows have a pid; apps and programs rows are what is installed
                boolean running = row.containsKey("pid");
                found = inputMethodProgram(path, running);
                table = running ? "osquery's process starts" : "osquery's installed software";
            }
        } else if (row.get("domain") instanceof String domain && domain.equalsIgnoreCase(HITOOLBOX)
                && row.get("value") instanceof String value) {
            found = mac(value, String.valueOf(row.get("key")), row.get("subkey"));
            table = "osquery's preferences table";
        }
        return found == null ? null : found.in(table);
    }

    /** An input method's program, running or installed, by its folder; null for any other program. */
    static InputSource inputMethodProgram(String image, boolean running) {
        for (String folder : INPUT_METHOD_FOLDERS) {
            int at = indexOfIgnoreCase(image, folder);
            if (at < 0) {
                continue;
            }
            int from = at + folder.length();
            int to = from;
            while (to < image.length() && image.charAt(to) != '/' && image.charAt(to) != '\\') {
                to++;
            }
            Language language = INPUT_METHODS.get(image.substring(from, to).toLowerCase(Locale.ROOT));
            if (language != null) {
                return new InputSource(language, "the input method " + image.substring(from, to)
                        + (running ? " running" : " installed"), image, null);
            }
        }
        return null;
    }

    /**
     * Where {@code lower} (lower case, starting with a path separator) occurs in {@code s} ignoring
     * case, else -1; no copy of {@code s}, and a full comparison only at a separator, since every
     * process start of every laptop comes through here.
     */
    private static int indexOfIgnoreCase(String s, String lower) {
        char first = lower.charAt(0);
        for (int i = 0, last = s.length() - lower.length(); i <= last; i++) {
            if (s.charAt(i) == first && s.regionMatches(true, i, lower, 0, lower.length())) {
                return i;
            }
        }
        return -1;
    }

    /**
     * A Windows registry value naming an input language: a layout id under a user's
     * {@code Keyboard Layout\Preload} or {@code Substitutes}, or an input method's value under
     * {@code Control Panel\International\User Profile}. The machine-wide catalogue
     * ({@code HKLM\...\Keyboard Layouts}) lists every layout Windows ships and says nothing.
     */
    static InputSource windows(String path, Object data) {
        String lower = path.toLowerCase(Locale.ROOT);
        String name = path.substring(path.lastIndexOf('\\') + 1);
        if (lower.contains(PRELOAD) || lower.contains(SUBSTITUTES)) {
            String value = data instanceof String s ? s.strip() : "";
            for (String candidate : List.of(value, name)) {
                Integer layout = hex(candidate, 8);
                Language language = layout == null ? null : Language.ofLanguageId(layout & 0xFFFF);
                if (language != null) {
                    return new InputSource(language, "keyboard layout " + candidate.toUpperCase(Locale.ROOT), path,
                            null);
                }
            }
            return null;
        }
        int profile = lower.indexOf(USER_PROFILE);
        if (profile >= 0 && name.length() > 5 && name.charAt(4) == ':') {
            Integer languageId = hex(name.substring(0, 4), 4);
            Language language = languageId == null ? null : Language.ofLanguageId(languageId);
            if (language != null) {
                // the value's name is the language and the method's two GUIDs; the path shows them whole
                return new InputSource(language, "an input method for language " + name.substring(0, 4), path, null);
            }
        }
        return null;
    }

    /** A macOS input source id ("com.apple.inputmethod.Korean.2SetKorean") in the HIToolbox preferences. */
    static InputSource mac(String value, String key, Object subkey) {
        String lower = value.toLowerCase(Locale.ROOT);
        for (var entry : MAC_SOURCES.entrySet()) {
            for (String marker : entry.getValue()) {
                if (lower.contains(marker)) {
                    String where = "com.apple.HIToolbox " + key
                            + (subkey instanceof String s && !s.isEmpty() ? " " + s : "");
                    return new InputSource(entry.getKey(), "input source " + value.strip(), where, null);
                }
            }
        }
        return null;
    }

    /** Exactly {@code digits} hex digits as a number, else null (a Preload value's name "4" is no layout). */
    private static Integer hex(String s, int digits) {
        if (s.length() != digits) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return null;
            }
        }
        return (int) Long.parseLong(s, 16);
    }
}
