package dev.unravel.sigma;

import dev.unravel.core.EventRef;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One finding: a detection rule matched an event, or a correlation rule's condition held over a
 * window of events.
 *
 * @param kind        RULE or CORRELATION
 * @param ruleId      the rule's id (or name, or file:line when it has neither)
 * @param title       the rule's title
 * @param level       the rule's level, or null
 * @param tags        the rule's tags
 * @param time        the event's time (for a correlation, the time of the event that completed it)
 * @param events      the evidence: the event for a rule; for a correlation, the events kept in
 *                    its window (bounded)
 * @param fields      for a rule, the fields that made it match and their values; for a
 *                    correlation, its group-by values and the measured value ({@code count},
 *                    {@code distinct}, {@code sum}, …)
 */
public record SigmaMatch(Kind kind, String ruleId, String title, String level, List<String> tags, Instant time,
        List<EventRef> events, Map<String, Object> fields) {

    public enum Kind { RULE, CORRELATION }

    public SigmaMatch {
        tags = List.copyOf(tags);
        events = events.stream().filter(java.util.Objects::nonNull).toList();
    }
}
