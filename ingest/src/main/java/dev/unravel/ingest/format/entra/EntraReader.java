package dev.unravel.ingest.format.entra;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import dev.unravel.ingest.read.Times;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Microsoft Entra ID sign-in and audit logs, in both shapes they reach a security team:
 * <ul>
 *   <li>Microsoft Graph: {@code /auditLogs/signIns} ({@code createdDateTime},
 *       {@code userPrincipalName}, {@code status}, …) and {@code /auditLogs/directoryAudits}
 *       ({@code activityDateTime}, {@code activityDisplayName}, {@code initiatedBy}, …) objects,
 *       alone, one a line, in an array, or in the API's {@code {"value":[…]}} page;</li>
 *   <li>the Azure Monitor diagnostic export ({@code time}, {@code category}, {@code properties}
 *       holding the Graph object), one a line as a storage account's {@code PT1H.json} holds them,
 *       or in Event Hubs' {@code {"records":[…]}} batch; exports that lower-case the envelope's
 *       keys ({@code calleripaddress}) too.</li>
 * </ul>
 *
 * <p>Each record is read for what it is, sign-in or audit, whichever of the two readers was
 * chosen for the file: diagnostic streams mix categories, and rules are dispatched on the record.
 * The two ids differ only in what their probes claim. A sign-in is type {@code signin}, logsource
 * azure/signinlogs, time {@code createdDateTime}, user {@code userPrincipalName} (a service
 * principal's name for workload sign-ins), source IP {@code ipAddress}, host
 * {@code deviceDetail.displayName}. An audit record is type {@code audit.<activity>}
 * ({@code activityDisplayName} in lower snake case), logsource azure/auditlogs, time
 * {@code activityDateTime}, user {@code initiatedBy.user.userPrincipalName} (else the initiating
 * app), source IP {@code initiatedBy.user.ipAddress}. The Monitor envelope's {@code time} and
 * {@code callerIpAddress} stand in when the inner fields are absent.
 *
 * <p>Each entry of a page or batch is a record of its own: a page with some bad entries yields the
 * good entries' events and one error per bad entry, naming it ({@code value.3.createdDateTime}).
 */
public abstract class EntraReader extends JsonReader {

    static final LogSource SIGNIN = LogSource.of("azure", null, "signinlogs");
    static final LogSource AUDIT = LogSource.of("azure", null, "auditlogs");

    private static final Set<String> SIGNIN_CATEGORIES = Set.of("signinlogs", "noninteractiveusersigninlogs",
            "serviceprincipalsigninlogs", "managedidentitysigninlogs", "adfssigninlogs");
    private static final Set<String> AUDIT_CATEGORIES = Set.of("auditlogs");

    private enum Kind { SIGNIN, AUDIT }

    @Override
    public void read(Input input, RecordSink to) throws IOException {
        readPages(input, to, EntraReader::page);
    }

    /** {@code value} (a Graph page) or {@code records} (an Event Hubs batch) when the record is a wrapper. */
    private static Page page(Map<String, Object> doc) {
        if (doc.get("value") instanceof List<?> value && !doc.containsKey("createdDateTime")
                && !doc.containsKey("activityDateTime") && !doc.containsKey("properties")) {
            return new Page("value", value);
        }
        if (doc.get("records") instanceof List<?> records && !doc.containsKey("time") && !doc.containsKey("properties")) {
            return new Page("records", records);
        }
        return null;
    }

    @Override
    protected Event convert(Map<String, Object> item, EventRef origin) throws RecordException {
        Object rawProps = Docs.getIgnoreCase(item, "properties");
        boolean monitor = rawProps instanceof Map && (Docs.getIgnoreCase(item, "category") != null
                || Docs.getIgnoreCase(item, "operationName") != null || Docs.getIgnoreCase(item, "time") != null);
        @SuppressWarnings("unchecked")
        Map<String, Object> body = monitor ? (Map<String, Object>) rawProps : item;
        String prefix = monitor ? "properties." : "";
        Kind kind = kind(item, body, monitor);
        return kind == Kind.SIGNIN ? signIn(item, body, monitor, prefix, origin)
                : audit(item, body, monitor, prefix, origin);
    }

    private static Kind kind(Map<String, Object> item, Map<String, Object> body, boolean monitor)
            throws RecordException {
        String category = null;
        if (monitor) {
            Object c = Docs.getIgnoreCase(item, "category");
            category = c instanceof String s ? s.toLowerCase(Locale.ROOT) : null;
            if (category != null && SIGNIN_CATEGORIES.contains(category)) {
                return Kind.SIGNIN;
            }
            if (category != null && AUDIT_CATEGORIES.contains(category)) {
                return Kind.AUDIT;
            }
        }
        if (has(body, "activityDateTime") || has(body, "activityDisplayName")
                || has(body, "initiatedBy") && has(body, "loggedByService")) {
            return Kind.AUDIT;
        }
        if (has(body, "createdDateTime") && (has(body, "userPrincipalName") || has(body, "appId")
                || has(body, "servicePrincipalId") || get(body, "status") instanceof Map)) {
            return Kind.SIGNIN;
        }
        if (monitor) {
            throw new RecordException("category", "is not an Entra ID sign-in or audit log category, and the "
                    + "properties are neither a sign-in nor an audit record: "
                    + Limits.quote(Docs.getIgnoreCase(item, "category")));
        }
        throw new RecordException(null, "is neither an Entra ID sign-in (createdDateTime, userPrincipalName, status)"
                + " nor an audit record (activityDateTime, activityDisplayName), nor a diagnostic export record"
                + " (time, category, properties)");
    }

    private Event signIn(Map<String, Object> item, Map<String, Object> body, boolean monitor, String prefix,
            EventRef origin) throws RecordException {
        Instant time = time(item, body, monitor, prefix, "createdDateTime");
        String user = text(body, "userPrincipalName");
        if (user == null) {
            user = text(body, "servicePrincipalName");
        }
        String ip = text(body, "ipAddress");
        if (ip == null && monitor) {
            ip = text(item, "callerIpAddress");
        }
        String host = text(body, "deviceDetail.displayName");
        return new Event(time, "entra", "signin", SIGNIN, user, host, ip, item, origin);
    }

    private Event audit(Map<String, Object> item, Map<String, Object> body, boolean monitor, String prefix,
            EventRef origin) throws RecordException {
        Instant time = time(item, body, monitor, prefix, "activityDateTime");
        String activity = text(body, "activityDisplayName");
        if (activity == null) {
            activity = text(body, "operationName");
        }
        if (activity == null && monitor) {
            activity = text(item, "operationName");
        }
        if (activity == null) {
            throw RecordException.missing(prefix + "activityDisplayName");
        }
        String user = text(body, "initiatedBy.user.userPrincipalName");
        if (user == null) {
            user = text(body, "initiatedBy.app.servicePrincipalName");
        }
        if (user == null) {
            user = text(body, "initiatedBy.app.displayName");
        }
        String ip = text(body, "initiatedBy.user.ipAddress");
        if (ip == null && monitor) {
            ip = text(item, "callerIpAddress");
            if (ip == null) {
                ip = text(item, "ipAddress");
            }
        }
        return new Event(time, "entra", "audit." + slug(activity), AUDIT, user, null, ip, item, origin);
    }

    /** The record's own time ({@code createdDateTime}/{@code activityDateTime}), else the envelope's {@code time}. */
    private static Instant time(Map<String, Object> item, Map<String, Object> body, boolean monitor, String prefix,
            String field) throws RecordException {
        Object v = get(body, field);
        String name = prefix + field;
        if (blank(v) && monitor) {
            v = Docs.getIgnoreCase(item, "time");
            name = "time";
        }
        if (blank(v)) {
            throw new RecordException(prefix + field, "is missing: the record has no timestamp");
        }
        Instant t = v instanceof String || v instanceof Number ? Times.parse(v) : null;
        if (t == null) {
            throw RecordException.invalid(name, "a timestamp", v);
        }
        return t;
    }

    private static boolean blank(Object v) {
        return v == null || v instanceof String s && s.isBlank();
    }

    private static boolean has(Map<String, Object> m, String key) {
        return get(m, key) != null;
    }

    /** Exact names first (the common case, and cheap); then ignoring case, for lower-casing exports. */
    private static Object get(Map<String, Object> m, String path) {
        Object v = Docs.get(m, path);
        return v != null ? v : Docs.getIgnoreCase(m, path);
    }

    private static String text(Map<String, Object> m, String path) {
        Object v = get(m, path);
        if (!(v instanceof String s)) {
            return null;
        }
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /** {@code Add member to role} → {@code add_member_to_role}. */
    static String slug(String activity) {
        StringBuilder b = new StringBuilder(Math.min(activity.length(), 120));
        boolean gap = false;
        for (int i = 0; i < activity.length() && b.length() < 120; i++) {
            char c = Character.toLowerCase(activity.charAt(i));
            if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
                if (gap && b.length() > 0) {
                    b.append('_');
                }
                b.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return b.length() == 0 ? "unknown" : b.toString();
    }

    // ---------------------------------------------------------------- probing

    /** What a sample shows: sign-in marks, audit marks. */
    record Marks(boolean signIn, boolean audit) {
    }

    static Marks marks(Sample sample) {
        SampleKeys k = SampleKeys.of(sample);
        if (k.isEmpty()) {
            return new Marks(false, false);
        }
        String text = sample.text().toLowerCase(Locale.ROOT);
        boolean monitor = k.hasIgnoreCase("properties") && k.hasIgnoreCase("category")
                && (k.hasIgnoreCase("operationName") || k.hasIgnoreCase("resourceId") || k.hasIgnoreCase("time"));
        boolean signIn = monitor && text.contains("signinlogs\"")
                || k.hasIgnoreCase("createdDateTime") && k.hasIgnoreCase("userPrincipalName")
                        && k.countIgnoreCase("conditionalAccessStatus", "appDisplayName", "isInteractive",
                                "clientAppUsed", "deviceDetail", "resourceDisplayName", "authenticationDetails") >= 1;
        boolean audit = monitor && text.contains("\"auditlogs\"")
                || k.hasIgnoreCase("activityDateTime")
                        && k.countIgnoreCase("activityDisplayName", "initiatedBy", "loggedByService",
                                "targetResources") >= 2;
        return new Marks(signIn, audit);
    }
}
