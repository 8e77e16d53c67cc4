package dev.unravel.ingest.format.m365;

import static dev.unravel.ingest.format.IdentityTestSupport.assertAccounted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.core.testing.SharedData;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.IdentityTestSupport;
import dev.unravel.ingest.read.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

class M365AuditReaderTest {

    final M365AuditReader reader = new M365AuditReader();

    @Test
    void vendorSamples_sharePointExchangeAndEntraRecords_readWithTheApisKeyNames() throws Exception {
        ReaderHarness.Result sp = ReaderHarness.read(reader, SharedData.vendorRecords("Microsoft365_Audit_SharePoint.ndjson"));
        assertThat(sp.errors()).isEmpty();
        assertThat(sp.events()).hasSize(5);
        Event link = sp.events().get(0);
        assertThat(link.time()).isEqualTo(Instant.parse("2022-12-12T19:31:41Z"));
        assertThat(link.source()).isEqualTo("m365");
        assertThat(link.type()).isEqualTo("m365.AddedToSecureLink");
        assertThat(link.logSource()).isEqualTo(LogSource.of("m365", null, "audit"));
        assertThat(link.user()).isEqualTo("my.user@yourorg.onmicrosoft.com");
        assertThat(link.sourceIp()).isEqualTo("1.2.3.4");
        assertThat(link.field("SiteUrl")).isEqualTo("https://yourorg.sharepoint.com/personal/user_yourorg");
        assertAccounted(sp);

        // every key lower-cased by the exporter: restored, so rules and detectors see one shape
        ReaderHarness.Result ex = ReaderHarness.read(reader, SharedData.vendorRecords("Microsoft365_Audit_Exchange.ndjson"));
        assertThat(ex.errors()).isEmpty();
        assertThat(ex.events()).hasSize(10).allSatisfy(e -> {
            assertThat(e.type()).isIn("m365.Set-Mailbox", "m365.New-InboxRule");
            assertThat(e.document()).containsKeys("CreationTime", "Operation", "Workload", "UserId", "Parameters")
                    .doesNotContainKeys("operation", "creationtime");
            assertThat(e.sourceIp()).isEqualTo("1.2.3.4");
        });
        assertAccounted(ex);

        ReaderHarness.Result aad = ReaderHarness.read(reader,
                SharedData.vendorRecords("Microsoft365_Audit_AzureActiveDirectory.ndjson"));
        assertThat(aad.errors()).isEmpty();
        assertThat(aad.events()).extracting(Event::type).contains("m365.Update user.");
    }

    /** Microsoft Sentinel's OfficeActivity table, as OTRF's data set ships it. */
    @Test
    void sentinelsOfficeActivityRows_readWithTheApisNames() throws Exception {
        Path zip = SharedData.require().resolve("data/vendor-samples/otrf/OfficeActivityEvents.Zip");
        byte[] json;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            in.getNextEntry();
            json = in.readAllBytes();
        }
        assertThat(reader.probe(new Sample("OfficeActivityEvents.json", json))).isGreaterThanOrEqualTo(90);
        ReaderHarness.Result r = ReaderHarness.read(reader, "OfficeActivityEvents.json",
                new String(json, StandardCharsets.UTF_8));
        assertThat(r.errors()).isEmpty();
        Event e = r.events().get(0);
        assertThat(e.type()).isEqualTo("m365.MailItemsAccessed");
        assertThat(e.time()).isEqualTo(Instant.parse("2021-08-02T13:32:07Z"));
        assertThat(e.user()).isEqualTo("pgustavo@simulandlabs.com");
        assertThat(e.sourceIp()).isEqualTo("1.2.3.4");
        assertThat(e.field("Workload")).isEqualTo("Exchange");
    }

    @Test
    void portsAreDropped_andARecordWithoutTimeOrOperationIsRejectedWithTheField() {
        assertThat(M365AuditReader.withoutPort("20.190.1.2:51234")).isEqualTo("20.190.1.2");
        assertThat(M365AuditReader.withoutPort("[2001:db8::7]:443")).isEqualTo("2001:db8::7");
        assertThat(M365AuditReader.withoutPort("2001:db8::7")).isEqualTo("2001:db8::7");
        String ok = "{\"CreationTime\":\"2026-03-06T02:00:00\",\"Operation\":\"FileDownloaded\",\"Workload\":"
                + "\"SharePoint\",\"RecordType\":6,\"UserType\":0,\"UserId\":\"a@example.com\",\"ClientIP\":\"20.190.1.2:51234\"}";
        String noTime = ok.replace("\"CreationTime\":\"2026-03-06T02:00:00\",", "");
        String noOperation = ok.replace("\"Operation\":\"FileDownloaded\",", "");
        ReaderHarness.Result r = ReaderHarness.read(reader, "audit.json", ok + "\n" + noTime + "\n" + noOperation + "\n");
        assertThat(r.events()).singleElement().satisfies(e -> assertThat(e.sourceIp()).isEqualTo("20.190.1.2"));
        assertThat(r.errors()).extracting(err -> err.record() + " " + err.field()).containsExactly("2 CreationTime",
                "3 Operation");
    }

    @Test
    void probe_recognisesTheAuditLogAndNotOtherVendors() throws Exception {
        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        try (var files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".ndjson")).toList()) {
                int score = reader.probe(IdentityTestSupport.sample(f));
                if (f.getFileName().toString().startsWith("Microsoft365_Audit_")) {
                    assertThat(score).as(f.toString()).isGreaterThanOrEqualTo(90);
                    assertThat(IdentityTestSupport.recognised(f)).isEqualTo("m365-audit");
                } else {
                    assertThat(score).as(f.toString()).isZero();
                }
            }
        }
        assertThat(reader.probe(new Sample("x.json", "{\"Operation\":\"x\",\"CreationTime\":\"2026-01-01\"}"
                .getBytes(StandardCharsets.UTF_8)))).as("two keys are not enough").isZero();
        assertThat(List.of(reader.id(), reader.description())).doesNotContainNull();
    }
}
