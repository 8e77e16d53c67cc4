package dev.unravel.ingest.format.records;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The runner over the simulator's HR, applicant, asset, intel and mail folders: every file recognised, nothing quarantined. */
class SimulatorIngestTest {

    @Test
    void theRecordsAndMailFoldersReadWithZeroQuarantinedRecords() throws Exception {
        Path sim = SimOutput.get();
        List<Event> events = new ArrayList<>();
        List<FileSummary> summaries = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 5)
                .run(List.of(sim.resolve("hr"), sim.resolve("applicants"), sim.resolve("assets"),
                        sim.resolve("intel/ip-ranges.csv"), sim.resolve("email")));
        Map<String, Integer> files = new TreeMap<>();
        for (FileSummary s : summaries) {
            assertThat(s.quarantined()).as(s.file() + " " + s.errors()).isZero();
            assertThat(s.failure()).as(s.file()).isNull();
            files.merge(s.format(), 1, Integer::sum);
        }
        assertThat(files).containsOnlyKeys("hr-employees", "hr-address-history", "hr-payroll", "hr-referrals",
                "applicants", "applicant-identity-verification", "applicant-interviews", "asset-assignments",
                "asset-shipments", "phone-intel", "ip-intel", "resume-text", "email-eml");
        assertThat(events.size()).isEqualTo((int) summaries.stream().mapToLong(FileSummary::events).sum());
    }
}
