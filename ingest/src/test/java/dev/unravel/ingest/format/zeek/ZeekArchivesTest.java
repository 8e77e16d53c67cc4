package dev.unravel.ingest.format.zeek;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The OTRF Zeek archives, read in place through {@link Ingest} as a user's {@code scan} would. */
class ZeekArchivesTest {

    private record Run(List<FileSummary> files, List<Event> events) {
        Map<String, Long> recordsByFile() {
            return files.stream().collect(Collectors.toMap(f -> f.file().substring(f.file().indexOf("!/") + 2),
                    FileSummary::records));
        }
    }

    private static Run ingest(String zip) throws IOException {
        Path file = SharedData.require().resolve("data/vendor-samples/otrf").resolve(zip);
        List<Event> events = new ArrayList<>();
        List<FileSummary> files = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 3).run(List.of(file));
        return new Run(files, events);
    }

    @Test
    void theUticaArchiveIsZeekJsonInTheAtStreamStyleAndReadsCleanlyButForLoadedScripts() throws IOException {
        Run run = ingest("UTICA-ONE-DRIVE-zeek_logs.zip");

        assertThat(run.files()).hasSize(11).allSatisfy(f -> {
            assertThat(f.format()).as(f.file()).isEqualTo("zeek-json");
            assertThat(f.failure()).isNull();
        });
        assertThat(run.recordsByFile()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("capture_loss.log", 1L), Map.entry("conn.log", 64L), Map.entry("dns.log", 7L),
                Map.entry("files.log", 30L), Map.entry("loaded_scripts.log", 480L), Map.entry("packet_filter.log", 1L),
                Map.entry("reporter.log", 9L), Map.entry("ssl.log", 59L), Map.entry("stats.log", 1L),
                Map.entry("weird.log", 1L), Map.entry("x509.log", 10L)));
        // loaded_scripts is the list of scripts the sensor loaded: Zeek gives it no ts, so its lines are read and
        // counted but give no event. Nothing in the archive is quarantined.
        for (FileSummary f : run.files()) {
            assertThat(f.quarantined()).as(f.file()).isZero();
            assertThat(f.accepted()).isEqualTo(f.records());
            assertThat(f.events()).as(f.file()).isEqualTo(f.file().endsWith("loaded_scripts.log") ? 0 : f.records());
        }
        assertThat(run.events()).hasSize(183);
        assertThat(run.events()).filteredOn(e -> e.type().equals("x509"))
                .allSatisfy(e -> assertThat(e.document()).containsKey("certificate.serial"));
        assertThat(run.events()).filteredOn(e -> e.type().equals("ssl")).hasSize(59)
                .allSatisfy(e -> assertThat(e.sourceIp()).isEqualTo("10.0.1.5"));
    }

    @Test
    void theMetasploitArchiveIsZeekTsvAndReadsCleanly() throws IOException {
        Run run = ingest("metasploit_logonpasswords_lsass_memory_dump_zeek_logs.zip");

        assertThat(run.files()).hasSize(12).allSatisfy(f -> {
            assertThat(f.format()).as(f.file()).isEqualTo("zeek-tsv");
            assertThat(f.quarantined()).as(f.file()).isZero();
            assertThat(f.errors()).isEmpty();
            assertThat(f.failure()).isNull();
        });
        assertThat(run.recordsByFile()).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("analyzer.log", 6L), Map.entry("conn.log", 112L), Map.entry("dns.log", 96L),
                Map.entry("files.log", 3L), Map.entry("http.log", 3L), Map.entry("kerberos.log", 10L),
                Map.entry("packet_filter.log", 1L), Map.entry("pe.log", 1L), Map.entry("smb_mapping.log", 1L),
                Map.entry("ssl.log", 5L), Map.entry("weird.log", 22L), Map.entry("x509.log", 1L)));
        assertThat(run.events()).hasSize(261);
        Event kerberos = run.events().stream().filter(e -> e.type().equals("kerberos")).skip(1).findFirst().orElseThrow();
        assertThat(kerberos.logSource().service()).isEqualTo("kerberos");
        assertThat(kerberos.sourceIp()).isEqualTo("192.168.1.41");
        assertThat(kerberos.field("client")).isEqualTo("stevie.marie/PANDALAB.COM");
        assertThat(kerberos.field("success")).isEqualTo(true);
        Event firstConn = run.events().stream().filter(e -> e.type().equals("conn")).findFirst().orElseThrow();
        assertThat(firstConn.time()).isEqualTo(java.time.Instant.parse("2023-08-16T04:53:42.036086Z"));
        assertThat(firstConn.document()).doesNotContainKeys("duration", "tunnel_parents").containsEntry("resp_ip_bytes", 62);
    }
}
