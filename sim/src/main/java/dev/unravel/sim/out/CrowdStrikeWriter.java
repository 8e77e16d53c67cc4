package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.NetFlow;
import dev.unravel.sim.activity.ProcessStart;
import dev.unravel.sim.activity.RdpConnection;
import dev.unravel.sim.activity.UsbInventory;
import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Person;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CrowdStrike Falcon on the Windows laptops, in Sysmon's place ({@code simulate --edr crowdstrike}):
 * what Falcon Data Replicator delivers, gzipped JSON lines. FDR's events name the computer by the
 * sensor's id ({@code aid}) and the account by its SID, nothing more: the {@code aidmaster} records
 * beside them say which computer an aid is, and a {@code UserLogon} (written before a person's
 * first process of the day on a laptop) which account a SID is. Written here: ProcessRollup2,
 * DnsRequest (once a day per laptop and name, as the sensor de-duplicates them),
 * NetworkConnectIP4, UserLogon (also a Remote Desktop logon, type 10, with the client's address),
 * DcUsbDeviceConnected (the first time a device is seen on a
 * laptop) and one aidmaster record per sensor at its first event. The Macs run the sensor too, beside
 * osquery, which keeps their process starts and inventories: Falcon's look-ups and connections from
 * them are written ({@code event_platform} Mac). Every event carries {@code aip}, the laptop's
 * public address, where its last connection left from. Falcon Discover's network inventory
 * ({@code managedassets}) gives each laptop's interface once a day per network it is on, with the
 * router it sits behind ({@code GatewayMAC}): one per home line, one per office, the farm's shared.
 *
 * <p>Layout as FDR's bucket holds it: {@code crowdstrike/data/<uuid>/part-00000.gz} (here one
 * batch a day) and {@code crowdstrike/aidmaster/<uuid>/part-00000.gz}. The paths name no date: a
 * scan places each batch by its first event, and reads the aidmaster records with the asset
 * records, before any log.
 */
public final class CrowdStrikeWriter implements SourceWriter {
    private static final String CID = "5a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String AIDMASTER_BATCH = Derived.uuid("aidmaster", 61);
    private static final String CONFIG_BUILD = "1007.3.0019807.1";
    /** Falcon's kernel name for the system volume, which it writes in place of {@code C:}. */
    private static final String VOLUME = "\\Device\\HarddiskVolume3";

    private final DailyJsonLines events;
    private final DailyJsonLines sensors;
    private final DailyJsonLines interfaces;
    private final Routers routers = new Routers();
    /** Laptop and router pairs already inventoried today. */
    private final Set<String> interfacesToday = new HashSet<>();
    private final Set<String> sensorsWritten = new HashSet<>();
    private final Set<String> loggedOnToday = new HashSet<>();
    private final Set<String> lookedUpToday = new HashSet<>();
    private final Set<String> devicesSeen = new HashSet<>();
    /** Each laptop's last public address, which the Falcon cloud sees its sensor connect from ({@code aip}). */
    private final Map<String, String> publicIps = new HashMap<>();
    /** Falcon's process ids (TargetProcessId) of the images running on each laptop, for the connections they make. */
    private final Map<String, Long> processIds = new HashMap<>();

    public CrowdStrikeWriter(OutputDir out) {
        // FDR names each batch folder by a uuid: here one batch a day, its uuid made from the day
        this.events = new DailyJsonLines(out, day -> "crowdstrike/data/" + Derived.uuid(day.toString(), 61)
                + "/part-00000.gz");
        this.sensors = new DailyJsonLines(out, day -> "crowdstrike/aidmaster/" + AIDMASTER_BATCH + "/part-00000.gz");
        this.interfaces = new DailyJsonLines(out, day -> "crowdstrike/managedassets/"
                + Derived.uuid("managedassets-" + day, 61) + "/part-00000.gz");
    }

    @Override
    public String source() {
        return "crowdstrike";
    }

    @Override
    public void startDay(LocalDate day) throws IOException {
        events.startDay(day);
        sensors.startDay(day); // always the one file
        interfaces.startDay(day);
        interfacesToday.clear();
        loggedOnToday.clear();
        lookedUpToday.clear();
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (activity instanceof ProcessStart p && p.host().windows()) {
            logon(p.host(), p.person(), p.time());
            process(p);
        } else if (activity instanceof NetFlow f) {
            if (f.publicIp() != null) {
                publicIps.put(f.host().hostname(), f.publicIp());
                networkInterface(f.host(), f.publicIp(), f.time());
            }
            if (f.image() != null || !f.host().windows()) { // the Macs' flows name no image: Falcon's id stands alone
                connection(f);
            }
        } else if (activity instanceof RdpConnection r && r.host().windows() && r.user() != null) {
            remoteLogon(r);
        } else if (activity instanceof UsbInventory u && u.host().windows()) {
            for (UsbInventory.UsbDevice d : u.devices()) {
                if (devicesSeen.add(u.host().hostname() + "|" + d.vendorId() + ":" + d.modelId() + "|" + d.serial())) {
                    usb(u.host(), u.time(), d);
                }
            }
        }
    }

    private void logon(Host host, Person person, Instant at) throws IOException {
        if (!loggedOnToday.add(host.hostname() + "|" + person.username)) {
            return;
        }
        Instant t = at.minusSeconds(20);
        JsonGenerator g = begin(host, "UserLogon", "UserLogonV8", t);
        g.writeStringField("UserName", person.username);
        g.writeStringField("UserSid", Derived.sid(person.username));
        g.writeStringField("LogonDomain", "NORTHWIND");
        g.writeStringField("UserPrincipal", person.workEmail);
        g.writeStringField("LogonType", "2");
        g.writeStringField("LogonTime", seconds(t));
        g.writeStringField("AuthenticationPackage", "Negotiate");
        g.writeStringField("UserIsAdmin", "0");
        end();
    }

    /** A Remote Desktop logon (type 10), with the client's address, as Falcon's UserLogon gives it. */
    private void remoteLogon(RdpConnection r) throws IOException {
        Person person = r.user();
        JsonGenerator g = begin(r.host(), "UserLogon", "UserLogonV8", r.time());
        g.writeStringField("UserName", person.username);
        g.writeStringField("UserSid", Derived.sid(person.username));
        g.writeStringField("LogonDomain", "NORTHWIND");
        g.writeStringField("UserPrincipal", person.workEmail);
        g.writeStringField("LogonType", "10");
        g.writeStringField("LogonTime", seconds(r.time()));
        g.writeStringField("AuthenticationPackage", "Negotiate");
        g.writeStringField("UserIsAdmin", "0");
        if (r.clientIp() != null) {
            g.writeStringField("RemoteAddressIP4", r.clientIp());
        }
        end();
    }

    private void process(ProcessStart p) throws IOException {
        long id = falconId(p.host(), p.image(), p.pid());
        processIds.put(p.host().hostname() + "|" + p.image(), id);
        String sha256 = p.sha256() != null ? p.sha256().toLowerCase(Locale.ROOT) : Derived.hex(p.image(), 3, 64);
        JsonGenerator g = begin(p.host(), "ProcessRollup2", "ProcessRollup2V19", p.time());
        g.writeStringField("TargetProcessId", Long.toString(id));
        g.writeStringField("ParentProcessId", Long.toString(falconId(p.host(), p.parentImage(), p.parentPid())));
        g.writeStringField("SourceProcessId", Long.toString(falconId(p.host(), p.parentImage(), p.parentPid())));
        g.writeStringField("RawProcessId", Integer.toString(p.pid()));
        g.writeStringField("ProcessStartTime", seconds(p.time()));
        g.writeStringField("ImageFileName", kernelPath(p.image()));
        g.writeStringField("CommandLine", p.commandLine());
        g.writeStringField("ParentBaseFileName", p.parentImage().substring(p.parentImage().lastIndexOf('\\') + 1));
        g.writeStringField("UserSid", Derived.sid(p.person().username));
        g.writeStringField("AuthenticationId", Long.toString(0x3e7L + StableHash.below(StableHash.of(p.person().username),
                9_000_000)));
        g.writeStringField("IntegrityLevel", "8192");
        g.writeStringField("TokenType", "1");
        g.writeStringField("SessionId", "1");
        g.writeStringField("ImageSubsystem", "2");
        g.writeStringField("SHA256HashData", sha256);
        g.writeStringField("MD5HashData", Derived.hex(sha256, 2, 32));
        g.writeStringField("SHA1HashData", "0000000000000000000000000000000000000000");
        end();
    }

    private void connection(NetFlow f) throws IOException {
        Long process = processIds.get(f.host().hostname() + "|" + f.image());
        long context = process != null ? process : falconId(f.host(), f.image() == null ? "" : f.image(), 0);
        if (f.domain() != null && lookedUpToday.add(f.host().hostname() + "|" + f.domain())) {
            JsonGenerator g = begin(f.host(), "DnsRequest", "DnsRequestV4", f.time().minusMillis(40));
            g.writeStringField("ContextProcessId", Long.toString(context));
            g.writeStringField("ContextTimeStamp", seconds(f.time().minusMillis(40)));
            g.writeStringField("DomainName", f.domain());
            g.writeStringField("RequestType", "1");
            g.writeStringField("IP4Records", f.dstIp() + ";");
            g.writeStringField("InterfaceIndex", "0");
            end();
        }
        JsonGenerator g = begin(f.host(), "NetworkConnectIP4", "NetworkConnectIP4V5",
                f.time());
        g.writeStringField("ContextProcessId", Long.toString(context));
        g.writeStringField("ContextTimeStamp", seconds(f.time()));
        g.writeStringField("LocalAddressIP4", f.host().internalIp());
        g.writeStringField("LocalPort", Integer.toString(f.srcPort()));
        g.writeStringField("RemoteAddressIP4", f.dstIp());
        g.writeStringField("RemotePort", Integer.toString(f.dstPort()));
        g.writeStringField("Protocol", "udp".equalsIgnoreCase(f.proto()) ? "17" : "6");
        g.writeStringField("ConnectionDirection", "0");
        g.writeStringField("InContext", "0");
        end();
    }

    private void usb(Host host, Instant at, UsbInventory.UsbDevice d) throws IOException {
        String instance = "USB\\VID_" + d.vendorId().toUpperCase(Locale.ROOT) + "&PID_" + d.modelId().toUpperCase(Locale.ROOT)
                + "\\" + (d.serial() == null || d.serial().isEmpty() ? "5&2B2D8A3&0&2" : d.serial());
        JsonGenerator g = begin(host, "DcUsbDeviceConnected", "DcUsbDeviceConnectedV2", at);
        g.writeStringField("DeviceInstanceId", instance);
        g.writeStringField("DeviceManufacturer", d.vendor());
        g.writeStringField("DeviceProduct", d.model());
        g.writeStringField("DeviceSerialNumber", d.serial() == null ? "" : d.serial());
        g.writeStringField("DeviceVendorId", Integer.toString(Integer.parseInt(d.vendorId(), 16)));
        g.writeStringField("DeviceProductId", Integer.toString(Integer.parseInt(d.modelId(), 16)));
        g.writeStringField("DevicePropertyDeviceDescription", "USB Composite Device");
        g.writeStringField("DevicePropertyClassName", "USB");
        g.writeStringField("DeviceTimeStamp", seconds(at));
        end();
    }

    /**
     * The laptop's interface as Falcon Discover inventories it, once a day per router: the router is
     * the office's for an office's addresses, else the line's own (a home, the farm, a hotel).
     */
    private void networkInterface(Host host, String publicIp, Instant at) throws IOException {
        String line = routers.line(publicIp);
        if (!interfacesToday.add(host.hostname() + "|" + line)) {
            return;
        }
        sensor(host, at);
        boolean office = Routers.office(line);
        JsonGenerator g = interfaces.begin();
        g.writeStringField("GatewayIP", Routers.routerIp(line));
        g.writeStringField("GatewayMAC", Routers.routerMac(line).replace(':', '-'));
        g.writeStringField("InterfaceAlias", host.windows() ? "Wi-Fi" : "en0");
        g.writeStringField("InterfaceDescription", host.windows() ? "Intel(R) Wi-Fi 6E AX211 160MHz" : "");
        g.writeStringField("LocalAddressIP4", office ? host.internalIp() : Routers.laptopHomeIp(host));
        String mac = Routers.laptopMac(host).replace(':', '-');
        g.writeStringField("MAC", mac);
        g.writeStringField("MACPrefix", mac.substring(0, 8));
        g.writeStringField("_time", seconds(at));
        g.writeStringField("aid", aid(host));
        g.writeStringField("cid", CID);
        interfaces.end();
    }

    /** The sensor's aidmaster record, written at its first event: which computer its aid stands for. */
    private void sensor(Host host, Instant at) throws IOException {
        if (!sensorsWritten.add(host.hostname())) {
            return;
        }
        JsonGenerator g = sensors.begin();
        String first = seconds(at.minusSeconds(60));
        g.writeStringField("aid", aid(host));
        g.writeStringField("cid", CID);
        g.writeStringField("AgentLoadFlags", "0");
        g.writeStringField("AgentLocalTime", first);
        g.writeStringField("AgentTimeOffset", "0.0");
        g.writeStringField("AgentVersion", "7.29.19807.0");
        g.writeStringField("BiosManufacturer", manufacturer(host));
        g.writeStringField("ChassisType", "Laptop");
        g.writeStringField("ComputerName", host.hostname());
        g.writeStringField("ConfigBuild", CONFIG_BUILD);
        g.writeStringField("FirstSeen", first);
        if (host.windows()) {
            g.writeStringField("MachineDomain", SysmonWriter.AD_DOMAIN);
        }
        g.writeStringField("OU", "Laptops");
        g.writeStringField("ProductType", "1");
        g.writeStringField("SiteName", "Default-First-Site-Name");
        g.writeStringField("SystemManufacturer", manufacturer(host));
        g.writeStringField("SystemProductName", host.model());
        g.writeStringField("Time", first);
        g.writeStringField("Version", host.windows() ? "Windows 11" : "Sonoma (14)");
        g.writeStringField("event_platform", platform(host));
        sensors.end();
    }

    private JsonGenerator begin(Host host, String event, String name, Instant at) throws IOException {
        sensor(host, at);
        JsonGenerator g = events.begin();
        g.writeStringField("event_simpleName", event);
        g.writeStringField("name", name);
        g.writeStringField("id", Derived.uuid(host.hostname() + event, at.toEpochMilli()));
        g.writeStringField("aid", aid(host));
        String aip = publicIps.get(host.hostname());
        if (aip != null) {
            g.writeStringField("aip", aip);
        }
        g.writeStringField("cid", CID);
        g.writeStringField("event_platform", platform(host));
        g.writeStringField("timestamp", Long.toString(at.toEpochMilli()));
        g.writeStringField("ConfigBuild", CONFIG_BUILD);
        g.writeStringField("EffectiveTransmissionClass", "2");
        return g;
    }

    private void end() throws IOException {
        events.end();
    }

    private static String platform(Host host) {
        return host.windows() ? "Win" : "Mac";
    }

    private static String manufacturer(Host host) {
        return !host.windows() ? "Apple Inc." : host.model().startsWith("Dell") ? "Dell Inc." : "LENOVO";
    }

    /** The sensor's id: 32 hex digits, one per installation. */
    private static String aid(Host host) {
        return Derived.hex(host.hostname(), 47, 32);
    }

    /** Falcon's own process id (TargetProcessId): a large number, unique per process on the sensor. */
    private static long falconId(Host host, String image, int pid) {
        return 4_000_000_000L + StableHash.below(StableHash.of(StableHash.of(host.hostname()), image) ^ pid, 1_000_000_000);
    }

    private static String kernelPath(String path) {
        return path.length() > 2 && path.charAt(1) == ':' ? VOLUME + path.substring(2) : path;
    }

    /** Falcon's own form of a time: epoch seconds with milliseconds, as text. */
    private static String seconds(Instant at) {
        long ms = at.toEpochMilli();
        return Math.floorDiv(ms, 1000) + "." + String.format(Locale.ROOT, "%03d", Math.floorMod(ms, 1000));
    }

    @Override
    public long records() {
        return events.records() + sensors.records() + interfaces.records();
    }

    @Override
    public void close() throws IOException {
        events.close();
        sensors.close();
        interfaces.close();
    }
}
