package dev.unravel.detect.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.Detector;
import dev.unravel.detect.Detectors;
import dev.unravel.detect.testing.DetectorHarness;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Measures the apply and onboard detectors on a simulation against its ground truth, and checks
 * the done-when: every apply/onboard step of every fraudulent worker is detected, and no
 * worker carrying only benign noise gets a strong (≥ 0.5) signal. Needs a simulation folder, so it
 * runs only when asked:
 *
 * <pre>
 * ./unravel simulate --employees 5000 --days 10 --out /tmp/apply-5k
 * ./mvnw -B -o -q install -pl detect -Dtest=ApplyEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dunravel.sim=/tmp/apply-5k
 * </pre>
 */
@EnabledIfSystemProperty(named = "unravel.sim", matches = ".+")
class ApplyEvaluationTest {

    private static final Set<String> RECORD_FOLDERS = Set.of("hr", "applicants", "assets", "intel");
    private static final double STRONG = 0.5;

    @Test
    void everyApplyAndOnboardStepIsDetectedAndNoiseStaysWeak() throws IOException {
        Path sim = Path.of(System.getProperty("unravel.sim"));
        Map<String, Object> truth;
        try (JsonParser p = new JsonFactory().createParser(sim.resolve("truth.json").toFile())) {
            p.nextToken();
            truth = map(tree(p));
        }
        Map<String, String> personaOf = new LinkedHashMap<>();
        Map<String, String> workerOfApplicant = new HashMap<>();
        for (Object o : list(truth.get("fraudulent_workers"))) {
            Map<String, Object> f = map(o);
            personaOf.put((String) f.get("employee_id"), (String) f.get("persona"));
            workerOfApplicant.put((String) f.get("applicant_id"), (String) f.get("employee_id"));
        }
        Map<String, Set<String>> noiseOf = new HashMap<>();
        for (Object o : list(truth.get("noise"))) {
            Map<String, Object> n = map(o);
            for (Object w : list(n.get("workers"))) {
                noiseOf.computeIfAbsent((String) w, k -> new HashSet<>()).add((String) n.get("behaviour"));
            }
        }

        List<Event> events = new ArrayList<>();
        List<Path> folders = new ArrayList<>();
        for (String f : RECORD_FOLDERS) {
            if (Files.isDirectory(sim.resolve(f))) {
                folders.add(sim.resolve(f));
            }
        }
        new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10).run(folders);
        Map<String, String> hiredAs = new HashMap<>();
        for (Event e : events) {
            Object employee = e.document().get("employee_id");
            if (e.type().equals("applicant.submitted") && employee != null) {
                hiredAs.put(e.user(), employee.toString());
            }
        }

        Map<String, List<Signal>> byDetector = new TreeMap<>();
        List<Signal> all = new ArrayList<>();
        for (Detector d : Detectors.builtIn(DetectConfig.DEFAULT)) {
            List<Signal> signals = new DetectorHarness().with(events).run(d);
            byDetector.put(d.id(), signals);
            all.addAll(signals);
        }

        int fraud = personaOf.size();
        System.out.printf(Locale.ROOT, "%n%-28s %7s %8s %5s %9s %6s %12s %9s %9s%n", "detector", "signals",
                "subjects", "fraud", "precision", "recall", "strong:subj", "precision", "noise>=.5");
        for (Map.Entry<String, List<Signal>> e : byDetector.entrySet()) {
            Set<String> subjects = new HashSet<>();
            Set<String> hits = new HashSet<>();
            Set<String> noisyStrong = new HashSet<>();
            Set<String> strongSubjects = new HashSet<>();
            Set<String> strongHits = new HashSet<>();
            for (Signal s : e.getValue()) {
                String w = workerOf(s.subject(), workerOfApplicant);
                subjects.add(s.subject().toString());
                if (s.strength() >= STRONG) {
                    strongSubjects.add(s.subject().toString());
                    if (personaOf.containsKey(w)) {
                        strongHits.add(w);
                    }
                }
                if (System.getProperty("unravel.explain") != null) {
                    System.out.printf(Locale.ROOT, "  %s %.2f %s %s%n", personaOf.containsKey(w) ? "F" : "-",
                            s.strength(), s.detector(), s.explanation());
                }
                if (personaOf.containsKey(w)) {
                    hits.add(w);
                } else if (s.strength() >= STRONG) {
                    noisyStrong.add(s.subject().toString());
                }
            }
            System.out.printf(Locale.ROOT, "%-28s %7d %8d %5d %9s %6s %12d %9s %9d%n", e.getKey(),
                    e.getValue().size(), subjects.size(), hits.size(), pct(hits.size(), subjects.size()),
                    pct(hits.size(), fraud), strongSubjects.size(), pct(strongHits.size(), strongSubjects.size()),
                    noisyStrong.size());
        }

        List<String> missed = new ArrayList<>();
        for (Object o : list(truth.get("fraudulent_workers"))) {
            String w = (String) map(o).get("employee_id");
            for (Object step : list(map(o).get("steps"))) {
                String name = (String) map(step).get("step");
                Stage needed = switch (name) {
                    case "applied" -> Stage.APPLY;
                    case "hired", "laptop_shipped" -> Stage.ONBOARD;
                    default -> null;
                };
                if (needed == null) {
                    continue;
                }
                boolean found = all.stream().anyMatch(s -> w.equals(workerOf(s.subject(), workerOfApplicant))
                        && (s.stage() == needed || name.equals("hired") && s.stage() == Stage.APPLY));
                System.out.printf(Locale.ROOT, "%-8s %-22s %-15s %s%n", w, personaOf.get(w), name,
                        found ? "detected" : "MISSED");
                if (!found) {
                    missed.add(w + " " + name);
                }
            }
        }

        // the ground truth's shared identifiers: is each group tied by a signal naming the others?
        List<String> untied = new ArrayList<>();
        for (Object o : list(truth.get("shared_identifiers"))) {
            Map<String, Object> g = map(o);
            List<Object> members = g.containsKey("workers") ? list(g.get("workers")) : list(g.get("applicants"));
            for (Object m : members) {
                String w = hiredAs.getOrDefault((String) m, (String) m);
                List<String> others = members.stream().map(x -> (String) x).filter(x -> !x.equals(m)).toList();
                String detector = switch ((String) g.get("kind")) {
                    case "bank_account" -> "onboard.payroll";
                    case "ship_to" -> "onboard.laptop-farm";
                    default -> "apply.shared-identifier";
                };
                // a signal of the detector for that kind, on this person, naming another member
                // (explanations name the first five others, then "and N more")
                boolean tied = all.stream().anyMatch(s -> s.detector().equals(detector)
                        && (s.subject().value().equals(m) || s.subject().value().equals(w))
                        && others.stream().anyMatch(x -> s.explanation().contains(x)
                                || s.explanation().contains(hiredAs.getOrDefault(x, x))));
                System.out.printf(Locale.ROOT, "shared %-12s %-9s %s%n", g.get("kind"), m, tied ? "tied" : "NOT TIED");
                if (!tied) {
                    untied.add(g.get("kind") + " " + m);
                }
            }
        }

        Map<String, List<String>> strongOnNoise = new TreeMap<>();
        Map<String, Integer> strongOnOthers = new TreeMap<>();
        for (Signal s : all) {
            String w = workerOf(s.subject(), workerOfApplicant);
            if (s.strength() < STRONG || personaOf.containsKey(w)) {
                continue;
            }
            if (noiseOf.containsKey(w)) {
                strongOnNoise.computeIfAbsent(w + " " + noiseOf.get(w), k -> new ArrayList<>())
                        .add(s.detector() + ": " + s.explanation());
            } else {
                strongOnOthers.merge(s.detector(), 1, Integer::sum);
            }
        }
        strongOnNoise.forEach((k, v) -> System.out.println("strong on noise " + k + " " + v));
        System.out.println("strong signals on other honest people, by detector: " + strongOnOthers);

        assertThat(missed).as("apply/onboard steps not detected").isEmpty();
        assertThat(untied).as("shared identifiers of the ground truth not reported").isEmpty();
        assertThat(strongOnNoise).as("benign noise with a strong signal").isEmpty();
    }

    /** The JSON value at the parser's current token as maps, lists and scalars. */
    private static Object tree(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_OBJECT) {
            Map<String, Object> m = new LinkedHashMap<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                m.put(name, tree(p));
            }
            return m;
        }
        if (t == JsonToken.START_ARRAY) {
            List<Object> l = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                l.add(tree(p));
            }
            return l;
        }
        return t == JsonToken.VALUE_NULL ? null : p.getText();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    private static String workerOf(EntityRef subject, Map<String, String> workerOfApplicant) {
        return subject.kind() == EntityRef.Kind.APPLICANT
                ? workerOfApplicant.getOrDefault(subject.value(), subject.value()) : subject.value();
    }

    private static String pct(int a, int b) {
        return b == 0 ? "-" : String.format(Locale.ROOT, "%.2f", a / (double) b);
    }
}
