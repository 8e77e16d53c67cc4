package dev.unravel.ingest.format.jamf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JamfComputersReaderTest {

    final JamfComputersReader reader = new JamfComputersReader();

    /** One Mac as GET /api/v1/computers-inventory?section=GENERAL&section=HARDWARE&section=USER_AND_LOCATION gives it. */
    static String mac(String name, String ip, String contact, String user) {
        return "{\"id\":\"17\",\"udid\":\"6E2B1C7A-43F0-5B7E-9C3D-0A1B2C3D4E5F\",\"general\":{\"name\":\"" + name
                + "\",\"lastIpAddress\":\"" + ip + "\",\"lastReportedIp\":\"192.168.1.50\",\"jamfBinaryVersion\":"
                + "\"11.10.0-t1727795578\",\"platform\":\"Mac\",\"barcode1\":null,\"assetTag\":\"NWL-A-0043\","
                + "\"remoteManagement\":{\"managed\":true},\"supervised\":true,\"mdmCapable\":{\"capable\":true},"
                + "\"reportDate\":\"2026-03-02T06:01:11.000Z\",\"lastContactTime\":" + contact + ","
                + "\"lastEnrolledDate\":\"2026-02-20T17:12:40.000Z\",\"site\":{\"id\":\"-1\",\"name\":\"None\"},"
                + "\"managementId\":\"7f9c4b1e-2f0b-4c1d-9a8e-3b2a1c0d9e8f\"},\"hardware\":{\"make\":\"Apple\","
                + "\"model\":\"MacBook Pro (14-inch, 2023)\",\"serialNumber\":\"C02XK0AAJGH5\",\"macAddress\":"
                + "\"F0:18:98:12:34:56\"},\"userAndLocation\":{\"username\":" + user + ",\"realname\":\"Alice Nguyen\","
                + "\"email\":\"alice.nguyen@northwindlabs.com\",\"position\":\"Developer\"}}";
    }

    @Test
    void aMacsLastCheckIn_placesTheMacAtTheAddressJamfSawItFrom() {
        String page = "{\"totalCount\":2,\"results\":[" + mac("NWL-MB-0043", "71.173.170.3",
                "\"2026-03-02T23:41:10.123Z\"", "\"anguyen\"") + "," + mac("NWL-MB-0044", "68.1.5.204",
                "\"2026-03-02T22:05:00Z\"", "null") + "]}";
        ReaderHarness.Result r = ReaderHarness.read(reader, "jamf/computers-inventory-2026-03-02.json", page);

        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).hasSize(2);
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T23:41:10.123Z"));
        assertThat(e.source()).isEqualTo("jamf");
        assertThat(e.type()).isEqualTo(JamfComputersReader.TYPE);
        assertThat(e.logSource()).isEqualTo(LogSource.of("jamf", null, "inventory"));
        assertThat(e.host()).isEqualTo("NWL-MB-0043");
        assertThat(e.sourceIp()).as("where Jamf Pro saw it, not what it reports").isEqualTo("71.173.170.3");
        assertThat(e.user()).isEqualTo("anguyen");
        assertThat(e.field("hardware.serialNumber")).isEqualTo("C02XK0AAJGH5");
        assertThat(r.events().get(1).user()).as("no username: the email").isEqualTo("alice.nguyen@northwindlabs.com");
    }

    @Test
    void aMacThatNeverCheckedIn_isTheReportDate_andOneWithoutItsGeneralSectionIsNamed() {
        String lines = mac("NWL-MB-0045", "73.4.5.6", "null", "\"bob\"") + "\n"
                + "{\"id\":\"9\",\"udid\":\"X\",\"hardware\":{\"serialNumber\":\"C02\"}}\n"
                + mac("NWL-MB-0046", "73.4.5.7", "\"yesterday\"", "\"eve\"") + "\n";
        ReaderHarness.Result r = ReaderHarness.read(reader, "jamf/computers.ndjson", lines);

        assertThat(r.events()).extracting(Event::host).containsExactly("NWL-MB-0045");
        assertThat(r.events().get(0).time()).isEqualTo(Instant.parse("2026-03-02T06:01:11Z"));
        assertThat(r.errors()).hasSize(2);
        assertThat(r.errors().get(0).field()).isEqualTo("general");
        assertThat(r.errors().get(0).reason()).contains("section=GENERAL");
        assertThat(r.errors().get(1).field()).isEqualTo("general.lastContactTime");
    }

    @Test
    void probedAsJamf_andNothingElseClaimsIt() {
        String page = "{\"totalCount\":1,\"results\":[" + mac("NWL-MB-0043", "71.173.170.3",
                "\"2026-03-02T23:41:10Z\"", "\"anguyen\"") + "]}";
        Sample sample = new Sample("computers.json", page.getBytes(StandardCharsets.UTF_8));
        assertThat(reader.probe(sample)).isGreaterThanOrEqualTo(90);
        assertThat(Formats.recognise(sample).orElseThrow().reader().id()).isEqualTo("jamf-computers");
    }
}
