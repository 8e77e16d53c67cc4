package dev.unravel.engine.triage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.unravel.detect.extort.SenderTie;
import dev.unravel.detect.extort.Suspect;
import dev.unravel.ingest.format.email.EmailFiles;
import dev.unravel.triage.AttachmentReport;
import dev.unravel.triage.MessageTriage;
import dev.unravel.triage.Sender;
import dev.unravel.triage.archive.ArchiveFinding;
import dev.unravel.triage.demand.Amount;
import dev.unravel.triage.demand.CryptoAddress;
import dev.unravel.triage.demand.Cue;
import dev.unravel.triage.inventory.EntryMatch;
import dev.unravel.triage.inventory.LeakMatch;
import dev.unravel.triage.inventory.ProjectLeak;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The triage as JSON, schema {@value #SCHEMA}: one object per email (attached emails included)
 * with its verdict, reasons, sender, demand, attachments, leak and suspects. Documented in the
 * README; keys are snake_case and only ever added within a schema version.
 */
public final class TriageJson {
    public static final String SCHEMA = "unravel.triage/1";
    /** Matched and unmatched entries listed per email; the counts are always complete. */
    static final int MAX_ENTRIES_LISTED = 1000;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TriageJson() {
    }

    /** Writes through a temporary file and renames, so a reader never sees half a file. */
    public static void write(TriageRun.Result result, Path file) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            MAPPER.writeValue(out, tree(result, Instant.now()));
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static Map<String, Object> tree(TriageRun.Result r, Instant generated) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schema", SCHEMA);
        root.put("generated_at", generated.toString());
        if (r.inventory() != null) {
            root.put("inventory", Map.of("file", String.valueOf(r.inventoryFile()), "projects",
                    r.inventory().projects().size(), "files", r.inventory().size()));
        } else {
            root.put("inventory", null);
        }
        if (r.logs() != null) {
            Map<String, Object> logs = new LinkedHashMap<>();
            logs.put("files", r.logs().files());
            logs.put("events", r.logs().events());
            logs.put("workers", r.logs().workers());
            logs.put("quarantined", r.logs().quarantined());
            root.put("logs", logs);
        } else {
            root.put("logs", null);
        }
        List<Object> emails = new ArrayList<>();
        for (TriageRun.Triaged t : r.emails()) {
            emails.add(email(t, r::listed));
        }
        root.put("emails", emails);
        List<Object> failures = new ArrayList<>();
        for (EmailFiles.Failure f : r.failures()) {
            failures.add(Map.of("file", f.file(), "record", f.record(), "reason", f.reason()));
        }
        root.put("failures", failures);
        return root;
    }

    private static Map<String, Object> email(TriageRun.Triaged t, java.util.function.Function<String, String> listed) {
        MessageTriage m = t.triage();
        Sender s = m.sender();
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("file", m.file());
        e.put("record", m.record());
        e.put("nested_in", m.nestedIn());
        e.put("verdict", m.verdict().name().toLowerCase(Locale.ROOT));
        e.put("reasons", m.reasons());
        e.put("findings", m.findings());
        e.put("message_id", s.messageId());
        e.put("date", s.time() == null ? null : s.time().toString());
        e.put("subject", s.subject());
        e.put("from", s.from());
        e.put("from_name", s.fromName());
        e.put("reply_to", s.replyTo());
        e.put("return_path", s.returnPath());
        e.put("to", s.to());
        e.put("sender_ips", s.ips());

        Map<String, Object> demand = new LinkedHashMap<>();
        demand.put("extortion", m.demand().extortion());
        demand.put("score", round(m.demand().score()));
        demand.put("summary", m.demand().summary());
        List<Object> cues = new ArrayList<>();
        for (Cue c : m.demand().cues()) {
            cues.add(Map.of("kind", c.kind().name().toLowerCase(Locale.ROOT), "weight", round(c.weight()), "quote",
                    c.quote()));
        }
        demand.put("cues", cues);
        List<Object> wallets = new ArrayList<>();
        for (CryptoAddress a : m.demand().addresses()) {
            Map<String, Object> wallet = new LinkedHashMap<>();
            wallet.put("chain", a.chain().name().toLowerCase(Locale.ROOT));
            wallet.put("kind", a.kind());
            wallet.put("address", a.address());
            wallet.put("checksum_valid", a.checksumValid());
            wallet.put("listed", listed.apply(a.address()));
            wallets.add(wallet);
        }
        demand.put("wallets", wallets);
        List<Object> amounts = new ArrayList<>();
        for (Amount a : m.demand().amounts()) {
            amounts.add(Map.of("currency", a.currency(), "value", a.value().toPlainString(), "text", a.text()));
        }
        demand.put("amounts", amounts);
        e.put("demand", demand);

        List<Object> attachments = new ArrayList<>();
        for (AttachmentReport a : m.attachments()) {
            Map<String, Object> at = new LinkedHashMap<>();
            at.put("file_name", a.fileName());
            at.put("content_type", a.contentType());
            at.put("size", a.size());
            at.put("sha256", a.sha256());
            at.put("note", a.note());
            if (a.archive() != null) {
                Map<String, Object> ar = new LinkedHashMap<>();
                ar.put("format", a.archive().format());
                ar.put("entries", a.archive().entries().size());
                ar.put("truncated", a.archive().truncated());
                List<Object> findings = new ArrayList<>();
                for (ArchiveFinding f : a.archive().findings()) {
                    Map<String, Object> fm = new LinkedHashMap<>();
                    fm.put("kind", f.kind().name().toLowerCase(Locale.ROOT));
                    fm.put("entry", f.entry());
                    fm.put("detail", f.detail());
                    findings.add(fm);
                }
                ar.put("findings", findings);
                at.put("archive", ar);
            } else {
                at.put("archive", null);
            }
            attachments.add(at);
        }
        e.put("attachments", attachments);
        e.put("leak", m.leak() == null ? null : leak(m.leak()));

        List<Object> suspects = new ArrayList<>();
        for (Suspect su : t.suspects()) {
            Map<String, Object> sm = new LinkedHashMap<>();
            sm.put("worker_id", su.workerId());
            sm.put("name", su.name());
            sm.put("terminated", su.terminated() == null ? null : su.terminated().toString());
            sm.put("termination_reason", su.terminationReason());
            sm.put("score", round(su.score()));
            List<Object> ties = new ArrayList<>();
            for (SenderTie tie : su.ties()) {
                ties.add(Map.of("kind", tie.kind().name().toLowerCase(Locale.ROOT), "strength", round(tie.strength()),
                        "detail", tie.detail()));
            }
            sm.put("ties", ties);
            List<Object> repos = new ArrayList<>();
            for (Suspect.RepoAccess ra : su.access()) {
                repos.add(Map.of("repo", ra.repo(), "events", ra.events(), "first", String.valueOf(ra.first()), "last",
                        String.valueOf(ra.last())));
            }
            sm.put("repositories", repos);
            suspects.add(sm);
        }
        e.put("suspects", suspects);
        return e;
    }

    private static Map<String, Object> leak(LeakMatch leak) {
        Map<String, Object> l = new LinkedHashMap<>();
        l.put("files_offered", leak.matched().size() + leak.unmatched().size());
        l.put("files_matched", leak.matched().size());
        l.put("matched_share", round(leak.matchedShare()));
        List<Object> projects = new ArrayList<>();
        for (ProjectLeak p : leak.projects()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("project", p.project());
            pm.put("files_leaked", p.filesLeaked());
            pm.put("files_in_project", p.filesInProject());
            pm.put("share", round(p.share()));
            pm.put("sample_paths", p.samplePaths());
            projects.add(pm);
        }
        l.put("projects", projects);
        List<Object> matched = new ArrayList<>();
        for (EntryMatch em : leak.matched().subList(0, Math.min(leak.matched().size(), MAX_ENTRIES_LISTED))) {
            Map<String, Object> mm = new LinkedHashMap<>();
            mm.put("entry", em.entry().path());
            mm.put("container", em.entry().container());
            mm.put("project", em.project());
            mm.put("path", em.path());
            mm.put("method", em.method().name().toLowerCase(Locale.ROOT));
            matched.add(mm);
        }
        l.put("matched", matched);
        List<Object> unmatched = new ArrayList<>();
        leak.unmatched().stream().limit(MAX_ENTRIES_LISTED).forEach(u -> unmatched.add(u.path()));
        l.put("unmatched", unmatched);
        return l;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
