package dev.unravel.engine.score;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import dev.unravel.core.Stage;

/**
 * The weights of risk scoring, from {@code scoring.yaml} (documented there, key by key) with a
 * user's file laid over it. Unknown keys and wrong types are errors naming the file and key: a
 * typo in a weight must not silently leave the default in force.
 */
public record ScoringConfig(double medium, double high, double critical, double signalCap, double repeatFactor,
        double repeatMaxBonus, double singleStageCap, double breadthBonus, double stageEvidence, double weakBelow,
        double halfLifeDays, double clusterWeight, double clusterCap, Map<Stage, Double> stageWeights,
        Map<String, Double> detectorWeights, String origin) {

    public static final String RESOURCE = "/dev/unravel/engine/scoring.yaml";

    private static final Set<String> TOP = Set.of("version", "levels", "signal_cap", "repeats", "single_stage_cap",
            "breadth_bonus", "stage_evidence", "decay", "cluster", "stages", "detectors");

    /** The built-in weights. */
    public static ScoringConfig defaults() {
        try (InputStream in = ScoringConfig.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return from(parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "built-in scoring.yaml"), null,
                    "built-in scoring.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The built-in weights with {@code file} laid over them. */
    public static ScoringConfig load(Path file) throws IOException {
        ScoringConfig base = defaults();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return from(parse(text, file.toString()), base, file.toString());
    }

    public double weightOf(String detector, Stage stage) {
        return detectorWeights.getOrDefault(detector, 1.0) * stageWeights.getOrDefault(stage, 1.0);
    }

    public String level(double score) {
        if (score >= critical) {
            return "critical";
        }
        if (score >= high) {
            return "high";
        }
        return score >= medium ? "medium" : "low";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String text, String name) {
        try {
            Object o = new Load(LoadSettings.builder().setMaxAliasesForCollections(10).setLabel(name).build())
                    .loadFromString(text);
            if (o == null) {
                return Map.of();
            }
            if (!(o instanceof Map<?, ?> m)) {
                throw new IllegalArgumentException(name + ": the scoring file must be a mapping of keys to values");
            }
            return (Map<String, Object>) m;
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(name + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static ScoringConfig from(Map<String, Object> m, ScoringConfig base, String name) {
        for (String k : m.keySet()) {
            if (!TOP.contains(k)) {
                throw new IllegalArgumentException(name + ": unknown key '" + k + "' (known: " + String.join(", ",
                        new java.util.TreeSet<>(TOP)) + ")");
            }
        }
        Reader r = new Reader(m, name);
        Map<String, Object> levels = r.map("levels", "medium", "high", "critical");
        Map<String, Object> repeats = r.map("repeats", "factor", "max_bonus");
        Map<String, Object> decay = r.map("decay", "weak_below", "half_life_days");
        Map<String, Object> cluster = r.map("cluster", "weight", "cap");
        Map<Stage, Double> stages = new HashMap<>(base == null ? Map.of() : base.stageWeights);
        for (var e : r.map("stages").entrySet()) {
            Stage s;
            try {
                s = Stage.valueOf(e.getKey().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException(name + ": stages." + e.getKey() + " is not a stage (apply, onboard, "
                        + "access, control, steal, extort)");
            }
            stages.put(s, r.number(e.getValue(), "stages." + e.getKey()));
        }
        Map<String, Double> detectors = new LinkedHashMap<>(base == null ? Map.of() : base.detectorWeights);
        for (var e : r.map("detectors").entrySet()) {
            detectors.put(e.getKey(), r.number(e.getValue(), "detectors." + e.getKey()));
        }
        ScoringConfig c = new ScoringConfig(
                r.num(levels, "levels.medium", base == null ? null : base.medium),
                r.num(levels, "levels.high", base == null ? null : base.high),
                r.num(levels, "levels.critical", base == null ? null : base.critical),
                r.num(m, "signal_cap", base == null ? null : base.signalCap),
                r.num(repeats, "repeats.factor", base == null ? null : base.repeatFactor),
                r.num(repeats, "repeats.max_bonus", base == null ? null : base.repeatMaxBonus),
                r.num(m, "single_stage_cap", base == null ? null : base.singleStageCap),
                r.num(m, "breadth_bonus", base == null ? null : base.breadthBonus),
                r.num(m, "stage_evidence", base == null ? null : base.stageEvidence),
                r.num(decay, "decay.weak_below", base == null ? null : base.weakBelow),
                r.num(decay, "decay.half_life_days", base == null ? null : base.halfLifeDays),
                r.num(cluster, "cluster.weight", base == null ? null : base.clusterWeight),
                r.num(cluster, "cluster.cap", base == null ? null : base.clusterCap),
                Map.copyOf(stages), Map.copyOf(detectors), name);
        if (!(c.medium < c.high && c.high < c.critical && c.critical <= 1.0 && c.medium > 0)) {
            throw new IllegalArgumentException(name + ": levels must rise: 0 < medium < high < critical <= 1");
        }
        if (c.halfLifeDays <= 0) {
            throw new IllegalArgumentException(name + ": decay.half_life_days must be positive");
        }
        return c;
    }

    /** Typed reads with the file and key in every error. */
    private record Reader(Map<String, Object> root, String name) {

        /** A nested mapping whose keys must be among {@code known}. */
        Map<String, Object> map(String key, String... known) {
            Map<String, Object> m = map(key);
            Set<String> allowed = Set.of(known);
            for (String k : m.keySet()) {
                if (!allowed.contains(k)) {
                    throw new IllegalArgumentException(name + ": unknown key '" + key + "." + k + "' (known: "
                            + String.join(", ", known) + ")");
                }
            }
            return m;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> map(String key) {
            Object o = root.get(key);
            if (o == null) {
                return Map.of();
            }
            if (o instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
            throw new IllegalArgumentException(name + ": " + key + " must be a mapping");
        }

        double num(Map<String, Object> m, String dotted, Double fallback) {
            String leaf = dotted.substring(dotted.lastIndexOf('.') + 1);
            Object o = m.get(leaf);
            if (o == null) {
                if (fallback == null) {
                    throw new IllegalArgumentException(name + ": " + dotted + " is required");
                }
                return fallback;
            }
            return number(o, dotted);
        }

        double number(Object o, String dotted) {
            if (o instanceof Number n && n.doubleValue() >= 0 && n.doubleValue() <= 1000) {
                return n.doubleValue();
            }
            throw new IllegalArgumentException(name + ": " + dotted + " must be a non-negative number, got " + o);
        }
    }
}
