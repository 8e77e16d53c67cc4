package dev.unravel.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.core.Signal;
import dev.unravel.detect.control.InputLanguageDetector;
import dev.unravel.detect.steal.RepoExposureDetector;
import dev.unravel.detect.testing.DetectorHarness;
import dev.unravel.sim.SimConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the operators do on the laptop and in GitHub, on a simulation written with Defender for
 * Endpoint in Sysmon's place: the input language they add reaches the detector through Defender's
 * registry events, and the fast exfiltrator's repository moved to their own account through
 * GitHub's audit log.
 */
class OperatorsOnSimulationTest {

    @TempDir
    static Path dir;

    @Test
    void theOperatorsInputLanguageThroughDefender_andTheFastExfiltratorsTransferOut() throws Exception {
        SimulatedCompany company = SimulatedCompany.simulate(dir, 120, 16, 7, SimConfig.Edr.DEFENDER,
                SimConfig.Mdm.NONE);
        Map<String, String> persona = new HashMap<>();
        new ObjectMapper().readTree(company.out().resolve("truth.json").toFile()).get("fraudulent_workers")
                .forEach(w -> persona.put(w.get("employee_id").asText(), w.get("persona").asText()));

        List<Signal> languages = new DetectorHarness().with(company.read("defender", "osquery"))
                .run(new InputLanguageDetector());
        assertThat(languages).as("an operator on Windows, seen adding it")
                .anySatisfy(s -> {
                    assertThat(persona).containsKey(s.subject().value());
                    assertThat(s.explanation()).contains("per Microsoft Defender for Endpoint registry writes");
                });
        assertThat(languages).filteredOn(s -> persona.containsKey(s.subject().value()))
                .extracting(s -> persona.get(s.subject().value())).doesNotContain("ipkvm_facilitator");

        List<Signal> exposures = new DetectorHarness().with(company.read("github")).run(new RepoExposureDetector());
        assertThat(exposures).singleElement().satisfies(s -> {
            assertThat(persona.get(s.subject().value())).isEqualTo("fast_exfiltrator");
            assertThat(s.strength()).isEqualTo(0.75);
            assertThat(s.explanation()).containsPattern("transferred the company's private code repository "
                    + "northwind-labs/[a-z-]+-migration out of the organisation to [a-z]+-dev\\d+/[a-z-]+-migration");
        });
    }
}
