package dev.unravel.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.core.Event;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A simulated company for the tests that read a whole simulation: its folder, what its
 * {@code truth.json} says of the fraudulent workers, and its records read as a company's.
 */
record SimulatedCompany(Path out, List<String> fraudulent, Map<String, List<String>> byFacilitator) {

    /** Simulates {@code employees} over {@code days} from March 2, 2026, with five fraudulent workers. */
    static SimulatedCompany simulate(Path dir, int employees, int days, long seed, SimConfig.Edr edr,
            SimConfig.Mdm mdm) throws Exception {
        Path out = dir.resolve("sim");
        new Simulator(new SimConfig(employees, days, seed, 5, LocalDate.of(2026, 3, 2), out, false,
                SimConfig.WebProxy.NONE, SimConfig.Vpn.NONE, edr, mdm), Simulator.Progress.NONE).run();
        return of(out);
    }

    static SimulatedCompany of(Path out) throws IOException {
        JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        List<String> fraudulent = new ArrayList<>();
        Map<String, List<String>> byFacilitator = new HashMap<>();
        truth.get("fraudulent_workers").forEach(w -> {
            String id = w.get("employee_id").asText();
            fraudulent.add(id);
            String facilitator = w.path("facilitator").asText("");
            if (!facilitator.isEmpty()) {
                byFacilitator.computeIfAbsent(facilitator, k -> new ArrayList<>()).add(id);
            }
        });
        return new SimulatedCompany(out, fraudulent, byFacilitator);
    }

    /** The hires whose facilitator keeps two or more laptops at one farm. */
    List<String> atFarms() {
        return byFacilitator.values().stream().filter(l -> l.size() >= 2).flatMap(List::stream).toList();
    }

    /** Each laptop's host name and the worker it is assigned to, from the asset register. */
    Map<String, String> laptops() throws IOException {
        Map<String, String> owner = new HashMap<>();
        java.util.regex.Pattern row = java.util.regex.Pattern.compile(",(NWL-[A-Z]+-\\d+),(E\\d+),");
        for (String line : java.nio.file.Files.readAllLines(out.resolve("assets/assets.csv"))) {
            java.util.regex.Matcher m = row.matcher(line); // the model may hold a quoted comma: match the row's tail
            if (m.find()) {
                owner.put(m.group(1), m.group(2));
            }
        }
        return owner;
    }

    /** The intelligence, HR and asset records, and the logs of {@code folders}, as a scan reads them. */
    List<Event> read(String... folders) throws IOException {
        List<Path> paths = new ArrayList<>(List.of(out.resolve("intel"), out.resolve("hr"), out.resolve("assets")));
        for (String f : folders) {
            paths.add(out.resolve(f));
        }
        List<Event> events = new ArrayList<>();
        new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10).run(paths);
        return events;
    }
}
