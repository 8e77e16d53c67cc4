package dev.unravel.engine;

import dev.unravel.detect.DetectConfig;
import dev.unravel.engine.score.ScoringConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * The scan configuration file ({@code unravel scan --config unravel.yaml}):
 * <pre>
 * intel: [intel/GeoLite2-Country.mmdb, intel/vpn-cidrs.txt]   # added to --intel
 * rules: [rules/our-sigma]                                     # added to --rules
 * detectors:                                                    # per-detector settings
 *   access.high-risk-country: {countries: [KP, CN, RU, IR]}
 * cases: {open_at: medium, notify: https://hooks.slack.com/…}    # cases: the level that opens one, a webhook
 * </pre>
 * Relative paths are read from the file's folder. Unknown keys are errors naming the file.
 */
public final class ScanConfigFile {

    private static final Set<String> KEYS = Set.of("intel", "rules", "indicators", "detectors", "cases");

    private ScanConfigFile() {
    }

    /**
     * A scan's options from the settings a command takes ({@code --config}, {@code --intel},
     * {@code --rules}, {@code --scoring}, {@code --mapping}; the nullable ones may be null), each file
     * checked first so that a typo is told by name before any work: what {@code unravel scan} and the
     * Flink job both build their scans from.
     *
     * @throws IllegalArgumentException naming the file or setting that cannot be used
     */
    public static Scan.Options options(List<Path> inputs, Path config, List<Path> intel, List<Path> rules,
            Path scoring, List<Path> mappings) throws IOException {
        for (List<Path> given : List.of(inputs, intel, rules, mappings)) {
            for (Path p : given) {
                if (!Files.exists(p)) {
                    throw new IllegalArgumentException(p + ": no such file or folder");
                }
            }
        }
        for (Path p : new Path[] {scoring, config}) {
            if (p != null && !Files.isRegularFile(p)) {
                throw new IllegalArgumentException(p + ": no such file");
            }
        }
        ScoringConfig weights = scoring == null ? ScoringConfig.defaults() : ScoringConfig.load(scoring);
        return Scan.Options.of(inputs).withDetect(load(config, intel, rules)).withScoring(weights)
                .withMappings(mappings);
    }

    @SuppressWarnings("unchecked")
    public static DetectConfig load(Path file, List<Path> intel, List<Path> rules) throws IOException {
        List<Path> allIntel = new ArrayList<>(intel);
        List<Path> allRules = new ArrayList<>(rules);
        List<Path> indicators = new ArrayList<>();
        Map<String, Map<String, Object>> settings = new LinkedHashMap<>();
        if (file != null) {
            Object o;
            try {
                o = new Load(LoadSettings.builder().setMaxAliasesForCollections(10).setLabel(file.toString()).build())
                        .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
            } catch (YamlEngineException e) {
                throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage().lines().findFirst()
                        .orElse(""));
            }
            if (o != null && !(o instanceof Map)) {
                throw new IllegalArgumentException(file + ": the configuration must be a mapping (intel, rules, "
                        + "indicators, detectors, cases)");
            }
            Map<String, Object> m = o == null ? Map.of() : (Map<String, Object>) o;
            for (String k : m.keySet()) {
                if (!KEYS.contains(k)) {
                    throw new IllegalArgumentException(file + ": unknown key '" + k + "' (known: cases, detectors, "
                            + "indicators, intel, rules)");
                }
            }
            Path base = file.toAbsolutePath().getParent();
            allIntel.addAll(paths(m.get("intel"), base, file, "intel"));
            allRules.addAll(paths(m.get("rules"), base, file, "rules"));
            indicators.addAll(paths(m.get("indicators"), base, file, "indicators"));
            Object d = m.get("detectors");
            if (d != null) {
                if (!(d instanceof Map<?, ?> dm)) {
                    throw new IllegalArgumentException(file + ": detectors must map detector ids to settings");
                }
                for (var e : dm.entrySet()) {
                    if (!(e.getValue() instanceof Map<?, ?> s)) {
                        throw new IllegalArgumentException(file + ": detectors." + e.getKey()
                                + " must be a mapping of settings");
                    }
                    Map<String, Object> given = new LinkedHashMap<>((Map<String, Object>) s);
                    if (given.containsKey("files")) {
                        // a detector's files (apply.published-indicator's lists) are read from the file's folder, as
                        // intel and rules are
                        given.put("files", paths(given.get("files"), base, file, "detectors." + e.getKey() + ".files")
                                .stream().map(Path::toString).toList());
                    }
                    settings.put(String.valueOf(e.getKey()), given);
                }
            }
        }
        return new DetectConfig(allIntel, allRules, settings, indicators);
    }

    /**
     * What the file says of cases ({@code cases: {open_at: medium, notify: https://…, console_url: https://…}}):
     * the level that opens one, a webhook to tell of cases opened or reopened, and the console's
     * address for links in that notice; each null when not said. Checked as {@code load} checks the rest.
     */
    public record Cases(String openAt, String webhook, String consoleUrl) {
        static final Cases NONE = new Cases(null, null, null);
    }

    private static final List<String> CASES_KEYS = List.of("open_at", "notify", "console_url");

    public static Cases cases(Path file) throws IOException {
        if (file == null) {
            return Cases.NONE;
        }
        load(file, List.of(), List.of()); // the whole file is valid, or the error names it
        Object o = new Load(LoadSettings.builder().setMaxAliasesForCollections(10).build())
                .loadFromString(Files.readString(file, StandardCharsets.UTF_8));
        Object cases = o instanceof Map<?, ?> m ? m.get("cases") : null;
        if (cases == null) {
            return Cases.NONE;
        }
        if (!(cases instanceof Map<?, ?> c)) {
            throw new IllegalArgumentException(file + ": cases must be a mapping, e.g. {open_at: medium}");
        }
        for (Object k : c.keySet()) {
            if (!CASES_KEYS.contains(k)) {
                throw new IllegalArgumentException(file + ": unknown key 'cases." + k + "' (known: cases."
                        + String.join(", cases.", CASES_KEYS) + ")");
            }
        }
        for (String k : CASES_KEYS) {
            if (c.get(k) != null && !(c.get(k) instanceof String)) {
                throw new IllegalArgumentException(file + ": cases." + k + (k.equals("open_at")
                        ? " must be medium, high or critical" : " must be a URL"));
            }
        }
        return new Cases((String) c.get("open_at"), (String) c.get("notify"), (String) c.get("console_url"));
    }

    private static List<Path> paths(Object o, Path base, Path file, String key) {
        if (o == null) {
            return List.of();
        }
        if (!(o instanceof List<?> l)) {
            throw new IllegalArgumentException(file + ": " + key + " must be a list of paths");
        }
        List<Path> out = new ArrayList<>();
        for (Object x : l) {
            Path p = Path.of(String.valueOf(x));
            out.add(p.isAbsolute() ? p : base.resolve(p));
        }
        return out;
    }
}
