package dev.unravel.ingest.format.duo;

import static dev.unravel.ingest.format.IdentityTestSupport.assertAccounted;
import static dev.unravel.ingest.format.IdentityTestSupport.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.core.testing.SharedData;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.IdentityTestSupport;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DuoAuthenticationReaderTest {

    final DuoAuthenticationReader reader = new DuoAuthenticationReader();

    /** A v2 authentication log with every field Duo documents, as its log sync writes one a line. */
    static final String PUSH = """
            {"access_device":{"browser":"Chrome","browser_version":"86.0.4240.198","epkey":"EP18JX1A10AB102M2T2X",\
            "hostname":"NWL-MBP-1","ip":"203.0.113.7","is_encryption_enabled":"true","is_firewall_enabled":"true",\
            "is_password_set":"true","location":{"city":"Austin","country":"United States","state":"Texas"},\
            "os":"Mac OS X","os_version":"14.2"},"alias":"","application":{"key":"DIY231J8BR23QK4UKBY8",\
            "name":"Okta"},"auth_device":{"ip":"198.51.100.20","key":"DP5BJ05HI4WRBVI4Q7JF","location":\
            {"city":"Shenyang","country":"China","state":"Liaoning"},"name":"iPhone (734-555-2342)"},\
            "email":"ada.lovelace@example.com","event_type":"authentication","factor":"duo_push",\
            "isotimestamp":"2026-03-02T14:03:11.351346+00:00","ood_software":null,"reason":"user_approved",\
            "result":"success","timestamp":1772460191,"trusted_endpoint_status":"not trusted",\
            "txid":"340a23e3-23f3-4eb0-b7d1-1a0d5f41a5a6","user":{"groups":["Duo Users"],\
            "key":"DU3KC77WJ06Y5HIV7XKQ","name":"ada.lovelace"}}""";

    @Test
    void aDocumentedLog_becomesAnAuthenticationEventFromTheComputerSignedInFrom() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "duo/authentication.ndjson", PUSH + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T14:03:11.351346Z"));
        assertThat(e.source()).isEqualTo("duo");
        assertThat(e.type()).isEqualTo("duo.authentication");
        assertThat(e.logSource()).isEqualTo(LogSource.of("duo", null, "authentication"));
        assertThat(e.user()).isEqualTo("ada.lovelace");
        assertThat(e.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(e.host()).isEqualTo("NWL-MBP-1");
        assertThat(e.field("auth_device.name")).isEqualTo("iPhone (734-555-2342)");
        assertThat(e.origin().record()).isEqualTo(1);
    }

    @Test
    void timeFromEpochSeconds_whenIsotimestampIsAbsent_andUserFromEmail_whenNoName() {
        String log = "{\"event_type\":\"authentication\",\"factor\":\"sms_passcode\",\"result\":\"denied\","
                + "\"reason\":\"invalid_passcode\",\"timestamp\":1772460191,\"email\":\"ada@example.com\","
                + "\"access_device\":{\"ip\":\"203.0.113.7\"},\"auth_device\":{\"name\":\"+1 734-555-2342\"}}";
        Event e = ReaderHarness.read(reader, "a.json", log + "\n").events().get(0);
        assertThat(e.time()).isEqualTo(Instant.ofEpochSecond(1772460191));
        assertThat(e.user()).isEqualTo("ada@example.com");
        assertThat(e.host()).isNull();
    }

    /** The Admin API's response: each log in it is read or rejected alone, numbered in order. */
    @Test
    void adminApiResponses_v2AndV1_eachLogARecord() {
        String noTime = PUSH.replace("\"isotimestamp\":\"2026-03-02T14:03:11.351346+00:00\",", "")
                .replace("\"timestamp\":1772460191,", "");
        String v2 = "{\"stat\":\"OK\",\"response\":{\"authlogs\":[" + PUSH + "," + noTime + ","
                + PUSH.replace("ada.lovelace\"}}", "alan.turing\"}}") + "],\"metadata\":{\"next_offset\":null,"
                + "\"total_objects\":3}}}";
        ReaderHarness.Result r = ReaderHarness.read(reader, "authlogs.json", v2);
        assertThat(r.records()).isEqualTo(3);
        assertThat(r.events()).extracting(Event::user).containsExactly("ada.lovelace", "alan.turing");
        assertThat(r.events()).extracting(e -> e.origin().record()).containsExactly(1L, 3L);
        assertThat(r.errors()).singleElement().satisfies(err -> {
            assertThat(err.record()).isEqualTo(2);
            assertThat(err.field()).isEqualTo("response.authlogs.1.isotimestamp");
            assertThat(err.reason()).contains("no timestamp");
        });
        assertAccounted(r);

        ReaderHarness.Result v1 = ReaderHarness.read(reader, "v1.json", "{\"stat\":\"OK\",\"response\":[" + PUSH
                + ", 42]}");
        assertThat(v1.events()).hasSize(1);
        assertThat(v1.errors()).singleElement().satisfies(err -> assertThat(err.field())
                .isEqualTo("response.1"));
        assertAccounted(v1);

        assertThat(reader.probe(new Sample("authlogs.json", v2.getBytes(StandardCharsets.UTF_8))))
                .isGreaterThanOrEqualTo(88);

        // an empty page (no logs in the window asked for) is a valid record with no event, not an error
        ReaderHarness.Result empty = ReaderHarness.read(reader, "empty.json",
                "{\"stat\":\"OK\",\"response\":{\"authlogs\":[],\"metadata\":{}}}");
        assertThat(empty.records()).isEqualTo(1);
        assertThat(empty.events()).isEmpty();
        assertThat(empty.errors()).isEmpty();
    }

    /**
     * A line the framing rejects is numbered after the logs of a response before it, and a log
     * after a rejected line takes the next number: no record is both read and rejected. (Found by
     * EveryReaderPropertiesTest: a NUL before the first line made record 1 an error and an event.)
     */
    @Test
    void rejectedLines_andResponseLogs_neverShareARecordNumber() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "mixed.ndjson", "\0" + PUSH + "\n" + PUSH + "\n"
                + "{\"stat\":\"OK\",\"response\":[" + PUSH + "," + PUSH + "]}\n" + "{not json\n" + PUSH + "\n");
        assertThat(r.records()).isEqualTo(6);
        assertThat(r.errors()).extracting(RecordError::record).containsExactly(1L, 5L);
        assertThat(r.events()).extracting(e -> e.origin().record()).containsExactly(2L, 3L, 4L, 6L);
        assertAccounted(r);
    }

    /**
     * Panther's Duo fixtures were trimmed of their time: every record is recognised and rejected
     * for it, none silently; with the time a real log carries, every one reads.
     */
    @Test
    void vendorSample_recognised_rejectedForItsMissingTime_andReadWithIt() throws Exception {
        Path sample = SharedData.vendorRecords("Duo_Authentication.ndjson");
        assertThat(IdentityTestSupport.recognised(sample)).isEqualTo("duo-auth");

        ReaderHarness.Result r = ReaderHarness.read(reader, sample);
        assertThat(r.records()).isEqualTo(14);
        assertThat(r.events()).isEmpty();
        assertThat(reasons(r)).containsExactlyEntriesOf(Map.of("isotimestamp: is missing: the record has no timestamp",
                14L));
        assertAccounted(r);

        String timed = IdentityTestSupport.lines(sample).stream()
                .map(l -> l.replaceFirst("^\\{", "{\"timestamp\":1772460191,")).collect(Collectors.joining("\n"));
        ReaderHarness.Result withTime = ReaderHarness.read(reader, "duo.ndjson", timed);
        assertThat(withTime.errors()).isEmpty();
        assertThat(withTime.events()).hasSize(14).allSatisfy(e -> {
            assertThat(e.type()).startsWith("duo.");
            assertThat(e.user()).isEqualTo("example@example.io");
            assertThat(e.sourceIp()).isEqualTo("12.12.112.25");
        });
    }

    @Test
    void probe_recognisesDuoAuthenticationLogsAndNotOtherVendors() throws Exception {
        assertThat(reader.probe(new Sample("x.json", PUSH.getBytes(StandardCharsets.UTF_8)))).isGreaterThanOrEqualTo(90);
        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                int score = reader.probe(IdentityTestSupport.sample(f));
                if (f.getFileName().toString().equals("Duo_Authentication.ndjson")) {
                    assertThat(score).as(f.toString()).isGreaterThanOrEqualTo(90);
                } else {
                    assertThat(score).as(f.toString()).isZero();
                }
            }
        }
        assertThat(reader.probe(new Sample("x.json", "{\"stat\":\"OK\",\"response\":{\"users\":[]}}"
                .getBytes(StandardCharsets.UTF_8)))).as("another Admin API response").isZero();
        assertThat(reader.probe(new Sample("x.json", new byte[0]))).isZero();
        assertThat(List.of(reader.id(), reader.description())).doesNotContainNull();
    }
}
