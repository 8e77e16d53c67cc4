package dev.unravel.ingest.format.m365;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Microsoft 365 unified audit log records (SharePoint and OneDrive file activity, Exchange
 * mailbox and admin actions, Entra ID directory changes, Teams, ...), as the Office 365
 * Management Activity API returns them ({@code CreationTime}, {@code Operation},
 * {@code Workload}, {@code UserId}, {@code ClientIP}; one a line or an API array), as exports
 * that lower-case every top-level key ({@code creationtime}, {@code operation}), and as Microsoft
 * Sentinel's {@code OfficeActivity} table ({@code TimeGenerated}, {@code OfficeWorkload},
 * {@code Client_IPAddress}). Top-level keys are given the Management Activity schema's names, so
 * rules and detectors see one shape whichever export it was.
 *
 * <p>Type is {@code m365.} + {@code Operation} ({@code m365.FileDownloaded},
 * {@code m365.Set-Mailbox}); logsource {@code m365}/{@code audit}, as SigmaHQ's m365 audit rules
 * ask; time is {@code CreationTime} (UTC, written without a zone), else {@code TimeGenerated};
 * user is {@code UserId}; source IP is {@code ClientIP} (else {@code ClientIPAddress},
 * {@code ActorIpAddress}), without the port some workloads append ({@code 1.2.3.4:51234},
 * {@code [2001:db8::7]:443}).
 */
public final class M365AuditReader extends JsonReader {

    private static final LogSource LOGSOURCE = LogSource.of("m365", null, "audit");

    /** Top-level keys of the common and workload schemas that exports lower-case or Sentinel renames. */
    private static final String[] SCHEMA_KEYS = {
        "CreationTime", "Id", "Operation", "OrganizationId", "RecordType", "ResultStatus", "UserKey", "UserType",
        "Version", "Workload", "ClientIP", "ObjectId", "UserId", "Scope", "AppAccessContext",
        // SharePoint and OneDrive
        "Site", "SiteUrl", "ItemType", "EventSource", "SourceFileName", "SourceFileExtension", "SourceRelativeUrl",
        "DestinationFileName", "DestinationFileExtension", "DestinationRelativeUrl", "ListItemUniqueId",
        "WebId", "UserAgent", "EventData", "TargetUserOrGroupName", "TargetUserOrGroupType", "SharingType",
        "ApplicationId", "ApplicationDisplayName", "GeoLocation", "IsManagedDevice", "DeviceDisplayName",
        // Exchange
        "ExternalAccess", "OrganizationName", "OriginatingServer", "Parameters", "ClientIPAddress", "ClientInfoString",
        "LogonType", "MailboxGuid", "MailboxOwnerUPN", "MailboxOwnerSid", "LogonUserSid", "Folders", "Item",
        "AffectedItems", "OperationProperties", "SessionId",
        // Entra ID
        "Actor", "ActorContextId", "ActorIpAddress", "AzureActiveDirectoryEventType", "ExtendedProperties",
        "ModifiedProperties", "Target", "TargetContextId", "InterSystemsId", "IntraSystemId", "SupportTicketId",
        "LogonError", "ErrorNumber",
    };

    /** Lower-cased name → schema name; Sentinel's OfficeActivity names → schema names. */
    private static final Map<String, String> NAMES = new HashMap<>();

    static {
        for (String k : SCHEMA_KEYS) {
            NAMES.put(k.toLowerCase(Locale.ROOT), k);
        }
        NAMES.put("officeworkload", "Workload");
        NAMES.put("client_ipaddress", "ClientIPAddress");
        NAMES.put("logon_type", "LogonType");
        NAMES.put("officeid", "Id");
    }

    @Override
    public String id() {
        return "m365-audit";
    }

    @Override
    public String description() {
        return "Microsoft 365 unified audit log (Management Activity API, lower-cased exports, Sentinel OfficeActivity)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            SampleKeys k = SampleKeys.of(sample);
            if (!k.hasIgnoreCase("Operation") || !(k.hasIgnoreCase("CreationTime") || k.has("TimeGenerated"))) {
                return 0;
            }
            int marks = k.countIgnoreCase("Workload", "OfficeWorkload", "RecordType", "OrganizationId", "UserKey",
                    "UserType", "ResultStatus");
            return marks >= 3 ? 90 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    protected Event convert(Map<String, Object> raw, EventRef origin) throws RecordException {
        Map<String, Object> doc = normalise(raw);
        Instant time = time(doc, "CreationTime", "TimeGenerated");
        Object op = doc.get("Operation");
        if (op != null && !(op instanceof String)) {
            throw RecordException.invalid("Operation", "text", op);
        }
        String operation = Docs.text(doc, "Operation");
        if (operation == null) {
            throw RecordException.missing("Operation");
        }
        String ip = withoutPort(Docs.text(doc, "ClientIP"));
        if (ip == null) {
            ip = withoutPort(Docs.text(doc, "ClientIPAddress"));
        }
        if (ip == null) {
            ip = withoutPort(Docs.text(doc, "ActorIpAddress"));
        }
        return new Event(time, "m365", "m365." + operation, LOGSOURCE, Docs.text(doc, "UserId"), null, ip, doc,
                origin);
    }

    /**
     * The record with its top-level keys under the schema's names; the same map when they already
     * are (the Management Activity API's own records), so most records are not copied.
     */
    static Map<String, Object> normalise(Map<String, Object> doc) {
        boolean rename = false;
        for (String k : doc.keySet()) {
            String name = NAMES.get(k.toLowerCase(Locale.ROOT));
            if (name != null && !name.equals(k) && !doc.containsKey(name)) {
                rename = true;
                break;
            }
        }
        if (!rename) {
            return doc;
        }
        Map<String, Object> out = new LinkedHashMap<>(doc.size() * 2);
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            String k = e.getKey();
            String name = NAMES.get(k.toLowerCase(Locale.ROOT));
            out.put(name != null && !doc.containsKey(name) ? name : k, e.getValue());
        }
        return out;
    }

    /** {@code 1.2.3.4:51234} → {@code 1.2.3.4}; {@code [2001:db8::7]:443} → {@code 2001:db8::7}; else as given. */
    static String withoutPort(String ip) {
        if (ip == null) {
            return null;
        }
        if (ip.startsWith("[")) {
            int close = ip.indexOf(']');
            return close > 1 ? ip.substring(1, close) : ip;
        }
        int colon = ip.indexOf(':');
        if (colon > 0 && colon == ip.lastIndexOf(':') && ip.indexOf('.') > 0) {
            return ip.substring(0, colon);
        }
        return ip;
    }
}
