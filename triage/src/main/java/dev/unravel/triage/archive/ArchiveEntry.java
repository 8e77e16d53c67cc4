package dev.unravel.triage.archive;

import java.time.Instant;

/**
 * One entry of an archive as stored; nothing is resolved against a file system.
 *
 * @param path the entry name as stored, '/'-separated (backslashes converted)
 * @param container "" for entries of the top archive; for nested archives the chain of entries
 *     leading to it, e.g. {@code inner.zip} or {@code inner.zip!/deeper.tar.gz}
 * @param size uncompressed bytes (the bytes actually inflated when the content was read), -1 if
 *     unknown
 * @param compressedSize -1 if unknown
 * @param modified null if unknown
 * @param sha256 hex SHA-256 of the content, null when the content was not read in full (encrypted,
 *     over a limit, damaged, unsupported)
 * @param gitBlobSha1 hex SHA-1 of {@code "blob <size>\0" + content}, git's blob id, null when not read
 */
public record ArchiveEntry(String path, String container, long size, long compressedSize, Instant modified,
                           boolean directory, boolean encrypted, boolean symlink, String sha256, String gitBlobSha1) {

    /** The last path segment ({@code "b"} for {@code "a/b"} and for the directory {@code "a/b/"}). */
    public String fileName() {
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** Where the entry is, nested archives included: {@code inner.zip!/src/Main.java}. */
    String location() {
        return container.isEmpty() ? path : container + "!/" + path;
    }
}
