package dev.unravel.sigma.parse;

import dev.unravel.core.LogSource;
import java.util.List;
import java.util.Map;

/**
 * A parsed Sigma detection rule (rules specification v2.1.0). Holds what the rule says, never
 * evaluated here.
 *
 * @param file       where it was read
 * @param line       line of the document's first key
 * @param id         the rule's id, or null
 * @param name       the rule's unique name (for correlations), or null
 * @param title      mandatory title
 * @param status     status or null
 * @param level      level or null
 * @param logSource  product/category/service (definition and custom keys are kept in {@code custom})
 * @param detection  searches and conditions
 * @param attributes every top-level attribute as plain Java values, for output and custom fields
 */
public record SigmaRule(
        String file,
        int line,
        String id,
        String name,
        String title,
        String description,
        String status,
        String level,
        String author,
        String date,
        String modified,
        List<String> tags,
        List<String> references,
        List<String> falsePositives,
        List<String> fields,
        LogSource logSource,
        Detection detection,
        Map<String, Object> attributes) {

    public SigmaRule {
        tags = tags == null ? List.of() : List.copyOf(tags);
        references = references == null ? List.of() : List.copyOf(references);
        falsePositives = falsePositives == null ? List.of() : List.copyOf(falsePositives);
        fields = fields == null ? List.of() : List.copyOf(fields);
        attributes = attributes == null ? Map.of() : attributes;
    }

    /** The id if it has one, otherwise the name, otherwise file:line: what output and references use. */
    public String key() {
        if (id != null) {
            return id;
        }
        return name != null ? name : file + ":" + line;
    }

    /** A copy with another detection (a filter applied). */
    public SigmaRule withDetection(Detection d) {
        return new SigmaRule(file, line, id, name, title, description, status, level, author, date, modified, tags,
                references, falsePositives, fields, logSource, d, attributes);
    }
}
