package dev.unravel.ingest;

import dev.unravel.core.Event;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Reader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The record an evidence reference ({@code FILE#N}, as signals cite events) points at, read again
 * from its file the way a scan reads it: the format recognised from the content, archives opened
 * in place ({@code logs.zip!/okta/day1.ndjson#8}), the record's number counted by the same reader.
 * So an analyst sees the vendor's own record behind a finding, not a copy the store might have
 * got wrong. The file is read as it is now: the answer says when it last changed, since an export
 * replaced after the scan may hold another record under that number.
 */
public final class RecordLookup {

    private RecordLookup() {
    }

    /**
     * What a reference points at.
     *
     * @param file     the file part of the reference, as the scan named it
     * @param record   the record's number in it (from 1)
     * @param format   the format the file reads as ({@code okta-system-log})
     * @param modified when the file (or the archive holding it) last changed
     * @param events   the events read from that record (most records give one)
     */
    public record Found(String file, long record, String format, Instant modified, List<Event> events) {

        /** The file on disk the record was read from: the archive holding it, or {@link #file} itself. */
        public String container() {
            int inside = file.indexOf("!/");
            return inside < 0 ? file : file.substring(0, inside);
        }
    }

    /** Why a reference cannot be shown, in words for the analyst. */
    public static final class NotFound extends Exception {
        public NotFound(String message) {
            super(message);
        }
    }

    /** The file and record number of a reference; throws when it is not {@code FILE#N}. */
    public static Found parse(String ref) throws NotFound {
        int hash = ref == null ? -1 : ref.lastIndexOf('#');
        if (hash <= 0 || hash == ref.length() - 1) {
            throw new NotFound("'" + Limits.quote(ref) + "' is not a record reference (FILE#RECORD)");
        }
        long record;
        try {
            record = Long.parseLong(ref.substring(hash + 1));
        } catch (NumberFormatException e) {
            throw new NotFound("'" + Limits.quote(ref) + "' is not a record reference: the record number after '#' "
                    + "is not a number");
        }
        if (record < 1) {
            throw new NotFound("'" + Limits.quote(ref) + "': records are numbered from 1");
        }
        return new Found(ref.substring(0, hash), record, null, null, List.of());
    }

    /**
     * Reads the record {@code ref} names, with {@code extraReaders} tried first as a scan with column
     * mappings does ({@code Mappings.readers()}).
     *
     * @throws NotFound saying why it cannot be shown: not a reference, the file gone, the record not
     *                  there (the file changed) or rejected when read now
     */
    public static Found find(String ref, List<Reader> extraReaders) throws NotFound, IOException {
        Object got = findAll(List.of(ref), extraReaders).get(ref);
        if (got instanceof NotFound e) {
            throw e;
        }
        return (Found) got;
    }

    /**
     * Reads every record of {@code refs}, each file (or archive) once: for each reference, in the
     * order given, its {@link Found} or the {@link NotFound} that says why it cannot be shown.
     */
    public static Map<String, Object> findAll(List<String> refs, List<Reader> extraReaders) throws IOException {
        return findAll(refs, extraReaders, Long.MAX_VALUE);
    }

    /**
     * As {@link #findAll(List, List)}, reading no file (or archive) larger than {@code maxBytes}: a
     * request of the console is no place to read a gigabyte; {@code unravel ingest show} reads any.
     */
    public static Map<String, Object> findAll(List<String> refs, List<Reader> extraReaders, long maxBytes)
            throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        // by container: the references read from it, by (name as spelt the same way, record)
        Map<Path, Map<String, Found>> byContainer = new LinkedHashMap<>();
        for (String ref : refs) {
            if (out.containsKey(ref)) {
                continue;
            }
            try {
                Found wanted = parse(ref);
                Path container = container(wanted.file());
                if (Files.size(container) > maxBytes) {
                    throw new NotFound(container + " is " + Files.size(container) / (1024 * 1024) + " MiB, more than "
                            + maxBytes / (1024 * 1024) + " MiB read here: 'unravel ingest show " + ref + "' reads it");
                }
                byContainer.computeIfAbsent(container, c -> new LinkedHashMap<>()).put(ref, wanted);
                out.put(ref, null); // in order; filled below
            } catch (NotFound e) {
                out.put(ref, e);
            }
        }
        for (Map.Entry<Path, Map<String, Found>> group : byContainer.entrySet()) {
            Path container = group.getKey();
            Map<String, List<Event>> events = new HashMap<>();
            Map<String, String> keyOf = new HashMap<>();
            for (Map.Entry<String, Found> w : group.getValue().entrySet()) {
                String key = same(w.getValue().file()) + "#" + w.getValue().record();
                keyOf.put(w.getKey(), key);
                events.put(key, new ArrayList<>());
            }
            // a file's events share its name: spell it the same way once per file, not once per event
            String[] last = {null, null};
            Ingest ingest = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, e -> {
                if (e.origin() != null) {
                    String name = e.origin().file();
                    if (!name.equals(last[0])) {
                        last[0] = name;
                        last[1] = same(name);
                    }
                    List<Event> list = events.get(last[1] + "#" + e.origin().record());
                    if (list != null) {
                        list.add(e);
                    }
                }
            }, 1_000).extraReaders(extraReaders);
            List<FileSummary> summaries = ingest.run(List.of(container));
            Map<String, FileSummary> byName = new HashMap<>();
            for (FileSummary s : summaries) {
                byName.put(same(s.file()), s);
            }
            Instant modified = Files.getLastModifiedTime(container).toInstant();
            for (Map.Entry<String, Found> w : group.getValue().entrySet()) {
                Found wanted = w.getValue();
                List<Event> found = events.get(keyOf.get(w.getKey()));
                FileSummary summary = byName.get(same(wanted.file()));
                out.put(w.getKey(), summary == null || found.isEmpty()
                        ? notFound(wanted, container, summary, modified)
                        : new Found(wanted.file(), wanted.record(), summary.format(), modified, List.copyOf(found)));
            }
        }
        return out;
    }

    /**
     * The file on disk a reference is read from — the archive holding its record, or the file itself
     * — as the reference spells it; null when {@code ref} is not {@code FILE#N}.
     */
    public static String containerOf(String ref) {
        int hash = ref == null ? -1 : ref.lastIndexOf('#');
        return hash <= 0 ? null : new Found(ref.substring(0, hash), 1, null, null, List.of()).container();
    }

    /** The SHA-256 of a file's bytes, in hex: what tells a file unchanged since a scan cited it. */
    public static String sha256(Path file) throws IOException {
        java.security.MessageDigest sha;
        try {
            sha = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] buffer = new byte[1 << 16];
        try (java.io.InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) > 0;) {
                sha.update(buffer, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(sha.digest());
    }

    /** The file system path a reference's file part is read from: the archive holding it, or itself. */
    private static Path container(String file) throws NotFound {
        java.util.regex.Matcher kafka = KAFKA.matcher(file);
        if (kafka.matches() && !Files.exists(Path.of(file))) {
            throw new NotFound("the record came in a Kafka message (topic " + kafka.group(1) + ", partition "
                    + kafka.group(2) + ", offset " + kafka.group(3) + "), which Unravel does not keep: read it from the "
                    + "topic while its retention holds it (kafka-console-consumer.sh --topic " + kafka.group(1)
                    + " --partition " + kafka.group(2) + " --offset " + kafka.group(3) + " --max-messages 1)");
        }
        int inside = file.indexOf("!/");
        String outer = inside < 0 ? file : file.substring(0, inside);
        Path container;
        try {
            container = Path.of(outer);
        } catch (InvalidPathException e) {
            throw new NotFound(Limits.quote(file) + " is not a file (the record came from a stream, not a file "
                    + "that can be opened again)");
        }
        if (!Files.isRegularFile(container)) {
            throw new NotFound(Files.exists(container) ? outer + " is not a file"
                    : outer + " is no longer there (moved, or deleted by the spool's retention)"
                    + (container.isAbsolute() ? "" : "; it is looked for from " + Path.of("").toAbsolutePath()));
        }
        return container;
    }

    /** Why a record read from its file was not found there, in words. */
    private static NotFound notFound(Found wanted, Path container, FileSummary summary, Instant modified) {
        String file = wanted.file();
        if (summary == null) {
            return new NotFound(container.toString().equals(file) ? file + " could not be read again"
                    : file + " is not in " + container + " now (the archive changed since the scan)");
        }
        if (summary.failure() != null) {
            return new NotFound(file + " cannot be read now: " + summary.failure());
        }
        if (summary.records() < wanted.record()) {
            return new NotFound(file + " has " + summary.records() + " records now, not " + wanted.record()
                    + ": it changed since the scan read it (last changed " + modified + ")");
        }
        String why = summary.errors().stream().filter(er -> er.record() == wanted.record()).findFirst()
                .map(er -> ": " + er.field() + " " + er.reason()).orElse("");
        return new NotFound("record " + wanted.record() + " of " + file + " is rejected when read now (as "
                + summary.format() + ")" + why);
    }

    /** How the Flink job names a Kafka message: {@code kafka:TOPIC/PARTITION@OFFSET}. */
    private static final java.util.regex.Pattern KAFKA = java.util.regex.Pattern.compile(
            "kafka:([A-Za-z0-9._-]{1,249})/(\\d{1,10})@(\\d{1,19})");

    /** A file name as a scan may have spelt it: the container's path made absolute and normal. */
    private static String same(String name) {
        int inside = name.indexOf("!/");
        String outer = inside < 0 ? name : name.substring(0, inside);
        try {
            return Path.of(outer).toAbsolutePath().normalize() + (inside < 0 ? "" : name.substring(inside));
        } catch (InvalidPathException e) {
            return name;
        }
    }
}
