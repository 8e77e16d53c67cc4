package dev.unravel.sigma.windows;

import dev.unravel.core.LogSource;
import java.util.HashMap;
import java.util.Map;

/**
 * The Windows part of the Sigma taxonomy appendix: which logsource an event log record is, from
 * its channel and event id. Channels map to services (e.g. {@code Security} → {@code security});
 * Sysmon event ids and a few others map to categories (Sysmon 1 and Security 4688 →
 * {@code process_creation}, PowerShell 4104 → {@code ps_script}, …).
 */
public final class WindowsLogSources {
    private static final Map<String, String> SERVICE_BY_CHANNEL = new HashMap<>();
    private static final Map<Integer, String> SYSMON_CATEGORY = new HashMap<>();

    static {
        String[][] services = {
            {"Application", "application"},
            {"Microsoft-Windows-Application-Experience/Program-Telemetry", "application-experience"},
            {"Microsoft-Windows-Application-Experience/Program-Compatibility-Assistant", "application-experience"},
            {"Microsoft-Windows-AppLocker/MSI and Script", "applocker"},
            {"Microsoft-Windows-AppLocker/EXE and DLL", "applocker"},
            {"Microsoft-Windows-AppLocker/Packaged app-Deployment", "applocker"},
            {"Microsoft-Windows-AppLocker/Packaged app-Execution", "applocker"},
            {"Microsoft-Windows-AppModel-Runtime/Admin", "appmodel-runtime"},
            {"Microsoft-Windows-AppXDeploymentServer/Operational", "appxdeployment-server"},
            {"Microsoft-Windows-AppxPackaging/Operational", "appxpackaging-om"},
            {"Microsoft-Windows-BitLocker/BitLocker Management", "bitlocker"},
            {"Microsoft-Windows-Bits-Client/Operational", "bits-client"},
            {"Microsoft-Windows-CAPI2/Operational", "capi2"},
            {"Microsoft-Windows-CertificateServicesClient-Lifecycle-System/Operational",
                "certificateservicesclient-lifecycle-system"},
            {"Microsoft-Windows-CodeIntegrity/Operational", "codeintegrity-operational"},
            {"Microsoft-Windows-DHCP-Server/Operational", "dhcp"},
            {"Microsoft-Windows-Diagnosis-Scripted/Operational", "diagnosis-scripted"},
            {"Microsoft-Windows-DNS Client Events/Operational", "dns-client"},
            {"DNS Server", "dns-server"},
            {"Microsoft-Windows-DNS-Server/Analytical", "dns-server-analytic"},
            {"Microsoft-Windows-DNS-Server/Audit", "dns-server-audit"},
            {"Microsoft-Windows-DriverFrameworks-UserMode/Operational", "driver-framework"},
            {"Microsoft-Windows-Windows Firewall With Advanced Security/Firewall", "firewall-as"},
            {"Microsoft-Windows-Hyper-V-Worker", "hyper-v-worker"},
            {"Microsoft-IIS-Configuration/Operational", "iis-configuration"},
            {"Microsoft-Windows-Kernel-EventTracing", "kernel-event-tracing"},
            {"Microsoft-Windows-Kernel-ShimEngine/Operational", "kernel-shimengine"},
            {"Microsoft-Windows-Kernel-ShimEngine/Diagnostic", "kernel-shimengine"},
            {"Microsoft-Windows-LDAP-Client/Debug", "ldap"},
            {"Microsoft-Windows-LSA/Operational", "lsa-server"},
            {"MSExchange Management", "msexchange-management"},
            {"Microsoft-Windows-Ntfs/Operational", "ntfs"},
            {"Microsoft-Windows-NTLM/Operational", "ntlm"},
            {"OpenSSH/Operational", "openssh"},
            {"Microsoft-Windows-PowerShell/Operational", "powershell"},
            {"PowerShellCore/Operational", "powershell"},
            {"Windows PowerShell", "powershell-classic"},
            {"Microsoft-Windows-PrintService/Admin", "printservice-admin"},
            {"Microsoft-Windows-PrintService/Operational", "printservice-operational"},
            {"Security", "security"},
            {"Microsoft-Windows-Security-Mitigations/Kernel Mode", "security-mitigations"},
            {"Microsoft-Windows-Security-Mitigations/User Mode", "security-mitigations"},
            {"Microsoft-Windows-SENSE/Operational", "sense"},
            {"Microsoft-ServiceBus-Client/Operational", "servicebus-client"},
            {"Microsoft-ServiceBus-Client/Admin", "servicebus-client"},
            {"Microsoft-Windows-Shell-Core/Operational", "shell-core"},
            {"Microsoft-Windows-SmbClient/Security", "smbclient-security"},
            {"Microsoft-Windows-Sysmon/Operational", "sysmon"},
            {"System", "system"},
            {"Microsoft-Windows-TaskScheduler/Operational", "taskscheduler"},
            {"Microsoft-Windows-TerminalServices-LocalSessionManager/Operational",
                "terminalservices-localsessionmanager"},
            {"Microsoft-Windows-VHDMP/Operational", "vhdmp"},
            {"Microsoft-Windows-Windows Defender/Operational", "windefend"},
            {"Microsoft-Windows-WMI-Activity/Operational", "wmi"},
        };
        for (String[] s : services) {
            SERVICE_BY_CHANNEL.put(s[0].toLowerCase(java.util.Locale.ROOT), s[1]);
        }
        Object[][] sysmon = {
            {1, "process_creation"}, {2, "file_change"}, {3, "network_connection"}, {4, "sysmon_status"},
            {5, "process_termination"}, {6, "driver_load"}, {7, "image_load"}, {8, "create_remote_thread"},
            {9, "raw_access_thread"}, {10, "process_access"}, {11, "file_event"}, {12, "registry_add"},
            {13, "registry_set"}, {14, "registry_rename"}, {15, "create_stream_hash"}, {16, "sysmon_status"},
            {17, "pipe_created"}, {18, "pipe_created"}, {19, "wmi_event"}, {20, "wmi_event"}, {21, "wmi_event"},
            {22, "dns_query"}, {23, "file_delete"}, {24, "clipboard_capture"}, {25, "process_tampering"},
            {26, "file_delete_detected"}, {27, "file_block_executable"}, {28, "file_block_shredding"},
            {29, "file_executable_detected"}, {255, "sysmon_error"},
        };
        for (Object[] s : sysmon) {
            SYSMON_CATEGORY.put((Integer) s[0], (String) s[1]);
        }
    }

    private WindowsLogSources() {
    }

    /** The Sigma service of a channel, or null for channels the taxonomy does not name. */
    public static String service(String channel) {
        return channel == null ? null : SERVICE_BY_CHANNEL.get(channel.toLowerCase(java.util.Locale.ROOT));
    }

    /** The logsource of a Windows event record. */
    public static LogSource of(String channel, int eventId) {
        String service = service(channel);
        String category = null;
        if ("sysmon".equals(service)) {
            category = SYSMON_CATEGORY.get(eventId);
        } else if ("security".equals(service) && eventId == 4688) {
            category = "process_creation";
        } else if ("powershell".equals(service)) {
            category = eventId == 4103 ? "ps_module" : eventId == 4104 ? "ps_script" : null;
        } else if ("powershell-classic".equals(service)) {
            category = eventId == 400 ? "ps_classic_start" : eventId == 600 ? "ps_classic_provider_start"
                    : eventId == 800 ? "ps_classic_script" : null;
        }
        return LogSource.of("windows", category, service);
    }
}
