package dev.unravel.detect.access;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.steal.OutboundVolumeDetector;
import dev.unravel.detect.testing.DetectorHarness;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company with the corporate VPN's own log (the simulator's GlobalProtect syslog) and no sign-in
 * log at all: HR, the asset register, the VPN and Zeek behind it. Every fraudulent hire's laptop
 * sits at a laptop farm and connects its tunnel from the farm's broadband, beside the laptops of
 * the farm's other hires; genuine workers connect from their own homes. And the tunnel addresses
 * the VPN hands out tie Zeek's flows to the laptops, with no endpoint log.
 */
class VpnOnSimulationTest {

    @TempDir
    static Path dir;

    static final Set<String> fraudulent = new HashSet<>();
    static List<Event> events = new ArrayList<>();
    static List<Event> zeekOnly = new ArrayList<>();
    /** The same company with a FortiGate VPN instead, and with a Cisco ASA (their logs name no computer). */
    static List<Event> fortiGate = new ArrayList<>();
    static List<Event> anyConnect = new ArrayList<>();
    /** And with Zscaler Private Access, the VPN's zero-trust replacement (its log names the computer). */
    static List<Event> zpa = new ArrayList<>();

    @BeforeAll
    static void simulate() throws IOException {
        Path out = dir.resolve("co");
        new Simulator(new SimConfig(120, 16, 7, 5, LocalDate.of(2026, 3, 2), out, false, SimConfig.WebProxy.NONE,
                SimConfig.Vpn.GLOBALPROTECT), Simulator.Progress.NONE).run();
        JsonNode truth = new ObjectMapper().readTree(out.resolve("truth.json").toFile());
        truth.get("fraudulent_workers").forEach(w -> fraudulent.add(w.get("employee_id").asText()));
        new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10).run(List.of(out.resolve("hr"),
                out.resolve("assets"), out.resolve("intel"), out.resolve("globalprotect"), out.resolve("zeek")));
        new Ingest(null, Limits.DEFAULT, Quarantine.NONE, zeekOnly::add, 10).run(List.of(out.resolve("hr"),
                out.resolve("assets"), out.resolve("intel"), out.resolve("zeek")));
        Path fg = dir.resolve("fg");
        new Simulator(new SimConfig(120, 16, 7, 5, LocalDate.of(2026, 3, 2), fg, false, SimConfig.WebProxy.NONE,
                SimConfig.Vpn.FORTIGATE), Simulator.Progress.NONE).run();
        new Ingest(null, Limits.DEFAULT, Quarantine.NONE, fortiGate::add, 10).run(List.of(fg.resolve("hr"),
                fg.resolve("assets"), fg.resolve("intel"), fg.resolve("fortigate")));
        Path asa = dir.resolve("asa");
        new Simulator(new SimConfig(120, 16, 7, 5, LocalDate.of(2026, 3, 2), asa, false, SimConfig.WebProxy.NONE,
                SimConfig.Vpn.ANYCONNECT), Simulator.Progress.NONE).run();
        new Ingest(null, Limits.DEFAULT, Quarantine.NONE, anyConnect::add, 10).run(List.of(asa.resolve("hr"),
                asa.resolve("assets"), asa.resolve("intel"), asa.resolve("cisco-asa")));
        Path zs = dir.resolve("zpa");
        new Simulator(new SimConfig(120, 16, 7, 5, LocalDate.of(2026, 3, 2), zs, false, SimConfig.WebProxy.NONE,
                SimConfig.Vpn.ZPA), Simulator.Progress.NONE).run();
        new Ingest(null, Limits.DEFAULT, Quarantine.NONE, zpa::add, 10).run(List.of(zs.resolve("hr"),
                zs.resolve("assets"), zs.resolve("intel"), zs.resolve("zpa")));
    }

    private static Set<String> workers(List<Signal> signals) {
        return signals.stream().map(Signal::subject).filter(s -> s.kind() == EntityRef.Kind.WORKER)
                .map(EntityRef::value).collect(Collectors.toSet());
    }

    @Test
    void everyFraudulentHiresLaptopIsSeenAtAFarmBesideOthers_andNoGenuineWorkersIs() {
        assertThat(events).filteredOn(e -> e.type().equals("vpn.session.start")).hasSizeGreaterThan(500);
        assertThat(fraudulent).hasSize(5);
        assertFarmsLaptopsNamed(events, "GlobalProtect's log");
    }

    /** Every fraudulent hire, and only they, on a farm's home line at 0.6 or more, their laptops named by {@code log}. */
    private static void assertFarmsLaptopsNamed(List<Event> log, String logName) {
        List<Signal> shared = new DetectorHarness().with(log).run(new SharedSourceIp(IntelFeed.empty()));
        assertThat(workers(shared)).isEqualTo(fraudulent);
        assertThat(shared).filteredOn(s -> s.explanation().contains("residential"))
                .extracting(s -> s.subject().value()).containsExactlyInAnyOrderElementsOf(fraudulent);
        assertThat(shared).filteredOn(s -> s.explanation().contains("residential")).allSatisfy(s -> {
            assertThat(s.strength()).isGreaterThanOrEqualTo(0.6);
            assertThat(s.explanation()).contains(logName + " shows").contains("of their company laptops connecting "
                    + "from it");
        });
    }

    @Test
    void throughAFortiGateOrAnASATheFarmsAreSeenToo_byTheirUsersTunnels() {
        for (List<Event> log : List.of(fortiGate, anyConnect)) {
            assertThat(log).filteredOn(e -> e.type().equals("vpn.session.start")).hasSizeGreaterThan(500);
            List<Signal> shared = new DetectorHarness().with(log).run(new SharedSourceIp(IntelFeed.empty()));
            assertThat(workers(shared)).isEqualTo(fraudulent);
            assertThat(shared).filteredOn(s -> s.explanation().contains("residential")).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.strength()).isGreaterThanOrEqualTo(0.5));
        }
    }

    @Test
    void throughZscalerPrivateAccessTheFarmsLaptopsAreNamed() {
        assertThat(zpa).filteredOn(e -> e.type().equals("vpn.session.start")).hasSizeGreaterThan(500)
                .allSatisfy(e -> assertThat(e.host()).isNotNull());
        assertFarmsLaptopsNamed(zpa, "Zscaler Private Access's log");
    }

    @Test
    void theTunnelAddressesTieZeeksFlowsToTheLaptops() {
        List<Signal> without = new DetectorHarness().with(zeekOnly).run(new OutboundVolumeDetector());
        List<Signal> with = new DetectorHarness().with(events).run(new OutboundVolumeDetector());
        assertThat(with).isNotEmpty();
        assertThat(workers(with)).isNotEmpty();
        assertThat(fraudulent).containsAll(workers(with));
        assertThat(with).filteredOn(s -> s.subject().kind() == EntityRef.Kind.WORKER)
                .allSatisfy(s -> assertThat(s.explanation()).contains("per the VPN's log (globalprotect)"));
        assertThat(workers(without)).as("Zeek alone names addresses, not laptops").isEmpty();
    }
}
