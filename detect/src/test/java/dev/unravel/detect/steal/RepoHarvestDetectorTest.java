package dev.unravel.detect.steal;

import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RepoHarvestDetectorTest {

    /** A GitHub Enterprise audit-log streaming event for one repository access. */
    static String access(String action, String login, String email, String repo, boolean isPublic, Instant time) {
        long ms = time.toEpochMilli();
        return "{\"@timestamp\":" + ms + ",\"_document_id\":\"d" + ms + repo.hashCode() + "\",\"action\":\"" + action
                + "\",\"actor\":\"" + login + "\",\"actor_id\":44145087,\"actor_ip\":\"185.242.5.85\","
                + "\"actor_location\":{\"country_code\":\"US\"},\"business\":\"acme\",\"created_at\":" + ms
                + ",\"external_identity_nameid\":\"" + email + "\",\"operation_type\":\"access\",\"org\":\"acme\","
                + "\"programmatic_access_type\":\"Personal access token (classic)\",\"repo\":\"acme/" + repo
                + "\",\"repository\":\"acme/" + repo + "\",\"repository_public\":" + isPublic + ",\"transport_protocol\":1,"
                + "\"transport_protocol_name\":\"http\",\"user_agent\":\"git/2.45.2\"}\n";
    }

    /** {@code n} distinct private repositories cloned by one worker on one day, a minute apart. */
    static String clones(String login, String email, int n, String day) {
        StringBuilder b = new StringBuilder();
        Instant t = Instant.parse(day + "T15:00:00Z");
        for (int i = 0; i < n; i++) {
            b.append(access("git.clone", login, email, "service-" + i, false, t.plusSeconds(60L * i)));
        }
        return b.toString();
    }

    /** Seven engineers hired on 2026-03-02; each clones {@code counts[i]} repositories on their third day. */
    static DetectorHarness newHires(int... counts) {
        StringBuilder hr = new StringBuilder(EMPLOYEES_HEADER);
        StringBuilder audit = new StringBuilder();
        for (int i = 0; i < counts.length; i++) {
            hr.append(employee("E" + i, "Dev" + (char) ('a' + i), "Smith", "dev" + i, "2026-03-02"));
            audit.append(clones("dev" + i + "-gh", "dev" + (char) ('a' + i) + ".smith@example.com", counts[i],
                    "2026-03-04"));
        }
        return new DetectorHarness().with("hr-employees", hr.toString()).with("github-audit", audit.toString());
    }

    @Test
    void aNewHireWhoClonesEverythingInADayStandsOutFromNewHiresWhoCloneADozen() {
        List<Signal> signals = newHires(12, 14, 16, 13, 12, 15, 45).run(new RepoHarvestDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E6"));
            assertThat(s.detector()).isEqualTo(RepoHarvestDetector.ID);
            assertThat(s.stage()).isEqualTo(Stage.STEAL);
            assertThat(s.technique()).isEqualTo("T1213.003");
            assertThat(s.strength()).isBetween(0.5, 0.7);
            assertThat(s.explanation()).contains("45 private code repositories in one day").contains("2 days after")
                    .contains("new hires typically touch 14");
            assertThat(s.evidence()).hasSize(20);
        });
    }

    @Test
    void busyFirstWeeksAloneAreNotFlagged() {
        assertThat(newHires(12, 14, 16, 13, 12, 15, 18).run(new RepoHarvestDetector())).isEmpty();
    }

    @Test
    void publicRepositoriesAndFetchesSpreadOverDaysDoNotAddUp() {
        StringBuilder audit = new StringBuilder();
        Instant t = Instant.parse("2026-03-04T15:00:00Z");
        for (int i = 0; i < 60; i++) {
            audit.append(access("git.clone", "dev0-gh", "deva.smith@example.com", "oss-" + i, true, t.plusSeconds(i)));
            audit.append(access("git.fetch", "dev1-gh", "devb.smith@example.com", "svc-" + (i % 60),
                    false, t.plusSeconds(86_400L * (i / 4))));
        }
        List<Signal> signals = newHires(3, 3, 3, 3, 3).with("github-audit", audit.toString())
                .run(new RepoHarvestDetector());
        assertThat(signals).isEmpty();
    }

    @Test
    void archiveDownloadsOfSeveralPrivateRepositoriesAreReported() {
        StringBuilder audit = new StringBuilder();
        Instant t = Instant.parse("2026-03-05T02:00:00Z");
        for (int i = 0; i < 4; i++) {
            audit.append(access("repo.download_zip", "dev0-gh", "deva.smith@example.com", "svc-" + i, false,
                    t.plusSeconds(300L * i)));
        }
        audit.append(access("repo.download_zip", "dev1-gh", "devb.smith@example.com", "svc-1", false, t));
        List<Signal> signals = newHires(3, 3, 3, 3, 3).with("github-audit", audit.toString())
                .run(new RepoHarvestDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.detector()).isEqualTo(RepoHarvestDetector.ARCHIVE_ID);
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E0"));
            assertThat(s.strength()).isEqualTo(0.4);
            assertThat(s.evidence()).hasSize(4);
        });
    }

    @Test
    void withoutEnoughPeersOnlyAVeryLargeDayIsReported() {
        assertThat(newHires(12, 25).run(new RepoHarvestDetector())).isEmpty();
        assertThat(newHires(12, 45).run(new RepoHarvestDetector())).singleElement()
                .satisfies(s -> assertThat(s.explanation()).contains("too few comparable colleagues"));
    }

    @Test
    void accessWithoutVisibilityIsSkippedAndCounted() {
        String noVisibility = access("git.clone", "dev0-gh", "deva.smith@example.com", "svc", false,
                Instant.parse("2026-03-04T15:00:00Z")).replace(",\"repository_public\":false", "");
        DetectorHarness h = newHires(1).with("github-audit", noVisibility);
        assertThat(h.run(new RepoHarvestDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsKey(
                "repository access without repository_public: cannot tell a private repository");
    }
}
