package dev.unravel.triage.inventory;

import dev.unravel.triage.archive.ArchiveEntry;

/** An archive entry recognised as one of the company's files, and how it was recognised. */
public record EntryMatch(ArchiveEntry entry, String project, String path, Method method) {

  /** Strongest evidence first. */
  public enum Method {
    /** The entry's git blob id equals an indexed file's: the very same content. */
    CONTENT_HASH,
    /** The entry's path ends with an indexed project/path: the file is ours, possibly edited. */
    PATH_SUFFIX,
    /** A distinctive file name with exactly the size of one indexed file, and no other. */
    NAME_AND_SIZE
  }
}
