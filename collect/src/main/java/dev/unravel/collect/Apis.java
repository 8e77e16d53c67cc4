package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/** What the API classes share: base addresses, file-safe names, and a page's shape for messages. */
final class Apis {
    private Apis() {
    }

    /** {@code uri} without a trailing slash; it must be http or https with a host. */
    static URI base(URI uri) {
        if (uri == null || uri.getHost() == null
                || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw new IllegalArgumentException("'" + uri + "' is not an http(s) address with a host, such as "
                    + "https://acme.okta.com");
        }
        String s = uri.toString();
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return URI.create(s);
    }

    /** Letters, digits, '.', '-' and '_' of {@code s}; anything else a '_'. */
    static String fileSafe(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]", "_");
    }

    /** The elements of a page that is a JSON array; {@code otherwise} names what was expected when it is not. */
    static List<JsonNode> elements(JsonNode page, String otherwise) throws CollectException {
        if (!page.isArray()) {
            throw new CollectException(otherwise.replace("{shape}", shape(page)));
        }
        List<JsonNode> records = new ArrayList<>(page.size());
        page.forEach(records::add);
        return records;
    }

    /** A record's text field as an ISO-8601 instant, or null when absent or not one. */
    static Instant isoTime(JsonNode record, String field) {
        try {
            return record.path(field).isTextual() ? Instant.parse(record.get(field).asText()) : null;
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** A record's text field, or null. */
    static String text(JsonNode record, String field) {
        return record.path(field).isTextual() ? record.get(field).asText() : null;
    }

    /** A GET of {@code uri} for JSON with a fixed {@code authorization} (an API token's), two minutes at most. */
    static java.net.http.HttpRequest get(URI uri, String authorization) {
        return java.net.http.HttpRequest.newBuilder(uri).timeout(java.time.Duration.ofMinutes(2))
                .header("Accept", "application/json").header("Authorization", authorization).GET().build();
    }

    /** "an object with keys a, b, c", "a string", … */
    static String shape(JsonNode page) {
        if (page.isObject()) {
            StringBuilder keys = new StringBuilder();
            page.fieldNames().forEachRemaining(k -> {
                if (keys.length() < 80) {
                    keys.append(keys.length() == 0 ? "" : ", ").append(k);
                }
            });
            return keys.length() == 0 ? "an empty object" : "an object with keys " + keys;
        }
        return page.isArray() ? "an array" : "a " + page.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }
}
