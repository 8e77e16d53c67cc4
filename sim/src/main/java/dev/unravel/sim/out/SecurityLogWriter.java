package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.ProcessStart;
import dev.unravel.sim.activity.RdpConnection;
import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Person;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The Windows laptops' Security log (with {@code simulate --edr sysmon}, the pairing Windows Event
 * Forwarding usually collects), in {@code evtx_dump -o json} form, one file per UTC day: event
 * 4624, "An account was successfully logged on", for each person's first logon of the day to the
 * laptop (logon type 2, interactive, at the laptop's own keyboard: {@code IpAddress} 127.0.0.1) and
 * for each Remote Desktop logon (type 10, with the client's address and the client computer's
 * name). Fields as Windows 10 writes them at version 2; the log is written by LSASS, whose process
 * id each laptop keeps; record ids count up per laptop.
 */
public final class SecurityLogWriter extends DailyJsonWriter {
    private static final String PROVIDER = "Microsoft-Windows-Security-Auditing";
    private static final String PROVIDER_GUID = "54849625-5478-4994-A5BA-3E3B0328C30D";
    /** Logon (task 12544); Audit Success. */
    private static final int TASK_LOGON = 12544;
    private static final String AUDIT_SUCCESS = "0x8020000000000000";

    private final Map<String, long[]> recordIds = new HashMap<>();
    private final Set<String> loggedOnToday = new HashSet<>();
    private long today = Long.MIN_VALUE;

    public SecurityLogWriter(OutputDir dir) {
        super(dir, "windows", day -> "windows/security-" + day + ".json");
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (activity instanceof ProcessStart p && p.host().windows()) {
            long day = Math.floorDiv(p.time().getEpochSecond(), 86_400);
            if (day != today) {
                today = day;
                loggedOnToday.clear();
            }
            if (loggedOnToday.add(p.host().hostname() + "|" + p.person().username)) {
                logon(p.host(), p.person(), p.time().minusSeconds(20), 2, "127.0.0.1", "0", p.host().hostname());
            }
        } else if (activity instanceof RdpConnection r && r.host().windows() && r.user() != null
                && r.clientIp() != null) {
            // the client names itself; the simulation knows only its address
            String client = "DESKTOP-" + Derived.hex("rdp client " + r.clientIp(), 7, 7).toUpperCase(Locale.ROOT);
            String port = Integer.toString(49_152 + (int) StableHash.below(StableHash.of(r.activityId()), 16_000));
            logon(r.host(), r.user(), r.time(), 10, r.clientIp(), port, client);
        }
    }

    private void logon(Host host, Person person, Instant at, int type, String ip, String port, String workstation)
            throws IOException {
        String hostname = host.hostname();
        long seed = StableHash.of(hostname);
        long[] recordId = recordIds.computeIfAbsent(hostname, h -> new long[] {40_000 + StableHash.below(seed >>> 16, 90_000)});
        long logonId = 0x100000L + StableHash.below(StableHash.of(StableHash.of(hostname + "|" + person.username), at.getEpochSecond()),
                0x7fffff);
        JsonGenerator json = out.begin();
        EvtxHeader.begin(json, text, PROVIDER, PROVIDER_GUID, 4624, 2, 0, TASK_LOGON, AUDIT_SUCCESS, at, ++recordId[0]);
        EvtxHeader.correlationAndExecution(json, "{" + Derived.uuid("lsass activity " + hostname, 5)
                .toUpperCase(Locale.ROOT) + "}", 600 + 4 * StableHash.below(seed >>> 8, 60),
                1000 + 4 * StableHash.below(StableHash.of(seed, recordId[0]), 2000));
        json.writeStringField("Channel", "Security");
        json.writeStringField("Computer", hostname + "." + SysmonWriter.AD_DOMAIN);
        json.writeNullField("Security");
        json.writeEndObject();
        json.writeObjectFieldStart("EventData");
        json.writeStringField("SubjectUserSid", "S-1-5-18");
        json.writeStringField("SubjectUserName", hostname + "$");
        json.writeStringField("SubjectDomainName", SysmonWriter.NETBIOS_DOMAIN);
        json.writeStringField("SubjectLogonId", "0x3e7");
        json.writeStringField("TargetUserSid", Derived.sid(person.username));
        json.writeStringField("TargetUserName", person.username);
        json.writeStringField("TargetDomainName", SysmonWriter.NETBIOS_DOMAIN);
        json.writeStringField("TargetLogonId", "0x" + Long.toHexString(logonId));
        json.writeNumberField("LogonType", type);
        json.writeStringField("LogonProcessName", "User32 ");
        json.writeStringField("AuthenticationPackageName", "Negotiate");
        json.writeStringField("WorkstationName", workstation);
        json.writeStringField("LogonGuid", "{" + Derived.uuid("logon " + logonId + hostname, 5).toUpperCase(Locale.ROOT) + "}");
        json.writeStringField("TransmittedServices", "-");
        json.writeStringField("LmPackageName", "-");
        json.writeNumberField("KeyLength", 0);
        json.writeStringField("ProcessId", "0x" + Long.toHexString(0x300 + StableHash.below(seed >>> 12, 0x400)));
        json.writeStringField("ProcessName", "C:\\Windows\\System32\\svchost.exe");
        json.writeStringField("IpAddress", ip);
        json.writeStringField("IpPort", port);
        json.writeStringField("ImpersonationLevel", "%%1833");
        json.writeStringField("RestrictedAdminMode", type == 10 ? "%%1843" : "-");
        json.writeStringField("TargetOutboundUserName", "-");
        json.writeStringField("TargetOutboundDomainName", "-");
        json.writeStringField("VirtualAccount", "%%1843");
        json.writeStringField("TargetLinkedLogonId", "0x" + Long.toHexString(logonId + 1));
        json.writeStringField("ElevatedToken", "%%1842");
        json.writeEndObject();
        json.writeEndObject();
        out.end();
    }
}
