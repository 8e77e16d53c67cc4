package dev.unravel.sigma.parse;

import java.util.List;

/**
 * What one rule file held: its detection rules, correlation rules and filters, the errors that
 * kept some documents from loading, and warnings about documents that loaded but break a
 * "should" of the specification (an id that is not a UUID, a tag outside the tag pattern).
 */
public record ParsedFile(String file, List<SigmaRule> rules, List<CorrelationRule> correlations,
        List<SigmaFilter> filters, List<SigmaError> errors, List<String> warnings) {
    public ParsedFile {
        rules = List.copyOf(rules);
        correlations = List.copyOf(correlations);
        filters = List.copyOf(filters);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }
}
