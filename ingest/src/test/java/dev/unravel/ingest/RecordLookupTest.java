package dev.unravel.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.ingest.format.github.GithubAuditReaderTest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Evidence references read back to the vendor's record, as a scan cited it. */
class RecordLookupTest {

    @TempDir
    Path tmp;

    static final String CLONE = GithubAuditReaderTest.CLONE;
    static final String PUSH = CLONE.replace("git.clone", "git.push").replace("1772413931123", "1772413990000");
    static final String UNDATED = CLONE.replace("\"@timestamp\":1772413931123,", "")
            .replace("\"created_at\":1772413931123,", "");

    /** The references a scan of {@code paths} makes, in reading order. */
    static List<String> refs(Path... paths) throws Exception {
        List<String> refs = new java.util.ArrayList<>();
        new Ingest(null, dev.unravel.ingest.read.Limits.DEFAULT, Quarantine.NONE, e -> refs.add(e.origin().toString()),
                3).run(List.of(paths));
        return refs;
    }

    @Test
    void aReferenceAsAScanMadeIt_givesTheVendorsRecord_inAFileOrAnArchive() throws Exception {
        Path file = Files.writeString(tmp.resolve("audit.ndjson"), CLONE + "\n" + UNDATED + "\n" + PUSH + "\n");
        List<String> cited = refs(file);
        assertThat(cited).containsExactly(file + "#1", file + "#3");

        RecordLookup.Found push = RecordLookup.find(cited.get(1), List.of());
        assertThat(push.format()).isEqualTo("github-audit");
        assertThat(push.record()).isEqualTo(3);
        assertThat(push.modified()).isEqualTo(Files.getLastModifiedTime(file).toInstant());
        assertThat(push.events()).singleElement().satisfies(e -> {
            assertThat(e.document().get("action")).isEqualTo("git.push");
            assertThat(e.sourceIp()).isEqualTo("203.0.113.7");
        });

        Path zip = tmp.resolve("export.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("github/day1.ndjson"));
            z.write((PUSH + "\n" + CLONE + "\n").getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        }
        String inZip = refs(zip).get(1);
        assertThat(inZip).isEqualTo(zip + "!/github/day1.ndjson#2");
        assertThat(RecordLookup.find(inZip, List.of()).events().get(0).document().get("action")).isEqualTo("git.clone");

        Path relative = Path.of("").toAbsolutePath().relativize(file);
        assertThat(RecordLookup.find(relative + "#1", List.of()).events()).as("a scan run from elsewhere")
                .singleElement().satisfies(e -> assertThat(e.document().get("action")).isEqualTo("git.clone"));
    }

    @Test
    void manyReferences_eachFileReadOnce_comeBackInTheirOrder_withWhyForThoseThatCannotBeShown() throws Exception {
        Path file = Files.writeString(tmp.resolve("audit.ndjson"), CLONE + "\n" + UNDATED + "\n" + PUSH + "\n");
        List<String> refs = List.of(file + "#3", tmp.resolve("gone.ndjson") + "#1", "no-number", file + "#1",
                file + "#2", file + "#3");
        java.util.Map<String, Object> got = RecordLookup.findAll(refs, List.of());
        assertThat(got.keySet()).containsExactly(file + "#3", tmp.resolve("gone.ndjson") + "#1", "no-number",
                file + "#1", file + "#2");
        assertThat(got.get(file + "#3")).isInstanceOfSatisfying(RecordLookup.Found.class,
                f -> assertThat(f.events().get(0).document().get("action")).isEqualTo("git.push"));
        assertThat(got.get(file + "#1")).isInstanceOfSatisfying(RecordLookup.Found.class,
                f -> assertThat(f.events().get(0).document().get("action")).isEqualTo("git.clone"));
        assertThat(got.get(file + "#2")).isInstanceOfSatisfying(RecordLookup.NotFound.class,
                e -> assertThat(e).hasMessageContaining("rejected when read now"));
        assertThat(got.get(tmp.resolve("gone.ndjson") + "#1")).isInstanceOf(RecordLookup.NotFound.class);
        assertThat(got.get("no-number")).isInstanceOf(RecordLookup.NotFound.class);
        assertThat(RecordLookup.findAll(List.of(file + "#1"), List.of(), 100).get(file + "#1"))
                .isInstanceOfSatisfying(RecordLookup.NotFound.class, e -> assertThat(e)
                        .hasMessageContaining("read here: 'unravel ingest show " + file + "#1' reads it"));
    }

    @Test
    void whatCannotBeShown_isSaidInWords() throws Exception {
        Path file = Files.writeString(tmp.resolve("audit.ndjson"), CLONE + "\n" + UNDATED + "\n");
        assertThatThrownBy(() -> RecordLookup.find(file + "#2", List.of())).isInstanceOf(RecordLookup.NotFound.class)
                .hasMessageContaining("record 2 of " + file + " is rejected when read now (as github-audit)")
                .hasMessageContaining("@timestamp");
        assertThatThrownBy(() -> RecordLookup.find(file + "#9", List.of()))
                .hasMessageContaining("has 2 records now, not 9: it changed since the scan read it");
        assertThatThrownBy(() -> RecordLookup.find(tmp.resolve("gone.ndjson") + "#1", List.of()))
                .hasMessageContaining("gone.ndjson is no longer there");
        assertThatThrownBy(() -> RecordLookup.find(tmp + "#1", List.of())).hasMessageContaining("is not a file");
        assertThatThrownBy(() -> RecordLookup.find(file.toString(), List.of()))
                .hasMessageContaining("is not a record reference (FILE#RECORD)");
        assertThatThrownBy(() -> RecordLookup.find(file + "#x", List.of())).hasMessageContaining("not a number");
        assertThatThrownBy(() -> RecordLookup.find(file + "#0", List.of())).hasMessageContaining("numbered from 1");
        assertThatThrownBy(() -> RecordLookup.find("kafka:okta/1@37#1", List.of()))
                .hasMessageContaining("a Kafka message (topic okta, partition 1, offset 37)")
                .hasMessageContaining("--topic okta --partition 1 --offset 37");
        assertThatThrownBy(() -> RecordLookup.find(tmp.resolve("a.zip") + "!/x.ndjson#1", List.of()))
                .hasMessageContaining("a.zip is no longer there");
    }
}
