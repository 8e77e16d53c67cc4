package dev.unravel.sigma.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A rule's detection section: search identifiers in written order and one or more conditions
 * (a list of conditions is OR-linked, rules §Condition).
 *
 * @param searches        search identifier → its body
 * @param conditions      parsed conditions
 * @param conditionTexts  the conditions as written, for explanations
 */
public record Detection(Map<String, Search> searches, List<Condition> conditions, List<String> conditionTexts) {
    public Detection {
        searches = Collections.unmodifiableMap(new LinkedHashMap<>(searches));
        conditions = List.copyOf(conditions);
        conditionTexts = List.copyOf(conditionTexts);
    }
}
