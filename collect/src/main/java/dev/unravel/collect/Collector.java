package dev.unravel.collect;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * Collects one source: every page from where the last run stopped (less the overlap) up to now,
 * each record written as one JSON line exactly as the API gave it, into
 * {@code OUT/<source>/<day of the first record>/<source>-<run time>.ndjson} — a file the scan's
 * readers take as they take an export. The file appears in one step when the run is complete, and
 * only then does the state move on: a run that fails writes nothing and the next one asks again.
 * The state lives in {@code OUT/.unravel-collect/} unless given (a hidden folder: scans pass over it).
 */
public final class Collector {

    /**
     * @param firstSince where a source never collected starts
     * @param overlap how far before the last run's newest record the next run asks from
     * @param stateFile the state's file, or null for {@code OUT/.unravel-collect/<state name>.json}
     */
    public record Options(Instant firstSince, Duration overlap, Path stateFile) {
    }

    /**
     * What a run did.
     *
     * @param records records written
     * @param pages pages read
     * @param duplicates records the last run already had (the overlap), skipped
     * @param older records before the time asked from (an API that filters by day), skipped
     * @param withoutTime records written that give no time (kept; they cannot move the state)
     * @param file the file written, or null when there was nothing new
     * @param since the time asked from
     * @param first the oldest record's time written, or null
     * @param last the newest record's time written, or null
     * @param stateFile where the state was kept
     * @param nextSince the time the next run will ask from
     */
    public record Result(long records, long pages, long duplicates, long older, long withoutTime, Path file,
            Instant since, Instant first, Instant last, Path stateFile, Instant nextSince) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    /** More pages than this in one run is an API going round in circles, not a log. */
    private static final int MAX_PAGES = 1_000_000;

    private final Http http;
    private final Consumer<String> notes;

    public Collector(Http http, Consumer<String> notes) {
        this.http = http;
        this.notes = notes;
    }

    public Result run(LogApi api, Path out, Options options) throws IOException {
        Path stateFile = options.stateFile() != null ? options.stateFile()
                : out.resolve(".unravel-collect").resolve(api.stateName() + ".json");
        CollectState state = CollectState.load(stateFile);
        CollectState before = state.copy();
        Duration overlap = options.overlap().compareTo(api.minimumOverlap()) < 0 ? api.minimumOverlap()
                : options.overlap();
        Instant run = http.clock().instant().truncatedTo(ChronoUnit.SECONDS);
        Instant since = state.last != null ? state.last.minus(overlap) : options.firstSince();
        api.taken(java.util.Collections.unmodifiableSet(state.recent.keySet()));
        api.authenticate(http);

        Path folder = out.resolve(api.id());
        Files.createDirectories(folder);
        Path partial = folder.resolve(".partial-" + STAMP.format(run) + ".ndjson");
        long records = 0;
        long pages = 0;
        long duplicates = 0;
        long older = 0;
        long withoutTime = 0;
        Instant first = null;
        Instant last = null;
        boolean done = false;
        try (BufferedWriter w = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            HttpRequest request = api.first(since, run);
            while (request != null) {
                HttpRequest asked = request;
                HttpResponse<byte[]> response = http.send(request, api.id(), api.permissionHint(),
                        status -> api.gone(asked, status));
                pages++;
                boolean gone = response.statusCode() / 100 != 2;
                JsonNode page = null;
                if (gone) {
                    notes.accept(api.id() + ": " + request.uri() + " answered " + response.statusCode() + ": gone "
                            + "since it was listed, passed over");
                } else {
                    try {
                        page = JSON.readTree(response.body());
                    } catch (JsonProcessingException e) {
                        throw new CollectException(api.id() + ": page " + pages + " (" + request.uri()
                                + ") is not JSON: " + e.getOriginalMessage(), e);
                    }
                    if (page == null) {
                        throw new CollectException(api.id() + ": page " + pages + " (" + request.uri()
                                + ") is empty");
                    }
                }
                List<JsonNode> got;
                URI next;
                try {
                    got = gone ? List.of() : api.records(page);
                    next = api.nextPage(response, page);
                } catch (IllegalArgumentException e) { // an address in the page or its headers that is none
                    throw new CollectException(api.id() + ": page " + pages + " (" + request.uri() + ") cannot be "
                            + "followed: " + e.getMessage(), e);
                }
                for (JsonNode record : got) {
                    Instant t = api.time(record);
                    Instant cursor = api.cursorTime(record);
                    String id = api.recordId(record);
                    if (cursor != null && cursor.isBefore(since)) {
                        older++;
                        continue;
                    }
                    if (state.seen(id)) {
                        duplicates++;
                        continue;
                    }
                    w.write(JSON.writeValueAsString(record));
                    w.write('\n');
                    records++;
                    if (t == null) {
                        withoutTime++;
                    } else {
                        first = first == null || t.isBefore(first) ? t : first;
                        last = last == null || t.isAfter(last) ? t : last;
                    }
                    state.taken(id, cursor);
                }
                if (pages % 20 == 0) {
                    notes.accept(api.id() + ": " + pages + " pages, " + records + " records so far");
                }
                if (next != null && next.equals(request.uri())) {
                    throw new CollectException(api.id() + ": the API gave page " + pages + "'s own address as the "
                            + "next page: stopping rather than reading it again");
                }
                if (next != null && pages >= MAX_PAGES) {
                    throw new CollectException(api.id() + ": " + MAX_PAGES + " pages in one run: stopping; give a "
                            + "later --since, or collect more often");
                }
                request = next == null ? null : api.next(next);
            }
            done = true;
        } finally {
            if (!done || records == 0) {
                Files.deleteIfExists(partial);
            }
        }
        Path file = null;
        if (records > 0) {
            Instant day = first != null ? first : run;
            Path dayFolder = folder.resolve(day.atOffset(ZoneOffset.UTC).toLocalDate().toString());
            Files.createDirectories(dayFolder);
            file = dayFolder.resolve(api.id() + "-" + STAMP.format(run) + ".ndjson");
        }
        state.prune(overlap);
        if (file != null) {
            // the state that expects the file, then the file: a stop between them is undone on the next load
            state.save(stateFile, api.id(), api.describe(), run, file, before);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
        }
        state.save(stateFile, api.id(), api.describe(), run);
        return new Result(records, pages, duplicates, older, withoutTime, file, since, first, last, stateFile,
                state.last != null ? state.last.minus(overlap) : options.firstSince());
    }
}
