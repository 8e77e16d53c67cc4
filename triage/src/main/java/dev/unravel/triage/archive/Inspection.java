package dev.unravel.triage.archive;

import dev.unravel.triage.archive.ArchiveFinding.Kind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.compress.MemoryLimitException;
import org.apache.commons.compress.PasswordRequiredException;
import org.apache.commons.compress.archivers.sevenz.SevenZArchiveEntry;
import org.apache.commons.compress.archivers.sevenz.SevenZFile;
import org.apache.commons.compress.archivers.sevenz.SevenZMethod;
import org.apache.commons.compress.archivers.sevenz.SevenZMethodConfiguration;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.UnsupportedZipFeatureException;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.utils.InputStreamStatistics;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;

/**
 * One run of {@link ArchiveReader}: the entries and findings gathered so far and the bytes read
 * against the limits. Not thread-safe; a new one per attachment.
 */
final class Inspection {

    /** Bytes peeked at the start of each entry to recognise nested archives and programs. */
    private static final int HEAD_BYTES = 4096;
    /** Ratios are judged only past this many inflated bytes: tiny files compress absurdly well. */
    private static final long RATIO_FLOOR = 1L << 20;
    /** Decoder memory a 7z or xz stream may ask for (LZMA dictionaries are declared by the file). */
    private static final int DECODER_MEMORY_KIB = 256 * 1024;
    private static final int ZIP_METHOD_AES = 99;
    private static final byte[] ZIP_LOCAL_HEADER = {'P', 'K', 3, 4};
    private static final int UNIX_TYPE_MASK = 0170000;
    private static final int UNIX_SYMLINK = 0120000;
    private static final int SEVEN_Z_UNIX_EXTENSION = 0x8000;
    private static final Pattern DRIVE = Pattern.compile("[A-Za-z]:.*");
    private static final Pattern DRIVE_ABSOLUTE = Pattern.compile("[A-Za-z]:/.*");
    private static final Set<String> EXECUTABLE_EXTENSIONS = Set.of(
            "exe", "scr", "com", "pif", "js", "jse", "vbs", "vbe", "wsf", "hta", "lnk", "iso", "img",
            "bat", "cmd", "ps1", "msi", "dll", "jar", "docm", "xlsm");
    private static final HexFormat HEX = HexFormat.of();

    private final ArchiveLimits limits;
    private final Path sandbox; // real path; null when only listing
    private final List<ArchiveEntry> entries = new ArrayList<>();
    private final List<ArchiveFinding> findings = new ArrayList<>();
    private long totalBytes;
    private int entryCount;
    private boolean truncated;

    Inspection(ArchiveLimits limits, Path sandbox) {
        this.limits = limits;
        this.sandbox = sandbox;
    }

    ArchiveListing run(String name, byte[] bytes) {
        String format = ArchiveReader.format(name, bytes);
        if (format == null) {
            finding(Kind.UNSUPPORTED, "", "not an archive this reader recognises (no zip, 7z, tar, gzip, bzip2 or xz magic)");
        } else {
            try {
                open(new Level("", 0, bytes.length), format, name, bytes);
            } catch (StopAll stop) {
                truncated = true;
            }
        }
        return new ArchiveListing(name, format, bytes.length, entries, findings, truncated);
    }

    // ---- formats -------------------------------------------------------------------------

    private void open(Level level, String format, String name, byte[] bytes) {
        try {
            switch (format) {
                case "zip" -> readZip(level, bytes);
                case "7z" -> readSevenZ(level, bytes);
                case "tar" -> readTar(level, bytes, null);
                case "tar.gz", "tar.bz2", "tar.xz" -> readTar(level, bytes, format.substring(4));
                case "gz", "bz2", "xz" -> readCompressed(level, name, bytes, format);
                default -> finding(Kind.UNSUPPORTED, level.container(), "format " + format + " is not read");
            }
        } catch (StopAll stop) {
            throw stop;
        } catch (StopArchive stop) {
            truncated = true;
        } catch (RuntimeException | LinkageError e) {
            // commons-compress reports some malformed structures as runtime exceptions
            finding(Kind.DAMAGED, level.container(), "archive could not be read further: " + describe(e));
        }
    }

    private void readZip(Level level, byte[] bytes) {
        ZipFile zip;
        try {
            zip = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes)).get();
        } catch (IOException | RuntimeException e) {
            finding(Kind.DAMAGED, level.container(), "zip central directory unreadable (" + describe(e)
                    + "); entries recovered from the local headers in file order");
            readZipStreaming(level, bytes);
            return;
        }
        EncryptionCount encryption = new EncryptionCount();
        try (zip) {
            List<ZipArchiveEntry> listed = Collections.list(zip.getEntriesInPhysicalOrder());
            for (ZipArchiveEntry entry : listed) {
                boolean encrypted = isEncrypted(entry);
                encryption.count(entry, encrypted);
                String unsupported = !encrypted && !entry.isDirectory() && !zip.canReadEntryData(entry)
                        ? "zip compression method " + methodName(entry) + " cannot be read" : null;
                Header header = new Header(entry.getName(), entry.getSize(), entry.getCompressedSize(),
                        modified(entry.getLastModifiedTime()), entry.isDirectory(), encrypted,
                        entry.isUnixSymlink(), null, unsupported);
                add(level, header, () -> zip.getInputStream(entry), false);
                String localName = localHeaderName(bytes, entry);
                if (localName != null) {
                    finding(Kind.DAMAGED, level.locate(entry.getName().replace('\\', '/')), "its local header names it '"
                            + abbreviate(localName) + "': tools that read local headers show that name instead");
                }
            }
            stubFindings(level, bytes, zip.getFirstLocalFileHeaderOffset());
            revealUnlistedLocalHeaders(level, bytes, listed);
        } catch (IOException closing) {
            // nothing was written; a failed close of an in-memory channel changes nothing listed
        } finally {
            encryption.report(level);
        }
    }

    /** The name in an entry's local header when it differs from the central directory's, else null. */
    private static String localHeaderName(byte[] bytes, ZipArchiveEntry entry) {
        long offset = entry.getLocalHeaderOffset();
        if (offset < 0 || offset + 30 > bytes.length) {
            return null;
        }
        int at = (int) offset;
        int nameLength = (bytes[at + 26] & 0xFF) | (bytes[at + 27] & 0xFF) << 8;
        byte[] central = entry.getRawName();
        if (central == null || at + 30 + nameLength > bytes.length
                || Arrays.equals(bytes, at + 30, at + 30 + nameLength, central, 0, central.length)) {
            return null;
        }
        return new String(bytes, at + 30, nameLength, StandardCharsets.UTF_8);
    }

    /** A program in front of the archive: a self-extractor runs it when opened. */
    private void stubFindings(Level level, byte[] bytes, long firstLocalHeader) {
        if (firstLocalHeader >= 2 && bytes[0] == 'M' && bytes[1] == 'Z') {
            finding(Kind.EXECUTABLE, level.container(), "a Windows program (" + firstLocalHeader
                    + " bytes) precedes the archive: a self-extractor, run when opened");
        }
    }

    /**
     * Local headers the central directory does not list: a second zip concatenated to the first,
     * or entries hidden between others. Zip tools disagree on which they show (an evasion seen in
     * phishing), so a responder must see them all: they are listed after a DAMAGED finding.
     */
    private void revealUnlistedLocalHeaders(Level level, byte[] bytes, List<ZipArchiveEntry> listed) {
        long[][] covered = new long[listed.size()][];
        long[] starts = new long[listed.size()];
        for (int i = 0; i < listed.size(); i++) {
            ZipArchiveEntry entry = listed.get(i);
            long dataEnd = entry.getDataOffset() >= 0 && entry.getCompressedSize() >= 0
                    ? entry.getDataOffset() + entry.getCompressedSize() : entry.getLocalHeaderOffset() + 30;
            covered[i] = new long[] {entry.getLocalHeaderOffset(), dataEnd};
            starts[i] = entry.getLocalHeaderOffset();
        }
        Arrays.sort(starts);
        long streamedTo = -1;
        for (int at = indexOf(bytes, ZIP_LOCAL_HEADER, 0); at >= 0; at = indexOf(bytes, ZIP_LOCAL_HEADER, at + 1)) {
            int next = Arrays.binarySearch(starts, at);
            if (next >= 0 || at < streamedTo || isCovered(at, covered)) {
                continue;
            }
            int end = (int) (-next - 1 < starts.length ? starts[-next - 1] : bytes.length);
            finding(Kind.DAMAGED, level.container(), "local headers at offset " + at
                    + " are not in the central directory (a concatenated or hidden zip: other tools may list"
                    + " different entries); read from the local headers and listed too");
            readZipLocalHeaders(level, bytes, at, end);
            streamedTo = end;
        }
    }

    private static boolean isCovered(long offset, long[][] ranges) {
        for (long[] range : ranges) {
            if (offset >= range[0] && offset < range[1]) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] bytes, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private void readZipStreaming(Level level, byte[] bytes) {
        readZipLocalHeaders(level, bytes, 0, bytes.length);
    }

    /**
     * Carves entries from their local headers between {@code start} and {@code end}, each read
     * by its own stream: an entry that cannot be read or skipped (damaged, or encrypted with a
     * data descriptor, so of unknown length) does not hide the entries after it, because the
     * search for the next local header signature goes on from there.
     */
    private void readZipLocalHeaders(Level level, byte[] bytes, int start, int end) {
        EncryptionCount encryption = new EncryptionCount();
        int unreadable = 0;
        int firstUnreadable = -1;
        String why = null;
        try {
            int at = indexOf(bytes, ZIP_LOCAL_HEADER, start);
            while (at >= 0 && at < end) {
                int next;
                try {
                    next = readZipLocalEntry(level, bytes, at, end, encryption);
                } catch (UnreadableHeader e) {
                    // one finding for them all: a file of repeated signatures must not flood the listing
                    firstUnreadable = unreadable++ == 0 ? at : firstUnreadable;
                    why = why == null ? e.getMessage() : why;
                    if (unreadable > limits.maxEntries()) {
                        truncated = true;
                        break;
                    }
                    next = at + 1;
                }
                at = indexOf(bytes, ZIP_LOCAL_HEADER, Math.max(next, at + 1));
            }
        } finally {
            encryption.report(level);
            if (unreadable > 0) {
                finding(Kind.DAMAGED, level.container(), unreadable + " zip local header signature(s) unreadable, the first at offset "
                        + firstUnreadable + ": " + why + (unreadable > limits.maxEntries() ? "; carving stopped" : ""));
            }
        }
    }

    /** Lists the entry whose local header is at {@code at}; returns where its data ends when known. */
    private int readZipLocalEntry(Level level, byte[] bytes, int at, int end, EncryptionCount encryption) {
        Added added;
        ZipArchiveEntry entry;
        try (ZipArchiveInputStream zip = streamingZip(bytes, at, end)) {
            try {
                entry = zip.getNextEntry();
            } catch (IOException | RuntimeException e) {
                throw new UnreadableHeader(describe(e));
            }
            if (entry == null) {
                throw new UnreadableHeader("not a local header");
            }
            boolean encrypted = isEncrypted(entry);
            encryption.count(entry, encrypted);
            String unsupported = !encrypted && !entry.isDirectory() && !zip.canReadEntryData(entry)
                    ? "zip compression method " + methodName(entry) + " cannot be read" : null;
            Header header = new Header(entry.getName(), entry.getSize(), entry.getCompressedSize(),
                    modified(entry.getLastModifiedTime()), entry.isDirectory(), encrypted,
                    entry.isUnixSymlink(), null, unsupported);
            added = add(level, header, () -> new EntryStream(zip, zip::getCompressedCount), false);
        } catch (IOException closing) {
            return at + 1; // in-memory stream
        }
        if (added.needsGitBlob()) {
            // a data descriptor gave the size only after the content: git's blob id needs it first
            try (ZipArchiveInputStream again = streamingZip(bytes, at, end)) {
                again.getNextEntry();
                fillGitBlob(added, again);
            } catch (IOException | RuntimeException e) {
                // read in full once already; a second failure leaves the blob id null
            }
        }
        long compressed = entry.getCompressedSize();
        long headerEnd = at + 30L + entry.getRawName().length + entry.getLocalFileDataExtra().length;
        long dataEnd = headerEnd + Math.max(0, compressed);
        // at least past the name: overlapping headers would otherwise re-list the same bytes as ever more entries
        return (int) Math.min(end, compressed >= 0 && dataEnd <= end ? dataEnd : headerEnd);
    }

    private static ZipArchiveInputStream streamingZip(byte[] bytes, int start, int end) {
        return new ZipArchiveInputStream(new ByteArrayInputStream(bytes, start, end - start),
                StandardCharsets.UTF_8.name(), true, true);
    }

    private void readSevenZ(Level level, byte[] bytes) {
        SevenZFile sevenZ;
        try {
            sevenZ = SevenZFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(bytes))
                    .setMaxMemoryLimitKiB(DECODER_MEMORY_KIB).setTryToRecoverBrokenArchives(true).get();
        } catch (PasswordRequiredException e) {
            finding(Kind.ENCRYPTED, level.container(), "7z headers are encrypted: entry names are hidden without the password");
            return;
        } catch (MemoryLimitException e) {
            finding(Kind.ZIP_BOMB, level.container(), "7z asks for more decoder memory than allowed: " + describe(e));
            return;
        } catch (IOException | RuntimeException e) {
            finding(Kind.DAMAGED, level.container(), "7z could not be opened: " + describe(e));
            return;
        }
        EncryptionCount encryption = new EncryptionCount();
        int read = 0;
        try (sevenZ) {
            for (SevenZArchiveEntry entry = sevenZ.getNextEntry(); entry != null; entry = sevenZ.getNextEntry(), read++) {
                boolean encrypted = usesAes(entry);
                encryption.count(encrypted, "7z AES");
                Header header = new Header(entry.getName() == null ? "" : entry.getName(), entry.getSize(), -1,
                        entry.getHasLastModifiedDate() ? modified(entry.getLastModifiedTime()) : null,
                        entry.isDirectory(), encrypted, isSevenZSymlink(entry), null, null);
                ContentSource content = entry.hasStream()
                        ? () -> new EntryStream(new SevenZEntryInput(sevenZ),
                                () -> sevenZ.getStatisticsForCurrentEntry().getCompressedCount())
                        : () -> InputStream.nullInputStream();
                add(level, header, content, true);
            }
        } catch (Stop stop) {
            throw stop;
        } catch (IOException | RuntimeException e) {
            finding(Kind.DAMAGED, level.container(), "7z entries unreadable after " + read + ": " + describe(e));
        } finally {
            encryption.report(level);
        }
    }

    private void readTar(Level level, byte[] bytes, String compression) {
        CountingInputStream raw = new CountingInputStream(new ByteArrayInputStream(bytes));
        int read = 0;
        // everything the tar layer pulls is bounded too: headers, PAX records and the entries it skips
        try (TarArchiveInputStream tar = new TarArchiveInputStream(compression == null ? raw
                : new InflationCap(decompress(compression, raw), limits.maxTotalBytes()))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry(), read++) {
                boolean link = entry.isSymbolicLink() || entry.isLink();
                boolean special = entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()
                        || !link && !entry.isDirectory() && !entry.isFile();
                String unsupported = special ? "tar entry of type '" + (char) entry.getLinkFlag()
                        + "' (device, FIFO or other special file) has no content to read" : null;
                Header header = new Header(entry.getName(), entry.getSize(), compression == null ? entry.getSize() : -1,
                        modified(entry.getLastModifiedTime()), entry.isDirectory(), false, link,
                        link ? (entry.isLink() ? "hard link to " : "symbolic link to ") + entry.getLinkName() : null,
                        unsupported);
                long start = raw.count();
                // skipping the rest of an entry costs nothing uncompressed, but inflates it when compressed
                add(level, header, () -> new EntryStream(tar, () -> raw.count() - start), compression != null);
            }
        } catch (Stop stop) {
            throw stop;
        } catch (InflationCap.Exceeded e) {
            finding(Kind.ZIP_BOMB, level.container(), e.getMessage() + "; the rest of this archive is not read");
            truncated = true;
        } catch (IOException | RuntimeException e) {
            finding(Kind.DAMAGED, level.container(), "tar unreadable after " + read + " entries: " + describe(e));
        }
    }

    /** A bare .gz, .bz2 or .xz: one entry, named after the archive without its suffix. */
    private void readCompressed(Level level, String name, byte[] bytes, String compression) {
        String fileName = name.replace('\\', '/');
        fileName = fileName.substring(fileName.lastIndexOf('/') + 1);
        String inner = fileName.replaceFirst("(?i)\\.(gz|gzip|bz2|xz)$", "");
        Header header = new Header(inner.isEmpty() ? fileName : inner, -1, bytes.length, null, false, false, false, null, null);
        Added added = add(level, header, () -> {
            CountingInputStream raw = new CountingInputStream(new ByteArrayInputStream(bytes));
            return new EntryStream(decompress(compression, raw), raw::count);
        }, false); // one entry: stopping it leaves nothing else unread
        if (added.needsGitBlob()) {
            try (InputStream again = decompress(compression, new ByteArrayInputStream(bytes))) {
                fillGitBlob(added, again);
            } catch (IOException | RuntimeException e) {
                // read in full once already; a second failure leaves the blob id null
            }
        }
    }

    static InputStream decompress(String compression, InputStream raw) throws IOException {
        return switch (compression) {
            case "gz" -> GzipCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true).get();
            case "bz2" -> new BZip2CompressorInputStream(raw, true);
            case "xz" -> XZCompressorInputStream.builder().setInputStream(raw).setDecompressConcatenated(true)
                    .setMemoryLimitKiB(DECODER_MEMORY_KIB).get();
            default -> throw new IOException("unknown compression " + compression);
        };
    }

    // ---- entries ---------------------------------------------------------------------------

    /**
     * Lists one entry, with findings for its name and kind, and reads its content when it can.
     *
     * @param sequential true when stopping mid-entry leaves the archive unreadable past it without
     *     inflating the rest (streams, solid 7z): the archive then stops there
     * @return where the entry was listed, and whether its git blob id awaits a second read
     */
    private Added add(Level level, Header header, ContentSource source, boolean sequential) {
        if (++entryCount > limits.maxEntries()) {
            finding(Kind.TOO_MANY_ENTRIES, level.container(), "more than " + limits.maxEntries() + " entries; the listing stops here");
            throw new StopAll();
        }
        String path = header.path().replace('\\', '/');
        String location = level.locate(path);
        boolean unsafeName = nameFindings(location, path);
        if (header.link() && header.linkTarget() != null) {
            finding(Kind.SYMLINK, location, header.linkTarget() + "; listed, never followed");
        }
        boolean executable = !header.directory() && executableByName(location, path);
        Content content = null;
        boolean hasContent = !header.directory() && !header.encrypted() && header.unsupported() == null
                && !(header.link() && header.linkTarget() != null); // tar links carry no content
        if (hasContent) {
            content = readContent(level, header, path, location, source, sequential, unsafeName);
        } else if (header.unsupported() != null) {
            finding(Kind.UNSUPPORTED, location, header.unsupported() + "; listed without hashes");
        } else if (header.directory() && level.depth() == 0 && sandbox != null && !unsafeName && !header.link()) {
            createDirectoryInSandbox(location, path);
        }
        if (header.link() && header.linkTarget() == null) {
            // zip and 7z keep a link's target as its content
            String target = content == null ? "?" : new String(content.head(), StandardCharsets.UTF_8);
            finding(Kind.SYMLINK, location, "symbolic link to " + abbreviate(target) + "; listed, never followed");
        }
        if (!executable && content != null && !header.link()) {
            executableByContent(location, content.head());
        }
        long size = content != null && content.complete() ? content.count() : header.size();
        ArchiveEntry entry = new ArchiveEntry(path, level.container(), size, header.compressedSize(),
                header.modified(), header.directory(), header.encrypted(), header.link(),
                content == null ? null : content.sha256(), content == null ? null : content.gitBlobSha1());
        entries.add(entry);
        int index = entries.size() - 1;
        if (content != null && content.stop() != null) {
            throw content.stop(); // listed first: the entry that hit the limit is evidence too
        }
        if (content != null && content.complete() && content.nestedFormat() != null) {
            openNested(level, location, path, content);
        }
        boolean needsBlob = content != null && content.complete() && content.gitBlobSha1() == null && header.size() < 0;
        return new Added(index, needsBlob);
    }

    private void openNested(Level level, String location, String path, Content content) {
        if (level.depth() >= limits.maxDepth()) {
            finding(Kind.NESTING_TOO_DEEP, location, content.nestedFormat() + " archive nested deeper than "
                    + limits.maxDepth() + " levels; listed, not opened");
        } else if (content.nested() != null) {
            open(new Level(location, level.depth() + 1, content.nested().length), content.nestedFormat(), path, content.nested());
        }
    }

    /** Reads an entry's content through the limits into the digests (and the sandbox file). */
    private Content readContent(Level level, Header header, String path, String location, ContentSource source,
                                boolean sequential, boolean unsafeName) {
        SandboxFile file = sandbox != null && level.depth() == 0 && !header.link() && !unsafeName
                ? openInSandbox(location, path) : null;
        boolean written = false;
        try (InputStream in = source.open()) {
            Content content = digest(level, header, path, location, in, file, sequential);
            written = content.complete() && file != null && file.close();
            return content;
        } catch (Stop stop) {
            throw stop;
        } catch (UnsupportedZipFeatureException e) {
            finding(Kind.UNSUPPORTED, location, "cannot be read: " + describe(e) + "; listed without hashes");
        } catch (PasswordRequiredException e) {
            finding(Kind.ENCRYPTED, location, "content needs a password; listed without hashes");
        } catch (IOException | RuntimeException e) {
            finding(Kind.DAMAGED, location, "content unreadable: " + describe(e) + "; listed without hashes");
        } catch (LinkageError e) {
            // a codec commons-compress supports through an optional library that is not here (zstd)
            finding(Kind.UNSUPPORTED, location, "no decoder available: " + describe(e) + "; listed without hashes");
        } finally {
            if (file != null && !written) {
                if (file.failure() != null) {
                    finding(Kind.DAMAGED, location, "not written to the sandbox: " + describe(file.failure()));
                }
                file.discard(); // a partial file would pass for the real content
            }
        }
        return null;
    }

    private SandboxFile openInSandbox(String location, String path) {
        Path target = newFileInSandbox(location, path);
        if (target == null) {
            return null;
        }
        try {
            return new SandboxFile(target, Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
        } catch (IOException | UnsupportedOperationException e) {
            finding(Kind.DAMAGED, location, "not written to the sandbox: " + describe(e));
            return null;
        }
    }

    private Content digest(Level level, Header header, String path, String location, InputStream in,
                           SandboxFile out, boolean sequential) throws IOException {
        MessageDigest sha256 = digest("SHA-256");
        MessageDigest gitBlob = header.size() >= 0 ? gitBlobDigest(header.size()) : null;
        byte[] head = in.readNBytes(HEAD_BYTES);
        String nestedFormat = header.link() ? null : ArchiveReader.format(path, head);
        // only a nested archive that will be opened is held in memory, bounded by maxEntryBytes
        NestedArchiveBuffer nested = nestedFormat != null && level.depth() < limits.maxDepth()
                ? new NestedArchiveBuffer(header.size(), limits.maxEntryBytes()) : null;
        byte[] buffer = new byte[64 * 1024];
        byte[] chunk = head;
        long count = 0;
        String stopped = null;
        for (int n = head.length; n >= 0; chunk = buffer, n = in.read(buffer)) {
            count += n;
            totalBytes += n;
            if (totalBytes > limits.maxTotalBytes()) {
                finding(Kind.ZIP_BOMB, location, "reading stopped: more than " + limits.maxTotalBytes()
                        + " inflated bytes read in all");
                return new Content(false, new StopAll(), count, head, null, null, nestedFormat, null);
            }
            if (count > limits.maxEntryBytes()) {
                stopped = "inflates past the per-entry limit of " + limits.maxEntryBytes() + " bytes";
                break;
            }
            if (count > RATIO_FLOOR) {
                long compressed = compressedRead(in, header, level);
                if (count / compressed > limits.maxRatio()) {
                    stopped = "inflates " + count + " bytes from " + compressed + " compressed (ratio over "
                            + limits.maxRatio() + ")";
                    break;
                }
            }
            sha256.update(chunk, 0, n);
            if (gitBlob != null) {
                gitBlob.update(chunk, 0, n);
            }
            if (nested != null && !nested.write(chunk, n)) {
                finding(Kind.UNSUPPORTED, location, "nested archive too large to hold in memory; hashed, not opened");
                nested = null;
            }
            if (out != null) {
                out.write(chunk, n);
            }
        }
        if (stopped != null) {
            String rest = sequential ? "; the rest of this archive is not read (only reachable by inflating past it)" : "";
            finding(Kind.ZIP_BOMB, location, stopped + "; reading of it stopped, not hashed" + rest);
            return new Content(false, sequential ? new StopArchive() : null, count, head, null, null, nestedFormat, null);
        }
        String blob = null;
        if (gitBlob != null) {
            if (count == header.size()) {
                blob = HEX.formatHex(gitBlob.digest());
            } else {
                finding(Kind.DAMAGED, location, "declares " + header.size() + " bytes but inflates to " + count
                        + "; no git blob id");
            }
        }
        return new Content(true, null, count, head, HEX.formatHex(sha256.digest()), blob, nestedFormat,
                nested == null ? null : nested.bytes());
    }

    /** Compressed bytes behind what was inflated so far: measured where the format allows. */
    private static long compressedRead(InputStream in, Header header, Level level) {
        long measured = in instanceof EntryStream entry ? entry.compressedRead()
                : in instanceof InputStreamStatistics statistics ? statistics.getCompressedCount() : -1;
        if (measured < 0) {
            measured = header.compressedSize() > 0 ? header.compressedSize() : level.archiveSize();
        }
        return Math.max(1, measured);
    }

    /** Computes the git blob id of an entry whose size was unknown on the first read. */
    private void fillGitBlob(Added added, InputStream content) throws IOException {
        ArchiveEntry entry = entries.get(added.index());
        MessageDigest gitBlob = gitBlobDigest(entry.size());
        byte[] buffer = new byte[64 * 1024];
        long count = 0;
        for (int n = content.read(buffer); n >= 0 && count <= entry.size(); n = content.read(buffer)) {
            count += n;
            totalBytes += n;
            if (totalBytes > limits.maxTotalBytes()) {
                finding(Kind.ZIP_BOMB, entry.location(), "reading stopped: more than " + limits.maxTotalBytes()
                        + " inflated bytes read in all");
                truncated = true;
                return;
            }
            gitBlob.update(buffer, 0, n);
        }
        if (count == entry.size()) {
            entries.set(added.index(), new ArchiveEntry(entry.path(), entry.container(), entry.size(),
                    entry.compressedSize(), entry.modified(), entry.directory(), entry.encrypted(), entry.symlink(),
                    entry.sha256(), HEX.formatHex(gitBlob.digest())));
        }
    }

    // ---- names -----------------------------------------------------------------------------

    /** Adds findings for names that would land outside an extraction folder; true when it would. */
    private boolean nameFindings(String location, String path) {
        boolean absolute = path.startsWith("/") || DRIVE_ABSOLUTE.matcher(path).matches();
        if (absolute) {
            finding(Kind.ABSOLUTE_PATH, location, "absolute name: extraction would write to " + abbreviate(path));
        }
        boolean climbs = false;
        boolean drive = false;
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            climbs |= segments[i].equals("..");
            // "C:" opening an absolute name is reported above; anywhere else a drive letter redirects the write
            drive |= DRIVE.matcher(segments[i]).matches() && !(i == 0 && absolute);
        }
        if (climbs) {
            finding(Kind.PATH_TRAVERSAL, location, "name climbs out of the extraction folder with '..'");
        }
        if (drive) {
            finding(Kind.PATH_TRAVERSAL, location, "name carries a drive letter");
        }
        boolean nul = path.indexOf('\0') >= 0;
        if (nul) {
            // C file APIs cut the name at the NUL: "report.pdf\0.exe" is not what gets written
            finding(Kind.PATH_TRAVERSAL, location, "name holds a NUL character: written under a different name than shown");
        }
        return absolute || climbs || drive || nul;
    }

    private boolean executableByName(String location, String path) {
        String fileName = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT).strip();
        int dot = fileName.lastIndexOf('.');
        String extension = dot < 0 ? "" : fileName.substring(dot + 1);
        if (EXECUTABLE_EXTENSIONS.contains(extension)) {
            finding(Kind.EXECUTABLE, location, "." + extension + " file: a program or script phishing delivers");
            return true;
        }
        return false;
    }

    /** A Windows or Linux program under a harmless name (invoice.pdf holding an MZ header). */
    private void executableByContent(String location, byte[] head) {
        if (head.length >= 64 && head[0] == 'M' && head[1] == 'Z') {
            int peOffset = (head[60] & 0xFF) | (head[61] & 0xFF) << 8 | (head[62] & 0xFF) << 16 | (head[63] & 0xFF) << 24;
            if (peOffset > 0 && peOffset + 4 <= head.length && head[peOffset] == 'P' && head[peOffset + 1] == 'E'
                    && head[peOffset + 2] == 0 && head[peOffset + 3] == 0) {
                finding(Kind.EXECUTABLE, location, "content is a Windows program (PE) whatever the name says");
            }
        } else if (head.length >= 4 && head[0] == 0x7F && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            finding(Kind.EXECUTABLE, location, "content is an ELF program whatever the name says");
        }
    }

    // ---- sandbox ---------------------------------------------------------------------------

    /**
     * The file an entry is written to, its parent folders created one by one inside the sandbox;
     * null (with a finding) when it cannot be written safely. The caller has already refused
     * names with '..', absolute names, drive letters and links.
     */
    private Path newFileInSandbox(String location, String path) {
        Path parent = sandboxFolder(location, parentSegments(path));
        String fileName = lastSegment(path);
        if (parent == null || fileName.isEmpty()) {
            return null;
        }
        try {
            Path target = parent.resolve(fileName).normalize();
            if (!target.getParent().equals(parent) || !target.startsWith(sandbox)) {
                finding(Kind.PATH_TRAVERSAL, location, "not written: resolves outside the sandbox");
                return null;
            }
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                finding(Kind.DAMAGED, location, "not written: a file of that name is already in the sandbox (duplicate entry names hide content)");
                return null;
            }
            return target;
        } catch (InvalidPathException e) {
            finding(Kind.DAMAGED, location, "not written: the name is not a usable file name here");
            return null;
        }
    }

    private void createDirectoryInSandbox(String location, String path) {
        List<String> segments = new ArrayList<>(parentSegments(path));
        segments.add(lastSegment(path));
        sandboxFolder(location, segments.stream().filter(s -> !s.isEmpty()).toList());
    }

    /** Creates (or finds) the folder below the sandbox, refusing links and anything resolving outside. */
    private Path sandboxFolder(String location, List<String> segments) {
        Path folder = sandbox;
        try {
            for (String segment : segments) {
                Path next = folder.resolve(segment).normalize();
                if (!next.startsWith(sandbox) || !next.getParent().equals(folder)) {
                    finding(Kind.PATH_TRAVERSAL, location, "not written: resolves outside the sandbox");
                    return null;
                }
                if (Files.isSymbolicLink(next)) {
                    finding(Kind.SYMLINK, location, "not written: a folder on its path is a link");
                    return null;
                }
                if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(next);
                } else if (!Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                    finding(Kind.DAMAGED, location, "not written: " + segment + " is a file and a folder in this archive");
                    return null;
                }
                folder = next;
            }
            if (!folder.toRealPath().startsWith(sandbox)) {
                finding(Kind.PATH_TRAVERSAL, location, "not written: resolves outside the sandbox");
                return null;
            }
            return folder;
        } catch (IOException | InvalidPathException e) {
            finding(Kind.DAMAGED, location, "not written: " + describe(e));
            return null;
        }
    }

    private static List<String> parentSegments(String path) {
        String[] segments = path.split("/", -1);
        List<String> parents = new ArrayList<>();
        for (int i = 0; i < segments.length - 1; i++) {
            if (!segments[i].isEmpty() && !segments[i].equals(".")) {
                parents.add(segments[i]);
            }
        }
        return parents;
    }

    private static String lastSegment(String path) {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String last = trimmed.substring(trimmed.lastIndexOf('/') + 1);
        return last.equals(".") ? "" : last;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static boolean isEncrypted(ZipArchiveEntry entry) {
        return entry.getGeneralPurposeBit().usesEncryption() || entry.getGeneralPurposeBit().usesStrongEncryption()
                || entry.getMethod() == ZIP_METHOD_AES;
    }

    private static String methodName(ZipArchiveEntry entry) {
        ZipMethod method = ZipMethod.getMethodByCode(entry.getMethod());
        return entry.getMethod() + (method == null ? "" : " (" + method + ")");
    }

    private static boolean usesAes(SevenZArchiveEntry entry) {
        Iterable<? extends SevenZMethodConfiguration> methods = entry.getContentMethods();
        if (methods != null) {
            for (SevenZMethodConfiguration method : methods) {
                if (method.getMethod() == SevenZMethod.AES256SHA256) {
                    return true;
                }
            }
        }
        return false;
    }

    /** p7zip keeps unix modes in the high half of the Windows attributes, flagged by 0x8000. */
    private static boolean isSevenZSymlink(SevenZArchiveEntry entry) {
        if (!entry.getHasWindowsAttributes()) {
            return false;
        }
        int attributes = entry.getWindowsAttributes();
        return (attributes & SEVEN_Z_UNIX_EXTENSION) != 0 && ((attributes >>> 16) & UNIX_TYPE_MASK) == UNIX_SYMLINK;
    }

    private static Instant modified(FileTime time) {
        return time == null ? null : time.toInstant();
    }

    private static MessageDigest gitBlobDigest(long size) {
        MessageDigest sha1 = digest("SHA-1");
        sha1.update(("blob " + size + "\0").getBytes(StandardCharsets.US_ASCII));
        return sha1;
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has " + algorithm, e);
        }
    }

    private void finding(Kind kind, String entry, String detail) {
        findings.add(new ArchiveFinding(kind, entry, detail));
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return abbreviate(message == null || message.isBlank() ? e.getClass().getSimpleName() : message);
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\p{Cntrl}", "?");
        return oneLine.length() <= 200 ? oneLine : oneLine.substring(0, 200) + "...";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left behind inside the sandbox; nothing outside it was touched
        }
    }

    // ---- small types -----------------------------------------------------------------------

    /** Where entries are being read from: the chain of containers and how deep it is. */
    private record Level(String container, int depth, long archiveSize) {
        String locate(String path) {
            return container.isEmpty() ? path : container + "!/" + path;
        }
    }

    /** What the format says about an entry before its content is read. */
    private record Header(String path, long size, long compressedSize, Instant modified, boolean directory,
                          boolean encrypted, boolean link, String linkTarget, String unsupported) {
    }

    /** What reading an entry's content gave; {@code stop} when a limit ends more than this entry. */
    private record Content(boolean complete, Stop stop, long count, byte[] head, String sha256,
                           String gitBlobSha1, String nestedFormat, byte[] nested) {
    }

    /** An entry as listed, for a second read that fills in its git blob id. */
    private record Added(int index, boolean needsGitBlob) {
    }

    @FunctionalInterface
    private interface ContentSource {
        InputStream open() throws IOException;
    }

    /** Counts encrypted entries so an archive gets one ENCRYPTED finding, not one per entry. */
    private final class EncryptionCount {
        private int encrypted;
        private int total;
        private final Set<String> methods = new java.util.TreeSet<>();

        void count(ZipArchiveEntry entry, boolean isEncrypted) {
            count(isEncrypted, entry.getMethod() == ZIP_METHOD_AES ? "AES"
                    : entry.getGeneralPurposeBit().usesStrongEncryption() ? "PKWARE strong encryption" : "ZipCrypto");
        }

        void count(boolean isEncrypted, String method) {
            total++;
            if (isEncrypted) {
                encrypted++;
                methods.add(method);
            }
        }

        void report(Level level) {
            if (encrypted > 0) {
                finding(Kind.ENCRYPTED, level.container(), encrypted + " of " + total + " entries are encrypted ("
                        + String.join(", ", methods) + "); names listed, content not read");
            }
        }
    }

    /**
     * A nested archive's bytes, held so it can be opened in memory. Sized from the declared size
     * up to 8 MiB (no copies for most honest archives, and a lying size costs little), grown past
     * that as bytes actually arrive, never past {@link ArchiveLimits#maxEntryBytes()}.
     */
    private static final class NestedArchiveBuffer {
        private static final int LARGEST_ARRAY = Integer.MAX_VALUE - 16;
        private static final int LARGEST_PRESIZE = 8 << 20;
        private final long limit;
        private byte[] bytes;
        private int size;

        NestedArchiveBuffer(long declaredSize, long limit) {
            this.limit = Math.min(limit, LARGEST_ARRAY);
            long initial = declaredSize > 0 ? Math.min(declaredSize, LARGEST_PRESIZE) : 1 << 16;
            this.bytes = new byte[(int) Math.min(initial, this.limit)];
        }

        /** False when the content cannot be held in one array. */
        boolean write(byte[] chunk, int length) {
            long needed = (long) size + length;
            if (needed > limit) {
                return false;
            }
            if (needed > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.min(limit, Math.max(needed, 2L * bytes.length)));
            }
            System.arraycopy(chunk, 0, bytes, size, length);
            size += length;
            return true;
        }

        byte[] bytes() {
            return size == bytes.length ? bytes : Arrays.copyOf(bytes, size);
        }
    }

    /**
     * A file being written in the sandbox. A write failure (disk full, a name the file system
     * refuses) stops the writing, not the hashing: the listing matters more than the copy.
     */
    private static final class SandboxFile {
        private final Path path;
        private final OutputStream out;
        private IOException failure;

        SandboxFile(Path path, OutputStream out) {
            this.path = path;
            this.out = out;
        }

        void write(byte[] chunk, int length) {
            if (failure == null) {
                try {
                    out.write(chunk, 0, length);
                } catch (IOException e) {
                    failure = e;
                }
            }
        }

        /** Closes the file; true when everything was written. */
        boolean close() {
            try {
                out.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            return failure == null;
        }

        IOException failure() {
            return failure;
        }

        void discard() {
            close();
            deleteQuietly(path);
        }
    }

    /** The current 7z entry's content; SevenZFile reads whichever entry is current. */
    private static final class SevenZEntryInput extends InputStream {
        private final SevenZFile sevenZ;

        SevenZEntryInput(SevenZFile sevenZ) {
            this.sevenZ = sevenZ;
        }

        @Override
        public int read() throws IOException {
            return sevenZ.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            return sevenZ.read(buffer, offset, length);
        }
    }

    /** Unwinds reading when a limit is reached; never escapes {@link #run}. */
    private abstract static class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }

    /** A local header signature that does not start a readable entry. */
    private static final class UnreadableHeader extends RuntimeException {
        UnreadableHeader(String why) {
            super(why, null, false, false);
        }
    }

    /** A global limit was reached: nothing more is read. */
    private static final class StopAll extends Stop {
    }

    /** This archive cannot be read past an entry without inflating what was refused. */
    private static final class StopArchive extends Stop {
    }
}
