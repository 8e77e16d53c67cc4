package dev.unravel.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What a simulation's {@code truth.json} says of its fraudulent workers, for the tests that read a whole simulation. */
record SimulatedTruth(List<String> fraudulent, Map<String, List<String>> byFacilitator) {

    static SimulatedTruth of(Path simulation) throws IOException {
        JsonNode truth = new ObjectMapper().readTree(simulation.resolve("truth.json").toFile());
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
        return new SimulatedTruth(fraudulent, byFacilitator);
    }

    /** The hires whose facilitator keeps two or more laptops at one farm. */
    List<String> atFarms() {
        return byFacilitator.values().stream().filter(l -> l.size() >= 2).flatMap(List::stream).toList();
    }
}
