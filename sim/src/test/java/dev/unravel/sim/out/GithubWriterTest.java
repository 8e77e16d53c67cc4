package dev.unravel.sim.out;

import dev.unravel.core.testing.SharedData;
import static dev.unravel.sim.out.IdentityTestWorld.at;
import static dev.unravel.sim.out.IdentityTestWorld.field;
import static dev.unravel.sim.out.IdentityTestWorld.files;
import static dev.unravel.sim.out.IdentityTestWorld.keys;
import static dev.unravel.sim.out.IdentityTestWorld.lines;
import static dev.unravel.sim.out.IdentityTestWorld.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.GitAction;
import dev.unravel.sim.activity.RepoChange;
import dev.unravel.sim.activity.SignIn;
import dev.unravel.sim.world.Person;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GithubWriterTest {
    private static final String DAY = "github/audit-log-2026-03-02.json";

    /**
     * Sample keys that are not GitHub's: {@code at_sign_timestamp} is the publisher's rename of
     * {@code @timestamp}; {@code protocol_name} appears only in the publisher's hand-made fixtures
     * (GitHub names it {@code transport_protocol_name}).
     */
    private static final Set<String> NOT_GITHUB = Set.of("at_sign_timestamp", "protocol_name");

    private final IdentityTestWorld w = new IdentityTestWorld();

    GithubWriterTest() {
        // Give Alice an HTTPS login and Bob an SSH one, so tests see both transports.
        w.alice.githubLogin = login("alice-", false);
        w.bob.githubLogin = login("bob-", true);
    }

    private static String login(String prefix, boolean ssh) {
        for (int i = 0;; i++) {
            if (GithubWriter.ssh(prefix + i) == ssh) {
                return prefix + i;
            }
        }
    }

    private GitAction git(Person p, String time, String action, String repo, String doc) {
        return new GitAction(at(time), p, action, repo, "73.0.0." + p.index, "US",
                action.startsWith("git.") ? "git/2.44.0" : IdentityTestWorld.CHROME_MAC, doc);
    }

    private List<JsonNode> run(Path dir, List<? extends Activity> activities) throws IOException {
        write(new GithubWriter(w.world, new OutputDir(dir)), activities);
        return lines(dir.resolve(DAY));
    }

    @Test
    void clone_writesAuditEventWithEpochMillisAndSsoIdentity(@TempDir Path dir) throws IOException {
        GitAction a = git(w.alice, "2026-03-02T14:03:11.123Z", "git.clone", "payments-api", "KCYtigpnShPBSohA4OXbRg==");

        List<JsonNode> events = run(dir, List.of(a));

        assertThat(files(dir)).containsExactly(DAY);
        JsonNode e = events.get(0);
        assertThat(e.get("@timestamp").isIntegralNumber()).isTrue();
        assertThat(Instant.ofEpochMilli(e.get("@timestamp").asLong())).isEqualTo(a.time());
        assertThat(Instant.ofEpochMilli(e.get("created_at").asLong())).isEqualTo(a.time());
        assertThat(e.get("_document_id").asText()).isEqualTo("KCYtigpnShPBSohA4OXbRg==");
        assertThat(e.get("action").asText()).isEqualTo("git.clone");
        assertThat(e.get("actor").asText()).isEqualTo(w.alice.githubLogin);
        assertThat(e.get("actor_id").asLong()).isEqualTo(41_000_001L);
        assertThat(e.get("actor_ip").asText()).isEqualTo("73.0.0.1");
        assertThat(e.at("/actor_location/country_code").asText()).isEqualTo("US");
        assertThat(e.get("org").asText()).isEqualTo("northwind-labs");
        assertThat(e.get("org_id").asLong()).isEqualTo(98_765_432L);
        assertThat(e.get("repo").asText()).isEqualTo("northwind-labs/payments-api");
        assertThat(e.get("repository").asText()).isEqualTo("northwind-labs/payments-api");
        assertThat(e.get("repository_public").asBoolean()).isFalse();
        assertThat(e.get("external_identity_nameid").asText()).isEqualTo(w.alice.workEmail);
        assertThat(e.get("operation_type").asText()).isEqualTo("access");
        assertThat(e.get("transport_protocol_name").asText()).isIn("http", "ssh");
        assertThat(e.get("transport_protocol").asInt()).isEqualTo(e.get("transport_protocol_name").asText()
                .equals("ssh") ? 2 : 1);
        assertThat(e.get("user").asText()).isEmpty();
        assertThat(e.get("user_id").asInt()).isZero();
        assertThat(e.get("user_agent").asText()).isEqualTo("git/2.44.0");
    }

    @Test
    void everyGitEventOfOneMember_usesTheSameTransportAndToken(@TempDir Path dir) throws IOException {
        List<JsonNode> events = run(dir, List.of(
                git(w.bob, "2026-03-02T10:00:00Z", "git.clone", "web", "d1"),
                git(w.bob, "2026-03-02T11:00:00Z", "git.fetch", "web", "d2"),
                git(w.bob, "2026-03-02T12:00:00Z", "git.push", "web", "d3")));

        assertThat(events).extracting(e -> e.get("transport_protocol_name").asText()).containsOnly(
                events.get(0).get("transport_protocol_name").asText());
        assertThat(events).extracting(e -> String.valueOf(e.get("hashed_token"))).containsOnly(
                String.valueOf(events.get(0).get("hashed_token")));
        assertThat(events.get(2).get("operation_type").asText()).isEqualTo("modify");
        for (JsonNode e : events) {
            boolean https = e.get("transport_protocol_name").asText().equals("http");
            assertThat(e.has("hashed_token")).isEqualTo(https);
            assertThat(e.has("programmatic_access_type")).isEqualTo(https);
        }
    }

    @Test
    void aNewFineGrainedToken_isLoggedAndCarriesTheMembersLaterGitAccess(@TempDir Path dir) throws IOException {
        // Bob clones over SSH until he makes a token; from then on his clones show the new token.
        List<JsonNode> events = run(dir, List.of(
                git(w.bob, "2026-03-02T10:00:00Z", "git.clone", "web", "d1"),
                new GitAction(at("2026-03-02T10:05:00Z"), w.bob, GitAction.TOKEN_CREATED, "sync-ab12cd", "73.0.0.2",
                        "US", IdentityTestWorld.CHROME_MAC, "d2"),
                git(w.bob, "2026-03-02T10:20:00Z", "git.clone", "api", "d3")));

        JsonNode created = events.get(1);
        assertThat(created.get("action").asText()).isEqualTo("personal_access_token.create");
        assertThat(created.get("user_programmatic_access_name").asText()).isEqualTo("sync-ab12cd");
        assertThat(created.get("external_identity_nameid").asText()).isEqualTo(w.bob.workEmail);
        assertThat(created.has("repo")).isFalse();
        assertThat(events.get(0).has("hashed_token")).isFalse();
        JsonNode after = events.get(2);
        assertThat(after.get("transport_protocol_name").asText()).isEqualTo("http");
        assertThat(after.get("hashed_token").asText()).hasSize(44);
        assertThat(after.get("programmatic_access_type").asText()).isEqualTo("Fine-grained personal access token");
    }

    @Test
    void zipDownload_isBrowserAccessWithoutGitTransport(@TempDir Path dir) throws IOException {
        JsonNode e = run(dir, List.of(git(w.alice, "2026-03-02T10:00:00Z", "repo.download_zip", "infra", "d4")))
                .get(0);

        assertThat(e.get("action").asText()).isEqualTo("repo.download_zip");
        assertThat(e.get("operation_type").asText()).isEqualTo("access");
        assertThat(e.has("transport_protocol")).isFalse();
        assertThat(e.has("hashed_token")).isFalse();
        assertThat(e.get("user_agent").asText()).isEqualTo(IdentityTestWorld.CHROME_MAC);
    }

    @Test
    void signIns_writeNothing(@TempDir Path dir) throws IOException {
        SignIn s = new SignIn(at("2026-03-02T09:00:00Z"), w.alice, SignIn.Idp.OKTA, "Okta Dashboard", "73.0.0.9",
                w.comcast, w.sanFrancisco, IdentityTestWorld.CHROME_MAC, true, null, "ev-5", "s-5", true);
        GithubWriter writer = new GithubWriter(w.world, new OutputDir(dir));

        write(writer, List.of(s));

        assertThat(writer.records()).isZero();
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void actionsOnTwoDays_goToTwoDailyFiles(@TempDir Path dir) throws IOException {
        write(new GithubWriter(w.world, new OutputDir(dir)), List.of(
                git(w.alice, "2026-03-02T23:59:59.999Z", "git.fetch", "web", "d5"),
                git(w.alice, "2026-03-03T00:00:00Z", "git.fetch", "web", "d6")));

        assertThat(files(dir)).containsExactly(DAY, "github/audit-log-2026-03-03.json");
    }

    @Test
    void sameInputTwice_writesIdenticalBytes(@TempDir Path dir) throws IOException {
        List<GitAction> input = List.of(git(w.alice, "2026-03-02T10:00:00Z", "git.clone", "web", "d7"),
                git(w.bob, "2026-03-02T10:00:01Z", "git.push", "api", "d8"));
        write(new GithubWriter(w.world, new OutputDir(dir.resolve("a"))), input);
        write(new GithubWriter(w.world, new OutputDir(dir.resolve("b"))), input);

        assertThat(Files.readAllBytes(dir.resolve("a").resolve(DAY)))
                .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(DAY)));
    }

    @Test
    void eachGitEvent_carriesEveryFieldRealAuditRecordsOfItsActionCarry(@TempDir Path dir) throws IOException {
        List<JsonNode> real = IdentityTestWorld.sample(SharedData.vendorRecords("GitHub_Audit.ndjson"));
        // Alice and Bob use different transports, so both shapes are checked.
        List<JsonNode> ours = run(dir, List.of(
                git(w.alice, "2026-03-02T10:00:00Z", "git.clone", "web", "d9"),
                git(w.alice, "2026-03-02T10:00:01Z", "git.push", "web", "d10"),
                git(w.bob, "2026-03-02T10:00:02Z", "git.clone", "web", "d11"),
                git(w.bob, "2026-03-02T10:00:03Z", "git.push", "web", "d12")));

        assertThat(ours).extracting(e -> e.get("transport_protocol_name").asText()).contains("ssh", "http");
        int compared = 0;
        for (String action : List.of("git.clone", "git.push")) {
            Set<String> expected = new TreeSet<>();
            for (JsonNode r : real) {
                if (action.equals(field(r, "action").asText())) {
                    expected.addAll(keys(r));
                    compared++;
                }
            }
            expected.removeAll(NOT_GITHUB);
            // Token data exists only for token-authenticated (HTTPS) access.
            Set<String> tokenOnly = Set.of("hashed_token", "programmatic_access_type");
            for (JsonNode e : ours) {
                if (action.equals(e.get("action").asText())) {
                    Set<String> want = new TreeSet<>(expected);
                    if (e.get("transport_protocol_name").asText().equals("ssh")) {
                        want.removeAll(tokenOnly);
                    }
                    assertThat(keys(e)).as(action).containsAll(want);
                }
            }
        }
        assertThat(compared).isPositive();
    }

    @Test
    void aRepositoryCreatedThenTransferredOutIsTwoAuditEntries_theSecondNamingTheNewOwner(@TempDir Path dir)
            throws IOException {
        List<JsonNode> entries = run(dir, List.of(
                new RepoChange(at("2026-03-02T15:00:00Z"), w.alice, RepoChange.CREATE, "ml-api-migration",
                        "73.0.0.1", "US", IdentityTestWorld.CHROME_MAC, "doc-create", null),
                new RepoChange(at("2026-03-02T15:30:00Z"), w.alice, RepoChange.TRANSFER_OUT, "ml-api-migration",
                        "73.0.0.1", "US", IdentityTestWorld.CHROME_MAC, "doc-transfer", "alice-dev07")));
        assertThat(entries).hasSize(2);
        JsonNode created = entries.get(0);
        assertThat(created.path("action").asText()).isEqualTo("repo.create");
        assertThat(created.path("operation_type").asText()).isEqualTo("create");
        assertThat(created.path("visibility").asText()).isEqualTo("private");
        assertThat(created.has("new_nwo")).isFalse();
        JsonNode moved = entries.get(1);
        assertThat(moved.path("action").asText()).isEqualTo("repo.transfer_outgoing");
        assertThat(moved.path("repo").asText()).isEqualTo("northwind-labs/ml-api-migration");
        assertThat(moved.path("new_nwo").asText()).isEqualTo("alice-dev07/ml-api-migration");
        assertThat(moved.path("actor").asText()).isEqualTo(w.alice.githubLogin);
        assertThat(moved.path("@timestamp").asLong()).isEqualTo(at("2026-03-02T15:30:00Z").toEpochMilli());
        assertThat(moved.path("_document_id").asText()).isEqualTo("doc-transfer");
    }
}
