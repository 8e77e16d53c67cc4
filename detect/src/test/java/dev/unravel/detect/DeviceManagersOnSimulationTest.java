package dev.unravel.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.detect.access.SharedSourceIp;
import dev.unravel.detect.intel.IntelFeed;
import dev.unravel.detect.testing.DetectorHarness;
import dev.unravel.sim.SimConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A company whose only view of where its laptops are is a device manager's daily inventory — HR,
 * the asset register, IP intelligence and the export: each farm's laptops checked in from its one
 * line, and no one else's shares a line with a colleague's. Jamf Pro manages the Macs; Fleet every
 * laptop's osquery.
 */
class DeviceManagersOnSimulationTest {

    @TempDir
    Path dir;

    /** The shared-address signals from the intelligence, HR, assets and the device manager's {@code folder}. */
    static List<Signal> signals(SimulatedCompany company, String folder, String type) throws Exception {
        List<Event> events = company.read(folder);
        assertThat(events).filteredOn(e -> e.type().equals(type)).isNotEmpty();
        return new DetectorHarness().with(events).run(new SharedSourceIp(IntelFeed.empty()));
    }

    @Test
    void jamfProsMacs_putEachFarmsMacsTogether_andNobodyElse() throws Exception {
        SimulatedCompany company = SimulatedCompany.simulate(dir, 200, 8, 42, SimConfig.Edr.SYSMON, SimConfig.Mdm.JAMF);
        // the Macs (their host names say so) of each facilitator's hires: a farm with two or more shows
        Set<String> macs = company.laptops().entrySet().stream().filter(l -> l.getKey().contains("-MBP-"))
                .map(Map.Entry::getValue).collect(Collectors.toSet());
        Map<String, List<String>> farmMacs = new HashMap<>();
        company.byFacilitator().forEach((facilitator, hires) -> farmMacs.put(facilitator,
                hires.stream().filter(macs::contains).toList()));
        List<String> expected = farmMacs.values().stream().filter(l -> l.size() >= 2).flatMap(List::stream).toList();
        assertThat(expected).as("a farm with two Macs in this simulation " + farmMacs).isNotEmpty();

        List<Signal> signals = signals(company, "jamf", "jamf.computer");
        assertThat(signals.stream().map(s -> s.subject().value()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(signals).allSatisfy(s -> assertThat(s.explanation()).contains("Jamf Pro's inventory shows"));
    }

    @Test
    void fleetsHosts_putEveryFarmsLaptopsTogether_andNobodyElse() throws Exception {
        SimulatedCompany company = SimulatedCompany.simulate(dir, 200, 8, 42, SimConfig.Edr.SYSMON, SimConfig.Mdm.FLEET);
        // the hires whose laptops Fleet saw in the days simulated (a later start date is not yet there)
        Map<String, String> owner = company.laptops();
        Set<String> seen = new HashSet<>();
        try (var files = Files.list(company.out().resolve("fleet"))) {
            for (Path f : files.toList()) {
                java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"hostname\":\"([^\"]+)\"")
                        .matcher(Files.readString(f));
                while (m.find()) {
                    seen.add(owner.get(m.group(1)));
                }
            }
        }
        List<String> expected = company.byFacilitator().values().stream()
                .map(hires -> hires.stream().filter(seen::contains).toList()).filter(l -> l.size() >= 2)
                .flatMap(List::stream).toList();
        assertThat(expected).as("a farm with two laptops seen").isNotEmpty();
        List<Signal> signals = signals(company, "fleet", "fleet.host");
        assertThat(signals.stream().map(s -> s.subject().value()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(signals).allSatisfy(s -> assertThat(s.explanation()).contains("Fleet's host list shows"));
    }
}
