package dev.unravel.sigma.compile;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.unravel.core.LogSource;
import dev.unravel.sigma.match.EventContext;
import dev.unravel.sigma.match.Node;
import dev.unravel.sigma.match.ValueTest;
import dev.unravel.sigma.match.ValueTest.Glob;
import dev.unravel.sigma.match.ValueTest.Position;
import dev.unravel.sigma.parse.Condition;
import dev.unravel.sigma.parse.Modifier;
import dev.unravel.sigma.parse.Search;
import dev.unravel.sigma.parse.SigmaError;
import dev.unravel.sigma.parse.SigmaRule;
import dev.unravel.sigma.parse.SigmaValue;
import dev.unravel.sigma.pipeline.PipelineChain;
import dev.unravel.sigma.pipeline.ProcessingPipeline;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a parsed Sigma rule into a matcher program.
 *
 * <h2>Model</h2>
 * A rule becomes a tree of {@link Node}s: AND/OR/NOT from the condition and the shape of the
 * detection (maps are AND, lists OR), and at the leaves one {@link Node.Field} per
 * {@code field|modifiers: values} item, holding one {@link ValueTest} per rule value. Modifiers
 * are applied at compile time, in the order written (modifiers appendix; rules §Value
 * Modifiers): encodings (utf16*, wide, base64, base64offset) and windash transform the value;
 * contains/startswith/endswith place it; cased, re, cidr, lt/lte/gt/gte, the time parts, exists,
 * fieldref and neq choose the test. What is left to run per event is a handful of string
 * comparisons: a value without wildcards becomes an equals/prefix/suffix/contains test on the
 * event's lower-cased text; only values with inner wildcards or windash positions become a
 * {@link Glob}, and only {@code re} becomes a regular expression (RE2/J, linear time).
 *
 * <h2>Invariants</h2>
 * <ul>
 * <li>Case-insensitive tests hold rule text lower-cased by {@link EventContext#lowerCase}, the
 *     same function that lower-cases event values, once per event.</li>
 * <li>Every field name passes through the pipeline chain exactly once, here, into a slot;
 *     matching never looks at names again.</li>
 * <li>The {@link Requirement} computed beside each node is necessary for the node to be true:
 *     the prefilter may skip a rule only when none of its literals occur.</li>
 * <li>Expansion is bounded: placeholder and windash-before-encoding expansions produce at most
 *     {@link #MAX_VARIANTS} variants per value, or the rule is refused.</li>
 * </ul>
 *
 * <h2>Trade-offs</h2>
 * windash is a character class in the glob rather than pySigma's permutations (5^k variants for
 * k dashes), except when an encoding follows it and the permutations must be encoded. base64
 * results are compared exactly (an encoding is case-sensitive), everything else case-insensitively
 * unless {@code cased}. A missing field fails every value test and {@code neq} (nothing to be
 * unequal to); {@code null} matches missing or JSON null; {@code ''} matches only the empty string.
 */
public final class RuleCompiler {
    public static final int MAX_VARIANTS = 4096;

    private static final Set<Modifier> ENCODINGS = EnumSet.of(Modifier.BASE64, Modifier.BASE64OFFSET,
            Modifier.UTF16LE, Modifier.UTF16BE, Modifier.UTF16, Modifier.WIDE);
    private static final Set<Modifier> POSITIONS = EnumSet.of(Modifier.CONTAINS, Modifier.STARTSWITH,
            Modifier.ENDSWITH);
    private static final Set<Modifier> NUMERIC = EnumSet.of(Modifier.LT, Modifier.LTE, Modifier.GT, Modifier.GTE);
    private static final Set<Modifier> TIME = EnumSet.of(Modifier.MINUTE, Modifier.HOUR, Modifier.DAY,
            Modifier.WEEK, Modifier.MONTH, Modifier.YEAR);
    private static final String MODS = "modifiers appendix";

    private final FieldRegistry fields;
    private final PipelineChain chain;
    private final List<String> warnings;

    /** A compiled piece: its node and the literal requirement that is necessary for it. */
    record Part(Node node, Requirement requirement) {
    }

    public RuleCompiler(FieldRegistry fields, List<String> warnings) {
        this.fields = fields;
        this.chain = fields.chain();
        this.warnings = warnings;
    }

    /** Compiles one rule; a {@link SigmaError} (without file) says why it cannot be. */
    public CompiledRule compile(SigmaRule rule, int index) {
        Map<String, Part> searches = new HashMap<>();
        for (Map.Entry<String, Search> e : rule.detection().searches().entrySet()) {
            searches.put(e.getKey(), search(e.getValue(), rule));
        }
        List<Part> conds = new ArrayList<>();
        for (Condition c : rule.detection().conditions()) {
            conds.add(condition(c, searches));
        }
        Part root = conds.size() == 1 ? conds.get(0) : or(conds);
        return new CompiledRule(rule, root.node(), root.requirement(), targets(rule), index);
    }

    /** The event logsources a rule selects, through the pipelines' logsource mappings. */
    private List<CompiledRule.Target> targets(SigmaRule rule) {
        LogSource ls = rule.logSource();
        List<ProcessingPipeline.LogsourceMapping> mappings = chain.logsourceMappings(ls);
        if (mappings.isEmpty()) {
            return List.of(new CompiledRule.Target(ls, null));
        }
        List<CompiledRule.Target> out = new ArrayList<>();
        for (ProcessingPipeline.LogsourceMapping m : mappings) {
            Node cond = m.condition() == null ? null : search(m.condition(), rule).node();
            for (LogSource e : m.events()) {
                out.add(new CompiledRule.Target(LogSource.of(
                        e.product() != null ? e.product() : ls.product(),
                        e.category() != null ? e.category() : ls.category(),
                        e.service() != null ? e.service() : ls.service()), cond));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ conditions

    private Part condition(Condition c, Map<String, Part> searches) {
        if (c instanceof Condition.Ref r) {
            return searches.get(r.name());
        }
        if (c instanceof Condition.Not n) {
            return new Part(new Node.Not(condition(n.inner(), searches).node()), null);
        }
        if (c instanceof Condition.And a) {
            List<Part> parts = new ArrayList<>();
            for (Condition p : a.parts()) {
                parts.add(condition(p, searches));
            }
            return and(parts);
        }
        if (c instanceof Condition.Or o) {
            List<Part> parts = new ArrayList<>();
            for (Condition p : o.parts()) {
                parts.add(condition(p, searches));
            }
            return or(parts);
        }
        Condition.Of of = (Condition.Of) c;
        List<Part> parts = new ArrayList<>();
        for (String name : of.names()) {
            parts.add(searches.get(name));
        }
        return of.all() ? and(parts) : or(parts);
    }

    private static Part and(List<Part> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<Node> nodes = new ArrayList<>();
        List<Requirement> reqs = new ArrayList<>();
        for (Part p : parts) {
            nodes.add(p.node());
            reqs.add(p.requirement());
        }
        return new Part(new Node.And(nodes), Requirement.all(reqs));
    }

    private static Part or(List<Part> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<Node> nodes = new ArrayList<>();
        List<Requirement> reqs = new ArrayList<>();
        for (Part p : parts) {
            nodes.add(p.node());
            reqs.add(p.requirement());
        }
        return new Part(new Node.Or(nodes), Requirement.union(reqs));
    }

    // ------------------------------------------------------------------ searches

    private Part search(Search s, SigmaRule rule) {
        if (s instanceof Search.AnyOf any) {
            List<Part> parts = new ArrayList<>();
            for (Search alt : any.alternatives()) {
                parts.add(search(alt, rule));
            }
            return or(parts);
        }
        if (s instanceof Search.Keywords k) {
            return keywords(k.modifiers(), k.values(), k.line(), k.column(), false);
        }
        Search.Fields f = (Search.Fields) s;
        List<Part> parts = new ArrayList<>();
        for (Search.FieldSpec spec : f.items()) {
            parts.add(field(spec));
        }
        return and(parts);
    }

    private Part keywords(List<Modifier> mods, List<SigmaValue> values, int line, int col, boolean listForm) {
        for (Modifier m : mods) {
            if (m == Modifier.EXISTS || m == Modifier.FIELDREF || m == Modifier.NEQ) {
                throw SigmaError.at(line, col, "modifier '" + m + "' needs a field; keywords have none", MODS);
            }
        }
        Mods mm = new Mods(mods, values, line, col, listForm || values.size() > 1);
        List<ValueTest> tests = new ArrayList<>();
        List<Requirement> reqs = new ArrayList<>();
        for (SigmaValue v : values) {
            // A keyword is searched for inside the event's values unless modifiers place it.
            Compiled c = valueTest(mm, v, mm.position == null ? Modifier.CONTAINS : mm.position, -1);
            tests.add(c.test);
            reqs.add(c.literals == null ? null : Requirement.union(c.literals.stream()
                    .map(l -> Requirement.of(dev.unravel.sigma.match.Prefilter.ANY_FIELD, l)).toList()));
        }
        Requirement req = mm.all ? Requirement.all(reqs) : Requirement.union(reqs);
        return new Part(new Node.Keyword(mm.all ? tests : grouped(tests), mm.all), req);
    }

    private Part field(Search.FieldSpec spec) {
        if (spec.field() == null) {
            return keywords(spec.modifiers(), spec.values(), spec.line(), spec.column(), spec.listForm());
        }
        int slot = fields.slot(spec.field());
        Mods m = new Mods(spec.modifiers(), spec.values(), spec.line(), spec.column(), spec.listForm());
        List<SigmaValue> values = spec.values();
        if (m.exists) {
            SigmaValue v = values.get(0);
            if (values.size() != 1 || v.kind() != SigmaValue.Kind.BOOLEAN) {
                throw SigmaError.at(spec.line(), spec.column(), "'" + spec.field() + "|exists' takes true or false",
                        "rules §Field Existence");
            }
            return new Part(new Node.Exists(slot, (Boolean) v.value()), null);
        }
        if (values.size() == 1 && values.get(0).isNull()) {
            if (m.count > (m.neq ? 1 : 0)) {
                throw SigmaError.at(spec.line(), spec.column(), "null takes no modifiers other than neq",
                        "rules §Special Field Values");
            }
            Node isNull = new Node.IsNull(slot);
            return new Part(m.neq ? new Node.Not(isNull) : isNull, null);
        }
        List<ValueTest> tests = new ArrayList<>();
        List<Requirement> reqs = new ArrayList<>();
        for (SigmaValue v : values) {
            Compiled c = valueTest(m, v, m.position, slot);
            tests.add(c.test);
            reqs.add(c.literals == null ? null : Requirement.union(c.literals.stream()
                    .map(l -> Requirement.of(slot, l)).toList()));
        }
        Requirement req;
        if (m.neq) {
            req = null;
        } else if (m.all) {
            req = Requirement.all(reqs);
        } else {
            req = Requirement.union(reqs);
        }
        return new Part(new Node.Field(slot, m.all ? tests : grouped(tests), m.all, m.neq, longText(spec.field())),
                req);
    }

    /**
     * Whether a field of the Sigma taxonomy holds free text that runs to hundreds of characters:
     * command lines and script blocks (in the names of the Windows logs, ECS and our envelope).
     * Only orders an AND's tests; never changes what matches.
     */
    static boolean longText(String field) {
        String f = field.toLowerCase(java.util.Locale.ROOT).replace("_", "");
        return f.contains("commandline") || f.contains("scriptblock");
    }

    /** OR-linked literal tests of one position and case, four or more, become one {@link ValueTest.LiteralSet}. */
    static List<ValueTest> grouped(List<ValueTest> tests) {
        Map<String, List<ValueTest.Literal>> groups = new java.util.LinkedHashMap<>();
        List<ValueTest> out = new ArrayList<>();
        for (ValueTest t : tests) {
            if (t instanceof ValueTest.Literal l) {
                groups.computeIfAbsent(l.position() + "/" + l.cased(), k -> new ArrayList<>()).add(l);
            } else {
                out.add(t);
            }
        }
        for (List<ValueTest.Literal> g : groups.values()) {
            if (g.size() < 4) {
                out.addAll(g);
            } else {
                out.add(new ValueTest.LiteralSet(g.stream().map(ValueTest.Literal::literal).toList(),
                        g.get(0).position(), g.get(0).cased()));
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ values

    /** The modifiers of one item, checked for combinations the appendix does not allow. */
    private static final class Mods {
        final List<Modifier> list;
        final int line;
        final int col;
        final int count;
        boolean all;
        boolean cased;
        boolean neq;
        boolean exists;
        boolean re;
        int reFlags;
        boolean cidr;
        boolean expand;
        boolean fieldref;
        Modifier position;
        Modifier numeric;
        Modifier time;
        final List<Modifier> transforms = new ArrayList<>();

        Mods(List<Modifier> mods, List<SigmaValue> values, int line, int col, boolean listForm) {
            this.list = mods;
            this.line = line;
            this.col = col;
            this.count = mods.size();
            for (Modifier m : mods) {
                switch (m) {
                    case ALL -> all = true;
                    case CASED -> cased = true;
                    case NEQ -> neq = true;
                    case EXISTS -> exists = true;
                    case RE -> re = true;
                    case RE_I -> reFlags |= Pattern.CASE_INSENSITIVE;
                    case RE_M -> reFlags |= Pattern.MULTILINE;
                    case RE_S -> reFlags |= Pattern.DOTALL;
                    case CIDR -> cidr = true;
                    case EXPAND -> expand = true;
                    case FIELDREF -> fieldref = true;
                    case CONTAINS, STARTSWITH, ENDSWITH -> {
                        if (position != null && position != m) {
                            throw err("'" + position + "' and '" + m + "' cannot both place a value");
                        }
                        position = m;
                    }
                    case LT, LTE, GT, GTE -> {
                        if (numeric != null) {
                            throw err("only one of lt, lte, gt, gte may be given");
                        }
                        numeric = m;
                    }
                    case MINUTE, HOUR, DAY, WEEK, MONTH, YEAR -> {
                        if (time != null) {
                            throw err("only one time modifier may be given");
                        }
                        time = m;
                    }
                    default -> transforms.add(m); // windash and the encodings, in written order
                }
            }
            if (reFlags != 0 && !re) {
                throw err("regular-expression flags i, m, s need the 're' modifier");
            }
            if (all && values.size() < 2) {
                throw SigmaError.at(line, col, "'all' needs a list of two or more values (single values are not "
                        + "allowed to have an all modifier)", MODS + " §Generic Modifiers");
            }
            if (exists && count > 1) {
                throw err("'exists' takes no other modifiers");
            }
            if (re && (position != null || !transforms.isEmpty() || cidr || numeric != null || time != null
                    || fieldref || expand || cased)) {
                throw err("'re' cannot be combined with " + others(Modifier.RE, Modifier.RE_I, Modifier.RE_M,
                        Modifier.RE_S, Modifier.ALL, Modifier.NEQ));
            }
            if (cidr && (count - (all ? 1 : 0) - (neq ? 1 : 0)) > 1) {
                throw err("'cidr' cannot be combined with " + others(Modifier.CIDR, Modifier.ALL, Modifier.NEQ));
            }
            if (numeric != null && (position != null || !transforms.isEmpty() || fieldref || expand || cased)) {
                throw err("'" + numeric + "' compares numbers and cannot be combined with string modifiers");
            }
            if (time != null && (position != null || !transforms.isEmpty() || fieldref || expand || cased)) {
                throw err("'" + time + "' reads a date and cannot be combined with string modifiers");
            }
            if (fieldref && (!transforms.isEmpty() || expand)) {
                throw err("'fieldref' names a field; encodings and expand do not apply to it");
            }
        }

        private String others(Modifier... allowed) {
            List<String> o = new ArrayList<>();
            for (Modifier m : list) {
                if (!List.of(allowed).contains(m)) {
                    o.add(m.modifierName);
                }
            }
            return String.join(", ", o);
        }

        SigmaError err(String msg) {
            return SigmaError.at(line, col, msg, MODS);
        }
    }

    /** A value's test and the literals one of which must occur for it (null: no requirement). */
    private record Compiled(ValueTest test, List<String> literals) {
    }

    private Compiled valueTest(Mods m, SigmaValue v, Modifier position, int slot) {
        if (v.isNull()) {
            throw m.err("null cannot be combined with modifiers or other values");
        }
        if (m.re) {
            requireString(m, v, "re");
            try {
                Pattern p = Pattern.compile(v.text(), m.reFlags);
                int[] len = RegexShapes.minLength(v.text(), (m.reFlags & Pattern.DOTALL) != 0);
                boolean ci = (m.reFlags & Pattern.CASE_INSENSITIVE) != 0 || RegexShapes.inlineCaseInsensitive(v.text());
                String must = RegexShapes.longestLiteral(v.text());
                int[] runLen = new int[1];
                boolean[] runClass = RegexShapes.requiredRun(v.text(), ci, runLen);
                List<String> pieces = RegexShapes.orderedLiterals(v.text());
                if (pieces != null && ci && !pieces.stream().allMatch(RuleCompiler::asciiOnly)) {
                    pieces = null; // RE2's case folding beyond ASCII differs from lower-casing
                }
                ValueTest t = len != null ? new ValueTest.MinLength(len[0], len[1] == 1, v.text())
                        : pieces != null ? new ValueTest.OrderedLiterals(ci ? pieces.stream()
                                .map(EventContext::lowerCase).toList() : pieces, ci,
                                (m.reFlags & Pattern.DOTALL) != 0, p)
                        : new ValueTest.Regex(p, must.isEmpty() ? null : ci ? EventContext.lowerCase(must) : must, ci,
                                runClass, runLen[0], RegexShapes.requiredSequences(v.text(), ci, 2).toArray(long[][]::new),
                                ci || v.text().contains("(?"));
                String lit = RegexShapes.requiredLiteral(v.text());
                return new Compiled(t, lit != null ? List.of(lit) : RegexShapes.requiredLiteralChoices(v.text(), ci));
            } catch (PatternSyntaxException e) {
                throw SigmaError.at(v.line(), v.column(), "invalid regular expression '" + v.text() + "': "
                        + e.getDescription() + " (the specification's regex flavour; RE2 has no look-around or "
                        + "back-references)", MODS + " §Regular Expression");
            }
        }
        if (m.cidr) {
            ValueTest.Cidr c = ValueTest.Cidr.parse(v.asText());
            if (c == null) {
                throw SigmaError.at(v.line(), v.column(), "'" + v.asText() + "' is not an IPv4 or IPv6 CIDR network",
                        MODS + " §IP Modifiers");
            }
            return new Compiled(c, null);
        }
        if (m.numeric != null || m.time != null) {
            BigDecimal d = v.decimal();
            if (d == null && v.kind() == SigmaValue.Kind.STRING) {
                try {
                    d = new BigDecimal(v.text().trim());
                } catch (NumberFormatException e) {
                    d = null;
                }
            }
            if (d == null) {
                throw SigmaError.at(v.line(), v.column(), "'" + v.text() + "' is not a number", MODS
                        + " §Numeric Modifiers");
            }
            ValueTest.Compare.Op op = m.numeric == null ? ValueTest.Compare.Op.EQ : switch (m.numeric) {
                case LT -> ValueTest.Compare.Op.LT;
                case LTE -> ValueTest.Compare.Op.LTE;
                case GT -> ValueTest.Compare.Op.GT;
                default -> ValueTest.Compare.Op.GTE;
            };
            if (m.time != null) {
                ValueTest.TimePart.Unit unit = ValueTest.TimePart.Unit.valueOf(m.time.name());
                return new Compiled(new ValueTest.TimePart(unit, op, d.doubleValue()), null);
            }
            return new Compiled(new ValueTest.Compare(op, d.doubleValue()), null);
        }
        Position pos = position == null ? Position.EQUALS : switch (position) {
            case CONTAINS -> Position.CONTAINS;
            case STARTSWITH -> Position.PREFIX;
            default -> Position.SUFFIX;
        };
        if (m.fieldref) {
            requireString(m, v, "fieldref");
            int other = fields.slot(v.text());
            return new Compiled(new ValueTest.FieldRef(other, v.text(), pos, m.cased), null);
        }
        if (v.kind() == SigmaValue.Kind.NUMBER && position == null && m.transforms.isEmpty() && !m.expand) {
            BigDecimal d = v.decimal() != null ? v.decimal() : BigDecimal.valueOf(((Number) v.value()).doubleValue());
            ValueTest.NumberEquals test = new ValueTest.NumberEquals(d, v.text());
            // An integer a field must equal (EventID: 4624) dispatches the rule by value.
            Long exact = test.integral();
            return new Compiled(test, exact != null && slot >= 0
                    ? List.of(dev.unravel.sigma.match.Prefilter.numberLiteral(exact)) : null);
        }
        // Strings (and numbers or booleans used as text).
        List<SigmaString> variants;
        if (v.kind() == SigmaValue.Kind.STRING) {
            SigmaString s = SigmaString.parse(v.text(), m.expand);
            variants = m.expand && s.hasPlaceholders() ? expand(s, v) : List.of(s);
        } else {
            variants = List.of(SigmaString.plain(v.asText()));
        }
        boolean exact = m.cased;
        boolean bytes = false;
        List<Modifier> transforms = m.transforms;
        for (int ti = 0; ti < transforms.size(); ti++) {
            Modifier t = transforms.get(ti);
            boolean encodingFollows = false;
            for (int k = ti + 1; k < transforms.size(); k++) {
                encodingFollows |= ENCODINGS.contains(transforms.get(k));
            }
            List<SigmaString> next = new ArrayList<>();
            for (SigmaString s : variants) {
                switch (t) {
                    case WINDASH -> next.addAll(windash(s, encodingFollows, m));
                    case UTF16LE, WIDE -> next.add(utf16(s, false, false));
                    case UTF16BE -> next.add(utf16(s, true, false));
                    case UTF16 -> next.add(utf16(s, false, true));
                    case BASE64 -> next.add(SigmaString.plain(base64(s, bytes, v, m)));
                    case BASE64OFFSET -> {
                        for (String o : base64offset(s, bytes, v, m)) {
                            next.add(SigmaString.plain(o));
                        }
                    }
                    default -> throw m.err("modifier '" + t + "' cannot be applied here");
                }
            }
            if (t == Modifier.UTF16LE || t == Modifier.WIDE || t == Modifier.UTF16BE || t == Modifier.UTF16) {
                bytes = true;
            } else if (t == Modifier.BASE64 || t == Modifier.BASE64OFFSET) {
                bytes = false;
                exact = true; // an encoding's output is compared exactly
            }
            if (next.size() > MAX_VARIANTS) {
                throw m.err("value expands to more than " + MAX_VARIANTS + " variants");
            }
            variants = next;
        }
        if (variants.isEmpty()) {
            // An expand placeholder without values: nothing can match, so nothing is required.
            return new Compiled(new ValueTest.AnyOf(new ValueTest[0]), List.of());
        }
        List<ValueTest> tests = new ArrayList<>(variants.size());
        List<String> literals = new ArrayList<>(variants.size());
        for (SigmaString s : variants) {
            int[] tokens = place(s.tokens, pos);
            if (!exact) {
                tokens = lower(tokens);
            }
            tests.add(stringTest(tokens, exact));
            literals.addAll(requiredLiterals(tokens, exact));
        }
        ValueTest test = tests.size() == 1 ? tests.get(0) : new ValueTest.AnyOf(tests.toArray(ValueTest[]::new));
        return new Compiled(test, literals.contains(null) ? null : literals.stream().distinct().toList());
    }

    private static boolean asciiOnly(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }

    private static void requireString(Mods m, SigmaValue v, String mod) {
        if (v.kind() != SigmaValue.Kind.STRING) {
            throw SigmaError.at(v.line(), v.column(), "'" + mod + "' needs a string value, not " + v.text(), MODS);
        }
    }

    private List<SigmaString> expand(SigmaString s, SigmaValue v) {
        List<List<SigmaString>> values = new ArrayList<>();
        for (String name : s.placeholders) {
            List<String> defined = chain.placeholder(name);
            if (defined == null) {
                warnings.add("line " + v.line() + ": placeholder %" + name + "% has no values in the pipelines "
                        + chain.names() + "; the value matches nothing until one defines it");
                defined = List.of();
            }
            List<SigmaString> parsed = new ArrayList<>();
            for (String d : defined) {
                parsed.add(SigmaString.parse(d, false));
            }
            values.add(parsed);
        }
        try {
            return s.expand(values, MAX_VARIANTS);
        } catch (IllegalArgumentException e) {
            throw SigmaError.at(v.line(), v.column(), e.getMessage(), "rules §Placeholders");
        }
    }

    /** Adds the wildcards contains/startswith/endswith imply (an existing edge wildcard is kept). */
    private static int[] place(int[] t, Position pos) {
        boolean startStar = t.length > 0 && t[0] == Glob.STAR;
        boolean endStar = t.length > 0 && t[t.length - 1] == Glob.STAR;
        boolean addStart = (pos == Position.CONTAINS || pos == Position.SUFFIX) && !startStar;
        boolean addEnd = (pos == Position.CONTAINS || pos == Position.PREFIX) && !endStar;
        int[] out = new int[t.length + (addStart ? 1 : 0) + (addEnd ? 1 : 0)];
        int o = 0;
        if (addStart) {
            out[o++] = Glob.STAR;
        }
        System.arraycopy(t, 0, out, o, t.length);
        if (addEnd) {
            out[out.length - 1] = Glob.STAR;
        }
        return out;
    }

    /** Lower-cases each run of characters as a string, as event values are lower-cased. */
    private static int[] lower(int[] t) {
        List<Integer> out = new ArrayList<>(t.length);
        int i = 0;
        while (i < t.length) {
            if (t[i] < 0) {
                out.add(t[i++]);
                continue;
            }
            int j = i;
            StringBuilder b = new StringBuilder();
            while (j < t.length && t[j] >= 0) {
                b.append((char) t[j++]);
            }
            String l = EventContext.lowerCase(b.toString());
            for (int k = 0; k < l.length(); k++) {
                out.add((int) l.charAt(k));
            }
            i = j;
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Chooses the cheapest test that is exact for these tokens. */
    static ValueTest stringTest(int[] t, boolean cased) {
        int n = t.length;
        int stars = 0;
        boolean other = false;
        for (int x : t) {
            if (x == Glob.STAR) {
                stars++;
            } else if (x < 0) {
                other = true;
            }
        }
        if (!other) {
            if (stars == 0) {
                return new ValueTest.Literal(text(t, 0, n), Position.EQUALS, cased);
            }
            boolean s0 = n > 0 && t[0] == Glob.STAR;
            boolean s1 = n > 1 && t[n - 1] == Glob.STAR;
            if (stars == 1 && s0) {
                return new ValueTest.Literal(text(t, 1, n), Position.SUFFIX, cased);
            }
            if (stars == 1 && t[n - 1] == Glob.STAR) {
                return new ValueTest.Literal(text(t, 0, n - 1), Position.PREFIX, cased);
            }
            if (stars == 2 && s0 && s1) {
                return new ValueTest.Literal(text(t, 1, n - 1), Position.CONTAINS, cased);
            }
        }
        return new Glob(t, cased, SigmaString.show(t));
    }

    private static String text(int[] t, int from, int to) {
        StringBuilder b = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            b.append((char) t[i]);
        }
        return b.toString();
    }

    /**
     * Literals one of which occurs in every value the tokens match: the longest plain run; or,
     * when that is too short and the value has one or two windash positions, the longest run of
     * each dash variant (a match has one of the five dashes at each position, so it holds that
     * variant's run). {@code ' -ma '} thus requires one of {@code ' -ma '}, {@code ' /ma '},
     * {@code ' –ma '}, … instead of nothing. A value with no long run but a character outside
     * ASCII (an emoji) requires {@link dev.unravel.sigma.match.Prefilter#NON_ASCII}. A list
     * holding only null when there is none.
     */
    static List<String> requiredLiterals(int[] t, boolean cased) {
        String lit = longestLiteral(t, cased);
        if (lit == null) {
            for (int c : t) {
                if (c >= 0x80) {
                    // Too short to anchor, but not ASCII: the value must hold a non-ASCII character.
                    return List.of(dev.unravel.sigma.match.Prefilter.NON_ASCII);
                }
            }
        }
        List<Integer> dashes = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i] == Glob.DASH) {
                dashes.add(i);
            }
        }
        if (lit != null || dashes.isEmpty() || dashes.size() > 2) {
            return java.util.Collections.singletonList(lit);
        }
        char[] chars = {'-', '/', '\u2013', '\u2014', '\u2015'};
        int combinations = dashes.size() == 1 ? chars.length : chars.length * chars.length;
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (int x = 0; x < combinations; x++) {
            int[] v = t.clone();
            int rest = x;
            for (int p : dashes) {
                v[p] = chars[rest % chars.length];
                rest /= chars.length;
            }
            String l = longestLiteral(v, cased);
            if (l == null) {
                return java.util.Collections.singletonList(null);
            }
            out.add(l);
        }
        return new ArrayList<>(out);
    }

    /** The longest run of plain characters, lower-cased, if long enough for the prefilter. */
    static String longestLiteral(int[] t, boolean cased) {
        int bestFrom = 0;
        int bestLen = 0;
        int i = 0;
        while (i < t.length) {
            if (t[i] < 0 || !indexable(t[i], cased)) {
                i++;
                continue;
            }
            int j = i;
            while (j < t.length && t[j] >= 0 && indexable(t[j], cased)) {
                j++;
            }
            if (j - i > bestLen) {
                bestLen = j - i;
                bestFrom = i;
            }
            i = j;
        }
        if (bestLen < Requirement.MIN_LENGTH) {
            return null;
        }
        String lit = text(t, bestFrom, bestFrom + bestLen);
        return cased ? lit.toLowerCase(java.util.Locale.ROOT) : lit;
    }

    /**
     * Whether a (lower-cased, or for cased tests original) character can be part of a prefilter
     * literal: exact tests keep their case, and only ASCII lower-cases position for position.
     */
    private static boolean indexable(int c, boolean cased) {
        return cased ? c < 0x80 : dev.unravel.sigma.match.Prefilter.acceptable((char) c);
    }

    // ------------------------------------------------------------------ transformations

    /**
     * windash (modifiers appendix §String Modifiers): a {@code -} or {@code /} that starts a word
     * after a non-word character (pySigma's {@code \B[-/]\b}) may be any of - / – — ―. As a glob
     * class; as permutations when an encoding follows and must encode each.
     */
    private static List<SigmaString> windash(SigmaString s, boolean permute, Mods m) {
        int[] t = s.tokens.clone();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i] == '-' || t[i] == '/') {
                boolean leftNonWord = i == 0 || t[i - 1] < 0 || !isWord(t[i - 1]);
                boolean rightWord = i + 1 < t.length && t[i + 1] >= 0 && isWord(t[i + 1]);
                if (leftNonWord && rightWord) {
                    positions.add(i);
                }
            }
        }
        if (positions.isEmpty()) {
            return List.of(s);
        }
        if (!permute) {
            for (int p : positions) {
                t[p] = Glob.DASH;
            }
            return List.of(SigmaString.ofTokens(t));
        }
        int[] dashes = {'-', '/', '\u2013', '\u2014', '\u2015'};
        double total = Math.pow(dashes.length, positions.size());
        if (total > MAX_VARIANTS) {
            throw m.err("windash before an encoding would produce " + (long) total + " permutations");
        }
        List<SigmaString> out = new ArrayList<>();
        for (int combo = 0; combo < total; combo++) {
            int[] c = t.clone();
            int x = combo;
            for (int p : positions) {
                c[p] = dashes[x % dashes.length];
                x /= dashes.length;
            }
            out.add(SigmaString.ofTokens(c));
        }
        return out;
    }

    private static boolean isWord(int c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }

    /** UTF-16 encoding of the characters (wildcards kept); each output byte becomes one char 0..255. */
    private static SigmaString utf16(SigmaString s, boolean bigEndian, boolean bom) {
        List<Integer> out = new ArrayList<>();
        if (bom) {
            out.add(0xFF);
            out.add(0xFE);
        }
        for (int t : s.tokens) {
            if (t < 0) {
                out.add(t);
            } else if (bigEndian) {
                out.add((t >> 8) & 0xFF);
                out.add(t & 0xFF);
            } else {
                out.add(t & 0xFF);
                out.add((t >> 8) & 0xFF);
            }
        }
        return SigmaString.ofTokens(out.stream().mapToInt(Integer::intValue).toArray());
    }

    private static byte[] bytes(SigmaString s, boolean bytes, SigmaValue v, Mods m, String mod) {
        String plain = s.plainText();
        if (plain == null) {
            throw SigmaError.at(v.line(), v.column(), "'" + mod + "' cannot encode a value with wildcards or windash "
                    + "positions: '" + v.text() + "'", MODS + " §Encoding");
        }
        if (bytes) {
            byte[] b = new byte[plain.length()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) plain.charAt(i);
            }
            return b;
        }
        return plain.getBytes(StandardCharsets.UTF_8);
    }

    private static String base64(SigmaString s, boolean bytes, SigmaValue v, Mods m) {
        return Base64.getEncoder().encodeToString(bytes(s, bytes, v, m, "base64"));
    }

    /**
     * The three shifted forms of a value inside base64 text (pySigma's algorithm): encode it after
     * 0, 1 and 2 filler bytes and cut away the characters that depend on the unknown neighbours.
     */
    static List<String> base64offset(byte[] value) {
        int[] start = {0, 2, 3};
        int[] endTrim = {0, 3, 2};
        List<String> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[value.length + i];
            java.util.Arrays.fill(shifted, 0, i, (byte) ' ');
            System.arraycopy(value, 0, shifted, i, value.length);
            String enc = Base64.getEncoder().encodeToString(shifted);
            int end = enc.length() - endTrim[(value.length + i) % 3];
            out.add(start[i] < end ? enc.substring(start[i], end) : "");
        }
        return out;
    }

    private static List<String> base64offset(SigmaString s, boolean bytes, SigmaValue v, Mods m) {
        return base64offset(bytes(s, bytes, v, m, "base64offset"));
    }
}
