package dev.unravel.server;

import dev.unravel.core.Event;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.store.Store;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;

/**
 * Where logs sent over the ingest API are kept, as files that {@code unravel scan} reads like any
 * other: {@code SPOOL/<source>/<day of the batch's first event>/<received>-<digest>.<ext>}, the
 * body exactly as sent (decompressed), so that evidence points at what the vendor produced.
 *
 * <p>A batch is read through the same readers as a scan before it is kept: the sender learns at
 * once which records were rejected and why (the scan quarantines them again, with the same
 * reasons), and a body no reader recognises, or whose every record is rejected, is refused and
 * not kept. A batch is written under the hidden {@code .incoming} folder (scans pass over hidden
 * files) and moved into place in one step, so a scan never reads half a batch. The same bytes
 * sent again for the same source (a shipper's retry) are kept once.
 */
public final class Spool {

    /** A source name is a folder name: short, lower case, nothing a path could be made of. */
    private static final Pattern SOURCE = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    /** A file name's extension tells the scan about gzip, ZIP, .evtx or .eml; kept when the sender names one. */
    private static final Pattern EXTENSION = Pattern.compile("(\\.[a-z0-9]{1,8}){1,2}");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    /** Errors listed in an answer; the counts cover the rest. */
    static final int ERRORS_LISTED = 20;

    private final Path folder;
    private final long maxBytes;
    private final Store store;
    private final Clock clock;

    /**
     * @param folder   the spool folder (made if missing)
     * @param maxBytes the largest batch taken, after decompression
     */
    public Spool(Path folder, long maxBytes, Store store, Clock clock) throws IOException {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("the largest batch must be at least one byte");
        }
        this.folder = folder.toAbsolutePath().normalize();
        if (Files.exists(this.folder) && !Files.isDirectory(this.folder)) {
            throw new IllegalArgumentException(this.folder + " is a file; the spool is a folder");
        }
        Path incoming = Files.createDirectories(this.folder.resolve(".incoming"));
        // Left by a console that stopped mid-batch: never answered as kept, so the sender sends it again.
        try (java.util.stream.Stream<Path> stale = Files.list(incoming)) {
            for (Path p : stale.toList()) {
                Files.deleteIfExists(p);
            }
        }
        this.maxBytes = maxBytes;
        this.store = store;
        this.clock = clock;
    }

    public Path folder() {
        return folder;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /** A batch refused, with the HTTP status that says why. */
    public static final class Refused extends Exception {
        private final int status;
        private final transient List<RecordError> errors;

        Refused(int status, String message, List<RecordError> errors) {
            super(message);
            this.status = status;
            this.errors = List.copyOf(errors);
        }

        public int status() {
            return status;
        }

        public List<RecordError> errors() {
            return errors;
        }
    }

    /**
     * What became of a batch: kept (or kept before, when {@code duplicate}), with the first errors of
     * the records rejected.
     */
    public record Received(Store.IngestBatch batch, boolean duplicate, List<RecordError> errors) {
    }

    /**
     * Reads, checks and keeps one batch.
     *
     * @param source   the source's name, which names its folder ({@code okta}, {@code github})
     * @param body     the request body
     * @param gzip     whether the body is gzip-compressed ({@code Content-Encoding: gzip})
     * @param name     the file name the sender gives, for its extension, or null
     * @param expected the format the sender says it sends, or null to take what is recognised
     */
    public Received receive(String source, InputStream body, boolean gzip, String name, String expected,
            Store.TokenGrant sender, String address) throws IOException, Refused {
        if (source == null || !SOURCE.matcher(source).matches()) {
            throw new Refused(400, "a source is 1 to 40 lower-case letters, digits, '-' or '_', starting with a letter "
                    + "or digit: '" + Limits.quote(source) + "'", List.of());
        }
        Path incoming = folder.resolve(".incoming").resolve(UUID.randomUUID() + extension(name));
        try {
            String sha256 = copy(gzip ? new GZIPInputStream(body, 64 * 1024) : body, incoming);
            Optional<Store.IngestBatch> before = store.ingestBatch(source, sha256);
            if (before.isPresent()) {
                if (expected != null && !expected.isBlank() && !before.get().format().equals(expected.strip())) {
                    throw new Refused(415, "the batch was to be " + expected.strip() + " but reads as "
                            + before.get().format() + " (it was kept before, as batch " + before.get().id() + ")",
                            List.of());
                }
                return new Received(before.get(), true, List.of());
            }
            Reading read = read(incoming);
            checkReadable(read, expected);
            Instant received = clock.instant();
            Instant day = read.first != null ? read.first : received;
            String relative = source + "/" + DAY.format(day) + "/" + STAMP.format(received) + "-"
                    + sha256.substring(0, 12) + extension(name);
            Store.IngestBatch batch = new Store.IngestBatch(0, null, source, sha256, Files.size(incoming), read.format,
                    read.records, read.events, read.rejected, utc(read.first), utc(read.last), relative, sender.id(),
                    address);
            Optional<Store.IngestBatch> kept = store.addIngestBatch(batch);
            if (kept.isEmpty()) { // the same bytes, kept by a request that came in meanwhile
                return new Received(store.ingestBatch(source, sha256).orElseThrow(), true, List.of());
            }
            Path target = folder.resolve(relative);
            try {
                Files.createDirectories(target.getParent());
                try {
                    Files.move(incoming, target, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(incoming, target); // same folder tree, so this does not happen; but never lose a batch
                }
                syncFolder(target.getParent());
            } catch (IOException e) {
                store.forgetIngestBatch(kept.get().id()); // so that the sender's retry is kept, not called a duplicate
                throw e;
            }
            return new Received(kept.get(), false, read.errors);
        } catch (java.util.zip.ZipException e) {
            throw new Refused(400, "the body is not the gzip its Content-Encoding says: " + e.getMessage(), List.of());
        } finally {
            Files.deleteIfExists(incoming);
        }
    }

    /**
     * Keeps a file the console collected from a vendor's API ({@code serve --collect}) as a batch of
     * {@code source}: the collector wrote it in place, under {@code SOURCE/DAY/}, complete; it is read
     * as a batch sent would be, for its counts, and recorded with no token. The same file kept twice
     * is kept once (empty is returned then, as for a sender's retry).
     *
     * @throws IllegalArgumentException when the file is not in the spool
     */
    public Optional<Store.IngestBatch> keepCollected(String source, Path file) throws IOException {
        Path inside = file.toAbsolutePath().normalize();
        if (!inside.startsWith(folder) || !SOURCE.matcher(source).matches()) {
            throw new IllegalArgumentException(file + " is not a file of the spool " + folder + " for a source '"
                    + Limits.quote(source) + "'");
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(inside), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        Reading read = read(inside);
        String relative = folder.relativize(inside).toString().replace('\\', '/');
        return store.addIngestBatch(new Store.IngestBatch(0, null, source, HexFormat.of().formatHex(sha.digest()),
                Files.size(inside), read.format.isEmpty() ? "unknown" : read.format, read.records, read.events,
                read.rejected, utc(read.first), utc(read.last), relative, null, null));
    }

    /**
     * Deletes the day folders of every source older than {@code keepDays} days (today, UTC, counts as
     * one; by the folder's day, which is its batches' first events' day), noting each batch's file
     * deleted in the store as it goes (the record of the batch stays); returns how many folders went.
     * A folder that a batch was moved into meanwhile is left for the next time.
     */
    public int removeOlderThan(int keepDays) throws IOException {
        if (keepDays < 1) {
            throw new IllegalArgumentException("a retention period is at least one day");
        }
        java.time.LocalDate cutoff = java.time.LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)
                .minusDays(keepDays - 1L);
        int removed = 0;
        for (Path source : list(folder)) {
            if (source.getFileName().toString().startsWith(".")) {
                continue;
            }
            for (Path day : list(source)) {
                java.time.LocalDate date;
                try {
                    date = java.time.LocalDate.parse(day.getFileName().toString());
                } catch (java.time.format.DateTimeParseException e) {
                    continue; // not a folder the spool made: left alone
                }
                if (!date.isBefore(cutoff)) {
                    continue;
                }
                for (Path file : list(day)) {
                    Files.delete(file);
                    store.ingestFileRemoved(source.getFileName() + "/" + day.getFileName() + "/" + file.getFileName());
                }
                try {
                    Files.delete(day);
                    removed++;
                } catch (java.nio.file.DirectoryNotEmptyException e) {
                    // a batch of old events came in meanwhile: the next pass takes it
                }
            }
        }
        return removed;
    }

    /** The folders or files directly in {@code dir}, in name order. */
    private static List<Path> list(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }

    /** The sender's file extension when it is a plain one ({@code .json}, {@code .json.gz}, {@code .evtx}), else {@code .log}. */
    static String extension(String name) {
        if (name == null) {
            return ".log";
        }
        String base = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1)
                .toLowerCase(java.util.Locale.ROOT);
        int dot = base.indexOf('.', 1);
        if (dot < 0) {
            return ".log";
        }
        String ext = base.substring(dot);
        while (!EXTENSION.matcher(ext).matches() && ext.indexOf('.', 1) > 0) {
            ext = ext.substring(ext.indexOf('.', 1)); // "report.2026.json" keeps ".json" … as far as it can
        }
        return EXTENSION.matcher(ext).matches() ? ext : ".log";
    }

    /** Copies at most {@link #maxBytes} into {@code to}; returns the SHA-256 of what was copied. */
    /** Puts a rename into {@code folder} on the disk; a file system that cannot sync a folder is left to itself. */
    private static void syncFolder(Path folder) {
        try (FileChannel dir = FileChannel.open(folder, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // not every file system opens a folder as a channel (Windows does not); the file itself is synced
        }
    }

    private String copy(InputStream in, Path to) throws IOException, Refused {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        long total;
        try (FileChannel file = FileChannel.open(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                OutputStream out = new DigestOutputStream(Channels.newOutputStream(file), sha)) {
            total = new LimitedInput(in, maxBytes).transferTo(out);
            // on the disk before the sender is told the batch is kept (an HEC acknowledgement says no less)
            file.force(true);
        } catch (LimitedInput.TooLarge e) {
            throw new Refused(413, "the batch is larger than " + maxBytes + " bytes (uncompressed): send it in smaller "
                    + "parts", List.of());
        }
        if (total == 0) {
            throw new Refused(400, "the batch is empty", List.of());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** What reading a batch gave. */
    private static final class Reading {
        String format;
        long records;
        long events;
        long rejected;
        Instant first;
        Instant last;
        final List<RecordError> errors = new ArrayList<>();
        final List<String> unreadable = new ArrayList<>();
    }

    private static Reading read(Path file) throws IOException {
        Reading r = new Reading();
        Ingest ingest = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, (Event e) -> {
            Instant t = e.time();
            if (r.first == null || t.isBefore(r.first)) {
                r.first = t;
            }
            if (r.last == null || t.isAfter(r.last)) {
                r.last = t;
            }
        }, ERRORS_LISTED);
        List<String> formats = new ArrayList<>();
        for (FileSummary s : ingest.run(List.of(file))) {
            if (!formats.contains(s.format())) {
                formats.add(s.format());
            }
            r.records += s.records();
            r.events += s.events();
            r.rejected += s.quarantined();
            for (RecordError e : s.errors()) {
                if (r.errors.size() < ERRORS_LISTED && e.record() > 0) { // a whole file's problem is its failure
                    r.errors.add(new RecordError(null, e.record(), e.line(), e.field(), e.reason(), null));
                }
            }
            if (s.failure() != null) {
                r.unreadable.add(s.failure());
            }
        }
        r.format = String.join(",", formats);
        return r;
    }

    private static void checkReadable(Reading read, String expected) throws Refused {
        if (read.events == 0 && read.records == 0) {
            String why = read.unreadable.isEmpty() ? "it holds no records" : String.join("; ", read.unreadable);
            throw new Refused(415, "the batch cannot be read: " + why + ". 'unravel ingest formats' lists what Unravel "
                    + "reads", read.errors);
        }
        if (expected != null && !expected.isBlank() && !read.format.equals(expected.strip())) {
            throw new Refused(415, "the batch was to be " + expected.strip() + " but reads as " + read.format,
                    read.errors);
        }
        if (read.events == 0 && read.rejected > 0) {
            throw new Refused(422, "every record of the batch was rejected (" + read.rejected + "); the first errors "
                    + "say why", read.errors);
        }
    }
}
