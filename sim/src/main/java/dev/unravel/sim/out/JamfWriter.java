package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.NetFlow;
import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Person;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Jamf Pro's computer inventory of the Macs (with {@code simulate --mdm jamf}), exported at the end
 * of each UTC day as a daily collection would ask the API for it ({@code GET
 * /api/v1/computers-inventory} with the general, hardware and user sections, filtered to the Macs
 * that checked in that day): one Mac a line, in host-name order, under
 * {@code jamf/computers-inventory-YYYY-MM-DD.ndjson}. A Mac checks in while it is online; its
 * record is its last check-in of the day ({@code general.lastContactTime}) with the public address
 * Jamf Pro saw it come from ({@code lastIpAddress}: the network the Mac is on — a home, the farm,
 * an office, a hotel) and the address it reports for itself ({@code lastReportedIp}).
 */
public final class JamfWriter implements SourceWriter {
    private final DailyJsonLines out;
    /** The day's last check-in of each Mac, by host name. */
    private final Map<String, CheckIn> today = new TreeMap<>();
    private final TextBuffer text = new TextBuffer();
    private boolean started;

    private record CheckIn(Host host, Person person, Instant time, String publicIp) {
    }

    public JamfWriter(OutputDir dir) {
        this.out = new DailyJsonLines(dir, day -> "jamf/computers-inventory-" + day + ".ndjson");
    }

    @Override
    public String source() {
        return "jamf";
    }

    @Override
    public void startDay(LocalDate day) throws IOException {
        flush();
        out.startDay(day);
        started = true;
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (activity instanceof NetFlow f && !f.host().windows() && f.publicIp() != null) {
            today.put(f.host().hostname(), new CheckIn(f.host(), f.person(), f.time(), f.publicIp()));
        }
    }

    /** The day's export: every Mac that checked in, as its last check-in left it. */
    private void flush() throws IOException {
        if (!started) {
            return;
        }
        for (CheckIn c : today.values()) {
            computer(c);
        }
        today.clear();
    }

    private void computer(CheckIn c) throws IOException {
        Host h = c.host();
        JsonGenerator g = out.begin();
        g.writeStringField("id", Long.toString(1 + StableHash.below(StableHash.of(h.serial()), 90_000)));
        g.writeStringField("udid", h.hostUuid());
        g.writeObjectFieldStart("general");
        g.writeStringField("name", h.hostname());
        g.writeStringField("lastIpAddress", c.publicIp());
        g.writeStringField("lastReportedIp", "192.168.1." + (10 + StableHash.below(StableHash.of(h.hostname()), 200)));
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
        g.writeStringField("macAddress", ("F0:18:98:" + Derived.hex("interface " + h.hostname(), 7, 6)
                .replaceAll("(..)(?!$)", "$1:")).toUpperCase(Locale.ROOT));
        g.writeEndObject();
        g.writeObjectFieldStart("userAndLocation");
        g.writeStringField("username", c.person().username);
        g.writeStringField("realname", c.person().firstName + " " + c.person().lastName);
        g.writeStringField("email", c.person().workEmail);
        g.writeEndObject();
        out.end();
    }

    @Override
    public long records() {
        return out.records();
    }

    @Override
    public void close() throws IOException {
        flush();
        out.close();
    }
}
