package dev.unravel.sigma.pipeline;

import dev.unravel.core.LogSource;
import dev.unravel.sigma.parse.Search;
import java.util.List;
import java.util.Map;

/**
 * A processing pipeline: how the names a rule uses meet the names an event has. Written in YAML
 * (see {@link PipelineLoader}); several pipelines compose in order into a {@link PipelineChain}.
 *
 * @param name          how users select it ({@code --pipeline NAME})
 * @param fields        rule field name → event paths, tried in order (first present wins)
 * @param defaultPaths  for fields no mapping names: path templates with {@code {field}}, tried in
 *                      order; empty means the rule's name is the path
 * @param logsources    rule logsource → the event logsources it selects
 * @param placeholders  placeholder name → values (Sigma strings, wildcards allowed) for {@code expand}
 */
public record ProcessingPipeline(String name, String description, Map<String, List<String>> fields,
        List<String> defaultPaths, List<LogsourceMapping> logsources, Map<String, List<String>> placeholders) {

    public ProcessingPipeline {
        fields = Map.copyOf(fields);
        defaultPaths = List.copyOf(defaultPaths);
        logsources = List.copyOf(logsources);
        placeholders = Map.copyOf(placeholders);
    }

    /**
     * One logsource mapping: a rule whose logsource is covered by {@code rule} selects events
     * whose logsource is covered by any of {@code events} (each merged over the rule's own
     * logsource), and only those events where {@code condition} (a Sigma selection in rule field
     * names) holds, if given. Example: Sysmon writes registry creations and deletions both as event
     * 12, so {@code registry_delete} selects {@code registry_add} events with
     * {@code EventType: DeleteKey}.
     */
    public record LogsourceMapping(LogSource rule, List<LogSource> events, Search condition) {
        public LogsourceMapping {
            events = List.copyOf(events);
        }
    }
}
