package dev.unravel.server;

import dev.unravel.engine.report.ReportJson;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.store.Store;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ingest API: log shippers (Fluent Bit, Vector, Logstash, a cron job with curl) and vendors'
 * event hooks send logs, in any format Unravel reads, to {@code POST /api/ingest/{source}} with an
 * ingest token; the batch is read, kept in the spool ({@link Spool}) and answered with what it held
 * and which records were rejected and why. {@code GET /api/ingest/{source}} answers Okta's one-time
 * event hook verification.
 *
 * <p>Query parameters: {@code name} — the file name the batch would have on disk, whose extension
 * tells how to read it ({@code .json.gz}, {@code .zip}, {@code .evtx}, {@code .eml}); {@code format}
 * — the format the sender means to send (a reader's id from {@code unravel ingest formats}): a
 * batch that reads as another is refused, which catches a shipper pointed at the wrong source.
 */
final class IngestApi {

    static final String OKTA_CHALLENGE = "X-Okta-Verification-Challenge";

    private final Store store;
    private final Spool spool;

    IngestApi(Store store, Spool spool) {
        this.store = store;
        this.spool = spool;
    }

    /** Whether this console takes logs (it was given a spool). */
    boolean taking() {
        return spool != null;
    }

    void receive(Context ctx) throws IOException {
        Store.TokenGrant sender = ctx.attribute(Console.TOKEN_GRANT);
        String source = ctx.pathParam("source");
        if (spool == null) {
            answer(ctx, HttpStatus.NOT_FOUND, Map.of("error", "this console takes no logs: start it with "
                    + "'unravel serve --spool DIR' to receive them"));
            return;
        }
        String encoding = ctx.header("Content-Encoding");
        boolean gzip = encoding != null && encoding.strip().equalsIgnoreCase("gzip");
        if (encoding != null && !gzip && !encoding.strip().equalsIgnoreCase("identity")) {
            answer(ctx, HttpStatus.UNSUPPORTED_MEDIA_TYPE, Map.of("error", "Content-Encoding " + encoding
                    + " is not read: send the body plain or gzip-compressed"));
            return;
        }
        Spool.Received got;
        try {
            got = spool.receive(source, ctx.req().getInputStream(), gzip, ctx.queryParam("name"),
                    ctx.queryParam("format"), sender, ctx.ip());
        } catch (IOException e) {
            unavailable(ctx, e);
            return;
        } catch (Spool.Refused e) {
            refused(ctx, store, sender, source, e, "");
            return;
        }
        kept(ctx, store, sender, got, "", Map.of());
    }

    /** The disk, not the batch, failed: a sender that retries later loses nothing. */
    static void unavailable(Context ctx, IOException e) throws IOException {
        answer(ctx, HttpStatus.SERVICE_UNAVAILABLE, Map.of("error", "the batch could not be kept just now ("
                + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + "); send it again later"));
    }

    /** Answers a batch {@link Spool} refused, with its errors, and notes it in the access log. */
    static void refused(Context ctx, Store store, Store.TokenGrant sender, String source, Spool.Refused e, String how)
            throws IOException {
        store.logAccess(sender.analyst(), ctx.ip(), "ingest-refused", clip(source + " (" + sender.label() + how + "): "
                + e.getMessage()));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getMessage());
        if (!e.errors().isEmpty()) {
            body.put("errors", errors(e.errors()));
        }
        answer(ctx, HttpStatus.forStatus(e.status()), body);
    }

    /**
     * Answers a batch kept (or kept before) with what it held and the first rejected records, after
     * {@code extra}, and notes it in the access log; {@code how} follows the sender's label there.
     */
    static void kept(Context ctx, Store store, Store.TokenGrant sender, Spool.Received got, String how,
            Map<String, Object> extra) throws IOException {
        Store.IngestBatch b = got.batch();
        store.logAccess(sender.analyst(), ctx.ip(), got.duplicate() ? "ingest-again" : "ingest", clip(b.source()
                + " batch " + b.id() + " (" + sender.label() + how + "): " + b.records() + " records, " + b.rejected()
                + " rejected"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("batch", b.id());
        body.put("duplicate", got.duplicate());
        body.put("source", b.source());
        body.put("format", b.format());
        body.putAll(extra);
        body.put("records", b.records());
        body.put("events", b.events());
        body.put("rejected", b.rejected());
        body.put("first", b.first() == null ? null : b.first().toString());
        body.put("last", b.last() == null ? null : b.last().toString());
        body.put("file", b.file());
        body.put("errors", errors(got.errors()));
        answer(ctx, HttpStatus.OK, body);
    }

    /** Okta verifies an event hook once, by a GET whose challenge header must come back as {@code verification}. */
    void verify(Context ctx) throws IOException {
        String challenge = ctx.header(OKTA_CHALLENGE);
        if (challenge == null) {
            answer(ctx, HttpStatus.METHOD_NOT_ALLOWED, Map.of("error", "send logs with POST; GET answers only Okta's "
                    + "event hook verification (" + OKTA_CHALLENGE + ")"));
            return;
        }
        answer(ctx, HttpStatus.OK, Map.of("verification", challenge));
    }

    private static List<Map<String, Object>> errors(List<RecordError> errors) {
        return errors.stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("record", e.record());
            m.put("line", e.line());
            m.put("field", e.field());
            m.put("reason", e.reason());
            return m;
        }).toList();
    }

    static String clip(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }

    static void answer(Context ctx, HttpStatus status, Object value) throws IOException {
        ctx.status(status).contentType("application/json").result(ReportJson.mapper().writeValueAsString(value));
    }
}
