package dev.unravel.triage;

import dev.unravel.triage.archive.ArchiveListing;

/**
 * One attachment as the triage saw it.
 *
 * @param archive what is inside when it is an archive, else null
 * @param note    why it was not opened, when it was not (too large, not an archive), else null
 */
public record AttachmentReport(int index, String fileName, String contentType, long size, String sha256,
        ArchiveListing archive, String note) {
}
