package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.world.Host;
import java.io.IOException;
import java.util.Locale;

/**
 * Fleet's hosts (with {@code simulate --mdm fleet}): every laptop runs osquery enrolled in Fleet, and
 * a daily collection of {@code GET /api/v1/fleet/hosts} keeps the hosts seen that day, under
 * {@code fleet/hosts-YYYY-MM-DD.ndjson}: {@code seen_time}, the public address Fleet saw the agent
 * come from ({@code public_ip}) and the one the host reports ({@code primary_ip}). Fleet's records
 * name no user.
 */
public final class FleetWriter extends DailyCheckInWriter {

    public FleetWriter(OutputDir dir) {
        super(dir, "fleet", day -> "fleet/hosts-" + day + ".ndjson");
    }

    @Override
    boolean manages(Host host) {
        return true;
    }

    @Override
    void record(JsonGenerator g, CheckIn c) throws IOException {
        Host h = c.host();
        g.writeNumberField("id", 1 + StableHash.below(StableHash.of(h.serial()), 90_000));
        g.writeFieldName("seen_time");
        text.clear().utc(c.time(), 'T', 0).append('Z').writeString(g);
        g.writeStringField("hostname", h.hostname());
        g.writeStringField("uuid", h.hostUuid());
        g.writeStringField("platform", h.windows() ? "windows" : "darwin");
        g.writeStringField("osquery_version", "5.14.1");
        g.writeStringField("os_version", h.windows() ? "Microsoft Windows 11 Enterprise 23H2" : "macOS 14.6.1");
        g.writeStringField("hardware_model", h.model());
        g.writeStringField("hardware_serial", h.serial());
        g.writeStringField("computer_name", h.hostname());
        g.writeStringField("public_ip", c.publicIp());
        g.writeStringField("primary_ip", Routers.laptopHomeIp(h));
        g.writeStringField("primary_mac", Routers.laptopMac(h).toLowerCase(Locale.ROOT));
        g.writeStringField("status", "online");
    }
}
