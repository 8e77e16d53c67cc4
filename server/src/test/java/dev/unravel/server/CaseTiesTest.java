package dev.unravel.server;

import static dev.unravel.server.ConsoleTest.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.cases.Assessment;
import dev.unravel.core.cases.Assessment.Finding;
import dev.unravel.core.cases.CaseRules;
import dev.unravel.server.ConsoleTest.Browser;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases.ScanInfo;
import io.javalin.Javalin;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who else a case's person shares identifiers with, and their cases, on the case page and in its JSON. */
class CaseTiesTest {

    @TempDir
    static Path dir;
    static Store store;
    static Javalin app;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        store = Store.open(dir.resolve("store").toString());
        store.putAnalyst("dana", Passwords.hash(PASSWORD));
        store.putAnalyst("hr.pat", Passwords.hash(PASSWORD), Store.AnalystRole.VIEWER);
        Finding farm = new Finding("2026-02-22T18:53:19Z", "onboard.laptop-farm", "onboard", null, 0.7,
                "worker:E100514", "Laptops for 3 people went to one building.", List.of("assets/shipments.csv#374"), null);
        String address = "8047 Prospect Ln, Brooklyn, NY 11215";
        Assessment watson = new Assessment("E100514", "worker", "Shirley Watson", 0.97, "critical", List.of("onboard"),
                List.of(farm), "2026-02-23", null, List.of(new Assessment.Tie("ship_to", address, List.of(
                        new Assessment.Tied("worker", "E100511", "Shirley Brooks"),
                        new Assessment.Tied("applicant", "A2000777", "Kim <i>Lee</i>")))));
        Assessment brooks = new Assessment("E100511", "worker", "Shirley Brooks", 0.9, "critical", List.of("onboard"),
                List.of(new Finding("2026-02-20T18:53:19Z", "onboard.laptop-farm", "onboard", null, 0.7,
                        "worker:E100511", "Laptops for 3 people went to one building.",
                        List.of("assets/shipments.csv#371"), null)), "2026-02-20", null,
                List.of(new Assessment.Tie("ship_to", address, List.of(new Assessment.Tied("worker", "E100514",
                        "Shirley Watson")))));
        store.save(new ScanInfo("2026-04-01T00:00:00Z", "test", List.of("exports/"), null, null, 10, 10, 0,
                ConsoleTest.minimalReport()), List.of(watson, brooks), CaseRules.defaults(), "ci");
        app = Console.create(store, "test").start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void anAnalystSeesWhoElseSharesTheAddress_withTheirCases_aViewerOnlyTheCasesSharedWithThem() throws Exception {
        Browser dana = new Browser(base);
        dana.signIn("dana", PASSWORD);
        String page = dana.get("/cases/1").body();
        assertThat(page).containsSubsequence("<h2>Tied to other people</h2>",
                "Shirley Watson (worker E100514) shares 1 identifier with 2 other people",
                "<td>Laptop delivery address: 8047 Prospect Ln, Brooklyn, NY 11215</td>",
                "Kim &lt;i&gt;Lee&lt;/i&gt; (applicant A2000777)<br>Shirley Brooks (worker E100511) · "
                        + "<a href=\"/cases/2\">case 2</a>", "<h2>What the records show</h2>");
        assertThat(dana.get("/cases/2").body()).contains("Shirley Watson (worker E100514) · <a href=\"/cases/1\">case 1</a>");
        com.fasterxml.jackson.databind.JsonNode ties = json(dana.get("/api/cases/1").body()).path("ties");
        assertThat(ties).hasSize(2);
        assertThat(ties.get(0).toString()).isEqualTo("{\"kind\":\"ship_to\",\"display\":\"8047 Prospect Ln, Brooklyn, "
                + "NY 11215\",\"person_kind\":\"applicant\",\"person_id\":\"A2000777\",\"name\":\"Kim <i>Lee</i>\","
                + "\"case\":null}");
        assertThat(ties.get(1).path("person_id").asText()).isEqualTo("E100511");
        assertThat(ties.get(1).path("case").asLong()).isEqualTo(2);

        // a viewer given case 1 reads the tie, but is not told that Brooks has a case of her own
        store.shareCase(1, "hr.pat", "dana");
        Browser pat = new Browser(base);
        pat.signIn("hr.pat", PASSWORD);
        String shown = pat.get("/cases/1").body();
        assertThat(shown).contains("Shirley Brooks (worker E100511)</td>").doesNotContain("case 2", "/cases/2");
        assertThat(json(pat.get("/api/cases/1").body()).path("ties").get(1).path("case").isNull()).isTrue();
        store.shareCase(2, "hr.pat", "dana");
        assertThat(pat.get("/cases/1").body()).contains("<a href=\"/cases/2\">case 2</a>");
        assertThat(json(pat.get("/api/cases/1").body()).path("ties").get(1).path("case").asLong()).isEqualTo(2);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String body) throws java.io.IOException {
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
    }
}
