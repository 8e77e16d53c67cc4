package dev.unravel.collect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.ingest.FileSummary;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntraGraphLogTest {

    static final Instant NOW = Instant.parse("2026-03-03T06:00:00Z");
    static final Collector.Options FROM_MARCH = new Collector.Options(Instant.parse("2026-03-02T00:00:00Z"),
            Duration.ofMinutes(15), null);
    static final String TOKEN = "{\"token_type\":\"Bearer\",\"expires_in\":3599,\"ext_expires_in\":3599,"
            + "\"access_token\":\"eyJ0eXAiOiJKV1Qi.TOKEN\"}";

    @TempDir
    Path out;

    final FakeApi.Waits waits = new FakeApi.Waits();
    final List<String> notes = new ArrayList<>();

    /** A sign-in as Microsoft Graph's {@code auditLogs/signIns} returns it. */
    static String signIn(String id, String at) {
        return "{\"id\":\"" + id + "\",\"createdDateTime\":\"" + at + "\",\"userDisplayName\":\"Dana Wu\","
                + "\"userPrincipalName\":\"dana.wu@example.com\",\"userId\":\"d3ab1f3c-0000-4bbb-8000-000000000001\","
                + "\"appId\":\"de8bc8b5-d9f9-48b1-a8ad-b748da725064\",\"appDisplayName\":\"Graph Explorer\","
                + "\"ipAddress\":\"203.0.113.7\",\"clientAppUsed\":\"Browser\",\"correlationId\":\"c1\","
                + "\"conditionalAccessStatus\":\"notApplied\",\"isInteractive\":true,\"riskDetail\":\"none\","
                + "\"status\":{\"errorCode\":0,\"failureReason\":null,\"additionalDetails\":null},"
                + "\"deviceDetail\":{\"deviceId\":\"\",\"displayName\":\"\",\"operatingSystem\":\"Windows 10\","
                + "\"browser\":\"Edge 80.0\",\"isCompliant\":false,\"isManaged\":false,\"trustType\":\"\"},"
                + "\"location\":{\"city\":\"Shenyang\",\"state\":\"Liaoning\",\"countryOrRegion\":\"CN\"}}";
    }

    static String audit(String id, String at) {
        return "{\"id\":\"" + id + "\",\"category\":\"GroupManagement\",\"correlationId\":\"c2\","
                + "\"result\":\"success\",\"resultReason\":\"\",\"activityDisplayName\":\"Add member to group\","
                + "\"activityDateTime\":\"" + at + "\",\"loggedByService\":\"Core Directory\","
                + "\"operationType\":\"Assign\",\"initiatedBy\":{\"app\":null,\"user\":{\"id\":\"7283\","
                + "\"displayName\":null,\"userPrincipalName\":\"it.admin@example.com\",\"ipAddress\":\"198.51.100.20\","
                + "\"userType\":null}},\"targetResources\":[{\"id\":\"ef7e\",\"displayName\":null,\"type\":\"User\","
                + "\"userPrincipalName\":\"dana.wu@example.com\",\"modifiedProperties\":[]}],\"additionalDetails\":[]}";
    }

    Collector collector() {
        return new Collector(FakeApi.http(NOW, waits, Duration.ofMinutes(5), notes), notes::add);
    }

    EntraGraphLog entra(FakeApi api, EntraGraphLog.Log log) {
        return new EntraGraphLog(api.base(), api.base(), "example.onmicrosoft.com", "11111111-2222", "s3cr&t=", log);
    }

    @Test
    void theAppSignsIn_thenSignInsPageByNextLink_andTheFileReadsAsEntraSignIns() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN)
                    .then(200, "{\"@odata.context\":\"{base}/v1.0/$metadata#auditLogs/signIns\",\"value\":["
                            + signIn("s1", "2026-03-02T14:00:00Z") + "," + signIn("s2", "2026-03-02T15:00:00Z")
                            + "],\"@odata.nextLink\":\"{base}/v1.0/auditLogs/signIns?$top=1000&$skiptoken=abc\"}")
                    .then(200, "{\"value\":[" + signIn("s3", "2026-03-03T01:00:00.1234567Z") + "]}");
            Collector.Result r = collector().run(entra(api, EntraGraphLog.Log.SIGN_INS), out, FROM_MARCH);

            FakeApi.Seen token = api.seen.get(0);
            assertThat(token.method()).isEqualTo("POST");
            assertThat(token.uri().getPath()).isEqualTo("/example.onmicrosoft.com/oauth2/v2.0/token");
            assertThat(token.body()).contains("grant_type=client_credentials", "client_id=11111111-2222",
                    "client_secret=s3cr%26t%3D", "scope=" + java.net.URLEncoder.encode(api.base() + "/.default",
                            java.nio.charset.StandardCharsets.UTF_8));
            FakeApi.Seen first = api.seen.get(1);
            assertThat(first.uri().getPath()).isEqualTo("/v1.0/auditLogs/signIns");
            assertThat(first.query("$filter")).isEqualTo(
                    "createdDateTime ge 2026-03-02T00:00:00Z and createdDateTime le 2026-03-03T06:00:00Z");
            assertThat(first.header("Authorization")).isEqualTo("Bearer eyJ0eXAiOiJKV1Qi.TOKEN");
            assertThat(api.seen.get(2).query("$skiptoken")).isEqualTo("abc");

            assertThat(r.records()).isEqualTo(3);
            assertThat(r.last()).isEqualTo(Instant.parse("2026-03-03T01:00:00.1234567Z"));
            FileSummary read = Collected.read(r.file());
            assertThat(read.format()).isEqualTo("entra-signin");
            assertThat(read.accepted()).isEqualTo(3);
            assertThat(out.resolve(".unravel-collect/entra-example.onmicrosoft.com-signIns.json")).exists();
        }
    }

    @Test
    void aRunLongerThanTheTokenLasts_signsInAgainBeforeItsNextPage() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN).then(200, TOKEN)
                    .then(200, "{\"value\":[" + signIn("s1", "2026-03-02T14:00:00Z") + "],"
                            + "\"@odata.nextLink\":\"{base}/v1.0/auditLogs/signIns?$skiptoken=abc\"}")
                    .then(200, TOKEN).then(200, "{\"value\":[" + signIn("s2", "2026-03-02T15:00:00Z") + "]}");
            Http slow = new Http(Http.client(), waits, new FakeApi.StepClock(NOW, Duration.ofMinutes(50)),
                    Duration.ofMinutes(5), 5, notes::add);
            Collector.Result r = new Collector(slow, notes::add).run(entra(api, EntraGraphLog.Log.SIGN_INS), out,
                    FROM_MARCH);
            assertThat(api.seen).extracting(FakeApi.Seen::method).containsExactly("POST", "POST", "GET", "POST", "GET");
            assertThat(api.seen.get(4).header("Authorization")).isEqualTo("Bearer eyJ0eXAiOiJKV1Qi.TOKEN");
            assertThat(r.records()).isEqualTo(2);
        }
    }

    @Test
    void directoryAudits_byTheirActivityTime() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(200, TOKEN).then(200, "{\"value\":[" + audit("Directory_1", "2026-03-02T09:41:12.4431271Z") + "]}");
            Collector.Result r = collector().run(entra(api, EntraGraphLog.Log.DIRECTORY_AUDITS), out, FROM_MARCH);
            assertThat(api.seen.get(1).uri().getPath()).isEqualTo("/v1.0/auditLogs/directoryAudits");
            assertThat(api.seen.get(1).query("$filter")).startsWith("activityDateTime ge 2026-03-02T00:00:00Z");
            assertThat(Collected.read(r.file()).format()).isEqualTo("entra-audit");
        }
    }

    @Test
    void aRefusedSecret_saysWhatMicrosoftSaid_andNeverTheSecret() throws Exception {
        try (FakeApi api = new FakeApi()) {
            api.then(401, "{\"error\":\"invalid_client\",\"error_description\":\"AADSTS7000215: Invalid client secret "
                    + "provided. Ensure the secret being sent in the request is the client secret value.\"}");
            assertThatThrownBy(() -> collector().run(entra(api, EntraGraphLog.Log.SIGN_INS), out, FROM_MARCH))
                    .hasMessageStartingWith("entra: POST " + api.base() + "/example.onmicrosoft.com/oauth2/v2.0/token "
                            + "answered 401 \"AADSTS7000215: Invalid client secret provided.")
                    .hasMessageNotContaining("s3cr");

            api.then(200, TOKEN).then(403, "{\"error\":{\"code\":\"Authentication_RequestFromNonPremiumTenantOrB2CTenant\","
                    + "\"message\":\"Neither tenant is B2C or tenant doesn't have premium license\"}}");
            assertThatThrownBy(() -> collector().run(entra(api, EntraGraphLog.Log.SIGN_INS), out, FROM_MARCH))
                    .hasMessageContaining("answered 403 \"Neither tenant is B2C or tenant doesn't have premium license\"")
                    .hasMessageContaining("AuditLog.Read.All");
        }
    }
}
