package dev.unravel.triage.archive;

/**
 * Something about an archive a responder should know before trusting or opening it.
 *
 * @param kind what was found
 * @param entry where: an entry's location ({@code inner.zip!/a.txt}: the container chain, "!/", the entry path),
 *     or the archive's own location for archive-wide findings ("" for the top archive)
 * @param detail a sentence for the responder
 */
public record ArchiveFinding(Kind kind, String entry, String detail) {

    /** Kinds of findings. */
    public enum Kind {
        /** Encrypted entries (names are still listed when the format allows). */
        ENCRYPTED,
        /** Inflates beyond a limit or at a suspicious ratio; reading of it stopped. */
        ZIP_BOMB,
        /** A name with {@code ..} segments or a drive letter: extraction would escape the folder. */
        PATH_TRAVERSAL,
        /** A name starting with {@code /} or {@code C:\}. */
        ABSOLUTE_PATH,
        /** A symbolic or hard link entry; listed, never followed. */
        SYMLINK,
        /** Structure that could not be read; the entries around it are kept. */
        DAMAGED,
        /** A nested archive deeper than the depth limit; listed but not opened. */
        NESTING_TOO_DEEP,
        /** More entries than the limit; the listing is truncated. */
        TOO_MANY_ENTRIES,
        /** Not an archive, or a compression method or entry type that cannot be read. */
        UNSUPPORTED,
        /** A program or script of the kinds phishing delivers. */
        EXECUTABLE
    }
}
