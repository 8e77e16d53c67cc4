package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.NetFlow;
import java.io.IOException;
import java.time.LocalDate;

/**
 * Zeek at the VPN concentrator, writing its native JSON logs ({@code LogAscii::use_json=T}) into
 * one folder per UTC day: {@code conn.log} for every flow, {@code dns.log} for the name a flow
 * looked up first (with the resolver's own UDP connection in {@code conn.log}, joined by uid, as
 * Zeek logs it) and {@code http.log} for plain HTTP. Unset optional fields are left out, as Zeek
 * leaves them out.
 *
 * <p>A lookup happens a few milliseconds before its flow and a request a few milliseconds after
 * the connection opens; those times are clamped to the previous line's so each file stays in
 * time order even when flows are closer together than that.
 */
public final class ZeekWriter implements SourceWriter {
    /** The corporate resolver the laptops use over the VPN. */
    static final String RESOLVER = "10.0.0.2";

    private static final char[] BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
            .toCharArray();

    private final DailyJsonLines conn;
    private final DailyJsonLines dns;
    private final DailyJsonLines http;
    private final TextBuffer text = new TextBuffer();
    private long lastConnMicros = Long.MIN_VALUE;
    private long lastHttpMicros = Long.MIN_VALUE;

    public ZeekWriter(OutputDir dir) {
        conn = new DailyJsonLines(dir, day -> "zeek/" + day + "/conn.log");
        dns = new DailyJsonLines(dir, day -> "zeek/" + day + "/dns.log");
        http = new DailyJsonLines(dir, day -> "zeek/" + day + "/http.log");
    }

    @Override
    public String source() {
        return "zeek";
    }

    @Override
    public void startDay(LocalDate day) throws IOException {
        conn.startDay(day);
        dns.startDay(day);
        http.startDay(day);
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof NetFlow f)) {
            return;
        }
        long start = TextBuffer.micros(f.time());
        long seed = StableHash.of(f.uid());
        if (f.domain() != null) {
            lookup(f, start, seed);
        }
        long durationMicros = Math.round(f.durationS() * 1e6);
        flow(f, start, durationMicros);
        if (f.httpMethod() != null) {
            request(f, Math.max(start + 5_000 + StableHash.below(seed >>> 8, 75_000), lastHttpMicros), seed);
        }
    }

    @Override
    public long records() {
        return conn.records() + dns.records() + http.records();
    }

    @Override
    public void close() throws IOException {
        conn.close();
        dns.close();
        http.close();
    }

    private void flow(NetFlow f, long start, long durationMicros) throws IOException {
        boolean tcp = "tcp".equals(f.proto());
        long origPkts;
        long respPkts;
        if (tcp) {
            // Handshake and teardown, one segment per MSS of data, delayed acks for the other side's.
            origPkts = 3 + ceilDiv(f.bytesOut(), 1460) + ceilDiv(f.bytesIn(), 2920);
            respPkts = 2 + ceilDiv(f.bytesIn(), 1460) + ceilDiv(f.bytesOut(), 2920);
        } else {
            origPkts = Math.max(1, ceilDiv(f.bytesOut(), 1472));
            respPkts = ceilDiv(f.bytesIn(), 1472);
        }
        int header = tcp ? 40 : 28;
        String state = tcp || respPkts > 0 ? "SF" : "S0";
        connLine(start, f.uid(), f.host().internalIp(), f.srcPort(), f.dstIp(), f.dstPort(), f.proto(), f.service(),
                durationMicros, f.bytesOut(), f.bytesIn(), state, history(tcp, f.bytesOut(), f.bytesIn()),
                origPkts, f.bytesOut() + origPkts * header, respPkts, f.bytesIn() + respPkts * header);
    }

    /** The A (or AAAA) lookup of the flow's name at the resolver, answered with the flow's destination. */
    private void lookup(NetFlow f, long flowStart, long seed) throws IOException {
        long rtt = 1_000 + StableHash.below(seed, 30_000);
        long ts = Math.max(flowStart - rtt - 200 - StableHash.below(seed >>> 16, 2_000), lastConnMicros);
        String uid = uid('C', StableHash.of(seed, 53));
        int port = 49152 + StableHash.below(seed >>> 24, 16384);
        boolean v6 = f.dstIp().indexOf(':') >= 0;
        long query = 12 + f.domain().length() + 2 + 4;
        long answer = query + (v6 ? 28 : 16);

        connLine(ts, uid, f.host().internalIp(), port, RESOLVER, 53, "udp", "dns", rtt, query, answer, "SF", "Dd",
                1, query + 28, 1, answer + 28);

        JsonGenerator json = dns.begin();
        writeTs(json, ts);
        json.writeStringField("uid", uid);
        writeIds(json, f.host().internalIp(), port, RESOLVER, 53);
        json.writeStringField("proto", "udp");
        json.writeNumberField("trans_id", StableHash.below(seed >>> 32, 65536));
        json.writeFieldName("rtt");
        text.clear().seconds(rtt).writeNumber(json);
        json.writeStringField("query", f.domain());
        json.writeNumberField("qclass", 1);
        json.writeStringField("qclass_name", "C_INTERNET");
        json.writeNumberField("qtype", v6 ? 28 : 1);
        json.writeStringField("qtype_name", v6 ? "AAAA" : "A");
        json.writeNumberField("rcode", 0);
        json.writeStringField("rcode_name", "NOERROR");
        json.writeBooleanField("AA", false);
        json.writeBooleanField("TC", false);
        json.writeBooleanField("RD", true);
        json.writeBooleanField("RA", true);
        json.writeNumberField("Z", 0);
        json.writeArrayFieldStart("answers");
        json.writeString(f.dstIp());
        json.writeEndArray();
        json.writeArrayFieldStart("TTLs");
        json.writeNumber((double) (60 + StableHash.below(seed >>> 40, 3540)));
        json.writeEndArray();
        json.writeBooleanField("rejected", false);
        dns.end();
    }

    private void request(NetFlow f, long ts, long seed) throws IOException {
        lastHttpMicros = ts;
        boolean bodyless = "GET".equals(f.httpMethod()) || "HEAD".equals(f.httpMethod());
        long requestBody = bodyless ? 0 : Math.max(0, f.bytesOut() - 400);
        long responseBody = "HEAD".equals(f.httpMethod()) ? 0 : Math.max(0, f.bytesIn() - 300);

        JsonGenerator json = http.begin();
        writeTs(json, ts);
        json.writeStringField("uid", f.uid());
        writeIds(json, f.host().internalIp(), f.srcPort(), f.dstIp(), f.dstPort());
        json.writeNumberField("trans_depth", 1);
        json.writeStringField("method", f.httpMethod());
        json.writeStringField("host", f.domain() != null ? f.domain() : f.dstIp());
        json.writeStringField("uri", f.httpUri() != null ? f.httpUri() : "/");
        json.writeStringField("version", "1.1");
        if (f.userAgent() != null) {
            json.writeStringField("user_agent", f.userAgent());
        }
        json.writeNumberField("request_body_len", requestBody);
        json.writeNumberField("response_body_len", responseBody);
        json.writeNumberField("status_code", 200);
        json.writeStringField("status_msg", "OK");
        json.writeArrayFieldStart("tags");
        json.writeEndArray();
        if (requestBody > 0) {
            json.writeArrayFieldStart("orig_fuids");
            json.writeString(uid('F', StableHash.of(seed, 1)));
            json.writeEndArray();
        }
        if (responseBody > 0) {
            json.writeArrayFieldStart("resp_fuids");
            json.writeString(uid('F', StableHash.of(seed, 2)));
            json.writeEndArray();
            String mime = mimeType(f.httpUri());
            if (mime != null) {
                json.writeArrayFieldStart("resp_mime_types");
                json.writeString(mime);
                json.writeEndArray();
            }
        }
        http.end();
    }

    private void connLine(long ts, String uid, String origH, int origP, String respH, int respP, String proto,
            String service, long durationMicros, long origBytes, long respBytes, String state, String history,
            long origPkts, long origIpBytes, long respPkts, long respIpBytes) throws IOException {
        lastConnMicros = ts;
        JsonGenerator json = conn.begin();
        writeTs(json, ts);
        json.writeStringField("uid", uid);
        writeIds(json, origH, origP, respH, respP);
        json.writeStringField("proto", proto);
        if (service != null) {
            json.writeStringField("service", service);
        }
        json.writeFieldName("duration");
        text.clear().seconds(durationMicros).writeNumber(json);
        json.writeNumberField("orig_bytes", origBytes);
        json.writeNumberField("resp_bytes", respBytes);
        json.writeStringField("conn_state", state);
        json.writeBooleanField("local_orig", isPrivate(origH));
        json.writeBooleanField("local_resp", isPrivate(respH));
        json.writeNumberField("missed_bytes", 0);
        json.writeStringField("history", history);
        json.writeNumberField("orig_pkts", origPkts);
        json.writeNumberField("orig_ip_bytes", origIpBytes);
        json.writeNumberField("resp_pkts", respPkts);
        json.writeNumberField("resp_ip_bytes", respIpBytes);
        conn.end();
    }

    private void writeTs(JsonGenerator json, long micros) throws IOException {
        json.writeFieldName("ts");
        text.clear().seconds(micros).writeNumber(json);
    }

    private static void writeIds(JsonGenerator json, String origH, int origP, String respH, int respP)
            throws IOException {
        json.writeStringField("id.orig_h", origH);
        json.writeNumberField("id.orig_p", origP);
        json.writeStringField("id.resp_h", respH);
        json.writeNumberField("id.resp_p", respP);
    }

    /** Zeek's connection history letters for a connection that opened and closed normally. */
    private static String history(boolean tcp, long out, long in) {
        if (!tcp) {
            return in > 0 ? "Dd" : "D";
        }
        if (out > 0 && in > 0) {
            return "ShADadFf";
        }
        return out > 0 ? "ShADaFf" : in > 0 ? "ShAdFf" : "ShAFf";
    }

    /** Zeek's site-local networks: the RFC 1918 ranges the company and the VPN use. */
    static boolean isPrivate(String ip) {
        if (ip.startsWith("10.") || ip.startsWith("192.168.")) {
            return true;
        }
        if (!ip.startsWith("172.")) {
            return false;
        }
        int end = ip.indexOf('.', 4);
        int second = end > 4 ? Integer.parseInt(ip, 4, end, 10) : -1;
        return second >= 16 && second <= 31;
    }

    /** The type Zeek's file analysis sniffs for common downloads, or null when the URI gives no hint. */
    private static String mimeType(String uri) {
        if (uri == null) {
            return null;
        }
        int query = uri.indexOf('?');
        String path = query >= 0 ? uri.substring(0, query) : uri;
        if (path.endsWith("/") || path.endsWith(".html") || path.endsWith(".htm")) {
            return "text/html";
        }
        if (path.endsWith(".zip")) {
            return "application/zip";
        }
        if (path.endsWith(".exe") || path.endsWith(".dll")) {
            return "application/x-dosexec";
        }
        if (path.endsWith(".json")) {
            return "text/json";
        }
        return null;
    }

    /** A Zeek-style id: a type letter ({@code C} connection, {@code F} file) and 17 base-62 characters. */
    private static String uid(char kind, long hash) {
        char[] id = new char[18];
        id[0] = kind;
        long h = hash;
        for (int i = 1; i < id.length; i++) {
            if (i == 10) {
                h = StableHash.mix(hash ^ 0x5DEECE66DL);
            }
            id[i] = BASE62[(int) Long.remainderUnsigned(h, 62)];
            h = Long.divideUnsigned(h, 62);
        }
        return new String(id);
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
