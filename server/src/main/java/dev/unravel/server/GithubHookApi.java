package dev.unravel.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.store.Store;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * GitHub webhooks, posted straight to the console: {@code POST /hooks/github}. GitHub sends no
 * token; it signs each delivery's body with the webhook's secret ({@code X-Hub-Signature-256:
 * sha256=HMAC-SHA256(secret, body)}), so a delivery is taken when its signature is that of a secret
 * made with {@code unravel analysts token NAME --scope github-webhook} and not revoked, and is kept
 * and logged under that analyst as an ingest batch is. The payload is kept as GitHub sent it
 * (a form-encoded delivery's {@code payload} field, decoded), read as {@code github-webhook}, in the
 * source {@code ?source=} names ({@code github-webhook} when none). GitHub's {@code ping}, sent when
 * a hook is made, is answered with what the hook sends and whether that includes pushes, which
 * carry the commit clocks {@code hours.commit-time-zone} reads. A redelivery (the same bytes) is kept
 * once.
 */
final class GithubHookApi {

    static final String PATH = "/hooks/github";
    static final String SIGNATURE = "X-Hub-Signature-256";
    static final String EVENT = "X-GitHub-Event";
    static final String DELIVERY = "X-GitHub-Delivery";
    static final String DEFAULT_SOURCE = "github-webhook";
    private static final String FORMAT = "github-webhook";
    /** GitHub caps a delivery at 25 MB; nothing larger comes from it. */
    static final long GITHUB_MAX_BYTES = 25L * 1024 * 1024;
    /**
     * Deliveries being read at once. A body is read whole before its signature can be checked, so
     * anyone can send one: this bounds the memory strangers can hold (4 × 25 MB). GitHub waits 10 s
     * for an answer, and its deliveries are small, so a few at a time keep up.
     */
    private final java.util.concurrent.Semaphore reading = new java.util.concurrent.Semaphore(4);
    /**
     * How long a delivery may take to arrive: a stranger trickling bytes would otherwise hold a
     * reading slot for as long as they like. GitHub gives up on an answer after 10 s.
     */
    static final java.time.Duration READ_WITHIN = java.time.Duration.ofSeconds(10);

    private final Store store;
    private final Spool spool;

    GithubHookApi(Store store, Spool spool) {
        this.store = store;
        this.spool = spool;
    }

    void receive(Context ctx) throws IOException {
        if (spool == null) {
            IngestApi.answer(ctx, HttpStatus.NOT_FOUND, Map.of("error", "this console takes no logs: start it with "
                    + "'unravel serve --spool DIR' to receive GitHub's deliveries"));
            return;
        }
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.strip().equalsIgnoreCase("identity")) {
            IngestApi.answer(ctx, HttpStatus.UNSUPPORTED_MEDIA_TYPE, Map.of("error", "Content-Encoding " + encoding
                    + " is not read here: GitHub sends its deliveries plain"));
            return;
        }
        String signature = ctx.header(SIGNATURE);
        if (signature == null || signature.isBlank()) {
            IngestApi.answer(ctx, HttpStatus.UNAUTHORIZED, Map.of("error", "the delivery is not signed (no "
                    + SIGNATURE + "): give the webhook the secret 'unravel analysts token NAME --scope github-webhook' "
                    + "printed"));
            return;
        }
        long limit = Math.min(spool.maxBytes(), GITHUB_MAX_BYTES);
        byte[] body;
        try {
            if (!reading.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS)) {
                IngestApi.answer(ctx, HttpStatus.SERVICE_UNAVAILABLE, Map.of("error", "too many deliveries at once; "
                        + "redeliver this one from the hook's Recent Deliveries"));
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            IngestApi.answer(ctx, HttpStatus.SERVICE_UNAVAILABLE, Map.of("error", "the console is stopping"));
            return;
        }
        try (InputStream in = new LimitedInput(ctx.req().getInputStream(), limit, READ_WITHIN)) {
            body = in.readAllBytes();
        } catch (LimitedInput.TooLarge e) {
            IngestApi.answer(ctx, HttpStatus.forStatus(413), Map.of("error", "the delivery is larger than "
                    + limit + " bytes" + (limit < GITHUB_MAX_BYTES ? " ('unravel serve --max-batch')" : "")));
            return;
        } catch (LimitedInput.TooSlow e) {
            IngestApi.answer(ctx, HttpStatus.REQUEST_TIMEOUT, Map.of("error", "the delivery was " + e.getMessage()
                    + "; GitHub sends a delivery at once and waits 10 s for the answer"));
            return;
        } finally {
            reading.release();
        }
        Store.TokenGrant hook = signer(signature, body);
        if (hook == null) {
            IngestApi.answer(ctx, HttpStatus.UNAUTHORIZED, Map.of("error", "the signature matches no GitHub webhook "
                    + "secret of this console: the secret was mistyped in GitHub, or revoked ('unravel analysts "
                    + "tokens')"));
            return;
        }
        store.tokenUsed(hook.id());
        String event = ctx.header(EVENT);
        String delivery = ctx.header(DELIVERY);
        String source = ctx.queryParam("source") == null ? DEFAULT_SOURCE : ctx.queryParam("source");
        byte[] payload = payload(ctx.header("Content-Type"), body);
        if (payload == null) {
            IngestApi.answer(ctx, HttpStatus.BAD_REQUEST, Map.of("error", "a form-encoded delivery without a readable "
                    + "'payload' field: set the webhook's content type to application/json"));
            return;
        }
        String how = ", " + (event == null ? "delivery" : clipName(event)) + (delivery == null ? "" : " "
                + clipName(delivery));
        if ("ping".equals(event)) {
            ping(ctx, hook, source, payload, how);
            return;
        }
        Spool.Received got;
        try {
            got = spool.receive(source, new ByteArrayInputStream(payload), false, "delivery.json", FORMAT, hook,
                    ctx.ip());
        } catch (IOException e) {
            IngestApi.unavailable(ctx, e);
            return;
        } catch (Spool.Refused e) {
            IngestApi.refused(ctx, store, hook, source, e, how);
            return;
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("event", event);
        extra.put("delivery", delivery);
        IngestApi.kept(ctx, store, hook, got, how, extra);
    }

    /** GET on the hook's address: what it is for (GitHub only posts). */
    void explain(Context ctx) throws IOException {
        IngestApi.answer(ctx, HttpStatus.METHOD_NOT_ALLOWED, Map.of("error", "GitHub posts its webhook deliveries "
                + "here, signed with the secret 'unravel analysts token NAME --scope github-webhook' printed"));
    }

    /**
     * The hook whose secret signed {@code body}, or null. Each secret not revoked is tried (a console
     * has a few); the comparison takes the same time wherever the signatures differ.
     */
    private Store.TokenGrant signer(String header, byte[] body) {
        String given = header.strip().toLowerCase(Locale.ROOT);
        if (!given.startsWith("sha256=") || given.length() != 7 + 64) {
            return null;
        }
        byte[] claimed = given.substring(7).getBytes(StandardCharsets.US_ASCII);
        Store.TokenGrant found = null;
        for (Store.WebhookSecret s : store.githubWebhookSecrets()) {
            byte[] expected = HexFormat.of().formatHex(hmac(s.secret(), body)).getBytes(StandardCharsets.US_ASCII);
            if (MessageDigest.isEqual(expected, claimed) && found == null) {
                found = s.grant();
            }
        }
        return found;
    }

    static byte[] hmac(String secret, byte[] body) {
        return dev.unravel.core.Sha256.hmac(secret.getBytes(StandardCharsets.UTF_8), body);
    }

    /**
     * The delivery's JSON: the body itself ({@code application/json}), or the {@code payload} field of
     * a form-encoded one ({@code application/x-www-form-urlencoded}, GitHub's other content type);
     * null when a form lacks it or its encoding is broken.
     */
    static byte[] payload(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            return body;
        }
        for (String field : new String(body, StandardCharsets.US_ASCII).split("&")) {
            if (field.startsWith("payload=")) {
                try {
                    return URLDecoder.decode(field.substring(8), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null; // "%zz": not what GitHub sends
                }
            }
        }
        return null;
    }

    /**
     * GitHub's ping, sent when a hook is made or tested: answered with the events the hook sends and,
     * when they leave pushes out, what that costs; nothing is kept.
     */
    private void ping(Context ctx, Store.TokenGrant hook, String source, byte[] payload, String how) throws IOException {
        List<String> events = new ArrayList<>();
        Object hookId = null;
        try {
            JsonNode ping = ReportJson.mapper().readTree(payload);
            ping.path("hook").path("events").forEach(e -> events.add(e.asText()));
            hookId = ping.path("hook_id").isNumber() ? ping.path("hook_id").asLong() : null;
        } catch (IOException e) {
            // a ping is answered whatever it holds: it is GitHub checking that the address and secret work
        }
        boolean pushes = events.isEmpty() || events.contains("push") || events.contains("*");
        store.logAccess(hook.analyst(), ctx.ip(), "github-ping", IngestApi.clip(source + " (" + hook.label() + how
                + (hookId == null ? "" : ", hook " + hookId) + ")"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", true);
        body.put("source", source);
        body.put("token", hook.id());
        body.put("events", events);
        body.put("message", "Unravel keeps this hook's deliveries in the source " + source + (pushes ? "." : "; "
                + "pushes are not among its events, and they carry the commit times Unravel reads: tick 'Pushes' in "
                + "the hook's settings."));
        IngestApi.answer(ctx, HttpStatus.OK, body);
    }

    /** A header's value as it goes into the access log: short and on one line. */
    private static String clipName(String s) {
        String t = s.strip().replaceAll("[\\p{Cntrl}]", "?");
        return t.length() <= 64 ? t : t.substring(0, 63) + "…";
    }
}
