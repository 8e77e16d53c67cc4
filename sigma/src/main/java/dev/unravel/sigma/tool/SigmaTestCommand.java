package dev.unravel.sigma.tool;

import dev.unravel.core.Event;
import dev.unravel.sigma.RuleSet;
import dev.unravel.sigma.SigmaSession;
import dev.unravel.sigma.compile.CompiledRule;
import dev.unravel.sigma.parse.SigmaError;
import dev.unravel.sigma.parse.Y;
import dev.unravel.sigma.parse.YamlReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code unravel sigma test --rules PATH... --regression DIR}: runs SigmaHQ-style regression data.
 * Each {@code info.yml} names a rule ({@code rule_metadata[].id}) and tests
 * ({@code regression_tests_info[]}: name, type, optional {@code match_count}, path of an
 * {@code .evtx}); the events are read from that log, beside the info.yml, or, where it is
 * missing, from its evtx_dump JSON twin ({@code .json}, or {@code .jsoncls}). A test passes when
 * the rule matches at least {@code match_count} events (at least one when no count is given) —
 * SigmaHQ's own runner ({@code tests/regression_tests_runner.py})
 * reads the count as a minimum and only warns about more; we report a surplus as a note on the
 * passing case, so the count stays visible.
 */
public final class SigmaTestCommand {
    private SigmaTestCommand() {
    }

    /** One regression test's outcome. */
    public record Case(Path info, String ruleId, String name, int expected, int matched, boolean passed,
            String reason) {
        public String label() {
            return ruleId + " " + name;
        }
    }

    public record Result(List<Case> cases, int infos, int skipped) {
        public long passed() {
            return cases.stream().filter(Case::passed).count();
        }

        public long failed() {
            return cases.size() - passed();
        }
    }

    /** Every {@code info.yml} under a directory. */
    public static List<Path> infos(Path regressionDir) throws IOException {
        try (Stream<Path> s = Files.walk(regressionDir)) {
            return s.filter(p -> p.getFileName().toString().equals("info.yml")).sorted().toList();
        }
    }

    public static Result run(List<Path> rules, Path regressionDir, List<String> pipelines, PrintWriter out)
            throws IOException {
        RuleSet.Builder b = RuleSet.builder();
        (pipelines.isEmpty() ? List.of("evtx") : pipelines).forEach(b::pipeline);
        RuleSet set = b.paths(rules).build();
        List<Case> cases = new ArrayList<>();
        int skipped = 0;
        List<Path> infos = infos(regressionDir);
        for (Path info : infos) {
            List<Case> c = runInfo(set, info);
            if (c.isEmpty()) {
                skipped++;
                out.println("SKIP " + regressionDir.relativize(info) + " (no regression_tests_info)");
            }
            for (Case k : c) {
                out.println((k.passed() ? "PASS " : "FAIL ") + k.label() + " expected "
                        + (k.expected() < 0 ? ">=1" : k.expected()) + " matched " + k.matched()
                        + (k.reason() == null ? "" : " (" + k.reason() + ")"));
            }
            cases.addAll(c);
        }
        Result r = new Result(cases, infos.size(), skipped);
        out.printf("%d regression tests: %d passed, %d failed; %d info files without tests%n", cases.size(),
                r.passed(), r.failed(), skipped);
        out.flush();
        return r;
    }

    /** Runs the tests of one info.yml against a loaded rule set. */
    public static List<Case> runInfo(RuleSet set, Path info) throws IOException {
        Y root;
        try {
            List<Y> docs = new YamlReader().readAll(Files.readString(info, StandardCharsets.UTF_8));
            root = docs.isEmpty() ? null : docs.get(0);
        } catch (SigmaError e) {
            return List.of(new Case(info, "?", "info.yml", 0, 0, false, e.inFile(info.toString()).getMessage()));
        }
        if (!(root instanceof Y.Map m)) {
            return List.of(new Case(info, "?", "info.yml", 0, 0, false, "info.yml is not a map"));
        }
        String ruleId = null;
        if (m.get("rule_metadata") instanceof Y.Seq meta && !meta.items.isEmpty()
                && meta.items.get(0) instanceof Y.Map rm && rm.get("id") instanceof Y.Scalar id) {
            ruleId = id.text;
        }
        if (!(m.get("regression_tests_info") instanceof Y.Seq tests)) {
            return List.of();
        }
        CompiledRule rule = null;
        for (CompiledRule r : set.rules()) {
            if (r.rule().id() != null && r.rule().id().equals(ruleId)) {
                rule = r;
                break;
            }
        }
        List<Case> out = new ArrayList<>();
        for (Y t : tests.items) {
            if (!(t instanceof Y.Map tm)) {
                continue;
            }
            String name = tm.get("name") instanceof Y.Scalar s ? s.text : "test";
            int expected = tm.get("match_count") instanceof Y.Scalar s && s.value instanceof Long l ? l.intValue() : -1;
            String evtx = tm.get("path") instanceof Y.Scalar s ? s.text : null;
            if (rule == null) {
                out.add(new Case(info, ruleId, name, expected, 0, false, "rule " + ruleId + " is not loaded"));
                continue;
            }
            Path events = events(info.getParent(), evtx);
            if (events == null) {
                out.add(new Case(info, ruleId, name, expected, 0, false,
                        "neither " + evtx + " nor its JSON twin is there"));
                continue;
            }
            int matched = count(set, rule, events);
            boolean pass = matched >= Math.max(1, expected);
            String note = expected >= 0 && matched > expected
                    ? "more matches than match_count; SigmaHQ's runner warns 'consider updating match_count'" : null;
            out.add(new Case(info, ruleId, name, expected, matched, pass, note));
        }
        return out;
    }

    private static int count(RuleSet set, CompiledRule rule, Path json) throws IOException {
        SigmaSession session = set.newSession();
        int[] n = {0};
        for (Event e : dev.unravel.sigma.windows.EvtxJson.read(json)) {
            session.matchingRules(e, r -> {
                if (r == rule) {
                    n[0]++;
                }
            });
        }
        return n[0];
    }

    /** The file beside the info.yml that holds the test's records: the log it names, else its JSON twin. */
    static Path events(Path dir, String evtxPath) throws IOException {
        if (evtxPath != null) {
            String base = Path.of(evtxPath).getFileName().toString().replaceFirst("\\.evtx$", "");
            for (String ext : List.of(".evtx", ".json", ".jsoncls")) {
                Path p = dir.resolve(base + ext);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> files = s.filter(EventFiles::isEventFile).sorted().toList();
            return files.size() == 1 ? files.get(0) : null;
        }
    }
}
