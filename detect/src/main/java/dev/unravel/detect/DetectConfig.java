package dev.unravel.detect;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the detectors are built with: intelligence files given on the command line or in the
 * configuration file ({@code --intel}: MaxMind/DB-IP .mmdb, IP-range CSV, CIDR lists), extra Sigma
 * rules ({@code --rules}), the team's lists of the scheme's published indicators ({@code indicators:},
 * read by every detector that compares against them) and per-detector settings
 * ({@code detectors: <id>: {...}}).
 */
public record DetectConfig(List<Path> intel, List<Path> rules, Map<String, Map<String, Object>> settings,
        List<Path> indicators) {

    public static final DetectConfig DEFAULT = new DetectConfig(List.of(), List.of(), Map.of());

    public DetectConfig {
        intel = List.copyOf(intel);
        rules = List.copyOf(rules);
        settings = Map.copyOf(settings);
        indicators = List.copyOf(indicators);
    }

    /** Without indicator lists. */
    public DetectConfig(List<Path> intel, List<Path> rules, Map<String, Map<String, Object>> settings) {
        this(intel, rules, settings, List.of());
    }

    /** The settings of detector {@code id} (empty when the file says nothing about it). */
    public Settings settingsOf(String id) {
        Map<String, Object> s = settings.get(id);
        return new Settings(id, s == null ? Map.of() : s);
    }
}
