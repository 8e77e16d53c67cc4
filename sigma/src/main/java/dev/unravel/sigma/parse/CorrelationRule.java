package dev.unravel.sigma.parse;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A parsed Sigma correlation rule (correlation specification v2.1.0).
 *
 * @param type       the correlation type
 * @param rules      referenced rule ids or names, in order (order matters for temporal_ordered)
 * @param aliases    alias → (rule name or id → field name in that rule's events)
 * @param groupBy    group-by fields or aliases (may be empty)
 * @param timespan   window length
 * @param condition  operator (gt, gte, lt, lte, eq, neq) → threshold; empty for temporal types
 *                   means "all referenced rules"
 * @param fields     the condition's {@code field} (value_count and the metric types)
 * @param generate   whether referenced rules also report their own matches
 */
public record CorrelationRule(
        String file,
        int line,
        String id,
        String name,
        String title,
        String level,
        String status,
        List<String> tags,
        Type type,
        List<String> rules,
        Map<String, Map<String, String>> aliases,
        List<String> groupBy,
        Duration timespan,
        Map<String, Double> condition,
        List<String> fields,
        boolean generate,
        Map<String, Object> attributes) {

    public enum Type {
        EVENT_COUNT("event_count"),
        VALUE_COUNT("value_count"),
        TEMPORAL("temporal"),
        TEMPORAL_ORDERED("temporal_ordered"),
        VALUE_SUM("value_sum"),
        VALUE_AVG("value_avg"),
        VALUE_PERCENTILE("value_percentile");

        public final String sigmaName;

        Type(String n) {
            this.sigmaName = n;
        }

        public static Type byName(String n) {
            for (Type t : values()) {
                if (t.sigmaName.equals(n)) {
                    return t;
                }
            }
            return null;
        }

        /** Types whose condition names a {@code field}. */
        public boolean needsField() {
            return this == VALUE_COUNT || this == VALUE_SUM || this == VALUE_AVG || this == VALUE_PERCENTILE;
        }
    }

    public CorrelationRule {
        tags = tags == null ? List.of() : List.copyOf(tags);
        rules = List.copyOf(rules);
        groupBy = List.copyOf(groupBy);
        fields = List.copyOf(fields);
    }

    public String key() {
        if (id != null) {
            return id;
        }
        return name != null ? name : file + ":" + line;
    }
}
