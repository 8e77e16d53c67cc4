package dev.unravel.triage.archive;

/**
 * Bounds on the work {@link ArchiveReader} does for one attachment, so a hostile archive cannot
 * exhaust memory, disk or time.
 *
 * @param maxDepth how many levels of archives inside archives are opened below the top archive
 *     (0 lists nested archives without opening them)
 * @param maxEntries entries listed in all, nested ones included; beyond it the listing is truncated
 * @param maxTotalBytes inflated bytes read in all, nested archives included; beyond it reading stops
 * @param maxEntryBytes inflated bytes read from one entry; beyond it the entry is not hashed. Also
 *     bounds the memory held for a nested archive
 * @param maxRatio inflated/compressed ratio above which an entry of more than 1 MiB is a bomb
 */
public record ArchiveLimits(int maxDepth, int maxEntries, long maxTotalBytes, long maxEntryBytes, int maxRatio) {

    public ArchiveLimits {
        if (maxDepth < 0 || maxEntries < 1 || maxTotalBytes < 1 || maxEntryBytes < 1 || maxRatio < 1) {
            throw new IllegalArgumentException("archive limits must be positive (depth may be 0): " + maxDepth + ", "
                    + maxEntries + ", " + maxTotalBytes + ", " + maxEntryBytes + ", " + maxRatio);
        }
    }

    /** Depth 3, 10 000 entries, 1 GiB read in all, 256 MiB per entry, ratio 100. */
    public static ArchiveLimits defaults() {
        return new ArchiveLimits(3, 10_000, 1L << 30, 256L << 20, 100);
    }
}
