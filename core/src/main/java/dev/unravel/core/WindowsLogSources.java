package dev.unravel.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which Sigma logsource a Windows event belongs to, from its channel and event id: one table for
 * the readers (evtx JSON, Winlogbeat, flat exports) and the Sigma engine.
 *
 * <p>Services are SigmaHQ's Windows service names (the taxonomy appendix and pySigma's
 * {@code windows_logsource_mapping}); categories are the Sysmon event ids of the taxonomy and
 * pySigma's sysmon pipeline, Security 4688 as {@code process_creation} (pySigma's
 * {@code windows_audit_pipeline}) and the PowerShell categories of pySigma's windows pipeline.
 *
 * <p>An event has one primary category ({@link #category}), but a rule may name a broader one that
 * also selects it: Sysmon 12, 13 and 14 are all {@code registry_event}; pySigma's sysmon pipeline
 * counts 26 as {@code file_delete} as well as {@code file_delete_detected}. {@link #categories}
 * lists them all, primary first, for rule dispatch.
 */
public final class WindowsLogSources {
    private WindowsLogSources() {
    }

    public static final String PRODUCT = "windows";
    public static final String SYSMON_CHANNEL = "Microsoft-Windows-Sysmon/Operational";
    public static final String SECURITY_CHANNEL = "Security";

    /** Sigma service → the event-log channels it reads. */
    public static final Map<String, List<String>> CHANNELS_BY_SERVICE;
    private static final Map<String, String> SERVICE_BY_CHANNEL;

    static {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("security", List.of("Security"));
        m.put("application", List.of("Application"));
        m.put("system", List.of("System"));
        m.put("sysmon", List.of(SYSMON_CHANNEL));
        m.put("powershell", List.of("Microsoft-Windows-PowerShell/Operational", "PowerShellCore/Operational"));
        m.put("powershell-classic", List.of("Windows PowerShell"));
        m.put("taskscheduler", List.of("Microsoft-Windows-TaskScheduler/Operational"));
        m.put("wmi", List.of("Microsoft-Windows-WMI-Activity/Operational"));
        m.put("dns-server", List.of("DNS Server"));
        m.put("dns-server-audit", List.of("Microsoft-Windows-DNS-Server/Audit"));
        m.put("dns-server-analytic", List.of("Microsoft-Windows-DNS-Server/Analytical"));
        m.put("dns-client", List.of("Microsoft-Windows-DNS Client Events/Operational"));
        m.put("driver-framework", List.of("Microsoft-Windows-DriverFrameworks-UserMode/Operational"));
        m.put("ntlm", List.of("Microsoft-Windows-NTLM/Operational"));
        m.put("dhcp", List.of("Microsoft-Windows-DHCP-Server/Operational"));
        m.put("msexchange-management", List.of("MSExchange Management"));
        m.put("applocker", List.of("Microsoft-Windows-AppLocker/MSI and Script", "Microsoft-Windows-AppLocker/EXE and DLL",
                "Microsoft-Windows-AppLocker/Packaged app-Deployment", "Microsoft-Windows-AppLocker/Packaged app-Execution"));
        m.put("printservice-admin", List.of("Microsoft-Windows-PrintService/Admin"));
        m.put("printservice-operational", List.of("Microsoft-Windows-PrintService/Operational"));
        m.put("codeintegrity-operational", List.of("Microsoft-Windows-CodeIntegrity/Operational"));
        m.put("smbclient-security", List.of("Microsoft-Windows-SmbClient/Security"));
        m.put("firewall-as", List.of("Microsoft-Windows-Windows Firewall With Advanced Security/Firewall"));
        m.put("bits-client", List.of("Microsoft-Windows-Bits-Client/Operational"));
        m.put("windefend", List.of("Microsoft-Windows-Windows Defender/Operational"));
        m.put("terminalservices-localsessionmanager",
                List.of("Microsoft-Windows-TerminalServices-LocalSessionManager/Operational"));
        m.put("servicebus-client", List.of("Microsoft-ServiceBus-Client/Operational", "Microsoft-ServiceBus-Client/Admin"));
        m.put("ldap", List.of("Microsoft-Windows-LDAP-Client/Debug"));
        m.put("security-mitigations", List.of("Microsoft-Windows-Security-Mitigations/Kernel Mode",
                "Microsoft-Windows-Security-Mitigations/User Mode"));
        m.put("diagnosis-scripted", List.of("Microsoft-Windows-Diagnosis-Scripted/Operational"));
        m.put("shell-core", List.of("Microsoft-Windows-Shell-Core/Operational"));
        m.put("openssh", List.of("OpenSSH/Operational"));
        m.put("bitlocker", List.of("Microsoft-Windows-BitLocker/BitLocker Management"));
        m.put("vhdmp", List.of("Microsoft-Windows-VHDMP/Operational"));
        m.put("appxdeployment-server", List.of("Microsoft-Windows-AppXDeploymentServer/Operational"));
        m.put("lsa-server", List.of("Microsoft-Windows-LSA/Operational"));
        m.put("appxpackaging-om", List.of("Microsoft-Windows-AppxPackaging/Operational"));
        m.put("appmodel-runtime", List.of("Microsoft-Windows-AppModel-Runtime/Admin"));
        m.put("capi2", List.of("Microsoft-Windows-CAPI2/Operational"));
        m.put("certificateservicesclient-lifecycle-system",
                List.of("Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational"));
        m.put("application-experience", List.of("Microsoft-Windows-Application-Experience/Program-Telemetry",
                "Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant"));
        m.put("hyper-v-worker", List.of("Microsoft-Windows-Hyper-V-Worker"));
        m.put("iis-configuration", List.of("Microsoft-IIS-Configuration/Operational"));
        m.put("kernel-event-tracing", List.of("Microsoft-Windows-Kernel-EventTracing"));
        m.put("kernel-shimengine", List.of("Microsoft-Windows-Kernel-ShimEngine/Operational",
                "Microsoft-Windows-Kernel-ShimEngine/Diagnostic"));
        m.put("ntfs", List.of("Microsoft-Windows-Ntfs/Operational"));
        m.put("sense", List.of("Microsoft-Windows-SENSE/Operational"));
        CHANNELS_BY_SERVICE = Collections.unmodifiableMap(m);
        Map<String, String> byChannel = new LinkedHashMap<>();
        m.forEach((service, channels) -> channels.forEach(c -> byChannel.put(c.toLowerCase(Locale.ROOT), service)));
        SERVICE_BY_CHANNEL = byChannel;
    }

    /** Sysmon event id → category, as in the Sigma taxonomy (12 is refined by {@link #category}). */
    private static final Map<Integer, String> SYSMON = Map.ofEntries(
            Map.entry(1, "process_creation"), Map.entry(2, "file_change"), Map.entry(3, "network_connection"),
            Map.entry(4, "sysmon_status"), Map.entry(5, "process_termination"), Map.entry(6, "driver_load"),
            Map.entry(7, "image_load"), Map.entry(8, "create_remote_thread"), Map.entry(9, "raw_access_thread"),
            Map.entry(10, "process_access"), Map.entry(11, "file_event"), Map.entry(12, "registry_add"),
            Map.entry(13, "registry_set"), Map.entry(14, "registry_rename"), Map.entry(15, "create_stream_hash"),
            Map.entry(16, "sysmon_status"), Map.entry(17, "pipe_created"), Map.entry(18, "pipe_created"),
            Map.entry(19, "wmi_event"), Map.entry(20, "wmi_event"), Map.entry(21, "wmi_event"),
            Map.entry(22, "dns_query"), Map.entry(23, "file_delete"), Map.entry(24, "clipboard_capture"),
            Map.entry(25, "process_tampering"), Map.entry(26, "file_delete_detected"),
            Map.entry(27, "file_block_executable"), Map.entry(28, "file_block_shredding"),
            Map.entry(29, "file_executable_detected"), Map.entry(255, "sysmon_error"));

    /** The Sigma service for an event-log channel ({@code Security} → {@code security}), or null when SigmaHQ names none. */
    public static String service(String channel) {
        if (channel == null) {
            return null;
        }
        // A scan sees a handful of channels millions of times, each spelled as its event wrote it:
        // their services are remembered (a bounded number, and only of sensible length) rather
        // than stripping and lower-casing a copy of the channel for every look-up.
        String service = SERVICE_OF_SPELLING.get(channel);
        if (service == null) {
            service = SERVICE_BY_CHANNEL.getOrDefault(channel.strip().toLowerCase(Locale.ROOT), NO_SERVICE);
            if (channel.length() <= 256 && SERVICE_OF_SPELLING.size() < 1024) {
                SERVICE_OF_SPELLING.put(channel, service);
            }
        }
        return service == NO_SERVICE ? null : service;
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, String> SERVICE_OF_SPELLING =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** A channel without a service, told apart by identity. */
    private static final String NO_SERVICE = new String("none");

    /**
     * The primary Sigma category of an event, or null.
     *
     * @param eventType Sysmon 12's {@code EventType} ({@code CreateKey}, {@code DeleteKey}, …) to tell
     *                  {@code registry_add} from {@code registry_delete}; may be null
     */
    public static String category(String channel, int eventId, String eventType) {
        String service = service(channel);
        if (service == null) {
            return null;
        }
        switch (service) {
            case "sysmon":
                if (eventId == 12 && eventType != null && eventType.regionMatches(true, 0, "Delete", 0, 6)) {
                    return "registry_delete";
                }
                return SYSMON.get(eventId);
            case "security":
                return eventId == 4688 ? "process_creation" : null;
            case "powershell":
                return eventId == 4103 ? "ps_module" : eventId == 4104 ? "ps_script" : null;
            case "powershell-classic":
                return switch (eventId) {
                    case 400 -> "ps_classic_start";
                    case 600 -> "ps_classic_provider_start";
                    case 800 -> "ps_classic_script";
                    default -> null;
                };
            default:
                return null;
        }
    }

    /** Every category a rule may name to select this event, the primary one first; empty when none. */
    public static List<String> categories(String channel, int eventId, String eventType) {
        String primary = category(channel, eventId, eventType);
        if (primary == null) {
            return List.of();
        }
        List<String> all = new ArrayList<>(3);
        all.add(primary);
        if ("sysmon".equals(service(channel))) {
            if (eventId == 12 || eventId == 13 || eventId == 14) {
                all.add("registry_event");
            }
            if (eventId == 26) {
                all.add("file_delete"); // pySigma's sysmon pipeline: file_delete is 23 and 26
            }
        }
        return List.copyOf(all);
    }

    /**
     * An EventData or UserData field's name as Sigma rules write it: "use them as they appear in
     * the log source and strip all spaces" (rules §Field Usage), so Defender's {@code Threat Name}
     * is {@code ThreatName}. Every Windows reader names data fields through this.
     */
    public static String dataFieldName(String name) {
        return name.indexOf(' ') < 0 ? name : name.replace(" ", "");
    }

    private static final Map<String, String> INTEGRITY = Map.of("S-1-16-0", "Untrusted", "S-1-16-4096", "Low",
            "S-1-16-8192", "Medium", "S-1-16-8448", "Medium_Plus", "S-1-16-12288", "High", "S-1-16-16384", "System",
            "S-1-16-20480", "Protected");

    /**
     * Gives a Security 4688 document Sigma's {@code process_creation} names next to its own, as
     * pySigma's {@code windows_audit_pipeline} maps them: {@code Image} ← NewProcessName,
     * {@code ParentImage} ← ParentProcessName, {@code LogonId} ← SubjectLogonId, {@code User} ←
     * SubjectDomainName\SubjectUserName, {@code ProcessId} ← NewProcessId and {@code ParentProcessId}
     * ← the creator's ProcessId (hex text as logged), {@code IntegrityLevel} ← MandatoryLabel's
     * name. A name the document already has a value for is left alone, except ProcessId, which in
     * 4688 is the creator's. Every Windows reader calls this, so that a rule sees the same event
     * whichever reader read it.
     */
    public static void addProcessCreationNames(Map<String, Object> doc) {
        fill(doc, "Image", doc.get("NewProcessName"));
        fill(doc, "ParentImage", doc.get("ParentProcessName"));
        fill(doc, "LogonId", doc.get("SubjectLogonId"));
        fill(doc, "User", account(doc.get("SubjectDomainName"), doc.get("SubjectUserName")));
        Object newPid = doc.get("NewProcessId");
        if (newPid != null) {
            // In 4688 "ProcessId" is the creator's; Sigma's process_creation calls that ParentProcessId.
            fill(doc, "ParentProcessId", doc.get("ProcessId"));
            doc.put("ProcessId", newPid);
        }
        Object label = doc.get("MandatoryLabel");
        if (label != null) {
            fill(doc, "IntegrityLevel", INTEGRITY.get(label.toString().strip().toUpperCase(Locale.ROOT)));
        }
    }

    private static void fill(Map<String, Object> doc, String name, Object value) {
        if (value != null && doc.get(name) == null) {
            doc.put(name, value);
        }
    }

    /** {@code DOMAIN\name}, {@code name} when the domain is empty or "-", null when the name is. */
    public static String account(Object domain, Object name) {
        String n = meaningful(name);
        if (n == null) {
            return null;
        }
        String dom = meaningful(domain);
        return dom == null ? n : dom + "\\" + n;
    }

    private static String meaningful(Object v) {
        if (v == null || v instanceof Map || v instanceof List) {
            return null;
        }
        String s = v.toString().strip();
        return s.isEmpty() || s.equals("-") ? null : s;
    }

    /** The logsource of an event: product windows, its primary category, its service. */
    public static LogSource logSource(String channel, int eventId, String eventType) {
        return LogSource.of(PRODUCT, category(channel, eventId, eventType), service(channel));
    }

    /**
     * The event type in the envelope: {@code <service>.<EventID>} ({@code sysmon.1},
     * {@code security.4688}); for a channel SigmaHQ does not name, the channel in lower case with
     * other characters as hyphens ({@code microsoft-windows-foo-operational.7}); {@code windows.<id>}
     * without a channel.
     */
    public static String type(String channel, int eventId) {
        String service = service(channel);
        if (service == null) {
            service = channel == null || channel.isBlank() ? PRODUCT : slug(channel);
        }
        return service + "." + eventId;
    }

    private static String slug(String channel) {
        StringBuilder b = new StringBuilder(channel.length());
        boolean dash = false;
        for (int i = 0; i < channel.length(); i++) {
            char c = Character.toLowerCase(channel.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
                dash = false;
            } else if (!dash && b.length() > 0) {
                b.append('-');
                dash = true;
            }
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == '-') {
            end--;
        }
        return end == 0 ? PRODUCT : b.substring(0, end);
    }
}
