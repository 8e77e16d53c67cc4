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
import java.util.List;

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
        Found wanted = parse(ref);
        String file = wanted.file();
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
        List<Event> events = new ArrayList<>();
        String wantedName = same(file);
        Ingest ingest = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, e -> {
            if (e.origin() != null && e.origin().record() == wanted.record()
                    && (e.origin().file().equals(file) || same(e.origin().file()).equals(wantedName))) {
                events.add(e);
            }
        }, 3).extraReaders(extraReaders);
        List<FileSummary> summaries = ingest.run(List.of(container));
        FileSummary summary = null;
        for (FileSummary s : summaries) {
            if (s.file().equals(file) || same(s.file()).equals(wantedName)) {
                summary = s;
            }
        }
        Instant modified = Files.getLastModifiedTime(container).toInstant();
        if (summary == null) {
            throw new NotFound(outer.equals(file) ? file + " could not be read again"
                    : file + " is not in " + outer + " now (the archive changed since the scan)");
        }
        if (events.isEmpty()) {
            if (summary.failure() != null) {
                throw new NotFound(file + " cannot be read now: " + summary.failure());
            }
            if (summary.records() < wanted.record()) {
                throw new NotFound(file + " has " + summary.records() + " records now, not " + wanted.record()
                        + ": it changed since the scan read it (last changed " + modified + ")");
            }
            String why = summary.errors().stream().filter(er -> er.record() == wanted.record()).findFirst()
                    .map(er -> ": " + er.field() + " " + er.reason()).orElse("");
            throw new NotFound("record " + wanted.record() + " of " + file + " is rejected when read now (as "
                    + summary.format() + ")" + why);
        }
        return new Found(file, wanted.record(), summary.format(), modified, List.copyOf(events));
    }

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
