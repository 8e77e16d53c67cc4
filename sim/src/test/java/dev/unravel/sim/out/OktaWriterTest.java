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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OktaWriterTest {
    private final IdentityTestWorld w = new IdentityTestWorld();

    private SignIn signIn(Person p, String time, Network net, boolean success, String failure, String id) {
        return new SignIn(at(time), p, SignIn.Idp.OKTA, "Okta Dashboard", net.address(p.index), net, w.sanFrancisco,
                IdentityTestWorld.CHROME_MAC, success, failure, id, "idx" + id, true);
    }

    private List<JsonNode> run(Path dir, List<? extends Activity> activities) throws IOException {
        write(new OktaWriter(new OutputDir(dir)), activities);
        return lines(dir.resolve("okta/system-log-2026-03-02.ndjson"));
    }

    @Test
    void successfulSignIn_writesPushApprovalThenSessionStart(@TempDir Path dir) throws IOException {
        SignIn s = signIn(w.alice, "2026-03-02T14:03:11.123Z", w.comcast, true, null, "ev-1");

        List<JsonNode> events = run(dir, List.of(s));

        assertThat(files(dir)).containsExactly("okta/system-log-2026-03-02.ndjson");
        assertThat(events).extracting(e -> e.get("eventType").asText())
                .containsExactly("user.authentication.auth_via_mfa", "user.session.start");
        JsonNode mfa = events.get(0);
        JsonNode start = events.get(1);
        assertThat(start.get("published").asText()).isEqualTo("2026-03-02T14:03:11.123Z");
        assertThat(Instant.parse(start.get("published").asText())).isEqualTo(s.time());
        Instant approved = Instant.parse(mfa.get("published").asText());
        assertThat(approved).isBetween(s.time().minusSeconds(2), s.time().minusSeconds(1));
        assertThat(start.get("uuid").asText()).isEqualTo("ev-1");
        assertThat(mfa.get("uuid").asText()).isNotEqualTo("ev-1").hasSize(36);
        assertThat(start.get("version").asText()).isEqualTo("0");
        assertThat(start.at("/outcome/result").asText()).isEqualTo("SUCCESS");
        assertThat(mfa.at("/outcome/result").asText()).isEqualTo("SUCCESS");
        assertThat(start.at("/actor/id").asText()).isEqualTo(w.alice.oktaUserId);
        assertThat(start.at("/actor/alternateId").asText()).isEqualTo("alice.nguyen@northwindlabs.com");
        assertThat(start.at("/actor/displayName").asText()).isEqualTo("Alice Nguyen");
        assertThat(start.at("/authenticationContext/externalSessionId").asText()).isEqualTo("idxev-1");
        assertThat(start.at("/client/ipAddress").asText()).isEqualTo(s.ip());
        assertThat(start.at("/client/device").asText()).isEqualTo("Computer");
        assertThat(start.at("/client/userAgent/browser").asText()).isEqualTo("CHROME");
        assertThat(start.at("/client/userAgent/os").asText()).isEqualTo("Mac OS X");
        assertThat(start.at("/client/geographicalContext/city").asText()).isEqualTo("San Francisco");
        assertThat(start.at("/client/geographicalContext/state").asText()).isEqualTo("California");
        assertThat(start.at("/client/geographicalContext/country").asText()).isEqualTo("United States");
        assertThat(start.at("/client/geographicalContext/geolocation/lat").asDouble()).isEqualTo(37.7487);
        assertThat(start.at("/request/ipChain/0/ip").asText()).isEqualTo(s.ip());
        assertThat(start.at("/securityContext/asNumber").asInt()).isEqualTo(7922);
        assertThat(start.at("/securityContext/isProxy").asBoolean()).isFalse();
        assertThat(start.at("/target/0/id").asText()).isEqualTo(w.alice.mfaEnrollmentId);
        assertThat(start.at("/target/1/type").asText()).isEqualTo("AppInstance");
        assertThat(start.at("/target/1/displayName").asText()).isEqualTo("Okta Dashboard");
        // The approving phone and its enrollment are on the MFA event.
        assertThat(mfa.at("/device/id").asText()).isEqualTo(w.alice.mfaDeviceId);
        assertThat(mfa.at("/device/name").asText()).isEqualTo("iPhone 15");
        assertThat(mfa.at("/device/os_platform").asText()).isEqualTo("IOS");
        assertThat(mfa.at("/target/1/type").asText()).isEqualTo("AuthenticatorEnrollment");
        assertThat(mfa.at("/target/1/id").asText()).isEqualTo(w.alice.mfaEnrollmentId);
        assertThat(mfa.at("/debugContext/debugData/factor").asText()).isEqualTo("OKTA_VERIFY_PUSH");
        assertThat(mfa.at("/transaction/id").asText()).isEqualTo(start.at("/transaction/id").asText());
    }

    @Test
    void signInThroughCommercialVpn_isMarkedProxy(@TempDir Path dir) throws IOException {
        List<JsonNode> events = run(dir, List.of(signIn(w.bob, "2026-03-02T01:00:00Z", w.vpn, true, null, "ev-2")));

        assertThat(events).allSatisfy(e -> {
            assertThat(e.at("/securityContext/isProxy").asBoolean()).isTrue();
            assertThat(e.at("/securityContext/asNumber").asInt()).isEqualTo(9009);
        });
        assertThat(events.get(1).get("published").asText()).isEqualTo("2026-03-02T01:00:00.000Z");
        assertThat(events.get(0).at("/device/os_platform").asText()).isEqualTo("ANDROID");
    }

    @Test
    void wrongPassword_writesOnlyFailedSessionStart(@TempDir Path dir) throws IOException {
        List<JsonNode> events = run(dir,
                List.of(signIn(w.alice, "2026-03-02T09:00:00Z", w.comcast, false, "INVALID_CREDENTIALS", "ev-3")));

        assertThat(events).hasSize(1);
        JsonNode e = events.get(0);
        assertThat(e.get("eventType").asText()).isEqualTo("user.session.start");
        assertThat(e.at("/outcome/result").asText()).isEqualTo("FAILURE");
        assertThat(e.at("/outcome/reason").asText()).isEqualTo("INVALID_CREDENTIALS");
        assertThat(e.get("legacyEventType").asText()).isEqualTo("core.user_auth.login_failed");
        assertThat(e.at("/target/0/displayName").asText()).isEqualTo("Password");
    }

    @Test
    void deniedPush_writesOnlyFailedMfa(@TempDir Path dir) throws IOException {
        List<JsonNode> events = run(dir,
                List.of(signIn(w.alice, "2026-03-02T09:00:00Z", w.comcast, false, "MFA_DENIED", "ev-4")));

        assertThat(events).hasSize(1);
        JsonNode e = events.get(0);
        assertThat(e.get("eventType").asText()).isEqualTo("user.authentication.auth_via_mfa");
        assertThat(e.at("/outcome/result").asText()).isEqualTo("FAILURE");
        assertThat(e.get("uuid").asText()).isNotEqualTo("ev-4");
        assertThat(e.at("/device/id").asText()).isEqualTo(w.alice.mfaDeviceId);
    }

    @Test
    void entraSignInsAndGitActions_writeNothing(@TempDir Path dir) throws IOException {
        SignIn entra = new SignIn(at("2026-03-02T09:00:00Z"), w.alice, SignIn.Idp.ENTRA, "Microsoft Teams", "73.0.0.9",
                w.comcast, w.sanFrancisco, IdentityTestWorld.CHROME_MAC, true, null, "ev-5", "s-5", true);
        GitAction git = new GitAction(at("2026-03-02T09:01:00Z"), w.alice, "git.clone", "api", "73.0.0.9", "US",
                "git/2.44.0", "doc-1");
        OktaWriter writer = new OktaWriter(new OutputDir(dir));

        write(writer, List.of(entra, git));

        assertThat(writer.records()).isZero();
        assertThat(files(dir)).isEmpty();
    }

    @Test
    void signInsOnTwoDays_goToTwoDailyFiles(@TempDir Path dir) throws IOException {
        write(new OktaWriter(new OutputDir(dir)), List.of(
                signIn(w.alice, "2026-03-02T23:59:58Z", w.comcast, false, "INVALID_CREDENTIALS", "ev-6"),
                signIn(w.alice, "2026-03-03T00:00:05Z", w.comcast, true, null, "ev-7")));

        assertThat(files(dir))
                .containsExactly("okta/system-log-2026-03-02.ndjson", "okta/system-log-2026-03-03.ndjson");
        assertThat(lines(dir.resolve("okta/system-log-2026-03-03.ndjson"))).hasSize(2);
    }

    @Test
    void sameInputTwice_writesIdenticalBytes(@TempDir Path dir) throws IOException {
        List<SignIn> input = List.of(signIn(w.alice, "2026-03-02T14:03:11.123Z", w.comcast, true, null, "ev-8"),
                signIn(w.bob, "2026-03-02T15:00:00Z", w.vpn, false, "MFA_DENIED", "ev-9"));
        write(new OktaWriter(new OutputDir(dir.resolve("a"))), input);
        write(new OktaWriter(new OutputDir(dir.resolve("b"))), input);

        String file = "okta/system-log-2026-03-02.ndjson";
        assertThat(Files.readAllBytes(dir.resolve("a").resolve(file)))
                .isEqualTo(Files.readAllBytes(dir.resolve("b").resolve(file)));
    }

    @Test
    void eachEvent_carriesEveryFieldRealOktaRecordsOfItsTypeCarry(@TempDir Path dir) throws IOException {
        List<JsonNode> real = IdentityTestWorld.sample(SharedData.vendorRecords("Okta_SystemLog.ndjson"));
        List<JsonNode> ours = run(dir, List.of(
                signIn(w.alice, "2026-03-02T14:00:00Z", w.comcast, true, null, "ev-10"),
                signIn(w.alice, "2026-03-02T14:05:00Z", w.comcast, false, "INVALID_CREDENTIALS", "ev-11"),
                signIn(w.alice, "2026-03-02T14:10:00Z", w.comcast, false, "MFA_DENIED", "ev-12")));

        int compared = 0;
        for (String type : List.of("user.session.start", "user.authentication.auth_via_mfa")) {
            for (String part : List.of("", "actor", "client", "outcome", "securityContext")) {
                Set<String> expected = new TreeSet<>();
                for (JsonNode r : real) {
                    if (type.equals(text(field(r, "eventType")))) {
                        expected.addAll(keys(part.isEmpty() ? r : field(r, part)));
                        compared++;
                    }
                }
                for (JsonNode e : ours) {
                    if (type.equals(e.get("eventType").asText())) {
                        assertThat(keys(part.isEmpty() ? e : e.get(part))).as("%s %s", type, part)
                                .containsAll(expected);
                    }
                }
            }
        }
        assertThat(compared).isPositive();
    }

    private static String text(JsonNode n) {
        return n == null ? null : n.asText();
    }
}
