/**
 * Archive attachments opened in memory so a responder sees what is inside without executing or
 * extracting anything: {@link dev.unravel.triage.archive.ArchiveReader} lists entries with their
 * SHA-256 and git blob ids (to match leaked files against the company's repositories) and reports
 * what a forensic analyst should know first ({@link dev.unravel.triage.archive.ArchiveFinding}):
 * encryption, bombs, traversal names, symlinks, damage, executables. Formats are parsed by
 * commons-compress; this package only adds the bounding and hashing around it.
 */
package dev.unravel.triage.archive;
