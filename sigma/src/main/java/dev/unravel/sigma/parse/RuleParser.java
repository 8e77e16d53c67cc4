package dev.unravel.sigma.parse;

import dev.unravel.core.LogSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the text of a rule file into rule models. Never evaluates anything.
 *
 * <p>A file may hold several YAML documents. Each is a detection rule, a correlation rule
 * (has {@code correlation}) or a filter (has {@code filter}). The Sigma 1.x collection actions are
 * honoured: {@code action: global} holds a document that is deep-merged into every following
 * document until {@code action: reset}; {@code action: repeat} repeats the previous document with
 * its own keys merged over it. A document that fails is reported with file, line and the clause it
 * breaks; the other documents still load. A YAML syntax error fails the whole file (its documents
 * may depend on each other).
 */
public final class RuleParser {
    static final String RULES = "rules";
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern TAG = Pattern.compile("^[a-z0-9_-]+\\.[a-z0-9._-]+$");
    private static final Pattern DATE = Pattern.compile("^\\d{4}-(0[1-9]|1[012])-(0[1-9]|[12][0-9]|3[01])$");
    private static final Pattern TIMESPAN = Pattern.compile("^([0-9]+)([smhdwMy])$");
    private static final Set<String> LEVELS = Set.of("informational", "low", "medium", "high", "critical");
    private static final Set<String> STATUSES = Set.of("stable", "test", "experimental", "deprecated",
            "unsupported");
    private static final Set<String> CORRELATION_OPS = Set.of("gt", "gte", "lt", "lte", "eq", "neq");

    private final YamlReader yaml = new YamlReader();

    /** Parses every document of one file. */
    public ParsedFile parse(String file, String text) {
        List<SigmaRule> rules = new ArrayList<>();
        List<CorrelationRule> correlations = new ArrayList<>();
        List<SigmaFilter> filters = new ArrayList<>();
        List<SigmaError> errors = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Y> docs;
        try {
            docs = yaml.readAll(text);
        } catch (SigmaError e) {
            errors.add(e.inFile(file));
            return new ParsedFile(file, rules, correlations, filters, errors, warnings);
        }
        Y.Map global = null;
        Y.Map previous = null;
        for (Y node : docs) {
            try {
                if (node instanceof Y.Scalar s && s.isNull()) {
                    continue; // an empty document (a trailing '---')
                }
                if (!(node instanceof Y.Map doc)) {
                    throw SigmaError.at(node, "a rule document must be a map, not a " + node.kind(),
                            "rules §File Structure");
                }
                Y action = doc.get("action");
                if (action != null) {
                    String a = action instanceof Y.Scalar s ? String.valueOf(s.value) : "";
                    switch (a) {
                        case "global" -> {
                            global = without(doc, "action");
                            continue;
                        }
                        case "reset" -> {
                            global = null;
                            continue;
                        }
                        case "repeat" -> {
                            if (previous == null) {
                                throw SigmaError.at(action, "'action: repeat' without a previous document",
                                        "Sigma 1.0 rule collections");
                            }
                            doc = merge(previous, without(doc, "action"));
                        }
                        default -> throw SigmaError.at(action, "unknown action '" + a
                                + "' (expected global, reset or repeat)", "Sigma 1.0 rule collections");
                    }
                } else if (global != null) {
                    doc = merge(global, doc);
                }
                previous = doc;
                if (doc.get("correlation") != null) {
                    correlations.add(correlation(file, doc, warnings));
                } else if (doc.get("filter") != null) {
                    filters.add(filter(file, doc));
                } else {
                    rules.add(rule(file, doc, warnings));
                }
            } catch (SigmaError e) {
                errors.add(e.inFile(file));
            }
        }
        return new ParsedFile(file, rules, correlations, filters, errors, warnings);
    }

    // ---------------------------------------------------------------- detection rules

    private SigmaRule rule(String file, Y.Map doc, List<String> warnings) {
        String title = requiredString(doc, "title", "rules §Title");
        if (title.length() > 256) {
            throw SigmaError.at(doc.get("title"), "title is longer than 256 characters", "rules §Title");
        }
        Y ls = doc.get("logsource");
        if (ls == null) {
            throw SigmaError.at(doc, "rule '" + title + "' has no logsource", "rules §LogSource");
        }
        LogSource logSource = logSource(ls);
        Y det = doc.get("detection");
        if (det == null) {
            throw SigmaError.at(doc, "rule '" + title + "' has no detection", "rules §Detection");
        }
        if (!(det instanceof Y.Map detMap)) {
            throw SigmaError.at(det, "detection must be a map, not a " + det.kind(), "rules §Detection");
        }
        Detection detection = detection(detMap, "condition", "rules §Detection");
        String id = optionalString(doc, "id");
        String level = optionalString(doc, "level");
        String status = optionalString(doc, "status");
        List<String> tags = stringList(doc, "tags");
        checkMetadata(file, doc, id, level, status, tags, warnings);
        return new SigmaRule(file, doc.line, id, optionalString(doc, "name"), title,
                optionalString(doc, "description"), status, level, optionalString(doc, "author"),
                optionalString(doc, "date"), optionalString(doc, "modified"), tags, stringList(doc, "references"),
                stringList(doc, "falsepositives"), stringList(doc, "fields"), logSource, detection,
                Y.plainMap(doc));
    }

    private void checkMetadata(String file, Y.Map doc, String id, String level, String status, List<String> tags,
            List<String> warnings) {
        String where = file + ":" + doc.line + ": ";
        if (id != null && !UUID.matcher(id).matches()) {
            warnings.add(where + "id '" + id + "' is not a UUID [rules §Identification]");
        }
        if (level != null && !LEVELS.contains(level)) {
            warnings.add(where + "level '" + level + "' is not one of " + LEVELS + " [rules §Level]");
        }
        if (status != null && !STATUSES.contains(status)) {
            warnings.add(where + "status '" + status + "' is not one of " + STATUSES + " [rules §Status]");
        }
        for (String t : tags) {
            if (!TAG.matcher(t).matches()) {
                warnings.add(where + "tag '" + t + "' does not match namespace.value [rules §Tags]");
            }
        }
        for (String k : List.of("date", "modified")) {
            String d = optionalString(doc, k);
            if (d != null && !DATE.matcher(d).matches()) {
                warnings.add(where + k + " '" + d + "' is not YYYY-MM-DD [rules §Date]");
            }
        }
    }

    private static LogSource logSource(Y ls) {
        if (!(ls instanceof Y.Map m)) {
            throw SigmaError.at(ls, "logsource must be a map, not a " + ls.kind(), "rules §LogSource");
        }
        return LogSource.of(lsPart(m, "product"), lsPart(m, "category"), lsPart(m, "service"));
    }

    private static String lsPart(Y.Map m, String key) {
        Y v = m.get(key);
        if (v == null || (v instanceof Y.Scalar s && s.isNull())) {
            return null;
        }
        if (!(v instanceof Y.Scalar s) || !s.isString()) {
            throw SigmaError.at(v, "logsource " + key + " must be a string", "rules §LogSource");
        }
        return s.text;
    }

    /** Parses a detection map: every key but {@code conditionKey} (and {@code skip}) is a search identifier. */
    Detection detection(Y.Map det, String conditionKey, String clause, String... skip) {
        Set<String> skipped = Set.of(skip);
        Map<String, Search> searches = new LinkedHashMap<>();
        for (Map.Entry<String, Y> e : det.entries.entrySet()) {
            String name = e.getKey();
            if (name.equals(conditionKey) || skipped.contains(name)) {
                continue;
            }
            if (name.equals("timeframe")) {
                throw SigmaError.at(det.keyLine(name), det.keyColumn(name),
                        "'timeframe' belongs to the obsolete aggregation syntax; use a correlation rule",
                        "correlation §Expression of Relationships");
            }
            searches.put(name, search(e.getValue()));
        }
        Y cond = det.get(conditionKey);
        if (cond == null) {
            throw SigmaError.at(det, "detection has no '" + conditionKey + "'", clause);
        }
        List<Y.Scalar> texts = new ArrayList<>();
        if (cond instanceof Y.Scalar s && s.isString()) {
            texts.add(s);
        } else if (cond instanceof Y.Seq seq && !seq.items.isEmpty()) {
            for (Y item : seq.items) {
                if (!(item instanceof Y.Scalar s) || !s.isString()) {
                    throw SigmaError.at(item, "each condition in a list must be a string", "rules §Condition");
                }
                texts.add(s);
            }
        } else {
            throw SigmaError.at(cond, "condition must be a string or a list of strings, not a " + cond.kind(),
                    "rules §Condition");
        }
        Set<String> ids = new LinkedHashSet<>(searches.keySet());
        List<Condition> conditions = new ArrayList<>();
        List<String> condTexts = new ArrayList<>();
        for (Y.Scalar t : texts) {
            conditions.add(ConditionParser.parse(t.text, ids, t.line, t.column));
            condTexts.add(t.text);
        }
        return new Detection(searches, conditions, condTexts);
    }

    /** Parses one search-identifier body (a map, a list or keywords); pipelines use it for conditions. */
    public Search search(Y body) {
        if (body instanceof Y.Map m) {
            return fields(m);
        }
        if (body instanceof Y.Seq seq) {
            if (seq.items.isEmpty()) {
                throw SigmaError.at(body, "a search identifier's list is empty", "rules §Lists");
            }
            List<SigmaValue> keywords = new ArrayList<>();
            List<Search> alternatives = new ArrayList<>();
            for (Y item : seq.items) {
                if (item instanceof Y.Scalar s) {
                    if (s.isNull()) {
                        throw SigmaError.at(item, "null cannot be a keyword", "rules §Special Field Values");
                    }
                    keywords.add(SigmaValue.of(s));
                } else if (item instanceof Y.Map m) {
                    alternatives.add(fields(m));
                } else {
                    throw SigmaError.at(item, "a list item of a search identifier must be a value or a map, "
                            + "not a nested list", "rules §Lists");
                }
            }
            if (!keywords.isEmpty()) {
                alternatives.add(0, new Search.Keywords(List.of(), keywords, body.line, body.column));
            }
            return alternatives.size() == 1 ? alternatives.get(0) : new Search.AnyOf(alternatives, body.line);
        }
        Y.Scalar s = (Y.Scalar) body;
        if (s.isNull()) {
            throw SigmaError.at(body, "a search identifier must be a map or a list, not null", "rules §Detection");
        }
        return new Search.Keywords(List.of(), List.of(SigmaValue.of(s)), s.line, s.column);
    }

    private Search.Fields fields(Y.Map m) {
        if (m.entries.isEmpty()) {
            throw SigmaError.at(m, "a search identifier's map is empty", "rules §Maps");
        }
        List<Search.FieldSpec> items = new ArrayList<>();
        for (Map.Entry<String, Y> e : m.entries.entrySet()) {
            int line = m.keyLine(e.getKey());
            int col = m.keyColumn(e.getKey());
            String[] parts = e.getKey().split("\\|", -1);
            String field = parts[0].isEmpty() ? null : parts[0];
            List<Modifier> mods = new ArrayList<>();
            for (int i = 1; i < parts.length; i++) {
                Modifier mod = Modifier.byName(parts[i]);
                if (mod == null) {
                    throw SigmaError.at(line, col, "unknown modifier '" + parts[i] + "' in '" + e.getKey() + "'",
                            "modifiers appendix");
                }
                mods.add(mod);
            }
            Y v = e.getValue();
            List<SigmaValue> values = new ArrayList<>();
            boolean listForm = false;
            if (v instanceof Y.Scalar s) {
                values.add(SigmaValue.of(s));
            } else if (v instanceof Y.Seq seq) {
                listForm = true;
                for (Y item : seq.items) {
                    if (!(item instanceof Y.Scalar s)) {
                        throw SigmaError.at(item, "values of '" + e.getKey() + "' must be scalars, not a "
                                + item.kind(), "rules §Maps");
                    }
                    values.add(SigmaValue.of(s));
                }
                if (values.isEmpty()) {
                    throw SigmaError.at(v, "'" + e.getKey() + "' has an empty list of values", "rules §Lists");
                }
                if (values.size() > 1 && values.stream().anyMatch(SigmaValue::isNull)) {
                    throw SigmaError.at(v, "null cannot be part of a list of values of '" + e.getKey() + "'",
                            "rules §Special Field Values");
                }
            } else {
                throw SigmaError.at(v, "the value of '" + e.getKey() + "' must be a value or a list, not a map",
                        "rules §Maps");
            }
            if (field == null && values.stream().anyMatch(SigmaValue::isNull)) {
                throw SigmaError.at(line, col, "null cannot be a keyword", "rules §Special Field Values");
            }
            items.add(new Search.FieldSpec(field, mods, values, listForm, line, col));
        }
        return new Search.Fields(items, m.line);
    }

    // ---------------------------------------------------------------- correlations

    private CorrelationRule correlation(String file, Y.Map doc, List<String> warnings) {
        final String c = "correlation §Correlation section";
        String title = requiredString(doc, "title", "correlation §Title");
        Y corrNode = doc.get("correlation");
        if (!(corrNode instanceof Y.Map corr)) {
            throw SigmaError.at(corrNode, "correlation must be a map", c);
        }
        String typeName = requiredString(corr, "type", "correlation §Correlation type");
        CorrelationRule.Type type = CorrelationRule.Type.byName(typeName);
        if (type == null) {
            throw SigmaError.at(corr.get("type"), "unknown correlation type '" + typeName + "'",
                    "correlation §Correlation type");
        }
        Y rulesNode = corr.get("rules");
        List<String> rules = new ArrayList<>();
        if (rulesNode instanceof Y.Scalar s && s.isString()) {
            rules.add(s.text);
        } else if (rulesNode instanceof Y.Seq seq && !seq.items.isEmpty()) {
            for (Y item : seq.items) {
                if (!(item instanceof Y.Scalar s) || s.isNull()) {
                    throw SigmaError.at(item, "each referenced rule must be an id or a name", "correlation §Related rules");
                }
                rules.add(s.text);
            }
        } else {
            throw SigmaError.at(rulesNode == null ? corr : rulesNode, "correlation needs 'rules': a list of rule ids or names",
                    "correlation §Related rules");
        }
        if ((type == CorrelationRule.Type.TEMPORAL || type == CorrelationRule.Type.TEMPORAL_ORDERED)
                && rules.size() < 2) {
            warnings.add(file + ":" + doc.line + ": a " + type.sigmaName + " correlation over one rule is an event count");
        }
        List<String> groupBy = new ArrayList<>();
        Y gb = corr.get("group-by");
        if (gb instanceof Y.Scalar s && s.isString()) {
            groupBy.add(s.text);
        } else if (gb instanceof Y.Seq seq) {
            for (Y item : seq.items) {
                if (!(item instanceof Y.Scalar s) || !s.isString()) {
                    throw SigmaError.at(item, "group-by entries must be field names", "correlation §Grouping");
                }
                groupBy.add(s.text);
            }
        } else if (gb != null && !(gb instanceof Y.Scalar s0 && s0.isNull())) {
            throw SigmaError.at(gb, "group-by must be a list of field names", "correlation §Grouping");
        }
        Y ts = corr.get("timespan");
        if (ts == null) {
            throw SigmaError.at(corr, "correlation needs a timespan", "correlation §Time Selection");
        }
        Duration timespan = timespan(ts);
        Map<String, Double> condition = new LinkedHashMap<>();
        List<String> fields = new ArrayList<>();
        Y condNode = corr.get("condition");
        if (condNode != null) {
            if (!(condNode instanceof Y.Map cm)) {
                throw SigmaError.at(condNode, "a correlation condition is a map such as {gte: 10}",
                        "correlation §Condition");
            }
            for (Map.Entry<String, Y> e : cm.entries.entrySet()) {
                String op = e.getKey();
                if (op.equals("field")) {
                    Y f = e.getValue();
                    if (f instanceof Y.Scalar s && s.isString()) {
                        fields.add(s.text);
                    } else if (f instanceof Y.Seq seq) {
                        for (Y item : seq.items) {
                            fields.add(String.valueOf(((Y.Scalar) item).value));
                        }
                    } else {
                        throw SigmaError.at(f, "condition field must be a field name", "correlation §Condition");
                    }
                } else if (CORRELATION_OPS.contains(op)) {
                    Y v = e.getValue();
                    if (!(v instanceof Y.Scalar s) || !s.isNumber()) {
                        throw SigmaError.at(v, "condition '" + op + "' needs a number", "correlation §Condition");
                    }
                    condition.put(op, ((Number) s.value).doubleValue());
                } else {
                    throw SigmaError.at(cm.keyLine(op), cm.keyColumn(op), "unknown condition operator '" + op
                            + "' (expected gt, gte, lt, lte, eq, neq, field)", "correlation §Condition");
                }
            }
        }
        switch (type) {
            case EVENT_COUNT, VALUE_COUNT, VALUE_SUM, VALUE_AVG, VALUE_PERCENTILE -> {
                if (condition.isEmpty()) {
                    throw SigmaError.at(corr, type.sigmaName + " needs a condition with a comparison",
                            "correlation §Condition");
                }
            }
            default -> { }
        }
        if (type.needsField() && fields.isEmpty()) {
            throw SigmaError.at(condNode == null ? corr : condNode, type.sigmaName + " needs 'field' in its condition",
                    "correlation §" + type.sigmaName);
        }
        if (!type.needsField() && !fields.isEmpty()) {
            throw SigmaError.at(condNode, type.sigmaName + " takes no 'field'", "correlation §Condition");
        }
        Map<String, Map<String, String>> aliases = new LinkedHashMap<>();
        Y al = corr.get("aliases");
        if (al != null) {
            if (!(al instanceof Y.Map am)) {
                throw SigmaError.at(al, "aliases must be a map alias → {rule: field}", "correlation §Aliases");
            }
            for (Map.Entry<String, Y> e : am.entries.entrySet()) {
                if (!(e.getValue() instanceof Y.Map per)) {
                    throw SigmaError.at(e.getValue(), "alias '" + e.getKey() + "' must map rule names to fields",
                            "correlation §Aliases");
                }
                Map<String, String> m = new LinkedHashMap<>();
                for (Map.Entry<String, Y> r : per.entries.entrySet()) {
                    if (!rules.contains(r.getKey())) {
                        throw SigmaError.at(per.keyLine(r.getKey()), per.keyColumn(r.getKey()), "alias '" + e.getKey()
                                + "' names rule '" + r.getKey() + "', which the correlation does not reference",
                                "correlation §Field Name Aliases");
                    }
                    m.put(r.getKey(), String.valueOf(((Y.Scalar) r.getValue()).value));
                }
                aliases.put(e.getKey(), m);
            }
        }
        boolean generate = false;
        Y gen = corr.get("generate");
        if (gen == null) {
            gen = doc.get("generate");
        }
        if (gen instanceof Y.Scalar s && s.value instanceof Boolean b) {
            generate = b;
        } else if (gen != null) {
            throw SigmaError.at(gen, "generate must be true or false", "correlation §Generate");
        }
        String id = optionalString(doc, "id");
        String level = optionalString(doc, "level");
        if (level != null && !LEVELS.contains(level)) {
            warnings.add(file + ":" + doc.line + ": level '" + level + "' is not one of " + LEVELS);
        }
        return new CorrelationRule(file, doc.line, id, optionalString(doc, "name"), title, level,
                optionalString(doc, "status"), stringList(doc, "tags"), type, rules, aliases, groupBy, timespan,
                condition, fields, generate, Y.plainMap(doc));
    }

    private static Duration timespan(Y ts) {
        String text = ts instanceof Y.Scalar s ? s.text : "";
        java.util.regex.Matcher m = TIMESPAN.matcher(text);
        if (!m.matches()) {
            throw SigmaError.at(ts, "timespan '" + text + "' is not a number followed by s, m, h or d",
                    "correlation §Time Selection");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            case "w" -> Duration.ofDays(7 * n);
            case "M" -> Duration.ofDays(30 * n);
            default -> Duration.ofDays(365 * n);
        };
    }

    // ---------------------------------------------------------------- filters

    private SigmaFilter filter(String file, Y.Map doc) {
        String title = requiredString(doc, "title", "filters §title");
        Y ls = doc.get("logsource");
        if (ls == null) {
            throw SigmaError.at(doc, "filter '" + title + "' has no logsource", "filters §Log source");
        }
        LogSource logSource = logSource(ls);
        if (!(doc.get("filter") instanceof Y.Map f)) {
            throw SigmaError.at(doc.get("filter"), "filter must be a map with rules, selection and condition",
                    "filters §Global Filter");
        }
        Y rulesNode = f.get("rules");
        List<String> rules = new ArrayList<>();
        if (rulesNode == null) {
            throw SigmaError.at(f, "filter needs 'rules' (rule ids or names, or 'any')", "filters §Relative rules");
        } else if (rulesNode instanceof Y.Scalar s && s.isString()) {
            if (!s.text.equalsIgnoreCase("any") && !s.text.equalsIgnoreCase("all")) {
                rules.add(s.text);
            }
        } else if (rulesNode instanceof Y.Seq seq) {
            for (Y item : seq.items) {
                if (!(item instanceof Y.Scalar s) || s.isNull()) {
                    throw SigmaError.at(item, "each filtered rule must be an id or a name", "filters §Relative rules");
                }
                rules.add(s.text);
            }
        } else {
            throw SigmaError.at(rulesNode, "filter rules must be a list of rule ids or names",
                    "filters §Relative rules");
        }
        Detection d = detection(f, "condition", "filters §filter condition", "rules");
        if (d.conditions().size() != 1) {
            throw SigmaError.at(f.get("condition"), "a filter has exactly one condition", "filters §filter condition");
        }
        return new SigmaFilter(file, doc.line, optionalString(doc, "id"), title, logSource, rules, d);
    }

    // ---------------------------------------------------------------- helpers

    private static String requiredString(Y.Map doc, String key, String clause) {
        Y v = doc.get(key);
        if (v == null || (v instanceof Y.Scalar s && s.isNull())) {
            throw SigmaError.at(doc, "missing mandatory '" + key + "'", clause);
        }
        if (!(v instanceof Y.Scalar s)) {
            throw SigmaError.at(v, "'" + key + "' must be a string, not a " + v.kind(), clause);
        }
        return s.text;
    }

    private static String optionalString(Y.Map doc, String key) {
        Y v = doc.get(key);
        return v instanceof Y.Scalar s && !s.isNull() ? s.text : null;
    }

    private static List<String> stringList(Y.Map doc, String key) {
        Y v = doc.get(key);
        if (v instanceof Y.Seq seq) {
            List<String> out = new ArrayList<>();
            for (Y item : seq.items) {
                if (item instanceof Y.Scalar s && !s.isNull()) {
                    out.add(s.text);
                }
            }
            return out;
        }
        if (v instanceof Y.Scalar s && !s.isNull()) {
            return List.of(s.text);
        }
        return List.of();
    }

    private static Y.Map without(Y.Map m, String key) {
        LinkedHashMap<String, Y> e = new LinkedHashMap<>(m.entries);
        LinkedHashMap<String, int[]> k = new LinkedHashMap<>(m.keyPositions);
        e.remove(key);
        k.remove(key);
        return new Y.Map(e, k, m.line, m.column);
    }

    /** Deep merge: maps merge key by key, anything else in {@code over} replaces {@code base}. */
    static Y.Map merge(Y.Map base, Y.Map over) {
        LinkedHashMap<String, Y> e = new LinkedHashMap<>(base.entries);
        LinkedHashMap<String, int[]> k = new LinkedHashMap<>(base.keyPositions);
        for (Map.Entry<String, Y> o : over.entries.entrySet()) {
            Y b = e.get(o.getKey());
            if (b instanceof Y.Map bm && o.getValue() instanceof Y.Map om) {
                e.put(o.getKey(), merge(bm, om));
            } else {
                e.put(o.getKey(), o.getValue());
            }
            k.put(o.getKey(), over.keyPositions.get(o.getKey()));
        }
        return new Y.Map(e, k, over.line, over.column);
    }
}
