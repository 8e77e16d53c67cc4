package dev.unravel.sigma.pipeline;

import dev.unravel.core.LogSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Pipelines composed in order. Field mappings chain (the first maps a rule name to names the
 * second maps again); the last pipeline with default paths decides where unmapped names go;
 * logsource mappings and placeholders accumulate (a later placeholder definition replaces an
 * earlier one).
 */
public final class PipelineChain {
    public static final PipelineChain EMPTY = new PipelineChain(List.of());

    private final List<ProcessingPipeline> pipelines;

    public PipelineChain(List<ProcessingPipeline> pipelines) {
        this.pipelines = List.copyOf(pipelines);
    }

    public List<ProcessingPipeline> pipelines() {
        return pipelines;
    }

    /** The event paths a rule field name resolves to, in order of preference. */
    public List<String> paths(String ruleField) {
        List<String> names = List.of(ruleField);
        boolean mapped = false;
        for (ProcessingPipeline p : pipelines) {
            List<String> next = new ArrayList<>();
            for (String n : names) {
                List<String> m = p.fields().get(n);
                if (m != null) {
                    next.addAll(m);
                    mapped = true;
                } else {
                    next.add(n);
                }
            }
            names = next;
        }
        if (!mapped) {
            List<String> templates = List.of();
            for (ProcessingPipeline p : pipelines) {
                if (!p.defaultPaths().isEmpty()) {
                    templates = p.defaultPaths();
                }
            }
            if (!templates.isEmpty()) {
                LinkedHashSet<String> out = new LinkedHashSet<>();
                for (String t : templates) {
                    out.add(t.replace("{field}", ruleField));
                }
                return List.copyOf(out);
            }
        }
        return List.copyOf(new LinkedHashSet<>(names));
    }

    /** Values of a placeholder, or null when no pipeline defines it. */
    public List<String> placeholder(String name) {
        List<String> v = null;
        for (ProcessingPipeline p : pipelines) {
            List<String> d = p.placeholders().get(name);
            if (d != null) {
                v = d;
            }
        }
        return v;
    }

    /** Every logsource mapping whose rule side covers this rule logsource. */
    public List<ProcessingPipeline.LogsourceMapping> logsourceMappings(LogSource ruleLogSource) {
        List<ProcessingPipeline.LogsourceMapping> out = new ArrayList<>();
        for (ProcessingPipeline p : pipelines) {
            for (ProcessingPipeline.LogsourceMapping m : p.logsources()) {
                if (m.rule().covers(ruleLogSource)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    public String names() {
        Map<String, Boolean> n = new LinkedHashMap<>();
        pipelines.forEach(p -> n.put(p.name(), true));
        return String.join("+", n.keySet());
    }
}
