package dev.unravel.detect.access.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.Detectors;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.Pii;
import dev.unravel.detect.roster.Roster;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Precision and recall of the access and working-hours detectors on a simulated company
 * ({@code unravel simulate}), against its {@code truth.json}: a worker counts as flagged by a
 * detector when any of its signals names them; "strong FP" counts benign workers given 0.5 or more.
 * Events go through the roster first, then to every detector in time order, as the engine does.
 * Not a test: run by hand.
 *
 * <pre>
 * ./unravel simulate --employees 2000 --days 20 --out /tmp/sim
 * ./mvnw -B -o -q test-compile -pl detect
 * ./mvnw -B -o -q dependency:build-classpath -pl detect -Dmdep.outputFile=/tmp/detect.cp -Dmdep.includeScope=test
 * java -Xmx6g -cp detect/target/test-classes:detect/target/classes:$(cat /tmp/detect.cp) \
 *     dev.unravel.detect.access.bench.AccessSimulationMeasure /tmp/sim [--list]
 * </pre>
 */
public final class AccessSimulationMeasure {
    private static final dev.unravel.detect.roster.DeviceAddresses NO_ADDRESSES =
            new dev.unravel.detect.roster.DeviceAddresses(1);


    private AccessSimulationMeasure() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean list = args.length > 1 && args[1].equals("--list");
        JsonNode truth = new ObjectMapper().readTree(dir.resolve("truth.json").toFile());
        Map<String, String> persona = new TreeMap<>();
        truth.get("fraudulent_workers").forEach(w -> persona.put(w.get("employee_id").asText(),
                w.get("persona").asText()));
        Map<String, String> noise = new HashMap<>();
        truth.get("noise").forEach(n -> n.get("workers").forEach(w -> noise.merge(w.asText(),
                n.get("behaviour").asText(), (a, b) -> a + "," + b)));

        List<Event> events = new ArrayList<>();
        new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10).run(List.of(dir));
        events.sort(Comparator.comparing(Event::time));
        Roster roster = new Roster(Pii.withKey("measure-key-0123456789abcdef"));
        events.forEach(roster::observe);

        List<Detector> detectors = new ArrayList<>();
        for (Detector d : Detectors.builtIn(DetectConfig.DEFAULT)) {
            if (d.id().startsWith("access.") || d.id().startsWith("hours.")) {
                detectors.add(d);
            }
        }
        Map<String, List<Signal>> signals = new TreeMap<>();
        Map<String, DetectorContext> contexts = new HashMap<>();
        Map<String, Map<String, Long>> skipped = new TreeMap<>();
        for (Detector d : detectors) {
            List<Signal> out = new ArrayList<>();
            Map<String, Long> skips = new TreeMap<>();
            signals.put(d.id(), out);
            skipped.put(d.id(), skips);
            contexts.put(d.id(), new DetectorContext() {
                public Roster roster() {
                    return roster;
                }

                @Override
                public dev.unravel.detect.roster.DeviceAddresses addresses() {
                    return NO_ADDRESSES; // the access detectors read sign-ins, which carry their own addresses
                }

                public Settings settings() {
                    return Settings.NONE;
                }

                public void emit(Signal s) {
                    out.add(s);
                }

                public <K, V> PerEntity<K, V> state(int maxEntries) {
                    return new PerEntity<>(maxEntries);
                }

                public void skipped(String reason) {
                    skips.merge(reason, 1L, Long::sum);
                }
            });
        }
        detectors.forEach(d -> d.start(contexts.get(d.id())));
        long start = System.nanoTime();
        for (Event e : events) {
            for (Detector d : detectors) {
                if (d.reads(e.type())) {
                    d.onEvent(e, contexts.get(d.id()));
                }
            }
        }
        detectors.forEach(d -> d.finish(contexts.get(d.id())));
        double seconds = (System.nanoTime() - start) / 1e9;

        System.out.printf("%s: %,d events, %,d workers, %d fraudulent; detectors ran in %.1f s (%,.0f events/s, "
                + "dispatch included)%n", dir, events.size(), roster.size(), persona.size(), seconds,
                events.size() / seconds);
        System.out.printf("%-34s %7s %5s %4s %4s %9s %8s %9s%n", "detector", "signals", "flag", "TP", "FP",
                "precision", "recall", "strong FP");
        for (var entry : signals.entrySet()) {
            Map<String, Double> strongest = new TreeMap<>();
            for (Signal s : entry.getValue()) {
                strongest.merge(s.subject().value(), s.strength(), Math::max);
            }
            long tp = strongest.keySet().stream().filter(persona::containsKey).count();
            long fp = strongest.size() - tp;
            long strongFp = strongest.entrySet().stream()
                    .filter(x -> !persona.containsKey(x.getKey()) && x.getValue() >= 0.5).count();
            System.out.printf("%-34s %7d %5d %4d %4d %9s %8s %9d%n", entry.getKey(), entry.getValue().size(),
                    strongest.size(), tp, fp, strongest.isEmpty() ? "n/a" : String.format("%.2f",
                            (double) tp / strongest.size()), tp + "/" + persona.size(), strongFp);
            if (list) {
                strongest.forEach((who, strength) -> System.out.printf("    %-10s %.1f %s%n", who, strength,
                        persona.containsKey(who) ? "FRAUD " + persona.get(who)
                                : "benign " + noise.getOrDefault(who, "")));
                if (!skipped.get(entry.getKey()).isEmpty()) {
                    System.out.println("    skipped " + skipped.get(entry.getKey()));
                }
            }
        }
        Map<String, TreeSet<String>> byPersona = new TreeMap<>();
        for (var entry : signals.entrySet()) {
            for (Signal s : entry.getValue()) {
                String p = persona.get(s.subject().value());
                if (p != null) {
                    byPersona.computeIfAbsent(s.subject().value() + " " + p, k -> new TreeSet<>()).add(entry.getKey());
                }
            }
        }
        persona.forEach((id, p) -> System.out.printf("  %s %-22s %s%n", id, p,
                byPersona.getOrDefault(id + " " + p, new TreeSet<>())));
    }
}
