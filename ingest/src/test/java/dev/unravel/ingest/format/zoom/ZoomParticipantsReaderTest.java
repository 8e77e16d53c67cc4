package dev.unravel.ingest.format.zoom;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ZoomParticipantsReaderTest {

    final ZoomParticipantsReader reader = new ZoomParticipantsReader();

    /** One participant as GET /v2/metrics/meetings/{meetingId}/participants?type=past gives it. */
    static String participant(String email, String joined, String microphone, String camera, String pc) {
        return "{\"id\":\"\",\"user_id\":\"16778240\",\"participant_uuid\":\"9C1F4E2A-0B7D-4E3F-8A6C-2D5E7F9A1B3C\","
                + "\"user_name\":\"Ryan Ramos\",\"device\":\"Windows\",\"ip_address\":\"185.242.5.85\",\"internal_ip_"
                + "addresses\":[\"192.168.1.23\"],\"location\":\"New York (US)\",\"network_type\":\"Wifi\","
                + "\"microphone\":" + microphone + ",\"speaker\":\"Speakers (Realtek(R) Audio)\",\"camera\":" + camera
                + ",\"data_center\":\"United States (SC Crossconnect)\",\"full_data_center\":\"United States;"
                + "United States (SC Crossconnect)\",\"connection_type\":\"UDP\",\"join_time\":" + joined
                + ",\"leave_time\":\"2026-03-05T15:31:02Z\",\"share_application\":false,\"share_desktop\":false,"
                + "\"share_whiteboard\":false,\"recording\":false,\"pc_name\":" + pc + ",\"domain\":\"corp."
                + "northwindlabs.com\",\"mac_addr\":\"F0-18-98-12-34-56\",\"harddisk_id\":\"\",\"version\":"
                + "\"6.3.11.60501\",\"leave_reason\":\"Ryan Ramos left the meeting.<br>Reason: left the meeting.\","
                + "\"email\":" + email + ",\"registrant_id\":\"\",\"status\":\"in_meeting\",\"os\":\"Windows\","
                + "\"os_version\":\"10.0.22631\",\"client\":\"Zoom Workplace\",\"role\":\"attendee\"}";
    }

    @Test
    void aParticipantIsWhoJoinedWhenFromWhereAndWithWhichDevices() {
        String page = "{\"page_count\":1,\"page_size\":30,\"total_records\":2,\"next_page_token\":\"\","
                + "\"participants\":[" + participant("\"ryan.ramos@northwindlabs.com\"", "\"2026-03-05T15:00:12Z\"",
                        "\"Microphone (Voicemod Virtual Audio Device (WDM))\"", "\"Integrated Webcam\"",
                        "\"NWL-LT-10511\"") + ","
                + participant("\"\"", "\"2026-03-05T15:01:00Z\"", "\"MacBook Pro Microphone\"", "\"\"", "\"\"") + "]}";
        ReaderHarness.Result r = ReaderHarness.read(reader, "zoom/participants-2026-03-05.json", page);

        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).hasSize(2);
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-05T15:00:12Z"));
        assertThat(e.source()).isEqualTo("zoom");
        assertThat(e.type()).isEqualTo(ZoomParticipantsReader.TYPE);
        assertThat(e.logSource()).isEqualTo(LogSource.of("zoom", null, "meetings"));
        assertThat(e.user()).isEqualTo("ryan.ramos@northwindlabs.com");
        assertThat(e.host()).isEqualTo("NWL-LT-10511");
        assertThat(e.sourceIp()).isEqualTo("185.242.5.85");
        assertThat(e.field("microphone")).isEqualTo("Microphone (Voicemod Virtual Audio Device (WDM))");
        Event guest = r.events().get(1);
        assertThat(guest.user()).as("no email (a guest): the name shown").isEqualTo("Ryan Ramos");
        assertThat(guest.host()).as("a blank pc_name is no computer").isNull();
    }

    @Test
    void aParticipantWithoutAJoinTimeIsRejectedByName_andTheOthersAreRead() {
        String lines = participant("\"a@x.com\"", "\"2026-03-05T15:00:12Z\"", "\"Mic\"", "\"Cam\"", "\"PC1\"") + "\n"
                + participant("\"b@x.com\"", "null", "\"Mic\"", "\"Cam\"", "\"PC2\"") + "\n"
                + participant("\"c@x.com\"", "\"soon\"", "\"Mic\"", "\"Cam\"", "\"PC3\"") + "\n"
                + participant("\"d@x.com\"", "\"2026-03-05T16:00:00Z\"", "\"Mic\"", "\"Cam\"", "\"PC4\"") + "\n";
        ReaderHarness.Result r = ReaderHarness.read(reader, "zoom/participants.ndjson", lines);

        assertThat(r.events()).extracting(Event::host).containsExactly("PC1", "PC4");
        assertThat(r.errors()).hasSize(2);
        assertThat(r.errors().get(0).toString()).contains("join_time", "is missing");
        assertThat(r.errors().get(1).toString()).contains("join_time", "soon");
    }

    @Test
    void zoomsParticipantsAreRecognisedAndOtherJsonIsNot() {
        String line = participant("\"a@x.com\"", "\"2026-03-05T15:00:12Z\"", "\"Mic\"", "\"Cam\"", "\"PC1\"") + "\n";
        Sample zoom = new Sample("zoom/p.ndjson", line.getBytes(StandardCharsets.UTF_8));
        assertThat(Formats.recognise(zoom)).get().satisfies(g -> assertThat(g.reader().id())
                .isEqualTo("zoom-participants"));
        assertThat(reader.probe(new Sample("x.ndjson", "{\"join_time\":\"2026-03-05T15:00:12Z\",\"name\":\"x\"}\n"
                .getBytes(StandardCharsets.UTF_8)))).isZero();
    }
}
