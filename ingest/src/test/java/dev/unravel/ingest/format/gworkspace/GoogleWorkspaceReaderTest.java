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
        // the first event's parameters by name, as a flattened record has them
        assertThat(e.field("parameters.login_type")).isEqualTo("google_password");
        assertThat(e.field("parameters.login_challenge_method")).isEqualTo(List.of("password", "google_authenticator"));
        assertThat(e.field("parameters.is_suspicious")).isEqualTo(false);
    }

    /** A Reports API Drive activity: an edit, and the document shared with two people. */
    static final String DRIVE_SHARE = """
            {"kind":"admin#reports#activity","id":{"time":"2026-03-09T14:02:11.120Z",\
            "uniqueQualifier":"-7309516723201117719","applicationName":"drive","customerId":"C03az79cb"},\
            "actor":{"callerType":"USER","email":"dana.wu@example.com","profileId":"105250506097979753968"},\
            "ipAddress":"203.0.113.7","events":[\
            {"type":"access","name":"edit","parameters":[{"name":"primary_event"},\
            {"name":"doc_title","value":"Pricing 2026"},{"name":"visibility","value":"shared_externally"}]},\
            {"type":"acl_change","name":"change_user_access","parameters":[{"name":"primary_event","boolValue":true},\
            {"name":"visibility_change","value":"external"},{"name":"target_user","value":"someone@gmail.com"},\
            {"name":"new_value","multiValue":["can_view"]},{"name":"doc_id","value":"1AbCdEf"},\
            {"name":"doc_title","value":"Pricing 2026"}]},\
            {"type":"acl_change","name":"change_user_access","parameters":[\
            {"name":"target_user","value":"other@partner.example"},{"name":"new_value","multiValue":["can_edit"]},\
            {"name":"doc_id","value":"1AbCdEf"}]}]}""";

    @Test
    void handWritten_driveActivityIsOneEventPerActionWithItsParametersByName() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "drive.ndjson", DRIVE_SHARE + "\n");

        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(Event::type)
                .containsExactly("drive.edit", "drive.change_user_access", "drive.change_user_access");
        Event shared = r.events().get(1);
        assertThat(shared.time()).isEqualTo(Instant.parse("2026-03-09T14:02:11.120Z"));
        assertThat(shared.user()).isEqualTo("dana.wu@example.com");
        assertThat(shared.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(shared.logSource()).isEqualTo(LogSource.of("gcp", null, "google_workspace.drive"));
        assertThat(shared.field("parameters.target_user")).isEqualTo("someone@gmail.com");
        assertThat(shared.field("parameters.new_value")).isEqualTo(List.of("can_view"));
        assertThat(shared.field("parameters.primary_event")).isEqualTo(true);
        assertThat(shared.field("type")).isEqualTo("acl_change");
        assertThat(shared.field("events")).isNull();
        assertThat(r.events().get(2).field("parameters.target_user")).isEqualTo("other@partner.example");
        // A parameter without a value is left out rather than read as null.
        assertThat(((Map<?, ?>) r.events().get(0).field("parameters")).containsKey("primary_event")).isFalse();
    }

    @Test
    void nearMiss_aDriveActivityWithABadEventIsRejectedWhole() {
        String badEvent = DRIVE_SHARE.replace("\"name\":\"change_user_access\",\"parameters\":[{\"name\":\"primary",
                "\"parameters\":[{\"name\":\"primary");
        String badParameters = DRIVE_SHARE.replace("\"parameters\":[{\"name\":\"primary_event\"},",
                "\"parameters\":\"x\",\"p\":[{\"name\":\"primary_event\"},");
        ReaderHarness.Result r = ReaderHarness.read(reader, "drive.ndjson",
                String.join("\n", badEvent, DRIVE_SHARE, badParameters));

        assertThat(r.events()).hasSize(3).allMatch(e -> e.origin().record() == 2);
        assertThat(r.errors()).extracting(e -> e.record() + " " + e.field() + ": " + e.reason()).containsExactly(
                "1 events.1.name: is missing",
                "3 events.0.parameters: is not a list of parameters: \"x\"");
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
