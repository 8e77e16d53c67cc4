package dev.unravel.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.detect.access.SharedSourceIp;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.testing.DetectorHarness;
import dev.unravel.sim.SimConfig;
import java.nio.file.Path;
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
        SimulatedCompany company = SimulatedCompany.simulate(dir, 120, 16, 7, SimConfig.Edr.CROWDSTRIKE,
                SimConfig.Mdm.NONE);
        List<String> atFarms = company.atFarms();
        List<String> fraudulent = company.fraudulent();
        assertThat(atFarms).as("the simulator's facilitators " + company.byFacilitator()).hasSizeGreaterThanOrEqualTo(2);

        List<Event> events = company.read("crowdstrike");
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
