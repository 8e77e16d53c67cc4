package dev.unravel.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.unravel.ingest.FileSummary;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoogleReportsLogTest {

    static final Instant NOW = Instant.parse("2026-03-03T06:00:00Z");
    static final ObjectMapper JSON = new ObjectMapper();
    static KeyPair keys;

    @TempDir
    Path out;

    final FakeApi.Waits waits = new FakeApi.Waits();
    final List<String> notes = new ArrayList<>();

    @BeforeAll
    static void keyPair() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        keys = g.generateKeyPair();
    }

    /** A service account's JSON key as the Google Cloud console downloads it, its token_uri at {@code api}. */
    Path keyFile(FakeApi api) throws Exception {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        Path file = out.resolve("unravel-sa.json");
        Files.writeString(file, JSON.writeValueAsString(JSON.createObjectNode().put("type", "service_account")
                .put("project_id", "acme-security").put("private_key_id", "5e1f0c")
                .put("private_key", pem).put("client_email", "unravel@acme-security.iam.gserviceaccount.com")
                .put("client_id", "1098765").put("token_uri", api.base() + "/token")));
        return file;
    }

    static String login(String time, String qualifier) {
        return "{\"kind\":\"admin#reports#activity\",\"id\":{\"time\":\"" + time + "\",\"uniqueQualifier\":\""
                + qualifier + "\",\"applicationName\":\"login\",\"customerId\":\"C03az79cb\"},"
                + "\"actor\":{\"callerType\":\"USER\",\"email\":\"dana.wu@example.com\",\"profileId\":\"1052\"},"
                + "\"ipAddress\":\"203.0.113.7\",\"events\":[{\"type\":\"login\",\"name\":\"login_success\","
                + "\"parameters\":[{\"name\":\"login_type\",\"value\":\"google_password\"}]}]}";
    }

    @Test
    void theServiceAccountSignsInForTheAdmin_thenLoginsPageByToken_andTheFileReadsAsGoogleWorkspace()
            throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, "{\"access_token\":\"ya29.TOKEN\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")
                    .then(200, "{\"kind\":\"admin#reports#activities\",\"items\":[" + login("2026-03-03T01:20:44.317Z", "-1")
                            + "," + login("2026-03-02T14:00:00.000Z", "-2") + "],\"nextPageToken\":\"A:1772460000:-2\"}")
                    .then(200, "{\"kind\":\"admin#reports#activities\",\"items\":[" + login("2026-03-02T09:00:00.000Z", "-3")
                            + "]}");
            GoogleReportsLog log = new GoogleReportsLog(api.base(), keyFile(api), "it.admin@example.com", "login");
            Collector.Result r = new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add)
                    .run(log, out, new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofMinutes(15),
                            null));

            FakeApi.Seen token = api.seen.get(0);
            assertThat(token.uri().getPath()).isEqualTo("/token");
            assertThat(token.body()).startsWith("grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=");
            String jwt = URLDecoder.decode(token.body().substring(token.body().indexOf("assertion=") + 10),
                    StandardCharsets.UTF_8);
            String[] parts = jwt.split("\\.");
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(keys.getPublic());
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).as("signed with the key's private key").isTrue();
            JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(parts[0]));
            assertThat(header.get("alg").asText()).isEqualTo("RS256");
            assertThat(header.get("kid").asText()).isEqualTo("5e1f0c");
            JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
            assertThat(claims.get("iss").asText()).isEqualTo("unravel@acme-security.iam.gserviceaccount.com");
            assertThat(claims.get("sub").asText()).isEqualTo("it.admin@example.com");
            assertThat(claims.get("scope").asText()).isEqualTo(GoogleReportsLog.SCOPE);
            assertThat(claims.get("aud").asText()).isEqualTo(api.base() + "/token");
            assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);

            FakeApi.Seen first = api.seen.get(1);
            assertThat(first.uri().getPath()).isEqualTo("/admin/reports/v1/activity/users/all/applications/login");
            assertThat(first.query("startTime")).isEqualTo("2026-03-02T00:00:00Z");
            assertThat(first.query("endTime")).isEqualTo("2026-03-03T06:00:00Z");
            assertThat(first.query("maxResults")).isEqualTo("1000");
            assertThat(first.header("Authorization")).isEqualTo("Bearer ya29.TOKEN");
            assertThat(api.seen.get(2).query("pageToken")).isEqualTo("A:1772460000:-2");

            assertThat(r.records()).isEqualTo(3);
            assertThat(r.first()).isEqualTo(Instant.parse("2026-03-02T09:00:00Z"));
            assertThat(r.nextSince()).as("Google's reports settle late: two hours back at least, not 15 minutes")
                    .isEqualTo(Instant.parse("2026-03-02T23:20:44.317Z"));
            FileSummary read = Collected.read(r.file());
            assertThat(read.format()).isEqualTo("gworkspace");
            assertThat(read.accepted()).isEqualTo(3);
        }
    }

    @Test
    void aPageWithNothingHasNoItems_andAKeyThatIsNotOneIsSaidSo() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, "{\"access_token\":\"ya29.TOKEN\"}").then(200, "{\"kind\":\"admin#reports#activities\"}");
            GoogleReportsLog log = new GoogleReportsLog(api.base(), keyFile(api), "it.admin@example.com", "login");
            Collector.Result r = new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add)
                    .run(log, out, new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"), Duration.ofMinutes(15),
                            null));
            assertThat(r.records()).isZero();
            assertThat(r.file()).isNull();

            Path notAKey = out.resolve("client_secret.json");
            Files.writeString(notAKey, "{\"installed\":{\"client_id\":\"x\"}}");
            assertThatThrownBy(() -> new GoogleReportsLog(api.base(), notAKey, "it.admin@example.com", "login"))
                    .hasMessageStartingWith(notAKey + " is not a service account's JSON key");
            assertThatThrownBy(() -> new GoogleReportsLog(api.base(), keyFile(api), "it.admin", "login"))
                    .hasMessageContaining("--admin");

            api.then(401, "{\"error\":\"unauthorized_client\",\"error_description\":\"Client is unauthorized to "
                    + "retrieve access tokens using this method, or client not authorized for any of the scopes "
                    + "requested.\"}");
            assertThatThrownBy(() -> new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add)
                    .run(log, out.resolve("b"), new Collector.Options(NOW, Duration.ofMinutes(15), null)))
                    .hasMessageContaining("answered 401 \"Client is unauthorized to retrieve access tokens");
        }
    }
}
