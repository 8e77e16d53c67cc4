package dev.unravel.sigma;

import dev.unravel.core.LogSource;
import dev.unravel.sigma.compile.CompiledRule;
import dev.unravel.sigma.compile.FieldRegistry;
import dev.unravel.sigma.compile.FilterApplier;
import dev.unravel.sigma.compile.LiteralIds;
import dev.unravel.sigma.compile.Requirement;
import dev.unravel.sigma.compile.RuleCompiler;
import dev.unravel.sigma.correlate.CorrelationPlan;
import dev.unravel.sigma.correlate.CorrelationLimits;
import dev.unravel.sigma.match.Bucket;
import dev.unravel.sigma.match.FieldPath;
import dev.unravel.sigma.match.Node;
import dev.unravel.sigma.match.Gate;
import dev.unravel.sigma.match.Prefilter;
import dev.unravel.sigma.parse.CorrelationRule;
import dev.unravel.sigma.parse.ParsedFile;
import dev.unravel.sigma.parse.RuleParser;
import dev.unravel.sigma.parse.SigmaError;
import dev.unravel.sigma.parse.SigmaFilter;
import dev.unravel.sigma.parse.SigmaRule;
import dev.unravel.sigma.pipeline.PipelineChain;
import dev.unravel.sigma.pipeline.ProcessingPipeline;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * A loaded, compiled set of Sigma rules: the engine's public entry point.
 *
 * <pre>
 * RuleSet rules = RuleSet.builder().pipeline("evtx").path(Path.of("rules")).build();
 * rules.report();                        // loaded/failed counts, errors with file:line and clause
 * SigmaSession s = rules.newSession();   // one per thread
 * for (Event e : events) for (SigmaMatch m : s.process(e)) …
 * </pre>
 *
 * Immutable and thread-safe once built; dispatch buckets are built lazily, once per distinct
 * event logsource, and shared.
 */
public final class RuleSet {
    private final List<CompiledRule> rules;
    private final FieldRegistry fields;
    private final FieldPath[] paths;
    private final CorrelationPlan correlations;
    private final LoadReport report;
    private final Map<LogSource, Bucket> buckets = new ConcurrentHashMap<>();
    private final int maxBucketRules;
    private final LiteralIds literalIds;

    private RuleSet(List<CompiledRule> rules, FieldRegistry fields, CorrelationPlan correlations, LoadReport report) {
        this.rules = List.copyOf(rules);
        // Numbered up front: buckets are built lazily from several threads, the numbers must not be.
        this.literalIds = new LiteralIds();
        for (CompiledRule r : rules) {
            if (r.requirement() != null) {
                for (Requirement.Clause c : r.requirement().clauses()) {
                    for (int i = 0; i < c.size(); i++) {
                        literalIds.id(c.slots()[i], c.literals()[i]);
                    }
                }
            }
        }
        // "contains" tests whose literals the prefilter indexes for their field, in every bucket
        // their rule is in, are answered from what the scan found instead of searching again.
        for (CompiledRule r : rules) {
            Map<Integer, java.util.Set<String>> indexed = new HashMap<>();
            for (Requirement.Clause c : usableClauses(r.requirement())) {
                for (int i = 0; i < c.size(); i++) {
                    indexed.computeIfAbsent(c.slots()[i], k -> new java.util.HashSet<>()).add(c.literals()[i]);
                }
            }
            if (!indexed.isEmpty()) {
                Node.useScanFindings(r.root(), (slot, lit) -> indexed.getOrDefault(slot, java.util.Set.of())
                        .contains(lit) ? literalIds.existing(slot, lit) : -1);
            }
        }
        this.fields = fields;
        this.paths = fields.snapshot();
        this.correlations = correlations;
        this.report = report;
        this.maxBucketRules = rules.size();
    }

    public static Builder builder() {
        return new Builder();
    }

    public LoadReport report() {
        return report;
    }

    public List<CompiledRule> rules() {
        return rules;
    }

    public CorrelationPlan correlations() {
        return correlations;
    }

    /** A matching session for one thread (it holds the per-event field cache and correlation state). */
    public SigmaSession newSession() {
        return new SigmaSession(this);
    }

    /** The field paths by slot, for tools that evaluate programs directly. */
    public FieldPath[] paths() {
        return paths.clone();
    }

    int maxBucketRules() {
        return maxBucketRules;
    }

    /** How many distinct (field, literal) pairs the prefilters may report per event. */
    public int literalCount() {
        return literalIds.size();
    }

    public int fieldCount() {
        return paths.length;
    }

    /** The rules that apply to events of this logsource, with their prefilter. */
    public Bucket bucket(LogSource ls) {
        Bucket b = buckets.get(ls);
        return b != null ? b : buckets.computeIfAbsent(ls, this::buildBucket);
    }

    private Bucket buildBucket(LogSource ls) {
        List<Integer> idx = new ArrayList<>();
        List<Node> programs = new ArrayList<>();
        for (CompiledRule r : rules) {
            List<Node> conds = new ArrayList<>();
            boolean unconditional = false;
            for (CompiledRule.Target t : r.targets()) {
                if (t.logSource().covers(ls)) {
                    if (t.condition() == null) {
                        unconditional = true;
                    } else {
                        conds.add(t.condition());
                    }
                }
            }
            if (!unconditional && conds.isEmpty()) {
                continue;
            }
            Node program = r.root();
            if (!unconditional) {
                Node gate = conds.size() == 1 ? conds.get(0) : new Node.Or(conds);
                program = new Node.And(List.of(gate, program));
            }
            idx.add(r.index());
            programs.add(program);
        }
        long[] always = new long[(idx.size() + 63) / 64];
        int[][][] guards = new int[idx.size()][][];
        Gate[] gates = new Gate[idx.size()];
        Prefilter.Builder pb = new Prefilter.Builder();
        for (int local = 0; local < idx.size(); local++) {
            List<Requirement.Clause> usable = usableClauses(rules.get(idx.get(local)).requirement());
            if (usable.isEmpty()) {
                always[local >>> 6] |= 1L << local;
                gates[local] = Gate.of(rules.get(idx.get(local)).root());
                continue;
            }
            // The first (best) clause activates the rule; the others are checked after the scan.
            for (int k = 0; k < usable.size(); k++) {
                Requirement.Clause c = usable.get(k);
                int[] ids = new int[c.size()];
                for (int i = 0; i < c.size(); i++) {
                    ids[i] = literalIds.existing(c.slots()[i], c.literals()[i]);
                    pb.add(c.slots()[i], c.literals()[i], k == 0 ? local : -1, ids[i]);
                }
                if (k > 0) {
                    if (guards[local] == null) {
                        guards[local] = new int[usable.size() - 1][];
                    }
                    guards[local][k - 1] = ids;
                }
            }
        }
        return new Bucket(idx.stream().mapToInt(Integer::intValue).toArray(), programs.toArray(Node[]::new), always,
                pb.build(paths), guards, gates);
    }

    /**
     * Whether the prefilter can let {@code rule} through only on events holding one of its
     * literals (of four or more characters) or integers. A rule without is evaluated on every
     * event of its logsource, or, when it has a {@link Gate}, on every event whose value holds a
     * character it needs.
     */
    public boolean prefiltered(CompiledRule rule) {
        return !usableClauses(rule.requirement()).isEmpty();
    }

    /** The clauses the prefilter indexes: those whose every literal it can anchor. */
    private static List<Requirement.Clause> usableClauses(Requirement req) {
        return req == null ? List.of() : req.clauses().stream()
                .filter(c -> java.util.Arrays.stream(c.literals()).allMatch(Prefilter.Builder::usable)).toList();
    }

    /** Builds a rule set from files, directories and texts, through processing pipelines. */
    public static final class Builder {
        private final List<ProcessingPipeline> pipelines = new ArrayList<>();
        private final List<Path> paths = new ArrayList<>();
        private final List<String[]> texts = new ArrayList<>();
        private CorrelationLimits limits = CorrelationLimits.DEFAULT;

        public Builder pipeline(ProcessingPipeline p) {
            pipelines.add(p);
            return this;
        }

        /** A built-in pipeline by name or a pipeline YAML file. */
        public Builder pipeline(String nameOrPath) {
            try {
                pipelines.add(dev.unravel.sigma.pipeline.PipelineLoader.load(nameOrPath));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        /** A rule file, or a directory searched recursively for {@code .yml}/{@code .yaml} files. */
        public Builder path(Path p) {
            paths.add(p);
            return this;
        }

        public Builder paths(List<Path> ps) {
            paths.addAll(ps);
            return this;
        }

        /** Rule YAML given as text (tests, rule packs on the class path). */
        public Builder text(String name, String yaml) {
            texts.add(new String[] {name, yaml});
            return this;
        }

        public Builder limits(CorrelationLimits l) {
            this.limits = l;
            return this;
        }

        public RuleSet build() {
            RuleParser parser = new RuleParser();
            List<SigmaError> errors = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            for (Path p : paths) {
                files.addAll(ruleFiles(p));
            }
            // Parsing is independent per file and dominated by YAML scanning: use the cores.
            List<Object> results = files.parallelStream().map(f -> {
                try {
                    return (Object) parser.parse(f.toString(), Files.readString(f, StandardCharsets.UTF_8));
                } catch (java.nio.charset.MalformedInputException e) {
                    return new SigmaError(f.toString(), 0, 0, "not UTF-8 text", "rules §Yaml File");
                } catch (IOException | UncheckedIOException e) {
                    return new SigmaError(f.toString(), 0, 0, "cannot read: " + e.getMessage(), "");
                }
            }).toList();
            List<ParsedFile> parsed = new ArrayList<>();
            for (Object o : results) {
                if (o instanceof ParsedFile pf) {
                    parsed.add(pf);
                } else {
                    errors.add((SigmaError) o);
                }
            }
            int fileCount = files.size();
            for (String[] t : texts) {
                fileCount++;
                parsed.add(parser.parse(t[0], t[1]));
            }
            List<SigmaRule> sigmaRules = new ArrayList<>();
            List<CorrelationRule> corr = new ArrayList<>();
            List<SigmaFilter> filters = new ArrayList<>();
            List<String> warnings = new ArrayList<>();
            for (ParsedFile pf : parsed) {
                sigmaRules.addAll(pf.rules());
                corr.addAll(pf.correlations());
                filters.addAll(pf.filters());
                errors.addAll(pf.errors());
                warnings.addAll(pf.warnings());
            }
            PipelineChain chain = new PipelineChain(pipelines);
            FieldRegistry registry = new FieldRegistry(chain);
            List<CompiledRule> compiled = new ArrayList<>();
            Map<String, String> seenIds = new HashMap<>();
            for (SigmaRule r : sigmaRules) {
                SigmaRule filtered = filters.isEmpty() ? r : FilterApplier.apply(r, filters);
                List<String> w = new ArrayList<>();
                try {
                    compiled.add(new RuleCompiler(registry, w).compile(filtered, compiled.size()));
                    for (String s : w) {
                        warnings.add(r.file() + ": " + s);
                    }
                    if (r.id() != null) {
                        String prev = seenIds.putIfAbsent(r.id(), r.file());
                        if (prev != null) {
                            warnings.add(r.file() + ":" + r.line() + ": id " + r.id() + " is also used by " + prev
                                    + " [rules §Identification]");
                        }
                    }
                } catch (SigmaError e) {
                    errors.add(e.inFile(r.file()));
                }
            }
            CorrelationPlan plan = CorrelationPlan.build(corr, compiled, registry, limits, errors);
            LoadReport report = new LoadReport(fileCount, compiled.size(), plan.size(), filters.size(), errors, warnings);
            return new RuleSet(compiled, registry, plan, report);
        }

        private static List<Path> ruleFiles(Path p) {
            if (Files.isRegularFile(p)) {
                return List.of(p);
            }
            if (!Files.isDirectory(p)) {
                throw new UncheckedIOException(new IOException("no such rule file or directory: " + p));
            }
            try (Stream<Path> s = Files.walk(p)) {
                List<Path> out = new ArrayList<>(s.filter(Files::isRegularFile)
                        .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).toList());
                Collections.sort(out);
                return out;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
