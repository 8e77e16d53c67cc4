package dev.unravel.ingest.format.gworkspace;

import dev.unravel.core.testing.SharedData;
import static dev.unravel.ingest.format.IdentityTestSupport.assertAccounted;
import static dev.unravel.ingest.format.IdentityTestSupport.reasons;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.IdentityTestSupport;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoogleWorkspaceReaderTest {
    private final GoogleWorkspaceReader reader = new GoogleWorkspaceReader();

    /** A Reports API login activity with two events. */
    static final String LOGIN = """
            {"kind":"admin#reports#activity","id":{"time":"2026-03-02T01:20:44.317Z",\
            "uniqueQualifier":"-4812937750151843202","applicationName":"login","customerId":"C03az79cb"},\
            "etag":"\\"JDMC8884sebSctZ17CIssbQ/1\\"","actor":{"callerType":"USER","email":"dana.wu@example.com",\
            "profileId":"105250506097979753968"},"ipAddress":"203.0.113.7",\
            "events":[{"type":"login","name":"login_success","parameters":[{"name":"login_type","value":"google_password"},\
            {"name":"login_challenge_method","multiValue":["password","google_authenticator"]},\
            {"name":"is_suspicious","boolValue":false}]},\
            {"type":"login","name":"login_verification","parameters":[{"name":"login_challenge_status","value":"passed"}]}]}""";

    @Test
    void vendorSample_everyRecordIsAcceptedOrRejectedForItsTimestamp() throws Exception {
        ReaderHarness.Result r = ReaderHarness.read(reader, SharedData.vendorRecords("GSuite_ActivityEvent.ndjson"));

        assertThat(r.records()).isEqualTo(20);
        assertThat(r.accepted()).isEqualTo(4);
        // Records 1–16 are flattened fixtures whose id holds only applicationName.
        assertThat(reasons(r)).containsExactlyEntriesOf(Map.of("id.time: is missing: the record has no timestamp", 16L));
        assertAccounted(r);

        Event e = r.events().get(0);
        assertThat(e.origin().record()).isEqualTo(17);
        assertThat(e.time()).isEqualTo(Instant.parse("2020-09-07T15:50:49.617Z"));
        assertThat(e.type()).isEqualTo("drive.change_user_access");
        assertThat(e.logSource()).isEqualTo(LogSource.of("gcp", null, "google_workspace.drive"));
        assertThat(e.source()).isEqualTo("gworkspace");
        assertThat(e.user()).isEqualTo("example@acme.com");
        assertThat(e.sourceIp()).isNull();
        assertThat(e.host()).isNull();
    }

    @Test
    void handWritten_reportsApiActivityIsOneEventNamedByItsFirstEvent() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "login.ndjson", LOGIN + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.type()).isEqualTo("login.login_success");
        assertThat(e.logSource()).isEqualTo(LogSource.of("gcp", null, "google_workspace.login"));
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T01:20:44.317Z"));
        assertThat(e.user()).isEqualTo("dana.wu@example.com");
        assertThat(e.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(e.field("events.1.name")).isEqualTo("login_verification");
    }

    @Test
    void handWritten_apiPageYieldsEachActivityAndNamesTheBadOne() {
        String page = "{\"kind\":\"admin#reports#activities\",\"etag\":\"x\",\"items\":[" + LOGIN + ","
                + LOGIN.replace("\"applicationName\":\"login\",", "") + "],\"nextPageToken\":\"A:1\"}";

        ReaderHarness.Result r = ReaderHarness.read(reader, "activities.json", page);

        assertThat(r.records()).isEqualTo(1);
        assertThat(r.events()).extracting(Event::type).containsExactly("login.login_success");
        assertThat(r.errors()).extracting(e -> e.field() + ": " + e.reason())
                .containsExactly("items.1.id.applicationName: is missing");
    }

    @Test
    void nearMiss_activitiesWithoutEventsOrTimeAreRejected() {
        String noEvents = LOGIN.substring(0, LOGIN.indexOf(",\"events\"")) + "}";
        String emptyEvents = noEvents.substring(0, noEvents.length() - 1) + ",\"events\":[]}";
        String badTime = LOGIN.replace("2026-03-02T01:20:44.317Z", "2026-02-30T25:00:00Z");
        ReaderHarness.Result r = ReaderHarness.read(reader, "x.ndjson", String.join("\n", noEvents, emptyEvents, badTime));

        assertThat(r.events()).isEmpty();
        assertThat(r.errors()).extracting(e -> e.field() + ": " + e.reason()).containsExactly(
                "events: is missing: the activity names no event",
                "events: is not a list of events: []",
                "id.time: is not a timestamp: \"2026-02-30T25:00:00Z\"");
    }

    @Test
    void probe_recognisesWorkspaceActivityByContentOnly() throws Exception {
        assertThat(reader.probe(new Sample("x.json", LOGIN.getBytes(StandardCharsets.UTF_8)))).isGreaterThanOrEqualTo(90);
        String noKind = LOGIN.replace("\"kind\":\"admin#reports#activity\",", "");
        assertThat(reader.probe(new Sample("x.json", noKind.getBytes(StandardCharsets.UTF_8)))).isEqualTo(85);
        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                int score = reader.probe(IdentityTestSupport.sample(f));
                if (f.getFileName().toString().startsWith("GSuite_")) {
                    assertThat(score).isGreaterThanOrEqualTo(90);
                    assertThat(IdentityTestSupport.recognised(f)).isEqualTo("gworkspace");
                } else {
                    assertThat(score).as(f.toString()).isZero();
                }
            }
        }
    }

    @Test
    void simulatorOutput_hasNoWorkspaceSourceYet() throws Exception {
        // The simulated company runs Okta, Entra and GitHub; nothing it writes is claimed as Workspace.
        Path out = IdentityTestSupport.simulated();
        List<Path> files = IdentityTestSupport.files(out, "{okta,entra,github}/**");
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(reader.probe(IdentityTestSupport.sample(f))).as(f.toString()).isZero();
        }
    }
}
