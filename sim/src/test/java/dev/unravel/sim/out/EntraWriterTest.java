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
import dev.unravel.sim.activity.SignIn;
import dev.unravel.sim.world.Network;
import dev.unravel.sim.world.Person;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntraWriterTest {
    private static final String HOUR_14 = "entra/insights-logs-signinlogs/resourceId=/tenants/"
            + "6F1C2A9E-3B4D-4E5F-8A7B-9C0D1E2F3A4B/providers/Microsoft.aadiam/y=2026/m=03/d=02/h=14/m=00/PT1H.json";

    private final IdentityTestWorld w = new IdentityTestWorld();

    private SignIn signIn(Person p, String time, Network net, boolean success, String failure, boolean managed,
            String id) {
        return new SignIn(at(time), p, SignIn.Idp.ENTRA, "Office 365 Exchange Online", net.address(p.index), net,
                w.sanFrancisco, p == w.bob ? IdentityTestWorld.EDGE_WINDOWS : IdentityTestWorld.CHROME_MAC, success,
                failure, id, "sess-" + id, managed);
    }

    private List<JsonNode> run(Path dir, List<? extends Activity> activities) throws IOException {
        write(new EntraWriter(w.world, new OutputDir(dir)), activities);
        return lines(dir.resolve(HOUR_14));
    }

    @Test
    void successfulSignInFromManagedLaptop_writesOneRecordWithTheLaptop(@TempDir Path dir) throws IOException {
        SignIn s = signIn(w.bob, "2026-03-02T14:03:11.123Z", w.comcast, true, null, true,
                "5d2c1b0a-1111-4222-8333-944455556666");

        List<JsonNode> records = run(dir, List.of(s));

        assertThat(files(dir)).containsExactly(HOUR_14);
        assertThat(records).hasSize(1);
        JsonNode r = records.get(0);
        assertThat(r.get("time").asText()).isEqualTo("2026-03-02T14:03:11.1230000Z");
        assertThat(Instant.parse(r.get("time").asText())).isEqualTo(s.time());
        assertThat(OffsetDateTime.parse(r.at("/properties/createdDateTime").asText()).toInstant()).isEqualTo(s.time());
        assertThat(r.get("resourceId").asText())
                .isEqualTo("/tenants/6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b/providers/Microsoft.aadiam");
        assertThat(r.get("category").asText()).isEqualTo("SignInLogs");
        assertThat(r.get("operationName").asText()).isEqualTo("Sign-in activity");
        assertThat(r.get("tenantId").asText()).isEqualTo(w.world.entraTenantId);
        assertThat(r.get("resultType").asText()).isEqualTo("0");
        assertThat(r.get("callerIpAddress").asText()).isEqualTo(s.ip());
        assertThat(r.get("location").asText()).isEqualTo("US");
        assertThat(r.at("/properties/correlationId").asText()).isEqualTo(r.get("correlationId").asText());
        JsonNode p = r.get("properties");
        assertThat(p.get("id").asText()).isEqualTo(s.eventId());
        assertThat(p.get("userPrincipalName").asText()).isEqualTo("bob.keller@northwindlabs.com");
        assertThat(p.get("userId").asText()).isEqualTo(w.bob.entraObjectId);
        assertThat(p.get("appId").asText()).isEqualTo("00000002-0000-0ff1-ce00-000000000000");
        assertThat(p.get("ipAddress").asText()).isEqualTo(s.ip());
        assertThat(p.get("isInteractive").asBoolean()).isTrue();
        assertThat(p.get("authenticationRequirement").asText()).isEqualTo("multiFactorAuthentication");
        assertThat(p.get("autonomousSystemNumber").asInt()).isEqualTo(7922);
        assertThat(p.at("/status/errorCode").asInt()).isZero();
        assertThat(p.at("/deviceDetail/deviceId").asText()).isEqualTo("4c4c4544-0042-3010-8052-b4c04f000002");
        assertThat(p.at("/deviceDetail/displayName").asText()).isEqualTo("NW-WIN-02");
        assertThat(p.at("/deviceDetail/isManaged").asBoolean()).isTrue();
        assertThat(p.at("/deviceDetail/isCompliant").asBoolean()).isTrue();
        assertThat(p.at("/deviceDetail/trustType").asText()).isEqualTo("Azure AD joined");
        assertThat(p.at("/deviceDetail/operatingSystem").asText()).isEqualTo("Windows10");
        assertThat(p.at("/deviceDetail/browser").asText()).isEqualTo("Edge 123.0.0");
        assertThat(p.at("/location/city").asText()).isEqualTo("San Francisco");
        assertThat(p.at("/location/countryOrRegion").asText()).isEqualTo("US");
        assertThat(p.at("/location/geoCoordinates/latitude").asDouble()).isEqualTo(37.7487);
    }

    @Test
    void signInFromUnmanagedDevice_leavesDeviceIdEmpty(@TempDir Path dir) throws IOException {
        JsonNode p = run(dir, List.of(signIn(w.alice, "2026-03-02T14:00:00Z", w.vpn, true, null, false, "id-2")))
                .get(0).get("properties");

        assertThat(p.at("/deviceDetail/deviceId").asText()).isEmpty();
        assertThat(p.at("/deviceDetail/isManaged").asBoolean()).isFalse();
        assertThat(p.at("/deviceDetail/isCompliant").asBoolean()).isFalse();
        assertThat(p.at("/deviceDetail/operatingSystem").asText()).isEqualTo("MacOs");
        assertThat(p.get("autonomousSystemNumber").asInt()).isEqualTo(9009);
    }

    @Test
    void wrongPassword_fails50126AndDeclinedPush_fails500121(@TempDir Path dir) throws IOException {
        List<JsonNode> records = run(dir, List.of(
                signIn(w.alice, "2026-03-02T14:00:00Z", w.comcast, false, "INVALID_CREDENTIALS", true, "id-3"),
                signIn(w.alice, "2026-03-02T14:01:00Z", w.comcast, false, "MFA_DENIED", true, "id-4")));

        assertThat(records).extracting(r -> r.get("resultType").asText()).containsExactly("50126", "500121");
        assertThat(records).extracting(r -> r.at("/properties/status/errorCode").asInt())
                .containsExactly(50126, 500121);
        assertThat(records.get(0).get("resultDescription").asText()).contains("invalid username or password");
        assertThat(records.get(1).at("/properties/status/additionalDetails").asText())
                .isEqualTo("MFA denied; user declined the authentication");
        assertThat(records.get(0).at("/properties/authenticationDetails")).hasSize(1);
        assertThat(records.get(1).at("/properties/authenticationDetails/1/succeeded").asBoolean()).isFalse();
    }

    @Test
    void signInsInTwoHours_goToTwoHourlyBlobs(@TempDir Path dir) throws IOException {
        write(new EntraWriter(w.world, new OutputDir(dir)), List.of(
                signIn(w.alice, "2026-03-02T14:59:59.999Z", w.comcast, true, null, true, "id-5"),
                signIn(w.bob, "2026-03-02T15:00:00Z", w.comcast, true, null, true, "id-6")));

        assertThat(files(dir)).containsExactly(HOUR_14, HOUR_14.replace("h=14", "h=15"));
    }

    @Test
    void oktaSignInsAndGitActions_writeNothing(@TempDir Path dir) throws IOException {
        SignIn okta = new SignIn(at("2026-03-02T09:00:00Z"), w.alice, SignIn.Idp.OKTA, "Okta Dashboard", "73.0.0.9",
                w.comcast, w.sanFrancisco, IdentityTestWorld.CHROME_MAC, true, null, "ev-5", "s-5", true);
        GitAction git = new GitAction(at("2026-03-02T09:01:00Z"), w.alice, "git.clone", "api", "73.0.0.9", "US",
                "git/2.44.0", "doc-1");
        EntraWriter writer = new EntraWriter(w.world, new OutputDir(dir));

        write(writer, List.of(okta, git));

        assertThat(writer.records()).isZero();
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void sameInputTwice_writesIdenticalBytes(@TempDir Path dir) throws IOException {
        List<SignIn> input = List.of(signIn(w.alice, "2026-03-02T14:03:11.123Z", w.comcast, true, null, true, "id-7"),
                signIn(w.bob, "2026-03-02T14:30:00Z", w.vpn, false, "MFA_DENIED", false, "id-8"));
        write(new EntraWriter(w.world, new OutputDir(dir.resolve("a"))), input);
        write(new EntraWriter(w.world, new OutputDir(dir.resolve("b"))), input);

        assertThat(Files.readAllBytes(dir.resolve("a").resolve(HOUR_14)))
                .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(HOUR_14)));
    }

    /**
     * Keys the samples' publisher invented for its test fixtures; Entra's signIn resource has no
     * {@code result} (the outcome is {@code status}).
     */
    private static final Set<String> NOT_ENTRA = Set.of("result");

    @Test
    void eachRecord_carriesEveryFieldRealSignInLogsRecordsCarry(@TempDir Path dir) throws IOException {
        List<JsonNode> real = IdentityTestWorld.sample(SharedData.vendorRecords("Azure_Audit.ndjson")).stream()
                .filter(r -> "SignInLogs".equals(field(r, "category").asText())).toList();
        Set<String> top = new TreeSet<>();
        Set<String> properties = new TreeSet<>();
        for (JsonNode r : real) {
            top.addAll(keys(r));
            properties.addAll(keys(field(r, "properties")));
        }
        properties.removeAll(NOT_ENTRA);
        List<JsonNode> ours = run(dir, List.of(
                signIn(w.alice, "2026-03-02T14:00:00Z", w.comcast, true, null, true, "id-9"),
                signIn(w.alice, "2026-03-02T14:01:00Z", w.comcast, false, "INVALID_CREDENTIALS", false, "id-10"),
                signIn(w.alice, "2026-03-02T14:02:00Z", w.comcast, false, "MFA_DENIED", false, "id-11")));

        assertThat(real).isNotEmpty();
        for (JsonNode r : ours) {
            assertThat(keys(r)).containsAll(top);
            assertThat(keys(r.get("properties"))).containsAll(properties);
        }
    }
}
