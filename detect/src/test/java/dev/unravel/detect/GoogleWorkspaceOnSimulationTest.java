package dev.unravel.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.detect.steal.CloudFileHarvestDetector;
import dev.unravel.detect.steal.ExternalSharingDetector;
import dev.unravel.detect.steal.MailForwardingDetector;
import dev.unravel.detect.testing.DetectorHarness;
import dev.unravel.ingest.FileSummary;
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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company on Google Workspace rather than Microsoft 365 ({@code simulate --office google}): the
 * Reports API's Drive and user accounts activities, read with HR alone, show the same three thefts
 * the Microsoft 365 audit log shows — the fast exfiltrator's whole shared drives downloaded, the
 * stolen identity's operator sharing dozens of documents with the hire's personal address, the
 * fired extortionist's mail forwarded to theirs — and no genuine worker is strong on any of them.
 */
class GoogleWorkspaceOnSimulationTest {

    @TempDir
    static Path dir;

    /** Fraudulent workers' ids by persona. */
    static final Map<String, String> personas = new HashMap<>();
    static final List<Event> events = new ArrayList<>();

    @BeforeAll
    static void simulate() throws IOException {
        Path out = dir.resolve("company");
        new Simulator(new SimConfig(120, 20, 7, 5, LocalDate.of(2026, 3, 2), out, false, SimConfig.WebProxy.NONE,
                SimConfig.Vpn.NONE, SimConfig.Edr.SYSMON, SimConfig.Mdm.NONE, SimConfig.Office.GOOGLE),
                Simulator.Progress.NONE).run();
        assertThat(out.resolve("m365")).doesNotExist();
        JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        truth.get("fraudulent_workers").forEach(w -> personas.put(w.get("persona").asText(),
                w.get("employee_id").asText()));
        List<FileSummary> read = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10)
                .run(List.of(out.resolve("hr"), out.resolve("google")));
        assertThat(read).filteredOn(f -> f.file().contains("/google/")).hasSize(20)
                .allSatisfy(f -> {
                    assertThat(f.format()).isEqualTo("gworkspace");
                    assertThat(f.accepted()).isEqualTo(f.records()).isPositive();
                });
    }

    @Test
    void everyActivityIsRead_asDriveAndUserAccountsEvents() {
        List<Event> google = events.stream().filter(e -> e.source().equals("gworkspace")).toList();
        assertThat(google).isNotEmpty().allSatisfy(e -> assertThat(e.type())
                .isIn("drive.download", "drive.change_user_access", "drive.change_document_visibility",
                        "user_accounts.email_forwarding_out_of_domain"));
        assertThat(google).filteredOn(e -> e.type().equals("drive.download"))
                .allSatisfy(e -> assertThat(e.field("parameters.doc_id")).asString().startsWith("1"));
    }

    @Test
    void theThreeTheftsShow_andNoGenuineWorkerIsStrong() {
        DetectorHarness h = new DetectorHarness().with(events);
        List<EntityRef> fraudulent = personas.values().stream().map(EntityRef::worker).toList();
        assertThat(strong(h.run(new CloudFileHarvestDetector()))).isSubsetOf(fraudulent)
                .contains(EntityRef.worker(personas.get("fast_exfiltrator")));
        assertThat(strong(h.run(new ExternalSharingDetector()))).isSubsetOf(fraudulent)
                .contains(EntityRef.worker(personas.get("stolen_identity_farm")));
        assertThat(strong(h.run(new MailForwardingDetector()))).isSubsetOf(fraudulent)
                .contains(EntityRef.worker(personas.get("fired_extortionist")));
    }

    /** The workers with a signal of 0.5 or more. */
    private static List<EntityRef> strong(List<Signal> signals) {
        return signals.stream().filter(s -> s.strength() >= 0.5).map(Signal::subject).distinct().toList();
    }
}
