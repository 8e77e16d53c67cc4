package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GitHub's webhook deliveries posted straight to the console, signed with the hook's secret. */
class GithubHookApiTest extends SpoolConsoleTestBase {

    /** A push as GitHub posts it (shortened): one commit written on a clock at UTC+9. */
    static final String PUSH = """
            {"ref":"refs/heads/main","before":"17c497ccc7cca9c2f735aa07e9e3813060ce9a6a",\
            "after":"1481a2de7b2a7d02428ad93446ab166be7793fbb","created":false,"deleted":false,"forced":false,\
            "commits":[{"id":"c441029cf673f84c8b7db52d0a5944ee5c52ff89","distinct":true,\
            "message":"Retry settlement on timeout","timestamp":"2026-03-10T10:31:07+09:00",\
            "author":{"name":"Betty Reed","email":"betty.reed@example.com","username":"breed-nw"},\
            "committer":{"name":"Betty Reed","email":"betty.reed@example.com","username":"breed-nw"},\
            "added":[],"removed":[],"modified":["settle/retry.go"]}],\
            "repository":{"id":612345678,"name":"payments-core","full_name":"northwind/payments-core","private":true,\
            "pushed_at":1773106280,"default_branch":"main"},\
            "pusher":{"name":"breed-nw","email":"betty.reed@example.com"},\
            "organization":{"login":"northwind","id":61234567},\
            "sender":{"login":"breed-nw","id":91234567,"type":"User"}}""";

    static final String PING = """
            {"zen":"Design for failure.","hook_id":512345678,"hook":{"type":"Organization","id":512345678,\
            "name":"web","active":true,"events":["pull_request"],"config":{"content_type":"json",\
            "insecure_ssl":"0","url":"https://unravel.example/hooks/github"}},\
            "organization":{"login":"northwind","id":61234567},"sender":{"login":"dana-sec","id":1}}""";

    static String secret;
    static long hookId;

    @BeforeAll
    static void hook() {
        secret = ApiTokens.newToken();
        hookId = store.addGithubWebhook("dana", secret, ApiTokens.hash(secret), "northwind-org");
    }

    static String sign(String key, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(GithubHookApi.hmac(key, body));
    }

    HttpResponse<String> deliver(String event, byte[] body, String signature, String query, String... headers)
            throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + GithubHookApi.PATH + query))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .header("X-GitHub-Event", event).header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                .header("User-Agent", "GitHub-Hookshot/044aadd");
        if (signature != null) {
            r.header(GithubHookApi.SIGNATURE, signature);
        }
        if (headers.length > 0) {
            r.headers(headers);
        }
        return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSignature_isGithubsHmacSha256() {
        // the example in GitHub's documentation on validating webhook deliveries
        assertThat(sign("It's a Secret to Everybody", "Hello, World!".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @Test
    void aSignedPush_isKeptAsSent_readAsAWebhook_andARedeliveryOnce() throws Exception {
        byte[] body = PUSH.getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> r = deliver("push", body, sign(secret, body), "?source=github-northwind",
                "Content-Type", "application/json");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("source").asText()).isEqualTo("github-northwind");
        assertThat(json(r).get("format").asText()).isEqualTo("github-webhook");
        assertThat(json(r).get("event").asText()).isEqualTo("push");
        assertThat(json(r).get("events").asInt()).isEqualTo(1);
        assertThat(json(r).get("duplicate").asBoolean()).isFalse();
        Path file = kept("github-northwind").get(0);
        assertThat(file.getParent().getFileName().toString()).as("the day of the push").isEqualTo("2026-03-10");
        assertThat(Files.readAllBytes(file)).as("the payload as GitHub sent it").isEqualTo(body);
        assertThat(store.accessLog("dana", 1).get(0).action()).isEqualTo("ingest");
        assertThat(store.accessLog("dana", 1).get(0).target()).contains("github-northwind batch")
                .contains("northwind-org, push 72d3162e");
        assertThat(store.tokens()).filteredOn(t -> t.id() == hookId).singleElement()
                .satisfies(t -> assertThat(t.lastUsedAt()).as("noted as used").isNotNull());

        HttpResponse<String> again = deliver("push", body, sign(secret, body), "?source=github-northwind");
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).get("duplicate").asBoolean()).isTrue();
        assertThat(kept("github-northwind")).hasSize(1);
    }

    @Test
    void aFormEncodedDelivery_isKeptAsItsPayload_andSignedOverTheForm() throws Exception {
        String push = PUSH.replace("c441029cf673", "d441029cf673");
        byte[] form = ("payload=" + URLEncoder.encode(push, StandardCharsets.UTF_8)).getBytes(StandardCharsets.US_ASCII);

        HttpResponse<String> r = deliver("push", form, sign(secret, form), "",
                "Content-Type", "application/x-www-form-urlencoded");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("source").asText()).as("the default source").isEqualTo("github-webhook");
        assertThat(Files.readString(kept("github-webhook").get(0))).isEqualTo(push);

        byte[] noPayload = "other=1".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> bad = deliver("push", noPayload, sign(secret, noPayload), "",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("error").asText()).contains("payload").contains("application/json");
        byte[] broken = "payload=%7B%zz".getBytes(StandardCharsets.US_ASCII);
        HttpResponse<String> garbled = deliver("push", broken, sign(secret, broken), "",
                "Content-Type", "application/x-www-form-urlencoded");
        assertThat(garbled.statusCode()).as("a broken encoding is refused, not a server error").isEqualTo(400);
    }

    @Test
    void unsignedMissignedAndRevoked_areRefused_andNothingIsKept() throws Exception {
        byte[] body = PUSH.replace("breed-nw", "mallory").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> unsigned = deliver("push", body, null, "?source=github-refused");
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(json(unsigned).get("error").asText()).contains("not signed").contains("--scope github-webhook");

        HttpResponse<String> wrongKey = deliver("push", body, sign("not the secret", body), "?source=github-refused");
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(json(wrongKey).get("error").asText()).contains("matches no GitHub webhook secret");

        byte[] tampered = PUSH.replace("breed-nw", "mallor").getBytes(StandardCharsets.UTF_8);
        assertThat(deliver("push", tampered, sign(secret, body), "?source=github-refused").statusCode())
                .as("a body changed after signing").isEqualTo(401);
        assertThat(deliver("push", body, "sha1=" + "0".repeat(40), "?source=github-refused").statusCode())
                .as("only SHA-256 signatures").isEqualTo(401);

        String other = ApiTokens.newToken();
        long revoked = store.addGithubWebhook("dana", other, ApiTokens.hash(other), "old-hook");
        assertThat(store.revokeToken(revoked)).isTrue();
        assertThat(deliver("push", body, sign(other, body), "?source=github-refused").statusCode())
                .as("a revoked secret").isEqualTo(401);
        assertThat(kept("github-refused")).isEmpty();
    }

    @Test
    void thePing_saysWhatTheHookSends_andWhenPushesAreLeftOut_keepsNothing() throws Exception {
        byte[] body = PING.getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> r = deliver("ping", body, sign(secret, body), "?source=github-ping");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(json(r).get("ok").asBoolean()).isTrue();
        assertThat(json(r).get("token").asLong()).isEqualTo(hookId);
        assertThat(json(r).get("message").asText()).contains("github-ping").contains("tick 'Pushes'");
        assertThat(kept("github-ping")).isEmpty();
        assertThat(store.accessLog("dana", 1).get(0).action()).isEqualTo("github-ping");

        byte[] withPush = PING.replace("[\"pull_request\"]", "[\"push\",\"pull_request\"]")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> ok = deliver("ping", withPush, sign(secret, withPush), "");
        assertThat(json(ok).get("message").asText()).doesNotContain("tick");
    }

    @Test
    void aDeliveryWithNothingToPlaceInTime_isRefusedWithTheReason() throws Exception {
        byte[] star = ("{\"action\":\"created\",\"starred_at\":null,\"repository\":{\"id\":1,\"full_name\":"
                + "\"northwind/site\"},\"sender\":{\"login\":\"someone\"}}").getBytes(StandardCharsets.UTF_8);

        HttpResponse<String> r = deliver("star", star, sign(secret, star), "?source=github-star");

        assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
        assertThat(json(r).get("errors").get(0).get("reason").asText()).contains("timestamp");
        assertThat(kept("github-star")).isEmpty();
        assertThat(store.accessLog("dana", 1).get(0).action()).isEqualTo("ingest-refused");
    }

    @Test
    void theSecret_isNoBearerToken() throws Exception {
        HttpResponse<String> ingest = send("/api/ingest/github", "Bearer " + secret,
                PUSH.getBytes(StandardCharsets.UTF_8));
        assertThat(ingest.statusCode()).isEqualTo(403);
        assertThat(ingest.body()).contains("GitHub webhook's secret");
        HttpResponse<String> cases = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases"))
                .header("Authorization", "Bearer " + secret).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(cases.statusCode()).isEqualTo(403);
        HttpResponse<String> hec = send("/services/collector/event", "Splunk " + secret,
                ("{\"event\":" + PUSH + "}").getBytes(StandardCharsets.UTF_8));
        assertThat(hec.statusCode()).isEqualTo(403);
        assertThat(hec.body()).contains("GitHub webhook's secret");
        assertThat(deliver("push", new byte[0], null, "").statusCode()).isEqualTo(401);
        byte[] huge = new byte[70 * 1024]; // the test console's batches are at most 64 KiB
        java.util.Arrays.fill(huge, (byte) ' ');
        HttpResponse<String> tooLarge = deliver("push", huge, sign(secret, huge), "?source=github-huge");
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        assertThat(json(tooLarge).get("error").asText()).contains("larger than 65536 bytes");
        assertThat(kept("github-huge")).isEmpty();
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + GithubHookApi.PATH)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.body()).contains("GitHub posts");
    }
}
