package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the last run of one source stopped: the newest record's time, and the ids of the records
 * of the last {@code overlap} before it. The next run asks from that time less the overlap — logs
 * take minutes to settle, so a record can arrive after newer ones were read — and skips the ids it
 * already has. Kept as a small JSON file, replaced in one step.
 *
 * <p>A run's file and its state cannot appear in one step together, so the state is saved first
 * with the file it expects and the state before the run ({@code file}, {@code before}); the file is
 * then moved into place, and the state saved again without them. A state read with a {@code file}
 * that is not there is the state before: the run stopped between the two, and its records are
 * asked for again — never lost, never written twice.
 */
final class CollectState {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    Instant last;
    final Map<String, Instant> recent = new HashMap<>();

    /** The state in {@code file}, or an empty one when there is none yet. */
    static CollectState load(Path file) throws CollectException {
        CollectState state = new CollectState();
        if (!Files.exists(file)) {
            return state;
        }
        try {
            JsonNode root = JSON.readTree(file.toFile());
            if (root == null || !root.isObject()) {
                throw new CollectException(file + ": is not a collection state (a JSON object); delete it to "
                        + "collect again from --since");
            }
            if (root.path("file").isTextual() && !Files.exists(Path.of(root.get("file").asText()))) {
                root = root.path("before"); // the run's file never appeared: as it was before that run
            }
            if (root.path("last").isTextual()) {
                state.last = Instant.parse(root.get("last").asText());
            }
            for (Map.Entry<String, JsonNode> id : root.path("recent").properties()) {
                state.recent.put(id.getKey(), Instant.parse(id.getValue().asText()));
            }
            return state;
        } catch (IOException | DateTimeParseException e) {
            throw new CollectException(file + ": cannot be read as a collection state (" + e.getMessage()
                    + "); delete it to collect again from --since", e);
        }
    }

    private void put(ObjectNode node) {
        if (last != null) {
            node.put("last", last.toString());
        }
        ObjectNode ids = node.putObject("recent");
        recent.entrySet().stream().sorted(Map.Entry.comparingByValue())
                .forEach(e -> ids.put(e.getKey(), e.getValue().toString()));
    }

    boolean seen(String id) {
        return id != null && recent.containsKey(id);
    }

    /** A record taken: it becomes the newest when it is. */
    void taken(String id, Instant time) {
        if (time != null && (last == null || time.isAfter(last))) {
            last = time;
        }
        if (id != null && time != null) {
            recent.put(id, time);
        }
    }

    /** Forgets the ids older than {@code overlap} before the newest record: the next run does not ask for them. */
    void prune(Duration overlap) {
        if (last != null) {
            Instant from = last.minus(overlap);
            recent.values().removeIf(t -> t.isBefore(from));
        }
    }

    /** A copy, as it is now. */
    CollectState copy() {
        CollectState c = new CollectState();
        c.last = last;
        c.recent.putAll(recent);
        return c;
    }

    void save(Path file, String source, String describe, Instant run) throws IOException {
        save(file, source, describe, run, null, null);
    }

    /**
     * Saves the state; with {@code expected} (the run's file, not yet in place) and {@code before}
     * (the state before the run), one that a later load takes back to {@code before} unless the
     * file appeared.
     */
    void save(Path file, String source, String describe, Instant run, Path expected, CollectState before)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", source);
        root.put("log", describe);
        root.put("last_run", run.toString());
        put(root);
        if (expected != null) {
            root.put("file", expected.toAbsolutePath().toString());
            before.put(root.putObject("before"));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        JSON.writeValue(temp.toFile(), root);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
