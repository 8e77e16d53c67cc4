package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.InputLanguageSetting;
import dev.unravel.sim.activity.NetFlow;
import dev.unravel.sim.activity.ProcessStart;
import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Microsoft Defender for Endpoint on the Windows laptops, in Sysmon's place ({@code simulate --edr
 * defender}): the advanced hunting tables DeviceProcessEvents, DeviceNetworkEvents and
 * DeviceRegistryEvents (the values of an input language a user adds), and DeviceInfo (the public
 * address Defender's cloud sees each laptop's sensor connect from, reported when it changes and
 * every hour the laptop is online; the Macs run Defender too, and appear in this table only, their
 * process starts and connections being osquery's), as the
 * streaming API writes them to a storage account — one blob an hour per table, {@code
 * insights-logs-advancedhunting-<table>/…/y=/m=/d=/h=/m=00/PT1H.json}, one record a line with
 * {@code time}, {@code tenantId}, {@code operationName}, {@code category} and the row under
 * {@code properties}. Defender names the device by its FQDN in lower case, the account by domain,
 * name and UPN, the file by its folder path and name; it writes lower-case paths for the
 * initiating process. Hashes, ids and report ids the activity does not carry are derived from it
 * with a stable hash.
 */
public final class DefenderWriter implements SourceWriter {
    /** The NetBIOS domain Defender gives accounts. */
    private static final String DOMAIN = "northwind";

    private final World world;
    private final HourlyJsonLines processes;
    private final HourlyJsonLines connections;
    private final HourlyJsonLines registry;
    private final HourlyJsonLines info;
    /** Each laptop's last DeviceInfo report: its public address and when. */
    private final Map<String, Reported> reported = new HashMap<>();
    /** Laptop and language of each input language whose adding is written. */
    private final Set<String> inputLanguages = new HashSet<>();
    private final char[] time = new char[UtcText.MAX_LENGTH];
    private final Map<String, String> deviceIds = new HashMap<>();
    private final Map<String, Integer> pids = new HashMap<>();
    private long reportId;

    public DefenderWriter(World world, OutputDir out) {
        this.world = world;
        this.processes = new HourlyJsonLines(out, hour -> path("deviceprocessevents", hour));
        this.connections = new HourlyJsonLines(out, hour -> path("devicenetworkevents", hour));
        this.registry = new HourlyJsonLines(out, hour -> path("deviceregistryevents", hour));
        this.info = new HourlyJsonLines(out, hour -> path("deviceinfo", hour));
    }

    private record Reported(String publicIp, Instant at) {
    }

    private String path(String table, Instant hour) {
        String t = hour.toString(); // 2026-03-02T14:00:00Z
        return "defender/insights-logs-advancedhunting-" + table + "/resourceId=/tenants/"
                + world.entraTenantId.toUpperCase(Locale.ROOT) + "/providers/Microsoft.Security/y=" + t.substring(0, 4)
                + "/m=" + t.substring(5, 7) + "/d=" + t.substring(8, 10) + "/h=" + t.substring(11, 13)
                + "/m=00/PT1H.json";
    }

    @Override
    public String source() {
        return "defender";
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (activity instanceof ProcessStart p && p.host().windows()) {
            process(p);
        } else if (activity instanceof NetFlow f) {
            if (f.publicIp() != null) {
                deviceInfo(f);
            }
            if (f.image() != null && f.host().windows()) {
                connection(f);
            }
        } else if (activity instanceof InputLanguageSetting l && l.added() && l.host().windows()
                && inputLanguages.add(l.host().hostname() + "|" + l.language())) {
            String user = "HKEY_CURRENT_USER\\" + Derived.sid(l.person().username) + "\\";
            registryValueSet(l, user + "Control Panel\\International\\User Profile\\" + l.language().tag,
                    l.language().windowsInputMethod, "Dword", "1");
            registryValueSet(l, user + "Keyboard Layout\\Preload", "2", "String", l.language().windowsLayout);
        }
    }

    /** A DeviceRegistryEvents row for a value the Settings app sets as the user adds an input language. */
    private void registryValueSet(InputLanguageSetting l, String key, String name, String type, String data)
            throws IOException {
        String image = "c:\\windows\\immersivecontrolpanel\\systemsettings.exe";
        JsonGenerator g = begin(registry, l.time(), "DeviceRegistryEvents");
        g.writeStringField("ActionType", "RegistryValueSet");
        device(g, l.host());
        g.writeStringField("RegistryKey", key);
        g.writeStringField("RegistryValueType", type);
        g.writeStringField("RegistryValueName", name);
        g.writeStringField("RegistryValueData", data);
        g.writeStringField("PreviousRegistryKey", key);
        g.writeStringField("PreviousRegistryValueName", "");
        g.writeStringField("PreviousRegistryValueData", "");
        g.writeStringField("InitiatingProcessAccountDomain", DOMAIN);
        g.writeStringField("InitiatingProcessAccountName", l.person().username);
        g.writeStringField("InitiatingProcessAccountSid", Derived.sid(l.person().username));
        g.writeStringField("InitiatingProcessAccountUpn", l.person().workEmail);
        g.writeStringField("InitiatingProcessFileName", fileName(image));
        g.writeStringField("InitiatingProcessFolderPath", image);
        g.writeStringField("InitiatingProcessCommandLine",
                "\"SystemSettings.exe\" -ServerName:microsoft.windows.immersivecontrolpanel");
        g.writeNumberField("InitiatingProcessId",
                1000 + 4 * StableHash.below(StableHash.of(StableHash.of(l.host().hostname()), image), 7000));
        g.writeStringField("InitiatingProcessIntegrityLevel", "Medium");
        end(registry, g, l.time());
    }

    private void process(ProcessStart p) throws IOException {
        pids.put(p.host().hostname() + "|" + p.image(), p.pid());
        JsonGenerator g = begin(processes, p.time(), "DeviceProcessEvents");
        String sha256 = p.sha256() != null ? p.sha256() : Derived.hex(p.image(), 3, 64);
        g.writeStringField("AccountDomain", DOMAIN);
        g.writeStringField("AccountName", p.person().username);
        g.writeStringField("AccountObjectId", Derived.uuid(p.person().workEmail, 21));
        g.writeStringField("AccountSid", Derived.sid(p.person().username));
        g.writeStringField("AccountUpn", p.person().workEmail);
        g.writeStringField("ActionType", "ProcessCreated");
        device(g, p.host());
        g.writeStringField("FileName", fileName(p.image()));
        g.writeStringField("FolderPath", p.image());
        g.writeNumberField("FileSize", 40_000 + StableHash.below(StableHash.of(p.image()), 8_000_000));
        g.writeStringField("SHA1", Derived.hex(sha256, 1, 40));
        g.writeStringField("SHA256", sha256.toLowerCase(Locale.ROOT));
        g.writeStringField("MD5", Derived.hex(sha256, 2, 32));
        g.writeStringField("ProcessCommandLine", p.commandLine());
        g.writeNumberField("ProcessId", p.pid());
        g.writeStringField("ProcessIntegrityLevel", "Medium");
        g.writeStringField("ProcessTokenElevation", "TokenElevationTypeLimited");
        timestamp(g, "ProcessCreationTime", p.time());
        g.writeStringField("ProcessVersionInfoCompanyName", orEmpty(p.company()));
        g.writeStringField("ProcessVersionInfoProductName", orEmpty(p.product()));
        g.writeStringField("ProcessVersionInfoOriginalFileName", orEmpty(p.originalFileName()));
        g.writeStringField("ProcessVersionInfoFileDescription", orEmpty(p.description()));
        g.writeStringField("InitiatingProcessAccountDomain", DOMAIN);
        g.writeStringField("InitiatingProcessAccountName", p.person().username);
        g.writeStringField("InitiatingProcessAccountUpn", p.person().workEmail);
        g.writeStringField("InitiatingProcessFileName", fileName(p.parentImage()).toLowerCase(Locale.ROOT));
        g.writeStringField("InitiatingProcessFolderPath", p.parentImage().toLowerCase(Locale.ROOT));
        g.writeStringField("InitiatingProcessCommandLine", p.parentCommandLine());
        g.writeNumberField("InitiatingProcessId", p.parentPid());
        g.writeStringField("InitiatingProcessIntegrityLevel", "Medium");
        end(processes, g, p.time());
    }

    private void connection(NetFlow f) throws IOException {
        JsonGenerator g = begin(connections, f.time(), "DeviceNetworkEvents");
        g.writeStringField("ActionType", "ConnectionSuccess");
        device(g, f.host());
        g.writeStringField("LocalIP", f.host().internalIp());
        g.writeStringField("LocalIPType", "Private");
        g.writeNumberField("LocalPort", f.srcPort());
        g.writeStringField("Protocol", "udp".equalsIgnoreCase(f.proto()) ? "Udp" : "Tcp");
        g.writeStringField("RemoteIP", f.dstIp());
        g.writeStringField("RemoteIPType", "Public");
        g.writeNumberField("RemotePort", f.dstPort());
        g.writeStringField("RemoteUrl", f.domain() == null ? "" : f.domain());
        g.writeStringField("InitiatingProcessAccountDomain", DOMAIN);
        g.writeStringField("InitiatingProcessAccountName", f.person().username);
        g.writeStringField("InitiatingProcessAccountUpn", f.person().workEmail);
        g.writeStringField("InitiatingProcessFileName", fileName(f.image()).toLowerCase(Locale.ROOT));
        g.writeStringField("InitiatingProcessFolderPath", f.image().toLowerCase(Locale.ROOT));
        Integer pid = pids.get(f.host().hostname() + "|" + f.image());
        g.writeNumberField("InitiatingProcessId", pid != null ? pid
                : 1000 + 4 * StableHash.below(StableHash.of(StableHash.of(f.host().hostname()), f.image()), 7000));
        end(connections, g, f.time());
    }

    /** A DeviceInfo row when the laptop's public address changed or an hour has passed since the last. */
    private void deviceInfo(NetFlow f) throws IOException {
        Reported last = reported.get(f.host().hostname());
        if (last != null && last.publicIp().equals(f.publicIp()) && !f.time().isBefore(last.at())
                && f.time().isBefore(last.at().plusSeconds(3600))) {
            return;
        }
        reported.put(f.host().hostname(), new Reported(f.publicIp(), f.time()));
        boolean windows = f.host().windows();
        JsonGenerator g = begin(info, f.time(), "DeviceInfo");
        device(g, f.host());
        g.writeStringField("ClientVersion", windows ? "10.8760.26100.3037" : "101.25012.0003");
        g.writeStringField("PublicIP", f.publicIp());
        g.writeStringField("OSArchitecture", windows ? "64-bit" : "arm64");
        g.writeStringField("OSPlatform", windows ? "Windows11" : "macOS");
        g.writeNumberField("OSBuild", windows ? 26100 : 24);
        g.writeBooleanField("IsAzureADJoined", windows);
        if (windows) {
            g.writeStringField("JoinType", "AAD joined");
            g.writeStringField("AadDeviceId", Derived.uuid(f.host().hostname(), 23));
        }
        // a JSON text, as the streaming API writes this column
        String domain = windows ? DOMAIN.toUpperCase(Locale.ROOT) : f.host().hostname().toLowerCase(Locale.ROOT);
        g.writeStringField("LoggedOnUsers", "[{\"UserName\":\"" + f.person().username + "\",\"DomainName\":\""
                + domain + "\"" + (windows ? ",\"Sid\":\"" + Derived.sid(f.person().username) + "\"" : "") + "}]");
        g.writeStringField("OSVersion", windows ? "10.0" : "15.3");
        g.writeStringField("OnboardingStatus", "Onboarded");
        g.writeStringField("DeviceCategory", "Endpoint");
        g.writeStringField("DeviceType", "Workstation");
        end(info, g, f.time());
    }

    private JsonGenerator begin(HourlyJsonLines lines, Instant at, String table) throws IOException {
        JsonGenerator g = lines.begin(at);
        // the streaming API's envelope: its time is when the row was published, a moment after the event
        timestamp(g, "time", at.plusMillis(900 + StableHash.below(StableHash.mix(at.toEpochMilli()), 4000)));
        g.writeStringField("tenantId", world.entraTenantId);
        g.writeStringField("operationName", "Publish");
        g.writeStringField("category", "AdvancedHunting-" + table);
        g.writeObjectFieldStart("properties");
        return g;
    }

    private void end(HourlyJsonLines lines, JsonGenerator g, Instant at) throws IOException {
        g.writeNumberField("ReportId", ++reportId);
        timestamp(g, "Timestamp", at);
        g.writeStringField("MachineGroup", "Laptops");
        g.writeEndObject(); // properties
        lines.end();
    }

    /** The device's id and name: a Windows laptop's FQDN; a Mac, in no domain, by its host name alone. */
    private void device(JsonGenerator g, Host host) throws IOException {
        g.writeStringField("DeviceId", deviceIds.computeIfAbsent(host.hostname(), h -> Derived.hex(h, 31, 40)));
        g.writeStringField("DeviceName", (host.windows() ? host.hostname() + ".corp." + World.DOMAIN : host.hostname())
                .toLowerCase(Locale.ROOT));
    }

    private void timestamp(JsonGenerator g, String field, Instant at) throws IOException {
        g.writeFieldName(field);
        g.writeString(time, 0, UtcText.format(time, at, 7, "Z"));
    }


    private static String fileName(String path) {
        return path.substring(path.lastIndexOf('\\') + 1);
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    @Override
    public long records() {
        return processes.records() + connections.records() + registry.records() + info.records();
    }

    @Override
    public void close() throws IOException {
        processes.close();
        connections.close();
        registry.close();
        info.close();
    }
}
