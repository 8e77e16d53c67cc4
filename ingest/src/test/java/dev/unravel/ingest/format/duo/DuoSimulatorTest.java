package dev.unravel.ingest.format.duo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.core.Event;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.IdentityTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The simulator's Duo logs read as Duo's own, and show what the scheme looks like in them. */
class DuoSimulatorTest {

    @Test
    void theSimulatorsDuoLogsRead_genuinePhonesAreWhereTheirComputersAre_anOperatorsIsAbroad() throws Exception {
        Path out = IdentityTestSupport.simulated();
        Map<String, Long> manifest = IdentityTestSupport.manifestFiles(out);
        List<Path> files;
        try (Stream<Path> s = Files.list(out.resolve("duo"))) {
            files = s.sorted().toList();
        }
        assertThat(files).isNotEmpty();
        List<Event> events = new ArrayList<>();
        for (Path f : files) {
            assertThat(IdentityTestSupport.recognised(f)).isEqualTo("duo-auth");
            ReaderHarness.Result r = ReaderHarness.read(new DuoAuthenticationReader(), f);
            assertThat(r.errors()).as(f.toString()).isEmpty();
            assertThat(r.records()).isEqualTo(manifest.get("duo/" + f.getFileName()));
            events.addAll(r.events());
        }
        JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        Map<String, String> personaOf = new HashMap<>();
        truth.get("fraudulent_workers").forEach(w -> personaOf.put(w.get("identifiers").get("work_email").asText(),
                w.get("persona").asText()));

        Set<String> abroad = new HashSet<>();
        for (Event e : events) {
            String phoneIp = String.valueOf(e.field("auth_device.ip"));
            if (!personaOf.containsKey(e.user())) {
                assertThat(phoneIp).as("a genuine worker's phone is where they are: " + e.origin())
                        .isEqualTo(e.sourceIp());
            } else if (!phoneIp.equals(e.sourceIp())) {
                abroad.add(personaOf.get(e.user()) + " " + e.field("auth_device.location.country"));
            }
        }
        assertThat(abroad).isNotEmpty().allSatisfy(a -> assertThat(a).containsAnyOf("China", "Russia"));
        assertThat(events).extracting(Event::type).containsOnly("duo.authentication");
    }
}
