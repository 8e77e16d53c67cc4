package dev.unravel.triage.inventory;

/**
 * One file the company owns: which project, its path inside the project ('/'-separated), its size
 * in bytes and its git blob id (SHA-1 of {@code "blob <size>\0" + content}). No content is kept.
 */
public record InventoryFile(String project, String path, long size, String gitBlobSha1) {

  /** The last path segment. */
  public String fileName() {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
