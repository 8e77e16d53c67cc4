package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Requests to a vendor's API with the retries such APIs expect: a rate limit is waited out until
 * the time the API gives ({@code Retry-After}, Okta's {@code X-Rate-Limit-Reset}, GitHub's
 * {@code x-ratelimit-reset}), at most {@code maxWait} at a time; a server error or a dropped
 * connection is tried again after 1, 2, 4, … seconds, {@code attempts} times in all; anything else
 * the API refuses stops the run with the API's own message and what to check.
 */
public final class Http {

    /** Waits; tests pass one that only counts. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** At most this many rate-limit waits in one request: an API that never lets go is an error. */
    private static final int MAX_RATE_LIMIT_WAITS = 50;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] EMPTY = new byte[0];
    private static final java.util.regex.Pattern XML_MESSAGE = java.util.regex.Pattern.compile(
            "<Code>([^<]{1,200})</Code>.*?<Message>([^<]{0,300})</Message>", java.util.regex.Pattern.DOTALL);

    private final HttpClient client;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Duration maxWait;
    private final int attempts;
    private final Consumer<String> notes;

    public Http(HttpClient client, Sleeper sleeper, Clock clock, Duration maxWait, int attempts,
            Consumer<String> notes) {
        this.client = client;
        this.sleeper = sleeper;
        this.clock = clock;
        this.maxWait = maxWait;
        this.attempts = Math.max(1, attempts);
        this.notes = notes;
    }

    /** Real waits and the system clock; 5 attempts; {@code notes} hears of each wait. */
    public static Http standard(Duration maxWait, Consumer<String> notes) {
        return new Http(client(), d -> Thread.sleep(d.toMillis()), Clock.systemUTC(), maxWait, 5, notes);
    }

    /** The client requests go through. Redirects are not followed: the credential would go wherever one points. */
    static HttpClient client() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Clock clock() {
        return clock;
    }

    /**
     * Sends {@code request} for {@code source} (its id names the source in messages, its hint says
     * what a refused credential needs) and returns the successful response.
     */
    public HttpResponse<byte[]> send(HttpRequest request, String source, String permissionHint)
            throws CollectException {
        return send(request, HttpResponse.BodyHandlers.ofByteArray(), source, permissionHint, null);
    }

    /**
     * As {@link #send(HttpRequest, String, String)}, but an answer whose status {@code tolerated}
     * accepts (a listed item gone since it was listed) is returned rather than thrown.
     */
    public HttpResponse<byte[]> send(HttpRequest request, String source, String permissionHint,
            java.util.function.IntPredicate tolerated) throws CollectException {
        return send(request, HttpResponse.BodyHandlers.ofByteArray(), source, permissionHint, tolerated);
    }

    /**
     * As {@link #send(HttpRequest, String, String)}, a successful response's body written to
     * {@code file} rather than held (an S3 object of a hundred megabytes); a refusal's body is kept
     * for its message as ever. Each attempt writes the file anew.
     */
    public void download(HttpRequest request, Path file, String source, String permissionHint)
            throws CollectException {
        send(request, info -> info.statusCode() / 100 == 2
                ? HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofFile(file), written -> EMPTY)
                : HttpResponse.BodySubscribers.ofByteArray(), source, permissionHint, null);
    }

    private HttpResponse<byte[]> send(HttpRequest request, HttpResponse.BodyHandler<byte[]> handler, String source,
            String permissionHint, java.util.function.IntPredicate tolerated) throws CollectException {
        int failures = 0;
        int waits = 0;
        while (true) {
            HttpResponse<byte[]> response;
            try {
                response = client.send(request, handler);
            } catch (IOException e) {
                failures++;
                if (failures >= attempts) {
                    throw new CollectException(source + ": " + where(request) + " could not be reached after "
                            + failures + " attempts: " + describe(e), e);
                }
                pause(backoff(failures), source + ": " + describe(e) + "; trying again", source);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CollectException(source + ": interrupted", e);
            }
            int status = response.statusCode();
            if (status >= 200 && status < 300) {
                return response;
            }
            if (rateLimited(response)) {
                waits++;
                Duration wait = rateLimitWait(response);
                if (wait.compareTo(maxWait) > 0 || waits > MAX_RATE_LIMIT_WAITS) {
                    throw new CollectException(source + ": the API is rate-limiting this token until "
                            + clock.instant().plus(wait).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                            + ", longer than --max-wait (" + maxWait.toSeconds() + " s): nothing was written; "
                            + "run again after that time");
                }
                pause(wait, source + ": rate-limited by the API; waiting " + wait.toSeconds() + " s", source);
                continue;
            }
            if (status >= 500) {
                failures++;
                if (failures >= attempts) {
                    throw new CollectException(source + ": " + where(request) + " answered " + status + " "
                            + apiMessage(response) + " after " + failures + " attempts: the service is failing; "
                            + "nothing was written, run again later");
                }
                pause(backoff(failures), source + ": the API answered " + status + "; trying again", source);
                continue;
            }
            if (tolerated != null && tolerated.test(status)) {
                return response;
            }
            String hint = status == 401 ? ": check the credential (expired, revoked, or for another organisation)"
                    : status == 403 ? ": the credential lacks the permission this log needs — " + permissionHint
                    : status >= 300 && status < 400 ? response.headers().firstValue("location")
                            .map(l -> ": it points to " + l + " — give that address if it is the service's own")
                            .orElse("")
                    : "";
            throw new CollectException(source + ": " + where(request) + " answered " + status + " "
                    + apiMessage(response) + hint);
        }
    }

    private void pause(Duration wait, String note, String source) throws CollectException {
        notes.accept(note);
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CollectException(source + ": interrupted", e);
        }
    }

    private static Duration backoff(int failures) {
        Duration d = Duration.ofSeconds(1L << Math.min(failures - 1, 5));
        return d.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : d;
    }

    /** 429; GitHub's primary limit is a 403 with no requests remaining; 503 with Retry-After. */
    private static boolean rateLimited(HttpResponse<?> response) {
        int status = response.statusCode();
        return status == 429
                || status == 403 && response.headers().firstValue("x-ratelimit-remaining").filter("0"::equals)
                        .isPresent()
                || status == 503 && response.headers().firstValue("retry-after").isPresent();
    }

    /** How long the API asks to wait: Retry-After, else the reset time it gives, else a minute. */
    Duration rateLimitWait(HttpResponse<?> response) {
        Optional<String> retryAfter = response.headers().firstValue("retry-after");
        if (retryAfter.isPresent()) {
            String v = retryAfter.get().strip();
            try {
                return atLeastASecond(Duration.ofSeconds(Long.parseLong(v)));
            } catch (NumberFormatException notSeconds) {
                try {
                    Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return atLeastASecond(Duration.between(clock.instant(), at));
                } catch (RuntimeException notADate) {
                    // fall through to the reset headers
                }
            }
        }
        for (String header : new String[] {"x-rate-limit-reset", "x-ratelimit-reset"}) {
            Optional<String> reset = response.headers().firstValue(header);
            if (reset.isPresent()) {
                try {
                    Instant at = Instant.ofEpochSecond(Long.parseLong(reset.get().strip()));
                    return atLeastASecond(Duration.between(clock.instant(), at).plusSeconds(1));
                } catch (RuntimeException notEpochSeconds) {
                    // try the next
                }
            }
        }
        return Duration.ofMinutes(1);
    }

    private static Duration atLeastASecond(Duration d) {
        return d.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : d;
    }

    private static String where(HttpRequest request) {
        String uri = request.uri().toString();
        return request.method() + " " + (uri.length() > 200 ? uri.substring(0, 200) + "…" : uri);
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }

    /**
     * The API's own words for a refusal: Okta's {@code errorSummary}, GitHub's {@code message},
     * Microsoft Graph's {@code error.message}, OAuth's {@code error_description}, AWS's {@code message}
     * (JSON) or {@code Code: Message} (S3's XML); else the start of
     * the body, in quotes.
     */
    static String apiMessage(HttpResponse<byte[]> response) {
        byte[] body = response.body();
        if (body == null || body.length == 0) {
            return "with no body";
        }
        try {
            JsonNode json = JSON.readTree(body);
            for (String path : new String[] {"/errorSummary", "/message", "/error/message", "/error_description"}) {
                JsonNode n = json.at(path);
                if (n.isTextual() && !n.asText().isBlank()) {
                    return "\"" + clip(n.asText()) + "\"";
                }
            }
        } catch (IOException | RuntimeException notJson) {
            // AWS's XML (S3): <Error><Code>AccessDenied</Code><Message>Access Denied</Message>…
            java.util.regex.Matcher xml = XML_MESSAGE.matcher(new String(body, StandardCharsets.UTF_8));
            if (xml.find()) {
                return "\"" + clip(xml.group(1) + ": " + xml.group(2)) + "\"";
            }
        }
        return "\"" + clip(new String(body, StandardCharsets.UTF_8).strip()) + "\"";
    }

    private static String clip(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 300 ? one.substring(0, 300) + "…" : one;
    }
}
