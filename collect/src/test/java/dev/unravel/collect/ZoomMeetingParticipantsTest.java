package dev.unravel.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.ingest.FileSummary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZoomMeetingParticipantsTest {

    static final Instant NOW = Instant.parse("2026-03-03T06:00:00Z");
    static final Collector.Options FROM_MARCH = new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"),
            Duration.ofMinutes(15), null);
    static final String TOKEN = "{\"access_token\":\"eyJzdiI6IjAwMDAwMSJ9.TOKEN\",\"token_type\":\"bearer\","
            + "\"expires_in\":3599,\"scope\":\"dashboard_meetings:read:admin\",\"api_url\":\"https://api.zoom.us\"}";

    @TempDir
    Path out;

    final FakeApi.Waits waits = new FakeApi.Waits();
    final List<String> notes = new ArrayList<>();

    static String meeting(String uuid, long id, String topic) {
        return "{\"uuid\":\"" + uuid + "\",\"id\":" + id + ",\"topic\":\"" + topic + "\",\"host\":\"Owen Franklin\","
                + "\"email\":\"owen.franklin@example.com\",\"user_type\":\"Licensed\",\"start_time\":"
                + "\"2026-03-02T15:00:00Z\",\"end_time\":\"2026-03-02T15:31:02Z\",\"duration\":\"31:02\","
                + "\"participants\":2,\"has_pstn\":false,\"has_video\":true}";
    }

    static String participant(String uuid, String email, String joined, String microphone) {
        return "{\"id\":\"\",\"user_id\":\"16778240\",\"participant_uuid\":\"" + uuid + "\",\"user_name\":\"x\","
                + "\"device\":\"Windows\",\"ip_address\":\"185.242.5.85\",\"location\":\"New York (US)\","
                + "\"microphone\":\"" + microphone + "\",\"speaker\":\"Speakers (Realtek(R) Audio)\",\"camera\":\"\","
                + "\"join_time\":\"" + joined + "\",\"leave_time\":\"2026-03-02T15:31:02Z\",\"pc_name\":\"NWL-LT-1\","
                + "\"email\":\"" + email + "\",\"os\":\"Windows\"}";
    }

    Collector collector() {
        return new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add);
    }

    ZoomMeetingParticipants zoom(FakeApi api) {
        return new ZoomMeetingParticipants(api.base(), api.base(), "Xq3vT9kLQzy", "cl1ent", "s3cr&t");
    }

    @Test
    void theListingsPagesComeFirst_thenEachMeetingsParticipantsPageByPage_eachWithItsMeeting() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN)
                    .then(200, "{\"from\":\"2026-03-02\",\"to\":\"2026-03-03\",\"page_count\":2,\"page_size\":300,"
                            + "\"total_records\":2,\"next_page_token\":\"L2\",\"meetings\":["
                            + meeting("4rTz1bS9Q3uV0dH8fX2wLg==", 85104433120L, "Sprint planning") + "]}")
                    .then(200, "{\"next_page_token\":\"\",\"meetings\":["
                            + meeting("/ab//cd==", 85104433121L, "Design review") + "]}")
                    .then(200, "{\"page_count\":2,\"page_size\":300,\"total_records\":2,\"next_page_token\":\"P2\","
                            + "\"participants\":[" + participant("P-1", "ann@example.com", "2026-03-02T15:00:12Z",
                                    "Microphone (Voicemod Virtual Audio Device (WDM))") + "]}")
                    .then(200, "{\"next_page_token\":\"\",\"participants\":[" + participant("P-2", "bob@example.com",
                            "2026-03-02T15:01:00Z", "MacBook Pro Microphone") + "]}")
                    .then(200, "{\"participants\":[" + participant("P-3", "cy@example.com",
                            "2026-03-03T01:00:00Z", "Headset") + "]}");
            Collector.Result r = collector().run(zoom(api), out, FROM_MARCH);

            FakeApi.Seen signIn = api.seen.get(0);
            assertThat(signIn.method()).isEqualTo("POST");
            assertThat(signIn.uri().getPath()).isEqualTo("/oauth/token");
            assertThat(signIn.query("grant_type")).isEqualTo("account_credentials");
            assertThat(signIn.query("account_id")).isEqualTo("Xq3vT9kLQzy");
            assertThat(signIn.header("Authorization")).isEqualTo("Basic " + Base64.getEncoder()
                    .encodeToString("cl1ent:s3cr&t".getBytes(StandardCharsets.UTF_8)));
            assertThat(api.seen.get(1).uri().getPath()).isEqualTo("/v2/metrics/meetings");
            assertThat(api.seen.get(1).query("type")).isEqualTo("past");
            assertThat(api.seen.get(1).query("from")).isEqualTo("2026-03-02");
            assertThat(api.seen.get(1).query("to")).isEqualTo("2026-03-03");
            assertThat(api.seen.get(1).header("Authorization")).isEqualTo("Bearer eyJzdiI6IjAwMDAwMSJ9.TOKEN");
            assertThat(api.seen.get(2).query("next_page_token")).as("the listing's pages first").isEqualTo("L2");
            assertThat(api.seen.get(3).uri().getRawPath())
                    .isEqualTo("/v2/metrics/meetings/4rTz1bS9Q3uV0dH8fX2wLg%3D%3D/participants");
            assertThat(api.seen.get(4).uri().getRawPath()).isEqualTo(api.seen.get(3).uri().getRawPath());
            assertThat(api.seen.get(4).query("next_page_token")).isEqualTo("P2");
            assertThat(api.seen.get(5).uri().getRawPath()).as("a uuid with // encoded twice")
                    .isEqualTo("/v2/metrics/meetings/%252Fab%252F%252Fcd%253D%253D/participants");

            assertThat(r.records()).isEqualTo(3);
            List<String> lines = Files.readAllLines(r.file());
            JsonNode first = new ObjectMapper().readTree(lines.get(0));
            assertThat(first.get("meeting_uuid").asText()).isEqualTo("4rTz1bS9Q3uV0dH8fX2wLg==");
            assertThat(first.get("meeting_id").asLong()).isEqualTo(85104433120L);
            assertThat(first.get("topic").asText()).isEqualTo("Sprint planning");
            assertThat(new ObjectMapper().readTree(lines.get(2)).get("topic").asText()).isEqualTo("Design review");
            FileSummary read = Collected.read(r.file());
            assertThat(read.format()).isEqualTo("zoom-participants");
            assertThat(read.quarantined()).isZero();
            assertThat(read.events()).isEqualTo(3);
        }
    }

    /**
     * The next run lists from a day before the newest join, asks for no meeting whose participants it
     * has, and leaves one that ended in the last quarter of an hour (Zoom may still be processing it)
     * to the run after.
     */
    @Test
    void theNextRunListsFromADayBefore_skipsMeetingsItHas_andLeavesOneJustEndedForLater() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN).then(200, "{\"meetings\":[" + meeting("m1", 1L, "Stand-up") + "]}")
                    .then(200, "{\"participants\":[" + participant("P-1", "ann@example.com", "2026-03-02T15:00:12Z",
                            "Mic") + "]}");
            collector().run(zoom(api), out, FROM_MARCH);
            api.seen.clear();
            String justEnded = meeting("m3", 3L, "Late call").replace("\"end_time\":\"2026-03-02T15:31:02Z\"",
                    "\"end_time\":\"2026-03-03T05:50:00Z\"");
            api.then(200, TOKEN).then(200, "{\"meetings\":[" + meeting("m1", 1L, "Stand-up") + ","
                    + meeting("m2", 2L, "Design review") + "," + justEnded + "]}")
                    .then(200, "{\"participants\":[" + participant("P-2", "bob@example.com", "2026-03-02T16:03:00Z",
                            "Mic") + "]}");
            Collector.Result r = collector().run(zoom(api), out, FROM_MARCH);

            assertThat(api.seen.get(1).query("from")).isEqualTo("2026-03-01");
            assertThat(api.seen).extracting(s -> s.uri().getRawPath()).containsExactly("/oauth/token",
                    "/v2/metrics/meetings", "/v2/metrics/meetings/m2/participants");
            assertThat(r.records()).isEqualTo(1);
        }
    }

    @Test
    void aFirstRunBackFurtherThanAMonthIsListedAMonthAtATime() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN).then(200, "{\"meetings\":[]}").then(200, "{\"meetings\":[]}");
            collector().run(zoom(api), out, new Collector.Options(Instant.parse("2026-01-20T00:00:00Z"),
                    Duration.ofMinutes(15), null));
            assertThat(api.seen.subList(1, api.seen.size())).extracting(s -> s.query("from") + ".." + s.query("to"))
                    .containsExactly("2026-01-20..2026-02-18", "2026-02-19..2026-03-03");
        }
    }

    /** Zoom lists meetings whose participants it then says do not exist: passed over, or every run would stop there. */
    @Test
    void aListedMeetingWhoseParticipantsAreGoneIsPassedOverWithANote() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN).then(200, "{\"meetings\":[" + meeting("m1", 1L, "Stand-up") + ","
                    + meeting("m2", 2L, "Retro") + "]}")
                    .then(404, "{\"code\":3001,\"message\":\"Meeting does not exist: m1.\"}")
                    .then(200, "{\"participants\":[" + participant("P-2", "bob@example.com", "2026-03-02T15:03:00Z",
                            "Mic") + "]}");
            Collector.Result r = collector().run(zoom(api), out, FROM_MARCH);
            assertThat(r.records()).isEqualTo(1);
            assertThat(notes).anySatisfy(n -> assertThat(n).contains("/v2/metrics/meetings/m1/participants",
                    "answered 404: gone since it was listed, passed over"));
        }
    }

    @Test
    void anAnswerThatIsNoPageOfParticipantsIsAnErrorNamingTheMeeting() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN).then(200, "{\"meetings\":[" + meeting("m1", 1L, "Stand-up") + "]}")
                    .then(200, "{\"code\":3001,\"message\":\"Meeting does not exist\"}");
            assertThatThrownBy(() -> collector().run(zoom(api), out, FROM_MARCH))
                    .hasMessageContaining("zoom: the Dashboard API answered an object with keys code, message, not a "
                            + "page of participants (in 'participants') of meeting m1");
            assertThat(Collected.files(out.resolve("zoom"))).isEmpty();
        }
    }
}
