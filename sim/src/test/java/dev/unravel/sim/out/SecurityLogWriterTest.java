package dev.unravel.sim.out;

import static dev.unravel.sim.out.WriterFixtures.ALICE;
import static dev.unravel.sim.out.WriterFixtures.MAC;
import static dev.unravel.sim.out.WriterFixtures.T0;
import static dev.unravel.sim.out.WriterFixtures.WINDOWS;
import static dev.unravel.sim.out.WriterFixtures.files;
import static dev.unravel.sim.out.WriterFixtures.lines;
import static dev.unravel.sim.out.WriterFixtures.macProcess;
import static dev.unravel.sim.out.WriterFixtures.process;
import static dev.unravel.sim.out.WriterFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.sim.activity.RdpConnection;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityLogWriterTest {
    private static final String ACTIVITY = "F420C0A4-5F1B-4E1D-9B52-7C8E0A3E0001";

    @TempDir
    Path dir;

    @Test
    void aPersonsFirstLogonOfTheDayIsInteractive_aRemoteDesktopLogonCarriesTheClient() throws IOException {
        run(SecurityLogWriter::new, dir, List.of(process(WINDOWS, T0, "C:\\Windows\\notepad.exe", 100),
                process(WINDOWS, T0.plusSeconds(600), "C:\\Windows\\notepad.exe", 101), macProcess(T0.plusSeconds(700)),
                new RdpConnection(T0.plusSeconds(900), WINDOWS, -300, ACTIVITY, ALICE, "45.86.200.11"),
                new RdpConnection(T0.plusSeconds(960), WINDOWS, -300, ACTIVITY, null, null)));

        assertThat(files(dir)).containsExactly("windows/security-2026-03-02.json");
        List<JsonNode> events = lines(dir.resolve("windows/security-2026-03-02.json"));
        assertThat(events).as("once a day per laptop and person; a Mac and a connection nobody logged on from have none")
                .hasSize(2);
        JsonNode system = events.get(0).path("Event").path("System");
        assertThat(system.path("EventID").asInt()).isEqualTo(4624);
        assertThat(system.path("Version").asInt()).isEqualTo(2);
        assertThat(system.path("Level").asInt()).isZero();
        assertThat(system.path("Task").asInt()).isEqualTo(12544);
        assertThat(system.path("Keywords").asText()).isEqualTo("0x8020000000000000");
        assertThat(system.path("Channel").asText()).isEqualTo("Security");
        assertThat(system.path("Provider").path("#attributes").path("Name").asText())
                .isEqualTo("Microsoft-Windows-Security-Auditing");
        assertThat(system.path("Computer").asText()).isEqualTo("NWL-LT-0042.corp.northwindlabs.com");
        assertThat(system.path("TimeCreated").path("#attributes").path("SystemTime").asText())
                .as("just before the first process").isEqualTo("2026-03-02T14:02:51.123456Z");
        JsonNode local = events.get(0).path("Event").path("EventData");
        assertThat(names(local)).containsExactly("SubjectUserSid", "SubjectUserName", "SubjectDomainName",
                "SubjectLogonId", "TargetUserSid", "TargetUserName", "TargetDomainName", "TargetLogonId", "LogonType",
                "LogonProcessName", "AuthenticationPackageName", "WorkstationName", "LogonGuid", "TransmittedServices",
                "LmPackageName", "KeyLength", "ProcessId", "ProcessName", "IpAddress", "IpPort", "ImpersonationLevel",
                "RestrictedAdminMode", "TargetOutboundUserName", "TargetOutboundDomainName", "VirtualAccount",
                "TargetLinkedLogonId", "ElevatedToken");
        assertThat(local.path("LogonType").asInt()).isEqualTo(2);
        assertThat(local.path("TargetUserName").asText()).isEqualTo("anguyen");
        assertThat(local.path("TargetDomainName").asText()).isEqualTo("NORTHWIND");
        assertThat(local.path("TargetUserSid").asText()).isEqualTo(Derived.sid("anguyen"));
        assertThat(local.path("IpAddress").asText()).isEqualTo("127.0.0.1");
        JsonNode remote = events.get(1).path("Event").path("EventData");
        assertThat(remote.path("LogonType").asInt()).isEqualTo(10);
        assertThat(remote.path("IpAddress").asText()).isEqualTo("45.86.200.11");
        assertThat(remote.path("IpPort").asInt()).isBetween(49_152, 65_535);
        assertThat(remote.path("WorkstationName").asText()).startsWith("DESKTOP-").isNotEqualTo("NWL-LT-0042");
        assertThat(events.get(1).path("Event").path("System").path("EventRecordID").asLong())
                .as("record ids count up per laptop").isEqualTo(system.path("EventRecordID").asLong() + 1);
    }

    @Test
    void theNextDayLogsOnAgain() throws IOException {
        run(SecurityLogWriter::new, dir, List.of(process(WINDOWS, T0, "C:\\Windows\\notepad.exe", 100),
                process(WINDOWS, T0.plusSeconds(86_400), "C:\\Windows\\notepad.exe", 101)));
        assertThat(files(dir)).containsExactly("windows/security-2026-03-02.json", "windows/security-2026-03-03.json");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
