package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.DuoPush;
import dev.unravel.sim.world.City;
import dev.unravel.sim.world.Person;
import java.io.IOException;

/**
 * Duo's authentication log as Duo's log sync writes it (the Admin API's v2 records, one a line),
 * one file per UTC day: {@code duo/authentication-YYYY-MM-DD.ndjson}. The company's VPN asks for a
 * Duo push; {@code access_device} is the computer, {@code auth_device} the phone that approved it,
 * each with its address and Duo's location for it.
 */
public final class DuoWriter extends DailyJsonWriter {
    private static final String VPN_KEY = "DIVPNCORP0NWL00000001";

    private final char[] time = new char[UtcText.MAX_LENGTH];

    public DuoWriter(OutputDir out) {
        super(out, "duo", day -> "duo/authentication-" + day + ".ndjson");
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof DuoPush d)) {
            return;
        }
        Person p = d.person();
        JsonGenerator g = out.begin();
        g.writeObjectFieldStart("access_device");
        g.writeStringField("browser", p.laptop.windows() ? "Chrome" : "Safari");
        g.writeNullField("hostname");
        g.writeStringField("ip", d.ip());
        location(g, d.place());
        g.writeStringField("os", p.laptop.windows() ? "Windows" : "Mac OS X");
        g.writeEndObject();
        g.writeObjectFieldStart("application");
        g.writeStringField("key", VPN_KEY);
        g.writeStringField("name", "Corporate VPN");
        g.writeEndObject();
        g.writeObjectFieldStart("auth_device");
        g.writeStringField("ip", d.phoneIp());
        g.writeStringField("key", d.phoneKey());
        location(g, d.phonePlace());
        g.writeStringField("name", d.phoneName());
        g.writeEndObject();
        g.writeStringField("email", p.workEmail);
        g.writeStringField("event_type", "authentication");
        g.writeStringField("factor", "duo_push");
        g.writeFieldName("isotimestamp");
        // Duo writes microseconds and a numeric offset: 2020-02-13T18:56:20.351346+00:00
        g.writeString(time, 0, UtcText.format(time, d.time(), 6, "+00:00"));
        // a push nobody answered in time: Duo denies it for "no_response"
        g.writeStringField("reason", d.success() ? "user_approved" : "no_response");
        g.writeStringField("result", d.success() ? "success" : "denied");
        g.writeNumberField("timestamp", d.time().getEpochSecond());
        g.writeStringField("trusted_endpoint_status", "trusted");
        g.writeStringField("txid", d.txid());
        g.writeObjectFieldStart("user");
        g.writeStringField("key", "DU" + Derived.hex(p.workEmail, 7, 18).toUpperCase(java.util.Locale.ROOT));
        g.writeStringField("name", p.workEmail);
        g.writeEndObject();
        out.end();
    }

    private static void location(JsonGenerator g, City c) throws IOException {
        g.writeObjectFieldStart("location");
        g.writeStringField("city", c.name());
        g.writeStringField("country", c.countryName());
        g.writeStringField("state", c.regionName());
        g.writeEndObject();
    }
}
