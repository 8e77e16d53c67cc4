package dev.unravel.ingest.format.records;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A résumé as plain text ({@code applicants/resumes/<applicant_id>.txt}): one {@code applicant.resume}
 * event per file, for near-duplicate detection across applicants.
 *
 * <p>The applicants reader does not open the files that {@code resume_file} names: a reader sees one
 * stream, not a file system (inside a ZIP the résumé may come before or after the CSV, or be absent),
 * and opening files by a path taken from data would be a path-traversal hazard. Résumés are read as
 * files of their own, found by the folder walk like any other, and joined by applicant id: the file's
 * name without {@code .txt} is the applicant id (as the schema names them), in {@code user} and
 * {@code applicant_id}; the {@code applicants.csv} row's {@code resume_file} ends with the same path.
 *
 * <p>Recognised by content: plain text with at least two of the section headings résumés use
 * (SUMMARY, EXPERIENCE, EDUCATION, SKILLS, ...) on lines of their own; a README or notes file has
 * not. A résumé has no date: the event carries {@link RecordKind#UNDATED}.
 */
public final class ResumeTextReader implements Reader {

    private static final Set<String> HEADINGS = Set.of("summary", "professional summary", "profile", "objective",
            "experience", "work experience", "professional experience", "employment", "employment history",
            "work history", "education", "skills", "technical skills", "projects", "certifications",
            "languages", "publications", "awards");
    private static final LogSource LOGSOURCE = LogSource.of("unravel", null, "applicants");

    @Override
    public String id() {
        return "resume-text";
    }

    @Override
    public String description() {
        return "Résumé as plain text (applicants/resumes/<applicant_id>.txt): one applicant.resume event per file";
    }

    @Override
    public int probe(Sample sample) {
        try {
            int first = sample.firstChar();
            if (first == -1 || first == '{' || first == '[' || first == '<' || sample.binaryShare() > 0.001) {
                return 0;
            }
            String firstLine = sample.firstLine();
            if (firstLine.startsWith("From ") || firstLine.matches("^[!-9;-~]+:.*")) {
                return 0; // mail, or a header block
            }
            int headings = 0;
            for (String line : sample.text().split("\n", 400)) {
                String l = line.strip().toLowerCase(Locale.ROOT);
                if (l.endsWith(":")) {
                    l = l.substring(0, l.length() - 1).strip();
                }
                if (HEADINGS.contains(l)) {
                    headings++;
                }
            }
            if (headings < 2) {
                return 0;
            }
            return Math.min(75, 45 + 5 * headings) + (sample.name().endsWith(".txt") ? 10 : 0);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        int max = input.limits().maxRecordBytes();
        byte[] bytes = input.stream().readNBytes(max);
        boolean more = input.stream().read() != -1;
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.isBlank() && !more) {
            return; // an empty file holds no record
        }
        sink.record();
        if (more) {
            sink.reject(input.error(1, 1, null, "is longer than the record limit of " + max + " bytes; a résumé is "
                    + "a few pages", text.substring(0, Math.min(text.length(), input.limits().excerptChars()))));
            return;
        }
        String base = input.name().substring(Math.max(Math.max(input.name().lastIndexOf('/'),
                input.name().lastIndexOf('\\')), input.name().lastIndexOf('!')) + 1);
        String applicantId = base.toLowerCase(Locale.ROOT).endsWith(".txt") ? base.substring(0, base.length() - 4)
                : base;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("applicant_id", applicantId);
        doc.put("file", input.name());
        doc.put("chars", text.length());
        doc.put("text", text);
        sink.accept(new Event(RecordKind.UNDATED, "applicants", "applicant.resume", LOGSOURCE, applicantId, null, null,
                doc, new EventRef(input.name(), 1)));
    }
}
