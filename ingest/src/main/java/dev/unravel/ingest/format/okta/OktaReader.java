package dev.unravel.ingest.format.okta;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.JsonRecords;
import dev.unravel.ingest.read.NumberedSink;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Okta System Log events ({@code LogEvent}), as {@code GET /api/v1/logs} returns them (a JSON
 * array), one a line (NDJSON), as an event hook delivers them ({@code {"eventType":
 * "com.okta.event_hook", …, "data":{"events":[…]}}}: each event of the hook is a record of its own,
 * an error naming it as {@code data.events.2.published}), or from exports that lower-case every
 * key ({@code eventtype}, {@code actor.alternateid}). Lower-cased keys are restored to the System
 * Log schema's camelCase names in the document, so rules and detectors see one shape.
 *
 * <p>Type is {@code eventType}; time is {@code published} (UTC; ISO-8601 or the exporters'
 * {@code 2024-05-02 18:46:21.121000000}); user is {@code actor.alternateId}; source IP is
 * {@code client.ipAddress} (else the first hop of {@code request.ipChain}). Okta names no host:
 * {@code client.device} is a category ({@code Computer}, {@code Mobile}), and the Okta Verify
 * phone of an MFA event stays in the document's top-level {@code device}.
 */
public final class OktaReader extends JsonReader {

    private static final LogSource LOGSOURCE = LogSource.of("okta", null, "okta");

    /** Keys of the System Log schema (LogEvent and its objects, common debugData and detailEntry keys). */
    private static final String[] SCHEMA_KEYS = {
        // LogEvent
        "uuid", "published", "eventType", "version", "severity", "legacyEventType", "displayMessage", "actor",
        "client", "device", "request", "outcome", "target", "transaction", "debugContext", "authenticationContext",
        "securityContext", "insertionTimestamp",
        // Actor / Target
        "id", "type", "alternateId", "displayName", "detailEntry", "changeDetails", "from", "to",
        // Client, UserAgent, GeographicalContext, Geolocation
        "userAgent", "rawUserAgent", "os", "browser", "zone", "ipAddress", "geographicalContext", "city", "state",
        "country", "postalCode", "geolocation", "lat", "lon",
        // Device (Okta Verify)
        "name", "os_platform", "os_version", "managed", "registered", "device_integrator", "disk_encryption_type",
        "screen_lock_type", "jailbreak", "secure_hardware_present",
        // Request, IpAddress
        "ipChain", "ip", "source",
        // Outcome
        "result", "reason",
        // Transaction
        "detail", "requestApiTokenId",
        // AuthenticationContext, Issuer
        "authenticationProvider", "credentialProvider", "credentialType", "issuer", "interface", "authenticationStep",
        "rootSessionId", "externalSessionId",
        // SecurityContext
        "asNumber", "asOrg", "isp", "domain", "isProxy",
        // DebugContext
        "debugData", "requestId", "requestUri", "url", "dtHash", "threatSuspected", "origin", "authnRequestId",
        "deviceFingerprint", "behaviors", "risk", "logOnlySecurityData", "factor", "factorIntent",
        "oktaUserAgentExtended", "rateLimitBucketUuid", "rateLimitScopeType", "rateLimitSecondsToReset", "threshold",
        "timeSpan", "timeUnit", "userId", "warningPercent", "grantType", "grantedScopes", "requestedScopes",
        "redirectUri", "responseMode", "responseType", "privilegeGranted", "loginResult", "threatDetections",
        "clientAddress", "initiationType", "signOnMode", "changedAttributes", "targetEventHookIds", "tunnels",
        "pushOnlyResponseType", "pushWithNumberChallengeResponseType", "authMethodFirstEnrollment",
        "authMethodFirstType", "authMethodFirstVerificationTime", "authMethodSecondEnrollment",
        "authMethodSecondType", "authMethodSecondVerificationTime", "suspiciousActivityBrowser",
        "suspiciousActivityEventCity", "suspiciousActivityEventCountry", "suspiciousActivityEventId",
        "suspiciousActivityEventIp", "suspiciousActivityEventLatitude", "suspiciousActivityEventLongitude",
        "suspiciousActivityEventState", "suspiciousActivityEventTransactionId", "suspiciousActivityEventType",
        "suspiciousActivityOs", "suspiciousActivityTimestamp", "operationRateLimitScopeType",
        "operationRateLimitSecondsToReset", "operationRateLimitSubtype", "operationRateLimitThreshold",
        "operationRateLimitTimeSpan", "operationRateLimitTimeUnit", "operationRateLimitType",
        // detailEntry
        "methodTypeUsed", "methodUsedVerifiedProperties", "signOnModeType", "signOnModeEvaluationResult",
        "policyType", "policyRuleFactorMode",
    };

    /** Lower-cased name → schema name, for the keys whose schema name is not already lower case. */
    private static final Map<String, String> CAMEL = new HashMap<>();

    static {
        for (String k : SCHEMA_KEYS) {
            String lower = k.toLowerCase(Locale.ROOT);
            if (!lower.equals(k)) {
                CAMEL.put(lower, k);
            }
        }
    }

    @Override
    public String id() {
        return "okta";
    }

    @Override
    public String description() {
        return "Okta System Log (API JSON array, NDJSON, lower-cased-key exports)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            SampleKeys k = SampleKeys.of(sample);
            if (!k.hasIgnoreCase("eventType")) {
                return 0;
            }
            int marks = k.countIgnoreCase("published", "legacyEventType", "displayMessage", "alternateId",
                    "authenticationContext", "debugContext", "securityContext", "outcome");
            if (marks >= 3) {
                return 92;
            }
            return marks >= 1 && k.hasIgnoreCase("actor") ? 60 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** The event type of an event hook's delivery, which holds System Log events in {@code data.events}. */
    static final String EVENT_HOOK = "com.okta.event_hook";

    @Override
    public void read(Input input, RecordSink to) throws IOException {
        NumberedSink sink = new NumberedSink(to);
        JsonRecords.read(input, sink, (doc, record, line) -> {
            // "published" first: every System Log event has it, found at once, so the ordinary record
            // costs one hit; only a record without it is looked at as a hook's delivery
            if (doc.get("published") == null && EVENT_HOOK.equals(doc.get("eventType"))
                    && doc.get("data") instanceof Map<?, ?> data && data.get("events") instanceof List<?> events) {
                // Each event of a hook's delivery is a record of its own, read or rejected alone.
                sink.entries(input, line, "data.events", events, this::convert);
                return;
            }
            Event e = convert(doc, new EventRef(input.name(), sink.current()));
            if (e != null) {
                sink.accept(e);
            }
        });
    }

    @Override
    protected Event convert(Map<String, Object> raw, EventRef origin) throws RecordException {
        Map<String, Object> doc = normalise(raw);
        Instant time = time(doc, "published");
        Object et = doc.get("eventType");
        if (et != null && !(et instanceof String)) {
            throw RecordException.invalid("eventType", "text", et);
        }
        String type = Docs.text(doc, "eventType");
        if (type == null) {
            throw RecordException.missing("eventType");
        }
        String user = Docs.text(doc, "actor.alternateId");
        if (user != null && (user.equalsIgnoreCase("unknown") || user.equalsIgnoreCase("null"))) {
            user = null;
        }
        String ip = Docs.text(doc, "client.ipAddress");
        if (ip == null || ip.equalsIgnoreCase("null")) {
            ip = Docs.text(doc, "request.ipChain.0.ip");
        }
        return new Event(time, "okta", type, LOGSOURCE, user, null, ip, doc, origin);
    }

    /**
     * The document with every lower-cased schema key restored to its camelCase name. A record
     * whose top level has the schema's own {@code eventType} key was not lower-cased and is
     * returned as it is: lower-casing exporters lower-case the top level at least (42 records of
     * the vendor sample have lower-cased top-level keys over camelCase nested ones; none has it the
     * other way round), and walking every map of every record cost a twelfth of the reader
     * threads' time.
     */
    static Map<String, Object> normalise(Map<String, Object> doc) {
        if (doc.containsKey("eventType") && !doc.containsKey("eventtype")) {
            return doc;
        }
        Object n = normaliseNode(doc, 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) n;
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Object normaliseNode(Object node, int depth) {
        if (depth > 64) {
            return node;
        }
        if (node instanceof Map<?, ?> raw) {
            Map<String, Object> map = (Map<String, Object>) raw;
            boolean rename = false;
            for (String k : map.keySet()) {
                if (k != null && CAMEL.containsKey(k) && !map.containsKey(CAMEL.get(k))) {
                    rename = true;
                    break;
                }
            }
            Map<String, Object> out = rename ? new LinkedHashMap<>(map.size() * 2) : map;
            for (Map.Entry<String, Object> e : map.entrySet()) {
                Object v = e.getValue();
                Object nv = v instanceof Map || v instanceof List ? normaliseNode(v, depth + 1) : v;
                if (rename) {
                    String k = e.getKey();
                    String camel = k == null ? null : CAMEL.get(k);
                    out.put(camel != null && !map.containsKey(camel) ? camel : k, nv);
                } else if (nv != v) {
                    e.setValue(nv);
                }
            }
            return out;
        }
        if (node instanceof List<?> raw) {
            List<Object> list = (List<Object>) raw;
            for (int i = 0; i < list.size(); i++) {
                Object v = list.get(i);
                if (v instanceof Map || v instanceof List) {
                    Object nv = normaliseNode(v, depth + 1);
                    if (nv != v) {
                        list.set(i, nv);
                    }
                }
            }
            return list;
        }
        return node;
    }

    /** For tests: the restored name of a lower-cased key, or the key itself. */
    static String camel(String key) {
        return CAMEL.getOrDefault(key, key);
    }

    static List<String> schemaKeys() {
        return new ArrayList<>(List.of(SCHEMA_KEYS));
    }
}
