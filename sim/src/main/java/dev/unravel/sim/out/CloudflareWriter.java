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
 * Cloudflare Zero Trust, whose WARP client on every laptop sends its traffic through Cloudflare
 * Gateway wherever the laptop is (only with {@code simulate --web-proxy cloudflare}): as Logpush
 * writes its account datasets, one JSON record a line, times in RFC 3339, into
 * {@code cloudflare/<dataset>/YYYYMMDD/YYYYMMDDT000000Z_YYYYMMDDT235959Z_sim.log}. Every flow with a
 * name is a Gateway DNS query first; a web flow (TCP to port 80 or 443 with a name) is a Gateway
 * HTTP request, an upload naming its file and size as Gateway's file detection does; every flow is
 * a Zero Trust network session with the bytes each way.
 *
 * <p>Each record names the user ({@code Email}), the laptop ({@code DeviceName}), its own address
 * ({@code SourceInternalIP}) and the public address of the network it is on ({@code SourceIP},
 * {@code SrcIP}: its home's, its farm's, an office's).
 */
public final class CloudflareWriter implements SourceWriter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** An upload at least this large is one file Gateway's file detection names. */
    private static final long UPLOAD_BYTES = 1_000_000;

    private final DailyJsonLines dns;
    private final DailyJsonLines http;
    private final DailyJsonLines sessions;

    public CloudflareWriter(OutputDir dir) {
        dns = new DailyJsonLines(dir, day -> path("gateway_dns", day));
        http = new DailyJsonLines(dir, day -> path("gateway_http", day));
        sessions = new DailyJsonLines(dir, day -> path("zero_trust_network_sessions", day));
    }

    /** Logpush's layout: the dataset, the day, and the batch's time range in the file's name. */
    private static String path(String dataset, LocalDate day) {
        String d = day.toString().replace("-", "");
        return "cloudflare/" + dataset + "/" + d + "/" + d + "T000000Z_" + d + "T235959Z_sim.log";
    }

    @Override
    public String source() {
        return "cloudflare";
    }

    @Override
    public void startDay(LocalDate day) throws IOException {
        dns.startDay(day);
        http.startDay(day);
        sessions.startDay(day);
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof NetFlow f)) {
            return;
        }
        if (f.domain() != null) {
            query(f);
            if ("tcp".equals(f.proto()) && (f.dstPort() == 443 || f.dstPort() == 80)) {
                request(f);
            }
        }
        session(f);
    }

    private void query(NetFlow f) throws IOException {
        JsonGenerator json = dns.begin();
        json.writeStringField("Datetime", TIME.format(f.time()));
        json.writeStringField("ColoCode", "EWR");
        json.writeStringField("DeviceID", deviceId(f));
        json.writeStringField("DeviceName", f.host().hostname());
        json.writeStringField("DstIP", "172.64.36.1");
        json.writeNumberField("DstPort", 443);
        json.writeStringField("Email", f.person().workEmail);
        json.writeStringField("Protocol", "https");
        json.writeStringField("QueryName", f.domain());
        json.writeNumberField("QueryType", f.dstIp().indexOf(':') >= 0 ? 28 : 1);
        json.writeStringField("QueryTypeName", f.dstIp().indexOf(':') >= 0 ? "AAAA" : "A");
        json.writeNumberField("RCode", 0);
        json.writeArrayFieldStart("ResolvedIPs");
        json.writeString(f.dstIp());
        json.writeEndArray();
        json.writeStringField("ResolverDecision", "allowedOnNoPolicyMatch");
        json.writeStringField("SrcIP", f.publicIp());
        json.writeNumberField("SrcPort", 0);
        json.writeStringField("UserID", userId(f));
        dns.end();
    }

    private void request(NetFlow f) throws IOException {
        String method = f.httpMethod() != null ? f.httpMethod() : f.bytesOut() > f.bytesIn() ? "POST" : "GET";
        boolean upload = ("POST".equals(method) || "PUT".equals(method)) && f.bytesOut() >= UPLOAD_BYTES;
        JsonGenerator json = http.begin();
        json.writeStringField("Action", "allow");
        json.writeStringField("Datetime", TIME.format(f.time()));
        json.writeStringField("DestinationIP", f.dstIp());
        json.writeNumberField("DestinationPort", f.dstPort());
        json.writeStringField("DeviceID", deviceId(f));
        json.writeStringField("DeviceName", f.host().hostname());
        json.writeStringField("Email", f.person().workEmail);
        if (upload) {
            String name = "archive-" + f.uid().substring(1, 7).toLowerCase(Locale.ROOT) + ".zip";
            json.writeObjectFieldStart("FileInfo");
            json.writeArrayFieldStart("files");
            json.writeStartObject();
            json.writeStringField("name", name);
            json.writeNumberField("size", f.bytesOut());
            json.writeEndObject();
            json.writeEndArray();
            json.writeEndObject();
            json.writeArrayFieldStart("UploadedFileNames");
            json.writeString(name);
            json.writeEndArray();
        }
        json.writeStringField("HTTPHost", f.domain());
        json.writeStringField("HTTPMethod", method);
        json.writeNumberField("HTTPStatusCode", 200);
        json.writeStringField("HTTPVersion", "HTTP/2");
        json.writeStringField("RequestID", f.uid());
        json.writeStringField("SourceInternalIP", f.host().internalIp());
        json.writeStringField("SourceIP", f.publicIp());
        json.writeNumberField("SourcePort", f.srcPort());
        json.writeStringField("URL", (f.dstPort() == 443 ? "https://" : "http://") + f.domain()
                + (f.httpUri() != null ? f.httpUri() : "/"));
        // Gateway inspects TLS and logs the browser's agent; the flow records one only for plain HTTP.
        json.writeStringField("UserAgent", f.userAgent() != null ? f.userAgent()
                : f.host().windows() ? Catalog.CHROME_WIN : Catalog.CHROME_MAC);
        json.writeStringField("UserID", userId(f));
        http.end();
    }

    private void session(NetFlow f) throws IOException {
        JsonGenerator json = sessions.begin();
        json.writeNumberField("BytesReceived", f.bytesIn());
        json.writeNumberField("BytesSent", f.bytesOut());
        json.writeStringField("ConnectionCloseReason", "CLIENT_CLOSED");
        json.writeStringField("DeviceID", deviceId(f));
        json.writeStringField("DeviceName", f.host().hostname());
        json.writeStringField("Email", f.person().workEmail);
        json.writeStringField("OriginIP", f.dstIp());
        json.writeNumberField("OriginPort", f.dstPort());
        json.writeStringField("Protocol", f.proto().toUpperCase(Locale.ROOT));
        json.writeStringField("SessionEndTime", TIME.format(f.time().plusMillis(Math.round(f.durationS() * 1000))));
        json.writeStringField("SessionID", f.uid());
        json.writeStringField("SessionStartTime", TIME.format(f.time()));
        json.writeStringField("SourceInternalIP", f.host().internalIp());
        json.writeStringField("SourceIP", f.publicIp());
        json.writeNumberField("SourcePort", f.srcPort());
        json.writeStringField("UserID", userId(f));
        sessions.end();
    }

    /** WARP's registration of the laptop: one UUID per laptop. */
    private static String deviceId(NetFlow f) {
        return java.util.UUID.nameUUIDFromBytes(f.host().hostname().getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    private static String userId(NetFlow f) {
        return java.util.UUID.nameUUIDFromBytes(f.person().workEmail.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString();
    }

    @Override
    public long records() {
        return dns.records() + http.records() + sessions.records();
    }

    @Override
    public void close() throws IOException {
        dns.close();
        http.close();
        sessions.close();
    }
}
