package dev.unravel.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.detect.control.RemoteDesktopLogonDetector;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.onboard.SharedNetworkDetector;
import dev.unravel.detect.testing.DetectorHarness;
import dev.unravel.sim.SimConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's default endpoints — Sysmon and the Security log on the Windows laptops, osquery
 * on every laptop — read as a company's: osquery's ARP caches put each farm's laptops on one local
 * network, and nobody else's; the Security log's Remote Desktop logons reach the detector with the
 * client's address.
 */
class SysmonOnSimulationTest {

    @TempDir
    Path dir;

    @Test
    void arpCachesPutTheFarmsLaptopsOnOneNetwork_andTheSecurityLogGivesRemoteDesktopClients() throws Exception {
        SimulatedCompany company = SimulatedCompany.simulate(dir, 120, 16, 7, SimConfig.Edr.SYSMON, SimConfig.Mdm.NONE);
        List<String> atFarms = company.atFarms();
        List<String> fraudulent = company.fraudulent();
        assertThat(atFarms).as("the simulator's facilitators " + company.byFacilitator()).hasSizeGreaterThanOrEqualTo(2);

        List<Event> events = company.read("osquery", "windows");

        List<Signal> networks = new DetectorHarness().with(events).run(new SharedNetworkDetector());
        assertThat(networks.stream().map(s -> s.subject().value()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(atFarms);
        assertThat(networks).allSatisfy(s -> assertThat(s.explanation())
                .contains("were on the same local network most days").contains("per osquery arp_cache"));

        List<Event> remoteLogons = events.stream().filter(e -> e.type().equals("security.4624")
                && "10".equals(String.valueOf(e.document().get("LogonType")))).toList();
        assertThat(remoteLogons).isNotEmpty().allSatisfy(e -> {
            assertThat(e.user()).startsWith("NORTHWIND\\");
            assertThat(e.document().get("IpAddress")).asString().matches("[0-9.]+");
        });
        List<Signal> desktops = new DetectorHarness().with(events).run(new RemoteDesktopLogonDetector(IntelFeed.empty()));
        // the simulated intelligence declares the company's private network: a farm's keeper on the farm's own
        // network shows, IT over the VPN does not
        assertThat(desktops).isNotEmpty().allSatisfy(s -> assertThat(fraudulent).contains(s.subject().value()));
    }
}
