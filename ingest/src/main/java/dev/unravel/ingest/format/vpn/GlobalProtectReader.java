package dev.unravel.ingest.format.vpn;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.CsvRecords;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.FirstChar;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import dev.unravel.ingest.read.Times;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Palo Alto Networks GlobalProtect VPN logs as a PAN-OS firewall or Panorama forwards them over
 * syslog: the {@code GLOBALPROTECT} log type, CSV in PAN-OS's field order, one log a line, with or
 * without the syslog header before it ({@code <14>Oct  1 08:02:11 PA-3220 1,2026/10/01 …}).
 * PAN-OS 9.1 put the sequence number and action flags after the serial number (the type in the
 * sixth column); 10.0 and later moved them back and added the high-resolution time, the gateway
 * and the device group: both layouts are told by where the type stands.
 *
 * <p>Every connection of the GlobalProtect app leaves a trail — portal and gateway pre-login,
 * authentication, configuration, registration, the tunnel connected, host checks, the logout — and
 * each names the account, the computer ({@code Machine Name}, its serial number and host id), the
 * address it came from ({@code Public IP}) and the address the tunnel gave it ({@code Private IP}).
 * For this scheme that is the laptop's own view: a company laptop at a laptop farm connects from
 * the farm's broadband, whatever the operator's own sign-ins show.
 *
 * <p>Types: {@code vpn.authentication} (portal and gateway authentication, succeeded or failed),
 * {@code vpn.session.start} (the tunnel connected), {@code vpn.session.end} (logout, with
 * {@code login_duration} in seconds) and {@code vpn.event} for the rest; source
 * {@code globalprotect}, logsource {@code paloalto}/{@code vpn}. User {@code source_user}, host
 * {@code machine_name}, source IP {@code public_ip} (the IPv6 one when the IPv4 is
 * {@code 0.0.0.0}); the document holds every field by its PAN-OS name in snake case.
 *
 * <p>Time: the high-resolution timestamp (PAN-OS 10.0 and later, ISO 8601 with its offset) when
 * the log has it, else {@code Generated Time}, which has no zone and is read as UTC (set the
 * firewall's syslog server profile to UTC, or use a PAN-OS that writes the high-resolution time).
 * Other PAN-OS log types forwarded to the same file (TRAFFIC, THREAT, SYSTEM, …) are kept as
 * {@code panos.traffic} and so on, with their generated time and raw columns, so a mixed syslog
 * file reads whole.
 *
 * <p>Also the JSON that Strata Logging Service (Cortex Data Lake) forwards over HTTPS, as Prisma
 * Access's cloud GlobalProtect reaches a SIEM: one log an object ({@code EventIDValue},
 * {@code SourceUserName}, {@code EndpointDeviceName}, {@code PublicIPv4}, {@code PrivateIPv4},
 * {@code EndpointSN}, {@code EventStatus}, {@code TimeGenerated} …), one a line or in an array; its
 * keys are given the syslog fields' names above, so both read as one. Its times are read by
 * {@code TimeGeneratedHighResolution}, else {@code TimeGenerated}, as UTC unless they carry an offset.
 */
public final class GlobalProtectReader implements Reader {

    private static final LogSource LOGSOURCE = LogSource.of("paloalto", "vpn", null);
    private static final String SOURCE = "globalprotect";

    /**
     * The GLOBALPROTECT fields from the log's type on, in PAN-OS 10.0–11.x order (9.1's ends at
     * {@code portal}); the three columns before the type are the future-use field, the receive time
     * and the serial number, and 9.1 adds the sequence number and action flags there.
     */
    static final List<String> COLUMNS = List.of("type", "subtype", "config_version", "time_generated", "vsys",
            "event_id", "stage", "auth_method", "tunnel_type", "source_user", "source_region", "machine_name",
            "public_ip", "public_ipv6", "private_ip", "private_ipv6", "host_id", "serial_number", "client_version",
            "client_os", "client_os_version", "repeat_count", "reason", "error", "description", "status", "location",
            "login_duration", "connect_method", "error_code", "portal", "sequence_number", "action_flags",
            "high_res_timestamp", "selection_type", "response_time", "priority", "attempted_gateways", "gateway",
            "dg_hier_level_1", "dg_hier_level_2", "dg_hier_level_3", "dg_hier_level_4", "vsys_name", "device_name",
            "vsys_id", "cluster_name");

    /** The last column every GlobalProtect log has (counted from the type): a shorter line was cut. */
    private static final int STATUS_AT = COLUMNS.indexOf("status");

    /** Column of the type in PAN-OS 10.0 and later, and in 9.1. */
    private static final int TYPE_AT = 3;
    private static final int TYPE_AT_9_1 = 5;

    @Override
    public String id() {
        return "globalprotect";
    }

    @Override
    public String description() {
        return "Palo Alto Networks GlobalProtect VPN logs: PAN-OS syslog (GLOBALPROTECT log type, CSV, PAN-OS 9.1 "
                + "to 11.x, with or without the syslog header) and Strata Logging Service JSON (Prisma Access)";
    }

    /** Strata Logging Service's HTTPS (JSON) names for the GlobalProtect fields, to their syslog names. */
    static final Map<String, String> HTTPS_NAMES = Map.ofEntries(Map.entry("LogType", "type"),
            Map.entry("LogSubtype", "subtype"), Map.entry("TimeReceived", "receive_time"),
            Map.entry("DeviceSN", "serial"), Map.entry("ConfigVersion", "config_version"),
            Map.entry("TimeGenerated", "time_generated"), Map.entry("VirtualSystem", "vsys"),
            Map.entry("EventIDValue", "event_id"), Map.entry("Stage", "stage"), Map.entry("AuthMethod", "auth_method"),
            Map.entry("TunnelType", "tunnel_type"), Map.entry("SourceUserName", "source_user"),
            Map.entry("SourceRegion", "source_region"), Map.entry("EndpointDeviceName", "machine_name"),
            Map.entry("PublicIPv4", "public_ip"), Map.entry("PublicIPv6", "public_ipv6"),
            Map.entry("PrivateIPv4", "private_ip"), Map.entry("PrivateIPv6", "private_ipv6"),
            Map.entry("HostID", "host_id"), Map.entry("EndpointSN", "serial_number"),
            Map.entry("GlobalProtectClientVersion", "client_version"), Map.entry("EndpointOSType", "client_os"),
            Map.entry("EndpointOSVersion", "client_os_version"), Map.entry("CountOfRepeats", "repeat_count"),
            Map.entry("QuarantineReason", "reason"), Map.entry("ConnectionError", "error"),
            Map.entry("Description", "description"), Map.entry("EventStatus", "status"),
            Map.entry("GlobalProtectGatewayLocation", "location"), Map.entry("LoginDuration", "login_duration"),
            Map.entry("ConnectionMethod", "connect_method"), Map.entry("ConnectionErrorID", "error_code"),
            Map.entry("Portal", "portal"), Map.entry("SequenceNo", "sequence_number"),
            Map.entry("TimeGeneratedHighResolution", "high_res_timestamp"),
            Map.entry("GatewaySelectionType", "selection_type"), Map.entry("SSLResponseTime", "response_time"),
            Map.entry("GatewayPriority", "priority"), Map.entry("AttemptedGateways", "attempted_gateways"),
            Map.entry("Gateway", "gateway"), Map.entry("VirtualSystemName", "vsys_name"),
            Map.entry("DeviceName", "device_name"), Map.entry("VirtualSystemID", "vsys_id"));

    @Override
    public int probe(Sample sample) {
        try {
            int first = sample.firstChar();
            if (first == '{' || first == '[') {
                SampleKeys k = SampleKeys.of(sample);
                return k.has("EventIDValue") && (k.has("SourceUserName") || k.has("PublicIPv4"))
                        && (k.has("TimeGenerated") || k.has("TimeGeneratedHighResolution")) ? 90 : 0;
            }
            String line = sample.firstLine();
            if (line == null || line.isEmpty()) {
                return 0;
            }
            int start = csvStart(line);
            if (start < 0) {
                return 0;
            }
            String[] head = line.substring(start).split(",", 8);
            if (head.length < 7) {
                return 0;
            }
            if (head[TYPE_AT].equalsIgnoreCase("GLOBALPROTECT") || head[TYPE_AT_9_1].equalsIgnoreCase(
                    "GLOBALPROTECT")) {
                return 95;
            }
            // Another PAN-OS log type first: a mixed syslog file is ours only if it holds GlobalProtect logs
            return sample.contains(",GLOBALPROTECT,") ? 80 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        // The first character tells Strata Logging Service's JSON from syslog.
        FirstChar.readJsonOrText(input, sink, GlobalProtectReader::json,
                text -> CsvRecords.readRows(text, sink, ',', fields -> false, row -> {
                    String[] fields = new String[row.size()];
                    for (int i = 0; i < fields.length; i++) {
                        fields[i] = row.get(i);
                    }
                    sink.accept(row(fields, new EventRef(input.name(), row.record())));
                }));
    }

    /** One log line's fields as an event (the first may still carry the syslog header). */
    static Event row(String[] fields, EventRef origin) throws RecordException {
        if (fields.length > 0) {
            fields[0] = afterSyslogHeader(fields[0]);
        }
        int typeAt = fields.length > TYPE_AT && fields[TYPE_AT].equalsIgnoreCase("GLOBALPROTECT") ? TYPE_AT
                : fields.length > TYPE_AT_9_1 && fields[TYPE_AT_9_1].equalsIgnoreCase("GLOBALPROTECT") ? TYPE_AT_9_1
                : -1;
        if (typeAt < 0) {
            return otherLog(fields, origin);
        }
        int least = typeAt + STATUS_AT + 1;
        if (fields.length < least) {
            throw new RecordException(COLUMNS.get(fields.length - typeAt), "is missing: the GlobalProtect log is cut "
                    + "short at " + fields.length + " columns, where PAN-OS writes at least " + least);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("receive_time", fields[1]);
        doc.put("serial", fields[2]);
        if (typeAt == TYPE_AT_9_1) {
            doc.put("sequence_number", fields[3]);
            doc.put("action_flags", fields[4]);
        }
        for (int i = typeAt; i < fields.length; i++) {
            int c = i - typeAt;
            String name = c < COLUMNS.size() ? COLUMNS.get(c) : "column" + (i + 1);
            if (!fields[i].isEmpty()) {
                doc.put(name, fields[i]);
            }
        }
        return event(time(doc), doc, origin);
    }

    /** The event of a GlobalProtect log whose fields have their syslog names. */
    private static Event event(Instant time, Map<String, Object> doc, EventRef origin) throws RecordException {
        String eventId = Docs.text(doc, "event_id");
        if (eventId == null) {
            throw RecordException.missing("event_id");
        }
        Number duration = integer(doc, "login_duration");
        if (duration != null) {
            doc.put("login_duration", duration);
        }
        String publicIp = address(Docs.text(doc, "public_ip"));
        if (publicIp == null) {
            publicIp = address(Docs.text(doc, "public_ipv6"));
        }
        return new Event(time, SOURCE, type(eventId), LOGSOURCE, Docs.text(doc, "source_user"),
                Docs.text(doc, "machine_name"), publicIp, doc, origin);
    }

    /** One Strata Logging Service (HTTPS JSON) log as an event, its keys given the syslog names. */
    static Event json(Map<String, Object> record, EventRef origin) throws RecordException {
        Map<String, Object> doc = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : record.entrySet()) {
            Object v = e.getValue();
            if (v != null && !(v instanceof String str && str.isBlank())) {
                doc.put(HTTPS_NAMES.getOrDefault(e.getKey(), e.getKey()), v);
            }
        }
        Object type = doc.get("type");
        if (type != null && !type.toString().equalsIgnoreCase("GLOBALPROTECT")) {
            throw RecordException.invalid("LogType", "a GlobalProtect log (GLOBALPROTECT)", type);
        }
        Instant time = null;
        for (String key : new String[] {"high_res_timestamp", "time_generated"}) {
            Object v = doc.get(key);
            if (v != null && time == null) {
                time = Times.parse(v);
                if (time == null) {
                    throw RecordException.invalid(key.equals("high_res_timestamp") ? "TimeGeneratedHighResolution"
                            : "TimeGenerated", "a time", v);
                }
            }
        }
        if (time == null) {
            throw RecordException.missing("TimeGenerated");
        }
        // errors name the feed's own keys
        if (Docs.text(doc, "event_id") == null) {
            throw RecordException.missing("EventIDValue");
        }
        Object duration = doc.get("login_duration");
        if (duration != null && !(duration instanceof Integer || duration instanceof Long)
                && !duration.toString().strip().matches("\\d+")) {
            throw RecordException.invalid("LoginDuration", "a whole number of seconds", duration);
        }
        return event(time, doc, origin);
    }

    /**
     * The event's type from PAN-OS's event id: {@code portal-auth}, {@code gateway-auth} (and the
     * short {@code gw-auth} some versions write) are authentications, {@code gateway-connected} the
     * tunnel coming up, {@code gateway-logout} (and {@code portal-logout}) its end.
     */
    static String type(String eventId) {
        String id = eventId.toLowerCase(Locale.ROOT);
        if (id.endsWith("-connected")) {
            return "vpn.session.start";
        }
        if (id.endsWith("-logout")) {
            return "vpn.session.end";
        }
        if (id.endsWith("-auth")) {
            return "vpn.authentication";
        }
        return "vpn.event";
    }

    /** Another PAN-OS log type in the same syslog file: its generated time, its type and its columns. */
    private static Event otherLog(String[] fields, EventRef origin) throws RecordException {
        if (fields.length < 7 || fields[3].isBlank()) {
            throw new RecordException("type", "is missing: not a PAN-OS syslog log line (the log type in column 4 "
                    + "and the generated time in column 7); " + fields.length + " columns");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("receive_time", fields[1]);
        doc.put("serial", fields[2]);
        doc.put("type", fields[3]);
        doc.put("subtype", fields[4]);
        doc.put("time_generated", fields[6]);
        for (int i = 7; i < fields.length; i++) {
            if (!fields[i].isEmpty()) {
                doc.put("column" + (i + 1), fields[i]);
            }
        }
        Instant time = panosTime(fields[6]);
        if (time == null) {
            throw RecordException.invalid("time_generated", "a PAN-OS time (yyyy/MM/dd HH:mm:ss)", fields[6]);
        }
        String type = "panos." + fields[3].strip().toLowerCase(Locale.ROOT);
        return new Event(time, "panos", type, LogSource.of("paloalto", null, null), null, null, null, doc, origin);
    }

    private static Instant time(Map<String, Object> doc) throws RecordException {
        String precise = Docs.text(doc, "high_res_timestamp");
        if (precise != null) {
            try {
                return OffsetDateTime.parse(precise).toInstant();
            } catch (DateTimeParseException e) {
                throw RecordException.invalid("high_res_timestamp", "an ISO 8601 time with its offset", precise);
            }
        }
        String generated = Docs.text(doc, "time_generated");
        if (generated == null) {
            throw RecordException.missing("time_generated");
        }
        Instant t = panosTime(generated);
        if (t == null) {
            throw RecordException.invalid("time_generated", "a PAN-OS time (yyyy/MM/dd HH:mm:ss)", generated);
        }
        return t;
    }

    /** {@code 2026/10/01 08:02:10} (no zone: read as UTC), or null. */
    static Instant panosTime(String s) {
        String v = s.strip();
        if (v.length() != 19 || v.charAt(4) != '/' || v.charAt(7) != '/' || v.charAt(10) != ' ') {
            return null;
        }
        try {
            return LocalDateTime.parse(v.replace('/', '-').replace(' ', 'T')).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Where the CSV starts in a syslog line: the field before the first
     * {@code ,yyyy/MM/dd HH:mm:ss,} (PAN-OS's receive time), after the header's last space or
     * {@code >}; -1 when the line holds no such time.
     */
    static int csvStart(String line) {
        for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', comma + 1)) {
            if (comma + 21 <= line.length() && panosTime(line.substring(comma + 1, comma + 20)) != null
                    && line.charAt(comma + 20) == ',') {
                int start = comma;
                while (start > 0 && line.charAt(start - 1) != ' ' && line.charAt(start - 1) != '>') {
                    start--;
                }
                return start;
            }
        }
        return -1;
    }

    /** The first CSV field without the syslog header before it ({@code <14>Oct  1 08:02:11 PA-3220 1} → {@code 1}). */
    static String afterSyslogHeader(String first) {
        int cut = Math.max(first.lastIndexOf(' '), first.lastIndexOf('>'));
        return cut < 0 ? first : first.substring(cut + 1);
    }

    private static Number integer(Map<String, Object> doc, String key) throws RecordException {
        String v = Docs.text(doc, key);
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw RecordException.invalid(key, "a whole number of seconds", v);
        }
    }

    /** An address worth naming: not empty, not PAN-OS's {@code 0.0.0.0} or {@code ::} for none. */
    private static String address(String v) {
        return v == null || v.equals("0.0.0.0") || v.equals("::") ? null : v;
    }
}
