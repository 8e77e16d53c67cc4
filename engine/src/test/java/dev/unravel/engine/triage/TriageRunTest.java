package dev.unravel.engine.triage;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.detect.extort.Suspect;
import dev.unravel.sim.SimConfig;
import dev.unravel.sim.Simulator;
import dev.unravel.triage.MessageTriage;
import dev.unravel.triage.Verdict;
import dev.unravel.triage.inventory.EntryMatch;
import dev.unravel.triage.inventory.InventoryBuilder;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triage of the simulator's extortion email against its repositories, records and logs. */
class TriageRunTest {

    @TempDir
    static Path dir;
    static Path sim;
    static Path inventory;
    static JsonNode extortionist;
    static TriageRun.Result result;

    @BeforeAll
    static void simulateAndTriage() throws IOException {
        sim = dir.resolve("sim");
        new Simulator(new SimConfig(120, 30, 11, 5, SimConfig.DEFAULT_START, sim, true), Simulator.Progress.NONE)
                .run();
        JsonNode truth = new ObjectMapper().readTree(sim.resolve("truth.json").toFile());
        for (JsonNode w : truth.path("fraudulent_workers")) {
            for (JsonNode step : w.path("steps")) {
                if (step.path("step").asText().equals("extortion_email")) {
                    extortionist = w;
                }
            }
        }
        assertThat(extortionist).as("the simulation sends an extortion email").isNotNull();
        inventory = dir.resolve("inventory.json.gz");
        new InventoryBuilder().addRepository(sim.resolve("repos")).build().save(inventory);
        result = TriageRun.run(new TriageRun.Options(List.of(sim.resolve("email")), inventory, List.of(sim), null),
                TriageRun.Progress.NONE);
    }

    static List<TriageRun.Triaged> verdict(Verdict v) {
        return result.emails().stream().filter(t -> t.triage().verdict() == v).toList();
    }

    @Test
    void aDemandsWalletOnThePublishedLists_isSaid_inTheTextAndTheJson() throws Exception {
        String wallet = verdict(Verdict.CONFIRMED_LEAK).get(0).triage().demand().addresses().get(0).address();
        Path list = java.nio.file.Files.writeString(dir.resolve("sdn.csv"), "type,value,source,note\nwallet,"
                + wallet + ",OFAC SDN list,DPRK IT workers\n");
        TriageRun.Result listed = TriageRun.run(new TriageRun.Options(List.of(sim.resolve("email")), inventory,
                List.of(), null, List.of(list)), TriageRun.Progress.NONE);
        assertThat(listed.listed(wallet)).isEqualTo("OFAC SDN list (DPRK IT workers), sdn.csv line 2");
        java.io.StringWriter text = new java.io.StringWriter();
        TriageText.print(listed, new java.io.PrintWriter(text), false);
        assertThat(text.toString()).contains(wallet, "ON A PUBLISHED LIST: OFAC SDN list (DPRK IT workers), sdn.csv "
                + "line 2 (paying it may breach sanctions: tell counsel)");
        Path json = dir.resolve("listed-triage.json");
        TriageJson.write(listed, json);
        assertThat(java.nio.file.Files.readString(json)).contains("\"listed\" : \"OFAC SDN list (DPRK IT workers), "
                + "sdn.csv line 2\"");
        assertThat(result.listed(wallet)).as("no lists, nothing said").isNull();
    }

    @Test
    void theExtortionEmailIsAConfirmedLeakWithItsRepositoriesNamed() {
        assertThat(verdict(Verdict.CONFIRMED_LEAK)).singleElement().satisfies(t -> {
            MessageTriage m = t.triage();
            assertThat(m.demand().extortion()).isTrue();
            assertThat(m.demand().addresses()).isNotEmpty().allMatch(a -> a.checksumValid());
            // Every proof file is "<repo>/<path>": at least 95% must be matched to that repository.
            List<EntryMatch> matched = m.leak().matched();
            int offered = matched.size() + m.leak().unmatched().size();
            long right = matched.stream().filter(em -> em.entry().path().startsWith(em.project() + "/")).count();
            assertThat(offered).isGreaterThan(1);
            assertThat((double) right / (offered - readmes(m))).isGreaterThanOrEqualTo(0.95);
            List<String> proofRepos = new ArrayList<>();
            for (EntryMatch em : matched) {
                String repo = em.entry().path().substring(0, em.entry().path().indexOf('/'));
                if (!proofRepos.contains(repo)) {
                    proofRepos.add(repo);
                }
            }
            assertThat(m.leakedProjects()).containsExactlyInAnyOrderElementsOf(proofRepos);
        });
    }

    /** The proof archive's README.txt is the operator's note, not a company file. */
    static int readmes(MessageTriage m) {
        return (int) m.leak().unmatched().stream().filter(e -> e.path().equals("README.txt")).count();
    }

    @Test
    void theExWorkerIsTheFirstSuspectTiedBySenderAndClones() {
        TriageRun.Triaged t = verdict(Verdict.CONFIRMED_LEAK).get(0);
        assertThat(t.suspects()).isNotEmpty();
        Suspect top = t.suspects().get(0);
        assertThat(top.workerId()).isEqualTo(extortionist.path("employee_id").asText());
        assertThat(top.terminated()).isNotNull();
        assertThat(top.tiedToSender()).isTrue();
        assertThat(top.access()).isNotEmpty();
    }

    @Test
    void logsGivenTwice_tieTheSuspectWithTheSameEvidence() throws IOException {
        Path again = dir.resolve("okta-again");
        try (var files = java.nio.file.Files.walk(sim.resolve("okta"))) {
            java.nio.file.Files.createDirectories(again);
            for (Path f : files.filter(java.nio.file.Files::isRegularFile).toList()) {
                java.nio.file.Files.copy(f, again.resolve(f.getFileName()));
            }
        }
        TriageRun.Result twice = TriageRun.run(new TriageRun.Options(List.of(sim.resolve("email")), inventory,
                List.of(sim, again), null), TriageRun.Progress.NONE);
        Suspect once = verdict(Verdict.CONFIRMED_LEAK).get(0).suspects().get(0);
        Suspect read2 = twice.emails().stream().filter(t -> t.triage().verdict() == Verdict.CONFIRMED_LEAK)
                .findFirst().orElseThrow().suspects().get(0);
        assertThat(read2.workerId()).isEqualTo(once.workerId());
        assertThat(read2.access()).as("the addresses they worked from, each with its event count")
                .isEqualTo(once.access());
        assertThat(twice.logs().events()).isEqualTo(result.logs().events());
    }

    @Test
    void ordinaryMailWithArchivesOrBitcoinIsNotExtortion() {
        assertThat(result.emails()).hasSizeGreaterThan(5);
        assertThat(verdict(Verdict.UNCONFIRMED_CLAIM)).isEmpty();
        assertThat(verdict(Verdict.NOT_EXTORTION)).allSatisfy(t -> assertThat(t.suspects()).isEmpty());
        assertThat(result.failures()).isEmpty();
    }

    @Test
    void theJsonAndTheTerminalTableCarryTheVerdictAndTheSuspect() {
        Map<String, Object> tree = TriageJson.tree(result, Instant.parse("2026-11-28T00:00:00Z"));
        assertThat(tree).containsEntry("schema", TriageJson.SCHEMA);
        JsonNode json = new ObjectMapper().valueToTree(tree);
        JsonNode confirmed = null;
        for (JsonNode e : json.path("emails")) {
            if (e.path("verdict").asText().equals("confirmed_leak")) {
                confirmed = e;
            }
        }
        assertThat(confirmed).isNotNull();
        assertThat(confirmed.path("suspects").get(0).path("worker_id").asText())
                .isEqualTo(extortionist.path("employee_id").asText());
        assertThat(confirmed.path("leak").path("projects").size()).isGreaterThan(0);
        StringWriter text = new StringWriter();
        TriageText.print(result, new PrintWriter(text));
        assertThat(text.toString()).contains("CONFIRMED LEAK").contains(extortionist.path("name").asText())
                .contains("1 confirmed leak").contains("Attributed with " + String.format(java.util.Locale.ROOT, "%,d",
                        result.logs().files()) + " log files")
                .doesNotContain("records rejected");
    }
}
