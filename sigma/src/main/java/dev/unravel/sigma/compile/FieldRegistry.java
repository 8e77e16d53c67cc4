package dev.unravel.sigma.compile;

import dev.unravel.sigma.match.FieldPath;
import dev.unravel.sigma.pipeline.PipelineChain;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the fields rules read ("slots"), after pipeline mapping: two rule names that map to the
 * same event paths share a slot, so their value is resolved and lower-cased once per event.
 */
public final class FieldRegistry {
    private final PipelineChain chain;
    private final Map<String, Integer> byRuleName = new HashMap<>();
    private final Map<List<String>, Integer> byPaths = new HashMap<>();
    private final List<FieldPath> paths = new ArrayList<>();

    public FieldRegistry(PipelineChain chain) {
        this.chain = chain;
    }

    public synchronized int slot(String ruleField) {
        Integer s = byRuleName.get(ruleField);
        if (s != null) {
            return s;
        }
        List<String> p = chain.paths(ruleField);
        Integer existing = byPaths.get(p);
        if (existing == null) {
            existing = paths.size();
            paths.add(new FieldPath(ruleField, p));
            byPaths.put(p, existing);
        }
        byRuleName.put(ruleField, existing);
        return existing;
    }

    public synchronized FieldPath[] snapshot() {
        return paths.toArray(FieldPath[]::new);
    }

    public synchronized int size() {
        return paths.size();
    }

    public PipelineChain chain() {
        return chain;
    }
}
