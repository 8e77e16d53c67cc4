package dev.unravel.ingest.format.proxy;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import java.time.Instant;
import java.util.Map;

/**
 * Zscaler Internet Access firewall logs, as an NSS or Cloud NSS firewall feed writes them in JSON:
 * one session a line, wrapped as Zscaler's SIEM guides set the feed up
 * ({@code {"sourcetype": "zscalernss-fw", "event": {...}}}) or bare, with the guides' keys
 * ({@code datetime}, {@code user}, {@code csip}/{@code csport} the client's side, {@code cdip}/
 * {@code cdport} where it connected, {@code tsip} the tunnel's source address, {@code outbytes},
 * {@code inbytes}, {@code nwapp}, {@code devicehostname}; {@code cdfqdn} when the feed adds it).
 *
 * <p>With Client Connector's tunnel mode every connection a laptop makes, not only its web traffic,
 * passes Zscaler's cloud firewall: a remote-control relay on its own port (RustDesk's 21116,
 * AnyDesk's 6568) is in this log and not in the web log.
 *
 * <p>Type {@code zscaler.firewall}; logsource {@code zscaler}/{@code firewall}, with the Sigma
 * taxonomy's firewall names added ({@code src_ip}, {@code src_port}, {@code dst_ip},
 * {@code dst_port}, {@code username}); time as in {@link ZscalerWebReader}; user {@code user}, host
 * {@code devicehostname}, source IP {@code csip}.
 */
public final class ZscalerFirewallReader extends JsonReader {

    private static final LogSource LOGSOURCE = LogSource.of("zscaler", "firewall", null);

    @Override
    public String id() {
        return "zscaler-firewall";
    }

    @Override
    public String description() {
        return "Zscaler Internet Access firewall logs from an NSS or Cloud NSS feed in JSON (zscalernss-fw, bare or "
                + "wrapped)";
    }

    @Override
    public int probe(Sample sample) {
        return ZscalerFeeds.probe(sample, "zscalernss-fw", k -> k.has("csip") && k.has("cdip") && k.has("outbytes")
                && k.has("inbytes") && (k.has("tuntype") || k.has("nwsvc") || k.has("nwapp")));
    }

    @Override
    protected Event convert(Map<String, Object> record, EventRef origin) throws RecordException {
        Map<String, Object> doc = ZscalerFeeds.unwrap(record, "zscalernss-fw", "a firewall log (zscalernss-fw)");
        String prefix = doc == record ? "" : "event.";
        Instant time = ZscalerFeeds.time(doc, prefix);
        Map<String, Object> out = doc; // Sigma's names go into the parsed document, as in ZscalerWebReader
        String clientIp = WebProxy.value(doc.get("csip"));
        String user = WebProxy.value(doc.get("user"));
        WebProxy.put(out, "src_ip", clientIp);
        WebProxy.put(out, "src_port", port(doc.get("csport")));
        WebProxy.put(out, "dst_ip", WebProxy.value(doc.get("cdip")));
        WebProxy.put(out, "dst_port", port(doc.get("cdport")));
        WebProxy.put(out, "username", user);
        // the byte counts as numbers, whichever way the feed wrote them
        for (String key : new String[] {"outbytes", "inbytes"}) {
            Object v = doc.get(key);
            if (WebProxy.value(v) != null) {
                Long n = WebProxy.bytes(v);
                if (n == null) {
                    throw RecordException.invalid(prefix + key, "a byte count", v);
                }
                out.put(key, n);
            }
        }
        String device = WebProxy.value(doc.get("devicehostname"));
        return new Event(time, "zscaler", "zscaler.firewall", LOGSOURCE, user, device, clientIp, out, origin);
    }

    /** A port as a number (the feed writes {@code %d}), whether or not the format quoted it; null when absent. */
    private static Object port(Object v) {
        if (v instanceof Number) {
            return v;
        }
        Long n = WebProxy.bytes(v); // digits only
        return n != null ? n : WebProxy.value(v);
    }
}
