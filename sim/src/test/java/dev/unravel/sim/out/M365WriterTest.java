package dev.unravel.sim.out;

import static dev.unravel.sim.out.WriterFixtures.ALICE;
import static dev.unravel.sim.out.WriterFixtures.T0;
import static dev.unravel.sim.out.WriterFixtures.files;
import static dev.unravel.sim.out.WriterFixtures.keys;
import static dev.unravel.sim.out.WriterFixtures.lines;
import static dev.unravel.sim.out.WriterFixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.sim.activity.FileDownload;
import dev.unravel.sim.activity.MailForward;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class M365WriterTest {
    private static final String LOG = "m365/audit-2026-03-02.ndjson";
    private static final String SITE = "https://northwindlabs.sharepoint.com/sites/Engineering";

    @TempDir
    Path dir;

    @Test
    void aDownloadIsAManagementActivityApiSharePointRecord_andASyncIsFileSyncDownloadedFull() throws IOException {
        run(M365Writer::new, dir, List.of(
                new FileDownload(T0, ALICE, "203.0.113.7", SITE, "Shared Documents", "Roadmap 3.docx", false, "id-1"),
                new FileDownload(T0.plusSeconds(5), ALICE, "203.0.113.7", SITE, "Shared Documents/Engineering",
                        "Engineering Plan 1001.xlsx", true, "id-2")));

        assertThat(files(dir)).containsExactly(LOG);
        List<JsonNode> rows = lines(dir.resolve(LOG));
        JsonNode first = rows.get(0);
        assertThat(keys(first)).startsWith("CreationTime", "Id", "Operation", "OrganizationId", "RecordType", "UserKey",
                "UserType", "Version", "Workload", "ClientIP", "ObjectId", "UserId");
        assertThat(first.path("CreationTime").asText()).as("UTC, written without a zone").isEqualTo("2026-03-02T14:03:11");
        assertThat(first.path("Operation").asText()).isEqualTo("FileDownloaded");
        assertThat(first.path("RecordType").asInt()).isEqualTo(6);
        assertThat(first.path("UserId").asText()).isEqualTo("alice.nguyen@northwindlabs.com");
        assertThat(first.path("ObjectId").asText()).isEqualTo(SITE + "/Shared Documents/Roadmap 3.docx");
        assertThat(first.path("SiteUrl").asText()).isEqualTo(SITE + "/");
        assertThat(first.path("SourceFileExtension").asText()).isEqualTo("docx");
        assertThat(rows.get(1).path("Operation").asText()).isEqualTo("FileSyncDownloadedFull");
        assertThat(rows.get(1).path("UserAgent").asText()).startsWith("Microsoft SkyDriveSync");
        assertThat(rows.get(1).path("Site").asText()).isEqualTo(first.path("Site").asText());
    }

    @Test
    void aForwardIsAnExchangeAdminRecord_theMailboxSettingOrAnInboxRule() throws IOException {
        run(M365Writer::new, dir, List.of(
                new MailForward(T0, ALICE, "203.0.113.7", "alice.n@proton.me", false, false, null, "id-3"),
                new MailForward(T0.plusSeconds(5), ALICE, "203.0.113.7", "team-engineering@northwindlabs.com", true,
                        true, "Forward to the team while on leave", "id-4")));

        List<JsonNode> rows = lines(dir.resolve(LOG));
        JsonNode mailbox = rows.get(0);
        assertThat(mailbox.path("Operation").asText()).isEqualTo("Set-Mailbox");
        assertThat(mailbox.path("Workload").asText()).isEqualTo("Exchange");
        assertThat(mailbox.path("RecordType").asInt()).isEqualTo(1);
        assertThat(mailbox.path("ResultStatus").asText()).isEqualTo("True");
        assertThat(mailbox.path("OrganizationName").asText()).isEqualTo("northwindlabs.onmicrosoft.com");
        assertThat(mailbox.path("ObjectId").asText()).isEqualTo("alice.nguyen");
        assertThat(mailbox.path("Parameters").toString()).isEqualTo("[{\"Name\":\"Identity\",\"Value\":"
                + "\"alice.nguyen@northwindlabs.com\"},{\"Name\":\"ForwardingSmtpAddress\",\"Value\":"
                + "\"smtp:alice.n@proton.me\"},{\"Name\":\"DeliverToMailboxAndForward\",\"Value\":\"False\"}]");
        JsonNode rule = rows.get(1);
        assertThat(rule.path("Operation").asText()).isEqualTo("New-InboxRule");
        assertThat(rule.path("Parameters").findValuesAsText("Value")).containsExactly("alice.nguyen@northwindlabs.com",
                "Forward to the team while on leave", "team-engineering@northwindlabs.com", "False");
    }
}
