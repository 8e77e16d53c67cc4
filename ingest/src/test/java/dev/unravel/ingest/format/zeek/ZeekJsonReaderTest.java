package dev.unravel.ingest.format.zeek;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.ReaderHarness.Result;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.ingest.read.Sample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ZeekJsonReaderTest {
    private final ZeekJsonReader reader = new ZeekJsonReader();

    /** conn.log as Zeek writes it with LogAscii::use_json=T. */
    static final String NATIVE_CONN = "{\"ts\":1772453571.020662,\"uid\":\"CKBG263Pn27hYrZjmq\","
            + "\"id.orig_h\":\"10.20.0.36\",\"id.orig_p\":54590,\"id.resp_h\":\"23.62.7.160\",\"id.resp_p\":443,"
            + "\"proto\":\"tcp\",\"service\":\"ssl\",\"duration\":12.504113,\"orig_bytes\":1843,\"resp_bytes\":58211,"
            + "\"conn_state\":\"SF\",\"local_orig\":true,\"local_resp\":false,\"missed_bytes\":0,"
            + "\"history\":\"ShADadFf\",\"orig_pkts\":24,\"orig_ip_bytes\":2807,\"resp_pkts\":44,"
            + "\"resp_ip_bytes\":59971}";

    /** The same stream as a Kafka/Corelight-style export writes it (the OTRF data sets). */
    static final String EXPORTED_DNS = "{\"@stream\":\"dns\",\"@system\":\"test-nsm\",\"@proc\":\"zeek\","
            + "\"ts\":1588316619.797806,\"uid\":\"CyLse01Jig9yHofDXc\",\"id_orig_h\":\"10.0.1.5\",\"id_orig_p\":55979,"
            + "\"id_resp_h\":\"10.0.0.4\",\"id_resp_p\":53,\"proto\":\"udp\",\"trans_id\":40230,"
            + "\"query\":\"ctldl.windowsupdate.com\",\"qtype_name\":\"A\",\"rcode_name\":\"NOERROR\",\"Z\":0,"
            + "\"answers\":[\"23.62.7.160\"],\"TTLs\":[19.0],\"rejected\":false}";

    @Test
    void aNativeConnLineLandsInTheEnvelopeWithMicrosecondTime() {
        Result r = ReaderHarness.read(reader, "zeek/2026-03-02/conn.log", NATIVE_CONN + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T12:12:51.020662Z"));
        assertThat(e.source()).isEqualTo("zeek");
        assertThat(e.type()).isEqualTo("conn"); // from the file name: native JSON has no _path
        assertThat(e.logSource()).isEqualTo(LogSource.of("zeek", null, "conn"));
        assertThat(e.sourceIp()).isEqualTo("10.20.0.36");
        assertThat(e.host()).isNull();
        assertThat(e.user()).isNull();
        assertThat(e.field("id.resp_p")).isEqualTo(443);
        assertThat(e.field("local_orig")).isEqualTo(true);
    }

    @Test
    void anExportedLineGetsZeeksDottedNamesAndItsTypeFromAtStream() {
        Result r = ReaderHarness.read(reader, "NEWYORK_whatever.json", EXPORTED_DNS);

        Event e = r.events().get(0);
        assertThat(e.type()).isEqualTo("dns");
        assertThat(e.logSource().service()).isEqualTo("dns");
        assertThat(e.time()).isEqualTo(Instant.parse("2020-05-01T07:03:39.797806Z"));
        assertThat(e.sourceIp()).isEqualTo("10.0.1.5");
        assertThat(e.document()).containsKeys("id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "@stream")
                .doesNotContainKeys("id_orig_h", "id_resp_h");
        assertThat(e.field("id.resp_p")).isEqualTo(53);
        assertThat(e.field("query")).isEqualTo("ctldl.windowsupdate.com");
    }

    @Test
    void x509FieldsExportedWithUnderscoresMatchTheSigmaNames() {
        String x509 = "{\"@stream\":\"x509\",\"@proc\":\"zeek\",\"ts\":1588317581.633415,\"id\":\"FD5KIi39IbPe8eJSk5\","
                + "\"certificate_version\":3,\"certificate_serial\":\"8BB00EE\",\"san_dns\":[\"a.example\"]}";
        Event e = ReaderHarness.read(reader, "x509.log", x509).events().get(0);

        // SigmaHQ zeek_default_cobalt_strike_certificate: certificate.serial: 8BB00EE
        assertThat(e.document()).containsEntry("certificate.serial", "8BB00EE").containsEntry("id", "FD5KIi39IbPe8eJSk5")
                .containsKey("san.dns");
        assertThat(e.sourceIp()).isNull();
    }

    @Test
    void aJsonStreamingLogsLineTakesItsTypeFromPath() {
        String line = "{\"_path\":\"http\",\"_write_ts\":\"2026-03-02T12:12:52.000000Z\","
                + "\"ts\":\"2026-03-02T12:12:51.020662Z\",\"uid\":\"CKBG\",\"id.orig_h\":\"10.20.0.36\",\"method\":\"PUT\"}";
        Event e = ReaderHarness.read(reader, "zeek.log", line).events().get(0);

        assertThat(e.type()).isEqualTo("http");
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T12:12:51.020662Z"));
    }

    @Test
    void nearMissesAreRejectedNamingTs() {
        String noTs = NATIVE_CONN.replace("\"ts\":1772453571.020662,", "");
        String badTs = NATIVE_CONN.replace("1772453571.020662", "\"yesterday\"");
        String objectTs = NATIVE_CONN.replace("1772453571.020662", "{\"s\":1}");
        Result r = ReaderHarness.read(reader, "conn.log", String.join("\n", noTs, badTs, objectTs, NATIVE_CONN));

        assertThat(r.records()).isEqualTo(4);
        assertThat(r.events()).hasSize(1);
        assertThat(r.errors()).extracting(RecordError::record, RecordError::field)
                .containsExactly(tuple(1L, "ts"), tuple(2L, "ts"), tuple(3L, "ts"));
        assertThat(r.errors().get(0).reason()).isEqualTo("is missing: the record has no timestamp");
        assertThat(r.errors().get(1).reason()).contains("yesterday");
    }

    @Test
    void theLogPathComesFromTheFileNameWhenTheRecordDoesNotSay() {
        assertThat(Zeek.pathFromName("/data/zeek/2026-03-02/conn.log")).isEqualTo("conn");
        assertThat(Zeek.pathFromName("conn.09:00:00-10:00:00.log.gz")).isEqualTo("conn");
        assertThat(Zeek.pathFromName("otrf/NEWYORK_dns.log")).isEqualTo("dns");
        assertThat(Zeek.pathFromName("logs.zip!/smb_files.log")).isEqualTo("smb_files");
        assertThat(Zeek.pathFromName("sensor-a_loaded_scripts.log")).isEqualTo("loaded_scripts");
        assertThat(Zeek.pathFromName("mystream.log")).isEqualTo("mystream");
    }

    @Test
    void theNewYorkLogsReadCleanly() throws IOException {
        Path otrf = SharedData.require().resolve("data/vendor-samples/otrf");

        Result conn = ReaderHarness.read(reader, otrf.resolve("NEWYORK_conn.log"));
        Result dns = ReaderHarness.read(reader, otrf.resolve("NEWYORK_dns.log"));

        assertThat(conn.errors()).isEmpty();
        assertThat(conn.records()).isEqualTo(314);
        assertThat(conn.events()).hasSize(314).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo("conn");
            assertThat(e.sourceIp()).isNotNull();
        });
        assertThat(conn.events().get(0).time()).isEqualTo(Instant.parse("2020-05-01T07:03:39.797806Z"));
        assertThat(dns.errors()).isEmpty();
        assertThat(dns.records()).isEqualTo(153);
        assertThat(dns.events()).hasSize(153).allSatisfy(e -> assertThat(e.logSource().service()).isEqualTo("dns"));
        assertThat(reader.probe(sample(otrf.resolve("NEWYORK_conn.log")))).isEqualTo(90);
    }

    @Test
    void theProbesSayNoToEveryOtherVendorSample() throws IOException {
        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        List<Path> samples;
        try (Stream<Path> s = Files.list(dir)) {
            samples = s.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList();
        }
        ZeekTsvReader tsv = new ZeekTsvReader();
        for (Path p : samples) {
            assertThat(reader.probe(sample(p))).as(p.toString()).isZero();
            assertThat(tsv.probe(sample(p))).as(p.toString()).isZero();
        }
        assertThat(reader.probe(new Sample("conn.log", NATIVE_CONN.getBytes()))).isEqualTo(90);
        assertThat(reader.probe(new Sample("x.json", EXPORTED_DNS.getBytes()))).isEqualTo(90);
        assertThat(reader.probe(new Sample("stats.log", "{\"ts\":1588317520.606684,\"peer\":\"zeek\",\"mem\":96}".getBytes())))
                .isEqualTo(40);
        assertThat(reader.probe(new Sample("events.json", "{\"ts\":1588317520.606684,\"peer\":\"zeek\"}".getBytes())))
                .isZero();
        assertThat(reader.probe(new Sample("conn.log", "#separator \\x09\n".getBytes()))).isZero();
        assertThat(tsv.probe(new Sample("conn.log", NATIVE_CONN.getBytes()))).isZero();
    }

    static Sample sample(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        return new Sample(p.getFileName().toString(), Arrays.copyOf(all, Math.min(all.length, Sample.SIZE)));
    }
}
