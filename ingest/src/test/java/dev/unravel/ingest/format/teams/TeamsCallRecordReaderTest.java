package dev.unravel.ingest.format.teams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TeamsCallRecordReaderTest {

    final TeamsCallRecordReader reader = new TeamsCallRecordReader();

    /** A participant's end of a session, as v1.0 gives it (associatedIdentity with the UPN). */
    static String participant(String upn, String name, String machine) {
        return "{\"@odata.type\":\"#microsoft.graph.callRecords.participantEndpoint\",\"name\":\"" + machine + "\","
                + "\"userAgent\":{\"@odata.type\":\"#microsoft.graph.callRecords.clientUserAgent\",\"headerValue\":"
                + "\"RTCC/7.0.0.0 UCWA/7.0.0.0 Teams/1.6.00.4472 (Windows 10)\",\"platform\":\"windows\","
                + "\"productFamily\":\"teams\"},\"associatedIdentity\":{\"id\":\"821809f5-0000-0000-0000-3b5136c0e777\","
                + "\"displayName\":\"" + name + "\",\"tenantId\":\"dc368399-474c-4d40-900c-6265431fd81f\","
                + "\"userPrincipalName\":\"" + upn + "\"}}";
    }

    /** The conferencing server's end of a group call's session: no one. */
    static final String SERVICE = "{\"@odata.type\":\"#microsoft.graph.callRecords.serviceEndpoint\","
            + "\"userAgent\":{\"@odata.type\":\"#microsoft.graph.callRecords.serviceUserAgent\",\"headerValue\":"
            + "\"av-mcu\",\"role\":\"conferencing\"}}";

    /** A session between {@code caller} and the conferencing server, its media on the caller's devices. */
    static String session(String id, String start, String caller, String microphone, String camera, String ip) {
        return "{\"id\":\"" + id + "\",\"modalities\":[\"audio\",\"video\"],\"startDateTime\":" + start + ","
                + "\"endDateTime\":\"2026-03-05T15:31:02.1002Z\",\"isTest\":false,\"caller\":" + caller + ","
                + "\"callee\":" + SERVICE + ",\"segments\":[{\"id\":\"" + id + "\",\"startDateTime\":" + start + ","
                + "\"endDateTime\":\"2026-03-05T15:31:02.1002Z\",\"media\":["
                + "{\"label\":\"applicationsharing-video\",\"callerDevice\":{\"captureDeviceName\":\"Screen\"},"
                + "\"streams\":[]},"
                + "{\"label\":\"main-audio\",\"callerNetwork\":{\"ipAddress\":\"192.168.1.23\",\"subnet\":"
                + "\"192.168.1.0\",\"reflexiveIPAddress\":\"" + ip + "\",\"relayIPAddress\":\"52.114.188.32\","
                + "\"connectionType\":\"wifi\",\"macAddress\":\"F0-18-98-12-34-56\"},\"callerDevice\":{"
                + "\"captureDeviceName\":\"" + microphone + "\",\"captureDeviceDriver\":\"Microsoft: 10.0.22621.1\","
                + "\"renderDeviceName\":\"Speakers (Realtek(R) Audio)\"},\"calleeDevice\":{\"captureDeviceName\":"
                + "\"av-mcu input\"},\"streams\":[]},"
                + "{\"label\":\"main-video\",\"callerDevice\":{\"captureDeviceName\":\"" + camera + "\"},\"streams\":[]}"
                + "]}]}";
    }

    static String call(String id, String sessions) {
        return "{\"id\":\"" + id + "\",\"version\":1,\"type\":\"groupCall\",\"modalities\":[\"audio\",\"video\"],"
                + "\"lastModifiedDateTime\":\"2026-03-05T15:40:24.582757Z\",\"startDateTime\":"
                + "\"2026-03-05T15:00:00.2169889Z\",\"endDateTime\":\"2026-03-05T15:31:02.7640013Z\",\"joinWebUrl\":"
                + "\"https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc\",\"organizer_v2\":{\"id\":"
                + "\"f69e2c00\",\"identity\":{\"user\":{\"id\":\"f69e2c00\",\"displayName\":\"Owen Franklin\"}}}"
                + (sessions == null ? "" : ",\"sessions\":[" + sessions + "]") + "}";
    }

    @Test
    void eachParticipantsSessionIsAnEventWithItsDevicesAndNetwork_theServersEndIsNoOne() {
        String older = "{\"identity\":{\"user\":{\"id\":\"5a1b\",\"displayName\":\"Dana Reyes\"}},\"name\":\"DR-MBP\"}";
        String page = "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#communications/callRecords"
                + "(sessions(segments()))\",\"value\":[" + call("e523d2ed", session("s1", "\"2026-03-05T15:00:12.2169889Z\"",
                        participant("ryan.ramos@northwindlabs.com", "Ryan Ramos", "NWL-LT-10511"),
                        "Microphone (Voicemod Virtual Audio Device (WDM))", "OBS Virtual Camera", "185.242.5.85")
                + "," + session("s2", "\"2026-03-05T15:01:00Z\"", older, "MacBook Pro Microphone",
                        "FaceTime HD Camera", "73.12.40.2")) + "]}";
        ReaderHarness.Result r = ReaderHarness.read(reader, "teams/callrecords.json", page);

        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).hasSize(2);
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-05T15:00:12.2169889Z"));
        assertThat(e.source()).isEqualTo("teams");
        assertThat(e.type()).isEqualTo(TeamsCallRecordReader.TYPE);
        assertThat(e.logSource()).isEqualTo(LogSource.of("m365", null, "teams"));
        assertThat(e.user()).isEqualTo("ryan.ramos@northwindlabs.com");
        assertThat(e.host()).isEqualTo("NWL-LT-10511");
        assertThat(e.sourceIp()).as("the public address the relay saw").isEqualTo("185.242.5.85");
        assertThat(e.field("microphone")).isEqualTo("Microphone (Voicemod Virtual Audio Device (WDM))");
        assertThat(e.field("camera")).as("main-video's device, not the screen share's").isEqualTo("OBS Virtual Camera");
        assertThat(e.field("speaker")).isEqualTo("Speakers (Realtek(R) Audio)");
        assertThat(e.field("ipAddress")).isEqualTo("192.168.1.23");
        assertThat(e.field("connectionType")).isEqualTo("wifi");
        assertThat(e.field("callId")).isEqualTo("e523d2ed");
        assertThat(e.field("callType")).isEqualTo("groupCall");
        assertThat(e.field("organizer")).isEqualTo("Owen Franklin");
        assertThat(e.field("side")).isEqualTo("caller");
        assertThat(e.field("productFamily")).isEqualTo("teams");
        Event older2 = r.events().get(1);
        assertThat(older2.user()).as("an older record's identitySet, no UPN: the display name").isEqualTo("Dana Reyes");
        assertThat(older2.field("userId")).isEqualTo("5a1b");
        assertThat(older2.host()).isEqualTo("DR-MBP");
        assertThat(older2.field("camera")).isEqualTo("FaceTime HD Camera");
    }

    @Test
    void aRecordListedNotExpandedIsRejectedWithHowToFetchIt_andTheRecordsAroundItAreRead() {
        String ok = call("a", session("s1", "\"2026-03-05T15:00:12Z\"", participant("a@x.com", "A", "PC1"), "Mic",
                "Cam", "1.2.3.4"));
        String lines = ok + "\n" + call("b", null) + "\n"
                + call("c", session("s1", "\"soon\"", participant("c@x.com", "C", "PC3"), "Mic", "Cam", "1.2.3.4")
                        + "," + session("s2", "\"2026-03-05T15:00:12Z\"", participant("c2@x.com", "C2", "PC3b"),
                                "Mic", "Cam", "1.2.3.4")) + "\n"
                + call("d", session("s1", "\"2026-03-05T16:00:00Z\"", participant("d@x.com", "D", "PC4"), "Mic",
                        "Cam", "1.2.3.4")) + "\n";
        ReaderHarness.Result r = ReaderHarness.read(reader, "teams/callrecords.ndjson", lines);

        assertThat(r.events()).as("a record with a bad session yields none of its sessions")
                .extracting(Event::host).containsExactly("PC1", "PC4");
        assertThat(r.errors()).hasSize(2);
        assertThat(r.errors().get(0).toString()).contains("record 2", "sessions", "$expand=sessions($expand=segments)");
        assertThat(r.errors().get(1).toString()).contains("record 3", "sessions.0.startDateTime", "soon");
    }

    @Test
    void aRecordWhoseSessionsNameNoParticipantIsRejected_notReadAsNothing() {
        String serverOnly = "{\"id\":\"s1\",\"startDateTime\":\"2026-03-05T15:00:12Z\",\"caller\":" + SERVICE
                + ",\"callee\":" + SERVICE + "}";
        String lines = call("a", serverOnly) + "\n" + call("b", "") + "\n";
        ReaderHarness.Result r = ReaderHarness.read(reader, "teams/callrecords.ndjson", lines);

        assertThat(r.events()).isEmpty();
        assertThat(r.errors()).extracting(Object::toString).satisfiesExactly(
                e -> assertThat(e).contains("record 1", "sessions", "names no participant: its one session's caller "
                        + "and callee are not participantEndpoints"),
                e -> assertThat(e).contains("record 2", "sessions", "is empty"));
    }

    @Test
    void aPagesRecordsAreNumberedOneEach() {
        String page = "{\"value\":[" + call("a", null) + ","
                + call("b", session("s1", "\"2026-03-05T15:00:12Z\"", participant("b@x.com", "B", "PC2"), "Mic", "Cam",
                        "1.2.3.4")) + "]}";
        ReaderHarness.Result r = ReaderHarness.read(reader, "teams/page.json", page);

        assertThat(r.events()).extracting(e -> e.origin().record()).containsExactly(2L);
        assertThat(r.errors()).singleElement().satisfies(err -> assertThat(err.toString()).contains("value.0.sessions"));
    }

    @Test
    void teamsCallRecordsAreRecognisedAndOtherJsonIsNot() {
        String line = call("a", session("s1", "\"2026-03-05T15:00:12Z\"", participant("a@x.com", "A", "PC1"), "Mic",
                "Cam", "1.2.3.4")) + "\n";
        Sample teams = new Sample("teams/c.ndjson", line.getBytes(StandardCharsets.UTF_8));
        assertThat(Formats.recognise(teams)).get().satisfies(g -> assertThat(g.reader().id())
                .isEqualTo("teams-callrecords"));
        assertThat(reader.probe(new Sample("x.ndjson", "{\"startDateTime\":\"2026-03-05T15:00:12Z\",\"name\":\"x\"}\n"
                .getBytes(StandardCharsets.UTF_8)))).isZero();
        assertThat(TeamsCallRecordReader.isParticipant(Map.of("userAgent", Map.of()))).isFalse();
        assertThat(TeamsCallRecordReader.isParticipant(Map.of("identity", Map.of()))).isTrue();
    }
}
