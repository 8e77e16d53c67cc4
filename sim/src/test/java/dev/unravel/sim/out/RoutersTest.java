package dev.unravel.sim.out;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sim.world.Internet;
import dev.unravel.sim.world.Network;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutersTest {

    /**
     * 60,000 homes on the simulated networks: every router's MAC and every other device's is its
     * own (hashed from 26 bits, a few would meet by chance, and two strangers would share a network).
     */
    @Test
    void everyHomesRouterAndDeviceHaveMacsNoOtherHomeHas() {
        Set<String> lines = new HashSet<>();
        Set<String> routers = new HashSet<>();
        Set<String> devices = new HashSet<>();
        int k = 0;
        for (Network n : Internet.US_RESIDENTIAL) {
            for (int i = 0; i < 10_000; i++) {
                lines.add(n.address(k++));
            }
        }
        for (Network n : Internet.FOREIGN_RESIDENTIAL.values()) {
            for (int i = 0; i < 1_000; i++) {
                lines.add(n.address(k++));
            }
        }
        assertThat(lines).hasSizeGreaterThan(50_000);
        for (String line : lines) {
            String router = Routers.routerMac(line);
            String device = Routers.deviceMac(line);
            assertThat(router).matches("([0-9A-F]{2}:){5}[0-9A-F]{2}");
            assertThat(device).matches("([0-9A-F]{2}:){5}[0-9A-F]{2}");
            assertThat(routers.add(router)).as(line + " " + router).isTrue();
            assertThat(devices.add(device)).as(line + " " + device).isTrue();
        }
        // the same line always gets the same MACs; an office's block is one network too
        String line = lines.iterator().next();
        assertThat(Routers.routerMac(line)).isEqualTo(Routers.routerMac(line));
        assertThat(Routers.routerMac("64.125.134.0/29")).matches("([0-9A-F]{2}:){5}[0-9A-F]{2}");
    }
}
