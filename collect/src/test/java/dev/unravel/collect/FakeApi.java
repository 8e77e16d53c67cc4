package dev.unravel.collect;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A vendor API on 127.0.0.1 for tests: answers are queued and given in order to whatever path is
 * asked, and every request is kept (method, address, headers, body) for the test to look at.
 */
final class FakeApi implements AutoCloseable {

    /** One answer. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** One request as the server saw it. */
    record Seen(String method, URI uri, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if (h.getKey().equalsIgnoreCase(name)) {
                    return h.getValue().get(0);
                }
            }
            return null;
        }

        /** A query parameter, decoded. */
        String query(String name) {
            String q = uri.getRawQuery();
            if (q == null) {
                return null;
            }
            for (String pair : q.split("&")) {
                int eq = pair.indexOf('=');
                String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                if (key.equals(name)) {
                    return eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    final List<Seen> seen = new CopyOnWriteArrayList<>();

    FakeApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    FakeApi then(int status, String body, String... headers) {
        Map<String, String> h = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        synchronized (answers) {
            answers.add(new Answer(status, h, body));
        }
        return this;
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        URI uri = URI.create(base() + exchange.getRequestURI().toString());
        seen.add(new Seen(exchange.getRequestMethod(), uri, Map.copyOf(exchange.getRequestHeaders()), body));
        Answer a;
        synchronized (answers) {
            a = answers.poll();
        }
        if (a == null) {
            a = new Answer(500, Map.of(), "{\"message\":\"the test queued no answer for " + uri + "\"}");
        }
        a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v.replace("{base}", base().toString())));
        byte[] bytes = a.body().replace("{base}", base().toString()).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** Waits that were asked for, not slept. */
    static final class Waits implements Http.Sleeper {
        final List<Duration> asked = new ArrayList<>();

        @Override
        public void sleep(Duration duration) {
            asked.add(duration);
        }
    }

    /** A clock {@code step} later each time it is read: a run long enough for a token to run out. */
    static final class StepClock extends Clock {
        private final Duration step;
        private Instant now;

        StepClock(Instant start, Duration step) {
            this.now = start;
            this.step = step;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            now = now.plus(step);
            return now;
        }
    }

    /** An {@link Http} at a fixed time that records its waits instead of sleeping. */
    static Http http(Instant now, Waits waits, Duration maxWait, List<String> notes) {
        return new Http(Http.client(), waits, Clock.fixed(now, ZoneOffset.UTC), maxWait, 5,
                notes::add);
    }
}
