package dev.unravel.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.unravel.core.Count;
import dev.unravel.core.Sha256;
import dev.unravel.core.cases.Assessment;
import dev.unravel.engine.report.EvidenceFiles;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.ingest.RecordLookup;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases.CaseFile;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A case as one ZIP to hand on — to counsel, to HR's investigator, to law enforcement — when the
 * logs it rests on will age out (a console's spool deletes its files after {@code --keep-days}):
 * the brief with the records behind the findings, the case as JSON, who looked at it (the access
 * log's entries about it), a copy of every file the findings cite, each with its SHA-256 now and as
 * the case's latest scan read it, and {@code SHA256SUMS} over all of it ({@code sha256sum -c}).
 * The export goes into the case's history with the package's own SHA-256, so the case says what
 * was handed on, by whom and when.
 */
public final class EvidencePackage {

    private EvidencePackage() {
    }

    /** References listed per file in the manifest (the rest are counted): a day's log can hold many. */
    static final int REFERENCES_LISTED = 50;

    /** What a package holds: files copied, cited files not copied (gone, a Kafka message, left out), changed since the scan. */
    public record Written(int files, int notCopied, int changed, long fileBytes, String sha256) {

        /** In words, for the history and the command's output. */
        public String describe() {
            return Count.of(files, "cited file", "cited files") + " copied (" + String.format(Locale.ROOT, "%.1f MB",
                    fileBytes / 1e6) + ")" + (notCopied == 0 ? "" : ", " + notCopied + " not") + (changed == 0 ? ""
                    : ", " + Count.of(changed, "file", "files") + " CHANGED since the scan read "
                            + (changed == 1 ? "it" : "them")) + "; SHA-256 of the package " + sha256;
        }
    }

    /**
     * Writes case {@code f}'s package to {@code out} (not closed) and records the export in the case's
     * history under {@code by}. With {@code files} false the cited files are listed, not copied.
     */
    public static Written write(CaseFile f, Store store, String by, String version,
            List<dev.unravel.ingest.read.Reader> readers, long recordFileMax, boolean files, OutputStream out)
            throws IOException {
        long id = f.summary().id();
        if (f.summary().forgotten()) {
            throw new IllegalArgumentException("case " + id + "'s person was forgotten: there is nothing to export");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        java.security.MessageDigest packageSha = Sha256.digest();
        java.security.DigestOutputStream whole = new java.security.DigestOutputStream(out, packageSha);
        Map<String, String> sums = new LinkedHashMap<>();
        ObjectNode manifest = ReportJson.mapper().createObjectNode();
        manifest.put("schema", "unravel.evidence/1");
        manifest.put("case", id);
        manifest.put("kind", f.summary().kind());
        manifest.put("person_id", f.summary().personId());
        manifest.put("name", f.summary().name());
        manifest.put("exported_at", now.toString());
        manifest.put("exported_by", by);
        manifest.put("unravel_version", version);
        manifest.put("store", store.description());
        manifest.put("compared_with_scan", f.summary().lastScan());
        int copied = 0;
        int notCopied = 0;
        int changed = 0;
        long bytes = 0;
        try (ZipOutputStream zip = new ZipOutputStream(new NonClosing(whole), StandardCharsets.UTF_8)) {
            zip.setComment("Unravel evidence package of case " + id + ", exported " + now + " by " + by);
            put(zip, sums, "brief.html", CaseBrief.withRecords(f, store, by, version, readers, recordFileMax).html()
                    .getBytes(StandardCharsets.UTF_8));
            Map<String, Object> json = CaseJson.of(f, CaseChecks.of(store, id));
            json.put("shared_with", store.caseViewers(id).stream().map(Store.CaseViewer::viewer).toList());
            put(zip, sums, "case.json", ReportJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            StringBuilder access = new StringBuilder();
            com.fasterxml.jackson.databind.ObjectWriter oneLine = ReportJson.mapper().writer()
                    .without(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT);
            for (Store.AccessEntry e : store.caseAccess(id)) {
                ObjectNode line = ReportJson.mapper().createObjectNode();
                line.put("at", e.at().toString());
                line.put("analyst", e.analyst());
                line.put("address", e.address());
                line.put("action", e.action());
                line.put("target", e.target());
                access.append(oneLine.writeValueAsString(line)).append('\n');
            }
            put(zip, sums, "access-log.ndjson", access.toString().getBytes(StandardCharsets.UTF_8));

            Map<String, Report.EvidenceFile> kept = fingerprints(store, f.summary().lastScan());
            ArrayNode listed = manifest.putArray("files");
            int n = 0;
            for (Map.Entry<String, List<String>> cited : citedFiles(f).entrySet()) {
                n++;
                String original = cited.getKey();
                ObjectNode entry = listed.addObject();
                entry.put("path", original);
                entry.put("records_cited", cited.getValue().size());
                ArrayNode refs = entry.putArray("references");
                cited.getValue().stream().limit(REFERENCES_LISTED).forEach(refs::add);
                Report.EvidenceFile then = kept.get(EvidenceFiles.key(original));
                entry.put("sha256_at_scan", then == null ? null : then.sha256());
                Path file = original.startsWith("kafka:") ? null : Path.of(original);
                if (file == null || !Files.isRegularFile(file)) {
                    notCopied++;
                    entry.put("state", "not copied");
                    entry.put("why", file == null ? "a Kafka message: Kafka keeps it, not a file"
                            : "no such file now (removed after the spool's --keep-days, or moved)");
                    continue;
                }
                if (!files) {
                    notCopied++;
                    entry.put("state", "not copied");
                    entry.put("why", "left out when exporting (--no-files)");
                    entry.put("bytes", Files.size(file));
                    continue;
                }
                String name = String.format(Locale.ROOT, "files/%03d-%s", n, safe(file.getFileName().toString()));
                InputStream in;
                try {
                    in = Files.newInputStream(file); // opened before its entry: one that cannot be read is listed
                } catch (IOException e) {
                    notCopied++;
                    entry.put("state", "not copied");
                    entry.put("why", "cannot be read: " + e);
                    continue;
                }
                zip.putNextEntry(entry(name, Files.getLastModifiedTime(file).toMillis()));
                java.security.MessageDigest fileSha = Sha256.digest();
                long size;
                try (in) {
                    size = in.transferTo(new java.security.DigestOutputStream(new NonClosing(zip), fileSha));
                }
                zip.closeEntry();
                String sha = Sha256.hex(fileSha);
                sums.put(name, sha);
                copied++;
                bytes += size;
                entry.put("in_package", name);
                entry.put("bytes", size);
                entry.put("sha256", sha);
                entry.put("modified", Files.getLastModifiedTime(file).toInstant().toString());
                String state = then == null || then.sha256() == null ? "not fingerprinted"
                        : then.sha256().equals(sha) ? "unchanged" : "CHANGED";
                if (state.equals("CHANGED")) {
                    changed++;
                }
                entry.put("state", state);
            }
            put(zip, sums, "manifest.json", ReportJson.mapper().writerWithDefaultPrettyPrinter()
                    .writeValueAsBytes(manifest));
            put(zip, sums, "README.txt", readme(f, by, now, version, copied, notCopied, changed)
                    .getBytes(StandardCharsets.UTF_8));
            StringBuilder lines = new StringBuilder();
            sums.forEach((name, sha) -> lines.append(sha).append("  ").append(name).append('\n'));
            zip.putNextEntry(entry("SHA256SUMS", System.currentTimeMillis()));
            zip.write(lines.toString().getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        Written w = new Written(copied, notCopied, changed, bytes, Sha256.hex(packageSha));
        store.recordExport(id, "Exported the evidence package: " + w.describe() + ".", by);
        return w;
    }

    /** Each file the findings cite (a reference's container: an archive for its entries), with its references. */
    static Map<String, List<String>> citedFiles(CaseFile f) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (Assessment.Finding g : f.signals()) {
            for (String ref : g.evidence()) {
                String container = ref.startsWith("kafka:") ? ref.substring(0, Math.max(ref.lastIndexOf('#'), 0))
                        : RecordLookup.containerOf(ref);
                if (container != null && !container.isEmpty()) {
                    List<String> refs = out.computeIfAbsent(container, k -> new ArrayList<>());
                    if (!refs.contains(ref)) {
                        refs.add(ref);
                    }
                }
            }
        }
        return out;
    }

    private static Map<String, Report.EvidenceFile> fingerprints(Store store, long scan) {
        try {
            java.util.Optional<String> report = store.report(scan);
            return report.isPresent() ? EvidenceFiles.of(report.get()) : Map.of();
        } catch (IOException e) {
            return Map.of(); // a report that does not read kept nothing to compare with: "not fingerprinted"
        }
    }

    private static String readme(CaseFile f, String by, OffsetDateTime now, String version, int copied, int notCopied,
            int changed) {
        return "Unravel evidence package: case " + f.summary().id() + ", " + f.summary().kind() + " "
                + f.summary().personId() + (f.summary().name() == null ? "" : " (" + f.summary().name() + ")") + "\n"
                + "Exported " + now + " by " + by + " with Unravel " + version + ".\n\n"
                + "brief.html         the case for HR, legal or management, with the record behind every finding\n"
                + "                   (identity and bank numbers masked), printable\n"
                + "case.json          the case: findings with their evidence, scores, ties, steps, history\n"
                + "access-log.ndjson  who opened, changed or exported this case, and when\n"
                + "files/             a copy of each file the findings cite, as it was when exported\n"
                + "manifest.json      each cited file: its path, SHA-256 now and as the scan read it, and whether it\n"
                + "                   changed since; the files not copied, and why\n"
                + "SHA256SUMS         the SHA-256 of every file above: check with  sha256sum -c SHA256SUMS\n\n"
                + copied + " cited files copied, " + notCopied + " not copied"
                + (changed == 0 ? "." : "; " + changed + " CHANGED since the scan read them (see manifest.json): "
                        + "the records in them may not be the ones the findings rest on.") + "\n"
                + "No single finding is proof; the brief says what each shows and what to rule out.\n";
    }

    private static void put(ZipOutputStream zip, Map<String, String> sums, String name, byte[] content)
            throws IOException {
        zip.putNextEntry(entry(name, System.currentTimeMillis()));
        zip.write(content);
        zip.closeEntry();
        sums.put(name, Sha256.hex(content));
    }

    private static ZipEntry entry(String name, long time) {
        ZipEntry e = new ZipEntry(name);
        e.setTime(time);
        return e;
    }

    /** A file name safe in a ZIP on any system: no separators or control characters, not too long. */
    static String safe(String name) {
        String s = name.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
        return s.length() <= 120 ? s : s.substring(0, 120);
    }

    /** Keeps the stream under a ZIP (or an entry) open when the ZIP closes: the caller owns it. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
