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
 * (DnsQueryResponse) or {@code event} (the other action types) — with logsource
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
 * the remote address of a logon, and none for the rest (a laptop's LocalIP is a private address).
 */
public final class DefenderEndpointReader extends JsonReader {

    static final String SOURCE = "defender";
    private static final String CATEGORY_PREFIX = "advancedhunting-";
    private static final Set<String> NETWORK_ACTIONS = Set.of("connectionsuccess", "connectionfailed",
            "connectionattempt", "connectionrequest", "connectionfound", "inboundconnectionaccepted",
            "listeningconnectioncreated", "connectionacknowledged", "networksignatureinspected");
    private static final Set<String> INBOUND_ACTIONS = Set.of("inboundconnectionaccepted", "listeningconnectioncreated");

    @Override
    public String id() {
        return "defender-endpoint";
    }

    @Override
    public String description() {
        return "Microsoft Defender for Endpoint advanced hunting events (DeviceProcessEvents, DeviceNetworkEvents, "
                + "DeviceEvents, DeviceRegistryEvents, DeviceLogonEvents, DeviceFileEvents): the streaming API's "
                + "records (Event Hubs or storage account), Sentinel exports and advanced hunting query results";
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
        if (row && (text.contains("\"ReportId\"") || text.contains("\"InitiatingProcessFileName\"")
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
            String category = text(item.get("category"));
            if (category == null) {
                throw new RecordException("category", "is missing: a streaming API record names its table "
                        + "(AdvancedHunting-DeviceProcessEvents, …)");
            }
            String lower = category.toLowerCase(Locale.ROOT);
            table = lower.startsWith(CATEGORY_PREFIX) ? category.substring(CATEGORY_PREFIX.length()) : category;
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
        out.put("Table", table);
        String action = text(row.get("ActionType"));
        String host = text(row.get("DeviceName"));
        if (host != null) {
            out.putIfAbsent("Computer", host);
        }
        String user;
        String sourceIp = null;
        String kind;
        String category;
        switch (table.toLowerCase(Locale.ROOT)) {
            case "deviceprocessevents" -> {
                kind = "process";
                category = "process_creation";
                user = account(row, "Account");
                process(out, row);
            }
            case "devicenetworkevents" -> {
                kind = "network";
                category = "network_connection";
                user = account(row, "InitiatingProcessAccount");
                network(out, row, action);
            }
            case "devicefileevents" -> {
                kind = "file";
                category = "file_event";
                user = account(row, "InitiatingProcessAccount");
                alias(out, "TargetFilename", row.get("FolderPath"));
                alias(out, "Image", row.get("InitiatingProcessFolderPath"));
            }
            case "deviceregistryevents" -> {
                kind = "registry";
                category = "registry_set".equals(registryCategory(action)) ? "registry_set" : "registry_event";
                user = account(row, "InitiatingProcessAccount");
                registry(out, row, action);
            }
            case "devicelogonevents" -> {
                kind = "logon";
                category = null;
                user = account(row, "Account");
                sourceIp = text(row.get("RemoteIP"));
                alias(out, "LogonType", row.get("LogonType"));
                alias(out, "IpAddress", sourceIp);
            }
            case "deviceimageloadevents" -> {
                kind = "image-load";
                category = "image_load";
                user = account(row, "InitiatingProcessAccount");
                alias(out, "ImageLoaded", row.get("FolderPath"));
                alias(out, "Image", row.get("InitiatingProcessFolderPath"));
            }
            case "deviceevents" -> {
                user = account(row, "InitiatingProcessAccount");
                Map<String, Object> extra = additional(row.get("AdditionalFields"), prefix + "AdditionalFields");
                alias(out, "Image", row.get("InitiatingProcessFolderPath"));
                String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
                if (a.equals("pnpdeviceconnected")) {
                    kind = "usb";
                    category = null;
                    alias(out, "DeviceInstanceId", extra.get("DeviceId"));
                    alias(out, "DeviceDescription", extra.get("DeviceDescription"));
                    alias(out, "ClassName", extra.get("ClassName"));
                    alias(out, "VendorIds", extra.get("VendorIds"));
                } else if (a.equals("usbdrivemounted")) {
                    kind = "usb-drive";
                    category = null;
                    alias(out, "DriveLetter", extra.get("DriveLetter"));
                    alias(out, "Manufacturer", extra.get("Manufacturer"));
                    alias(out, "Model", extra.get("ProductName"));
                    alias(out, "SerialNumber", extra.get("SerialNumber"));
                } else if (a.equals("dnsqueryresponse")) {
                    kind = "dns";
                    category = "dns_query";
                    alias(out, "QueryName", extra.get("DnsQueryString"));
                } else {
                    kind = "event";
                    category = null;
                }
                if (!extra.isEmpty()) {
                    out.put("AdditionalFields", extra);
                }
            }
            default -> {
                kind = table.toLowerCase(Locale.ROOT).startsWith("device") ? table.substring(6).toLowerCase(Locale.ROOT)
                        : table.toLowerCase(Locale.ROOT);
                category = null;
                user = account(row, "Account");
            }
        }
        if (user != null) {
            out.putIfAbsent("User", user);
        }
        LogSource logSource = LogSource.of("windows", category, null);
        return new Event(time, SOURCE, "defender." + kind, logSource, user, host, sourceIp, out, origin);
    }

    /** The table a bare row (a query's result) comes from, by its action and columns; null when they do not say. */
    static String table(Map<String, Object> row) {
        String action = text(row.get("ActionType"));
        String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
        if (a.equals("processcreated") || row.containsKey("ProcessCommandLine") && !row.containsKey("RemoteIP")
                && !row.containsKey("RegistryKey")) {
            return "DeviceProcessEvents";
        }
        if (NETWORK_ACTIONS.contains(a) || row.containsKey("RemoteIP") && row.containsKey("RemotePort")
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
        return null;
    }

    /** The row's own {@code Timestamp}, else the envelope's {@code time} or Sentinel's {@code TimeGenerated}. */
    private static Instant time(Map<String, Object> item, Map<String, Object> row, String prefix)
            throws RecordException {
        Object[][] candidates = {{row, "Timestamp", prefix}, {item, "time", ""}, {item, "TimeGenerated", ""}};
        for (Object[] c : candidates) {
            @SuppressWarnings("unchecked")
            Object v = ((Map<String, Object>) c[0]).get((String) c[1]);
            if (v == null || v instanceof String s && s.isBlank()) {
                continue;
            }
            Instant t = Times.parse(v);
            if (t == null) {
                throw RecordException.invalid(c[2] + (String) c[1], "a timestamp", v);
            }
            return t;
        }
        throw new RecordException(prefix + "Timestamp", "is missing: the record has no timestamp");
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
        for (String[] h : new String[][] {{"SHA1", "SHA1"}, {"MD5", "MD5"}, {"SHA256", "SHA256"}}) {
            String v = text(row.get(h[0]));
            if (v != null) {
                hashes.append(hashes.length() == 0 ? "" : ",").append(h[1]).append('=').append(v.toUpperCase(Locale.ROOT));
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
        alias(out, "DestinationHostname", hostOf(text(row.get("RemoteUrl"))));
        alias(out, "SourceIp", row.get("LocalIP"));
        alias(out, "SourcePort", row.get("LocalPort"));
        String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
        alias(out, "Initiated", INBOUND_ACTIONS.contains(a) ? "false" : "true");
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
        String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
        alias(out, "EventType", switch (a) {
            case "registryvalueset" -> "SetValue";
            case "registrykeycreated" -> "CreateKey";
            case "registrykeydeleted", "registryvaluedeleted" -> "DeleteKey";
            default -> null;
        });
    }

    private static String registryCategory(String action) {
        return action != null && action.equalsIgnoreCase("RegistryValueSet") ? "registry_set" : "registry_event";
    }

    /** Sysmon's names for the hives: {@code HKEY_LOCAL_MACHINE\…} → {@code HKLM\…}. */
    static String shortHive(String key) {
        String[][] hives = {{"HKEY_LOCAL_MACHINE", "HKLM"}, {"HKEY_USERS", "HKU"}, {"HKEY_CURRENT_USER", "HKCU"},
            {"HKEY_CLASSES_ROOT", "HKCR"}, {"HKEY_CURRENT_CONFIG", "HKCC"}};
        for (String[] h : hives) {
            if (key.regionMatches(true, 0, h[0], 0, h[0].length())
                    && (key.length() == h[0].length() || key.charAt(h[0].length()) == '\\')) {
                return h[1] + key.substring(h[0].length());
            }
        }
        return key;
    }

    /** A URL's host ({@code https://relay.anydesk.com:443/x} → {@code relay.anydesk.com}); a bare name as it is. */
    static String hostOf(String url) {
        if (url == null) {
            return null;
        }
        String s = url;
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            s = s.substring(scheme + 3);
        }
        int end = s.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = s.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        s = s.substring(0, end);
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            s = s.substring(at + 1);
        }
        if (s.startsWith("[") && s.indexOf(']') > 0) { // an IPv6 address, with or without a port
            s = s.substring(1, s.indexOf(']'));
        } else {
            int colon = s.indexOf(':');
            if (colon >= 0 && colon == s.lastIndexOf(':')) {
                s = s.substring(0, colon);
            }
        }
        return s.isEmpty() ? null : s.toLowerCase(Locale.ROOT);
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
