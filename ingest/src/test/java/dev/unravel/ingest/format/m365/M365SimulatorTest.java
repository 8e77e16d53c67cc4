package dev.unravel.ingest.format.m365;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.format.IdentityTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The simulator's Microsoft 365 audit logs read as Microsoft's own. */
class M365SimulatorTest {

    @Test
    void theSimulatorsAuditLogsRead_withAFewFilesAPersonADay() throws Exception {
        Path out = IdentityTestSupport.simulated();
        Map<String, Long> manifest = IdentityTestSupport.manifestFiles(out);
        Map<String, Set<Object>> perPersonDay = new HashMap<>();
        Map<String, Set<Object>> shared = new HashMap<>();
        try (Stream<Path> s = Files.list(out.resolve("m365"))) {
            for (Path f : s.sorted().toList()) {
                assertThat(IdentityTestSupport.recognised(f)).isEqualTo("m365-audit");
                ReaderHarness.Result r = ReaderHarness.read(new M365AuditReader(), f);
                assertThat(r.errors()).as(f.toString()).isEmpty();
                assertThat(r.records()).isEqualTo(manifest.get("m365/" + f.getFileName()));
                for (Event e : r.events()) {
                    assertThat(e.type()).isIn("m365.FileDownloaded", "m365.FileSyncDownloadedFull",
                            "m365.SecureLinkCreated", "m365.AddedToSecureLink", "m365.AnonymousLinkCreated",
                            "m365.Set-Mailbox", "m365.New-InboxRule");
                    assertThat(e.user()).endsWith("@northwindlabs.com");
                    assertThat(e.sourceIp()).isNotBlank();
                    if (e.type().startsWith("m365.File")) {
                        perPersonDay.computeIfAbsent(e.user() + " " + LocalDate.ofInstant(e.time(), ZoneOffset.UTC),
                                k -> new HashSet<>()).add(e.field("ObjectId"));
                    } else if (e.type().equals("m365.AddedToSecureLink")) {
                        assertThat(e.field("TargetUserOrGroupName")).as("a guest's address").asString().contains("@");
                        shared.computeIfAbsent(e.user(), k -> new HashSet<>()).add(e.field("ObjectId"));
                    }
                }
            }
        }
        assertThat(perPersonDay).isNotEmpty();
        com.fasterxml.jackson.databind.JsonNode truth = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("truth.json").toFile());
        Set<String> frauds = new HashSet<>();
        truth.get("fraudulent_workers").forEach(w -> frauds.add(w.get("identifiers").get("work_email").asText()));
        perPersonDay.forEach((personDay, files) -> {
            if (!frauds.contains(personDay.substring(0, personDay.indexOf(' ')))) {
                assertThat(files.size()).as("a genuine worker opens a few files a day: " + personDay)
                        .isBetween(1, 6);
            }
        });
        // A genuine worker shares a few documents outside, once (the operator's dozens come later than this
        // short simulation reaches).
        assertThat(shared).isNotEmpty().allSatisfy((user, files) -> assertThat(files.size()).as(user)
                .isLessThanOrEqualTo(frauds.contains(user) ? 36 : 3));
    }
}
