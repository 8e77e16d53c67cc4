package dev.unravel.ingest.format.crowdstrike;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.Times;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CrowdStrike Falcon Data Replicator events: one JSON object a line with {@code event_simpleName},
 * {@code timestamp} (epoch milliseconds as text), {@code aid}, {@code aip}, {@code cid},
 * {@code event_platform} and the event's own fields ({@code ImageFileName}, {@code CommandLine},
 * {@code RemoteAddressIP4}, {@code DomainName}, …). Also read: the raw FDR event wrapped as Panther
 * stores it ({@code Crowdstrike.FDREvent}: the original under {@code event}, with
 * {@code event_simplename}/{@code fdr_event_type} and a {@code timestamp} text at the top). The inner
 * original wins where the two disagree; the wrapper fills what the original lacks.
 *
 * <p>Logsource: product from {@code event_platform} (Win → windows, Mac → macos, Lin → linux),
 * service {@code crowdstrike}, and the category pySigma's CrowdStrike FDR pipeline gives the event
 * name (ProcessRollup2/SyntheticProcessRollup2 → process_creation, NetworkConnectIP4/6 and
 * NetworkReceiveAcceptIP4/6 → network_connection, DnsRequest → dns_query, DriverLoad →
 * driver_load, ClassifiedModuleLoad → image_load, CommandHistory/ScriptControlScanTelemetry →
 * ps_script, EndOfProcess/TerminateProcess → process_termination). A generic Sigma rule for
 * windows/process_creation therefore selects Falcon process events as it selects Sysmon 1.
 *
 * <p>The document is the FDR event's own fields plus Sigma's names next to them, as pySigma maps
 * them: Image ← ImageFileName (a {@code \Device\HarddiskVolumeN\…} path, kept as logged),
 * User ← UserName, ProcessId ← RawProcessId, Computer ← ComputerName, OriginalFileName ←
 * OriginalFilename, sha256/md5 ← SHA256HashData/MD5HashData; DestinationIp/DestinationPort ←
 * RemoteAddressIP4|6/RemotePort, SourceIp/SourcePort ← LocalAddressIP4|6/LocalPort, Initiated
 * (connect true, accept false); QueryName ← DomainName. ParentImage is not set: FDR carries only
 * the parent's base name ({@code ParentBaseFileName}).
 *
 * <p>Also read, for what a detector looks for on a laptop: {@code DcUsbDeviceConnected} (a USB
 * device plugged in: DeviceDescription ← DevicePropertyDeviceDescription, Manufacturer ←
 * DeviceManufacturer, Model ← DeviceProduct, SerialNumber ← DeviceSerialNumber beside
 * {@code DeviceInstanceId}), {@code UserLogon} and {@code UserLogonFailed2} (a logon to the
 * computer, with its {@code LogonType}; IpAddress ← RemoteAddressIP4, a Remote Desktop client's
 * address), and the {@code aidmaster} secondary records FDR writes
 * beside the events: one a sensor, with no event name, naming the computer
 * ({@code ComputerName}, {@code MachineDomain}, {@code SystemProductName}…) its {@code aid}
 * stands for, at {@code Time} (type {@code asset.falcon-sensor}: a record, as asset exports are);
 * and FDR's other secondary tables (userinfo, managedassets, appinfo, notmanaged), records too:
 * see {@link #secondary}.
 *
 * <p>Actor keys: user UserName (else UserPrincipal, else the account's {@code UserSid}: FDR's
 * process and network events name the account by its SID alone), host ComputerName (else the
 * sensor id {@code aid}: FDR's events carry no computer name, which the aidmaster records give),
 * sourceIp {@code aip}, the address the Falcon cloud saw the sensor connect from. The resolver
 * learns what an aid and a SID stand for from the aidmaster records and the logon events.
 */
public final class CrowdStrikeFdrReader extends JsonReader {

    static final String SOURCE = "crowdstrike";
    static final String SERVICE = "crowdstrike";
    /**
     * The event type of FDR's aidmaster secondary records, which carry no event name: an asset
     * record (an inventory of sensors, read with the HR and asset records), not a log event.
     */
    public static final String AIDMASTER = "asset.falcon-sensor";
    /** FDR's userinfo rows: an account a sensor saw, its SID ({@code UserSid_readable}) and name. */
    public static final String USERINFO = "asset.falcon-user";
    /** FDR's managedassets rows (Falcon Discover): a sensor's network interface, its MAC and gateway. */
    public static final String MANAGED_ASSETS = "asset.falcon-interface";
    /** FDR's appinfo rows (Falcon Discover): an application installed on a sensor's computer. */
    public static final String APPINFO = "asset.falcon-app";
    /** Another secondary table's row (notmanaged, …): kept as it is. */
    public static final String SECONDARY = "asset.falcon-inventory";

    @Override
    public String id() {
        return "crowdstrike-fdr";
    }

    @Override
    public String description() {
        return "CrowdStrike Falcon Data Replicator events (raw or Panther-wrapped): process, network, DNS, USB and logon "
                + "telemetry, and the aidmaster records naming each sensor's computer";
    }

    @Override
    public int probe(Sample sample) {
        if (sample.firstChar() != '{') {
            return 0;
        }
        String text = sample.text();
        boolean name = text.contains("\"event_simpleName\"") || text.contains("\"event_simplename\"");
        boolean sensor = text.contains("\"aid\"") || text.contains("\"cid\"");
        if (name && sensor) {
            return 88;
        }
        if (text.contains("\"fdr_event_type\"") && sensor) {
            return 60;
        }
        if (text.contains("\"aid\"") && text.contains("\"ComputerName\"") && text.contains("\"AgentVersion\"")) {
            return 80; // aidmaster
        }
        if (text.contains("\"cid\"") && text.contains("\"_time\"")) {
            return 60; // the other secondary tables (userinfo, managedassets, appinfo, notmanaged)
        }
        return 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        Object inner = doc.get("event");
        Map<String, Object> raw;
        if (inner instanceof Map<?, ?> m) {
            raw = (Map<String, Object>) m;
        } else if (inner == null || inner instanceof String) {
            raw = doc; // the FDR line itself ("event" is not an FDR field)
        } else {
            throw RecordException.invalid("event", "an object", inner);
        }
        boolean wrapped = raw != doc;

        String name = text(raw.get("event_simpleName"));
        if (name == null) {
            name = firstText(doc, "event_simpleName", "event_simplename", "fdr_event_type");
        }
        if (name == null && !wrapped && text(raw.get("aid")) != null && text(raw.get("ComputerName")) != null
                && (raw.containsKey("AgentVersion") || raw.containsKey("FirstSeen"))) {
            return aidmaster(raw, origin);
        }
        if (name == null && !wrapped && text(raw.get("cid")) != null && raw.containsKey("_time")) {
            return secondary(raw, origin);
        }
        if (name == null) {
            throw new RecordException("event_simpleName", "is missing: not a Falcon Data Replicator event");
        }
        Instant time = time(raw, doc, wrapped);

        Map<String, Object> out = new LinkedHashMap<>(raw);
        if (wrapped) {
            // What the wrapper knows and the original lacks (Panther lifts aid, aip, cid, event_platform).
            for (String key : new String[] {"aid", "aip", "cid", "event_platform", "ComputerName", "UserName", "id", "name"}) {
                Object v = doc.get(key);
                if (v != null && out.get(key) == null) {
                    out.put(key, v);
                }
            }
        }
        out.put("event_simpleName", name);
        String category = category(name);
        aliases(out, name, category);

        String platform = text(out.get("event_platform"));
        LogSource logSource = LogSource.of(product(platform), category, SERVICE);
        String host = text(out.get("ComputerName"));
        if (host == null) {
            host = text(out.get("aid"));
        }
        String user = firstText(out, "UserName", "UserPrincipal", "UserSid");
        return new Event(time, SOURCE, name, logSource, user, host, text(out.get("aip")), out, origin);
    }

    /** A sensor's aidmaster record: the computer its aid stands for, as of {@code Time}. */
    private static Event aidmaster(Map<String, Object> raw, EventRef origin) throws RecordException {
        Object at = raw.get("Time");
        if (at == null || at instanceof String s && s.isBlank()) {
            at = raw.get("FirstSeen");
        }
        if (at == null || at instanceof String s && s.isBlank()) {
            throw new RecordException("Time", "is missing: the aidmaster record has no time");
        }
        Instant time = Times.parse(at);
        if (time == null) {
            throw RecordException.invalid(raw.containsKey("Time") ? "Time" : "FirstSeen", "a timestamp", at);
        }
        LogSource logSource = LogSource.of(product(text(raw.get("event_platform"))), null, SERVICE);
        return new Event(time, SOURCE, AIDMASTER, logSource, null, text(raw.get("ComputerName")), text(raw.get("aip")),
                new LinkedHashMap<>(raw), origin);
    }

    /**
     * A row of one of FDR's other secondary tables, each an inventory with its time in {@code _time}
     * (epoch seconds): userinfo (an account: {@code UserSid_readable}, {@code UserName},
     * {@code LastLoggedOnHost}; given {@code UserSid} too, so the resolver learns the SID's name as
     * from a logon), managedassets (a network interface: {@code MAC}, {@code LocalAddressIP4},
     * {@code GatewayIP}, {@code GatewayMAC}), appinfo (an installed application: {@code FileName},
     * {@code ProductName}, {@code CompanyName}, {@code hostname}, given as {@code ComputerName}), and
     * any other (notmanaged …) kept as it is. All are records, read with the asset records.
     */
    private static Event secondary(Map<String, Object> raw, EventRef origin) throws RecordException {
        Instant time = Times.parse(raw.get("_time"));
        if (time == null) {
            throw RecordException.invalid("_time", "a timestamp", raw.get("_time"));
        }
        Map<String, Object> out = new LinkedHashMap<>(raw);
        String type;
        String user = null;
        String host = text(raw.get("aid"));
        if (text(raw.get("UserSid_readable")) != null && text(raw.get("UserName")) != null) {
            type = USERINFO;
            out.putIfAbsent("UserSid", raw.get("UserSid_readable"));
            user = text(raw.get("UserName"));
            String last = text(raw.get("LastLoggedOnHost"));
            host = last != null ? last : host;
        } else if (host != null && (raw.containsKey("MAC") || raw.containsKey("GatewayMAC"))) {
            type = MANAGED_ASSETS;
        } else if (raw.containsKey("SHA256HashData") && raw.containsKey("FileName")) {
            type = APPINFO;
            String computer = text(raw.get("hostname"));
            if (computer != null) {
                out.putIfAbsent("ComputerName", computer);
                host = computer;
            }
        } else {
            type = SECONDARY;
        }
        LogSource logSource = LogSource.of(product(text(raw.get("event_platform"))), null, SERVICE);
        String ip = text(raw.get("externalIP"));
        return new Event(time, SOURCE, type, logSource, user, host, ip != null ? ip : text(raw.get("aip")), out, origin);
    }

    /**
     * When it happened on the host: {@code ContextTimeStamp} where the event has one (DnsRequest,
     * NetworkConnect…), else {@code timestamp}; for a wrapped event the wrapper's {@code timestamp}
     * or {@code p_event_time} when the original has neither.
     */
    private static Instant time(Map<String, Object> raw, Map<String, Object> doc, boolean wrapped)
            throws RecordException {
        String prefix = wrapped ? "event." : "";
        Object[][] candidates = {{raw, "ContextTimeStamp", prefix}, {raw, "timestamp", prefix}, {doc, "timestamp", ""},
                {doc, "p_event_time", ""}};
        for (Object[] c : candidates) {
            @SuppressWarnings("unchecked")
            Map<String, Object> from = (Map<String, Object>) c[0];
            Object v = from.get((String) c[1]);
            if (v == null || (v instanceof String s && s.isBlank())) {
                continue;
            }
            Instant t = Times.parse(v);
            if (t == null) {
                throw RecordException.invalid(c[2] + (String) c[1], "a timestamp", v);
            }
            return t;
        }
        throw new RecordException(prefix + "timestamp", "is missing: the record has no timestamp");
    }

    /** pySigma's CrowdStrike FDR pipeline, event name to Sigma category; null for the rest. */
    static String category(String name) {
        return switch (name) {
            case "ProcessRollup2", "SyntheticProcessRollup2" -> "process_creation";
            case "NetworkConnectIP4", "NetworkConnectIP6", "NetworkReceiveAcceptIP4", "NetworkReceiveAcceptIP6" ->
                    "network_connection";
            case "DnsRequest" -> "dns_query";
            case "DriverLoad" -> "driver_load";
            case "ClassifiedModuleLoad" -> "image_load";
            case "CommandHistory", "ScriptControlScanTelemetry" -> "ps_script";
            case "EndOfProcess", "TerminateProcess" -> "process_termination";
            default -> null;
        };
    }

    static String product(String platform) {
        if (platform == null) {
            return null;
        }
        return switch (platform.toLowerCase(java.util.Locale.ROOT)) {
            case "win", "windows" -> "windows";
            case "mac", "macos" -> "macos";
            case "lin", "linux" -> "linux";
            default -> null;
        };
    }

    private static void aliases(Map<String, Object> out, String name, String category) {
        if ("process_creation".equals(category)) {
            alias(out, "Image", "ImageFileName");
            alias(out, "User", "UserName");
            alias(out, "ProcessId", "RawProcessId");
            alias(out, "Computer", "ComputerName");
            alias(out, "OriginalFileName", "OriginalFilename");
            alias(out, "sha256", "SHA256HashData");
            alias(out, "md5", "MD5HashData");
        } else if ("network_connection".equals(category)) {
            alias(out, "DestinationIp", name.endsWith("6") ? "RemoteAddressIP6" : "RemoteAddressIP4");
            alias(out, "DestinationPort", "RemotePort");
            alias(out, "SourceIp", name.endsWith("6") ? "LocalAddressIP6" : "LocalAddressIP4");
            alias(out, "SourcePort", "LocalPort");
            if (out.get("Initiated") == null) {
                out.put("Initiated", name.startsWith("NetworkConnect") ? "true" : "false");
            }
        } else if ("dns_query".equals(category)) {
            alias(out, "QueryName", "DomainName");
        } else if (name.startsWith("DcUsbDevice")) {
            alias(out, "DeviceDescription", "DevicePropertyDeviceDescription");
            alias(out, "Manufacturer", "DeviceManufacturer");
            alias(out, "Model", "DeviceProduct");
            alias(out, "SerialNumber", "DeviceSerialNumber");
        } else if (name.startsWith("UserLogon")) {
            // Windows' name for a logon's client (a Remote Desktop client's address), as Defender's reader gives it
            alias(out, "IpAddress", "RemoteAddressIP4");
        } else if ("image_load".equals(category) || "driver_load".equals(category)) {
            alias(out, "ImageLoaded", "ImageFileName");
            alias(out, "sha256", "SHA256HashData");
            alias(out, "md5", "MD5HashData");
        }
    }

    private static void alias(Map<String, Object> out, String sigma, String fdr) {
        Object v = out.get(fdr);
        if (v != null && out.get(sigma) == null) {
            out.put(sigma, v);
        }
    }

    private static String firstText(Map<String, Object> doc, String... keys) {
        for (String k : keys) {
            String v = text(doc.get(k));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static String text(Object v) {
        if (v == null || v instanceof Map || v instanceof java.util.List) {
            return null;
        }
        String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }
}
