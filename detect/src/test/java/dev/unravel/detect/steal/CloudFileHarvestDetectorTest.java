package dev.unravel.detect.steal;

import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloudFileHarvestDetectorTest {

    static final String[] NAMES = {"Karen Martinez", "Brian Lee", "Paul Young", "Nancy Hall", "Mark Allen",
        "Ruth King", "Carol Wright"};

    /** Seven workers hired on 2026-03-02. */
    static DetectorHarness company() {
        StringBuilder hr = new StringBuilder(EMPLOYEES_HEADER);
        for (int i = 0; i < NAMES.length; i++) {
            String[] n = NAMES[i].split(" ");
            hr.append(employee("E" + (i + 1), n[0], n[1], n[0].substring(0, 1).toLowerCase() + n[1].toLowerCase(),
                    "2026-03-02"));
        }
        return new DetectorHarness().with("hr-employees", hr.toString());
    }

    /** One Management Activity API record: {@code user} downloaded {@code file} from {@code site}. */
    static String download(String user, String time, String site, String file, String operation) {
        return "{\"CreationTime\":\"" + time + "\",\"Id\":\"" + Math.abs((user + file + time).hashCode())
                + "\",\"Operation\":\"" + operation + "\",\"OrganizationId\":\"org-1\",\"RecordType\":6,"
                + "\"UserKey\":\"i:0h.f|membership|" + user + "\",\"UserType\":0,\"Version\":1,\"Workload\":\"SharePoint\","
                + "\"ClientIP\":\"203.0.113.7\",\"ObjectId\":\"" + site + "/Shared Documents/" + file + "\","
                + "\"UserId\":\"" + user + "\",\"EventSource\":\"SharePoint\",\"ItemType\":\"File\",\"SiteUrl\":\""
                + site + "/\",\"SourceFileName\":\"" + file + "\",\"SourceRelativeUrl\":\"Shared Documents\"}\n";
    }

    static String ordinaryWeek() {
        StringBuilder b = new StringBuilder();
        for (int i = 1; i < NAMES.length; i++) {
            String[] n = NAMES[i].split(" ");
            String user = n[0].toLowerCase() + "." + n[1].toLowerCase() + "@example.com";
            for (int f = 0; f < 8 + i; f++) {
                b.append(download(user, "2026-03-05T15:" + String.format("%02d", f) + ":00", 
                        "https://northwind.sharepoint.com/sites/Sales", "deck-" + f + ".pptx", "FileDownloaded"));
            }
        }
        return b.toString();
    }

    @Test
    void aNewHireTakingTwoLibrariesInADay_standsOutFromNewHiresWhoOpenADozen() {
        StringBuilder harvest = new StringBuilder(ordinaryWeek());
        for (int f = 0; f < 240; f++) {
            String site = f % 2 == 0 ? "https://northwind.sharepoint.com/sites/Engineering"
                    : "https://northwind.sharepoint.com/sites/Finance";
            harvest.append(download("karen.martinez@example.com",
                    String.format("2026-03-06T02:%02d:%02d", f / 60, f % 60), site, "doc-" + f + ".docx",
                    f % 3 == 0 ? "FileSyncDownloadedFull" : "FileDownloaded"));
            // the same file again is one file
            harvest.append(download("karen.martinez@example.com", "2026-03-06T03:00:00", site, "doc-" + f + ".docx",
                    "FileDownloaded"));
        }
        List<Signal> signals = company().with("m365-audit", harvest.toString()).run(new CloudFileHarvestDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.stage()).isEqualTo(Stage.STEAL);
            assertThat(s.technique()).isEqualTo("T1213.002");
            assertThat(s.strength()).isEqualTo(0.65);
            assertThat(s.explanation()).isEqualTo("This worker downloaded 240 files from SharePoint and OneDrive in "
                    + "one day, 4 days after starting, from 2 sites (https://northwind.sharepoint.com/sites/Engineering/, "
                    + "https://northwind.sharepoint.com/sites/Finance/); new hires typically download 12.");
            assertThat(s.evidence()).isNotEmpty();
        });
    }

    /**
     * One Reports API Drive activity: {@code user} downloaded {@code docId}, in the shared drive
     * {@code sharedDrive} or, when null, from {@code owner}'s own drive.
     */
    static String driveDownload(String user, String time, String docId, String sharedDrive, String owner) {
        String ownerParameters = sharedDrive != null
                ? "{\"name\":\"owner\",\"value\":\"" + sharedDrive + "\"},{\"name\":\"owner_is_shared_drive\","
                        + "\"boolValue\":true},{\"name\":\"shared_drive_id\",\"value\":\"0AKx" + sharedDrive + "\"}"
                : "{\"name\":\"owner\",\"value\":\"" + owner + "\"},{\"name\":\"owner_is_shared_drive\","
                        + "\"boolValue\":false}";
        return "{\"kind\":\"admin#reports#activity\",\"id\":{\"time\":\"" + time + "Z\",\"uniqueQualifier\":\""
                + Math.abs((user + docId + time).hashCode()) + "\",\"applicationName\":\"drive\",\"customerId\":"
                + "\"C03az79cb\"},\"actor\":{\"email\":\"" + user + "\",\"profileId\":\"1052505060979\"},"
                + "\"ipAddress\":\"198.51.100.23\",\"events\":[{\"type\":\"access\",\"name\":\"download\","
                + "\"parameters\":[{\"name\":\"primary_event\",\"boolValue\":true},{\"name\":\"billable\","
                + "\"boolValue\":true},{\"name\":\"doc_id\",\"value\":\"" + docId + "\"},{\"name\":\"doc_title\","
                + "\"value\":\"Design " + docId + "\"},{\"name\":\"doc_type\",\"value\":\"document\"},"
                + "{\"name\":\"visibility\",\"value\":\"shared_internally\"}," + ownerParameters + "]}]}\n";
    }

    @Test
    void googleDrive_aNewHireDownloadingTwoSharedDrives_standsOutAsSharePointsDoes() {
        StringBuilder drive = new StringBuilder();
        for (int f = 0; f < 200; f++) {
            drive.append(driveDownload("karen.martinez@example.com", String.format("2026-03-06T02:%02d:%02d", f / 60,
                    f % 60), "1xR" + f, f % 4 == 0 ? null : "Engineering", "paul.young@example.com"));
        }
        // the same document downloaded again is one file; one without its id is skipped and counted
        drive.append(driveDownload("karen.martinez@example.com", "2026-03-06T04:00:00", "1xR7", "Engineering", null));
        drive.append(driveDownload("karen.martinez@example.com", "2026-03-06T04:00:01", "", "Engineering", null));
        DetectorHarness h = company().with("m365-audit", ordinaryWeek()).with("gworkspace", drive.toString());

        List<Signal> signals = h.run(new CloudFileHarvestDetector());

        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.strength()).isEqualTo(0.65);
            assertThat(s.explanation()).isEqualTo("This worker downloaded 200 files from Google Drive in one day, 4 days "
                    + "after starting, from 2 drives (paul.young@example.com's drive, the shared drive Engineering); "
                    + "new hires typically download 12.");
        });
        assertThat(h.skippedReasons()).containsEntry("Drive download without doc_id", 1L);
    }

    @Test
    void bothSuites_aFileIsAFileInEither() {
        StringBuilder m365 = new StringBuilder(ordinaryWeek());
        StringBuilder drive = new StringBuilder();
        for (int f = 0; f < 60; f++) {
            String time = String.format("2026-03-06T02:%02d:00", f);
            m365.append(download("karen.martinez@example.com", time, "https://northwind.sharepoint.com/sites/Finance",
                    "doc-" + f + ".docx", "FileDownloaded"));
            drive.append(driveDownload("karen.martinez@example.com", time, "1xR" + f, "Finance", null));
        }
        List<Signal> signals = company().with("m365-audit", m365.toString()).with("gworkspace", drive.toString())
                .run(new CloudFileHarvestDetector());
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.explanation()).startsWith(
                "This worker downloaded 120 files from SharePoint, OneDrive and Google Drive in one day, 4 days after "
                        + "starting, from 2 sites and drives (https://northwind.sharepoint.com/sites/Finance/, "
                        + "the shared drive Finance)"));
    }

    @Test
    void ordinaryDays_aDozenFilesOrOneFileManyTimes_doNot() {
        StringBuilder b = new StringBuilder(ordinaryWeek());
        for (int i = 0; i < 500; i++) {
            b.append(download("karen.martinez@example.com", String.format("2026-03-06T02:%02d:%02d", i / 60 % 60,
                    i % 60), "https://northwind.sharepoint.com/sites/Engineering", "roadmap.docx", "FileDownloaded"));
        }
        assertThat(company().with("m365-audit", b.toString()).run(new CloudFileHarvestDetector())).isEmpty();
    }

    @Test
    void withoutPeers_aFixedThresholdApplies() {
        StringBuilder b = new StringBuilder();
        for (int f = 0; f < 320; f++) {
            b.append(download("karen.martinez@example.com", String.format("2026-03-20T02:%02d:%02d", f / 60, f % 60),
                    "https://northwind.sharepoint.com/sites/Engineering", "doc-" + f + ".docx", "FileDownloaded"));
        }
        assertThat(company().with("m365-audit", b.toString()).run(new CloudFileHarvestDetector()))
                .singleElement().satisfies(s -> assertThat(s.explanation())
                        .contains("320 files").contains("18 days after starting")
                        .contains("too few comparable colleagues"));
    }
}
