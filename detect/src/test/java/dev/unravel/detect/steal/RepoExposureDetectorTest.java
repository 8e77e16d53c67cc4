package dev.unravel.detect.steal;

import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepoExposureDetectorTest {

    /** Dev0 started on 2026-03-02 (a new hire in March); Dev1 has been here since 2024. */
    static final String HR = EMPLOYEES_HEADER + employee("E0", "Deva", "Smith", "dev0", "2026-03-02")
            + employee("E1", "Devb", "Smith", "dev1", "2024-01-15");

    /**
     * One GitHub Enterprise audit-log streaming entry; {@code extra} is more JSON members, written
     * as GitHub writes them (visibility, previous_visibility, new_nwo, repo_was).
     */
    static String entry(String action, String login, String email, String repo, String time, String extra) {
        long ms = java.time.Instant.parse(time).toEpochMilli();
        return "{\"@timestamp\":" + ms + ",\"_document_id\":\"x" + ms + "\",\"action\":\"" + action + "\",\"actor\":\""
                + login + "\",\"actor_id\":44145087,\"actor_ip\":\"185.242.5.85\",\"actor_location\":{\"country_code\":"
                + "\"US\"},\"business\":\"acme\",\"created_at\":" + ms + ",\"external_identity_nameid\":\"" + email
                + "\",\"operation_type\":\"modify\",\"org\":\"acme\",\"org_id\":141669676,\"repo\":\"" + repo
                + "\",\"user_agent\":\"Mozilla/5.0 (Windows NT 10.0; Win64; x64)\"" + extra + "}\n";
    }

    static List<Signal> run(String audit) {
        return new DetectorHarness().with("hr-employees", HR).with("github-audit", audit).run(new RepoExposureDetector());
    }

    @Test
    void aNewHireWhoTransfersAPrivateRepositoryToAPersonalAccountIsStrong() {
        List<Signal> signals = run(entry("repo.transfer_outgoing", "dev0-gh", "deva.smith@example.com",
                "acme/payments-core", "2026-03-05T02:14:00Z",
                ",\"new_nwo\":\"kim-dev88/payments-core\",\"visibility\":\"private\",\"public_repo\":false"));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E0"));
            assertThat(s.detector()).isEqualTo(RepoExposureDetector.ID);
            assertThat(s.stage()).isEqualTo(Stage.STEAL);
            assertThat(s.technique()).isEqualTo("T1537");
            assertThat(s.strength()).isEqualTo(0.75);
            assertThat(s.explanation()).isEqualTo("This worker transferred the company's private code repository "
                    + "acme/payments-core out of the organisation to kim-dev88/payments-core, an account the company "
                    + "does not control, 2 days after starting.");
            assertThat(s.evidence()).hasSize(1);
        });
    }

    @Test
    void anAcceptedTransferNamesTheSourceInRepoWas() {
        List<Signal> signals = run(entry("repo.transfer", "dev1-gh", "devb.smith@example.com", "other-org/billing",
                "2026-03-05T02:14:00Z", ",\"repo_was\":\"acme/billing\",\"old_user\":\"acme\",\"owner\":\"other-org\","
                        + "\"visibility\":\"private\""));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.strength()).as("long-standing staff").isEqualTo(0.5);
            assertThat(s.explanation()).contains("acme/billing out of the organisation to other-org/billing")
                    .doesNotContain("after starting");
        });
    }

    @Test
    void privateMadePublicIsReportedOnceAndPublicToPrivateIsNot() {
        String audit = entry("repo.access", "dev0-gh", "deva.smith@example.com", "acme/auth-service",
                "2026-03-06T03:00:00Z", ",\"previous_visibility\":\"private\",\"visibility\":\"public\"")
                + entry("repo.access", "dev0-gh", "deva.smith@example.com", "acme/auth-service", "2026-03-06T03:05:00Z",
                        ",\"previous_visibility\":\"public\",\"visibility\":\"private\"")
                + entry("repo.access", "dev0-gh", "deva.smith@example.com", "acme/auth-service", "2026-03-06T03:10:00Z",
                        ",\"previous_visibility\":\"private\",\"visibility\":\"public\"");
        assertThat(run(audit)).singleElement().satisfies(s -> {
            assertThat(s.explanation()).startsWith("This worker made the company's private code repository "
                    + "acme/auth-service public, so anyone on the Internet can copy it, 3 days after starting");
            assertThat(s.strength()).isEqualTo(0.75);
        });
    }

    @Test
    void internalMadePrivateAndMovesInsideTheOrganisationAreNearMisses() {
        String audit = entry("repo.access", "dev1-gh", "devb.smith@example.com", "acme/docs", "2026-03-06T03:00:00Z",
                ",\"previous_visibility\":\"internal\",\"visibility\":\"private\"")
                // a rename inside the organisation is also written as an outgoing transfer
                + entry("repo.transfer_outgoing", "dev1-gh", "devb.smith@example.com", "acme/old-name",
                        "2026-03-06T04:00:00Z", ",\"new_nwo\":\"acme/new-name\",\"visibility\":\"private\"")
                // a repository received from outside
                + entry("repo.transfer", "dev1-gh", "devb.smith@example.com", "acme/vendored-lib", "2026-03-06T05:00:00Z",
                        ",\"repo_was\":\"contractor/vendored-lib\",\"visibility\":\"private\"")
                // an open-source project moved out: it was public already
                + entry("repo.transfer_outgoing", "dev1-gh", "devb.smith@example.com", "acme/oss-sdk",
                        "2026-03-06T06:00:00Z", ",\"new_nwo\":\"acme-oss/oss-sdk\",\"visibility\":\"public\"");
        assertThat(run(audit)).isEmpty();
    }

    @Test
    void itAccountsAndBotsAreExcluded() {
        String audit = entry("repo.transfer_outgoing", "it-admin", "it.admin@example.com", "acme/legacy",
                "2026-03-05T02:14:00Z", ",\"new_nwo\":\"acme-archive/legacy\",\"visibility\":\"private\"")
                + entry("repo.access", "release-bot[bot]", "", "acme/sdk", "2026-03-05T02:15:00Z",
                        ",\"previous_visibility\":\"private\",\"visibility\":\"public\"")
                + entry("repo.access", "automation", "", "acme/cli", "2026-03-05T02:16:00Z",
                        ",\"previous_visibility\":\"private\",\"visibility\":\"public\",\"actor_is_bot\":true");
        DetectorHarness h = new DetectorHarness().with("hr-employees", HR).with("github-audit", audit)
                .settings(RepoExposureDetector.ID, Map.of("excluded_actors", List.of("IT-Admin")));
        assertThat(h.run(new RepoExposureDetector())).isEmpty();
        // without the list the IT account's move out of the organisation is reported
        assertThat(new DetectorHarness().with("github-audit", audit).run(new RepoExposureDetector()))
                .singleElement().satisfies(s -> assertThat(s.subject())
                        .isEqualTo(new EntityRef(EntityRef.Kind.ACCOUNT, "it-admin")));
    }

    @Test
    void aTransferRequestAndPrivateForkingAreWeakerSteps() {
        String audit = entry("repo.transfer_start", "dev0-gh", "deva.smith@example.com", "acme/payments-core",
                "2026-03-05T02:10:00Z", ",\"visibility\":\"private\"")
                + entry("private_repository_forking.enable", "dev1-gh", "devb.smith@example.com", "acme/ledger",
                        "2026-03-05T02:11:00Z", "");
        assertThat(run(audit)).satisfiesExactly(
                request -> {
                    assertThat(request.subject()).isEqualTo(EntityRef.worker("E0"));
                    assertThat(request.strength()).isEqualTo(0.5);
                    assertThat(request.explanation()).contains("asked GitHub to transfer");
                },
                forking -> {
                    assertThat(forking.subject()).isEqualTo(EntityRef.worker("E1"));
                    assertThat(forking.strength()).isEqualTo(0.3);
                    assertThat(forking.explanation()).contains("copied (forked) into personal accounts");
                });
    }

    @Test
    void entriesWithoutARepositoryAreSkippedAndCounted() {
        DetectorHarness h = new DetectorHarness().with("github-audit", entry("repo.access", "dev0-gh",
                "deva.smith@example.com", "acme/x", "2026-03-06T03:00:00Z", ",\"visibility\":\"public\"")
                .replace("\"repo\":\"acme/x\",", ""));
        assertThat(h.run(new RepoExposureDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsKey("repository change without a repository name");
    }
}
