package dev.unravel.ingest.format.windows;

import dev.unravel.ingest.format.JsonLineMutations;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Mutated and truncated real-format records fed to the Windows readers: nothing escapes as an
 * exception, and every record read ends as one event or as errors (records == accepted + rejected).
 */
public class WindowsReaderPropertiesTest {

    static final List<String> EVTX = List.of(
            JsonLineMutations.write(JsonLineMutations.parse(EvtxJsonReaderTest.SYSMON_1)),
            "{\"Event\":{\"System\":{\"Provider\":{\"@Name\":\"Microsoft-Windows-Security-Auditing\"},"
                    + "\"EventID\":{\"@Qualifiers\":\"\",\"#text\":\"4624\"},\"TimeCreated\":{\"@SystemTime\":\"2026-03-02 09:15:00.250\"},"
                    + "\"Channel\":\"Security\",\"Computer\":\"DC01\"},\"EventData\":{\"Data\":[{\"@Name\":\"TargetUserName\",\"#text\":\"jkim\"},"
                    + "{\"@Name\":\"IpAddress\",\"#text\":\"203.0.113.77\"}]}}}",
            "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Eventlog\"}},\"EventID\":1102,"
                    + "\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2026-03-02T09:20:00Z\"}},\"Channel\":\"Security\"},"
                    + "\"UserData\":{\"LogFileCleared\":{\"SubjectUserName\":\"admin\",\"SubjectDomainName\":\"NORTHWIND\"}}}}",
            "{\"Event\":{\"System\":{\"EventID\":4688,\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2026-03-02T14:03:11Z\"}},"
                    + "\"Channel\":\"Security\"},\"EventData\":{\"NewProcessName\":\"C:\\\\w.exe\",\"NewProcessId\":\"0x1\","
                    + "\"ProcessId\":\"0x2\",\"SubjectUserName\":\"jkim\",\"MandatoryLabel\":\"S-1-16-8192\"}}}");

    static final List<String> FLAT = List.of(
            "{\"EventID\":\"4688\",\"ProviderName\":\"Microsoft-Windows-Security-Auditing\",\"TimeCreated\":\"2024-01-15 10:30:45 +0000\","
                    + "\"Computer\":\"WIN-1\",\"Channel\":\"Security\",\"EventRecordID\":\"1\",\"ExtraEventData\":{\"SubjectUserName\":\"jdoe\","
                    + "\"SubjectDomainName\":\"CORP\",\"NewProcessId\":\"0x1234\",\"NewProcessName\":\"C:\\\\m.exe\",\"ProcessId\":\"0x5678\"},"
                    + "\"p_log_type\":\"Windows.EventLogs\"}",
            "{\"ProviderName\":\"Microsoft-Windows-Security-Auditing\",\"EventID\":4624,\"TimeCreated\":\"2026-03-02 08:01:02 +0900\","
                    + "\"Channel\":\"Security\",\"Computer\":\"LT-7\",\"EventData\":{\"TargetUserName\":\"jkim\",\"IpAddress\":\"198.51.100.20\"}}");

    @Property(tries = 300)
    void evtx_json_mutated_records_end_as_events_or_errors(@ForAll Random random) {
        check(new EvtxJsonReader(), EVTX, random);
    }

    @Property(tries = 300)
    void flat_windows_json_mutated_records_end_as_events_or_errors(@ForAll Random random) {
        check(new FlatWindowsJsonReader(), FLAT, random);
    }

    @Property(tries = 300)
    void winlogbeat_mutated_records_end_as_events_or_errors(@ForAll Random random) throws IOException {
        check(new WinlogbeatReader(), WinlogbeatReaderTest.sample().lines().toList(), random);
    }

    @Property(tries = 200)
    void evtx_pretty_documents_cut_anywhere_end_as_events_or_errors(@ForAll Random random) {
        String three = EvtxJsonReaderTest.SYSMON_1 + EvtxJsonReaderTest.SYSMON_1 + EvtxJsonReaderTest.SYSMON_1;
        byte[] bytes = three.getBytes(StandardCharsets.UTF_8);
        String cut = new String(bytes, 0, random.nextInt(bytes.length + 1), StandardCharsets.UTF_8);
        ReaderHarness.Result r = ReaderHarness.read(new EvtxJsonReader(), "cut.json", cut);
        assertAccounted(r);
        assertThat(r.events().size()).isLessThanOrEqualTo(3);
    }

    /** Several mutated records, one a line, through {@code reader}. */
    public static void check(Reader reader, List<String> seeds, Random random) {
        StringJoiner lines = new StringJoiner("\n");
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            String seed = seeds.get(random.nextInt(seeds.size()));
            lines.add(random.nextInt(4) == 0 ? seed : JsonLineMutations.mutate(seed, random.nextInt(5), random.nextLong()));
        }
        ReaderHarness.Result r = ReaderHarness.read(reader, "mutated.json", lines.toString());
        assertAccounted(r);
    }

    /** No I/O failure, every error placed, and every record one event or rejected. */
    public static void assertAccounted(ReaderHarness.Result r) {
        assertThat(r.failure()).isNull();
        long rejected = r.errors().stream().filter(e -> e.record() > 0).map(RecordError::record).distinct().count();
        if (r.records() > 0) {
            assertThat(r.errors()).allSatisfy(e -> assertThat(e.record()).isPositive());
        } else {
            // Text that does not start like JSON is rejected as a whole file (record 0), nothing read.
            assertThat(r.events()).isEmpty();
        }
        assertThat(r.events().size() + rejected).as("events + rejected records").isEqualTo(r.records());
    }
}
