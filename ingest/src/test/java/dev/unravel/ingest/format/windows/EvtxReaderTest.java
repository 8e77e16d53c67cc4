package dev.unravel.ingest.format.windows;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.testing.SharedData;
import dev.unravel.core.testing.Stripped;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.Sample;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Binary event logs give the events their evtx_dump JSON gives (SigmaHQ's regression logs and
 * their twins), and a damaged record is quarantined with its place while its neighbours are read.
 */
class EvtxReaderTest {

    private final EvtxReader reader = new EvtxReader();

    @Test
    void everyRegressionLog_givesTheEventsOfItsJsonTwin() throws IOException {
        int events = 0;
        for (Path log : SharedData.regressionLogs()) {
            assertThat(reader.probe(new Sample(log.getFileName().toString(), Files.readAllBytes(log)))).isEqualTo(100);
            ReaderHarness.Result binary = ReaderHarness.read(reader, log);
            ReaderHarness.Result json = ReaderHarness.read(new EvtxJsonReader(), SharedData.jsonTwin(log));
            assertThat(binary.errors()).as(log.toString()).isEmpty();
            assertThat(binary.failure()).isNull();
            assertThat(binary.events()).hasSameSizeAs(json.events());
            for (int i = 0; i < json.events().size(); i++) {
                Event b = binary.events().get(i);
                Event j = json.events().get(i);
                assertThat(b.logSource()).isEqualTo(j.logSource());
                assertThat(b.type()).isEqualTo(j.type());
                assertThat(b.origin().record()).isEqualTo(i + 1);
                if (!log.getFileName().toString().startsWith("ad691d92")) { // the twin edited by hand (core's EvtxFileTest)
                    assertThat(b.time()).isEqualTo(j.time());
                    assertThat(Stripped.of(b.document())).as(log.toString()).isEqualTo(Stripped.of(j.document()));
                }
                events++;
            }
        }
        assertThat(events).isGreaterThan(200);
    }

    @Test
    void aDamagedRecord_isQuarantinedWithItsPlace_andItsNeighboursAreRead() throws IOException {
        byte[] file = Files.readAllBytes(SharedData.sigma().resolve("regression_data/rules/windows/file/file_event/"
                + "file_event_win_hktl_netexec_file_indicators/efc21479-9e83-41da-8cf1-122e06ba8db3.evtx"));
        int first = 4096 + 512;
        int second = first + (int) u32(file, first + 4);
        int third = second + (int) u32(file, second + 4);
        file[third + 24] = 0x77;
        ReaderHarness.Result r = ReaderHarness.read(reader, "Sysmon.evtx", new ByteArrayInputStream(file),
                Limits.DEFAULT);
        assertThat(r.records()).isEqualTo(7);
        assertThat(r.events()).hasSize(6).extracting(e -> e.origin().record()).containsExactly(1L, 2L, 4L, 5L, 6L, 7L);
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.file()).isEqualTo("Sysmon.evtx");
            assertThat(e.record()).isEqualTo(3);
            assertThat(e.reason()).contains("chunk 1", "byte " + third, "unexpected token 0x77");
        });
    }

    @Test
    void aLogWithoutRecords_readsAsEmpty_andATruncatedHeaderIsAFailure() {
        byte[] header = new byte[4096];
        System.arraycopy("ElfFile\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, header, 0, 8);
        ReaderHarness.Result empty = ReaderHarness.read(reader, "Empty.evtx", new ByteArrayInputStream(header),
                Limits.DEFAULT);
        assertThat(empty.records()).isZero();
        assertThat(empty.failure()).isNull();
        ReaderHarness.Result cut = ReaderHarness.read(reader, "Cut.evtx",
                new ByteArrayInputStream(java.util.Arrays.copyOf(header, 100)), Limits.DEFAULT);
        assertThat(cut.failure()).hasMessageContaining("cut short");
    }

    private static long u32(byte[] b, int at) {
        return (b[at] & 0xFFL) | (b[at + 1] & 0xFFL) << 8 | (b[at + 2] & 0xFFL) << 16 | (b[at + 3] & 0xFFL) << 24;
    }
}
