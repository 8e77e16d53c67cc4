package dev.unravel.server;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.store.Store;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Splunk's HTTP Event Collector protocol, for senders that speak it rather than plain HTTP:
 * GitHub Enterprise's audit log streaming, Fluent Bit's {@code splunk} output, Vector's
 * {@code splunk_hec_logs}, Cribl. {@code POST /services/collector} (also {@code /event} and
 * {@code /event/1.0}) takes stacked JSON objects, each with the vendor's record in {@code event};
 * {@code Authorization: Splunk TOKEN} with an ingest token. The records are kept as one batch per
 * {@code sourcetype} (its name made a source name: {@code github:enterprise:audit} →
 * {@code github-enterprise-audit}; {@code hec} when none is given), one record a line, through the
 * same {@link Spool} as the ingest API: the HEC envelope is transport, the record inside is what the
 * vendor produced. Answers are HEC's own ({@code {"text":"Success","code":0}}), so senders' checks
 * and retries work; a retry of a batch kept before is kept once. {@code POST /services/collector/raw}
 * takes the sender's own lines as one batch ({@link #receiveRaw}). A request on a channel gets an
 * {@code ackId}, which {@code POST /services/collector/ack} acknowledges ({@link HecAcks}).
 */
final class HecApi {

    static final String PATH = "/services/collector";
    /** Plain, not the report's mapper: each event must stay on one line of the batch it is kept in. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Store store;
    private final Spool spool;
    private final HecAcks acks = new HecAcks();

    HecApi(Store store, Spool spool) {
        this.store = store;
        this.spool = spool;
    }

    /** HEC's health check, which senders call before streaming; no token needed, as in Splunk. */
    void health(Context ctx) throws IOException {
        if (spool == null) {
            answer(ctx, 503, "HEC is unavailable: this console takes no logs (unravel serve --spool DIR)", 18);
            return;
        }
        answer(ctx, 200, "HEC is healthy", 17);
    }

    /** The token of an HEC request: {@code Splunk TOKEN} (HEC's scheme) or {@code Bearer TOKEN}. */
    static String token(String authorization) {
        if (authorization == null) {
            return null;
        }
        String a = authorization.strip();
        if (a.regionMatches(true, 0, "Splunk ", 0, 7)) {
            a = "Bearer " + a.substring(7).strip();
        }
        return ApiTokens.bearer(a);
    }

    /**
     * The ingest token of an HEC request, or null once the request has been answered with why not
     * (no spool, no token, not an ingest token).
     */
    private Store.TokenGrant sender(Context ctx) throws IOException {
        if (spool == null) {
            answer(ctx, 503, "HEC is unavailable: this console takes no logs (unravel serve --spool DIR)", 18);
            return null;
        }
        String auth = ctx.header("Authorization");
        if (auth == null) {
            answer(ctx, 401, "Token is required", 2);
            return null;
        }
        String token = token(auth);
        if (token == null) {
            answer(ctx, 401, "Invalid authorization", 3);
            return null;
        }
        Store.TokenGrant sender = store.token(ApiTokens.hash(token)).orElse(null);
        if (sender == null || sender.scope() != Store.TokenScope.INGEST) {
            answer(ctx, 403, sender == null ? "Invalid token" : "Invalid token: " + (sender.scope()
                    == Store.TokenScope.GITHUB_WEBHOOK ? "a GitHub webhook's secret" : "an API token") + " cannot send "
                    + "logs here; make an ingest token (unravel analysts token NAME --scope ingest)", 4);
            return null;
        }
        return sender;
    }

    /**
     * HEC's raw endpoint ({@code POST /services/collector/raw}): the body is the sender's own lines
     * (Vector's {@code splunk_hec} sink with raw encoding, syslog relays), kept as one batch as it
     * came, under the source {@code ?sourcetype=} (else {@code ?source=}) names; {@code ?format=}
     * says what it should read as, as on the ingest API.
     */
    void receiveRaw(Context ctx) throws IOException {
        Store.TokenGrant sender = sender(ctx);
        if (sender == null || !channelUsable(ctx)) {
            return;
        }
        ObjectNode names = JSON.createObjectNode();
        names.put("sourcetype", ctx.queryParam("sourcetype"));
        names.put("source", ctx.queryParam("source"));
        String source = source(names);
        String encoding = ctx.header("Content-Encoding");
        boolean gzip = encoding != null && encoding.strip().equalsIgnoreCase("gzip");
        if (keep(ctx, sender, source, ctx.req().getInputStream(), gzip, "hec-raw.log", ctx.queryParam("format"),
                "HEC raw")) {
            success(ctx, sender);
        }
    }

    void receive(Context ctx) throws IOException {
        Store.TokenGrant sender = sender(ctx);
        if (sender == null || !channelUsable(ctx)) {
            return;
        }
        String encoding = ctx.header("Content-Encoding");
        boolean gzip = encoding != null && encoding.strip().equalsIgnoreCase("gzip");
        Map<String, ByteArrayOutputStream> bySource = new LinkedHashMap<>();
        int n = 0;
        try (InputStream raw = new LimitedInput(gzip ? new GZIPInputStream(ctx.req().getInputStream(), 64 * 1024)
                : ctx.req().getInputStream(), spool.maxBytes());
                JsonParser p = JSON.getFactory().createParser(raw);
                MappingIterator<JsonNode> objects = JSON.readerFor(JsonNode.class).readValues(p)) {
            while (objects.hasNextValue()) {
                JsonNode o = objects.nextValue();
                if (!o.isObject()) {
                    answer(ctx, 400, "Invalid data format: event " + n + " is not a JSON object", 6, n);
                    return;
                }
                JsonNode event = o.get("event");
                if (event == null || event.isNull()) {
                    answer(ctx, 400, "Event field is required (event " + n + ")", 12, n);
                    return;
                }
                if (event.isTextual() && event.asText().isBlank() || event.isContainerNode() && event.isEmpty()) {
                    answer(ctx, 400, "Event field cannot be blank (event " + n + ")", 13, n);
                    return;
                }
                String source = source(o);
                ByteArrayOutputStream out = bySource.computeIfAbsent(source, s -> new ByteArrayOutputStream());
                if (event.isTextual()) {
                    out.write(event.asText().replace("\r", "").replace("\n", " ").getBytes(StandardCharsets.UTF_8));
                } else {
                    out.write(JSON.writeValueAsBytes(event));
                }
                out.write('\n');
                n++;
            }
        } catch (LimitedInput.TooLarge e) {
            answer(ctx, 413, "Content length too large: more than " + spool.maxBytes() + " bytes", 27);
            return;
        } catch (IOException | RuntimeException e) {
            answer(ctx, 400, "Invalid data format: " + firstLine(e.getMessage()), 6, n);
            return;
        }
        if (n == 0) {
            answer(ctx, 400, "No data", 5);
            return;
        }
        for (Map.Entry<String, ByteArrayOutputStream> group : bySource.entrySet()) {
            if (!keep(ctx, sender, group.getKey(), new ByteArrayInputStream(group.getValue().toByteArray()), false,
                    "hec.ndjson", null, "HEC")) {
                return;
            }
        }
        success(ctx, sender);
    }

    /**
     * HEC's acknowledgement query ({@code POST /services/collector/ack}, {@link HecAcks}): the body
     * {@code {"acks":[0,1,2]}} on the channel the batches were sent on; the answer
     * {@code {"acks":{"0":true,"1":true,"2":false}}}.
     */
    void acknowledge(Context ctx) throws IOException {
        Store.TokenGrant sender = sender(ctx);
        if (sender == null || !channelUsable(ctx)) {
            return;
        }
        String channel = channel(ctx);
        if (channel == null) {
            answer(ctx, 400, "Data channel is missing", 10);
            return;
        }
        JsonNode ids;
        try {
            ids = JSON.readTree(ctx.bodyAsBytes()).get("acks");
        } catch (IOException | RuntimeException e) {
            ids = null;
        }
        if (ids == null || !ids.isArray() || ids.size() > HecAcks.PENDING) {
            answer(ctx, 400, "Invalid data format: the body is {\"acks\":[ID, ...]}, the ackIds answered on this "
                    + "channel", 6);
            return;
        }
        Map<String, Boolean> answered = new LinkedHashMap<>();
        for (JsonNode id : ids) {
            if (!id.canConvertToLong() || !id.isIntegralNumber()) {
                answer(ctx, 400, "Invalid data format: an ackId is a whole number, not " + clip(id.toString()), 6);
                return;
            }
            answered.put(Long.toString(id.asLong()), acks.acknowledge(sender.id(), channel, id.asLong()));
        }
        ctx.status(200).contentType("application/json").result(ReportJson.mapper().writeValueAsString(
                Map.of("acks", answered)));
    }

    /** The request's channel: {@code X-Splunk-Request-Channel}, else {@code ?channel=}; null for none. */
    private static String channel(Context ctx) {
        String c = ctx.header("X-Splunk-Request-Channel");
        if (c == null || c.isBlank()) {
            c = ctx.queryParam("channel");
        }
        return c == null || c.isBlank() ? null : c.strip();
    }

    /** False once a request naming a channel that is not a GUID has been answered so, as Splunk does. */
    private static boolean channelUsable(Context ctx) throws IOException {
        String c = channel(ctx);
        if (c != null && !HecAcks.valid(c)) {
            answer(ctx, 400, "Invalid data channel: a channel is a GUID (" + clip(c) + ")", 11);
            return false;
        }
        return true;
    }

    /** HEC's success, with the batch's {@code ackId} when the request named a channel. */
    private void success(Context ctx, Store.TokenGrant sender) throws IOException {
        String channel = channel(ctx);
        if (channel == null) {
            answer(ctx, 200, "Success", 0);
            return;
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", "Success");
        body.put("code", 0);
        body.put("ackId", acks.kept(sender.id(), channel));
        ctx.status(200).contentType("application/json").result(ReportJson.mapper().writeValueAsString(body));
    }

    /**
     * Keeps one batch through the spool and writes it to the access log; false once the request has
     * been answered with why it was not kept (HEC's codes: 9 busy, 6 invalid, 5 no data, 27 too large).
     */
    private boolean keep(Context ctx, Store.TokenGrant sender, String source, InputStream body, boolean gzip,
            String name, String format, String how) throws IOException {
        try {
            Spool.Received got = spool.receive(source, body, gzip, name, format, sender, ctx.ip());
            store.logAccess(sender.analyst(), ctx.ip(), got.duplicate() ? "ingest-again" : "ingest",
                    source + " batch " + got.batch().id() + " (" + sender.label() + ", " + how + "): "
                            + got.batch().records() + " records, " + got.batch().rejected() + " rejected");
            return true;
        } catch (IOException e) {
            // the disk, not the events: HEC's "busy" makes the sender try again later
            answer(ctx, 503, "Server is busy: the " + source + " events could not be kept just now ("
                    + e.getClass().getSimpleName() + ")", 9);
            return false;
        } catch (Spool.Refused e) {
            store.logAccess(sender.analyst(), ctx.ip(), "ingest-refused", clip(source + " (" + sender.label()
                    + ", " + how + "): " + e.getMessage()));
            if (e.status() == 413) {
                answer(ctx, 413, "Content length too large: " + e.getMessage(), 27);
            } else if (e.getMessage().equals("the batch is empty")) {
                answer(ctx, 400, "No data", 5);
            } else {
                String first = e.errors().isEmpty() ? "" : "; first: record " + e.errors().get(0).record() + " "
                        + e.errors().get(0).field() + " " + e.errors().get(0).reason();
                answer(ctx, 400, "Invalid data format: the " + source + " events: " + e.getMessage() + first, 6);
            }
            return false;
        }
    }

    /** The source name of an HEC event: its sourcetype (else source) in the spool's alphabet, or {@code hec}. */
    static String source(JsonNode o) {
        for (String key : List.of("sourcetype", "source")) {
            JsonNode v = o.get(key);
            if (v != null && v.isTextual()) {
                String s = v.asText().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-")
                        .replaceAll("^[-_]+|-+$", "");
                if (!s.isEmpty()) {
                    return s.length() <= 40 ? s : s.substring(0, 40).replaceAll("-+$", "");
                }
            }
        }
        return "hec";
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }

    private static void answer(Context ctx, int status, String text, int code) throws IOException {
        answer(ctx, status, text, code, -1);
    }

    private static void answer(Context ctx, int status, String text, int code, int invalidEvent) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text);
        body.put("code", code);
        if (invalidEvent >= 0) {
            body.put("invalid-event-number", invalidEvent);
        }
        ctx.status(status).contentType("application/json").result(ReportJson.mapper().writeValueAsString(body));
    }
}
