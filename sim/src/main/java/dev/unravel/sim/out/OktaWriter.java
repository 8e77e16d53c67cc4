package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.SignIn;
import dev.unravel.sim.world.City;
import dev.unravel.sim.world.Network;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Okta System Log events as {@code GET /api/v1/logs} returns them (camelCase LogEvent objects),
 * one JSON object a line, one file per UTC day: {@code okta/system-log-YYYY-MM-DD.ndjson}.
 *
 * <p>The org runs Okta Identity Engine with Okta Verify push as the second factor, so a sign-in
 * is two events: {@code user.authentication.auth_via_mfa} when the push is approved on the
 * phone, then {@code user.session.start} a second or two later. The phone appears as the
 * top-level {@code device} of the MFA event, the object Okta fills for devices registered with
 * Okta Verify; that is where a detector finds one phone approving several users' sign-ins. A wrong
 * password ends at {@code user.session.start} FAILURE; a rejected push at a failed
 * {@code auth_via_mfa}.
 */
public final class OktaWriter extends DailyJsonWriter {
    private static final String ZONE_Z = "Z";
    private static final String POLL = "/idp/idx/authenticators/poll";
    private static final String ANSWER = "/idp/idx/challenge/answer";

    /** Reverse-DNS domains Okta's IP intelligence reports for the simulated networks' ASNs. */
    private static final Map<Integer, String> DOMAINS = Map.ofEntries(
            Map.entry(7922, "comcast.net"), Map.entry(7018, "sbcglobal.net"), Map.entry(20115, "charter.com"),
            Map.entry(701, "verizon.net"), Map.entry(22773, "cox.net"), Map.entry(21928, "tmodns.net"),
            Map.entry(6461, "zayo.com"), Map.entry(5089, "virginm.net"), Map.entry(3320, "t-ipconnect.de"),
            Map.entry(4713, "ocn.ne.jp"), Map.entry(9506, "singnet.com.sg"), Map.entry(812, "rogers.com"),
            Map.entry(7029, "windstream.net"), Map.entry(5617, "neostrada.pl"), Map.entry(55836, "jio.com"),
            Map.entry(9299, "pldt.net"), Map.entry(28573, "claro.net.br"), Map.entry(7303, "telecom.com.ar"),
            Map.entry(3243, "telepac.pt"), Map.entry(4837, "chinaunicom.cn"), Map.entry(12389, "rostelecom.ru"),
            Map.entry(9009, "m247.com"), Map.entry(60068, "cdn77.com"), Map.entry(14061, "digitalocean.com"),
            Map.entry(20473, "vultr.com"), Map.entry(16509, "amazonaws.com"), Map.entry(36459, "github.com"));

    private final char[] time = new char[UtcText.MAX_LENGTH];
    /** Okta app instance ids by application name, derived once. */
    private final Map<String, String> appIds = new HashMap<>();

    public OktaWriter(OutputDir out) {
        super(out, "okta", day -> "okta/system-log-" + day + ".ndjson");
            }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof SignIn s) || s.idp() != SignIn.Idp.OKTA) {
            return;
        }
        String requestId = Derived.hex(s.eventId(), 1, 32);
        if (s.success()) {
            // The push is approved a second or two before Okta starts the session.
            long lead = 1_000 + Math.floorMod(Derived.hash(s.eventId(), 2), 1_000);
            mfa(s, s.time().minusMillis(lead), requestId, null);
            sessionStart(s, requestId, null);
        } else if ("MFA_DENIED".equals(s.failure())) {
            mfa(s, s.time(), requestId, "User rejected Okta push verify");
        } else {
            sessionStart(s, requestId, s.failure() == null ? "INVALID_CREDENTIALS" : s.failure());
        }
    }

    private void mfa(SignIn s, Instant at, String requestId, String failure) throws IOException {
        Person p = s.person();
        JsonGenerator g = out.begin();
        actor(g, p);
        client(g, s);
        g.writeObjectFieldStart("device");
        phone(g, p);
        g.writeEndObject();
        authenticationContext(g, s, "FACTOR_PROVIDER", "OKTA_CREDENTIAL_PROVIDER");
        g.writeStringField("displayMessage", "Authentication of user via MFA");
        g.writeStringField("eventType", "user.authentication.auth_via_mfa");
        outcome(g, failure);
        published(g, at);
        securityContext(g, s.network());
        g.writeStringField("severity", failure == null ? "INFO" : "WARN");
        g.writeObjectFieldStart("debugContext");
        g.writeObjectFieldStart("debugData");
        debugData(g, s, requestId, POLL);
        g.writeStringField("factor", "OKTA_VERIFY_PUSH");
        g.writeStringField("factorIntent", "AUTHENTICATION");
        g.writeEndObject();
        g.writeEndObject();
        g.writeStringField("legacyEventType",
                failure == null ? "core.user.factor.attempt_success" : "core.user.factor.attempt_fail");
        transaction(g, requestId);
        g.writeStringField("uuid", Derived.uuid(s.eventId(), 3));
        g.writeStringField("version", "0");
        request(g, s);
        g.writeArrayFieldStart("target");
        g.writeStartObject();
        g.writeStringField("id", p.oktaUserId);
        g.writeStringField("type", "User");
        g.writeStringField("alternateId", p.workEmail);
        g.writeStringField("displayName", p.fullName());
        g.writeNullField("detailEntry");
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("id", p.mfaEnrollmentId);
        g.writeStringField("type", "AuthenticatorEnrollment");
        g.writeStringField("alternateId", "unknown");
        g.writeStringField("displayName", "Okta Verify");
        g.writeObjectFieldStart("detailEntry");
        g.writeStringField("methodTypeUsed", "Get a push notification");
        g.writeStringField("methodUsedVerifiedProperties", "[POSSESSION, HARDWARE_PROTECTED]");
        g.writeEndObject();
        g.writeEndObject();
        g.writeEndArray();
        out.end();
    }

    private void sessionStart(SignIn s, String requestId, String failure) throws IOException {
        Person p = s.person();
        JsonGenerator g = out.begin();
        actor(g, p);
        client(g, s);
        // A browser on a laptop without Okta Verify desktop: Okta knows no registered device.
        g.writeNullField("device");
        authenticationContext(g, s, null, null);
        g.writeStringField("displayMessage", "User login to Okta");
        g.writeStringField("eventType", "user.session.start");
        outcome(g, failure);
        published(g, s.time());
        securityContext(g, s.network());
        g.writeStringField("severity", failure == null ? "INFO" : "WARN");
        g.writeObjectFieldStart("debugContext");
        g.writeObjectFieldStart("debugData");
        debugData(g, s, requestId, failure == null ? POLL : ANSWER);
        g.writeEndObject();
        g.writeEndObject();
        g.writeStringField("legacyEventType",
                failure == null ? "core.user_auth.login_success" : "core.user_auth.login_failed");
        transaction(g, requestId);
        g.writeStringField("uuid", s.eventId());
        g.writeStringField("version", "0");
        request(g, s);
        g.writeArrayFieldStart("target");
        g.writeStartObject();
        // A wrong password stops at the password; a completed sign-in names the factor that finished it.
        if (failure == null) {
            g.writeStringField("id", p.mfaEnrollmentId);
            g.writeStringField("type", "AuthenticatorEnrollment");
            g.writeStringField("alternateId", "unknown");
            g.writeStringField("displayName", "Okta Verify");
        } else {
            g.writeStringField("id", Derived.oktaId("lae", p.oktaUserId));
            g.writeStringField("type", "AuthenticatorEnrollment");
            g.writeStringField("alternateId", "unknown");
            g.writeStringField("displayName", "Password");
        }
        g.writeNullField("detailEntry");
        g.writeEndObject();
        g.writeStartObject();
        g.writeStringField("id", appIds.computeIfAbsent(s.app(), app -> Derived.oktaId("0oa", app)));
        g.writeStringField("type", "AppInstance");
        g.writeStringField("alternateId", s.app());
        g.writeStringField("displayName", s.app());
        g.writeNullField("detailEntry");
        g.writeEndObject();
        g.writeEndArray();
        out.end();
    }

    private static void actor(JsonGenerator g, Person p) throws IOException {
        g.writeObjectFieldStart("actor");
        g.writeStringField("id", p.oktaUserId);
        g.writeStringField("type", "User");
        g.writeStringField("alternateId", p.workEmail);
        g.writeStringField("displayName", p.fullName());
        g.writeNullField("detailEntry");
        g.writeEndObject();
    }

    private static void client(JsonGenerator g, SignIn s) throws IOException {
        UserAgent ua = UserAgent.parse(s.userAgent());
        g.writeObjectFieldStart("client");
        g.writeObjectFieldStart("userAgent");
        g.writeStringField("rawUserAgent", s.userAgent());
        g.writeStringField("os", ua.oktaOs());
        g.writeStringField("browser", ua.browser());
        g.writeEndObject();
        g.writeStringField("zone", "null");
        g.writeStringField("device", "Computer");
        g.writeNullField("id");
        g.writeStringField("ipAddress", s.ip());
        geographicalContext(g, s.place());
        g.writeEndObject();
    }

    private static void geographicalContext(JsonGenerator g, City c) throws IOException {
        g.writeObjectFieldStart("geographicalContext");
        g.writeStringField("city", c.name());
        g.writeStringField("state", c.regionName());
        g.writeStringField("country", c.countryName());
        g.writeStringField("postalCode", c.zip());
        g.writeObjectFieldStart("geolocation");
        g.writeNumberField("lat", c.lat());
        g.writeNumberField("lon", c.lon());
        g.writeEndObject();
        g.writeEndObject();
    }

    /** The Okta Verify phone, as Okta describes a device registered through Okta Verify. */
    private static void phone(JsonGenerator g, Person p) throws IOException {
        String name = p.mfaDeviceName == null ? "" : p.mfaDeviceName;
        boolean ios = name.contains("iPhone") || name.contains("iPad");
        g.writeStringField("id", p.mfaDeviceId);
        g.writeStringField("name", p.mfaDeviceName);
        g.writeStringField("os_platform", ios ? "IOS" : "ANDROID");
        g.writeStringField("os_version", ios ? "17.5.1" : "14");
        g.writeBooleanField("managed", false);
        g.writeBooleanField("registered", true);
        g.writeNullField("device_integrator");
        g.writeStringField("disk_encryption_type", "FULL");
        g.writeStringField("screen_lock_type", "BIOMETRIC");
        g.writeBooleanField("jailbreak", false);
        g.writeBooleanField("secure_hardware_present", true);
    }

    private static void authenticationContext(JsonGenerator g, SignIn s, String provider, String credentialProvider)
            throws IOException {
        g.writeObjectFieldStart("authenticationContext");
        g.writeStringField("authenticationProvider", provider);
        g.writeStringField("credentialProvider", credentialProvider);
        g.writeNullField("credentialType");
        g.writeNullField("issuer");
        g.writeNullField("interface");
        g.writeNumberField("authenticationStep", 0);
        g.writeStringField("rootSessionId", s.sessionId());
        g.writeStringField("externalSessionId", s.sessionId());
        g.writeEndObject();
    }

    private static void outcome(JsonGenerator g, String failure) throws IOException {
        g.writeObjectFieldStart("outcome");
        g.writeStringField("result", failure == null ? "SUCCESS" : "FAILURE");
        g.writeStringField("reason", failure);
        g.writeEndObject();
    }

    private void published(JsonGenerator g, Instant at) throws IOException {
        g.writeFieldName("published");
        g.writeString(time, 0, UtcText.format(time, at, 3, ZONE_Z));
    }

    private static void securityContext(JsonGenerator g, Network n) throws IOException {
        String org = n.org().toLowerCase(Locale.ROOT);
        g.writeObjectFieldStart("securityContext");
        g.writeNumberField("asNumber", n.asn());
        g.writeStringField("asOrg", org);
        g.writeStringField("isp", org);
        g.writeStringField("domain", DOMAINS.get(n.asn()));
        g.writeBooleanField("isProxy", n.kind() == Network.Kind.VPN || n.kind() == Network.Kind.HOSTING);
        g.writeEndObject();
    }

    private static void debugData(JsonGenerator g, SignIn s, String requestId, String uri) throws IOException {
        g.writeStringField("requestId", requestId);
        g.writeStringField("requestUri", uri);
        g.writeStringField("url", uri + "?");
        // The hash of the browser's device token: the same browser keeps it across sign-ins.
        g.writeStringField("dtHash", Derived.hex(s.person().oktaUserId + '|' + s.userAgent(), 4, 64));
        g.writeStringField("threatSuspected", "false");
        g.writeStringField("origin", "https://" + World.OKTA_ORG);
    }

    private static void transaction(JsonGenerator g, String requestId) throws IOException {
        g.writeObjectFieldStart("transaction");
        g.writeStringField("type", "WEB");
        g.writeStringField("id", requestId);
        g.writeObjectFieldStart("detail");
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void request(JsonGenerator g, SignIn s) throws IOException {
        g.writeObjectFieldStart("request");
        g.writeArrayFieldStart("ipChain");
        g.writeStartObject();
        g.writeStringField("ip", s.ip());
        geographicalContext(g, s.place());
        g.writeStringField("version", "V4");
        g.writeNullField("source");
        g.writeEndObject();
        g.writeEndArray();
        g.writeEndObject();
    }
}
