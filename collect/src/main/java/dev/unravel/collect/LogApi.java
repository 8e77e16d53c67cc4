package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

/**
 * One vendor API's log, read page by page: how to ask for the records from a time on, where a
 * page's records and the next page are, and each record's time and id (by which a run that goes
 * back over the last minutes of the previous one skips what it already has).
 */
public interface LogApi {

    /** The folder the records go to, and what messages call the source ({@code okta}). */
    String id();

    /** What the log is, for messages: "Okta System Log of https://acme.okta.com". */
    String describe();

    /** What the credential needs, said when the API refuses it for want of a permission. */
    String permissionHint();

    /** The state file's name: one per organisation, so two collected into one folder keep apart. */
    String stateName();

    /**
     * The least overlap this log needs between runs, whatever was asked: how late its records can
     * still arrive. None by default.
     */
    default java.time.Duration minimumOverlap() {
        return java.time.Duration.ZERO;
    }

    /**
     * The ids of the records earlier runs took (a live view), told before the first page, for an API
     * that asks for each listed item again (Teams call records, Zoom's meetings) and need not for
     * those. Ignored by default: the collector skips records it has anyway.
     */
    default void taken(java.util.Set<String> ids) {
    }

    /**
     * Whether an answer of {@code status} to {@code request} means that what it asked for is gone — an
     * item the API listed, deleted or expired since — to be passed over with a note rather than fail
     * the run (which would stop at the same item every run after). None by default.
     */
    default boolean gone(HttpRequest request, int status) {
        return false;
    }

    /** Obtains what requests need before the first page (an OAuth token); nothing by default. */
    default void authenticate(Http http) throws CollectException {
    }

    /** The first page's request: records from {@code since} on, and not after {@code until} where the API takes it. */
    HttpRequest first(Instant since, Instant until) throws CollectException;

    /** The request for a page the API pointed to. */
    HttpRequest next(URI uri) throws CollectException;

    /** The page's records; a page of another shape is an error naming what it is. */
    List<JsonNode> records(JsonNode page) throws CollectException;

    /** The next page, or null when this was the last; {@code page} is null after an answer that was {@link #gone}. */
    URI nextPage(HttpResponse<?> response, JsonNode page);

    /** When the record happened, or null when it says not. */
    Instant time(JsonNode record);

    /**
     * The time by which the API is asked again: the record's own time for a log filtered by it, the
     * time its container was published for one filtered by that (Microsoft 365's content blobs).
     */
    default Instant cursorTime(JsonNode record) {
        return time(record);
    }

    /** The record's unique id, or null when it has none. */
    String recordId(JsonNode record);
}
