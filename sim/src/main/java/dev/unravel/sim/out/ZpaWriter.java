package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.VpnConnection;
import dev.unravel.sim.world.Person;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Zscaler Private Access's User Status log as its Log Streaming Service sends it with the JSON
 * template (only with {@code simulate --vpn zpa}), one file per UTC day
 * ({@code zpa/YYYY-MM-DD/user-status.json}): the Client Connector on a laptop away from the office
 * authenticating ({@code ZPN_STATUS_AUTHENTICATED}) when the day's work starts and disconnecting
 * ({@code ZPN_STATUS_DISCONNECTED}, with the bytes) at its end. Each log names the work e-mail, the
 * laptop's host name, the public address it came from with Zscaler's country and city for it, and
 * the laptop's address on its own network (a home router's LAN, which nobody else sees).
 */
public final class ZpaWriter extends DailyJsonWriter {
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss yyyy",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private final char[] time = new char[UtcText.MAX_LENGTH];

    public ZpaWriter(OutputDir dir) {
        super(dir, "zpa", day -> "zpa/" + day + "/user-status.json");
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof VpnConnection v)) {
            return;
        }
        Person p = v.person();
        Instant start = v.connect() ? v.time() : v.time().minusSeconds(v.seconds());
        JsonGenerator g = out.begin();
        // LSS logs the status a moment after the change
        g.writeStringField("LogTimestamp", LOG_TIME.format(v.time().plusSeconds(3)));
        g.writeStringField("Customer", "Northwind Labs");
        g.writeStringField("Username", p.workEmail);
        // one session id for the connection and its end
        g.writeStringField("SessionID", Derived.hex(p.laptop.serial() + start.getEpochSecond(), 0x7a70L, 20));
        g.writeStringField("SessionStatus", v.connect() ? "ZPN_STATUS_AUTHENTICATED" : "ZPN_STATUS_DISCONNECTED");
        g.writeStringField("Version", "4.4.0.379");
        // the nearest Public Service Edge: one in the client's country
        boolean us = v.place().country().equals("US");
        g.writeStringField("ZEN", us ? "US-NY-8179" : v.place().country() + "-" + v.place().region() + "-2041");
        g.writeStringField("CertificateCN", "slogger1.nyc3.prod.zpath.net");
        g.writeStringField("PrivateIP", "192.168.1." + (2 + Math.floorMod(Derived.hash(p.laptop.serial(), 0x1a7L), 200)));
        g.writeStringField("PublicIP", v.publicIp());
        g.writeNumberField("Latitude", v.place().lat());
        g.writeNumberField("Longitude", v.place().lon());
        g.writeStringField("CountryCode", v.place().country());
        g.writeFieldName("TimestampAuthentication");
        g.writeString(time, 0, UtcText.format(time, start, 3, "Z"));
        if (v.connect()) {
            g.writeStringField("TimestampUnAuthentication", "");
        } else {
            g.writeFieldName("TimestampUnAuthentication");
            g.writeString(time, 0, UtcText.format(time, v.time(), 3, "Z"));
        }
        long kb = v.connect() ? 2 : 4_000 + Math.floorMod(Derived.hash(p.workEmail, start.getEpochSecond()), 60_000);
        g.writeNumberField("TotalBytesRx", kb * 1024);
        g.writeNumberField("TotalBytesTx", kb * 384);
        g.writeStringField("Idp", "Okta");
        g.writeStringField("Hostname", p.laptop.hostname());
        g.writeStringField("Platform", p.laptop.windows() ? "windows" : "mac");
        g.writeStringField("ClientType", "zpn_client_type_zapp");
        g.writeArrayFieldStart("TrustedNetworks");
        g.writeEndArray();
        g.writeArrayFieldStart("TrustedNetworksNames");
        g.writeEndArray();
        g.writeStringField("SAMLAttributes", "email:" + p.workEmail);
        g.writeArrayFieldStart("PosturesHit");
        g.writeString("corp-laptop");
        g.writeEndArray();
        g.writeArrayFieldStart("PosturesMiss");
        g.writeEndArray();
        g.writeStringField("ZENCountryCode", v.place().country());
        g.writeStringField("FQDNRegistered", "0");
        g.writeStringField("FQDNRegisteredError", "");
        g.writeStringField("City", v.place().name());
        out.end();
    }
}
