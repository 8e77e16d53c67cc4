package dev.unravel.ingest.format.proxy;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.UrlHosts;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Zscaler Internet Access web logs, as an NSS or Cloud NSS feed writes them in JSON: one
 * transaction a line, either wrapped as Zscaler's SIEM guides set the feed up
 * ({@code {"sourcetype": "zscalernss-web", "event": {...}}}) or bare. The feed's keys are whatever
 * its output format names them, so both conventions in use are read: the NSS variable names
 * ({@code login}, {@code eurl}, {@code ehost}, {@code reqsize}, {@code respsize}, {@code cip},
 * {@code sip}, {@code reqmethod}, {@code respcode}, {@code ua}, {@code devicehostname},
 * {@code time}) and the longer names of the Splunk and Sentinel formats ({@code user}, {@code url},
 * {@code requestsize}, {@code responsesize}, {@code ClientIP}, {@code serverip},
 * {@code requestmethod}, {@code status}, {@code useragent}, {@code datetime}).
 *
 * <p>Zscaler Client Connector sends a laptop's web traffic through Zscaler wherever the laptop is,
 * so this log sees the laptops Zeek on the office network never does — those at a laptop farm.
 *
 * <p>Type {@code zscaler.web}; logsource {@code zscaler}/{@code proxy}; time {@code epochtime}
 * (seconds) when the feed has it, else {@code datetime} or {@code time}
 * ({@code Fri Dec 31 07:07:07 2021}), read as UTC (an NSS feed writes its times in the zone it is
 * set to, GMT by default: set it to GMT, or add {@code %d{epochtime}}); user {@code login};
 * host {@code devicehostname}; source IP {@code cip}. The transaction keeps every field, with
 * Sigma's proxy names added ({@link WebProxy}): {@code cs-bytes} is the request size, what an
 * upload sends.
 *
 * <p>{@code client_public_ip} is the address the laptop's own network reached Zscaler from: the
 * client's public address ({@code cpubip}; {@code cltpubip} in Elastic's template,
 * {@code clientpublicIP} in others), else its NATed internet address ({@code cintip},
 * {@code cltintip}), else the client address itself, which ZIA gives as the public one when it cannot see an
 * internal one (Client Connector's tunnel from a home network). An internal address is left to the
 * reader of the field to tell apart.
 */
public final class ZscalerWebReader extends JsonReader {

    private static final LogSource LOGSOURCE = LogSource.of("zscaler", "proxy", null);

    /** Names only a ZIA web feed writes (both conventions), for recognising a bare feed. */
    private static final String[] MARKS = {"reqsize", "respsize", "urlcat", "urlsupercat", "urlclass", "appclass",
        "malwarecat", "riskscore", "devicehostname", "deviceowner", "ruletype", "rulelabel", "dlpeng", "requestsize",
        "responsesize", "urlcategory", "urlsupercategory", "transactionsize", "clientpublicIP", "pagerisk",
        "threatcategory"};

    @Override
    public String id() {
        return "zscaler-web";
    }

    @Override
    public String description() {
        return "Zscaler Internet Access web logs from an NSS or Cloud NSS feed in JSON (zscalernss-web, bare or "
                + "wrapped)";
    }

    @Override
    public int probe(Sample sample) {
        return ZscalerFeeds.probe(sample, "zscalernss-web", k -> k.countIgnoreCase(MARKS) >= 4
                && (k.has("eurl") || k.has("url")) && (k.has("login") || k.has("user") || k.has("cip")
                || k.has("ClientIP")));
    }

    /**
     * The fields this reader uses, gathered in one pass over the document under either convention's
     * name: asking the document for each name a feed does not use scanned the whole document each
     * time (a fifth of reading a line), and the web log is the largest log a company keeps.
     */
    private static final class Seen {
        Object epoch;
        Object datetime;
        Object time;
        Object url;
        Object host;
        Object siteName;
        Object clientIp;
        Object clientPublicIp;
        Object clientInternetIp;
        Object method;
        Object agent;
        Object referrer;
        Object status;
        Object serverIp;
        Object requestSize;
        String requestKey;
        Object responseSize;
        String responseKey;
        Object user;
        Object device;

        void see(String key, Object v) {
            if (WebProxy.value(v) == null) {
                return; // Zscaler's None and NA are no value: another name may hold one
            }
            switch (key) {
                case "epochtime" -> epoch = v;
                case "datetime" -> datetime = v;
                case "time" -> time = v;
                case "eurl", "url" -> url = v;
                case "ehost", "host" -> host = v;
                case "hostname" -> siteName = v; // the Splunk format's hostname is the site's
                case "cip", "ClientIP", "cltip" -> clientIp = v;
                case "cpubip", "cltpubip", "clientpublicIP", "ClientPublicIP" -> clientPublicIp = v;
                case "cintip", "cltintip" -> clientInternetIp = v;
                case "reqmethod", "requestmethod" -> method = v;
                case "ua", "eua", "useragent" -> agent = v;
                case "ereferer", "referer", "refererURL" -> referrer = v;
                case "respcode", "status" -> status = v;
                case "sip", "serverip" -> serverIp = v;
                case "reqsize", "requestsize" -> {
                    requestSize = v;
                    requestKey = key;
                }
                case "respsize", "responsesize" -> {
                    responseSize = v;
                    responseKey = key;
                }
                case "login", "user" -> user = v;
                case "devicehostname" -> device = v;
                default -> {
                }
            }
        }
    }

    @Override
    protected Event convert(Map<String, Object> record, EventRef origin) throws RecordException {
        Map<String, Object> doc = ZscalerFeeds.unwrap(record, "zscalernss-web", "a web log (zscalernss-web)");
        String prefix = doc == record ? "" : "event.";
        Seen f = new Seen();
        doc.forEach(f::see);
        Instant time = ZscalerFeeds.time(f.epoch, f.datetime, f.time, prefix);

        String url = WebProxy.value(f.url);
        String host = WebProxy.value(f.host != null ? f.host : f.siteName);
        if (host == null) {
            host = UrlHosts.hostOf(url);
        }
        String clientIp = WebProxy.value(f.clientIp);
        // Sigma's names go into the parsed document itself: copying it cost as much as reading it.
        WebProxy.put(doc, "c-uri", url);
        WebProxy.put(doc, "cs-host", host == null ? null : host.toLowerCase(Locale.ROOT));
        WebProxy.put(doc, "cs-method", WebProxy.value(f.method));
        WebProxy.put(doc, "c-useragent", WebProxy.value(f.agent));
        WebProxy.put(doc, "cs-referrer", WebProxy.value(f.referrer));
        WebProxy.put(doc, "sc-status", WebProxy.value(f.status));
        WebProxy.put(doc, "src_ip", clientIp);
        WebProxy.put(doc, WebProxy.CLIENT_PUBLIC_IP, WebProxy.value(f.clientPublicIp != null ? f.clientPublicIp
                : f.clientInternetIp != null ? f.clientInternetIp : f.clientIp));
        WebProxy.put(doc, "dst_ip", WebProxy.value(f.serverIp));
        WebProxy.put(doc, "cs-bytes", bytes(f.requestSize, prefix + f.requestKey));
        WebProxy.put(doc, "sc-bytes", bytes(f.responseSize, prefix + f.responseKey));
        return new Event(time, "zscaler", "zscaler.web", LOGSOURCE, WebProxy.value(f.user), WebProxy.value(f.device),
                clientIp, doc, origin);
    }

    /** A byte count written as a number or digits; null when absent; an error naming {@code field} otherwise. */
    private static Long bytes(Object v, String field) throws RecordException {
        if (v == null) {
            return null;
        }
        Long n = WebProxy.bytes(v);
        if (n == null) {
            throw RecordException.invalid(field, "a byte count", v);
        }
        return n;
    }
}
