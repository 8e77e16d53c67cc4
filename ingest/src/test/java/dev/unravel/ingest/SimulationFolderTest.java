package dev.unravel.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.source.Inputs;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole simulation folder, read the way a user reads their exports: every file known, nothing quarantined. */
class SimulationFolderTest {

    @TempDir
    Path tmp;

    @Test
    void wholeSimulation_readsWithEveryFileRecognised_andNothingQuarantined() throws IOException {
        Path out = tmp.resolve("sim");
        new Simulator(new SimConfig(80, 4, 3, 5, LocalDate.of(2026, 3, 2), out, false), Simulator.Progress.NONE).run();
        List<Event> events = new ArrayList<>();
        List<FileSummary> files;
        try (Quarantine q = new Quarantine(tmp.resolve("q.ndjson"))) {
            files = new Ingest(null, Limits.DEFAULT, q, events::add, 5).run(List.of(out));
            assertThat(q.count()).isZero();
        }
        // The company's git repositories are source code, not logs: each is passed over once, with the reason.
        assertThat(files).filteredOn(f -> f.format().equals("skipped")).isNotEmpty().allSatisfy(f -> {
            assertThat(Path.of(f.file()).getParent()).isEqualTo(out.resolve("repos"));
            assertThat(f.failure()).isEqualTo(Inputs.GIT_REPOSITORY);
        });
        assertThat(files).filteredOn(f -> !f.format().equals("skipped")).isNotEmpty().allSatisfy(f -> {
            assertThat(f.format()).as(f.file()).isNotIn("unknown", "unreadable");
            assertThat(f.quarantined()).as(f.file()).isZero();
            assertThat(f.failure()).as(f.file()).isNull();
        });
        Map<String, Long> bySource = new TreeMap<>();
        events.forEach(e -> bySource.merge(e.source(), 1L, Long::sum));
        assertThat(bySource.keySet()).contains("okta", "entra", "windows", "osquery", "github", "zeek", "email", "hr",
                "applicants", "assets", "wmi");
        assertThat(events).allSatisfy(e -> assertThat(e.origin()).isNotNull());
    }

    /**
     * {@code simulate --edr defender}: Defender for Endpoint's blobs read back as its reader's events,
     * with Sysmon's names the detectors and Sigma rules read, nothing quarantined, and no Sysmon.
     */
    @Test
    void defenderForEndpointInSysmonsPlace_readsBackWithSysmonsNames() throws IOException {
        Path out = tmp.resolve("sim-defender");
        List<Event> events = new ArrayList<>();
        List<FileSummary> files = simulateAndRead(SimConfig.Edr.DEFENDER, out, "defender", events);
        assertThat(files).isNotEmpty().allSatisfy(f -> {
            assertThat(f.format()).as(f.file()).isEqualTo("defender-endpoint");
            assertThat(f.file()).endsWith("PT1H.json");
        });
        assertThat(out.resolve("windows").toFile().list()).as("Sysmon's place taken").noneMatch(n -> n.startsWith("sysmon"));
        assertThat(events).extracting(Event::type).contains("defender.process", "defender.network", "defender.info")
                .allMatch(t -> t.equals("defender.process") || t.equals("defender.network") || t.equals("defender.info"));
        // the device inventory: where each laptop's sensor connects from, and who is signed in on it
        assertThat(events).filteredOn(e -> e.type().equals("defender.info")).allSatisfy(e -> {
            // a Mac, in no domain, by its host name alone
            assertThat(e.host()).matches("nwl-lt-\\d+\\.corp\\.northwindlabs\\.com|nwl-mbp-\\d+");
            assertThat(e.sourceIp()).matches("[0-9.]+");
            assertThat(e.user()).startsWith(e.host().startsWith("nwl-lt-") ? "NORTHWIND\\" : e.host() + "\\");
        });
        assertThat(events).filteredOn(e -> e.type().equals("defender.process")).allSatisfy(e -> {
            assertThat(e.user()).endsWith("@northwindlabs.com");
            assertThat(e.host()).matches("nwl-lt-\\d+\\.corp\\.northwindlabs\\.com");
            assertThat(e.document()).containsKeys("Image", "CommandLine", "ParentImage", "Hashes");
        });
        assertThat(events).filteredOn(e -> e.type().equals("defender.network")).allSatisfy(e ->
                assertThat(e.document()).containsKeys("Image", "DestinationIp", "SourceIp"));
    }

    /**
     * {@code simulate --edr crowdstrike}: Falcon Data Replicator's gzipped batches read back as the
     * FDR reader's events, nothing quarantined: the aidmaster records name each sensor's computer,
     * the logons each SID's account, and the rest carry Sysmon's names beside Falcon's.
     */
    @Test
    void crowdStrikeFalconInSysmonsPlace_readsBackWithTheSensorsAndAccountsNamed() throws IOException {
        Path out = tmp.resolve("sim-crowdstrike");
        List<Event> events = new ArrayList<>();
        List<FileSummary> files = simulateAndRead(SimConfig.Edr.CROWDSTRIKE, out, "crowdstrike", events);
        assertThat(files).as("three days' batches and network inventories, and the sensors").hasSize(7).allSatisfy(f -> {
            assertThat(f.format()).as(f.file()).isEqualTo("crowdstrike-fdr");
            assertThat(f.file()).endsWith("part-00000"); // the .gz read in place
        });
        assertThat(out.resolve("windows").toFile().list()).as("Sysmon's place taken").noneMatch(n -> n.startsWith("sysmon"));
        assertThat(events).extracting(Event::type).contains("asset.falcon-sensor", "UserLogon", "ProcessRollup2", "DnsRequest",
                "NetworkConnectIP4", "DcUsbDeviceConnected", "asset.falcon-interface");
        java.util.Set<String> sensors = new java.util.HashSet<>();
        java.util.Set<String> sids = new java.util.HashSet<>();
        for (Event e : events) {
            if (e.type().equals("asset.falcon-sensor")) {
                // the Windows laptops' and the Macs' sensors (on a Mac, osquery keeps the processes)
                assertThat(e.host()).matches("NWL-(LT|MBP)-\\d+");
                assertThat(e.document().get("event_platform")).isEqualTo(e.host().startsWith("NWL-LT-") ? "Win" : "Mac");
                sensors.add((String) e.document().get("aid"));
            } else if (e.type().equals("UserLogon")) {
                sids.add((String) e.document().get("UserSid"));
            }
        }
        assertThat(events).filteredOn(e -> e.type().equals("ProcessRollup2")).isNotEmpty().allSatisfy(e -> {
            assertThat(sensors).as("every sensor named by an aidmaster record").contains(e.host());
            assertThat(sids).as("every account named by a logon").contains(e.user());
            assertThat(e.document()).containsKeys("Image", "CommandLine", "sha256");
        });
        assertThat(events).filteredOn(e -> e.type().equals("NetworkConnectIP4")).allSatisfy(e ->
                assertThat(e.document()).containsKeys("DestinationIp", "SourceIp"));
        assertThat(events).filteredOn(e -> e.type().equals("NetworkConnectIP4")).as("the Macs' sensors connect too")
                .anyMatch(e -> "Mac".equals(e.document().get("event_platform")))
                .filteredOn(e -> "Mac".equals(e.document().get("event_platform")))
                .allSatisfy(e -> assertThat(e.sourceIp()).as("the laptop's public address, aip").isNotBlank());
        assertThat(events).filteredOn(e -> e.type().equals("ProcessRollup2"))
                .allSatisfy(e -> assertThat(e.document().get("event_platform")).isEqualTo("Win"));
    }

    /** Simulates three days of a 60-person company with {@code edr} and reads its {@code folder} back: nothing quarantined. */
    private List<FileSummary> simulateAndRead(SimConfig.Edr edr, Path out, String folder, List<Event> events)
            throws IOException {
        new Simulator(new SimConfig(60, 3, 5, 5, LocalDate.of(2026, 3, 2), out, false, SimConfig.WebProxy.NONE,
                SimConfig.Vpn.NONE, edr), Simulator.Progress.NONE).run();
        try (Quarantine q = new Quarantine(tmp.resolve("q-" + folder + ".ndjson"))) {
            List<FileSummary> files = new Ingest(null, Limits.DEFAULT, q, events::add, 5).run(List.of(out.resolve(folder)));
            assertThat(q.count()).isZero();
            return files;
        }
    }

    /**
     * The simulator's monitor inventories and RdpCoreTS events read back as the detectors expect
     * them: every display decoded from WMI's character codes and placed on its laptop, every
     * Remote Desktop connection with the client's offset in minutes.
     */
    @Test
    void monitorInventoriesAndRdpTimeZones_readBackAsTheDetectorsExpectThem() throws IOException {
        Path out = tmp.resolve("sim-devices");
        new Simulator(new SimConfig(120, 10, 11, 5, LocalDate.of(2026, 3, 2), out, false), Simulator.Progress.NONE).run();
        List<Event> events = new ArrayList<>();
        List<FileSummary> files;
        try (Quarantine q = new Quarantine(tmp.resolve("q-devices.ndjson"))) {
            files = new Ingest(null, Limits.DEFAULT, q, events::add, 5).run(List.of(out.resolve("wmi"),
                    out.resolve("windows")));
            assertThat(q.count()).isZero();
        }
        assertThat(files).filteredOn(f -> f.file().contains("/wmi/")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.format()).as(f.file()).isEqualTo("wmi-monitor-id"));
        assertThat(files).filteredOn(f -> f.file().contains("rdpcorets-")).isNotEmpty()
                .allSatisfy(f -> assertThat(f.format()).as(f.file()).isEqualTo("windows-evtx-json"));
        assertThat(files).allSatisfy(f -> assertThat(f.quarantined()).as(f.file()).isZero());

        List<Event> monitors = events.stream().filter(e -> e.type().equals("device.monitor")).toList();
        assertThat(monitors).isNotEmpty().allSatisfy(e -> {
            assertThat(e.host()).startsWith("NWL-LT-");
            assertThat(e.time().getEpochSecond()).isPositive();
            assertThat(e.document()).containsEntry("undated", false).containsKey("manufacturer");
        });
        assertThat(monitors).extracting(e -> e.document().get("name")).contains("DELL U2720Q", "Linux FHD");
        List<Event> rdp = events.stream()
                .filter(e -> e.type().equals("microsoft-windows-remotedesktopservices-rdpcorets-operational.104"))
                .toList();
        assertThat(rdp).isNotEmpty().allSatisfy(e -> assertThat(e.document().get("ClientUtcOffsetMinutes"))
                .isIn(480, 540, -240, -300, -360, -420, -480));
        assertThat(rdp).extracting(e -> e.document().get("ClientUtcOffsetMinutes")).contains(540);
    }
}
