package dev.unravel.ingest.format.entra;

import dev.unravel.core.testing.SharedData;
import static dev.unravel.ingest.format.IdentityTestSupport.assertAccounted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.IdentityTestSupport;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EntraReaderTest {
    private final EntraSignInReader signIns = new EntraSignInReader();
    private final EntraAuditReader audits = new EntraAuditReader();

    /** A Graph /auditLogs/signIns object (v1.0). */
    static final String GRAPH_SIGNIN = """
            {"id":"66ea54eb-6301-4ee5-be62-ff5a759b0100","createdDateTime":"2026-03-02T01:15:07Z",\
            "userDisplayName":"Dana Wu","userPrincipalName":"dana.wu@example.com",\
            "userId":"d3ab1f3c-0000-4bbb-8000-000000000001","appId":"de8bc8b5-d9f9-48b1-a8ad-b748da725064",\
            "appDisplayName":"Graph Explorer","ipAddress":"203.0.113.7","clientAppUsed":"Browser",\
            "correlationId":"d79f5bee-5860-4832-928f-3133e22ae912","conditionalAccessStatus":"notApplied",\
            "isInteractive":true,"riskDetail":"none","riskLevelAggregated":"none",\
            "status":{"errorCode":0,"failureReason":null,"additionalDetails":null},\
            "deviceDetail":{"deviceId":"","displayName":"","operatingSystem":"Windows 10","browser":"Edge 80.0",\
            "isCompliant":false,"isManaged":false,"trustType":""},\
            "location":{"city":"Shenyang","state":"Liaoning","countryOrRegion":"CN",\
            "geoCoordinates":{"latitude":41.8,"longitude":123.4}}}""";

    /** A Graph /auditLogs/directoryAudits object (v1.0). */
    static final String GRAPH_AUDIT = """
            {"id":"Directory_ce1a6c0e-0000-4bbb-8000-000000000002","category":"GroupManagement",\
            "correlationId":"da159bfb-54fa-4092-8a38-6e1fa7870e30","result":"success","resultReason":"",\
            "activityDisplayName":"Add member to group","activityDateTime":"2026-03-02T09:41:12.4431271Z",\
            "loggedByService":"Core Directory","operationType":"Assign",\
            "initiatedBy":{"app":null,"user":{"id":"728309ae-0000-4bbb-8000-000000000003","displayName":null,\
            "userPrincipalName":"it.admin@example.com","ipAddress":"198.51.100.20","userType":null}},\
            "targetResources":[{"id":"ef7e527d-0000-4bbb-8000-000000000004","displayName":null,"type":"User",\
            "userPrincipalName":"dana.wu@example.com","modifiedProperties":[]}],"additionalDetails":[]}""";

    @Test
    void vendorSample_mixedDiagnosticExportReadsEveryRecordAsWhatItIs() throws Exception {
        ReaderHarness.Result r = ReaderHarness.read(signIns, SharedData.vendorRecords("Azure_Audit.ndjson"));

        assertThat(r.records()).isEqualTo(47);
        assertThat(r.errors()).isEmpty();
        assertThat(r.accepted()).isEqualTo(47);
        Map<String, Long> byService = r.events().stream()
                .collect(Collectors.groupingBy(e -> e.logSource().service(), Collectors.counting()));
        // SignInLogs, NonInteractiveUserSignInLogs and ServicePrincipalSignInLogs; AuditLogs and the
        // records whose top-level category is the audit category (ApplicationManagement, Policy …).
        assertThat(byService).containsExactlyInAnyOrderEntriesOf(Map.of("signinlogs", 26L, "auditlogs", 21L));
        assertThat(r.events()).allSatisfy(e -> {
            assertThat(e.logSource().product()).isEqualTo("azure");
            assertThat(e.source()).isEqualTo("entra");
        });
        assertAccounted(r);

        // The same file read as audit gives the same events: each record is read for what it is.
        ReaderHarness.Result asAudit = ReaderHarness.read(audits, SharedData.vendorRecords("Azure_Audit.ndjson"));
        assertThat(asAudit.events()).extracting(Event::type).containsExactlyElementsOf(
                r.events().stream().map(Event::type).toList());
    }

    @Test
    void vendorSample_keyFieldsLandFromSignInAndAuditRecords() throws Exception {
        ReaderHarness.Result r = ReaderHarness.read(signIns, SharedData.vendorRecords("Azure_Audit.ndjson"));
        Map<Long, Event> byRecord = r.events().stream()
                .collect(Collectors.toMap(e -> e.origin().record(), e -> e));

        // Record 46: lower-cased envelope keys (calleripaddress), sign-in time from properties.createdDateTime.
        Event signIn = byRecord.get(46L);
        assertThat(signIn.type()).isEqualTo("signin");
        assertThat(signIn.logSource().service()).isEqualTo("signinlogs");
        assertThat(signIn.time()).isEqualTo(Instant.parse("2023-07-21T05:03:52.1605624Z"));
        assertThat(signIn.user()).isEqualTo("eve@lexcorp.com");
        assertThat(signIn.sourceIp()).isEqualTo("12.12.12.12");
        assertThat(signIn.host()).isNull(); // deviceDetail.displayName is empty

        // Record 31: a service principal's sign-in names the principal.
        assertThat(byRecord.get(31L).user()).isEqualTo("some-service-principal");

        // Record 6: AuditLogs with a Graph directoryAudit in properties.
        Event audit = byRecord.get(6L);
        assertThat(audit.type()).isEqualTo("audit.delete_conditional_access_policy");
        assertThat(audit.logSource().service()).isEqualTo("auditlogs");
        assertThat(audit.time()).isEqualTo(Instant.parse("2024-11-27T02:22:58.727028Z"));
        assertThat(audit.user()).isEqualTo("aragorn@lotr.com");
        assertThat(audit.sourceIp()).isEqualTo("1.2.3.4");
        assertThat(audit.field("properties.loggedByService")).isEqualTo("Conditional Access");

        // Record 40: exporter's space-separated 9-digit time in activityDateTime; no IP anywhere.
        Event pim = byRecord.get(40L);
        assertThat(pim.type()).isEqualTo("audit.add_member_to_role_in_pim_completed_permanent");
        assertThat(pim.time()).isEqualTo(Instant.parse("2024-12-16T16:32:16.087554Z"));
        assertThat(pim.user()).isEqualTo("Radahn@Starscourge.onmicrosoft.com");
        assertThat(pim.sourceIp()).isNull();
    }

    @Test
    void vendorSample_m365ManagementActivityRecordsAreNotEntraShaped() throws Exception {
        // Office 365 Management Activity API (CreationTime, Operation, Workload): another reader's format.
        Path file = SharedData.vendorRecords("Microsoft365_Audit_AzureActiveDirectory.ndjson");
        assertThat(signIns.probe(IdentityTestSupport.sample(file))).isZero();
        assertThat(audits.probe(IdentityTestSupport.sample(file))).isZero();

        ReaderHarness.Result forced = ReaderHarness.read(signIns, file);
        assertThat(forced.records()).isEqualTo(4);
        assertThat(forced.events()).isEmpty();
        assertThat(forced.errors()).allSatisfy(e -> assertThat(e.reason())
                .startsWith("is neither an Entra ID sign-in"));
    }

    @Test
    void simulatorOutput_readsWithZeroRejections() throws Exception {
        Path out = IdentityTestSupport.simulated();
        Map<String, Long> manifest = IdentityTestSupport.manifestFiles(out);
        List<Path> files = IdentityTestSupport.files(out, "entra/insights-logs-signinlogs/**/PT1H.json");
        assertThat(files).isNotEmpty();

        long events = 0;
        long withHost = 0;
        for (Path f : files) {
            assertThat(IdentityTestSupport.recognised(f)).isEqualTo("entra-signin");
            ReaderHarness.Result r = ReaderHarness.read(signIns, f);
            assertThat(r.errors()).as(f.toString()).isEmpty();
            assertThat(r.events()).hasSize(manifest.get(out.relativize(f).toString().replace('\\', '/')).intValue());
            for (Event e : r.events()) {
                assertThat(e.type()).isEqualTo("signin");
                assertThat(e.logSource().service()).isEqualTo("signinlogs");
                assertThat(e.user()).contains("@");
                assertThat(e.sourceIp()).isNotBlank();
                // The export's time and createdDateTime agree to Entra's 7 digits.
                assertThat(e.time()).isEqualTo(Instant.parse((String) e.field("time")));
                withHost += e.host() != null ? 1 : 0;
            }
            events += r.events().size();
        }
        assertThat(events).isGreaterThan(0);
        assertThat(withHost).as("sign-ins from managed laptops name the device").isGreaterThan(0);
    }

    @Test
    void handWritten_graphPageWithOneBadEntryKeepsTheGoodOnes() {
        String page = "{\"@odata.context\":\"https://graph.microsoft.com/v1.0/$metadata#auditLogs/signIns\",\"value\":["
                + GRAPH_SIGNIN + "," + GRAPH_SIGNIN.replace("2026-03-02T01:15:07Z", "soon") + ",42]}";

        ReaderHarness.Result r = ReaderHarness.read(signIns, "signins.json", page);

        assertThat(r.records()).as("each entry of the page is a record").isEqualTo(3);
        assertThat(r.events()).hasSize(1);
        Event e = r.events().get(0);
        assertThat(e.origin().record()).isEqualTo(1);
        assertThat(r.errors()).extracting(RecordError::record).containsExactly(2L, 3L);
        assertThat(e.time()).isEqualTo(Instant.parse("2026-03-02T01:15:07Z"));
        assertThat(e.user()).isEqualTo("dana.wu@example.com");
        assertThat(e.sourceIp()).isEqualTo("203.0.113.7");
        assertThat(e.host()).isNull();
        assertThat(e.field("location.countryOrRegion")).isEqualTo("CN");
        assertThat(r.errors()).extracting(x -> x.field() + ": " + x.reason()).containsExactly(
                "value.1.createdDateTime: is not a timestamp: \"soon\"",
                "value.2: is not a JSON object: 42");
    }

    @Test
    void handWritten_graphDirectoryAuditAndEventHubsBatchAreRead() {
        ReaderHarness.Result graph = ReaderHarness.read(audits, "audits.ndjson", GRAPH_AUDIT + "\n");
        assertThat(graph.errors()).isEmpty();
        Event a = graph.events().get(0);
        assertThat(a.type()).isEqualTo("audit.add_member_to_group");
        assertThat(a.logSource()).isEqualTo(EntraReader.AUDIT);
        assertThat(a.time()).isEqualTo(Instant.parse("2026-03-02T09:41:12.4431271Z"));
        assertThat(a.user()).isEqualTo("it.admin@example.com");
        assertThat(a.sourceIp()).isEqualTo("198.51.100.20");

        String batch = "{\"records\":[{\"time\":\"2026-03-02T09:41:12.4431271Z\",\"category\":\"AuditLogs\","
                + "\"operationName\":\"Add member to group\",\"callerIpAddress\":\"198.51.100.21\",\"properties\":"
                + GRAPH_AUDIT.replace("\"ipAddress\":\"198.51.100.20\"", "\"ipAddress\":null") + "},"
                + "{\"time\":\"2026-03-02T01:15:07.0000000Z\",\"category\":\"SignInLogs\",\"properties\":"
                + GRAPH_SIGNIN + "}]}";
        ReaderHarness.Result hub = ReaderHarness.read(signIns, "eventhub.json", batch);
        assertThat(hub.errors()).isEmpty();
        assertThat(hub.events()).extracting(Event::type).containsExactly("audit.add_member_to_group", "signin");
        assertThat(hub.events().get(0).sourceIp()).isEqualTo("198.51.100.21"); // the envelope's callerIpAddress
    }

    @Test
    void nearMiss_otherAzureAndGraphRecordsAreRejectedWithTheReason() {
        String activityLog = "{\"time\":\"2026-03-02T10:00:00Z\",\"category\":\"Administrative\","
                + "\"operationName\":\"MICROSOFT.COMPUTE/VIRTUALMACHINES/WRITE\",\"properties\":{\"statusCode\":\"OK\"}}";
        String alert = "{\"id\":\"da637\",\"title\":\"Anonymous IP address\",\"createdDateTime\":\"2026-04-01T14:31:48Z\","
                + "\"status\":\"new\",\"evidence\":[{\"userAccount\":{\"userPrincipalName\":\"a@b.c\"}}]}";
        String noTime = GRAPH_SIGNIN.replace("\"createdDateTime\":\"2026-03-02T01:15:07Z\",", "");
        ReaderHarness.Result r = ReaderHarness.read(signIns, "x.ndjson", String.join("\n", activityLog, alert, noTime));

        assertThat(r.events()).isEmpty();
        assertThat(r.errors()).extracting(e -> String.valueOf(e.field())).containsExactly("category", "null", "null");
        assertThat(r.errors().get(0).reason()).contains("not an Entra ID sign-in or audit log category")
                .contains("Administrative");
        assertThat(r.errors().get(1).reason()).startsWith("is neither an Entra ID sign-in");
        // Without createdDateTime a Graph sign-in has no marks of a sign-in left.
        assertThat(r.errors().get(2).reason()).startsWith("is neither an Entra ID sign-in");

        String monitorNoTime = "{\"category\":\"SignInLogs\",\"operationName\":\"Sign-in activity\",\"properties\":"
                + noTime + "}";
        ReaderHarness.Result m = ReaderHarness.read(signIns, "y.ndjson", monitorNoTime + "\n");
        assertThat(m.errors()).extracting(e -> e.field() + ": " + e.reason())
                .containsExactly("properties.createdDateTime: is missing: the record has no timestamp");
    }

    @Test
    void probe_claimsSignInsAndAuditsByContentAndNothingElse() throws Exception {
        assertThat(signIns.probe(sample(GRAPH_SIGNIN))).isEqualTo(90);
        assertThat(audits.probe(sample(GRAPH_SIGNIN))).isLessThan(90);
        assertThat(audits.probe(sample(GRAPH_AUDIT))).isEqualTo(90);
        assertThat(signIns.probe(sample(GRAPH_AUDIT))).isLessThan(90);

        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                Sample s = IdentityTestSupport.sample(f);
                if (f.getFileName().toString().equals("Azure_Audit.ndjson")) {
                    assertThat(signIns.probe(s)).isEqualTo(90);
                    assertThat(audits.probe(s)).isEqualTo(85);
                } else {
                    assertThat(signIns.probe(s)).as(f.toString()).isZero();
                    assertThat(audits.probe(s)).as(f.toString()).isZero();
                }
            }
        }
    }

    @Test
    void slug_activityNamesBecomeShortDottedTypes() {
        assertThat(EntraReader.slug("Add member to role in PIM completed (permanent)"))
                .isEqualTo("add_member_to_role_in_pim_completed_permanent");
        assertThat(EntraReader.slug("  ")).isEqualTo("unknown");
    }

    private static Sample sample(String text) {
        return new Sample("x.json", text.getBytes(StandardCharsets.UTF_8));
    }
}
