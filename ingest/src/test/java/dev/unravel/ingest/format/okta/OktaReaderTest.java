package dev.unravel.ingest.format.okta;

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

class OktaReaderTest {
    private final OktaReader reader = new OktaReader();

    static final String SESSION_START = """
            {"actor":{"id":"00u1a2b3c4","type":"User","alternateId":"dana.wu@example.com","displayName":"Dana Wu"},\
            "client":{"userAgent":{"rawUserAgent":"Mozilla/5.0","os":"Mac OS X","browser":"CHROME"},"zone":"null",\
            "device":"Computer","id":null,"ipAddress":"203.0.113.7","geographicalContext":{"city":"Shenyang",\
            "country":"China"}},"device":null,"authenticationContext":{"externalSessionId":"idx1"},\
            "displayMessage":"User login to Okta","eventType":"user.session.start","outcome":{"result":"SUCCESS"},\
            "published":"2026-03-02T01:12:33.456Z","securityContext":{"asNumber":9009,"isProxy":true},\
            "severity":"INFO","debugContext":{"debugData":{"requestUri":"/idp/idx/authenticators/poll"}},\
            "legacyEventType":"core.user_auth.login_success","transaction":{"type":"WEB","id":"abc"},\
            "uuid":"6f0c7e9e-1111-2222-3333-444455556666","version":"0",\
            "request":{"ipChain":[{"ip":"203.0.113.7","version":"V4"}]},"target":[]}""";

    @Test
    void vendorSample_everyRecordIsAcceptedOrRejectedForItsTimestamp() throws Exception {
        ReaderHarness.Result r = ReaderHarness.read(reader, SharedData.vendorRecords("Okta_SystemLog.ndjson"));

        assertThat(r.records()).isEqualTo(66);
        assertThat(r.accepted()).isEqualTo(58);
        assertThat(r.events()).hasSize(58);
        assertThat(reasons(r)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "published: is missing: the record has no timestamp", 4L,
                "published: is not a timestamp: \"redacted\"", 4L));
        assertThat(r.errors()).extracting(e -> e.record()).containsExactly(25L, 26L, 29L, 30L, 31L, 32L, 41L, 45L);
        assertAccounted(r);
    }

    @Test
    void vendorSample_publishersSpaceSeparatedTimeIsUtcAndKeyFieldsLand() throws Exception {
        ReaderHarness.Result r = ReaderHarness.read(reader, SharedData.vendorRecords("Okta_SystemLog.ndjson"));
        Event first = r.events().get(0);

        // "published":"2024-05-02 18:46:21.121000000"
        assertThat(first.time()).isEqualTo(Instant.parse("2024-05-02T18:46:21.121Z"));
        assertThat(first.type()).isEqualTo("system.org.rate_limit.warning");
        assertThat(first.source()).isEqualTo("okta");
        assertThat(first.logSource()).isEqualTo(LogSource.of("okta", null, "okta"));
        assertThat(first.user()).isEqualTo("jim.kalafut@panther.com");
        assertThat(first.sourceIp()).isEqualTo("11.22.33.44");
        assertThat(first.host()).isNull();
        assertThat(first.origin().record()).isEqualTo(1);
    }

    @Test
    void vendorSample_lowerCasedExportKeysAreRestoredToCamelCase() throws Exception {
        ReaderHarness.Result r = ReaderHarness.read(reader, SharedData.vendorRecords("Okta_SystemLog.ndjson"));
        List<String> lines = IdentityTestSupport.lines(SharedData.vendorRecords("Okta_SystemLog.ndjson"));
        long lowered = lines.stream().filter(l -> l.contains("\"eventtype\"")).count();
        assertThat(lowered).isGreaterThan(30);

        for (Event e : r.events()) {
            assertThat(e.document()).doesNotContainKeys("eventtype", "displaymessage", "authenticationcontext",
                    "debugcontext", "securitycontext", "legacyeventtype");
            assertThat(e.field("eventType")).isEqualTo(e.type());
        }
        // Record 6 was written with lower-cased top-level keys.
        Event lock = r.events().stream().filter(e -> e.origin().record() == 6).findFirst().orElseThrow();
        assertThat(lines.get(5)).contains("\"eventtype\":\"user.account.lock\"");
        assertThat(lock.type()).isEqualTo("user.account.lock");
        assertThat(lock.field("securityContext")).isNotNull();
        assertThat(lock.field("displayMessage")).isNotNull();
    }

    @Test
    void handWritten_apiArrayOfEventsIsRead() {
        ReaderHarness.Result r = ReaderHarness.read(reader, "logs.json", "[" + SESSION_START + ",\n"
                + SESSION_START.replace("user.session.start", "user.authentication.auth_via_mfa") + "]");

        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(Event::type)
                .containsExactly("user.session.start", "user.authentication.auth_via_mfa");
        Event e = r.events().get(0);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T01:12:33.456Z"));
        assertThat(e.user()).isEqualTo("dana.wu@example.com");
        assertThat(e.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(e.host()).isNull();
        assertThat(e.field("securityContext.isProxy")).isEqualTo(true);
    }

    /** What an Okta event hook POSTs: System Log events in {@code data.events}. */
    static String eventHook(String... events) {
        return "{\"eventType\":\"com.okta.event_hook\",\"eventTypeVersion\":\"1.0\",\"cloudEventsVersion\":\"0.1\","
                + "\"source\":\"https://example.okta.com/api/v1/eventHooks/who8vt36qfNpCGz9H1e6\","
                + "\"eventId\":\"b5a188b9-5ece-4636-b041-482ffda96311\",\"eventTime\":\"2026-03-02T01:12:35.000Z\","
                + "\"contentType\":\"application/json\",\"data\":{\"events\":[" + String.join(",", events) + "]}}";
    }

    @Test
    void handWritten_eventHookDelivery_eachEventIsARecord_andABadOneIsNamedAlone() {
        String mfa = SESSION_START.replace("user.session.start", "user.authentication.auth_via_mfa");
        String badTime = SESSION_START.replace("2026-03-02T01:12:33.456Z", "yesterday");
        ReaderHarness.Result r = ReaderHarness.read(reader, "hook.json", eventHook(SESSION_START, badTime, mfa)
                + "\n" + SESSION_START + "\n");

        assertThat(reader.probe(new Sample("hook.json", eventHook(SESSION_START).getBytes(StandardCharsets.UTF_8))))
                .isGreaterThanOrEqualTo(60);
        assertThat(r.records()).isEqualTo(4);
        assertThat(r.events()).extracting(Event::type)
                .containsExactly("user.session.start", "user.authentication.auth_via_mfa", "user.session.start");
        assertThat(r.events()).extracting(e -> e.origin().record()).containsExactly(1L, 3L, 4L);
        assertThat(r.errors()).extracting(e -> e.record() + " " + e.field() + ": " + e.reason())
                .containsExactly("2 data.events.1.published: is not a timestamp: \"yesterday\"");
        assertThat(r.events().get(0).user()).isEqualTo("dana.wu@example.com");
    }

    @Test
    void handWritten_exportWithEveryKeyLowerCasedReadsAsTheApiShape() throws Exception {
        String lowered = lowerKeys(SESSION_START);
        assertThat(lowered).contains("\"alternateid\"", "\"ipaddress\"", "\"rawuseragent\"");

        ReaderHarness.Result r = ReaderHarness.read(reader, "export.ndjson", lowered + "\n");

        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.user()).isEqualTo("dana.wu@example.com");
        assertThat(e.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(e.type()).isEqualTo("user.session.start");
        assertThat(e.field("actor.alternateId")).isEqualTo("dana.wu@example.com");
        assertThat(e.field("client.userAgent.rawUserAgent")).isEqualTo("Mozilla/5.0");
        assertThat(e.field("client.geographicalContext.country")).isEqualTo("China");
        assertThat(e.field("securityContext.asNumber")).isEqualTo(9009);
        assertThat(e.field("debugContext.debugData.requestUri")).isEqualTo("/idp/idx/authenticators/poll");
        assertThat(e.field("request.ipChain.0.ip")).isEqualTo("203.0.113.7");
        assertThat(e.document()).doesNotContainKeys("eventtype", "actor.alternateid");
    }

    @Test
    void nearMiss_recordsWithoutTypeOrWithABadTimeAreRejectedNamingTheField() {
        String noType = SESSION_START.replace("\"eventType\":\"user.session.start\",", "");
        String badTime = SESSION_START.replace("2026-03-02T01:12:33.456Z", "yesterday");
        String typeAsObject = SESSION_START.replace("\"user.session.start\"", "{\"a\":1}");
        ReaderHarness.Result r = ReaderHarness.read(reader, "x.ndjson",
                String.join("\n", noType, badTime, typeAsObject, SESSION_START));

        assertThat(r.records()).isEqualTo(4);
        assertThat(r.events()).hasSize(1);
        assertThat(r.errors()).extracting(e -> e.field() + ": " + e.reason()).containsExactly(
                "eventType: is missing",
                "published: is not a timestamp: \"yesterday\"",
                "eventType: is not text: {a=1}");
    }

    @Test
    void simulatorOutput_readsWithZeroRejections() throws Exception {
        Path out = IdentityTestSupport.simulated();
        Map<String, Long> manifest = IdentityTestSupport.manifestFiles(out);
        List<Path> files = IdentityTestSupport.files(out, "okta/system-log-*.ndjson");
        assertThat(files).hasSize(3);

        long events = 0;
        for (Path f : files) {
            assertThat(IdentityTestSupport.recognised(f)).isEqualTo("okta");
            ReaderHarness.Result r = ReaderHarness.read(reader, f);
            assertThat(r.errors()).as(f.toString()).isEmpty();
            assertThat(r.events()).hasSize(manifest.get(out.relativize(f).toString().replace('\\', '/')).intValue());
            assertThat(r.events()).allSatisfy(e -> {
                assertThat(e.user()).contains("@");
                assertThat(e.sourceIp()).isNotBlank();
                assertThat(e.type()).isIn("user.session.start", "user.authentication.auth_via_mfa");
            });
            events += r.events().size();
        }
        assertThat(events).isGreaterThan(0);
    }

    @Test
    void probe_recognisesOktaByContentAndNotOtherVendors() throws Exception {
        assertThat(reader.probe(new Sample("anything.txt", SESSION_START.getBytes(StandardCharsets.UTF_8))))
                .isGreaterThanOrEqualTo(90);
        assertThat(reader.probe(new Sample("okta.json", lowerKeys(SESSION_START).getBytes(StandardCharsets.UTF_8))))
                .isGreaterThanOrEqualTo(90);
        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                int score = reader.probe(IdentityTestSupport.sample(f));
                if (f.getFileName().toString().startsWith("Okta_")) {
                    assertThat(score).as(f.toString()).isGreaterThanOrEqualTo(90);
                } else {
                    assertThat(score).as(f.toString()).isZero();
                }
            }
        }
    }

    /** Every key lower-cased, as some SIEM exports write Okta events. */
    static String lowerKeys(String json) throws Exception {
        return IdentityTestSupport.write(lower(IdentityTestSupport.parse(json)));
    }

    private static Object lower(Object node) {
        if (node instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(k.toString().toLowerCase(java.util.Locale.ROOT), lower(v)));
            return out;
        }
        if (node instanceof List<?> l) {
            return l.stream().map(OktaReaderTest::lower).toList();
        }
        return node;
    }
}
