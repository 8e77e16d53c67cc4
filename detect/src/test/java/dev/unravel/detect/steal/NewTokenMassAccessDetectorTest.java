package dev.unravel.detect.steal;

import static dev.unravel.detect.steal.RepoExposureDetectorTest.HR;
import static dev.unravel.detect.steal.RepoExposureDetectorTest.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NewTokenMassAccessDetectorTest {

    static final String NEW_TOKEN = "kq3V0Hq1Xo8yH6oTgS7b0pQ0wlm8Y9a3sEw2XjQ1f9E=";
    static final String OLD_TOKEN = "0771cae4d170dc02a6ff393d9946cd684d6145c1TmV=";

    /** A git clone as the GitHub Enterprise audit-log stream writes it, with the token's hash. */
    static String clone(String login, String email, String repo, Instant time, String hashedToken) {
        long ms = time.toEpochMilli();
        return "{\"@timestamp\":" + ms + ",\"_document_id\":\"c" + ms + repo.hashCode() + "\",\"action\":\"git.clone\","
                + "\"actor\":\"" + login + "\",\"actor_id\":44145087,\"actor_ip\":\"185.242.5.85\",\"actor_location\":"
                + "{\"country_code\":\"US\"},\"business\":\"acme\",\"external_identity_nameid\":\"" + email + "\","
                + "\"hashed_token\":\"" + hashedToken + "\",\"operation_type\":\"access\",\"org\":\"acme\","
                + "\"programmatic_access_type\":\"Fine-grained personal access token\",\"repo\":\"acme/" + repo
                + "\",\"repository\":\"acme/" + repo + "\",\"repository_public\":false,\"token_id\":\"3345091\","
                + "\"transport_protocol\":1,\"transport_protocol_name\":\"http\",\"user_agent\":\"git/2.45.2\"}\n";
    }

    /** {@code n} distinct private repositories cloned by Dev0 from {@code start}, two minutes apart. */
    static String clones(int n, String start, String hashedToken) {
        StringBuilder b = new StringBuilder();
        Instant t = Instant.parse(start);
        for (int i = 0; i < n; i++) {
            b.append(clone("dev0-gh", "deva.smith@example.com", "service-" + i, t.plusSeconds(120L * i), hashedToken));
        }
        return b.toString();
    }

    static String patCreated(String time) {
        return entry("personal_access_token.create", "dev0-gh", "deva.smith@example.com", "", time,
                ",\"user_programmatic_access_name\":\"laptop\",\"repository_selection\":\"all\"")
                .replace(",\"repo\":\"\"", "");
    }

    static List<Signal> run(String audit) {
        return new DetectorHarness().with("hr-employees", HR).with("github-audit", audit)
                .run(new NewTokenMassAccessDetector());
    }

    @Test
    void aNewHireWhoMakesATokenAndClonesEverythingWithItIsReported() {
        List<Signal> signals = run(patCreated("2026-03-04T01:00:00Z") + clones(30, "2026-03-04T02:00:00Z", NEW_TOKEN));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E0"));
            assertThat(s.detector()).isEqualTo(NewTokenMassAccessDetector.ID);
            assertThat(s.stage()).isEqualTo(Stage.STEAL);
            assertThat(s.technique()).isEqualTo("T1213.003");
            assertThat(s.strength()).isCloseTo(0.725, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(s.explanation()).isEqualTo("This worker created a personal access token (\"laptop\") 2 days "
                    + "after starting and within 2 hours used a new credential to copy 30 private code repositories.");
            assertThat(s.evidence()).hasSize(20);
            assertThat(s.time()).isEqualTo(Instant.parse("2026-03-04T02:58:00Z"));
        });
    }

    @Test
    void aNewHireWhoMakesATokenAndClonesTheirTeamsRepositoriesIsNotReported() {
        assertThat(run(patCreated("2026-03-02T16:00:00Z") + clones(12, "2026-03-02T16:30:00Z", NEW_TOKEN))).isEmpty();
    }

    @Test
    void clonesAfterTheWindowOrBeforeTheTokenDoNotCount() {
        String late = patCreated("2026-03-04T01:00:00Z") + clones(30, "2026-03-05T02:00:00Z", NEW_TOKEN);
        assertThat(run(late)).isEmpty();
        String before = clones(30, "2026-03-03T22:00:00Z", NEW_TOKEN) + patCreated("2026-03-04T01:00:00Z");
        assertThat(run(before)).isEmpty();
    }

    @Test
    void anOldTokensClonesDoNotRideOnANewSshKey() {
        String sshKey = entry("public_key.create", "dev0-gh", "deva.smith@example.com", "", "2026-03-04T01:00:00Z",
                ",\"fingerprint\":\"SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8\",\"title\":\"home-pc\","
                + "\"read_only\":false").replace(",\"repo\":\"\"", "");
        String oldTokenInUse = clone("dev0-gh", "deva.smith@example.com", "service-0",
                Instant.parse("2026-03-03T20:00:00Z"), OLD_TOKEN);
        assertThat(run(oldTokenInUse + sshKey + clones(30, "2026-03-04T02:00:00Z", OLD_TOKEN))).isEmpty();
        assertThat(run(oldTokenInUse + sshKey + clones(30, "2026-03-04T02:00:00Z", NEW_TOKEN)))
                .singleElement().satisfies(s -> assertThat(s.explanation())
                        .startsWith("This worker created a new SSH key (\"home-pc\") 2 days after starting"));
    }

    @Test
    void aTokenRequestAndItsApprovalAreOneSignal() {
        String request = entry("personal_access_token.request_created", "dev0-gh", "deva.smith@example.com", "",
                "2026-03-04T01:00:00Z", ",\"user_programmatic_access_name\":\"laptop\",\"user_programmatic_access_id\":"
                        + "3345091,\"user_programmatic_access_request_id\":771").replace(",\"repo\":\"\"", "");
        // the approval is written by the organisation owner who approved it, about the token's owner
        String approval = entry("personal_access_token.access_granted", "org-owner", "owner@example.com", "",
                "2026-03-04T01:20:00Z", ",\"user\":\"dev0-gh\",\"user_programmatic_access_name\":\"laptop\","
                        + "\"user_programmatic_access_id\":3345091,\"repository_selection\":\"all\"")
                .replace(",\"repo\":\"\"", "");
        List<Signal> signals = run(request + approval + clones(45, "2026-03-04T02:00:00Z", NEW_TOKEN));
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E0"));
            assertThat(s.strength()).as("capped bonus").isCloseTo(0.8, org.assertj.core.data.Offset.offset(1e-9));
        });
    }

    @Test
    void automationAccountsCanBeExcluded() {
        String audit = patCreated("2026-03-04T01:00:00Z") + clones(30, "2026-03-04T02:00:00Z", NEW_TOKEN);
        assertThat(new DetectorHarness().with("hr-employees", HR).with("github-audit", audit)
                .settings(NewTokenMassAccessDetector.ID, java.util.Map.of("excluded_actors", List.of("dev0-gh")))
                .run(new NewTokenMassAccessDetector())).isEmpty();
    }
}
