package dev.unravel.engine.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.engine.Scan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log files whose paths name no date (CrowdStrike FDR's {@code data/<uuid>/part-00000.gz}) are
 * placed by their first event: among the day's other logs, or with the records when that event is
 * one; without a first event they form one group first, as before.
 */
class FileOrderTest {

    @TempDir
    Path dir;

    private static List<List<String>> names(List<List<Path>> groups) {
        return groups.stream().map(g -> g.stream().map(Path::toString).toList()).toList();
    }

    @Test
    void undatedLogFilesArePlacedByTheirFirstEvent_aRecordWithTheRecords() {
        Map<String, FileOrder.FirstEvent> firsts = Map.of(
                "fdr/data/0b7f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4/part-00000.gz",
                new FileOrder.FirstEvent(Instant.parse("2026-03-03T07:15:00Z"), false),
                "fdr/data/9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d/part-00000.gz",
                new FileOrder.FirstEvent(Instant.parse("2026-03-02T23:59:00Z"), false),
                "fdr/aidmaster/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f/part-00000.gz",
                new FileOrder.FirstEvent(Instant.parse("2026-03-09T00:00:00Z"), true));
        List<Path> files = List.of(Path.of("okta/system-log-2026-03-03.ndjson"), Path.of("hr/employees.csv"),
                Path.of("okta/system-log-2026-03-02.ndjson"), Path.of("wmi/monitors.json"),
                Path.of("fdr/data/0b7f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4/part-00000.gz"),
                Path.of("fdr/data/9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d/part-00000.gz"),
                Path.of("fdr/aidmaster/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f/part-00000.gz"));
        List<List<Path>> groups = FileOrder.groups(files, p -> firsts.get(p.toString()));
        assertThat(names(groups)).containsExactly(
                List.of("fdr/aidmaster/1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f/part-00000.gz", "hr/employees.csv"),
                List.of("wmi/monitors.json"), // no event with a date: first, as an undated file was
                List.of("okta/system-log-2026-03-02.ndjson", "fdr/data/9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d/part-00000.gz"),
                List.of("okta/system-log-2026-03-03.ndjson", "fdr/data/0b7f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4/part-00000.gz"));

        assertThat(names(FileOrder.logGroups(files, p -> firsts.get(p.toString()))))
                .as("the log days alone, for the Flink job's readers").isEqualTo(names(groups).subList(1, 4));
        assertThat(names(FileOrder.groups(files))).as("without a peek, undated logs go first together, after the records")
                .element(1).asList().hasSize(4).contains("wmi/monitors.json");
    }

    /** As {@code unravel collect crowdstrike} keeps FDR: day folders, the S3 key as the file's name. */
    @Test
    void fdrsInventoryInADayFolderGoesWithTheRecords_theDaysDataBatchesByTheirFolder() {
        String sensors = "crowdstrike/2026-03-04/fdrv2_aidmaster_1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f_part-00000.gz";
        String batch = "crowdstrike/2026-03-02/data_0b7f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4_part-00000.gz";
        Map<String, FileOrder.FirstEvent> firsts = Map.of(
                sensors, new FileOrder.FirstEvent(Instant.parse("2026-03-04T00:00:00Z"), true),
                batch, new FileOrder.FirstEvent(Instant.parse("2026-03-02T07:00:00Z"), false));
        List<String> peeked = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<Path> files = List.of(Path.of(batch), Path.of(sensors), Path.of("okta/system-log-2026-03-03.ndjson"));
        assertThat(names(FileOrder.groups(files, p -> {
            peeked.add(p.toString());
            return firsts.get(p.toString());
        }))).containsExactly(List.of(sensors), List.of(batch), List.of("okta/system-log-2026-03-03.ndjson"));
        assertThat(peeked).as("a dated log is placed by its folder, not opened").containsExactly(sensors);
        assertThat(FileOrder.inventory(Path.of("fdr/aidmaster/1c2d/part-00000.gz"))).isTrue();
        assertThat(FileOrder.inventory(Path.of("crowdstrike/2026-03-02/fdrv2_userinfo_1c2d_part-00000.gz"))).isTrue();
        assertThat(FileOrder.inventory(Path.of("crowdstrike/2026-03-02/data_aidmasterless_part-00000.gz"))).isFalse();
    }

    @Test
    void aUuidIsNeverReadAsADate() {
        // "20190312" sits in the uuid: it is not the batch's date
        Path batch = Path.of("fdr/data/a1b2c3d4-2019-0312-8d6e-7f8091a2b3c4/part-00000.gz");
        assertThat(FileOrder.dateKey(batch)).isEmpty();
        assertThat(FileOrder.dateKey(Path.of("zeek/2026-03-02/a1b2c3d4-2019-0312-8d6e-7f8091a2b3c4.log")))
                .isEqualTo("2026030200");
        // digits inside a longer number are no date: a JUnit folder's "…1927050117…" stopped FDR's batches being peeked
        assertThat(FileOrder.dateKey(Path.of("/tmp/junit-2192705011733229587/crowdstrike/data/"
                + "0b7f1c2e-3d4a-4b5c-8d6e-7f8091a2b3c4/part-00000.gz"))).isEmpty();
        assertThat(FileOrder.dateKey(Path.of("case-4419270501/okta/system-log.ndjson"))).isEmpty();
        assertThat(FileOrder.dateKey(Path.of("email/jkim/20260302T124827Z-da1da6f5.eml"))).isEqualTo("2026030212");
        assertThat(FileOrder.dateKey(Path.of("export-20260302143000/okta.ndjson"))).isEqualTo("2026030214");
        assertThat(FileOrder.dateKey(Path.of("windows/rdpcorets-2026-03-02.json"))).isEqualTo("2026030200");
        // FDR's classic layout: Hive partitions under the batch's uuid
        assertThat(FileOrder.dateKey(Path.of("data/batch=a1b2c3d4-2019-0312-8d6e-7f8091a2b3c4/year=2026/month=03/"
                + "day=02/hour=05/platform=win/part-00000.txt.gz"))).isEqualTo("2026030205");
    }

    @Test
    void theScansPeekReadsAFilesFirstEventOnly_andSaysWhetherItIsARecord() throws IOException {
        Path events = Files.writeString(dir.resolve("part-00000"), "{\"event_simpleName\":\"DnsRequest\",\"aid\":\"a1\","
                + "\"cid\":\"c1\",\"timestamp\":\"1772500364517\",\"DomainName\":\"example.com\"}\n"
                + "{\"event_simpleName\":\"DnsRequest\",\"aid\":\"a1\",\"cid\":\"c1\",\"timestamp\":\"1672500364517\","
                + "\"DomainName\":\"example.org\"}\n");
        Path sensors = Files.writeString(dir.resolve("part-00001"), "{\"aid\":\"a1\",\"cid\":\"c1\",\"AgentVersion\":"
                + "\"7.29.19807.0\",\"ComputerName\":\"NWL-LT-1\",\"Time\":\"1772300000.000\"}\n");
        Path nothing = Files.writeString(dir.resolve("part-00002"), "no format at all\n");
        assertThat(Scan.FIRST_EVENTS.peek(events))
                .isEqualTo(new FileOrder.FirstEvent(Instant.ofEpochMilli(1772500364517L), false));
        assertThat(Scan.FIRST_EVENTS.peek(sensors).record()).isTrue();
        assertThat(Scan.FIRST_EVENTS.peek(nothing)).isNull();
    }

    /**
     * A peek stops at its first event: a 50,000-line batch is not read to the end (an exception
     * from the consumer would not stop it: the readers quarantine the record and go on).
     */
    @Test
    void aPeekReadsABufferOfRecords_notTheFile() throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 50_000; i++) {
            b.append("{\"event_simpleName\":\"DnsRequest\",\"aid\":\"a1\",\"cid\":\"c1\",\"timestamp\":\"")
                    .append(1772500364517L + i).append("\",\"DomainName\":\"example.com\"}\n");
        }
        Path big = Files.writeString(dir.resolve("part-00003"), b);
        long[] delivered = new long[1];
        assertThat(FirstEventPeek.first(big, delivered).time()).isEqualTo(Instant.ofEpochMilli(1772500364517L));
        assertThat(delivered[0]).as("events made before the reader stopped").isPositive().isLessThan(5_000);
    }
}
