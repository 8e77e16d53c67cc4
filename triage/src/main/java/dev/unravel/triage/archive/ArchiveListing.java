package dev.unravel.triage.archive;

import java.util.List;

/**
 * What an archive holds.
 *
 * @param name the attachment's name
 * @param format "zip", "7z", "tar", "tar.gz", "tar.bz2", "tar.xz", "gz", "bz2", "xz"; null when the
 *     bytes are not an archive
 * @param size bytes of the attachment
 * @param entries every entry, nested archives' entries included (with their container), in the
 *     order read: a nested archive's entries follow the entry that holds them
 * @param findings what a responder should know, in the order found
 * @param truncated true when a limit stopped the listing before the end
 */
public record ArchiveListing(String name, String format, long size, List<ArchiveEntry> entries,
                             List<ArchiveFinding> findings, boolean truncated) {

    public ArchiveListing {
        entries = List.copyOf(entries);
        findings = List.copyOf(findings);
    }
}
