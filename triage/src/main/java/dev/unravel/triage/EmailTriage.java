package dev.unravel.triage;

import dev.unravel.core.Event;
import dev.unravel.ingest.format.email.EmailFiles;
import dev.unravel.triage.archive.ArchiveEntry;
import dev.unravel.triage.archive.ArchiveFinding;
import dev.unravel.triage.archive.ArchiveLimits;
import dev.unravel.triage.archive.ArchiveListing;
import dev.unravel.triage.archive.ArchiveReader;
import dev.unravel.triage.demand.DemandAssessment;
import dev.unravel.triage.demand.ExtortionLanguage;
import dev.unravel.triage.inventory.EntryMatch;
import dev.unravel.triage.inventory.Inventory;
import dev.unravel.triage.inventory.InventoryMatcher;
import dev.unravel.triage.inventory.LeakMatch;
import dev.unravel.triage.inventory.ProjectLeak;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Triage of extortion email, from the email alone (attribution to people needs the company's
 * records and logs and happens a layer up): reads every message of a file and every message
 * attached to one (a forwarded report), opens archive attachments in memory, matches their entries
 * to the company's inventory, weighs the demand, and concludes with a {@link Verdict} and the
 * reasons for it.
 *
 * <p>A leak is confirmed by the company's own files in the proof: one whose content hash matches,
 * or two matched by path. Without an inventory, or when the proof is encrypted or absent, a
 * demand stays an unconfirmed claim. An archive full of the company's files without a demand is
 * not extortion (a partner returning files), but the triage says it holds company files.
 */
public final class EmailTriage {
    /** Messages attached to messages are followed this deep. */
    public static final int MAX_NESTED_MESSAGES = 3;
    /** Attachments up to this size are opened; a larger one is listed with a note. */
    public static final long MAX_ATTACHMENT_BYTES = 128L << 20;

    /** Every message of one file, and the messages in it that could not be read. */
    public record Result(String file, List<MessageTriage> messages, List<EmailFiles.Failure> failures) {
        /** The most serious verdict among the file's messages; NOT_EXTORTION when none was read. */
        public Verdict verdict() {
            Verdict v = Verdict.NOT_EXTORTION;
            for (MessageTriage m : messages) {
                v = Verdict.worst(v, m.verdict());
            }
            return v;
        }
    }

    private final InventoryMatcher matcher;
    private final ArchiveReader archives;
    private final Path extractTo;

    /**
     * @param inventory the company's files, or null to triage without one (no leak can be confirmed)
     * @param extractTo a sandbox folder to write readable archive entries into, or null to write nothing
     */
    public EmailTriage(Inventory inventory, ArchiveLimits limits, Path extractTo) {
        this.matcher = inventory == null ? null : new InventoryMatcher(inventory);
        this.archives = new ArchiveReader(limits);
        this.extractTo = extractTo;
    }

    /** Triage of every message in {@code file} (an .eml or an mbox). */
    public Result triage(Path file) throws IOException {
        EmailFiles.Result read = EmailFiles.read(file, MAX_ATTACHMENT_BYTES);
        List<MessageTriage> out = new ArrayList<>();
        List<EmailFiles.Failure> failures = new ArrayList<>(read.failures());
        for (EmailFiles.Message m : read.messages()) {
            triage(m, null, 0, out, failures);
        }
        return new Result(file.toString(), out, failures);
    }

    private void triage(EmailFiles.Message m, String nestedIn, int depth, List<MessageTriage> out,
            List<EmailFiles.Failure> failures) throws IOException {
        out.add(triage(m, nestedIn));
        for (EmailFiles.Attachment a : m.attachments()) {
            if (!isMessage(a) || !a.kept()) {
                continue;
            }
            String chain = (nestedIn == null ? "" : nestedIn + " > ") + name(a);
            if (depth + 1 > MAX_NESTED_MESSAGES) {
                failures.add(new EmailFiles.Failure(m.file(), m.record(), "the attached message " + chain
                        + " is nested more than " + MAX_NESTED_MESSAGES + " deep; not read"));
                continue;
            }
            EmailFiles.Result inner = EmailFiles.parse(m.file(), a.content(), MAX_ATTACHMENT_BYTES);
            for (EmailFiles.Failure f : inner.failures()) {
                failures.add(new EmailFiles.Failure(m.file(), m.record(), "the attached message " + chain + ": "
                        + f.reason()));
            }
            for (EmailFiles.Message n : inner.messages()) {
                triage(new EmailFiles.Message(m.file(), m.record(), n.message(), n.attachmentEvents(),
                        n.attachments()), chain, depth + 1, out, failures);
            }
        }
    }

    /** The triage of one message, without following attached messages. */
    public MessageTriage triage(EmailFiles.Message m, String nestedIn) throws IOException {
        Event message = m.message();
        Sender sender = Sender.of(message);
        String body = message.document().get("body") instanceof String s ? s : "";
        DemandAssessment demand = ExtortionLanguage.assess(sender.subject() == null ? "" : sender.subject(), body);

        List<AttachmentReport> reports = new ArrayList<>();
        List<ArchiveEntry> entries = new ArrayList<>();
        Map<ArchiveFinding.Kind, List<ArchiveFinding>> byKind = new EnumMap<>(ArchiveFinding.Kind.class);
        for (EmailFiles.Attachment a : m.attachments()) {
            String sha256 = sha256(m, a.index());
            if (isMessage(a)) {
                reports.add(new AttachmentReport(a.index(), a.fileName(), a.contentType(), a.size(), sha256, null,
                        "an attached email: triaged on its own"));
                continue;
            }
            if (!a.kept()) {
                reports.add(new AttachmentReport(a.index(), a.fileName(), a.contentType(), a.size(), sha256, null,
                        "larger than " + (MAX_ATTACHMENT_BYTES >> 20) + " MiB: not opened"));
                continue;
            }
            byte[] head = java.util.Arrays.copyOf(a.content(), Math.min(a.content().length, 512));
            if (ArchiveReader.format(name(a), head) == null) {
                reports.add(new AttachmentReport(a.index(), a.fileName(), a.contentType(), a.size(), sha256, null,
                        null));
                continue;
            }
            ArchiveListing listing = extractTo == null ? archives.read(name(a), a.content())
                    : archives.extract(name(a), a.content(), extractTo.resolve(folderFor(m, nestedIn, a)));
            reports.add(new AttachmentReport(a.index(), a.fileName(), a.contentType(), a.size(), sha256, listing,
                    null));
            for (ArchiveEntry e : listing.entries()) {
                if (!e.directory()) {
                    entries.add(e);
                }
            }
            for (ArchiveFinding f : listing.findings()) {
                byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f);
            }
        }
        LeakMatch leak = matcher == null || entries.isEmpty() ? null : matcher.match(entries);

        List<String> reasons = new ArrayList<>();
        Verdict verdict = verdict(demand, leak, entries, byKind, reasons);
        List<String> findings = new ArrayList<>();
        byKind.forEach((kind, list) -> findings.add(finding(kind, list)));
        return new MessageTriage(m.file(), m.record(), nestedIn, sender, demand, List.copyOf(reports), leak, verdict,
                List.copyOf(reasons), List.copyOf(findings));
    }

    private Verdict verdict(DemandAssessment demand, LeakMatch leak, List<ArchiveEntry> entries,
            Map<ArchiveFinding.Kind, List<ArchiveFinding>> findings, List<String> reasons) {
        int byContent = 0;
        int byPath = 0;
        if (leak != null) {
            for (EntryMatch em : leak.matched()) {
                if (em.method() == EntryMatch.Method.CONTENT_HASH) {
                    byContent++;
                } else {
                    byPath++;
                }
            }
        }
        boolean companyFiles = byContent >= 1 || byPath >= 2;
        if (demand.extortion()) {
            reasons.add(demand.summary());
            if (companyFiles) {
                reasons.add(leakSentence(leak, byContent, byPath, entries.size()));
                return Verdict.CONFIRMED_LEAK;
            }
            if (entries.isEmpty()) {
                reasons.add("No readable proof archive is attached: nothing shows that the claim is true.");
            } else if (matcher == null) {
                reasons.add("No inventory of the company's files was given (unravel inventory build), so the "
                        + entries.size() + " files offered as proof could not be compared.");
            } else if (byPath == 1) {
                reasons.add("Only one of the " + entries.size() + " files offered as proof matched the company's "
                        + "inventory, by path: not enough to confirm.");
            } else {
                reasons.add("None of the " + entries.size() + " files offered as proof matched the company's "
                        + "inventory.");
            }
            if (findings.containsKey(ArchiveFinding.Kind.ENCRYPTED)) {
                reasons.add("The proof is encrypted: only entry names and sizes could be compared, not contents.");
            }
            return Verdict.UNCONFIRMED_CLAIM;
        }
        reasons.add(demand.score() > 0 ? "No extortion demand: " + demand.summary()
                : "No extortion demand in the subject or text.");
        if (companyFiles) {
            reasons.add("But the attachment holds company files: " + leakSentence(leak, byContent, byPath,
                    entries.size()));
        }
        if (findings.containsKey(ArchiveFinding.Kind.EXECUTABLE)) {
            reasons.add("An archive holds executables or scripts: the mark of a phishing or malware email, not of a "
                    + "data-theft proof.");
        }
        return Verdict.NOT_EXTORTION;
    }

    private static String leakSentence(LeakMatch leak, int byContent, int byPath, int offered) {
        StringBuilder s = new StringBuilder();
        s.append(byContent + byPath).append(" of the ").append(offered).append(" files offered as proof are the "
                + "company's own (").append(byContent).append(" by content hash, ").append(byPath)
                .append(" by path): ");
        List<String> parts = new ArrayList<>();
        for (ProjectLeak p : leak.projects()) {
            parts.add(p.project() + " (" + p.filesLeaked() + " of " + p.filesInProject() + " files, "
                    + String.format(Locale.ROOT, "%.1f%%", 100 * p.share()) + ")");
        }
        s.append(String.join(", ", parts)).append('.');
        return s.toString();
    }

    private static String finding(ArchiveFinding.Kind kind, List<ArchiveFinding> list) {
        String what = switch (kind) {
            case ENCRYPTED -> "encrypted entries (names listed, contents not readable)";
            case ZIP_BOMB -> "a decompression bomb (stopped, not expanded)";
            case PATH_TRAVERSAL -> "entry names that climb out of the folder (path traversal)";
            case ABSOLUTE_PATH -> "absolute entry names";
            case SYMLINK -> "symbolic links (listed, never followed)";
            case DAMAGED -> "a damaged archive (read as far as possible)";
            case NESTING_TOO_DEEP -> "archives nested too deep (not opened past the limit)";
            case TOO_MANY_ENTRIES -> "too many entries (listing truncated)";
            case UNSUPPORTED -> "entries in a compression method that cannot be read";
            case EXECUTABLE -> "executables or scripts";
        };
        ArchiveFinding first = list.get(0);
        return "Archive " + what + ": " + list.size() + (list.size() == 1 ? " finding" : " findings")
                + (first.entry() == null ? "" : ", e.g. " + first.entry())
                + (first.detail() == null ? "" : " (" + first.detail() + ")") + ".";
    }

    private static boolean isMessage(EmailFiles.Attachment a) {
        String type = a.contentType() == null ? "" : a.contentType().toLowerCase(Locale.ROOT);
        String name = a.fileName() == null ? "" : a.fileName().toLowerCase(Locale.ROOT);
        return type.equals("message/rfc822") || name.endsWith(".eml");
    }

    private static String name(EmailFiles.Attachment a) {
        return a.fileName() == null || a.fileName().isBlank() ? "attachment-" + (a.index() + 1) : a.fileName();
    }

    private static String sha256(EmailFiles.Message m, int index) {
        for (Event e : m.attachmentEvents()) {
            if (e.document().get("index") instanceof Integer i && i == index) {
                return e.document().get("sha256") instanceof String s ? s : null;
            }
        }
        return null;
    }

    /** One sandbox sub-folder per message and attachment, named from positions only (never from the email). */
    private static String folderFor(EmailFiles.Message m, String nestedIn, EmailFiles.Attachment a) {
        String file = Path.of(m.file()).getFileName().toString().replaceAll("[^A-Za-z0-9._-]", "_");
        String nested = nestedIn == null ? "" : "-nested-" + Integer.toHexString(nestedIn.hashCode());
        return file + "-" + m.record() + nested + "-attachment-" + (a.index() + 1);
    }
}
