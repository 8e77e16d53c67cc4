package dev.unravel.engine.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.ingest.RecordLookup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether a record shown now comes from the file a scan cited, unchanged: the report keeps each
 * cited file's SHA-256 ({@link Report.EvidenceFile}), and the file read again is hashed and
 * compared. What HR or legal is shown must be the record the finding rests on.
 */
public final class EvidenceFiles {

    private EvidenceFiles() {
    }

    /** The fingerprints a report kept, by path; empty for a report written before they were kept. */
    public static Map<String, Report.EvidenceFile> of(Report report) {
        Map<String, Report.EvidenceFile> out = new LinkedHashMap<>();
        for (Report.EvidenceFile f : report.evidenceFiles()) {
            out.put(key(f.path()), f);
        }
        return out;
    }

    /** The fingerprints in a report's JSON (as the store keeps it), without reading the rest of it into objects. */
    public static Map<String, Report.EvidenceFile> of(String reportJson) throws IOException {
        Map<String, Report.EvidenceFile> out = new LinkedHashMap<>();
        JsonNode files = ReportJson.mapper().readTree(reportJson).path("evidence_files");
        for (JsonNode f : files) {
            out.put(key(f.path("path").asText()), new Report.EvidenceFile(f.path("path").asText(), f.path("bytes").asLong(),
                    f.path("modified").asText(null), f.path("sha256").asText(null)));
        }
        return out;
    }

    /** What comparing a record's file with its fingerprint found. */
    public enum State {
        /** The file's SHA-256 is the one the scan kept. */
        UNCHANGED,
        /** It differs: the record shown may not be the one the finding rests on. */
        CHANGED,
        /** The scan kept no fingerprint of the file (an older or pruned report, a file not cited). */
        NOT_FINGERPRINTED,
        /** The file could not be read to compare. */
        UNREADABLE
    }

    /** A comparison's outcome, and the sentence that says it. */
    public record Verdict(State state, String text) {
    }

    /**
     * Whether the file {@code found} was read from is the one {@code scan} (its name in the sentence:
     * "scan 12", "the report") fingerprinted.
     */
    public static Verdict verdict(RecordLookup.Found found, Map<String, Report.EvidenceFile> kept, String scan) {
        String container = found.container();
        Report.EvidenceFile then = kept.get(key(container));
        if (then == null || then.sha256() == null) {
            return new Verdict(State.NOT_FINGERPRINTED, "The file last changed " + found.modified() + "; " + scan
                    + " kept no fingerprint of it, so it cannot be told unchanged.");
        }
        String now;
        try {
            now = RecordLookup.sha256(Path.of(container));
        } catch (IOException e) {
            return new Verdict(State.UNREADABLE, "The file cannot be read to compare with " + scan + ": "
                    + e.getMessage());
        }
        if (now.equals(then.sha256())) {
            return new Verdict(State.UNCHANGED, "The file is as " + scan + " read it (SHA-256 " + brief(now) + ").");
        }
        return new Verdict(State.CHANGED, "The file has CHANGED since " + scan + " read it (SHA-256 then "
                + brief(then.sha256()) + ", now " + brief(now) + "; last changed " + found.modified() + "): this may "
                + "not be the record the finding rests on.");
    }

    /**
     * {@link #verdict} for many records, each file hashed once however many of its records are shown
     * (a brief cites a day's log file for several findings).
     */
    public static java.util.function.Function<RecordLookup.Found, Verdict> checker(
            Map<String, Report.EvidenceFile> kept, String scan) {
        Map<String, Verdict> byFile = new java.util.HashMap<>();
        return found -> byFile.computeIfAbsent(key(found.container()), file -> verdict(found, kept, scan));
    }

    /** A path as the lookups compare it: absolute and normal, however the scan or the reference spelt it. */
    public static String key(String path) {
        try {
            return Path.of(path).toAbsolutePath().normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return path;
        }
    }

    private static String brief(String sha) {
        return sha.length() <= 16 ? sha : sha.substring(0, 12) + "…" + sha.substring(sha.length() - 4);
    }
}
