package dev.unravel.detect.steal;

import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.core.testing.SharedData;
import dev.unravel.detect.testing.DetectorHarness;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExternalSharingDetectorTest {

    /** Karen Martinez, hired 2026-03-02 (karen.martinez@gmail.com on file), and Brian Lee, hired in 2024. */
    static DetectorHarness company() {
        return new DetectorHarness().with("hr-employees", EMPLOYEES_HEADER
                + employee("E1", "Karen", "Martinez", "kmartinez", "2026-03-02")
                + employee("E2", "Brian", "Lee", "blee", "2024-05-06"));
    }

    /** A Reports API Drive activity: {@code user} gave {@code target} {@code access} to a document. */
    static String driveShare(String user, String time, String docId, String target, String access) {
        return "{\"kind\":\"admin#reports#activity\",\"id\":{\"time\":\"" + time + "Z\",\"uniqueQualifier\":\""
                + Math.abs((user + docId + target + time).hashCode()) + "\",\"applicationName\":\"drive\"},"
                + "\"actor\":{\"callerType\":\"USER\",\"email\":\"" + user + "\"},\"ipAddress\":\"198.51.100.23\","
                + "\"events\":[{\"type\":\"acl_change\",\"name\":\"change_user_access\",\"parameters\":["
                + "{\"name\":\"primary_event\",\"boolValue\":true},{\"name\":\"visibility_change\",\"value\":\"external\"},"
                + "{\"name\":\"target_user\",\"value\":\"" + target + "\"},{\"name\":\"old_value\",\"multiValue\":"
                + "[\"none\"]},{\"name\":\"new_value\",\"multiValue\":[\"" + access + "\"]},{\"name\":\"doc_id\","
                + "\"value\":\"" + docId + "\"},{\"name\":\"doc_title\",\"value\":\"Design " + docId + "\"},"
                + "{\"name\":\"doc_type\",\"value\":\"document\"},{\"name\":\"visibility\",\"value\":"
                + "\"shared_externally\"}]}]}\n";
    }

    /** A Drive activity opening a document to {@code visibility} (people_with_link, people_within_domain_with_link). */
    static String driveVisibility(String user, String time, String docId, String visibility) {
        return "{\"kind\":\"admin#reports#activity\",\"id\":{\"time\":\"" + time + "Z\",\"uniqueQualifier\":\""
                + Math.abs((user + docId + time).hashCode()) + "\",\"applicationName\":\"drive\"},"
                + "\"actor\":{\"email\":\"" + user + "\"},\"events\":[{\"type\":\"acl_change\","
                + "\"name\":\"change_document_visibility\",\"parameters\":[{\"name\":\"visibility_change\",\"value\":"
                + "\"external\"},{\"name\":\"doc_id\",\"value\":\"" + docId + "\"},{\"name\":\"doc_title\",\"value\":"
                + "\"Sheet " + docId + "\"},{\"name\":\"target_domain\",\"value\":\"all\"},{\"name\":\"new_value\","
                + "\"multiValue\":[\"" + visibility + "\"]}]}]}\n";
    }

    /** A SharePoint sharing record, as the vendor sample's: {@code operation} to {@code target} (null: none). */
    static String sharePoint(String user, String time, String file, String operation, String target) {
        return "{\"CreationTime\":\"" + time + "\",\"Id\":\"" + Math.abs((user + file + time).hashCode())
                + "\",\"Operation\":\"" + operation + "\",\"OrganizationId\":\"org-1\",\"RecordType\":14,"
                + "\"EventSource\":\"SharePoint\",\"ItemType\":\"File\",\"ObjectId\":"
                + "\"https://northwind-my.sharepoint.com/personal/u/Documents/" + file + "\",\"SiteUrl\":"
                + "\"https://northwind-my.sharepoint.com/personal/u\",\"SourceFileName\":\"" + file + "\","
                + (target == null ? "" : "\"TargetUserOrGroupName\":\"" + target + "\",\"TargetUserOrGroupType\":"
                        + "\"Guest\",")
                + "\"EventData\":\"<Type>View</Type>\",\"UserId\":\"" + user + "\",\"UserType\":0,"
                + "\"Workload\":\"OneDrive\",\"ClientIP\":\"203.0.113.7\"}\n";
    }

    @Test
    void aNewHireSharingThirtyDocumentsWithTheirOwnAddressAndAnyone_isStrong() {
        StringBuilder drive = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            // Gmail's dots and case aside, the personal address HR holds
            drive.append(driveShare("karen.martinez@example.com", String.format("2026-03-09T03:%02d:10", i),
                    "1dOc" + i, "Karen.Martinez@gmail.com", i % 2 == 0 ? "can_view" : "can_edit"));
        }
        drive.append(driveShare("karen.martinez@example.com", "2026-03-09T03:40:00", "1dOc3", "karenmartinez@gmail.com",
                "can_view")); // the same document again is one document
        StringBuilder m365 = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            m365.append(sharePoint("karen.martinez@example.com", String.format("2026-03-09T04:%02d:00", i),
                    "Forecast " + i + ".xlsx", "AnonymousLinkCreated", null));
        }
        List<Signal> signals = company().with("gworkspace", drive.toString()).with("m365-audit", m365.toString())
                .run(new ExternalSharingDetector());

        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.stage()).isEqualTo(Stage.STEAL);
            assertThat(s.technique()).isEqualTo("T1537");
            assertThat(s.strength()).isEqualTo(0.7); // 0.4, new hire, own address, three times the threshold
            assertThat(s.explanation()).isEqualTo("This worker shared 30 of the company's documents outside it in one "
                    + "day, 7 days after starting, with karen.martinez@gmail.com (the personal address HR holds for "
                    + "them), and by links anyone can open: “Design 1dOc0”, “Design 1dOc1”, “Design 1dOc2” and 27 "
                    + "more. A shared document stays in the company's drive while an outside account opens and "
                    + "copies it, unseen by download, upload and USB logs.");
            assertThat(s.evidence()).isNotEmpty();
        });
    }

    @Test
    void staffSharingTenWithAFreeMailAddressGuestUpn_isTheThreshold() {
        StringBuilder m365 = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            m365.append(sharePoint("brian.lee@example.com", String.format("2026-03-10T15:%02d:00", i),
                    "Notes " + i + ".docx", "AddedToSecureLink", "drop.box_proton.me#EXT#@northwind.onmicrosoft.com"));
        }
        assertThat(company().with("m365-audit", m365.toString()).run(new ExternalSharingDetector()))
                .singleElement().satisfies(s -> {
                    assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
                    assertThat(s.strength()).isEqualTo(0.4);
                    assertThat(s.explanation()).startsWith("This worker shared 10 of the company's documents outside "
                            + "it in one day, with drop.box@proton.me (a free mail service): “Notes 0.docx”");
                });
    }

    @Test
    void nearMisses_clientsColleaguesRemovalsTheDomainAndThreeADay_doNot() {
        StringBuilder drive = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            String t = String.format("2026-03-09T03:%02d:10", i);
            drive.append(driveShare("brian.lee@example.com", t, "1cL" + i, "buyer@client-corp.com", "can_view"));
            drive.append(driveShare("brian.lee@example.com", t, "1cO" + i, "karen.martinez@example.com", "can_edit"));
            drive.append(driveShare("brian.lee@example.com", t, "1rM" + i, "someone@gmail.com", "none"));
            drive.append(driveVisibility("brian.lee@example.com", t, "1dM" + i, "people_within_domain_with_link"));
        }
        for (int day = 10; day < 20; day++) {
            for (int i = 0; i < 3; i++) { // 21 in any seven days: under the week's 25
                drive.append(driveShare("brian.lee@example.com", "2026-03-" + day + "T16:0" + i + ":00",
                        "1nN" + day + "-" + i, "brian.home@yahoo.com", "can_view"));
            }
        }
        for (int day = 2; day <= 23; day += 7) { // nine once a week: never two such days in seven
            for (int i = 0; i < 9; i++) {
                drive.append(driveShare("karen.martinez@example.com", String.format("2026-03-%02dT16:0%d:00", day, i),
                        "1wK" + day + "-" + i, "k.m@proton.me", "can_view"));
            }
        }
        assertThat(company().with("gworkspace", drive.toString()).run(new ExternalSharingDetector())).isEmpty();
    }

    /** The same documents shared again each day are not a harvest: the week counts each document once. */
    @Test
    void theSameNineDocumentsSharedOnFourDays_areNineForTheWeek() {
        StringBuilder drive = new StringBuilder();
        for (int day = 10; day < 14; day++) {
            for (int i = 0; i < 9; i++) {
                drive.append(driveShare("brian.lee@example.com", "2026-03-" + day + "T16:0" + i + ":00",
                        "1nN-" + i, "drop.box@proton.me", "can_view"));
            }
        }
        assertThat(company().with("gworkspace", drive.toString()).run(new ExternalSharingDetector())).isEmpty();
    }

    @Test
    void nineADayForFourDays_isAHarvestSpreadThin() {
        StringBuilder drive = new StringBuilder();
        for (int day = 10; day < 14; day++) {
            for (int i = 0; i < 9; i++) {
                drive.append(driveShare("brian.lee@example.com", "2026-03-" + day + "T16:0" + i + ":00",
                        "1nN" + day + "-" + i, i % 3 == 0 ? "brian.home@yahoo.com" : "drop.box@proton.me", "can_view"));
            }
        }
        assertThat(company().with("gworkspace", drive.toString()).run(new ExternalSharingDetector()))
                .singleElement().satisfies(s -> {
                    assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
                    assertThat(s.strength()).isEqualTo(0.4);
                    assertThat(s.explanation()).isEqualTo("This worker shared 36 of the company's documents outside "
                            + "it on 4 of the 7 days to 2026-03-13, never 10 in one day, with brian.home@yahoo.com (a "
                            + "free mail service), drop.box@proton.me (a free mail service): “Design 1nN10-0”, "
                            + "“Design 1nN10-1”, “Design 1nN10-2” and 33 more. A harvest spread over days stays under "
                            + "a daily count; a shared document stays in the company's drive while an outside account "
                            + "opens and copies it.");
                });
    }

    @Test
    void aFewDocumentsWithTheirOwnAddress_isWeakContext() {
        String drive = driveShare("brian.lee@example.com", "2026-03-09T03:00:00", "1a", "brian.lee@gmail.com", "can_view")
                + driveVisibility("brian.lee@example.com", "2026-03-09T03:01:00", "1b", "people_with_link")
                + driveShare("brian.lee@example.com", "2026-03-11T03:00:00", "1c", "brian.lee@gmail.com", "can_edit");
        DetectorHarness h = company().with("gworkspace", drive + driveShare("brian.lee@example.com",
                "2026-03-11T04:00:00", "", "brian.lee@gmail.com", "can_edit"));

        assertThat(h.run(new ExternalSharingDetector())).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
            assertThat(s.strength()).isEqualTo(0.2);
            assertThat(s.explanation()).isEqualTo("This worker shared 2 company documents with brian.lee@gmail.com, the "
                    + "personal address HR holds for them: fewer than 10 in a day, as people send themselves a file to "
                    + "work on at home; context for other findings.");
        });
        assertThat(h.skippedReasons()).containsEntry("share without its document's id", 1L);
    }

    @Test
    void aRecipientOnAPublishedList_isSaidAtOnce_whateverItsDomain(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.nio.file.Path list = Files.writeString(dir.resolve("advisory.csv"), """
                type,value,source,note
                domain,devforge[.]io,FBI PSA I-051624,front company
                email,jin.kim77[@]gmail[.]com,DOJ indictment,
                """);
        String drive = driveShare("brian.lee@example.com", "2026-03-09T03:00:00", "1a", "recruit@hr.devforge.io",
                "can_view")
                + driveShare("brian.lee@example.com", "2026-03-09T03:05:00", "1b", "recruit@hr.devforge.io", "can_view")
                + driveShare("brian.lee@example.com", "2026-03-09T03:10:00", "1c", "JinKim77@gmail.com", "can_edit")
                + driveShare("brian.lee@example.com", "2026-03-09T03:20:00", "1d", "buyer@client-corp.com", "can_view");
        List<Signal> signals = company().with("gworkspace", drive).run(new ExternalSharingDetector(
                dev.unravel.detect.intel.IndicatorLists.read(List.of(list), "indicators")));

        assertThat(signals).extracting(Signal::explanation).containsExactlyInAnyOrder(
                "This worker shared “Design 1a” with recruit@hr.devforge.io, which is on a published list of the "
                        + "scheme's indicators: FBI PSA I-051624 (front company), advisory.csv line 2.",
                "This worker shared “Design 1c” with jinkim77@gmail.com, which is on a published list of the "
                        + "scheme's indicators: DOJ indictment, advisory.csv line 3.");
        assertThat(signals).allSatisfy(s -> assertThat(s.strength()).isEqualTo(0.7));
        // without the lists, two documents to a business domain and one to a free-mail address are nothing
        assertThat(company().with("gworkspace", drive).run(new ExternalSharingDetector())).isEmpty();

        // a listed address's documents count in the day's too, named as it is: not a free mail service
        StringBuilder more = new StringBuilder(drive);
        for (int i = 0; i < 8; i++) {
            more.append(driveShare("brian.lee@example.com", "2026-03-09T04:0" + i + ":00", "1m" + i,
                    "recruit@hr.devforge.io", "can_view"));
        }
        assertThat(company().with("gworkspace", more.toString()).run(new ExternalSharingDetector(
                dev.unravel.detect.intel.IndicatorLists.read(List.of(list), "indicators"))))
                .filteredOn(s -> s.strength() == 0.4).singleElement().satisfies(s -> assertThat(s.explanation())
                        .contains("shared 11 of the company's documents outside it in one day, with "
                                + "recruit@hr.devforge.io, jinkim77@gmail.com (a free mail service): "));
    }

    @Test
    void itsOwnListThatCannotBeRead_stopsTheScanAtItsStart() {
        ExternalSharingDetector d = new ExternalSharingDetector();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> d.check(new dev.unravel.detect.Settings(ExternalSharingDetector.ID,
                Map.of("files", List.of("/no/such/advisory.csv"))))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("advisory.csv");
    }

    @Test
    void anotherWorkersPersonalAddress_tiesTheTwo_unlessTheyAreOneHousehold() {
        String drive = driveShare("brian.lee@example.com", "2026-03-09T03:00:00", "1a", "Karen.Martinez@gmail.com",
                "can_view")
                + driveShare("brian.lee@example.com", "2026-03-09T03:05:00", "1b", "karen.martinez@gmail.com", "can_view");
        // Karen lives elsewhere: her mailbox receiving Brian's documents ties them
        DetectorHarness apart = new DetectorHarness().with("hr-employees", EMPLOYEES_HEADER
                + employee("E1", "Karen", "Martinez", "kmartinez", "2026-03-02").replace("1 Main St", "77 Elm St")
                + employee("E2", "Brian", "Lee", "blee", "2024-05-06"));
        assertThat(apart.with("gworkspace", drive).run(new ExternalSharingDetector())).satisfiesExactlyInAnyOrder(
                s -> {
                    assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
                    assertThat(s.strength()).isEqualTo(0.5);
                    assertThat(s.explanation()).isEqualTo("This worker shared “Design 1a” with karen.martinez@gmail.com, "
                            + "the personal address HR holds for Karen Martinez (worker E1): one person's mailbox "
                            + "receiving another hire's company documents, as when one operator works several hires.");
                },
                s -> {
                    assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
                    assertThat(s.explanation()).startsWith("Brian Lee (worker E2) shared “Design 1a” with "
                            + "karen.martinez@gmail.com, the personal address HR holds for this worker: ");
                });
        // the samples' two live at one address: a household, left out
        assertThat(company().with("gworkspace", drive).run(new ExternalSharingDetector())).isEmpty();
    }

    @Test
    void vendorSample_drivesSharingRecordsAsPantherFlattensThem_areReadAndJudged() throws Exception {
        // Panther's GSuite fixtures; most name no time, which the reader needs: given one here
        List<String> lines = Files.readAllLines(SharedData.vendorRecords("GSuite_ActivityEvent.ndjson")).stream()
                .map(l -> l.contains("\"time\"") ? l : l.replace("\"id\":{", "\"id\":{\"time\":\"2020-09-07T15:50:49Z\","))
                .toList();
        DetectorHarness h = new DetectorHarness().with("gworkspace", String.join("\n", lines))
                .settings(ExternalSharingDetector.ID, Map.of("min_documents", 1));
        // a colleague at the sharer's own domain, other companies' people and a whole other domain: nothing
        assertThat(h.run(new ExternalSharingDetector())).isEmpty();
        // the fixtures of sharing with anyone or a free-mail address that name no document: counted
        assertThat(h.skippedReasons()).containsExactlyEntriesOf(Map.of("share without its document's id", 7L));

        String toGmail = String.join("\n", lines).replace("\"target_user\":\"outside@acme.com\"",
                "\"target_user\":\"outside@gmail.com\"");
        assertThat(new DetectorHarness().with("gworkspace", toGmail)
                .settings(ExternalSharingDetector.ID, Map.of("min_documents", 1)).run(new ExternalSharingDetector()))
                .singleElement().satisfies(s -> assertThat(s.explanation()).contains(
                        "shared 1 of the company's documents outside it in one day, with outside@gmail.com (a free "
                                + "mail service): “1 Document Title Primary”."));
    }

    @Test
    void recordsWithoutTheirRecipient_areCountedNotGuessed() {
        String noTarget = driveShare("brian.lee@example.com", "2026-03-09T03:00:00", "1a", "x@gmail.com", "can_view")
                .replace("{\"name\":\"target_user\",\"value\":\"x@gmail.com\"},", "");
        String noGrant = driveShare("brian.lee@example.com", "2026-03-09T03:00:00", "1b", "x@gmail.com", "can_view")
                .replace(",{\"name\":\"new_value\",\"multiValue\":[\"can_view\"]}", "");
        String noGuest = sharePoint("brian.lee@example.com", "2026-03-09T04:00:00", "a.docx", "AddedToSecureLink", null);
        DetectorHarness h = company().with("gworkspace", noTarget + noGrant).with("m365-audit", noGuest);
        assertThat(h.run(new ExternalSharingDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "sharing record without parameters.target_user", 1L,
                "sharing record without parameters.new_value", 1L,
                "sharing record without TargetUserOrGroupName", 1L));
    }

    @Test
    void guestAccounts_areReadBackToTheAddressInvited() {
        assertThat(SharingRecords.guestAddress("John.Doe_Gmail.com#EXT#@contoso.onmicrosoft.com"))
                .isEqualTo("john.doe@gmail.com");
        assertThat(SharingRecords.guestAddress("OUTSIDER@EXTERNAL.IO")).isEqualTo("outsider@external.io");
        assertThat(SharingRecords.guestAddress("Marketing Members")).isNull();
        assertThat(SharingRecords.guestAddress("#EXT#@contoso.onmicrosoft.com")).isNull();
    }

    @Test
    void vendorSample_sharesWithOtherCompaniesAreNotCounted() throws Exception {
        String sample = Files.readString(SharedData.vendorRecords("Microsoft365_Audit_SharePoint.ndjson"));
        // Its five AddedToSecureLink records share with business addresses (outsider.com, saas.com, …)
        // and a colleague: none is a private account.
        DetectorHarness h = new DetectorHarness().with("m365-audit", sample);
        assertThat(h.run(new ExternalSharingDetector())).isEmpty();
        assertThat(h.skippedReasons()).isEmpty();
        String toGmail = sample.replace("OUTSIDER@EXTERNAL.IO", "OUTSIDER@GMAIL.COM");
        assertThat(toGmail).isNotEqualTo(sample);
        // the same record to a free mail address is counted: with a threshold of one, it is a finding
        assertThat(new DetectorHarness().with("m365-audit", toGmail)
                .settings(ExternalSharingDetector.ID, Map.of("min_documents", 1)).run(new ExternalSharingDetector()))
                .singleElement().satisfies(s -> assertThat(s.explanation()).contains(
                        "with outsider@gmail.com (a free mail service): “importantsecrets.docx”."));
    }
}
