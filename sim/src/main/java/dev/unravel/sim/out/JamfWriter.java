package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.world.Host;
import java.io.IOException;

/**
 * Jamf Pro's computer inventory of the Macs (with {@code simulate --mdm jamf}), as a daily
 * collection asks the API for it ({@code GET /api/v1/computers-inventory} with the general,
 * hardware and user sections) and keeps the Macs that checked in that day, under
 * {@code jamf/computers-inventory-YYYY-MM-DD.ndjson}: {@code general.lastContactTime}, the public
 * address Jamf Pro saw the Mac come from ({@code lastIpAddress}) and the one it reports
 * ({@code lastReportedIp}).
 */
public final class JamfWriter extends DailyCheckInWriter {

    public JamfWriter(OutputDir dir) {
        super(dir, "jamf", day -> "jamf/computers-inventory-" + day + ".ndjson");
    }

    @Override
    boolean manages(Host host) {
        return !host.windows();
    }

    @Override
    void record(JsonGenerator g, CheckIn c) throws IOException {
        Host h = c.host();
        g.writeStringField("id", Long.toString(1 + StableHash.below(StableHash.of(h.serial()), 90_000)));
        g.writeStringField("udid", h.hostUuid());
        g.writeObjectFieldStart("general");
        g.writeStringField("name", h.hostname());
        g.writeStringField("lastIpAddress", c.publicIp());
        g.writeStringField("lastReportedIp", Routers.laptopHomeIp(h));
        g.writeStringField("jamfBinaryVersion", "11.10.0-t1727795578");
        g.writeStringField("platform", "Mac");
        g.writeStringField("assetTag", h.assetTag());
        g.writeBooleanField("supervised", true);
        g.writeFieldName("reportDate");
        text.clear().utc(c.time().minusSeconds(3_600 * 6), 'T', 3).append('Z').writeString(g);
        g.writeFieldName("lastContactTime");
        text.clear().utc(c.time(), 'T', 3).append('Z').writeString(g);
        g.writeStringField("managementId", Derived.uuid("jamf management " + h.serial(), 7));
        g.writeEndObject();
        g.writeObjectFieldStart("hardware");
        g.writeStringField("make", "Apple");
        g.writeStringField("model", h.model());
        g.writeStringField("serialNumber", h.serial());
        g.writeStringField("macAddress", Routers.laptopMac(h));
        g.writeEndObject();
        g.writeObjectFieldStart("userAndLocation");
        g.writeStringField("username", c.person().username);
        g.writeStringField("realname", c.person().firstName + " " + c.person().lastName);
        g.writeStringField("email", c.person().workEmail);
        g.writeEndObject();
    }
}
