package dev.unravel.triage.archive;

import java.time.Instant;

/**
 * One entry of an attached archive, as listed without extracting it. Minimal stand-in so the
 * inventory matcher compiles on its own branch; the archive package's own record replaces it.
 */
public record ArchiveEntry(
    String path,
    String container,
    long size,
    long compressedSize,
    Instant modified,
    boolean directory,
    boolean encrypted,
    boolean symlink,
    String sha256,
    String gitBlobSha1) {

  /** The last path segment. */
  public String fileName() {
    String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }
}
