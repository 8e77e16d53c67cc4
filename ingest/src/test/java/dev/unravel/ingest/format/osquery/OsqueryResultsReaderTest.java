package dev.unravel.ingest.format.osquery;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class OsqueryResultsReaderTest {
    private final OsqueryResultsReader reader = new OsqueryResultsReader();

    /** A differential line as osqueryd 5 writes it with the filesystem logger. */
    static final String PROCESS_ADDED = "{\"name\":\"pack_unravel_processes\",\"hostIdentifier\":\"NWL-MBP-10033\","
            + "\"calendarTime\":\"Mon Mar  2 14:03:11 2026 UTC\",\"unixTime\":1772460191,\"epoch\":0,\"counter\":3,"
            + "\"numerics\":false,\"decorations\":{\"host_uuid\":\"633A636E-B072-4F4F-AF96-833A43585070\","
            + "\"hostname\":\"NWL-MBP-10033\",\"username\":\"prichardson\"},\"columns\":{\"pid\":\"26853\","
            + "\"name\":\"AnyDesk\",\"path\":\"/Applications/AnyDesk.app/Contents/MacOS/AnyDesk\","
            + "\"cmdline\":\"/Applications/AnyDesk.app/Contents/MacOS/AnyDesk\",\"cwd\":\"/\",\"uid\":\"501\","
            + "\"parent\":\"1\"},\"action\":\"added\"}";

    static final String USB_SNAPSHOT = "{\"name\":\"pack_unravel_usb_devices\",\"hostIdentifier\":\"NWL-LT-10034\","
            + "\"calendarTime\":\"Mon Mar  2 11:12:06 2026 UTC\",\"unixTime\":1772449926,\"epoch\":0,\"counter\":0,"
            + "\"numerics\":false,\"decorations\":{\"host_uuid\":\"B0B814F4\",\"hostname\":\"NWL-LT-10034\"},"
            + "\"snapshot\":[{\"usb_address\":\"1\",\"vendor\":\"Linux Foundation\",\"vendor_id\":\"1d6b\","
            + "\"model\":\"PiKVM Composite Device\",\"model_id\":\"0104\",\"removable\":\"1\"},"
            + "{\"usb_address\":\"2\",\"vendor\":\"Logitech\",\"vendor_id\":\"046d\",\"model\":\"USB Receiver\","
            + "\"model_id\":\"c52b\",\"removable\":\"1\"}],\"action\":\"snapshot\"}";

    static final String BATCH = "{\"name\":\"pack/it/logged_in_users\",\"hostIdentifier\":\"build-01\","
            + "\"calendarTime\":\"Tue Mar  3 02:00:00 2026 UTC\",\"unixTime\":\"1772503200\",\"epoch\":\"0\","
            + "\"counter\":\"7\",\"diffResults\":{\"added\":[{\"user\":\"jdoe\",\"host\":\"203.0.113.9\","
            + "\"type\":\"user\",\"tty\":\"ttys001\"}],\"removed\":[{\"user\":\"admin\",\"host\":\"\","
            + "\"type\":\"user\",\"tty\":\"console\"}]}}";

    @Test
    void aDifferentialRowLandsInTheEnvelopeWithTheBareQueryName() {
        Result r = ReaderHarness.read(reader, "osqueryd.results.log", PROCESS_ADDED + "\n");

        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).hasSize(1);
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T14:03:11Z"));
        assertThat(e.source()).isEqualTo("osquery");
        assertThat(e.type()).isEqualTo("osquery.pack_unravel_processes");
        assertThat(e.logSource()).isEqualTo(LogSource.of("osquery", null, "processes"));
        assertThat(e.host()).isEqualTo("NWL-MBP-10033");
        assertThat(e.user()).isEqualTo("prichardson");
        assertThat(e.sourceIp()).isNull();
        assertThat(e.field("columns.path")).isEqualTo("/Applications/AnyDesk.app/Contents/MacOS/AnyDesk");
        assertThat(e.field("action")).isEqualTo("added");
        assertThat(e.field("query")).isEqualTo("processes");
        assertThat(e.field("pack")).isEqualTo("unravel");
        assertThat(e.origin().record()).isEqualTo(1);
    }

    @Test
    void aUuidHostIdentifierGivesWayToTheHostnameDecoration() {
        String uuidHost = PROCESS_ADDED.replace("\"hostIdentifier\":\"NWL-MBP-10033\"",
                "\"hostIdentifier\":\"633A636E-B072-4F4F-AF96-833A43585070\"");
        String noDecoration = uuidHost.replace("\"hostname\":\"NWL-MBP-10033\",", "");

        List<Event> events = ReaderHarness.read(reader, "r.log", uuidHost + "\n" + noDecoration).events();

        assertThat(events).extracting(Event::host).containsExactly("NWL-MBP-10033",
                "633A636E-B072-4F4F-AF96-833A43585070");
    }

    @Test
    void aSnapshotBecomesOneEventPerRowEachWithItsRowAsColumns() {
        Result r = ReaderHarness.read(reader, "osqueryd.results.log", USB_SNAPSHOT + "\n");

        assertThat(r.records()).isEqualTo(1);
        assertThat(r.events()).hasSize(2);
        assertThat(r.events()).extracting(e -> e.field("columns.vendor_id")).containsExactly("1d6b", "046d");
        assertThat(r.events()).allSatisfy(e -> {
            assertThat(e.field("action")).isEqualTo("snapshot");
            assertThat(e.document()).doesNotContainKey("snapshot");
            assertThat(e.type()).isEqualTo("osquery.pack_unravel_usb_devices");
            assertThat(e.logSource().service()).isEqualTo("usb_devices");
            assertThat(e.host()).isEqualTo("NWL-LT-10034");
            assertThat(e.user()).isNull(); // no username decoration yet, no user column
            assertThat(e.time()).isEqualTo(Instant.ofEpochSecond(1772449926));
            assertThat(e.origin().record()).isEqualTo(1);
        });
    }

    @Test
    void anEmptySnapshotIsOneEventSayingTheQueryFoundNothing() {
        String empty = USB_SNAPSHOT.replaceAll("\"snapshot\":\\[.*\\]", "\"snapshot\":[]");
        Result r = ReaderHarness.read(reader, "osqueryd.results.log", empty);

        assertThat(r.events()).singleElement().satisfies(e -> assertThat(e.field("columns")).isEqualTo(Map.of()));
    }

    @Test
    void aBatchLineBecomesOneEventPerAddedOrRemovedRowWithNumbersAsStrings() {
        Result r = ReaderHarness.read(reader, "osqueryd.results.log", BATCH);

        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(e -> e.field("action"), Event::user, Event::sourceIp)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("added", "jdoe", "203.0.113.9"),
                        org.assertj.core.groups.Tuple.tuple("removed", "admin", null));
        assertThat(r.events()).allSatisfy(e -> {
            assertThat(e.time()).isEqualTo(Instant.parse("2026-03-03T02:00:00Z"));
            assertThat(e.logSource().service()).isEqualTo("logged_in_users");
            assertThat(e.type()).isEqualTo("osquery.pack/it/logged_in_users");
            assertThat(e.document()).doesNotContainKey("diffResults");
        });
    }

    @Test
    void nearMissesAreRejectedNamingTheField() {
        String noTime = PROCESS_ADDED.replace("\"calendarTime\":\"Mon Mar  2 14:03:11 2026 UTC\",\"unixTime\":1772460191,", "");
        String badTime = PROCESS_ADDED.replace("\"unixTime\":1772460191", "\"unixTime\":\"yesterday\"");
        String noName = PROCESS_ADDED.replace("\"name\":\"pack_unravel_processes\",", "");
        String badRows = USB_SNAPSHOT.replaceAll("\"snapshot\":\\[.*\\]", "\"snapshot\":\"none\"");
        String noRows = "{\"name\":\"q\",\"unixTime\":1772460191,\"action\":\"added\"}";
        String emptyDiff = BATCH.replaceAll("\"diffResults\":\\{.*\\}\\}", "\"diffResults\":{\"added\":[],\"removed\":[]}}");

        Result r = ReaderHarness.read(reader, "osqueryd.results.log",
                String.join("\n", noTime, badTime, noName, badRows, noRows, emptyDiff, PROCESS_ADDED));

        assertThat(r.records()).isEqualTo(7);
        assertThat(r.events()).hasSize(1);
        assertThat(r.errors()).extracting(RecordError::record, RecordError::field).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, "unixTime"), org.assertj.core.groups.Tuple.tuple(2L, "unixTime"),
                org.assertj.core.groups.Tuple.tuple(3L, "name"), org.assertj.core.groups.Tuple.tuple(4L, "snapshot"),
                org.assertj.core.groups.Tuple.tuple(5L, "columns"), org.assertj.core.groups.Tuple.tuple(6L, "diffResults"));
        assertThat(r.errors().get(0).reason()).contains("no timestamp");
        assertThat(r.errors().get(1).reason()).contains("not a timestamp").contains("yesterday");
    }

    @Test
    void packNamesSplitOnTheirDelimiter() {
        assertThat(OsqueryResultsReader.packAndQuery("pack_incident-response_shell_history"))
                .containsExactly("incident-response", "shell_history");
        assertThat(OsqueryResultsReader.packAndQuery("pack/incident_response/logged_in_users"))
                .containsExactly("incident_response", "logged_in_users");
        assertThat(OsqueryResultsReader.packAndQuery("pack-incident_response-last"))
                .containsExactly("incident_response", "last");
        assertThat(OsqueryResultsReader.packAndQuery("pack-logged_in_users")).containsExactly(null, "logged_in_users");
        assertThat(OsqueryResultsReader.packAndQuery("usb_devices")).containsExactly(null, "usb_devices");
        assertThat(OsqueryResultsReader.packAndQuery("package_list")).containsExactly(null, "package_list");
    }

    @Test
    void theVendorSampleIsAcceptedWhereItHasATimeAndRejectedForNoTimestampElsewhere() throws IOException {
        Path file = SharedData.vendorRecords("Osquery_Differential.ndjson");

        Result r = ReaderHarness.read(reader, file);

        // 11 lines come from osqueryd with unixTime/calendarTime; 26 are hand-trimmed rows
        // (name, action, columns, sometimes hostIdentifier) with no time at all.
        assertThat(r.records()).isEqualTo(37);
        assertThat(r.accepted()).isEqualTo(11);
        assertThat(r.events()).hasSize(11);
        assertThat(r.errors()).hasSize(26).allSatisfy(e -> {
            assertThat(e.field()).isEqualTo("unixTime");
            assertThat(e.reason()).isEqualTo("is missing: the record has no timestamp (no unixTime or calendarTime)");
        });
        Event first = r.events().get(0);
        assertThat(first.time()).isEqualTo(Instant.parse("2018-09-11T16:14:21Z"));
        assertThat(first.host()).isEqualTo("test.lan");
        assertThat(first.logSource().service()).isEqualTo("osquery_info");
        Event mounts = r.events().stream().filter(e -> e.type().equals("osquery.pack/incident-response/mounts"))
                .findFirst().orElseThrow();
        assertThat(mounts.time()).isEqualTo(Instant.parse("2020-04-10T23:26:11Z"));
        assertThat(mounts.host()).isEqualTo("MacBook-Pro.local");
        assertThat(mounts.logSource().service()).isEqualTo("mounts");
    }

    @Test
    void theProbeKnowsOsqueryAndNoOtherVendorSample() throws IOException {
        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        List<Path> samples;
        try (Stream<Path> s = Files.list(dir)) {
            samples = s.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList();
        }
        assertThat(samples).hasSizeGreaterThan(10);
        for (Path p : samples) {
            int score = reader.probe(sample(p));
            if (p.getFileName().toString().startsWith("Osquery")) {
                assertThat(score).as(p.toString()).isGreaterThanOrEqualTo(90);
            } else {
                assertThat(score).as(p.toString()).isZero();
            }
        }
        assertThat(reader.probe(new Sample("x.log", BATCH.getBytes()))).isEqualTo(90);
        assertThat(reader.probe(new Sample("x.log", "#separator \\x09\n".getBytes()))).isZero();
        assertThat(reader.probe(new Sample("x.log", new byte[0]))).isZero();
    }

    static Sample sample(Path p) throws IOException {
        byte[] all = Files.readAllBytes(p);
        return new Sample(p.getFileName().toString(),
                java.util.Arrays.copyOf(all, Math.min(all.length, Sample.SIZE)));
    }
}
