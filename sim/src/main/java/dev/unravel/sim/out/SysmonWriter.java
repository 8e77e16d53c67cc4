package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.InputLanguageSetting;
import dev.unravel.sim.activity.NetFlow;
import dev.unravel.sim.activity.ProcessStart;
import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.InputLanguage;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Sysmon's Operational channel on the Windows laptops, as {@code evtx_dump -o json} renders it:
 * process creation (event 1), network connection (event 3) and the registry values of an input
 * language a user adds (event 13), with every field Sysmon 15 writes,
 * in its order. GUIDs, logon ids, file versions and hashes the activity does not carry are derived
 * from it with a stable hash, laid out as Sysmon lays them out (a process GUID embeds the machine
 * and the process's start second), so that event 3 names the same process GUID as the event 1 that
 * started its image and a parent's GUID is the one its own event 1 carried.
 */
public final class SysmonWriter extends DailyJsonWriter {
    /** The NetBIOS domain Sysmon prefixes user names with. */
    static final String NETBIOS_DOMAIN = "NORTHWIND";
    /** The Active Directory DNS domain the laptops are joined to. */
    static final String AD_DOMAIN = "corp." + World.DOMAIN;

    private static final String PROVIDER = "Microsoft-Windows-Sysmon";
    private static final String PROVIDER_GUID = "5770385F-C22A-43E0-BF4C-06F5698FFBD9";
    private static final String CHANNEL = "Microsoft-Windows-Sysmon/Operational";
    /** Sysmon 15 writes events 1 and 3 at schema version 5, registry events at 2. */
    private static final int VERSION = 5;
    private static final int REGISTRY_VERSION = 2;
    private static final String NONE = "-";

    private final Map<String, Machine> machines = new HashMap<>();
    private final Map<String, String> hashesBySha256 = new HashMap<>();
    private final Map<String, String> versionByImage = new HashMap<>();

    public SysmonWriter(OutputDir dir) {
        super(dir, "windows", day -> "windows/sysmon-" + day + ".json");
            }

    @Override
    public void accept(Activity activity) throws IOException {
        if (activity instanceof ProcessStart p && p.host().windows()) {
            processCreate(p);
        } else if (activity instanceof NetFlow f && f.image() != null && f.host().windows()) {
            networkConnect(f);
        } else if (activity instanceof InputLanguageSetting l && l.added() && l.host().windows()
                && machine(l.host()).inputLanguages.add(l.language())) {
            inputLanguageAdded(l);
        }
    }

    /**
     * Event 13 for the two values Windows' Settings app writes when a user adds an input language
     * (logged where the Sysmon configuration includes the user's {@code Keyboard Layout} and
     * {@code Control Panel\International} keys): the input method's profile, then the layout in the
     * second Preload slot, after the US layout.
     */
    private void inputLanguageAdded(InputLanguageSetting l) throws IOException {
        Machine m = machine(l.host());
        String hive = "HKU\\" + Derived.sid(l.person().username) + "\\";
        registryValueSet(m, l, hive + "Control Panel\\International\\User Profile\\" + l.language().tag + "\\"
                + l.language().windowsInputMethod, "DWORD (0x00000001)");
        registryValueSet(m, l, hive + "Keyboard Layout\\Preload\\2", l.language().windowsLayout);
    }

    private void registryValueSet(Machine m, InputLanguageSetting l, String target, String details) throws IOException {
        String image = "C:\\Windows\\ImmersiveControlPanel\\SystemSettings.exe";
        long seed = StableHash.of(m.seed, image);
        int pid = 1000 + 4 * StableHash.below(seed, 7000);
        JsonGenerator json = begin(m, 13, REGISTRY_VERSION, l.time());
        json.writeStringField("RuleName", NONE);
        json.writeStringField("EventType", "SetValue");
        utcTime(json, l.time());
        json.writeStringField("ProcessGuid", processGuid(m, seed, l.time().minusSeconds(40)));
        json.writeNumberField("ProcessId", pid);
        json.writeStringField("Image", image);
        json.writeStringField("TargetObject", target);
        json.writeStringField("Details", details);
        json.writeStringField("User", NETBIOS_DOMAIN + "\\" + l.person().username);
        end(json);
    }


    private void processCreate(ProcessStart p) throws IOException {
        Machine m = machine(p.host());
        String guid = p.processGuid() != null ? bare(p.processGuid())
                : processGuid(m, StableHash.of(StableHash.of(m.seed, p.image()), p.pid()), p.time());
        m.running.put(p.image(), new Running(guid, p.pid()));
        long logon = logonSeed(m, p.person().username, p.time());
        String user = NETBIOS_DOMAIN + "\\" + p.person().username;

        JsonGenerator json = begin(m, 1, p.time());
        json.writeStringField("RuleName", NONE);
        utcTime(json, p.time());
        json.writeStringField("ProcessGuid", guid);
        json.writeNumberField("ProcessId", p.pid());
        json.writeStringField("Image", p.image());
        json.writeStringField("FileVersion", p.description() == null ? NONE : fileVersion(p.image()));
        json.writeStringField("Description", orNone(p.description()));
        json.writeStringField("Product", orNone(p.product()));
        json.writeStringField("Company", orNone(p.company()));
        json.writeStringField("OriginalFileName", orNone(p.originalFileName()));
        json.writeStringField("CommandLine", p.commandLine());
        // Started from a shortcut or Explorer, a process's working folder is its own.
        json.writeStringField("CurrentDirectory", p.image().substring(0, p.image().lastIndexOf('\\') + 1));
        json.writeStringField("User", user);
        json.writeFieldName("LogonGuid");
        logonGuid(m, logon, p.time()).writeString(json);
        json.writeFieldName("LogonId");
        text.clear().append("0x").append(Long.toHexString(logonId(logon)));
        text.writeString(json);
        json.writeNumberField("TerminalSessionId", 1);
        json.writeStringField("IntegrityLevel", "Medium");
        json.writeStringField("Hashes", hashes(p.sha256() != null ? p.sha256() : p.image()));
        json.writeStringField("ParentProcessGuid", parentGuid(m, p, logon));
        json.writeNumberField("ParentProcessId", p.parentPid());
        json.writeStringField("ParentImage", p.parentImage());
        json.writeStringField("ParentCommandLine", p.parentCommandLine());
        json.writeStringField("ParentUser", user);
        end(json);
    }

    private void networkConnect(NetFlow f) throws IOException {
        Machine m = machine(f.host());
        Running process = m.running.get(f.image());
        if (process == null) {
            // The process started before the simulation began: give it a pid and GUID that last.
            long seed = StableHash.of(m.seed, f.image());
            int pid = 1000 + 4 * StableHash.below(seed, 7000);
            Instant started = f.time().minusSeconds(StableHash.below(seed, 3600));
            process = new Running(processGuid(m, seed, started), pid);
            m.running.put(f.image(), process);
        }
        JsonGenerator json = begin(m, 3, f.time());
        json.writeStringField("RuleName", NONE);
        utcTime(json, f.time());
        json.writeStringField("ProcessGuid", process.guid);
        json.writeNumberField("ProcessId", process.pid);
        json.writeStringField("Image", f.image());
        json.writeFieldName("User");
        text.clear().append(NETBIOS_DOMAIN).append('\\').append(f.person().username).writeString(json);
        json.writeStringField("Protocol", f.proto());
        json.writeBooleanField("Initiated", true);
        json.writeBooleanField("SourceIsIpv6", false);
        json.writeStringField("SourceIp", f.host().internalIp());
        json.writeStringField("SourceHostname", m.computer);
        json.writeNumberField("SourcePort", f.srcPort());
        json.writeStringField("SourcePortName", NONE);
        json.writeBooleanField("DestinationIsIpv6", f.dstIp().indexOf(':') >= 0);
        json.writeStringField("DestinationIp", f.dstIp());
        json.writeStringField("DestinationHostname", orNone(f.domain()));
        json.writeNumberField("DestinationPort", f.dstPort());
        json.writeStringField("DestinationPortName", portName(f.dstPort()));
        end(json);
    }

    private JsonGenerator begin(Machine m, int eventId, Instant time) throws IOException {
        return begin(m, eventId, VERSION, time);
    }

    private JsonGenerator begin(Machine m, int eventId, int version, Instant time) throws IOException {
        JsonGenerator json = out.begin();
        EvtxHeader.begin(json, text, PROVIDER, PROVIDER_GUID, eventId, version, eventId, "0x8000000000000000", time,
                ++m.lastRecordId);
        EvtxHeader.correlationAndExecution(json, null, m.sysmonPid, m.sysmonThread);
        json.writeStringField("Channel", CHANNEL);
        json.writeStringField("Computer", m.computer);
        json.writeObjectFieldStart("Security");
        json.writeObjectFieldStart("#attributes");
        json.writeStringField("UserID", "S-1-5-18");
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
        json.writeObjectFieldStart("EventData");
        return json;
    }

    private void end(JsonGenerator json) throws IOException {
        json.writeEndObject();
        json.writeEndObject();
        out.end();
    }

    private void utcTime(JsonGenerator json, Instant time) throws IOException {
        json.writeFieldName("UtcTime");
        text.clear().utc(time, ' ', 3).writeString(json);
    }

    private Machine machine(Host host) {
        return machines.computeIfAbsent(host.hostname(), Machine::new);
    }

    /**
     * Sysmon's process GUID: the machine's id, the start second split low word then high word, and
     * a per-process part ({@code 0197231E-61EF-693A-C812-000000000800}).
     */
    private String processGuid(Machine m, long seed, Instant started) {
        long second = started.getEpochSecond();
        return text.clear().append(m.id).append('-').hex(second, 4).append('-').hex(second >>> 16, 4).append('-')
                .hex(seed, 4).append("-00000000").hex(seed >>> 16, 2).append("00").toString();
    }

    /** The parent's GUID from its own event 1 when this host logged one for that pid, else one that stays stable. */
    private String parentGuid(Machine m, ProcessStart p, long logon) {
        Running parent = m.running.get(p.parentImage());
        if (parent != null && parent.pid == p.parentPid()) {
            return parent.guid;
        }
        long seed = StableHash.of(StableHash.of(m.seed, p.parentImage()), p.parentPid());
        Running derived = new Running(processGuid(m, seed, logonTime(p.time())), p.parentPid());
        m.running.put(p.parentImage(), derived);
        return derived.guid;
    }

    /** One interactive logon per user, laptop and UTC day. */
    private static long logonSeed(Machine m, String username, Instant time) {
        return StableHash.of(StableHash.of(m.seed, username), Math.floorDiv(time.getEpochSecond(), 86_400L));
    }

    private static long logonId(long logonSeed) {
        return 0x10000L + StableHash.below(logonSeed, 0xF00000);
    }

    private static Instant logonTime(Instant time) {
        return Instant.ofEpochSecond(Math.floorDiv(time.getEpochSecond(), 86_400L) * 86_400L);
    }

    /** The logon GUID embeds the logon time and the logon id's bytes, little-endian ({@code ...-4C14-030000000000}). */
    private TextBuffer logonGuid(Machine m, long logonSeed, Instant time) {
        long id = logonId(logonSeed);
        long second = logonTime(time).getEpochSecond();
        return text.clear().append(m.id).append('-').hex(second, 4).append('-').hex(second >>> 16, 4).append('-')
                .hex(id, 2).hex(id >>> 8, 2).append('-').hex(id >>> 16, 2).append("0000000000");
    }

    /** MD5, SHA256 and IMPHASH as Sysmon's {@code HashAlgorithms md5,sha256,IMPHASH} prints them; one binary, one value. */
    private String hashes(String sha256OrImage) {
        String known = hashesBySha256.get(sha256OrImage);
        if (known != null) {
            return known;
        }
        long h = StableHash.of(sha256OrImage);
        text.clear().append("MD5=").hex(StableHash.of(h, 1), 16).hex(StableHash.of(h, 2), 16).append(",SHA256=");
        if (sha256OrImage.length() == 64) {
            text.append(sha256OrImage);
        } else {
            for (int i = 3; i < 7; i++) {
                text.hex(StableHash.of(h, i), 16);
            }
        }
        text.append(",IMPHASH=").hex(StableHash.of(h, 7), 16).hex(StableHash.of(h, 8), 16);
        String value = text.toString();
        hashesBySha256.put(sha256OrImage, value);
        return value;
    }

    /** Windows' own binaries carry the build's version string; others a four-part version. */
    private String fileVersion(String image) {
        return versionByImage.computeIfAbsent(image, i -> {
            long h = StableHash.of(i);
            if (i.regionMatches(true, 0, "C:\\Windows\\", 0, 11)) {
                return "10.0.22621." + StableHash.below(h, 5000) + " (WinBuild.160101.0800)";
            }
            return (1 + StableHash.below(h, 30)) + "." + StableHash.below(h >>> 8, 10) + "."
                    + StableHash.below(h >>> 16, 10000) + ".0";
        });
    }

    /** The service name Sysmon looks up for a well-known port. */
    private static String portName(int port) {
        return switch (port) {
            case 80 -> "http";
            case 443 -> "https";
            case 53 -> "domain";
            case 22 -> "ssh";
            case 445 -> "microsoft-ds";
            case 3389 -> "ms-wbt-server";
            default -> NONE;
        };
    }

    private static String orNone(String s) {
        return s == null || s.isEmpty() ? NONE : s;
    }

    /** evtx_dump prints GUIDs without braces. */
    private static String bare(String guid) {
        return guid.startsWith("{") ? guid.substring(1, guid.length() - 1) : guid;
    }

    /** A running process's GUID and pid, so later events about the same image name it consistently. */
    private record Running(String guid, int pid) {
    }

    /** What Sysmon on one laptop keeps: its record counter, its own pid and the processes it has seen start. */
    private static final class Machine {
        final String computer;
        final long seed;
        final String id;
        final int sysmonPid;
        final int sysmonThread;
        final Map<String, Running> running = new HashMap<>();
        /** The input languages whose adding this laptop's log holds. */
        final Set<InputLanguage> inputLanguages = EnumSet.noneOf(InputLanguage.class);
        long lastRecordId;

        Machine(String hostname) {
            computer = hostname + "." + AD_DOMAIN;
            seed = StableHash.of(hostname);
            id = new TextBuffer().hex(seed, 8).toString();
            sysmonPid = 2000 + 4 * StableHash.below(seed >>> 8, 1000);
            sysmonThread = 2000 + 4 * StableHash.below(seed >>> 24, 1000);
            // A laptop's log already holds earlier events when the simulation starts.
            lastRecordId = 1000 + StableHash.below(seed >>> 32, 50_000);
        }
    }
}
