package dev.unravel.sigma.parse;

import dev.unravel.core.LogSource;
import java.util.List;

/**
 * A parsed Sigma global filter (filters specification v2.1.0). Applied to each rule it names (by
 * id or name; {@code any}/{@code all} for every rule) whose logsource its own logsource covers:
 * the rule's condition becomes {@code (condition) and (filter condition)}, the filter's search
 * identifiers renamed so they cannot collide — as pySigma applies filters.
 *
 * @param rules     referenced rules; empty means every rule under the logsource
 * @param detection the filter's searches and its one condition
 */
public record SigmaFilter(String file, int line, String id, String title, LogSource logSource, List<String> rules,
        Detection detection) {
    public SigmaFilter {
        rules = List.copyOf(rules);
    }

    public boolean appliesToAll() {
        return rules.isEmpty();
    }
}
