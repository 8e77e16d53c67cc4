package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.NetFlow;
import dev.unravel.sim.world.Catalog;
import java.io.IOException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Zscaler Internet Access, as a company whose laptops run Zscaler Client Connector in tunnel mode
 * sees their traffic (only with {@code simulate --web-proxy zscaler}): every web flow (TCP to port
 * 80 or 443 with a name) is one transaction in a Cloud NSS web feed, every other flow one session
 * in a firewall feed, each written one a line in the JSON format of Zscaler's SIEM guides
 * ({@code {"sourcetype":"zscalernss-web","event":{...}}}, {@code zscalernss-fw}) into
 * {@code zscaler/YYYY-MM-DD/web.json} and {@code firewall.json}, with the feeds' time zone set to
 * GMT; the firewall feed carries the name looked up ({@code cdfqdn}).
 *
 * <p>The transaction names the device ({@code devicehostname}) and the user ({@code user}: the work
 * e-mail Client Connector signs in with); {@code requestsize} is what the laptop sent. Its client
 * address ({@code ClientIP}) is the laptop's internal one, and {@code clientpublicIP} the public
 * address of the network it is on (its home's, its farm's, an office's).
 */
public final class ZscalerWriter implements SourceWriter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private final DailyJsonLines web;
    private final DailyJsonLines firewall;

    public ZscalerWriter(OutputDir dir) {
        web = new DailyJsonLines(dir, day -> "zscaler/" + day + "/web.json");
        firewall = new DailyJsonLines(dir, day -> "zscaler/" + day + "/firewall.json");
    }

    @Override
    public String source() {
        return "zscaler";
    }

    @Override
    public void startDay(LocalDate day) throws IOException {
        web.startDay(day);
        firewall.startDay(day);
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof NetFlow f)) {
            return;
        }
        if (!"tcp".equals(f.proto()) || f.domain() == null || f.dstPort() != 443 && f.dstPort() != 80) {
            session(f);
            return;
        }
        boolean tls = f.dstPort() == 443;
        String method = f.httpMethod() != null ? f.httpMethod() : f.bytesOut() > f.bytesIn() ? "POST" : "GET";
        String url = f.domain() + (f.httpUri() != null ? f.httpUri() : "/");
        JsonGenerator json = web.begin();
        json.writeStringField("sourcetype", "zscalernss-web");
        json.writeObjectFieldStart("event");
        json.writeStringField("datetime", TIME.format(f.time()));
        json.writeStringField("epochtime", Long.toString(f.time().getEpochSecond()));
        json.writeStringField("reason", "Allowed");
        json.writeStringField("event_id", Long.toUnsignedString(StableHash.of(f.uid())));
        json.writeStringField("protocol", tls ? "HTTPS" : "HTTP");
        json.writeStringField("action", "Allowed");
        json.writeStringField("transactionsize", Long.toString(f.bytesOut() + f.bytesIn()));
        json.writeStringField("responsesize", Long.toString(f.bytesIn()));
        json.writeStringField("requestsize", Long.toString(f.bytesOut()));
        json.writeStringField("urlcategory", "Miscellaneous or Unknown");
        json.writeStringField("serverip", f.dstIp());
        json.writeStringField("requestmethod", method);
        json.writeStringField("refererURL", "None");
        // Zscaler inspects TLS and logs the browser's agent; the flow records one only for plain HTTP.
        json.writeStringField("useragent", f.userAgent() != null ? f.userAgent()
                : f.host().windows() ? Catalog.CHROME_WIN : Catalog.CHROME_MAC);
        json.writeStringField("product", "NSS");
        json.writeStringField("location", "Road Warrior");
        json.writeStringField("ClientIP", f.host().internalIp());
        if (f.publicIp() != null) {
            json.writeStringField("clientpublicIP", f.publicIp()); // where Client Connector reached Zscaler from
        }
        json.writeStringField("status", "200");
        json.writeStringField("user", f.person().workEmail);
        json.writeStringField("url", url);
        json.writeStringField("vendor", "Zscaler");
        json.writeStringField("hostname", f.domain());
        json.writeStringField("devicehostname", f.host().hostname());
        json.writeStringField("deviceowner", f.person().username);
        json.writeEndObject();
        web.end();
    }

    /** A flow the web proxy does not handle, as the cloud firewall logs it. */
    private void session(NetFlow f) throws IOException {
        JsonGenerator json = firewall.begin();
        json.writeStringField("sourcetype", "zscalernss-fw");
        json.writeObjectFieldStart("event");
        json.writeStringField("datetime", TIME.format(f.time()));
        json.writeStringField("epochtime", Long.toString(f.time().getEpochSecond()));
        json.writeStringField("user", f.person().workEmail);
        json.writeStringField("locationname", "Road Warrior");
        json.writeNumberField("cdport", f.dstPort());
        json.writeNumberField("csport", f.srcPort());
        json.writeStringField("csip", f.host().internalIp());
        json.writeStringField("cdip", f.dstIp());
        json.writeStringField("tuntype", "ZscalerClientConnector");
        json.writeStringField("action", "Allow");
        json.writeStringField("nwsvc", "Any");
        json.writeStringField("nwapp", "others");
        json.writeStringField("proto", f.proto().toUpperCase(Locale.ROOT));
        json.writeNumberField("inbytes", f.bytesIn());
        json.writeNumberField("outbytes", f.bytesOut());
        json.writeNumberField("durationms", Math.round(f.durationS() * 1000));
        json.writeNumberField("numsessions", 1);
        json.writeStringField("deviceowner", f.person().username);
        json.writeStringField("devicehostname", f.host().hostname());
        if (f.domain() != null) {
            json.writeStringField("cdfqdn", f.domain());
        }
        json.writeEndObject();
        firewall.end();
    }

    @Override
    public long records() {
        return web.records() + firewall.records();
    }

    @Override
    public void close() throws IOException {
        web.close();
        firewall.close();
    }
}
