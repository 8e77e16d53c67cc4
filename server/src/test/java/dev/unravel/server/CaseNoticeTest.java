package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.unravel.store.StoredCases.Raised;
import dev.unravel.store.StoredCases.SavedScan;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class CaseNoticeTest {

    static final SavedScan SAVED = new SavedScan(7, 515, 1, 3, 1, 6, List.of(
            new Raised(12, "opened", "worker", "E100514", "Shirley Watson", "critical", 0.97,
                    List.of("onboard", "steal")),
            new Raised(4, "reopened", "applicant", "A-88", null, "high", 0.71, List.of())));

    /** A webhook on this machine that answers {@code status} and keeps what it was sent. */
    static HttpServer hook(int status, List<String> bodies) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/services/T0/B1/secret", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8) + " "
                    + ex.getRequestHeaders().getFirst("Content-Type"));
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        s.start();
        return s;
    }

    @Test
    void theNoticeNamesEachCaseOpenedOrReopened_asTextAndAsData() {
        var body = CaseNotice.body(SAVED, "https://unravel.corp.example/");
        assertThat(body.get("text")).isEqualTo("Unravel scan 7: 1 case opened, 1 case reopened"
                + "\n• Case 12 opened: Shirley Watson (worker E100514), critical 0.97, in onboard, steal — "
                + "https://unravel.corp.example/cases/12"
                + "\n• Case 4 reopened: (applicant A-88), high 0.71 — https://unravel.corp.example/cases/4");
        assertThat(body.get("scan")).isEqualTo(7L);
        assertThat((List<?>) body.get("cases")).hasSize(2);
        assertThat(CaseNotice.body(new SavedScan(8, 515, 0, 2, 0, 6, List.of()), null)).isNull();
    }

    @Test
    void aCaseOpenedByHand_isToldWithWhoOpenedItAndWhy() throws Exception {
        var c = new dev.unravel.store.StoredCases.CaseSummary(9, "worker", "E100501", "Ryan Evans",
                dev.unravel.core.cases.CaseStatus.OPEN, null, null, 0.13, "low", List.of("access"), 1, null, null,
                null, 3, 3, "dana");
        var body = CaseNotice.openedByHand(c, " HR: camera never on. ", "https://unravel.corp.example/");
        assertThat(body.get("text")).isEqualTo("Unravel: case 9 opened by hand by dana\n• Ryan Evans (worker "
                + "E100501), low 0.13, in access. Reason: HR: camera never on. — https://unravel.corp.example/cases/9");
        assertThat(body.get("scan")).isEqualTo(3L);
        @SuppressWarnings("unchecked")
        Map<String, Object> told = ((List<Map<String, Object>>) body.get("cases")).get(0);
        assertThat(told).containsEntry("action", "opened by hand").containsEntry("opened_by", "dana")
                .containsEntry("reason", "HR: camera never on.").containsEntry("person_id", "E100501");
        assertThat((List<?>) body.get("cases")).hasSize(1);

        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> said = new CopyOnWriteArrayList<>();
        HttpServer ok = hook(200, bodies);
        try {
            URI good = CaseNotice.webhook("http://127.0.0.1:" + ok.getAddress().getPort() + "/services/T0/B1/secret");
            new CaseNotice.Hook(good, null, said::add).tellLater(body, "case 9");
            long until = System.nanoTime() + 10_000_000_000L;
            while (said.isEmpty() && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(said).singleElement().asString().startsWith("Told http://127.0.0.1:").endsWith("of case 9.");
            assertThat(bodies).singleElement().asString().contains("opened by hand by dana");
        } finally {
            ok.stop(0);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void teamsWorkflowsGetTheTextAsAnAdaptiveCard_otherWebhooksDoNot() {
        assertThat(CaseNotice.teams(URI.create("https://prod-41.westeurope.logic.azure.com:443/workflows/abc/triggers"
                + "/manual/paths/invoke?sig=x"))).isTrue();
        assertThat(CaseNotice.teams(URI.create("https://default1a2b.3c.environment.api.powerplatform.com/powerautomate/"
                + "automations/direct/workflows/abc/triggers/manual/paths/invoke"))).isTrue();
        assertThat(CaseNotice.teams(URI.create("https://corp.webhook.office.com/webhookb2/abc"))).isTrue();
        assertThat(CaseNotice.teams(URI.create("https://hooks.slack.com/services/T0/B1/x"))).isFalse();
        assertThat(CaseNotice.teams(URI.create("https://logic.azure.com.attacker.example/x"))).isFalse();

        Map<String, Object> teams = CaseNotice.forTeams(CaseNotice.body(SAVED, "https://unravel.corp.example"));
        assertThat(teams.get("type")).isEqualTo("message");
        assertThat(teams.get("text")).as("the text stays for other readers").isNotNull();
        List<Map<String, Object>> attachments = (List<Map<String, Object>>) teams.get("attachments");
        assertThat(attachments).singleElement().satisfies(a -> {
            assertThat(a.get("contentType")).isEqualTo("application/vnd.microsoft.card.adaptive");
            Map<String, Object> card = (Map<String, Object>) a.get("content");
            assertThat(card.get("type")).isEqualTo("AdaptiveCard");
            List<Map<String, Object>> blocks = (List<Map<String, Object>>) card.get("body");
            assertThat(blocks).extracting(b -> b.get("text")).containsExactly(
                    "Unravel scan 7: 1 case opened, 1 case reopened",
                    "• Case 12 opened: Shirley Watson (worker E100514), critical 0.97, in onboard, steal — "
                            + "[open](https://unravel.corp.example/cases/12)",
                    "• Case 4 reopened: (applicant A-88), high 0.71 — [open](https://unravel.corp.example/cases/4)");
            assertThat(blocks.get(0).get("weight")).isEqualTo("Bolder");
        });
    }

    @Test
    void sending_saysWhatHappened_neverThrows_andNeverPrintsTheWebhooksSecretPath() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer ok = hook(200, bodies);
        HttpServer broken = hook(500, new CopyOnWriteArrayList<>());
        try {
            URI good = CaseNotice.webhook("http://127.0.0.1:" + ok.getAddress().getPort() + "/services/T0/B1/secret");
            String told = CaseNotice.send(good, SAVED, null);
            assertThat(told).isEqualTo("Told http://127.0.0.1:" + ok.getAddress().getPort() + "/… of 2 cases.");
            assertThat(bodies).singleElement().satisfies(b -> {
                assertThat(b).endsWith(" application/json");
                JsonNode json = new ObjectMapper().readTree(b.substring(0, b.lastIndexOf(' ')));
                assertThat(json.path("text").asText()).startsWith("Unravel scan 7: 1 case opened");
                assertThat(json.path("cases").get(0).path("person_id").asText()).isEqualTo("E100514");
            });

            URI bad = CaseNotice.webhook("http://127.0.0.1:" + broken.getAddress().getPort() + "/services/T0/B1/secret");
            assertThat(CaseNotice.send(bad, SAVED, null)).startsWith("Warning: the webhook http://127.0.0.1:")
                    .contains("answered 500; the team was not told of 2 cases.").doesNotContain("secret");
        } finally {
            ok.stop(0);
            broken.stop(0);
        }
        URI gone = CaseNotice.webhook("http://127.0.0.1:" + ok.getAddress().getPort() + "/services/T0/B1/secret");
        assertThat(CaseNotice.send(gone, SAVED, null)).startsWith("Warning: could not reach the webhook")
                .doesNotContain("secret");
        assertThat(CaseNotice.send(gone, new SavedScan(8, 1, 0, 0, 0, 0, List.of()), null))
                .startsWith("No case opened or reopened: nothing sent");
    }

    @Test
    void aWebhookIsAnHttpUrlWithAHost_andItsPathIsNeverShown() {
        assertThatThrownBy(() -> CaseNotice.webhook("hooks.slack.com/services/T0/B1/secret"))
                .hasMessage("the webhook must be an http(s) URL with a host, not '(hidden)'");
        assertThatThrownBy(() -> CaseNotice.webhook("ftp://example.com/T0/secret"))
                .hasMessage("the webhook must be an http(s) URL with a host, not 'ftp://example.com/…'");
        assertThatThrownBy(() -> CaseNotice.webhook("https://exa mple.com/secret")).hasMessageContaining("not a URL")
                .hasMessageNotContaining("secret");
    }
}
