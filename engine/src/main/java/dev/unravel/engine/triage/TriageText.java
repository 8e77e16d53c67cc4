package dev.unravel.engine.triage;

import dev.unravel.detect.extort.SenderTie;
import dev.unravel.detect.extort.Suspect;
import dev.unravel.ingest.format.email.EmailFiles;
import dev.unravel.triage.AttachmentReport;
import dev.unravel.triage.MessageTriage;
import dev.unravel.triage.Sender;
import dev.unravel.triage.demand.CryptoAddress;
import dev.unravel.triage.inventory.ProjectLeak;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The triage for a terminal: per email the verdict, then an evidence table a responder can read out. */
public final class TriageText {
    /** Suspects printed per email; the JSON has them all. */
    static final int SUSPECTS_SHOWN = 5;

    private TriageText() {
    }

    public static void print(TriageRun.Result r, PrintWriter w) {
        print(r, w, true);
    }

    /** As {@link #print(TriageRun.Result, PrintWriter)}; with {@code all} false, only the extortion emails in full. */
    public static void print(TriageRun.Result r, PrintWriter w, boolean all) {
        for (TriageRun.Triaged t : r.emails()) {
            if (all || t.triage().verdict() != dev.unravel.triage.Verdict.NOT_EXTORTION) {
                email(t, r.logs() != null, r::listed, w);
                w.println();
            }
        }
        for (EmailFiles.Failure f : r.failures()) {
            w.printf("%s%s: not read: %s%n", f.file(), f.record() > 0 ? " #" + f.record() : "", f.reason());
        }
        long confirmed = r.emails().stream().filter(t -> t.triage().verdict() == dev.unravel.triage.Verdict.CONFIRMED_LEAK)
                .count();
        long claims = r.emails().stream().filter(t -> t.triage().verdict() == dev.unravel.triage.Verdict.UNCONFIRMED_CLAIM)
                .count();
        w.printf("%d email%s triaged: %d confirmed leak%s, %d unconfirmed claim%s, %d not extortion%s.%n",
                r.emails().size(), r.emails().size() == 1 ? "" : "s", confirmed, confirmed == 1 ? "" : "s", claims,
                claims == 1 ? "" : "s", r.emails().size() - confirmed - claims,
                r.failures().isEmpty() ? "" : "; " + r.failures().size() + " could not be read");
        if (r.logs() != null) {
            w.printf("Attributed with %,d log files: %,d events, %,d workers known%s.%n", r.logs().files(),
                    r.logs().events(), r.logs().workers(), r.logs().quarantined() == 0 ? ""
                            : "; " + String.format("%,d", r.logs().quarantined()) + " records rejected (unravel ingest "
                                    + "check names them)");
        }
        if (r.inventory() == null) {
            w.println("No --inventory: a leak cannot be confirmed. Build one with: unravel inventory build --repo PATH "
                    + "--out inventory.jsonl.gz");
        }
    }

    static void email(TriageRun.Triaged t, boolean attributed, java.util.function.Function<String, String> listed,
            PrintWriter w) {
        MessageTriage m = t.triage();
        Sender s = m.sender();
        w.printf("%s%s%s — %s%n", m.file(), m.record() > 1 ? " #" + m.record() : "",
                m.nestedIn() == null ? "" : " (attached: " + m.nestedIn() + ")",
                m.verdict().label().toUpperCase(Locale.ROOT));
        row(w, "From", (s.fromName() == null ? "" : s.fromName() + " ") + "<" + s.from() + ">"
                + (s.replyTo().isEmpty() ? "" : "  reply-to " + String.join(", ", s.replyTo())));
        row(w, "Sent", (s.time() == null ? "?" : s.time().toString()) + (s.ips().isEmpty() ? ""
                : "  from " + String.join(", ", s.ips())));
        row(w, "Subject", s.subject() == null ? "(none)" : s.subject());
        String summary = m.demand().summary();
        row(w, "Demand", summary.contains("score") ? summary
                : summary + String.format(Locale.ROOT, " (score %.2f)", m.demand().score()));
        for (CryptoAddress a : m.demand().addresses()) {
            String where = listed.apply(a.address());
            row(w, "Wallet", a.address() + "  " + a.chain().name().toLowerCase(Locale.ROOT) + " " + a.kind()
                    + (a.checksumValid() ? ", checksum valid" : ", CHECKSUM INVALID") + (where == null ? ""
                            : "; ON A PUBLISHED LIST: " + where + " (paying it may breach sanctions: tell counsel)"));
        }
        for (AttachmentReport a : m.attachments()) {
            String what = a.archive() != null ? a.archive().format() + ", " + a.archive().entries().size() + " entries"
                    + (a.archive().truncated() ? " (truncated)" : "")
                    : a.note() != null ? a.note() : a.contentType();
            row(w, "Attachment", a.fileName() + " (" + String.format(Locale.ROOT, "%,d", a.size()) + " bytes; " + what
                    + ")");
        }
        if (m.leak() != null) {
            List<String> parts = new ArrayList<>();
            for (ProjectLeak p : m.leak().projects()) {
                parts.add(p.project() + " " + p.filesLeaked() + "/" + p.filesInProject()
                        + String.format(Locale.ROOT, " (%.1f%%)", 100 * p.share()));
            }
            row(w, "Leaked", m.leak().matched().size() + " of " + (m.leak().matched().size()
                    + m.leak().unmatched().size()) + " files are the company's"
                    + (parts.isEmpty() ? "" : ": " + String.join(", ", parts)));
        }
        for (String f : m.findings()) {
            row(w, "Finding", f);
        }
        for (String why : m.reasons()) {
            if (!why.equals(m.demand().summary())) { // already on the Demand row
                row(w, "Why", why);
            }
        }
        if (attributed && (m.demand().extortion() || !m.leakedProjects().isEmpty())) {
            if (t.suspects().isEmpty()) {
                row(w, "Suspects", "none: nobody in the records is tied to the sender or took the leaked repositories");
            }
            int n = 0;
            for (Suspect su : t.suspects()) {
                if (++n > SUSPECTS_SHOWN) {
                    row(w, "", "... " + (t.suspects().size() - SUSPECTS_SHOWN) + " more in the JSON");
                    break;
                }
                row(w, n == 1 ? "Suspects" : "", n + ". " + su.workerId() + " " + (su.name() == null ? "" : su.name())
                        + (su.terminated() == null ? ", still employed" : ", left " + su.terminated()
                                + (su.terminationReason() == null ? "" : " (" + su.terminationReason() + ")"))
                        + String.format(Locale.ROOT, "  score %.2f", su.score()));
                for (SenderTie tie : su.ties()) {
                    row(w, "", "     " + tie.detail());
                }
                if (!su.access().isEmpty()) {
                    java.time.Instant first = su.access().stream().map(Suspect.RepoAccess::first)
                            .filter(java.util.Objects::nonNull).min(java.util.Comparator.naturalOrder()).orElse(null);
                    row(w, "", "     took " + su.access().size() + " of the " + m.leakedProjects().size()
                            + " leaked repositories (" + String.join(", ", su.access().stream()
                                    .map(Suspect.RepoAccess::repo).toList()) + ")"
                            + (first == null ? "" : ", first on " + first));
                }
            }
        }
    }

    private static void row(PrintWriter w, String label, String value) {
        w.printf("  %-11s %s%n", label, value);
    }
}
