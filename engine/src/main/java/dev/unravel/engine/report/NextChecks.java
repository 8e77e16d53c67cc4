package dev.unravel.engine.report;

import dev.unravel.core.Stage;
import dev.unravel.core.cases.Assessment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * What to check next in a case, from its findings: each kind of finding calls for checks by a team
 * (HR, IT, Security, Payroll, Legal, the manager), kept in {@code checks.yaml} beside this engine
 * (documented there). A finding is looked up by its detector id, else by its stage
 * ({@code stage.control}), so that a Sigma rule's finding gets its stage's check. The checks of
 * a case come once each, naming the findings that call for them: those for every case first, then
 * the urgent ones (evidence or access lost if left), then by the stage of the scheme they follow from.
 */
public final class NextChecks {

    public static final String RESOURCE = "/dev/unravel/engine/checks.yaml";
    static final String ANY = "any";
    static final String STAGE = "stage.";
    static final Set<String> TEAMS = Set.of("HR", "IT", "Security", "Payroll", "Legal", "Manager");

    /** One check: the team that acts, what to do, whether it cannot wait, and the findings (detector ids) it follows from. */
    public record Check(String who, String what, boolean urgent, List<String> findings) {

        /**
         * What names this step when it is marked done: 16 hex digits of the SHA-256 of its team and
         * text, so the same step keeps its mark whatever findings call for it (a reworded step is new).
         */
        public String key() {
            return dev.unravel.core.Sha256.hex(who + "\n" + what).substring(0, 16);
        }

        /** The step in one line: {@code IT: Disable the account …}. */
        public String label() {
            return who + ": " + what;
        }
    }

    private record Entry(String who, String what, boolean urgent, boolean whileEmployed) {
    }

    private static final NextChecks BUILT_IN = builtIn0();

    private final Map<String, List<Entry>> byKey;

    private NextChecks(Map<String, List<Entry>> byKey) {
        this.byKey = byKey;
    }

    /** The checks that ship with Unravel ({@code checks.yaml}). */
    public static NextChecks builtIn() {
        return BUILT_IN;
    }

    private static NextChecks builtIn0() {
        try (InputStream in = NextChecks.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "checks.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Whether someone HR recorded as terminated on {@code terminationDate} (an ISO date, or null:
     * never) still works there on {@code today}: until the end of that day.
     */
    public static boolean employed(String terminationDate, java.time.LocalDate today) {
        if (terminationDate == null) {
            return true;
        }
        try {
            return !java.time.LocalDate.parse(terminationDate).isBefore(today);
        } catch (java.time.format.DateTimeParseException e) {
            return true; // a date the store could not read: keep every check
        }
    }

    /** The ids (detector ids, {@code stage.*}, {@code any}) that have checks. */
    public Set<String> keys() {
        return byKey.keySet();
    }

    /**
     * Reads a checks file; a malformed one is refused with the key and the field that is wrong.
     *
     * @param name how the file is named in messages
     */
    public static NextChecks parse(String text, String name) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setMaxAliasesForCollections(10).setLabel(name).build())
                    .loadFromString(text);
        } catch (YamlEngineException e) {
            throw new IllegalArgumentException(name + ": not YAML: " + e.getMessage(), e);
        }
        if (!(root instanceof Map<?, ?> top)) {
            throw new IllegalArgumentException(name + ": expected a map of finding ids to lists of checks");
        }
        Map<String, List<Entry>> byKey = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : top.entrySet()) {
            String key = String.valueOf(e.getKey());
            if (key.equals("version")) {
                continue;
            }
            if (!(e.getValue() instanceof List<?> list) || list.isEmpty()) {
                throw new IllegalArgumentException(name + ": " + key + ": expected a list of checks (who, what)");
            }
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                String at = name + ": " + key + "[" + (i + 1) + "]";
                if (!(list.get(i) instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException(at + ": expected who and what");
                }
                for (Object field : m.keySet()) {
                    if (!Set.of("who", "what", "urgent", "while_employed").contains(String.valueOf(field))) {
                        throw new IllegalArgumentException(at + ": unknown field '" + field + "' (who, what, urgent, "
                                + "while_employed)");
                    }
                }
                String who = m.get("who") instanceof String s ? s.strip() : null;
                if (who == null || !TEAMS.contains(who)) {
                    throw new IllegalArgumentException(at + ": who must be one of " + String.join(", ",
                            TEAMS.stream().sorted().toList()) + ", not " + m.get("who"));
                }
                String what = m.get("what") instanceof String s ? s.strip().replaceAll("\\s+", " ") : null;
                if (what == null || what.isEmpty()) {
                    throw new IllegalArgumentException(at + ": what is missing");
                }
                boolean urgent = flag(m, "urgent", at);
                boolean whileEmployed = flag(m, "while_employed", at);
                if (urgent && whileEmployed) {
                    // a case list marks urgent steps without knowing who has left
                    throw new IllegalArgumentException(at + ": an urgent step cannot need the person at work "
                            + "(while_employed)");
                }
                entries.add(new Entry(who, what, urgent, whileEmployed));
            }
            byKey.put(key, List.copyOf(entries));
        }
        return new NextChecks(Map.copyOf(byKey));
    }

    private static boolean flag(Map<?, ?> m, String name, String at) {
        Object v = m.get(name);
        if (v != null && !(v instanceof Boolean)) {
            throw new IllegalArgumentException(at + ": " + name + " is true or false, not " + v);
        }
        return Boolean.TRUE.equals(v);
    }

    /** The checks {@code findings} call for, each once, in the order a reader should take them; none without findings. */
    public List<Check> forFindings(List<Assessment.Finding> findings) {
        return forFindings(findings, true);
    }

    /**
     * As {@link #forFindings(List)}; when the person is no longer {@code employed}, without the checks
     * that need them at work.
     */
    public List<Check> forFindings(List<Assessment.Finding> findings, boolean employed) {
        if (findings.isEmpty()) {
            return List.of();
        }
        record Gathered(Entry entry, int rank, Set<String> findings) {
        }
        Map<Entry, Gathered> gathered = new LinkedHashMap<>();
        for (Entry any : byKey.getOrDefault(ANY, List.of())) {
            if (employed || !any.whileEmployed()) {
                gathered.put(any, new Gathered(any, -1, new LinkedHashSet<>()));
            }
        }
        List<Assessment.Finding> ordered = new ArrayList<>(findings);
        ordered.sort(Comparator.comparingInt((Assessment.Finding f) -> rank(f.stage())).thenComparing(
                Assessment.Finding::time));
        for (Assessment.Finding f : ordered) {
            for (Entry entry : entries(f.detector(), f.stage())) {
                if (entry.whileEmployed() && !employed) {
                    continue;
                }
                gathered.computeIfAbsent(entry, k -> new Gathered(k, rank(f.stage()), new LinkedHashSet<>()))
                        .findings().add(f.detector());
            }
        }
        List<Gathered> list = new ArrayList<>(gathered.values());
        list.sort(Comparator.comparingInt((Gathered g) -> g.rank() < 0 ? 0 : g.entry().urgent() ? 1 : 2)
                .thenComparingInt(Gathered::rank));
        return list.stream().map(g -> new Check(g.entry().who(), g.entry().what(), g.entry().urgent(),
                List.copyOf(g.findings()))).toList();
    }

    /** The steps a finding of {@code detector} calls for: its own, else its stage's; none when neither. */
    private List<Entry> entries(String detector, String stage) {
        List<Entry> entries = byKey.get(detector);
        if (entries == null && stage != null) {
            entries = byKey.get(STAGE + stage.toLowerCase(Locale.ROOT));
        }
        return entries == null ? List.of() : entries;
    }

    /** A kind of finding a case holds, as a list of cases knows it: its detector and stage. */
    public record Kind(String detector, String stage) {
    }

    /**
     * The teams with urgent steps among those findings of these {@code kinds} call for, in
     * alphabetical order: what a list of cases shows so that the ones that cannot wait stand out. (No
     * urgent step needs the person at work, so this holds whether or not they have left.)
     */
    public List<String> urgentTeams(java.util.Collection<Kind> kinds) {
        java.util.TreeSet<String> teams = new java.util.TreeSet<>();
        if (!kinds.isEmpty()) {
            byKey.getOrDefault(ANY, List.of()).stream().filter(Entry::urgent).forEach(e -> teams.add(e.who()));
        }
        for (Kind k : kinds) {
            entries(k.detector(), k.stage()).stream().filter(Entry::urgent).forEach(e -> teams.add(e.who()));
        }
        return List.copyOf(teams);
    }

    private static int rank(String stage) {
        Stage s = Stage.ofId(stage);
        return s == null ? Stage.values().length : s.ordinal();
    }
}
