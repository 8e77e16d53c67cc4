package dev.unravel.triage.archive;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.compress.archivers.tar.TarUtils;

/**
 * Lists what an archive attachment holds without executing or (unless asked) extracting anything.
 * Everything happens in memory, bounded by {@link ArchiveLimits}: inflated bytes are counted as
 * they are read and streamed through SHA-256 and git blob digests; only a nested archive is held,
 * up to {@link ArchiveLimits#maxEntryBytes()}. Bad content never throws: it becomes a finding, and
 * the entries read around it are kept. Instances are immutable and may be shared between threads.
 */
public final class ArchiveReader {

    private static final byte[] ZIP_LOCAL = {'P', 'K', 3, 4};
    private static final byte[] ZIP_EMPTY = {'P', 'K', 5, 6};
    private static final byte[] ZIP_SPANNED = {'P', 'K', 7, 8};
    private static final byte[] SEVEN_Z = {'7', 'z', (byte) 0xBC, (byte) 0xAF, 0x27, 0x1C};
    private static final byte[] GZIP = {0x1F, (byte) 0x8B};
    private static final byte[] BZIP2 = {'B', 'Z', 'h'};
    private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] USTAR = {'u', 's', 't', 'a', 'r'};
    private static final int USTAR_OFFSET = 257;
    private static final int TAR_BLOCK = 512;

    private final ArchiveLimits limits;

    public ArchiveReader(ArchiveLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * The archive format of a file: by magic bytes first, the name only as a hint where the magic
     * cannot decide (a compressed stream too short to peek into, a tar without the ustar magic, a
     * zip behind a self-extractor stub). Null when it is not an archive.
     *
     * @param name the file name, may be null
     * @param head the first bytes of the file (the whole file is fine; 4 KiB is enough)
     * @return "zip", "7z", "tar", "tar.gz", "tar.bz2", "tar.xz", "gz", "bz2", "xz" or null
     */
    public static String format(String name, byte[] head) {
        byte[] bytes = head == null ? new byte[0] : head;
        String lowerName = name == null ? "" : name.toLowerCase(Locale.ROOT);
        if (startsWith(bytes, ZIP_LOCAL) || startsWith(bytes, ZIP_EMPTY) || startsWith(bytes, ZIP_SPANNED)) {
            return "zip";
        }
        if (startsWith(bytes, SEVEN_Z)) {
            return "7z";
        }
        if (startsWith(bytes, XZ)) {
            return compressedFormat("xz", bytes, lowerName, ".tar.xz", ".txz");
        }
        if (startsWith(bytes, GZIP)) {
            return compressedFormat("gz", bytes, lowerName, ".tar.gz", ".tgz");
        }
        if (startsWith(bytes, BZIP2) && bytes.length > 3 && bytes[3] >= '1' && bytes[3] <= '9') {
            return compressedFormat("bz2", bytes, lowerName, ".tar.bz2", ".tbz2", ".tbz");
        }
        if (isTar(bytes, lowerName)) {
            return "tar";
        }
        // a zip behind a self-extractor stub or junk still opens from its central directory
        if (lowerName.endsWith(".zip") && indexOf(bytes, ZIP_LOCAL) > 0) {
            return "zip";
        }
        return null;
    }

    /** Lists the archive's entries (nested archives included) and what a responder should know. */
    public ArchiveListing read(String name, byte[] bytes) {
        return new Inspection(limits, null).run(name == null ? "" : name, bytes == null ? new byte[0] : bytes);
    }

    /**
     * Lists like {@link #read} and also writes the top archive's readable regular entries under
     * {@code sandbox} (created if missing). Nothing is written outside it: names that climb out,
     * are absolute or carry drive letters are refused (they are findings), links are never
     * written, files are created new and never overwritten, and each parent folder is checked by
     * its real path. Nested archives are written as files, not expanded. Entries not read in full
     * (encrypted, over a limit, damaged) leave no file behind.
     *
     * @throws IOException when the sandbox itself cannot be created or is not a folder
     */
    public ArchiveListing extract(String name, byte[] bytes, Path sandbox) throws IOException {
        Objects.requireNonNull(sandbox, "sandbox");
        Files.createDirectories(sandbox);
        if (!Files.isDirectory(sandbox, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(sandbox)) {
            throw new IOException("sandbox is not a folder: " + sandbox);
        }
        return new Inspection(limits, sandbox.toRealPath())
                .run(name == null ? "" : name, bytes == null ? new byte[0] : bytes);
    }

    private static String compressedFormat(String bare, byte[] head, String lowerName, String... tarSuffixes) {
        byte[] inner = peekDecompressed(bare, head);
        if (inner == null) {
            // the head is too short to tell: trust the name
            for (String suffix : tarSuffixes) {
                if (lowerName.endsWith(suffix)) {
                    return "tar." + bare;
                }
            }
            return bare;
        }
        return isTar(inner, lowerName.replaceAll("\\.(gz|bz2|xz)$", "")) ? "tar." + bare : bare;
    }

    /** The first tar block of a compressed stream, or null when the head ends before it. */
    private static byte[] peekDecompressed(String compression, byte[] head) {
        byte[] block = new byte[TAR_BLOCK];
        int read = 0;
        try (InputStream in = Inspection.decompress(compression, new ByteArrayInputStream(head))) {
            while (read < block.length) {
                int n = in.read(block, read, block.length - read);
                if (n < 0) {
                    return Arrays.copyOf(block, read); // a complete stream shorter than a tar block
                }
                read += n;
            }
            return block;
        } catch (IOException | RuntimeException | LinkageError e) {
            return read >= USTAR_OFFSET + USTAR.length ? Arrays.copyOf(block, read) : null;
        }
    }

    private static boolean isTar(byte[] head, String lowerName) {
        if (head.length >= USTAR_OFFSET + USTAR.length
                && Arrays.equals(head, USTAR_OFFSET, USTAR_OFFSET + USTAR.length, USTAR, 0, USTAR.length)) {
            return true;
        }
        // pre-POSIX tars have no magic: only the header checksum can confirm the name
        return lowerName.endsWith(".tar") && head.length >= TAR_BLOCK && checksumMatches(head);
    }

    private static boolean checksumMatches(byte[] head) {
        try {
            return TarUtils.verifyCheckSum(Arrays.copyOf(head, TAR_BLOCK));
        } catch (IllegalArgumentException notOctal) {
            return false;
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        return bytes.length >= prefix.length && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static int indexOf(byte[] bytes, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
