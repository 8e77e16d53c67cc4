package dev.unravel.sim.activity;

import dev.unravel.sim.world.Host;
import java.time.Instant;
import java.util.List;

/**
 * The displays connected to a Windows laptop, as an EDR's daily collection of WMI's
 * {@code root\wmi:WmiMonitorID} class sees them: one row per display's EDID identity.
 *
 * @param time     when the collection ran
 * @param host     the laptop
 * @param monitors the connected displays, the built-in panel first
 */
public record MonitorInventory(Instant time, Host host, List<Monitor> monitors) implements Activity {

    public MonitorInventory {
        monitors = List.copyOf(monitors);
    }

    /**
     * One display's EDID identity as WMI reports it.
     *
     * @param maker       the three-letter PnP manufacturer id ({@code DEL}, {@code GSM}, {@code LNX})
     * @param productCode four hex digits, upper case
     * @param name        the EDID display name (at most 13 characters), or null when the EDID has none
     *                    (built-in panels)
     * @param serial      the EDID serial string, or empty
     * @param week        week of manufacture (0 when unknown)
     * @param year        year of manufacture
     * @param uid         the display's connector UID in Windows' instance name ({@code UID4353})
     */
    public record Monitor(String maker, String productCode, String name, String serial, int week, int year, int uid) {
    }
}
