package dev.unravel.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.ingest.FileSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TeamsCallRecordsTest {

    static final Instant NOW = Instant.parse("2026-03-03T06:00:00Z");
    static final Collector.Options FROM_MARCH = new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"),
            Duration.ofMinutes(15), null);

    @TempDir
    Path out;

    final FakeApi.Waits waits = new FakeApi.Waits();
    final List<String> notes = new ArrayList<>();

    /** A call record as the listing gives it: no sessions. */
    static String listed(String id, String start) {
        return "{\"id\":\"" + id + "\",\"version\":2,\"type\":\"groupCall\",\"modalities\":[\"audio\"],"
                + "\"lastModifiedDateTime\":\"2026-03-02T16:00:00Z\",\"startDateTime\":\"" + start + "\","
                + "\"endDateTime\":\"2026-03-02T15:30:00Z\",\"organizer\":{\"user\":{\"id\":\"8218\","
                + "\"displayName\":\"Abbie Wilkins\"}}}";
    }

    /** A participant's session with the conferencing server, on {@code microphone}. */
    static String session(String id, String upn, String microphone) {
        return "{\"id\":\"" + id + "\",\"modalities\":[\"audio\"],\"startDateTime\":\"2026-03-02T15:00:10Z\","
                + "\"endDateTime\":\"2026-03-02T15:30:00Z\",\"caller\":{\"@odata.type\":\"#microsoft.graph.callRecords."
                + "participantEndpoint\",\"name\":\"PC-" + id + "\",\"associatedIdentity\":{\"id\":\"u" + id + "\","
                + "\"displayName\":\"x\",\"userPrincipalName\":\"" + upn + "\"}},\"callee\":{\"@odata.type\":"
                + "\"#microsoft.graph.callRecords.serviceEndpoint\"},\"segments\":[{\"id\":\"" + id + "\","
                + "\"media\":[{\"label\":\"main-audio\",\"callerDevice\":{\"captureDeviceName\":\"" + microphone
                + "\"}}]}]}";
    }

    /** The record asked for expanded: its sessions, and where more of them are when {@code more}. */
    static String expanded(String id, String start, String more, String... sessions) {
        String listed = listed(id, start);
        return "{\"@odata.context\":\"{base}/v1.0/$metadata#communications/callRecords(sessions(segments()))/$entity\","
                + listed.substring(1, listed.length() - 1) + ",\"sessions\":[" + String.join(",", sessions) + "]"
                + (more == null ? "" : ",\"sessions@odata.nextLink\":\"" + more + "\"") + "}";
    }

    Collector collector() {
        return new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add);
    }

    TeamsCallRecords teams(FakeApi api) {
        return new TeamsCallRecords(api.base(), api.base(), "example.onmicrosoft.com", "11111111-2222", "s3cr&t=");
    }

    @Test
    void listedRecordsAreAskedForExpanded_theirSessionsCompletedAcrossPages_oneWholeRecordALine() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, EntraGraphLogTest.TOKEN)
                    .then(200, "{\"@odata.context\":\"{base}/v1.0/$metadata#communications/callRecords\",\"value\":["
                            + listed("c1", "2026-03-02T15:00:00Z") + "," + listed("c2", "2026-03-02T16:00:00Z") + "],"
                            + "\"@odata.nextLink\":\"{base}/v1.0/communications/callRecords?$skiptoken=L2\"}")
                    .then(200, expanded("c1", "2026-03-02T15:00:00Z",
                            "{base}/v1.0/communications/callRecords/c1/sessions?$expand=segments&$skiptoken=S2",
                            session("a", "ann@example.com", "Microphone (Voicemod Virtual Audio Device (WDM))")))
                    .then(200, "{\"value\":[" + session("b", "bob@example.com", "MacBook Pro Microphone") + "]}")
                    .then(200, expanded("c2", "2026-03-02T16:00:00Z", null,
                            session("c", "cy@example.com", "Headset (Jabra Evolve2 65)")))
                    .then(200, "{\"value\":[" + listed("c3", "2026-03-03T01:00:00.1234567Z") + "]}")
                    .then(200, expanded("c3", "2026-03-03T01:00:00.1234567Z", null,
                            session("d", "dee@example.com", "Microphone Array")));
            Collector.Result r = collector().run(teams(api), out, FROM_MARCH);

            assertThat(api.seen).extracting(s -> s.uri().getPath()).containsExactly(
                    "/example.onmicrosoft.com/oauth2/v2.0/token", "/v1.0/communications/callRecords",
                    "/v1.0/communications/callRecords/c1", "/v1.0/communications/callRecords/c1/sessions",
                    "/v1.0/communications/callRecords/c2", "/v1.0/communications/callRecords",
                    "/v1.0/communications/callRecords/c3");
            assertThat(api.seen.get(1).query("$filter"))
                    .isEqualTo("startDateTime ge 2026-03-02T00:00:00Z and startDateTime lt 2026-03-03T06:00:00Z");
            assertThat(api.seen.get(2).query("$expand")).isEqualTo("sessions($expand=segments)");
            assertThat(api.seen.get(3).query("$skiptoken")).isEqualTo("S2");
            assertThat(api.seen.get(5).query("$skiptoken")).isEqualTo("L2");
            assertThat(api.seen.get(6).header("Authorization")).isEqualTo("Bearer eyJ0eXAiOiJKV1Qi.TOKEN");

            assertThat(r.records()).isEqualTo(3);
            assertThat(r.last()).isEqualTo(Instant.parse("2026-03-03T01:00:00.1234567Z"));
            List<String> lines = Files.readAllLines(r.file());
            JsonNode c1 = new ObjectMapper().readTree(lines.get(0));
            assertThat(c1.get("id").asText()).isEqualTo("c1");
            assertThat(c1.get("sessions")).hasSize(2);
            assertThat(c1.has("sessions@odata.nextLink")).isFalse();
            assertThat(c1.has("@odata.context")).isFalse();
            FileSummary read = Collected.read(r.file());
            assertThat(read.format()).isEqualTo("teams-callrecords");
            assertThat(read.quarantined()).isZero();
            assertThat(read.events()).as("one event a participant's session").isEqualTo(4);
            assertThat(out.resolve(".unravel-collect/teams-example.onmicrosoft.com.json")).exists();
        }
    }

    @Test
    void theNextRunGoesBackADay_andAsksForNoRecordItHasAlready() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, EntraGraphLogTest.TOKEN)
                    .then(200, "{\"value\":[" + listed("c1", "2026-03-02T15:00:00Z") + "]}")
                    .then(200, expanded("c1", "2026-03-02T15:00:00Z", null, session("a", "ann@example.com", "Mic")));
            collector().run(teams(api), out, FROM_MARCH);
            api.seen.clear();
            api.then(200, EntraGraphLogTest.TOKEN)
                    .then(200, "{\"value\":[" + listed("c1", "2026-03-02T15:00:00Z") + ","
                            + listed("c2", "2026-03-02T18:00:00Z") + "]}")
                    .then(200, expanded("c2", "2026-03-02T18:00:00Z", null, session("b", "bob@example.com", "Mic")));
            Collector.Result r = collector().run(teams(api), out, FROM_MARCH);

            assertThat(api.seen.get(1).query("$filter")).as("a day before the last record's start")
                    .startsWith("startDateTime ge 2026-03-01T15:00:00Z");
            assertThat(api.seen).extracting(s -> s.uri().getPath()).as("c1 is not asked for again")
                    .containsExactly("/example.onmicrosoft.com/oauth2/v2.0/token", "/v1.0/communications/callRecords",
                            "/v1.0/communications/callRecords/c2");
            assertThat(r.records()).isEqualTo(1);
        }
    }

    @Test
    void aListedRecordThatIsGoneWhenAskedForIsPassedOver_aListingThatIsGoneIsNot() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, EntraGraphLogTest.TOKEN).then(200, "{\"value\":[" + listed("c1", "2026-03-02T15:00:00Z")
                    + "," + listed("c2", "2026-03-02T16:00:00Z") + "]}")
                    .then(404, "{\"error\":{\"code\":\"NotFound\",\"message\":\"CallRecord not found\"}}")
                    .then(200, expanded("c2", "2026-03-02T16:00:00Z", null, session("b", "bob@example.com", "Mic")));
            Collector.Result r = collector().run(teams(api), out, FROM_MARCH);
            assertThat(r.records()).isEqualTo(1);
            assertThat(notes).anySatisfy(n -> assertThat(n).contains("/communications/callRecords/c1", "gone"));

            api.then(200, EntraGraphLogTest.TOKEN).then(404, "{\"error\":{\"code\":\"NotFound\"}}");
            assertThatThrownBy(() -> collector().run(teams(api), out, FROM_MARCH)).hasMessageContaining("answered 404");
        }
    }

    @Test
    void anAnswerThatIsNoCallRecordIsAnErrorNamingItsShape() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, EntraGraphLogTest.TOKEN).then(200, "{\"value\":[" + listed("c1", "2026-03-02T15:00:00Z")
                    + "]}").then(200, "{\"error\":{\"code\":\"x\"}}");
            assertThatThrownBy(() -> collector().run(teams(api), out, FROM_MARCH))
                    .hasMessageContaining("teams: Microsoft Graph answered an object with keys error, not a call record");
            assertThat(Collected.files(out.resolve("teams"))).as("a failed run writes nothing").isEmpty();
        }
    }
}
