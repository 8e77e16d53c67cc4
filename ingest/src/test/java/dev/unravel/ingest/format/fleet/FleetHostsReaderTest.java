package dev.unravel.ingest.format.fleet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FleetHostsReaderTest {

    final FleetHostsReader reader = new FleetHostsReader();

    /** A host as Fleet's GET /api/v1/fleet/hosts lists it (the fields the reader uses, among Fleet's others). */
    static String host(String id, String hostname, String publicIp, String seen) {
        return "{\"created_at\":\"2026-02-20T17:12:40Z\",\"updated_at\":\"2026-03-02T22:41:10Z\",\"id\":" + id
                + ",\"detail_updated_at\":\"2026-03-02T21:00:00Z\",\"label_updated_at\":\"2026-03-02T21:00:00Z\","
                + "\"last_enrolled_at\":\"2026-02-20T17:12:40Z\",\"seen_time\":" + seen + ",\"refetch_requested\":false,"
                + "\"hostname\":" + hostname + ",\"uuid\":\"6E2B1C7A-43F0-5B7E-9C3D-0A1B2C3D4E5F\",\"platform\":"
                + "\"darwin\",\"osquery_version\":\"5.14.1\",\"os_version\":\"macOS 14.6.1\",\"build\":\"23G93\","
                + "\"hardware_vendor\":\"Apple Inc.\",\"hardware_model\":\"Mac15,6\",\"hardware_serial\":\"C02XK0AAJGH5\","
                + "\"computer_name\":\"Alice's MacBook Pro\",\"timezone\":null,\"display_name\":\"Alice's MacBook Pro\","
                + "\"public_ip\":\"" + publicIp + "\",\"primary_ip\":\"192.168.1.50\",\"primary_mac\":"
                + "\"f0:18:98:12:34:56\",\"status\":\"online\",\"display_text\":\"NWL-MB-0043\"}";
    }

    @Test
    void aHostsLastContact_placesTheLaptopAtTheAddressFleetSawItFrom() {
        String page = "{\"hosts\":[" + host("17", "\"NWL-MB-0043\"", "71.173.170.3", "\"2026-03-02T22:41:10Z\"") + ","
                + host("18", "null", "68.1.5.204", "\"2026-03-02T22:05:00.123Z\"") + "]}";
        ReaderHarness.Result r = ReaderHarness.read(reader, "fleet/hosts.json", page);

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T22:41:10Z"));
        assertThat(e.type()).isEqualTo(FleetHostsReader.TYPE);
        assertThat(e.logSource()).isEqualTo(LogSource.of("fleet", null, "hosts"));
        assertThat(e.host()).isEqualTo("NWL-MB-0043");
        assertThat(e.sourceIp()).as("where Fleet saw it, not what it reports").isEqualTo("71.173.170.3");
        assertThat(e.user()).isNull();
        assertThat(r.events().get(1).host()).as("no hostname: the computer's name").isEqualTo("Alice's MacBook Pro");
    }

    @Test
    void aHostWithoutItsSeenTime_isNamed_andTheOthersStand() {
        String lines = host("1", "\"NWL-MB-1\"", "73.4.5.6", "null") + "\n"
                + host("2", "\"NWL-MB-2\"", "73.4.5.7", "\"2026-03-02T10:00:00Z\"") + "\n";
        ReaderHarness.Result r = ReaderHarness.read(reader, "fleet/hosts.ndjson", lines);
        assertThat(r.events()).extracting(Event::host).containsExactly("NWL-MB-2");
        assertThat(r.errors()).singleElement().satisfies(err -> assertThat(err.field()).isEqualTo("seen_time"));
    }

    @Test
    void probedAsFleet_andNothingElseClaimsIt() {
        Sample sample = new Sample("hosts.json", ("{\"hosts\":[" + host("17", "\"NWL-MB-0043\"", "71.173.170.3",
                "\"2026-03-02T22:41:10Z\"") + "]}").getBytes(StandardCharsets.UTF_8));
        assertThat(reader.probe(sample)).isGreaterThanOrEqualTo(90);
        assertThat(Formats.recognise(sample).orElseThrow().reader().id()).isEqualTo("fleet-hosts");
    }
}
