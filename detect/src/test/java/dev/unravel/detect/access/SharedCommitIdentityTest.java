package dev.unravel.detect.access;

import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static dev.unravel.detect.hours.CommitTimeZoneDetectorTest.commit;
import static dev.unravel.detect.hours.CommitTimeZoneDetectorTest.push;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One machine's git identity in the fresh commits several workers' accounts push. */
class SharedCommitIdentityTest {

    static final String BETTY = "betty.reed@example.com";
    static final String OMAR = "omar.haddad@example.com";
    static final String LENA = "lena.cruz@example.com";
    /** The personal email HR holds for Betty Reed. */
    static final String BETTYS_OWN = "betty.reed@gmail.com";
    static final String OPERATOR = "devkim0917@gmail.com";

    /** Betty, Omar and Lena, each at a home of their own (Betty and Omar at one with {@code household}). */
    static DetectorHarness company(boolean household) {
        return new DetectorHarness().with("hr-employees", EMPLOYEES_HEADER
                + employee("E1", "Betty", "Reed", "breed", "2026-03-02")
                + employee("E2", "Omar", "Haddad", "ohaddad", "2026-03-02").replace("1 Main St",
                        household ? "1 Main St" : "9 Elm St")
                + employee("E3", "Lena", "Cruz", "lcruz", "2026-03-02").replace("1 Main St", "40 Oak Ave"));
    }

    /** A commit written and committed under {@code email} at {@code timestamp}, with its own id. */
    static String own(String id, String timestamp, String email) {
        return commit(timestamp, email).replaceFirst("\"id\":\"[^\"]*\"", "\"id\":\"" + id + "\"");
    }

    @Test
    void aHiresPersonalAddressInAnotherHiresPushes_tiesTheTwo() {
        String pushes = push("breed-nw", BETTY, "2026-03-10T02:00:00Z", own("c1", "2026-03-10T10:31:07+09:00",
                BETTYS_OWN)) + push("ohaddad-nw", OMAR, "2026-03-11T02:00:00Z", own("c2", "2026-03-11T10:01:00+09:00",
                BETTYS_OWN), own("c3", "2026-03-11T10:20:00+09:00", BETTYS_OWN));
        List<Signal> signals = company(false).with("github-webhook", pushes).run(new SharedCommitIdentity());
        assertThat(signals).extracting(s -> s.subject().value()).containsExactly("E1", "E2");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.55);
            assertThat(s.stage()).isEqualTo(Stage.ACCESS);
            assertThat(s.explanation()).isEqualTo("Fresh commits written and committed under A <betty.reed@gmail.com>, "
                    + "the personal email HR holds for Betty Reed, were pushed by the GitHub accounts of Omar Haddad "
                    + "(2 commits): one machine's git configuration in the work of 2 workers, as when one operator "
                    + "works several hires.");
            assertThat(s.evidence()).hasSize(2);
        });
    }

    @Test
    void aHiresWorkIdentityInOthersPushes_isWeaker_aSharedBuildHostSetUpByThemWouldDoTheSame() {
        String one = push("ohaddad-nw", OMAR, "2026-03-11T02:00:00Z", own("w1", "2026-03-11T10:01:00+09:00", BETTY));
        List<Signal> signals = company(false).with("github-webhook", one).run(new SharedCommitIdentity());
        assertThat(signals).extracting(s -> s.subject().value()).containsExactly("E1", "E2");
        assertThat(signals).allSatisfy(s -> {
            assertThat(s.strength()).isEqualTo(0.4);
            assertThat(s.explanation()).contains("under A <betty.reed@example.com>, the git identity of Betty Reed, "
                    + "were pushed by the GitHub accounts of Omar Haddad (1 commit)");
        });
        String two = one + push("lcruz-nw", LENA, "2026-03-12T02:00:00Z", own("w2", "2026-03-12T10:01:00+09:00", BETTY));
        assertThat(company(false).with("github-webhook", two).run(new SharedCommitIdentity())).hasSize(3)
                .allSatisfy(s -> assertThat(s.strength()).isEqualTo(0.5));
        // the team's build host: Betty's git identity on a UTC clock
        String buildHost = push("ohaddad-nw", OMAR, "2026-03-11T02:00:00Z", own("u1", "2026-03-11T01:01:00Z", BETTY))
                + push("lcruz-nw", LENA, "2026-03-12T02:00:00Z", own("u2", "2026-03-12T01:01:00+00:00", BETTY));
        assertThat(company(false).with("github-webhook", buildHost).run(new SharedCommitIdentity())).hasSize(3)
                .allSatisfy(s -> {
                    assertThat(s.strength()).isEqualTo(0.3);
                    assertThat(s.explanation()).endsWith("; but every one of them was written on a UTC clock, as a "
                            + "shared server's (a build host's) are.");
                });
    }

    @Test
    void anIdentityOfNoWorker_pushedByTwoAndThenThree_isOneFindingOnEach() {
        String two = push("ohaddad-nw", OMAR, "2026-03-10T02:00:00Z", own("c1", "2026-03-10T10:31:07+09:00", OPERATOR))
                + push("lcruz-nw", LENA, "2026-03-12T02:00:00Z", own("c2", "2026-03-12T10:00:00+09:00", OPERATOR));
        List<Signal> signals = company(false).with("github-webhook", two).run(new SharedCommitIdentity());
        assertThat(signals).extracting(s -> s.subject().value()).containsExactly("E2", "E3");
        assertThat(signals).allSatisfy(s -> assertThat(s.strength()).isEqualTo(0.5));
        assertThat(signals.get(0).explanation()).startsWith("Fresh commits written and committed under git identity "
                + "A <devkim0917@gmail.com>, which is none of the workers', were pushed by the GitHub accounts of "
                + "Lena Cruz (1 commit), Omar Haddad (1 commit)");

        String three = two + push("breed-nw", BETTY, "2026-03-13T02:00:00Z",
                own("c3", "2026-03-13T10:00:00+09:00", OPERATOR));
        assertThat(company(false).with("github-webhook", three).run(new SharedCommitIdentity()))
                .hasSize(3).allSatisfy(s -> assertThat(s.strength()).isEqualTo(0.6));
    }

    @Test
    void colleaguesWorkMoving_rebased_mirrored_orByBots_andAHousehold_tieNoOne() {
        String operatorByOmar = push("ohaddad-nw", OMAR, "2026-03-10T02:00:00Z",
                own("c1", "2026-03-10T10:31:07+09:00", OPERATOR));
        // the same commit pushed by both: one commit reaching two repositories, not one keyboard
        String moved = operatorByOmar + push("lcruz-nw", LENA, "2026-03-12T02:00:00Z",
                own("c1", "2026-03-10T10:31:07+09:00", OPERATOR));
        // Lena rebased the commits: she is their committer
        String rebased = operatorByOmar + push("lcruz-nw", LENA, "2026-03-12T02:00:00Z",
                commit("2026-03-12T10:00:00+09:00", OPERATOR, null, LENA, true));
        // a repository's history pushed anew carries commits written weeks before
        String mirrored = operatorByOmar + push("lcruz-nw", LENA, "2026-03-30T02:00:00Z",
                own("c9", "2026-03-02T10:00:00-06:00", OPERATOR));
        // already pushed to another branch
        String notDistinct = operatorByOmar + push("lcruz-nw", LENA, "2026-03-12T02:00:00Z",
                commit("2026-03-12T10:00:00+09:00", OPERATOR, null, OPERATOR, false));
        String bots = push("ohaddad-nw", OMAR, "2026-03-10T02:00:00Z", own("b1", "2026-03-10T01:00:00Z",
                "49699333+dependabot[bot]@users.noreply.github.com"), own("b2", "2026-03-10T01:00:00Z",
                "noreply@github.com")) + push("lcruz-nw", LENA, "2026-03-12T02:00:00Z",
                own("b3", "2026-03-12T01:00:00Z", "49699333+dependabot[bot]@users.noreply.github.com"),
                own("b4", "2026-03-12T01:00:00Z", "noreply@github.com"));
        // each their own: nothing shared
        String ownWork = push("breed-nw", BETTY, "2026-03-10T02:00:00Z", own("o1", "2026-03-10T01:00:00Z", BETTY))
                + push("ohaddad-nw", OMAR, "2026-03-10T03:00:00Z", own("o2", "2026-03-10T02:00:00Z", OMAR));
        // a release script's commits, under the company's own role address
        String release = push("ohaddad-nw", OMAR, "2026-03-10T02:00:00Z", own("r1", "2026-03-10T01:00:00Z",
                "release@example.com")) + push("lcruz-nw", LENA, "2026-03-12T02:00:00Z",
                own("r2", "2026-03-12T01:00:00Z", "release@example.com"));
        // ids cut off by a logging receiver: counted, not guessed at
        String noIds = operatorByOmar.replace("\"id\":\"c1\",", "") + push("lcruz-nw", LENA, "2026-03-12T02:00:00Z",
                own("c2", "2026-03-12T10:00:00+09:00", OPERATOR)).replace("\"id\":\"c2\",", "");
        DetectorHarness idless = company(false).with("github-webhook", noIds);
        assertThat(idless.run(new SharedCommitIdentity())).isEmpty();
        assertThat(idless.skippedReasons()).containsEntry("commit without its id", 2L);
        for (String pushes : List.of(moved, rebased, mirrored, notDistinct, bots, ownWork, release)) {
            assertThat(company(false).with("github-webhook", pushes).run(new SharedCommitIdentity())).as(pushes)
                    .isEmpty();
        }
        String sharedAtHome = push("breed-nw", BETTY, "2026-03-10T02:00:00Z", own("h1", "2026-03-10T01:00:00Z",
                BETTYS_OWN)) + push("ohaddad-nw", OMAR, "2026-03-11T02:00:00Z", own("h2", "2026-03-11T01:00:00Z",
                BETTYS_OWN));
        assertThat(company(true).with("github-webhook", sharedAtHome).run(new SharedCommitIdentity()))
                .as("a couple at one computer").isEmpty();
        assertThat(company(false).with("github-webhook", sharedAtHome).run(new SharedCommitIdentity())).hasSize(2);
    }

    @Test
    void gitlabsCommits_nameNoCommitter_andAreLeftOut() {
        String pushes = dev.unravel.detect.hours.CommitTimeZoneDetectorTest.gitlabPush("ohaddad", OMAR,
                dev.unravel.detect.hours.CommitTimeZoneDetectorTest.gitlabCommit("2026-03-10T10:00:00+09:00", OPERATOR))
                + dev.unravel.detect.hours.CommitTimeZoneDetectorTest.gitlabPush("lcruz", LENA,
                dev.unravel.detect.hours.CommitTimeZoneDetectorTest.gitlabCommit("2026-03-11T10:00:00+09:00", OPERATOR));
        DetectorHarness h = company(false).with("gitlab-webhook", pushes);
        assertThat(h.run(new SharedCommitIdentity())).isEmpty();
        assertThat(h.skippedReasons()).containsEntry("commit without its committer (GitLab's push hook names only "
                + "the author)", 2L);
    }

    @Test
    void githubsPrivateAddresses_areKnownByTheAccountNumber_whateverTheLogin() {
        assertThat(SharedCommitIdentity.key("12345+dev-kim@users.noreply.github.com"))
                .isEqualTo(SharedCommitIdentity.key("12345+kim-renamed@users.noreply.github.com"));
        assertThat(SharedCommitIdentity.key("dev-kim@users.noreply.github.com"))
                .isEqualTo("dev-kim@users.noreply.github.com");
        assertThat(SharedCommitIdentity.idHash("ABCDEF0123")).isEqualTo(SharedCommitIdentity.idHash("abcdef0123"))
                .isNotEqualTo(SharedCommitIdentity.idHash("abcdef0124"));
    }
}
