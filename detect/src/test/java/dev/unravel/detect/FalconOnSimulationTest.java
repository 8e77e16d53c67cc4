package dev.unravel.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.detect.access.SharedSourceIp;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.testing.DetectorHarness;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company whose only network view is CrowdStrike Falcon on its laptops — no VPN, no proxy, no
 * sign-in log read: HR, the asset register, IP intelligence and FDR's files. Every Falcon event
 * carries the address its cloud saw the sensor connect from, so the laptops shipped to a farm show
 * up there side by side, and no other worker's laptop shares a home line with a colleague's.
 */
class FalconOnSimulationTest {

    @TempDir
    Path dir;

    @Test
    void theSensorsAddressesPutTheFarmsLaptopsTogether_andNobodyElse() throws Exception {
        Path out = dir.resolve("sim");
        new Simulator(new SimConfig(120, 16, 7, 5, LocalDate.of(2026, 3, 2), out, false, SimConfig.WebProxy.NONE,
                SimConfig.Vpn.NONE, SimConfig.Edr.CROWDSTRIKE), Simulator.Progress.NONE).run();
        SimulatedTruth truth = SimulatedTruth.of(out);
        List<String> atFarms = truth.atFarms();
        List<String> fraudulent = truth.fraudulent();
        assertThat(atFarms).as("the simulator's facilitators " + truth.byFacilitator()).hasSizeGreaterThanOrEqualTo(2);

        List<Event> events = new ArrayList<>();
        new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10).run(List.of(out.resolve("intel"),
                out.resolve("hr"), out.resolve("assets"), out.resolve("crowdstrike")));
        List<Signal> signals = new DetectorHarness().with(events).run(new SharedSourceIp(IntelFeed.empty()));

        Map<String, Double> strongest = signals.stream().filter(s -> s.subject().kind() == EntityRef.Kind.WORKER)
                .collect(Collectors.toMap(s -> s.subject().value(), Signal::strength, Math::max));
        assertThat(fraudulent).as("only fraudulent workers").containsAll(strongest.keySet());
        assertThat(strongest.keySet()).as("every hire at a farm").containsExactlyInAnyOrderElementsOf(atFarms);
        assertThat(strongest.values()).allSatisfy(v -> assertThat(v).isEqualTo(0.6));
        assertThat(signals).allSatisfy(s -> assertThat(s.explanation()).contains("were seen at the same address")
                .contains("CrowdStrike Falcon's sensor shows").doesNotContainPattern("[0-9a-f]{32}"));

        // and from inside: the farm's router, in Falcon's network inventory
        List<Signal> routers = new DetectorHarness().with(events).run(new dev.unravel.detect.onboard.SharedNetworkDetector());
        assertThat(routers.stream().map(s -> s.subject().value()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(atFarms);
        assertThat(routers).allSatisfy(s -> assertThat(s.explanation()).contains("were behind the same router most days"));

        // Remote Desktop logons: IT's over the company VPN and the farm's from its own network are no finding;
        // an operator's from a VPN exit is, and only operators' are
        assertThat(events).filteredOn(e -> e.type().equals("UserLogon") && "10".equals(e.document().get("LogonType")))
                .isNotEmpty();
        List<Signal> desktops = new DetectorHarness().with(events).run(
                new dev.unravel.detect.control.RemoteDesktopLogonDetector(IntelFeed.empty()));
        assertThat(desktops).allSatisfy(s -> assertThat(fraudulent).contains(s.subject().value()));
    }
}
