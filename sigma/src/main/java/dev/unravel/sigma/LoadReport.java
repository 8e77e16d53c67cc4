package dev.unravel.sigma;

import dev.unravel.sigma.parse.SigmaError;
import java.util.List;

/**
 * What loading a rule set did: how many files were read, how many detection rules, correlation
 * rules and filters loaded, every error (file, line, what, which clause) and every warning.
 */
public record LoadReport(int files, int rules, int correlations, int filters, List<SigmaError> errors,
        List<String> warnings) {
    public LoadReport {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** Documents that failed to load. */
    public int failed() {
        return errors.size();
    }
}
