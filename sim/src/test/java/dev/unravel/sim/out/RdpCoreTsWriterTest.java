package dev.unravel.sim.out;

import static dev.unravel.sim.out.WriterFixtures.MAC;
import static dev.unravel.sim.out.WriterFixtures.T0;
import static dev.unravel.sim.out.WriterFixtures.WINDOWS;
import static dev.unravel.sim.out.WriterFixtures.files;
import static dev.unravel.sim.out.WriterFixtures.lines;
import static dev.unravel.sim.out.WriterFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.sim.activity.RdpConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RdpCoreTsWriterTest {
    private static final String ACTIVITY = "F420C0A4-5F1B-4E1D-9B52-7C8E0A3E0001";

    @TempDir
    Path dir;

    @Test
    void aConnectionIsEvent104WithTheClientsBiasInEvtxDumpForm() throws IOException {
        run(RdpCoreTsWriter::new, dir, List.of(new RdpConnection(T0, WINDOWS, 540, ACTIVITY),
                new RdpConnection(T0.plusSeconds(60), WINDOWS, -300, ACTIVITY.replace('1', '2')),
                new RdpConnection(T0.plusSeconds(90), MAC, 540, ACTIVITY)));

        assertThat(files(dir)).containsExactly("windows/rdpcorets-2026-03-02.json");
        List<JsonNode> events = lines(dir.resolve("windows/rdpcorets-2026-03-02.json"));
        assertThat(events).hasSize(2);
        JsonNode system = events.get(0).path("Event").path("System");
        assertThat(system.path("EventID").asInt()).isEqualTo(104);
        assertThat(system.path("Provider").path("#attributes").path("Name").asText())
                .isEqualTo("Microsoft-Windows-RemoteDesktopServices-RdpCoreTS");
        assertThat(system.path("Channel").asText())
                .isEqualTo("Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational");
        assertThat(system.path("Computer").asText()).isEqualTo("NWL-LT-0042.corp.northwindlabs.com");
        assertThat(system.path("TimeCreated").path("#attributes").path("SystemTime").asText())
                .isEqualTo("2026-03-02T14:03:11.123456Z");
        assertThat(system.path("Correlation").path("#attributes").path("ActivityID").asText()).isEqualTo(ACTIVITY);
        assertThat(system.path("Security").path("#attributes").path("UserID").asText()).isEqualTo("S-1-5-20");
        assertThat(events.get(0).path("Event").path("EventData").path("TimezoneBiasHour").asText()).isEqualTo("9");
        assertThat(events.get(1).path("Event").path("EventData").path("TimezoneBiasHour").asText()).isEqualTo("-5");
        // The channel's record ids count up per laptop; the service's process stays the same.
        assertThat(events.get(1).path("Event").path("System").path("EventRecordID").asLong())
                .isEqualTo(system.path("EventRecordID").asLong() + 1);
        assertThat(events.get(1).path("Event").path("System").path("Execution").path("#attributes").path("ProcessID")
                .asInt()).isEqualTo(system.path("Execution").path("#attributes").path("ProcessID").asInt());
    }

    @Test
    void halfHourZonesAreWrittenWithMinutes() {
        assertThat(RdpCoreTsWriter.bias(480)).isEqualTo("8");
        assertThat(RdpCoreTsWriter.bias(0)).isEqualTo("0");
        assertThat(RdpCoreTsWriter.bias(330)).isEqualTo("5:30");
        assertThat(RdpCoreTsWriter.bias(-210)).isEqualTo("-3:30");
    }
}
