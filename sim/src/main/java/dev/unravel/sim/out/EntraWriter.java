package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.SignIn;
import dev.unravel.sim.world.City;
import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Entra ID interactive sign-in logs as a diagnostic setting exports them to a storage account:
 * Azure Monitor's common envelope ({@code time}, {@code resultType}, {@code callerIpAddress} …)
 * around the Graph {@code signIn} resource in {@code properties}, one JSON record a line, one blob
 * per UTC hour at {@code entra/insights-logs-signinlogs/resourceId=/tenants/<TENANT>/providers/Microsoft.aadiam/}
 * {@code y=…/m=…/d=…/h=…/m=00/PT1H.json}.
 *
 * <p>The tenant enforces MFA with Microsoft Authenticator push through security defaults (hence
 * {@code conditionalAccessStatus} {@code notApplied} with {@code multiFactorAuthentication}
 * required). A wrong password fails with 50126; a declined push with 500121. The laptop shows in
 * {@code deviceDetail} only when the sign-in came from the managed device; Entra leaves the
 * device id empty for unregistered browsers, which is what a detector keys on.
 */
public final class EntraWriter implements SourceWriter {
    private static final String ZONE_Z = "Z";
    private static final String ZONE_OFFSET = "+00:00";
    private static final String GRAPH = "00000003-0000-0000-c000-000000000000";

    /** First-party applications: their well-known app id and the resource a browser sign-in asks for. */
    private record App(String appId, String resourceName, String resourceId) {
    }

    private static final Map<String, App> APPS = Map.of(
            "Office 365 Exchange Online", new App("00000002-0000-0ff1-ce00-000000000000",
                    "Office 365 Exchange Online", "00000002-0000-0ff1-ce00-000000000000"),
            "Office 365 SharePoint Online", new App("00000003-0000-0ff1-ce00-000000000000",
                    "Office 365 SharePoint Online", "00000003-0000-0ff1-ce00-000000000000"),
            "Microsoft Teams", new App("1fec8e78-bce4-4aaf-ab1b-5451cc387264", "Microsoft Teams Services",
                    "cc15fd57-2c6c-4117-a88c-83b1d56b4bbe"),
            "OfficeHome", new App("4765445b-32c6-49b0-83e6-1d93765276ca", "Microsoft Graph", GRAPH),
            "Azure Portal", new App("c44b4083-3bb0-49c1-b47d-974e53cbdf3c", "Windows Azure Service Management API",
                    "797f4846-ba00-4fd7-ba43-dac1f8f63013"));

    private final World world;
    private final String resourceId;
    private final HourlyJsonLines lines;
    private final char[] time = new char[UtcText.MAX_LENGTH];
    /** Per application name, and per resource its service principal in this tenant: derived once. */
    private final Map<String, App> apps = new HashMap<>();
    private final Map<String, String> servicePrincipals = new HashMap<>();

    public EntraWriter(World world, OutputDir out) {
        this.world = world;
        this.resourceId = "/tenants/" + world.entraTenantId + "/providers/Microsoft.aadiam";
        // Azure upper-cases the tenant id in the blob path, not in the records.
        String folder = "entra/insights-logs-signinlogs/resourceId=/tenants/"
                + world.entraTenantId.toUpperCase(Locale.ROOT) + "/providers/Microsoft.aadiam/";
        this.lines = new HourlyJsonLines(out, hour -> {
            String t = hour.toString(); // 2026-03-02T14:00:00Z
            return folder + "y=" + t.substring(0, 4) + "/m=" + t.substring(5, 7) + "/d=" + t.substring(8, 10)
                    + "/h=" + t.substring(11, 13) + "/m=00/PT1H.json";
        });
    }

    @Override
    public String source() {
        return "entra";
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof SignIn s) || s.idp() != SignIn.Idp.ENTRA) {
            return;
        }
        Person p = s.person();
        City place = s.place();
        UserAgent ua = UserAgent.parse(s.userAgent());
        App app = app(s.app());
        Outcome o = Outcome.of(s);
        String correlationId = Derived.uuid(s.eventId(), 11);
        JsonGenerator g = lines.begin(s.time());
        timestamp(g, "time", s.time(), 7, ZONE_Z);
        g.writeStringField("resourceId", resourceId);
        g.writeStringField("operationName", "Sign-in activity");
        g.writeStringField("operationVersion", "1.0");
        g.writeStringField("category", "SignInLogs");
        g.writeStringField("tenantId", world.entraTenantId);
        g.writeStringField("resultType", Integer.toString(o.errorCode));
        g.writeStringField("resultSignature", "None");
        if (o.failureReason != null) {
            g.writeStringField("resultDescription", o.failureReason);
        }
        g.writeNumberField("durationMs", 0);
        g.writeStringField("callerIpAddress", s.ip());
        g.writeStringField("correlationId", correlationId);
        g.writeStringField("identity", p.fullName());
        g.writeNumberField("Level", 4);
        g.writeStringField("location", place.country());

        g.writeObjectFieldStart("properties");
        g.writeStringField("id", s.eventId());
        timestamp(g, "createdDateTime", s.time(), 7, ZONE_OFFSET);
        g.writeStringField("userDisplayName", p.fullName());
        g.writeStringField("userPrincipalName", p.workEmail);
        g.writeStringField("userId", p.entraObjectId);
        g.writeStringField("appId", app.appId);
        g.writeStringField("appDisplayName", s.app());
        g.writeStringField("ipAddress", s.ip());
        g.writeStringField("clientAppUsed", "Browser");
        g.writeStringField("userAgent", s.userAgent());
        g.writeStringField("correlationId", correlationId);
        g.writeStringField("conditionalAccessStatus", "notApplied");
        g.writeStringField("originalRequestId", s.eventId());
        g.writeBooleanField("isInteractive", true);
        g.writeStringField("tokenIssuerName", "");
        g.writeStringField("tokenIssuerType", "AzureAD");
        g.writeNumberField("processingTimeInMilliseconds", 60 + Math.floorMod(Derived.hash(s.eventId(), 12), 400));
        g.writeStringField("riskDetail", "none");
        g.writeStringField("riskLevelAggregated", "none");
        g.writeStringField("riskLevelDuringSignIn", "none");
        g.writeStringField("riskState", "none");
        emptyArray(g, "riskEventTypes");
        emptyArray(g, "riskEventTypes_v2");
        g.writeStringField("resourceDisplayName", app.resourceName);
        g.writeStringField("resourceId", app.resourceId);
        g.writeStringField("resourceTenantId", world.entraTenantId);
        g.writeStringField("homeTenantId", world.entraTenantId);
        g.writeStringField("tenantId", world.entraTenantId);
        g.writeStringField("servicePrincipalId", "");
        g.writeStringField("resourceServicePrincipalId", servicePrincipals.computeIfAbsent(app.resourceId,
                r -> Derived.uuid(world.entraTenantId + r, 13)));
        g.writeStringField("uniqueTokenIdentifier", tokenIdentifier(s.eventId()));
        g.writeStringField("sessionId", s.sessionId());
        g.writeStringField("authenticationProtocol", "none");
        g.writeStringField("authenticationRequirement", "multiFactorAuthentication");
        emptyArray(g, "authenticationRequirementPolicies");
        emptyArray(g, "authenticationContextClassReferences");
        emptyArray(g, "authenticationProcessingDetails");
        emptyArray(g, "authenticationStrengths");
        emptyArray(g, "appliedConditionalAccessPolicies");
        emptyArray(g, "conditionalAccessAudiences");
        emptyArray(g, "networkLocationDetails");
        emptyArray(g, "sessionLifetimePolicies");
        g.writeObjectFieldStart("privateLinkDetails");
        g.writeEndObject();
        g.writeStringField("clientCredentialType", "none");
        g.writeStringField("crossTenantAccessType", "none");
        g.writeStringField("incomingTokenType", "none");
        g.writeBooleanField("isTenantRestricted", false);
        g.writeBooleanField("flaggedForReview", false);
        g.writeNumberField("rngcStatus", 0);
        g.writeStringField("ssoExtensionVersion", "");
        g.writeNumberField("autonomousSystemNumber", s.network().asn());
        g.writeStringField("userType", "Member");
        g.writeArrayFieldStart("signInEventTypes");
        g.writeString("interactiveUser");
        g.writeEndArray();

        g.writeObjectFieldStart("status");
        g.writeNumberField("errorCode", o.errorCode);
        if (o.failureReason != null) {
            g.writeStringField("failureReason", o.failureReason);
        }
        g.writeStringField("additionalDetails", o.additionalDetails);
        g.writeEndObject();

        authentication(g, s, o);
        device(g, s, ua);

        g.writeObjectFieldStart("location");
        g.writeStringField("city", place.name());
        g.writeStringField("state", place.regionName());
        g.writeStringField("countryOrRegion", place.country());
        g.writeObjectFieldStart("geoCoordinates");
        g.writeNumberField("latitude", place.lat());
        g.writeNumberField("longitude", place.lon());
        g.writeEndObject();
        g.writeEndObject();

        g.writeEndObject(); // properties
        lines.end();
    }

    /** The steps of a password then Authenticator-push sign-in, as far as this one got. */
    private void authentication(JsonGenerator g, SignIn s, Outcome o) throws IOException {
        boolean passwordOk = o != Outcome.BAD_PASSWORD;
        g.writeArrayFieldStart("authenticationDetails");
        step(g, s.time(), "Password", "Password in the cloud", passwordOk, "Primary authentication",
                passwordOk ? "Correct password"
                        : "Invalid username or password or Invalid on-premise username or password.");
        if (passwordOk) {
            boolean mfaOk = o == Outcome.SUCCESS;
            step(g, s.time(), "Mobile app notification", "", mfaOk, "Multi-factor authentication",
                    mfaOk ? "MFA successfully completed" : "MFA denied; user declined the authentication");
        }
        g.writeEndArray();
        g.writeObjectFieldStart("mfaDetail");
        if (passwordOk) {
            g.writeStringField("authMethod", "Mobile app notification");
            g.writeNullField("authDetail");
        }
        g.writeEndObject();
    }

    private void step(JsonGenerator g, Instant at, String method, String detail, boolean succeeded,
            String requirement, String result) throws IOException {
        g.writeStartObject();
        timestamp(g, "authenticationStepDateTime", at, 0, ZONE_OFFSET);
        g.writeStringField("authenticationMethod", method);
        g.writeStringField("authenticationMethodDetail", detail);
        g.writeBooleanField("succeeded", succeeded);
        g.writeStringField("authenticationStepResultDetail", result);
        g.writeStringField("authenticationStepRequirement", requirement);
        g.writeEndObject();
    }

    private static void device(JsonGenerator g, SignIn s, UserAgent ua) throws IOException {
        Host laptop = s.person().laptop;
        boolean managed = s.managed() && laptop != null;
        g.writeObjectFieldStart("deviceDetail");
        g.writeStringField("deviceId", managed ? laptop.hostUuid().toLowerCase(Locale.ROOT) : "");
        g.writeStringField("displayName", managed ? laptop.hostname() : "");
        g.writeStringField("operatingSystem", ua.entraOs());
        g.writeStringField("browser", ua.entraBrowser());
        g.writeBooleanField("isCompliant", managed);
        g.writeBooleanField("isManaged", managed);
        // Intune joins the Windows laptops; the Macs are registered through Company Portal.
        g.writeStringField("trustType", !managed ? "" : laptop.windows() ? "Azure AD joined" : "Azure AD registered");
        g.writeEndObject();
    }

    private void timestamp(JsonGenerator g, String field, Instant at, int digits, String zone) throws IOException {
        g.writeFieldName(field);
        g.writeString(time, 0, UtcText.format(time, at, digits, zone));
    }

    private static void emptyArray(JsonGenerator g, String field) throws IOException {
        g.writeArrayFieldStart(field);
        g.writeEndArray();
    }

    /** A known first-party application, or the company's own registration asking for Graph. */
    private App app(String name) {
        return apps.computeIfAbsent(name, n -> {
            App known = APPS.get(n);
            return known != null ? known : new App(Derived.uuid(n, 14), "Microsoft Graph", GRAPH);
        });
    }

    /** Entra's uniqueTokenIdentifier: 16 bytes in unpadded base64url. */
    private static String tokenIdentifier(String eventId) {
        long a = Derived.hash(eventId, 15);
        long b = Derived.hash(eventId, 16);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (a >>> (8 * i));
            bytes[8 + i] = (byte) (b >>> (8 * i));
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** How a sign-in ended, in Entra's error codes and wording. */
    private enum Outcome {
        SUCCESS(0, null, "MFA completed in Azure AD"),
        BAD_PASSWORD(50126, "Error validating credentials due to invalid username or password.",
                "The user didn't enter the right credentials. It's expected to see some number of these errors in"
                        + " your logs due to users making mistakes."),
        MFA_DENIED(500121, "Authentication failed during strong authentication request.",
                "MFA denied; user declined the authentication");

        final int errorCode;
        final String failureReason;
        final String additionalDetails;

        Outcome(int errorCode, String failureReason, String additionalDetails) {
            this.errorCode = errorCode;
            this.failureReason = failureReason;
            this.additionalDetails = additionalDetails;
        }

        static Outcome of(SignIn s) {
            if (s.success()) {
                return SUCCESS;
            }
            return "MFA_DENIED".equals(s.failure()) ? MFA_DENIED : BAD_PASSWORD;
        }
    }

    @Override
    public long records() {
        return lines.records();
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
