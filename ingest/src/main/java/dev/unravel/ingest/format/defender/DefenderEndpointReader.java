package dev.unravel.ingest.format.defender;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.JsonRecords;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.Times;
import dev.unravel.ingest.read.UrlHosts;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Microsoft Defender for Endpoint's advanced hunting events, in the three shapes they leave
 * Microsoft's cloud:
 * <ul>
 *   <li>the streaming API (Defender XDR → Settings → Streaming API) to Event Hubs, each message a
 *       {@code {"records":[…]}} batch, or to a storage account, one record a line: {@code time},
 *       {@code tenantId}, {@code operationName}, {@code category} ({@code
 *       AdvancedHunting-DeviceProcessEvents}, …) and the table's row under {@code properties};</li>
 *   <li>Microsoft Sentinel's (Log Analytics') copy of the tables, exported as JSON: the row itself
 *       with {@code Type} naming its table and {@code TimeGenerated};</li>
 *   <li>advanced hunting query results ({@code POST /api/advancedhunting/run}'s {@code Results},
 *       Microsoft Graph's {@code runHuntingQuery} {@code results}, or rows one a line): the table is
 *       told by {@code ActionType} and the columns present, as a query need not name it.</li>
 * </ul>
 *
 * <p>Each row becomes an event of type {@code defender.<kind>} — {@code process}
 * (DeviceProcessEvents), {@code network} (DeviceNetworkEvents), {@code file}, {@code registry},
 * {@code logon}, {@code image-load}, and from DeviceEvents {@code usb} (PnpDeviceConnected),
 * {@code usb-drive} (UsbDriveMounted: its DriveLetter, Manufacturer, Model, SerialNumber), {@code dns}
 * (DnsQueryResponse) or {@code event} (the other action types), and {@code info} (DeviceInfo: the
 * device, the public address Defender's cloud saw its sensor connect from, who is signed in) — with logsource
 * windows and the Sigma category pySigma's Microsoft 365 Defender pipeline gives the table. The
 * document is the row as Defender wrote it plus Sigma's (Sysmon's) names beside its own, so that a
 * Sigma rule and a detector read Defender's process starts as they read Sysmon's: Image ←
 * FolderPath (the file's whole path), CommandLine ← ProcessCommandLine, OriginalFileName,
 * Company, Product, Description ← ProcessVersionInfo*, ParentImage ← InitiatingProcessFolderPath,
 * User ← AccountDomain\AccountName, Hashes from SHA1/MD5/SHA256; DestinationIp/Port ←
 * RemoteIP/Port, DestinationHostname ← RemoteUrl's host, SourceIp/Port ← LocalIP/Port;
 * TargetObject ← RegistryKey\RegistryValueName (hive names shortened as Sysmon writes them:
 * HKLM, HKU), Details ← RegistryValueData; QueryName ← DnsQueryString; DeviceInstanceId and
 * DeviceDescription ← the plugged device's DeviceId and DeviceDescription. {@code
 * AdditionalFields}, a JSON text in the streaming API and an object in query results, is read
 * either way.
 *
 * <p>Actor keys: user AccountUpn where Defender resolved it, else DOMAIN\name of the account (the
 * initiating process's for network, file, registry and device events); host DeviceName; source IP
 * the remote address of a logon, DeviceInfo's {@code PublicIP} (and its user the first of
 * {@code LoggedOnUsers}), and none for the rest (a laptop's LocalIP is a private address).
 */
public final class DefenderEndpointReader extends JsonReader {

    static final String SOURCE = "defender";
    private static final String CATEGORY_PREFIX = "AdvancedHunting-";
    private static final Set<String> NETWORK_ACTIONS = caseless("ConnectionSuccess", "ConnectionFailed",
            "ConnectionAttempt", "ConnectionRequest", "ConnectionFound", "InboundConnectionAccepted",
            "ListeningConnectionCreated", "ConnectionAcknowledged", "NetworkSignatureInspected");
    private static final Set<String> INBOUND_ACTIONS = caseless("InboundConnectionAccepted",
            "ListeningConnectionCreated");
    private static final String[][] HIVES = {{"HKEY_LOCAL_MACHINE", "HKLM"}, {"HKEY_USERS", "HKU"},
        {"HKEY_CURRENT_USER", "HKCU"}, {"HKEY_CLASSES_ROOT", "HKCR"}, {"HKEY_CURRENT_CONFIG", "HKCC"}};
    private static final String[] HASHES = {"SHA1", "MD5", "SHA256"};

    /**
     * What a row becomes: its event type and logsource, made once — a stream of millions of rows
     * should not build the same strings per row.
     */
    private record Kind(String table, String type, LogSource logSource) {
        Kind(String table, String kind, String category) {
            this(table, "defender." + kind, LogSource.of("windows", category, null));
        }
    }

    private static final Kind PROCESS = new Kind("DeviceProcessEvents", "process", "process_creation");
    private static final Kind NETWORK = new Kind("DeviceNetworkEvents", "network", "network_connection");
    private static final Kind FILE = new Kind("DeviceFileEvents", "file", "file_event");
    private static final Kind REGISTRY_SET = new Kind("DeviceRegistryEvents", "registry", "registry_set");
    private static final Kind REGISTRY = new Kind("DeviceRegistryEvents", "registry", "registry_event");
    private static final Kind LOGON = new Kind("DeviceLogonEvents", "logon", (String) null);
    private static final Kind IMAGE_LOAD = new Kind("DeviceImageLoadEvents", "image-load", "image_load");
    private static final Kind DEVICE = new Kind("DeviceEvents", "event", (String) null);
    private static final Kind USB = new Kind("DeviceEvents", "usb", (String) null);
    private static final Kind USB_DRIVE = new Kind("DeviceEvents", "usb-drive", (String) null);
    private static final Kind DNS = new Kind("DeviceEvents", "dns", "dns_query");
    private static final Kind INFO = new Kind("DeviceInfo", "info", (String) null);

    /** The tables by name, with or without the streaming API's prefix, in any case. */
    private static final Map<String, Kind> TABLES = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        for (Kind k : new Kind[] {PROCESS, NETWORK, FILE, REGISTRY, LOGON, IMAGE_LOAD, DEVICE, INFO}) {
            TABLES.put(k.table(), k);
            TABLES.put(CATEGORY_PREFIX + k.table(), k);
        }
    }

    private static Set<String> caseless(String... values) {
        Set<String> set = new java.util.TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(java.util.Arrays.asList(values));
        return java.util.Collections.unmodifiableSet(set);
    }

    @Override
    public String id() {
        return "defender-endpoint";
    }

    @Override
    public String description() {
        return "Microsoft Defender for Endpoint advanced hunting events (DeviceProcessEvents, DeviceNetworkEvents, "
                + "DeviceEvents, DeviceRegistryEvents, DeviceLogonEvents, DeviceFileEvents, DeviceInfo): the streaming "
                + "API's records (Event Hubs or storage account), Sentinel exports and advanced hunting query results";
    }

    @Override
    public int probe(Sample sample) {
        int c = sample.firstChar();
        if (c != '{' && c != '[') {
            return 0;
        }
        String text = sample.text();
        if (text.contains("\"AdvancedHunting-Device") || text.contains("\"advancedhunting-device")) {
            return 92;
        }
        boolean row = text.contains("\"DeviceName\"") && text.contains("\"ActionType\"");
        // DeviceInfo's rows name no action: the device, the address its sensor connects from, its system
        boolean info = text.contains("\"DeviceName\"") && text.contains("\"PublicIP\"")
                && text.contains("\"OSPlatform\"");
        if (info || row && (text.contains("\"ReportId\"") || text.contains("\"InitiatingProcessFileName\"")
                || text.contains("\"DeviceId\""))) {
            return 80;
        }
        return 0;
    }

    @Override
    public void read(Input input, RecordSink to) throws IOException {
        readPages(input, to, DefenderEndpointReader::rows);
    }

    /** The rows a record holds when it is an Event Hubs batch or a query's result; null when it is a row. */
    private static Page rows(Map<String, Object> doc) {
        if (doc.containsKey("properties") || doc.containsKey("Timestamp") || doc.containsKey("ActionType")) {
            return null;
        }
        for (String key : new String[] {"records", "Results", "results", "value"}) {
            if (doc.get(key) instanceof List<?> rows) {
                return new Page(key, rows);
            }
        }
        return null;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Event convert(Map<String, Object> item, EventRef origin) throws RecordException {
        Map<String, Object> row;
        String table;
        String prefix;
        if (item.get("properties") instanceof Map<?, ?> props) {
            row = (Map<String, Object>) props;
            prefix = "properties.";
            table = text(item.get("category"));
            if (table == null) {
                throw new RecordException("category", "is missing: a streaming API record names its table "
                        + "(AdvancedHunting-DeviceProcessEvents, …)");
            }
        } else {
            row = item;
            prefix = "";
            String type = text(item.get("Type"));
            table = type != null ? type : table(item);
        }
        if (table == null) {
            throw new RecordException("ActionType", "does not say which advanced hunting table the row is from, "
                    + "and the record has no category or Type naming one: "
                    + Limits.quote(item.get("ActionType")));
        }
        Instant time = time(item, row, prefix);
        Map<String, Object> out = new LinkedHashMap<>(row);
        if (!prefix.isEmpty()) { // what the envelope knows and a consumer of the row may want
            out.putIfAbsent("TenantId", item.get("tenantId"));
        }
        String action = text(row.get("ActionType"));
        String host = text(row.get("DeviceName"));
        if (host != null) {
            out.putIfAbsent("Computer", host);
        }
        Kind kind = TABLES.get(table);
        // the account the row is about: the process's own for a process start or a logon, else its initiator's
        String user = kind == INFO ? loggedOnUser(row.get("LoggedOnUsers"), prefix + "LoggedOnUsers")
                : kind == null || kind == PROCESS || kind == LOGON ? account(row, "Account")
                : account(row, "InitiatingProcessAccount");
        String sourceIp = null;
        if (kind == null) { // a table no detector reads: kept, named after it
            String name = table.regionMatches(true, 0, CATEGORY_PREFIX, 0, CATEGORY_PREFIX.length())
                    ? table.substring(CATEGORY_PREFIX.length()) : table;
            String lower = name.toLowerCase(Locale.ROOT);
            kind = new Kind(name, lower.startsWith("device") ? lower.substring(6) : lower, (String) null);
        } else if (kind == PROCESS) {
            process(out, row);
        } else if (kind == NETWORK) {
            network(out, row, action);
        } else if (kind == FILE) {
            alias(out, "TargetFilename", row.get("FolderPath"));
            alias(out, "Image", row.get("InitiatingProcessFolderPath"));
        } else if (kind == REGISTRY) {
            kind = "RegistryValueSet".equalsIgnoreCase(action) ? REGISTRY_SET : REGISTRY;
            registry(out, row, action);
        } else if (kind == LOGON) {
            sourceIp = text(row.get("RemoteIP"));
            alias(out, "IpAddress", sourceIp);
        } else if (kind == IMAGE_LOAD) {
            alias(out, "ImageLoaded", row.get("FolderPath"));
            alias(out, "Image", row.get("InitiatingProcessFolderPath"));
        } else if (kind == DEVICE) {
            kind = deviceEvent(out, row, action, prefix);
        } else if (kind == INFO) {
            // where Defender's cloud saw the sensor connect from: the laptop's network (home, farm, VPN exit)
            sourceIp = text(row.get("PublicIP"));
        }
        out.put("Table", kind.table());
        if (user != null) {
            out.putIfAbsent("User", user);
        }
        return new Event(time, SOURCE, kind.type(), kind.logSource(), user, host, sourceIp, out, origin);
    }

    /** A DeviceEvents row: a plugged-in device, a USB drive, a DNS look-up, or another action kept as it is. */
    private static Kind deviceEvent(Map<String, Object> out, Map<String, Object> row, String action, String prefix)
            throws RecordException {
        Map<String, Object> extra = additional(row.get("AdditionalFields"), prefix + "AdditionalFields");
        alias(out, "Image", row.get("InitiatingProcessFolderPath"));
        if (!extra.isEmpty()) {
            out.put("AdditionalFields", extra);
        }
        if ("PnpDeviceConnected".equalsIgnoreCase(action)) {
            alias(out, "DeviceInstanceId", extra.get("DeviceId"));
            alias(out, "DeviceDescription", extra.get("DeviceDescription"));
            alias(out, "ClassName", extra.get("ClassName"));
            alias(out, "VendorIds", extra.get("VendorIds"));
            return USB;
        }
        if ("UsbDriveMounted".equalsIgnoreCase(action)) {
            alias(out, "DriveLetter", extra.get("DriveLetter"));
            alias(out, "Manufacturer", extra.get("Manufacturer"));
            alias(out, "Model", extra.get("ProductName"));
            alias(out, "SerialNumber", extra.get("SerialNumber"));
            return USB_DRIVE;
        }
        if ("DnsQueryResponse".equalsIgnoreCase(action)) {
            alias(out, "QueryName", extra.get("DnsQueryString"));
            return DNS;
        }
        return DEVICE;
    }

    /** The table a bare row (a query's result) comes from, by its action and columns; null when they do not say. */
    static String table(Map<String, Object> row) {
        String action = text(row.get("ActionType"));
        String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
        if (a.equals("processcreated") || row.containsKey("ProcessCommandLine") && !row.containsKey("RemoteIP")
                && !row.containsKey("RegistryKey")) {
            return "DeviceProcessEvents";
        }
        if (action != null && NETWORK_ACTIONS.contains(action) || row.containsKey("RemoteIP") && row.containsKey("RemotePort")
                && !row.containsKey("LogonType")) {
            return "DeviceNetworkEvents";
        }
        if (a.startsWith("registry") || row.containsKey("RegistryKey")) {
            return "DeviceRegistryEvents";
        }
        if (a.startsWith("logon") || row.containsKey("LogonType")) {
            return "DeviceLogonEvents";
        }
        if (a.equals("imageloaded")) {
            return "DeviceImageLoadEvents";
        }
        if (a.startsWith("file") && row.containsKey("FolderPath")) {
            return "DeviceFileEvents";
        }
        if (!a.isEmpty() && (row.containsKey("AdditionalFields") || row.containsKey("DeviceName"))) {
            return "DeviceEvents";
        }
        if (a.isEmpty() && row.containsKey("PublicIP") && row.containsKey("DeviceName")) {
            return "DeviceInfo";
        }
        return null;
    }

    /** The row's own {@code Timestamp}, else the envelope's {@code time} or Sentinel's {@code TimeGenerated}. */
    private static Instant time(Map<String, Object> item, Map<String, Object> row, String prefix)
            throws RecordException {
        Instant t = timeAt(row, "Timestamp", prefix);
        if (t == null) {
            t = timeAt(item, "time", "");
        }
        if (t == null) {
            t = timeAt(item, "TimeGenerated", "");
        }
        if (t == null) {
            throw new RecordException(prefix + "Timestamp", "is missing: the record has no timestamp");
        }
        return t;
    }

    /** The time at {@code key}, null when absent or blank; an error naming the field when it is no time. */
    private static Instant timeAt(Map<String, Object> doc, String key, String prefix) throws RecordException {
        Object v = doc.get(key);
        if (v == null || v instanceof String s && s.isBlank()) {
            return null;
        }
        Instant t = Times.parse(v);
        if (t == null) {
            throw RecordException.invalid(prefix + key, "a timestamp", v);
        }
        return t;
    }

    private static void process(Map<String, Object> out, Map<String, Object> row) {
        alias(out, "Image", row.get("FolderPath"));
        alias(out, "CommandLine", row.get("ProcessCommandLine"));
        alias(out, "OriginalFileName", row.get("ProcessVersionInfoOriginalFileName"));
        alias(out, "Company", row.get("ProcessVersionInfoCompanyName"));
        alias(out, "Product", row.get("ProcessVersionInfoProductName"));
        alias(out, "Description", row.get("ProcessVersionInfoFileDescription"));
        alias(out, "IntegrityLevel", row.get("ProcessIntegrityLevel"));
        alias(out, "ParentImage", row.get("InitiatingProcessFolderPath"));
        alias(out, "ParentCommandLine", row.get("InitiatingProcessCommandLine"));
        alias(out, "ParentProcessId", row.get("InitiatingProcessId"));
        alias(out, "ParentUser", account(row, "InitiatingProcessAccount"));
        StringBuilder hashes = new StringBuilder();
        for (String h : HASHES) { // as Sysmon's Hashes field writes them
            String v = text(row.get(h));
            if (v != null) {
                hashes.append(hashes.length() == 0 ? "" : ",").append(h).append('=').append(v.toUpperCase(Locale.ROOT));
            }
        }
        if (hashes.length() > 0) {
            alias(out, "Hashes", hashes.toString());
        }
    }

    private static void network(Map<String, Object> out, Map<String, Object> row, String action) {
        alias(out, "Image", row.get("InitiatingProcessFolderPath"));
        alias(out, "DestinationIp", row.get("RemoteIP"));
        alias(out, "DestinationPort", row.get("RemotePort"));
        alias(out, "DestinationHostname", UrlHosts.hostOf(text(row.get("RemoteUrl"))));
        alias(out, "SourceIp", row.get("LocalIP"));
        alias(out, "SourcePort", row.get("LocalPort"));
        alias(out, "Initiated", action != null && INBOUND_ACTIONS.contains(action) ? "false" : "true");
    }

    private static void registry(Map<String, Object> out, Map<String, Object> row, String action) {
        String key = text(row.get("RegistryKey"));
        String value = text(row.get("RegistryValueName"));
        if (key != null) {
            key = shortHive(key);
            alias(out, "TargetObject", value == null ? key : key + "\\" + value);
        }
        alias(out, "Details", row.get("RegistryValueData"));
        alias(out, "Image", row.get("InitiatingProcessFolderPath"));
        alias(out, "EventType", "RegistryValueSet".equalsIgnoreCase(action) ? "SetValue"
                : "RegistryKeyCreated".equalsIgnoreCase(action) ? "CreateKey"
                : "RegistryKeyDeleted".equalsIgnoreCase(action) || "RegistryValueDeleted".equalsIgnoreCase(action)
                        ? "DeleteKey" : null);
    }

    /** Sysmon's names for the hives: {@code HKEY_LOCAL_MACHINE\…} → {@code HKLM\…}. */
    static String shortHive(String key) {
        for (String[] h : HIVES) {
            if (key.regionMatches(true, 0, h[0], 0, h[0].length())
                    && (key.length() == h[0].length() || key.charAt(h[0].length()) == '\\')) {
                return h[1] + key.substring(h[0].length());
            }
        }
        return key;
    }

    /** {@code <prefix>Upn}, else {@code <prefix>Domain\<prefix>Name}, else the name alone. */
    private static String account(Map<String, Object> row, String prefix) {
        String upn = text(row.get(prefix + "Upn"));
        if (upn != null) {
            return upn;
        }
        String name = text(row.get(prefix + "Name"));
        if (name == null) {
            return null;
        }
        String domain = text(row.get(prefix + "Domain"));
        return domain == null ? name : domain + "\\" + name;
    }

    /**
     * The first account of DeviceInfo's {@code LoggedOnUsers} — a JSON text in the streaming API, a
     * list in query results: {@code [{"UserName":"jdoe","DomainName":"NORTHWIND","Sid":"S-1-5-…"}]} —
     * as {@code DOMAIN\name}; null when no one is signed in.
     */
    private static String loggedOnUser(Object v, String field) throws RecordException {
        Object users = v;
        if (v instanceof String s) {
            String t = s.strip();
            if (t.isEmpty()) {
                return null;
            }
            try {
                users = JsonRecords.value(t.getBytes(java.nio.charset.StandardCharsets.UTF_8), Limits.DEFAULT);
            } catch (IOException | RecordException e) {
                throw RecordException.invalid(field, "a JSON list of accounts", v);
            }
        }
        if (users == null) {
            return null;
        }
        if (!(users instanceof List<?> list)) {
            throw RecordException.invalid(field, "a JSON list of accounts", v);
        }
        for (Object u : list) {
            if (u instanceof Map<?, ?> m && text(m.get("UserName")) != null) {
                String domain = text(m.get("DomainName"));
                return domain == null ? text(m.get("UserName")) : domain + "\\" + text(m.get("UserName"));
            }
        }
        return null;
    }

    /** AdditionalFields: an object in query results, a JSON text in the streaming API; empty when absent. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> additional(Object v, String field) throws RecordException {
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        if (v instanceof String s) {
            String t = s.strip();
            if (t.isEmpty()) {
                return Map.of();
            }
            try {
                return JsonRecords.object(t.getBytes(java.nio.charset.StandardCharsets.UTF_8), Limits.DEFAULT);
            } catch (IOException | RecordException e) {
                // not JSON, or not an object: said below
            }
        }
        throw RecordException.invalid(field, "a JSON object", v);
    }

    private static void alias(Map<String, Object> out, String sigma, Object value) {
        if (value != null && !(value instanceof String s && s.isBlank()) && out.get(sigma) == null) {
            out.put(sigma, value);
        }
    }

    private static String text(Object v) {
        if (v == null || v instanceof Map || v instanceof List) {
            return null;
        }
        String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }
}
