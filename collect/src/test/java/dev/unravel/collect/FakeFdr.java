package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * CrowdStrike's side of the Falcon Data Replicator on 127.0.0.1, for tests: an SQS queue (AWS's
 * JSON protocol: ReceiveMessage with visibility, DeleteMessage by receipt handle) and an S3 bucket
 * (path-style GET). Every request's SigV4 signature is checked as AWS would, from the headers and
 * body as they arrived; one that does not verify is refused with 403 SignatureDoesNotMatch.
 */
public final class FakeFdr implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter AMZ = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    /** A message on the queue; invisible while a receiver holds it. */
    private static final class Message {
        final String id;
        final String body;
        String receipt;
        boolean inFlight;

        Message(String id, String body) {
            this.id = id;
            this.body = body;
        }
    }

    private final HttpServer server;
    private final AwsSigV4 signer;
    private final List<Message> queue = new ArrayList<>();
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    private final Map<String, String[]> failures = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** Requests refused for a signature that did not verify. */
    public final List<String> badSignatures = new CopyOnWriteArrayList<>();
    /** Every S3 key fetched, in order. */
    public final List<String> fetched = new CopyOnWriteArrayList<>();

    public FakeFdr(String keyId, String secret, String region) throws IOException {
        signer = new AwsSigV4(keyId, secret, region);
        // without it the JDK's server waits ~40 ms on every answer (Nagle against delayed ACKs); read once per JVM
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    /** The queue's address, as CrowdStrike gives one (but here). */
    public URI queueUrl() {
        return URI.create(s3Base() + "/292230061137/cs-prod-cannon-0123456789abcdef");
    }

    /** S3, path-style. */
    public URI s3Base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** An object in a bucket. */
    public FakeFdr put(String bucket, String key, byte[] bytes) {
        objects.put(bucket + "/" + key, bytes);
        return this;
    }

    /** The next GET of {@code key} answered with {@code status} and {@code body} instead. */
    public FakeFdr failNext(String bucket, String key, int status, String body) {
        failures.put(bucket + "/" + key, new String[] {String.valueOf(status), body});
        return this;
    }

    /** A notice of a batch of objects already put, with their sizes and MD5s, as FDR writes one. */
    public String announce(String bucket, String pathPrefix, List<String> keys) {
        ObjectNode n = JSON.createObjectNode();
        n.put("cid", "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d");
        n.put("timestamp", Instant.parse("2026-03-02T06:00:00Z").toEpochMilli());
        n.put("fileCount", keys.size());
        long total = 0;
        ArrayNode files = JSON.createArrayNode();
        for (String key : keys) {
            byte[] bytes = objects.get(bucket + "/" + key);
            ObjectNode f = files.addObject();
            f.put("path", key);
            f.put("size", bytes.length);
            f.put("checksum", md5(bytes));
            total += bytes.length;
        }
        n.put("totalSize", total);
        n.put("bucket", bucket);
        n.put("pathPrefix", pathPrefix);
        n.set("files", files);
        return send(n.toString());
    }

    /** Any message body; its id. */
    public String send(String body) {
        String id = "msg-" + ids.incrementAndGet();
        synchronized (queue) {
            queue.add(new Message(id, body));
        }
        return id;
    }

    /** Messages on the queue, held by a receiver or not. */
    public int waiting() {
        synchronized (queue) {
            return queue.size();
        }
    }

    /** Every message held by a receiver visible again, as after its visibility timeout. */
    public void timeOut() {
        synchronized (queue) {
            queue.forEach(m -> m.inFlight = false);
        }
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        String method = exchange.getRequestMethod();
        boolean sqs = method.equals("POST");
        if (!verified(exchange, body, sqs ? "sqs" : "s3")) {
            badSignatures.add(method + " " + exchange.getRequestURI());
            reply(exchange, 403, sqs ? "{\"__type\":\"com.amazon.coral.service#SignatureDoesNotMatch\",\"message\":"
                    + "\"The request signature we calculated does not match the signature you provided.\"}"
                    : "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does "
                            + "not match the signature you provided.</Message></Error>");
            return;
        }
        if (sqs) {
            sqs(exchange, JSON.readTree(body));
            return;
        }
        String object = exchange.getRequestURI().getRawPath().substring(1);
        String[] fail = failures.remove(object);
        if (fail != null) {
            reply(exchange, Integer.parseInt(fail[0]), fail[1]);
            return;
        }
        byte[] bytes = objects.get(object);
        if (bytes == null) {
            reply(exchange, 404, "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
                    + "</Error>");
            return;
        }
        fetched.add(object.substring(object.indexOf('/') + 1));
        exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void sqs(HttpExchange exchange, JsonNode request) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!queueUrl().toString().equals(request.path("QueueUrl").asText())) {
            reply(exchange, 400, "{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"The specified "
                    + "queue does not exist.\"}");
            return;
        }
        ObjectNode answer = JSON.createObjectNode();
        synchronized (queue) {
            if ("AmazonSQS.ReceiveMessage".equals(target)) {
                int max = request.path("MaxNumberOfMessages").asInt(1);
                ArrayNode messages = JSON.createArrayNode();
                for (Message m : queue) {
                    if (!m.inFlight && messages.size() < max) {
                        m.inFlight = true;
                        m.receipt = "receipt-" + m.id + "-" + ids.incrementAndGet();
                        ObjectNode o = messages.addObject();
                        o.put("MessageId", m.id);
                        o.put("ReceiptHandle", m.receipt);
                        o.put("MD5OfBody", md5(m.body.getBytes(StandardCharsets.UTF_8)));
                        o.put("Body", m.body);
                    }
                }
                if (!messages.isEmpty()) {
                    answer.set("Messages", messages);
                }
            } else if ("AmazonSQS.DeleteMessage".equals(target)) {
                String receipt = request.path("ReceiptHandle").asText();
                if (!queue.removeIf(m -> receipt.equals(m.receipt))) {
                    reply(exchange, 400, "{\"__type\":\"com.amazonaws.sqs#ReceiptHandleIsInvalid\",\"message\":"
                            + "\"The input receipt handle is invalid.\"}");
                    return;
                }
            } else {
                reply(exchange, 400, "{\"__type\":\"com.amazonaws.sqs#InvalidAction\",\"message\":\"" + target + "\"}");
                return;
            }
        }
        reply(exchange, 200, answer.toString());
    }

    /** The signature recomputed from the request as it arrived. */
    private boolean verified(HttpExchange exchange, byte[] body, String service) {
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization == null || !authorization.contains("SignedHeaders=")) {
            return false;
        }
        String signed = authorization.replaceAll(".*SignedHeaders=([^,]+),.*", "$1");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : signed.split(";")) {
            String value = exchange.getRequestHeaders().getFirst(name);
            if (value == null) {
                return false;
            }
            headers.put(name, value);
        }
        String date = headers.get("x-amz-date");
        if (date == null) {
            return false;
        }
        Instant at = AMZ.parse(date, Instant::from);
        URI uri = URI.create(s3Base() + exchange.getRequestURI().toString());
        String expected = signer.authorization(exchange.getRequestMethod(), uri, headers,
                AwsSigV4.sha256(body), service, at);
        return expected.equals(authorization);
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", body.startsWith("<") ? "application/xml"
                : "application/x-amz-json-1.0");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
