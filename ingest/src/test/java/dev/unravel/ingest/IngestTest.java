package dev.unravel.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.source.Inputs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner and the framing, with a minimal reader: archives, encodings, limits and bad files. */
class IngestTest {

    /** Reads objects with a "ts" timestamp; the smallest reader that exercises the framework. */
    static final class TsReader extends JsonReader {
        @Override
        public String id() {
            return "test-ts";
        }

        @Override
        public String description() {
            return "test records with a ts field";
        }

        @Override
        public int probe(Sample sample) {
            return sample.contains("\"ts\"") ? 60 : 0;
        }

        @Override
        protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
            return new Event(time(doc, "ts"), "test", "t", LogSource.NONE, null, null, null, doc, origin);
        }
    }

    @TempDir
    Path tmp;
    final List<Event> events = new ArrayList<>();

    private List<FileSummary> run(Limits limits, Path... paths) throws IOException {
        return new Ingest(new TsReader(), limits, Quarantine.NONE, events::add, 10).run(List.of(paths));
    }

    private List<FileSummary> run(Path... paths) throws IOException {
        return run(Limits.DEFAULT, paths);
    }

    private static final String THREE = "{\"ts\":1772460000,\"n\":1}\n{\"ts\":\"2026-03-02T14:00:01Z\",\"n\":2}\n"
            + "{\"ts\":1772460002000,\"n\":3}\n";

    @Test
    void ndjson_allRecordsAccepted_withTimesInUtc() throws IOException {
        FileSummary s = run(Files.writeString(tmp.resolve("a.ndjson"), THREE)).get(0);
        assertThat(s.records()).isEqualTo(3);
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(events).extracting(e -> e.time().toString())
                .containsExactly("2026-03-02T14:00:00Z", "2026-03-02T14:00:01Z", "2026-03-02T14:00:02Z");
        assertThat(events.get(1).origin()).isEqualTo(new EventRef(tmp.resolve("a.ndjson").toString(), 2));
    }

    @Test
    void badRecord_isQuarantinedWithLineAndField_andNeighboursSurvive() throws IOException {
        String text = "{\"ts\":1772460000}\n{\"ts\":\"yesterday\"}\n{\"nots\":1}\nnot json\n{\"ts\":1772460009}\n";
        FileSummary s = run(Files.writeString(tmp.resolve("b.ndjson"), text)).get(0);
        assertThat(s.records()).isEqualTo(5);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.quarantined()).isEqualTo(3);
        assertThat(s.errors()).extracting(e -> e.line() + " " + e.field() + " " + e.reason()).satisfiesExactly(
                e -> assertThat(e).isEqualTo("2 ts is not a timestamp: \"yesterday\""),
                e -> assertThat(e).isEqualTo("3 ts is missing: the record has no timestamp"),
                e -> assertThat(e).startsWith("4 null is not valid JSON: Unrecognized token 'not'"));
    }

    @Test
    void eventStampedAfterTheLimit_isQuarantinedWithItsTime_whereTheLimitApplies_andNeighboursSurvive() throws IOException {
        String text = "{\"ts\":\"2026-03-02T14:00:00Z\",\"n\":1}\n{\"ts\":\"2036-01-01T00:00:00Z\",\"n\":2}\n"
                + "{\"ts\":\"2026-12-02T00:00:00Z\",\"n\":3}\n{\"ts\":\"2036-01-01T00:00:00Z\",\"n\":4}\n";
        Path q = tmp.resolve("q.ndjson");
        FileSummary s;
        try (Quarantine quarantine = new Quarantine(q)) {
            s = new Ingest(new TsReader(), Limits.DEFAULT, quarantine, events::add, 10)
                    .notAfter(java.time.Instant.parse("2026-12-02T00:00:00Z"), "a day past the reading clock",
                            e -> !e.document().get("n").equals(4))
                    .run(List.of(Files.writeString(tmp.resolve("f.ndjson"), text))).get(0);
        }
        assertThat(s.records()).isEqualTo(4);
        assertThat(s.accepted()).isEqualTo(3);
        assertThat(s.quarantined()).isEqualTo(1);
        assertThat(s.events()).isEqualTo(3);
        assertThat(events).extracting(e -> e.document().get("n"))
                .as("the limit itself is not after it; an event the limit does not apply to is read")
                .containsExactly(1, 3, 4);
        assertThat(s.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo(tmp.resolve("f.ndjson").toString());
            assertThat(e.record()).isEqualTo(2);
            assertThat(e.field()).isEqualTo("time");
            assertThat(e.reason()).startsWith("stamped 2036-01-01T00:00:00Z, after 2026-12-02T00:00:00Z (a day past "
                    + "the reading clock): a clock set wrong or a wrong time field");
            assertThat(e.excerpt()).contains("n=2");
        });
        assertThat(Files.readString(q)).contains("\"record\":2", "stamped 2036-01-01T00:00:00Z");
    }

    @Test
    void binaryEvtx_isReadNatively_whateverFormatWasNamed() throws IOException {
        Path log = dev.unravel.core.testing.SharedData.sigma().resolve("regression_data/rules/windows/file/file_event/"
                + "file_event_win_hktl_netexec_file_indicators/efc21479-9e83-41da-8cf1-122e06ba8db3.evtx");
        Path copy = Files.copy(log, tmp.resolve("Sysmon.evtx"));
        FileSummary s = run(copy).get(0);
        assertThat(s.format()).isEqualTo("windows-evtx");
        assertThat(s.records()).isEqualTo(7);
        assertThat(s.accepted()).isEqualTo(7);
        assertThat(events).hasSize(7).allSatisfy(e -> assertThat(e.logSource().category()).isEqualTo("file_event"));
    }

    @Test
    void gzipAndZip_areReadInPlace() throws IOException {
        Path gz = tmp.resolve("a.ndjson.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(gz))) {
            o.write(THREE.getBytes(StandardCharsets.UTF_8));
        }
        Path zip = tmp.resolve("logs.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("day1/a.json"));
            z.write(THREE.getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("day2/b.json.gz"));
            ByteArrayOutputStream inner = new ByteArrayOutputStream();
            try (OutputStream o = new GZIPOutputStream(inner)) {
                o.write(THREE.getBytes(StandardCharsets.UTF_8));
            }
            z.write(inner.toByteArray());
        }
        List<FileSummary> s = run(gz, zip);
        assertThat(s).extracting(FileSummary::file).containsExactly(tmp.resolve("a.ndjson").toString(),
                zip + "!/day1/a.json", zip + "!/day2/b.json");
        assertThat(s).allSatisfy(f -> assertThat(f.accepted()).isEqualTo(3));
    }

    @Test
    void gzipCutInsideItsHeader_isUnreadable_andSaysWhy() throws IOException {
        Path gz = Files.write(tmp.resolve("broken.json.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2});
        FileSummary s = run(gz).get(0);
        assertThat(s.format()).isEqualTo("unreadable");
        assertThat(s.failure()).isEqualTo("is not a readable gzip file: it ends inside its header");
    }

    @Test
    void truncatedGzip_keepsTheRecordsBefore_andSaysWhy() throws IOException {
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            many.append("{\"ts\":").append(1772460000 + i).append(",\"pad\":\"").append(i * 7919L).append("\"}\n");
        }
        ByteArrayOutputStream full = new ByteArrayOutputStream();
        try (OutputStream o = new GZIPOutputStream(full)) {
            o.write(many.toString().getBytes(StandardCharsets.UTF_8));
        }
        byte[] bytes = full.toByteArray();
        Path gz = Files.write(tmp.resolve("cut.ndjson.gz"), Arrays.copyOf(bytes, bytes.length / 2));
        FileSummary s = run(gz).get(0);
        assertThat(s.accepted()).isBetween(1L, 19_999L);
        assertThat(s.failure()).contains("could not be read to the end after record");
        assertThat(events).hasSize((int) s.accepted());
    }

    @Test
    void utf16WithBom_andUtf8WithBom_areDecoded() throws IOException {
        Path le = tmp.resolve("le.json");
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(new byte[] {(byte) 0xFF, (byte) 0xFE});
        b.write(THREE.getBytes(StandardCharsets.UTF_16LE));
        Files.write(le, b.toByteArray());
        Path bom8 = tmp.resolve("bom8.json");
        b.reset();
        b.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        b.write(THREE.getBytes(StandardCharsets.UTF_8));
        Files.write(bom8, b.toByteArray());
        List<FileSummary> s = run(le, bom8);
        assertThat(s).extracting(FileSummary::encoding).containsExactly("utf16le", "utf8_bom");
        assertThat(s).allSatisfy(f -> assertThat(f.accepted()).isEqualTo(3));
    }

    @Test
    void overlongLine_isSkippedWithoutHoldingIt() throws IOException {
        Path f = tmp.resolve("long.ndjson");
        try (OutputStream o = Files.newOutputStream(f)) {
            o.write("{\"ts\":1772460000}\n{\"ts\":1772460001,\"big\":\"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = new byte[1 << 16];
            Arrays.fill(chunk, (byte) 'x');
            for (int i = 0; i < 64; i++) { // 4 MiB on one line, against a 1 MiB limit
                o.write(chunk);
            }
            o.write("\"}\n{\"ts\":1772460002}\n".getBytes(StandardCharsets.UTF_8));
        }
        FileSummary s = run(new Limits(1 << 20, 64, 1 << 20, 100), f).get(0);
        assertThat(s.records()).isEqualTo(3);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.errors().get(0).reason()).contains("longer than the record limit");
        assertThat(s.errors().get(0).excerpt()).hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void deepNesting_isRejected_andTheNextLineRead() throws IOException {
        String deep = "{\"ts\":1772460000,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        Path f = Files.writeString(tmp.resolve("deep.ndjson"), deep + "\n{\"ts\":1772460001}\n");
        FileSummary s = run(f).get(0);
        assertThat(s.accepted()).isEqualTo(1);
        // Deep nesting is valid JSON: the reason names the limit, in the reader's words, not Jackson's
        assertThat(s.errors().get(0).reason()).startsWith("is beyond a reading limit: ")
                .contains("nesting depth").contains("(64)").doesNotContain("StreamReadConstraints");
    }

    @Test
    void brokenRecord_reasonGivesLineAndColumn_withoutJacksonsSourcePlaceholder() throws IOException {
        Path f = Files.writeString(tmp.resolve("cut.ndjson"),
                "{\"ts\":1772460000}\n{\"ts\":1772460001,\"a\":{\"b\":1}\n{\"ts\":1772460002}\n");
        FileSummary s = run(f).get(0);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.errors()).singleElement().satisfies(e -> {
            assertThat(e.record()).isEqualTo(2);
            assertThat(e.reason()).startsWith("is not valid JSON: ").contains("line 1, column ")
                    .doesNotContain("Source:").doesNotContain("REDACTED");
        });
    }

    @Test
    void concatenatedPrettyDocuments_andTopLevelArray_areFramed() throws IOException {
        Path pretty = Files.writeString(tmp.resolve("pretty.json"),
                "{\n  \"ts\": 1772460000\n}\n{\n  \"ts\": 1772460001,\n  \"a\": {\"b\": [1, 2]}\n}\n");
        Path array = Files.writeString(tmp.resolve("array.json"), "[{\"ts\":1772460000},\n {\"ts\":1772460001}]");
        List<FileSummary> s = run(pretty, array);
        assertThat(s).allSatisfy(f -> assertThat(f.accepted()).isEqualTo(2));
        assertThat(events.get(1).document()).containsKey("a");
        assertThat(events.get(1).field("a.b.1")).isEqualTo(2);
    }

    @Test
    void truncatedArray_keepsWhatWasRead_andSaysItWasNotClosed() throws IOException {
        Path f = Files.writeString(tmp.resolve("cut.json"), "[{\"ts\":1772460000},{\"ts\":1772460001},{\"ts\":17724");
        FileSummary s = run(f).get(0);
        assertThat(s.accepted()).isEqualTo(2);
        assertThat(s.errors()).isNotEmpty();
    }

    @Test
    void emptyAndBinaryAndUnknownFiles_areReported_notCrashes() throws IOException {
        Path empty = Files.write(tmp.resolve("empty.json"), new byte[0]);
        byte[] junk = new byte[4096];
        new java.util.Random(7).nextBytes(junk);
        Path bin = Files.write(tmp.resolve("junk.bin"), junk);
        Path text = Files.writeString(tmp.resolve("notes.txt"), "just some words\n");
        List<FileSummary> s = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10)
                .run(List.of(empty, bin, text));
        assertThat(s).extracting(FileSummary::format).containsExactly("empty", "unknown", "unknown");
        assertThat(s.get(1).failure()).contains("binary");
        assertThat(s.get(2).failure()).isEqualTo("is in no format Unravel recognises");
        List<FileSummary> forced = run(bin);
        assertThat(forced.get(0).errors().get(0).reason()).contains("not JSON");
    }

    @Test
    void quarantineFile_holdsEveryRejectedRecordWithItsReason() throws IOException {
        Path f = Files.writeString(tmp.resolve("q.ndjson"), "{\"ts\":1}\n{\"nots\":1}\n{\"ts\":\"x\"}\n");
        Path qfile = tmp.resolve("q/quarantine.ndjson");
        try (Quarantine q = new Quarantine(qfile)) {
            new Ingest(new TsReader(), Limits.DEFAULT, q, events::add, 10).run(List.of(f));
            assertThat(q.count()).isEqualTo(2);
        }
        List<String> lines = Files.readAllLines(qfile);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).contains("\"record\":2", "\"field\":\"ts\"", "no timestamp");
    }

    @Test
    void folders_areWalkedInNameOrder_hiddenFilesListedAsSkipped() throws IOException {
        Files.createDirectories(tmp.resolve("d/sub"));
        Files.writeString(tmp.resolve("d/sub/b.json"), THREE);
        Files.writeString(tmp.resolve("d/a.json"), THREE);
        Files.writeString(tmp.resolve("d/.hidden.json"), THREE);
        List<FileSummary> s = run(tmp.resolve("d"));
        assertThat(s).filteredOn(f -> !f.format().equals("skipped")).extracting(FileSummary::file)
                .containsExactly(tmp.resolve("d/a.json").toString(), tmp.resolve("d/sub/b.json").toString());
        // Hidden files are not read, but they are listed: nothing passes unmentioned.
        assertThat(s).filteredOn(f -> f.format().equals("skipped")).singleElement().satisfies(f -> {
            assertThat(f.file()).isEqualTo(tmp.resolve("d/.hidden.json").toString());
            assertThat(f.failure()).contains("hidden");
        });
    }

    @Test
    void gitRepositories_areListedAsSkippedOnce_andNothingInThemIsRead() throws IOException {
        // A simulator output: logs beside repos/ holding a work tree and a bare repository.
        Files.createDirectories(tmp.resolve("out/okta"));
        Files.writeString(tmp.resolve("out/okta/a.json"), THREE);
        Path workTree = tmp.resolve("out/repos/payments-api");
        Files.createDirectories(workTree.resolve(".git/objects"));
        Files.createDirectories(workTree.resolve("src"));
        Files.writeString(workTree.resolve("src/events.json"), THREE);
        Path bare = tmp.resolve("out/repos/billing.git");
        Files.createDirectories(bare.resolve("objects"));
        Files.createDirectories(bare.resolve("refs/heads"));
        Files.writeString(bare.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(bare.resolve("description"), THREE);

        List<FileSummary> s = run(tmp.resolve("out"));

        assertThat(s).filteredOn(f -> !f.format().equals("skipped")).extracting(FileSummary::file)
                .containsExactly(tmp.resolve("out/okta/a.json").toString());
        assertThat(s).filteredOn(f -> f.format().equals("skipped"))
                .extracting(FileSummary::file, FileSummary::failure)
                .containsExactly(tuple(bare.toString(), Inputs.GIT_REPOSITORY),
                        tuple(workTree.toString(), Inputs.GIT_REPOSITORY));
        assertThat(Inputs.GIT_REPOSITORY).contains("unravel inventory build --repo");
        // Named directly, a repository is skipped just the same.
        assertThat(run(workTree)).extracting(FileSummary::format).containsExactly("skipped");
    }

    @Test
    void damagedFirstLine_doesNotCostTheGoodLinesAfterIt() throws IOException {
        Path junkFirst = Files.writeString(tmp.resolve("junk-first.ndjson"), "garbage here\n" + THREE);
        Path cutFirst = Files.writeString(tmp.resolve("cut-first.ndjson"), "{\"ts\":17724600\n" + THREE);
        List<FileSummary> s = run(junkFirst, cutFirst);
        assertThat(s).allSatisfy(f -> {
            assertThat(f.records()).isEqualTo(4);
            assertThat(f.accepted()).isEqualTo(3);
            assertThat(f.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(1));
        });
    }

    @Test
    void hiddenZipEntries_areListedAsSkipped_notRead() throws IOException {
        Path zip = tmp.resolve("mac.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("a.json"));
            z.write(THREE.getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("__MACOSX/._a.json"));
            z.write(new byte[] {0, 5, 22, 7});
        }
        List<FileSummary> s = run(zip);
        assertThat(s).extracting(f -> f.file() + " " + f.format()).containsExactly(zip + "!/a.json test-ts",
                zip + "!/__MACOSX/._a.json skipped");
    }
}
