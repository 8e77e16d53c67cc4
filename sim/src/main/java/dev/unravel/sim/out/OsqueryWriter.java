package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.InputLanguageSetting;
import dev.unravel.sim.activity.NetFlow;
import dev.unravel.sim.activity.ProcessStart;
import dev.unravel.sim.activity.ProgramChange;
import dev.unravel.sim.activity.UsbInventory;
import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.InputLanguage;
import dev.unravel.sim.world.Person;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * osqueryd's results log as its filesystem logger writes it ({@code osqueryd.results.log}) for the
 * pack Unravel ships ({@code docs/osquery/unravel.conf}), one file per UTC day: differential
 * results, one line per added or removed row, for the pack's {@code processes} (macOS),
 * {@code programs} (Windows), {@code apps} (macOS), {@code interface_addresses}, {@code keyboard_layouts}
 * (Windows' {@code registry}) and {@code input_sources} (macOS' {@code preferences}) queries, and
 * snapshot lines for its {@code usb_devices} and {@code arp_cache} queries (the ARP cache once a
 * day per network the laptop is on). Every column value is a string, as osquery writes them
 * without {@code logger_numerics}.
 *
 * <p>{@code interface_addresses} is logged once per laptop, when its first network flow shows the
 * VPN up: differential results start with every row "added", and the simulated VPN gives each
 * laptop a fixed address, so no row is removed later. The rows are the loopback, the home network
 * (192.168.1.x, which many laptops share: an address that does not name one device) and the VPN
 * tunnel with the address Zeek sees.
 *
 * <p>The {@code username} decoration is the last user seen on the laptop (from any activity that
 * names one); like a decorator query that returns no row, it is left out until one is known.
 */
public final class OsqueryWriter extends DailyJsonWriter {
    static final String PROCESSES = "pack_unravel_processes";
    static final String PROGRAMS = "pack_unravel_programs";
    static final String APPS = "pack_unravel_apps";
    static final String USB_DEVICES = "pack_unravel_usb_devices";
    static final String INTERFACES = "pack_unravel_interface_addresses";
    /** Windows' has the adapters' names, columns no other platform's table has. */
    static final String WINDOWS_INTERFACES = "pack_unravel_interface_addresses_windows";
    static final String ARP_CACHE = "pack_unravel_arp_cache";
    /** Windows: the users' preloaded keyboard layouts. */
    static final String KEYBOARD_LAYOUTS = "pack_unravel_keyboard_layouts";
    /** macOS: the users' enabled input sources. */
    static final String INPUT_SOURCES = "pack_unravel_input_sources";

    private final Map<String, Agent> agents = new HashMap<>();
    private final Routers routers = new Routers();

    public OsqueryWriter(OutputDir dir) {
        super(dir, "osquery", day -> "osquery/osqueryd.results-" + day + ".log");
            }

    @Override
    public void accept(Activity activity) throws IOException {
        if (activity instanceof ProcessStart p) {
            agent(p.host()).user = p.person();
            if (!p.host().windows()) {
                process(p);
            }
        } else if (activity instanceof NetFlow f) {
            Agent agent = agent(f.host());
            agent.user = f.person();
            if (!agent.interfacesLogged) {
                agent.interfacesLogged = true;
                interfaces(f.host(), f.time());
            }
            if (f.publicIp() != null) {
                arpCache(f.host(), agent, routers.line(f.publicIp()), f.time());
            }
        } else if (activity instanceof ProgramChange c) {
            if (c.host().windows()) {
                program(c);
            } else {
                app(c);
            }
        } else if (activity instanceof UsbInventory u) {
            usb(u);
        } else if (activity instanceof InputLanguageSetting l && agent(l.host()).inputLanguages.add(l.language())) {
            if (l.host().windows()) {
                keyboardLayouts(l);
            } else {
                inputSources(l);
            }
        }
    }

    /**
     * The user's preloaded keyboard layouts ({@code registry} under {@code Keyboard Layout\Preload}):
     * the US layout and the language's, both "added" in the query's first results when the language
     * was there before; only the language's when the user adds it later.
     */
    private void keyboardLayouts(InputLanguageSetting l) throws IOException {
        String key = "HKEY_USERS\\" + Derived.sid(l.person().username) + "\\Keyboard Layout\\Preload";
        if (!l.added()) {
            registryRow(l, key, "1", "00000409");
        }
        registryRow(l, key, "2", l.language().windowsLayout);
    }

    /**
     * When the hourly query sees the language: its next run after the user added it (within the
     * same UTC day, whose file the line goes to), or the day's first.
     */
    private static Instant seen(InputLanguageSetting l) {
        if (!l.added()) {
            return l.time();
        }
        long at = l.time().getEpochSecond() + 120 + StableHash.below(StableHash.of(l.host().hostname()), 3300);
        long lastOfDay = Math.floorDiv(l.time().getEpochSecond(), 86_400) * 86_400 + 86_399;
        return Instant.ofEpochSecond(Math.min(at, lastOfDay));
    }

    private void registryRow(InputLanguageSetting l, String key, String name, String data) throws IOException {
        JsonGenerator json = header(l.host(), KEYBOARD_LAYOUTS, seen(l));
        json.writeObjectFieldStart("columns");
        json.writeStringField("path", key + "\\" + name);
        json.writeStringField("name", name);
        json.writeStringField("data", data);
        json.writeStringField("mtime", Long.toString(l.time().getEpochSecond()));
        json.writeEndObject();
        end(json, "added");
    }

    /**
     * The user's enabled input sources ({@code preferences} of {@code com.apple.HIToolbox}), one row
     * per value as osquery flattens the array: the ABC layout and Press and Hold, then the language's
     * input method and its input mode. A language added later adds only its own two entries.
     */
    private void inputSources(InputLanguageSetting l) throws IOException {
        if (!l.added()) {
            preferenceRow(l, "0/InputSourceKind", "Keyboard Layout");
            preferenceRow(l, "0/KeyboardLayout ID", "252");
            preferenceRow(l, "0/KeyboardLayout Name", "ABC");
            preferenceRow(l, "1/Bundle ID", "com.apple.PressAndHold");
            preferenceRow(l, "1/InputSourceKind", "Non Keyboard Input Method");
        }
        preferenceRow(l, "2/Bundle ID", l.language().macBundleId);
        preferenceRow(l, "2/InputSourceKind", "Keyboard Input Method");
        preferenceRow(l, "3/Bundle ID", l.language().macBundleId);
        preferenceRow(l, "3/Input Mode", l.language().macInputMode);
        preferenceRow(l, "3/InputSourceKind", "Input Mode");
    }

    private void preferenceRow(InputLanguageSetting l, String subkey, String value) throws IOException {
        JsonGenerator json = header(l.host(), INPUT_SOURCES, seen(l));
        json.writeObjectFieldStart("columns");
        json.writeStringField("username", l.person().username);
        json.writeStringField("domain", "com.apple.HIToolbox");
        json.writeStringField("key", "AppleEnabledInputSources");
        json.writeStringField("subkey", subkey);
        json.writeStringField("value", value);
        json.writeEndObject();
        end(json, "added");
    }


    private void process(ProcessStart p) throws IOException {
        JsonGenerator json = header(p.host(), PROCESSES, p.time());
        json.writeObjectFieldStart("columns");
        json.writeStringField("pid", Integer.toString(p.pid()));
        json.writeStringField("name", p.image().substring(p.image().lastIndexOf('/') + 1));
        json.writeStringField("path", p.image());
        json.writeStringField("cmdline", p.commandLine());
        // launchd starts apps in "/"; a shell starts its children in the user's home folder.
        json.writeStringField("cwd", p.parentImage().endsWith("sh") ? "/Users/" + p.person().username : "/");
        json.writeStringField("uid", "501");
        json.writeStringField("gid", "20");
        json.writeStringField("euid", "501");
        json.writeStringField("egid", "20");
        json.writeStringField("on_disk", "1");
        json.writeStringField("start_time", Long.toString(p.time().getEpochSecond()));
        json.writeStringField("parent", Integer.toString(p.parentPid()));
        json.writeStringField("pgroup", Integer.toString(p.pid()));
        json.writeEndObject();
        end(json, "added");
    }

    private void program(ProgramChange c) throws IOException {
        Agent agent = agent(c.host());
        // A removed row repeats the row osquery stored when the program appeared.
        String installDate = c.added()
                ? LocalDate.ofInstant(c.time(), ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE) : agent.installDates.getOrDefault(c.name(), "");
        if (c.added()) {
            agent.installDates.put(c.name(), installDate);
        }
        String productCode = "{" + new UUID(StableHash.of(c.name()), StableHash.of(orEmpty(c.version()))).toString()
                .toUpperCase(Locale.ROOT) + "}";
        JsonGenerator json = header(c.host(), PROGRAMS, c.time());
        json.writeObjectFieldStart("columns");
        json.writeStringField("name", c.name());
        json.writeStringField("version", orEmpty(c.version()));
        json.writeStringField("install_location", orEmpty(c.location()));
        json.writeStringField("install_source", "");
        json.writeStringField("language", "1033");
        json.writeStringField("publisher", orEmpty(c.publisher()));
        json.writeStringField("uninstall_string", "MsiExec.exe /X" + productCode);
        json.writeStringField("install_date", installDate);
        json.writeStringField("identifying_number", productCode);
        json.writeEndObject();
        end(json, c.added() ? "added" : "removed");
    }

    private void app(ProgramChange c) throws IOException {
        String folder = c.location() == null ? "/Applications" : c.location();
        String path = folder.endsWith(".app") ? folder : folder + "/" + c.name() + ".app";
        String bundle = path.substring(path.lastIndexOf('/') + 1);
        String executable = bundle.substring(0, bundle.length() - ".app".length());
        JsonGenerator json = header(c.host(), APPS, c.time());
        json.writeObjectFieldStart("columns");
        json.writeStringField("name", bundle);
        json.writeStringField("path", path);
        json.writeStringField("bundle_executable", executable);
        json.writeStringField("bundle_identifier", "com." + slug(orEmpty(c.publisher())) + "." + slug(executable));
        json.writeStringField("bundle_name", c.name());
        json.writeStringField("bundle_short_version", orEmpty(c.version()));
        json.writeStringField("bundle_version", orEmpty(c.version()));
        json.writeStringField("bundle_package_type", "APPL");
        json.writeStringField("display_name", c.name());
        json.writeEndObject();
        end(json, c.added() ? "added" : "removed");
    }

    private void usb(UsbInventory u) throws IOException {
        JsonGenerator json = header(u.host(), USB_DEVICES, u.time());
        json.writeArrayFieldStart("snapshot");
        int port = 1;
        for (UsbInventory.UsbDevice d : u.devices()) {
            String index = Integer.toString(port++);
            json.writeStartObject();
            json.writeStringField("usb_address", index);
            json.writeStringField("usb_port", index);
            json.writeStringField("vendor", d.vendor());
            json.writeStringField("vendor_id", d.vendorId());
            json.writeStringField("version", "1.00");
            json.writeStringField("model", d.model());
            json.writeStringField("model_id", d.modelId());
            json.writeStringField("serial", d.serial());
            json.writeStringField("class", d.usbClass());
            json.writeStringField("subclass", "");
            json.writeStringField("protocol", "");
            json.writeStringField("removable", d.removable() ? "1" : "0");
            json.writeEndObject();
        }
        json.writeEndArray();
        end(json, "snapshot");
    }

    /** The laptop's addresses as osquery's first differential run logs them: one added row a line. */
    private void interfaces(Host host, Instant time) throws IOException {
        String home = "192.168.1." + (2 + Math.floorMod(StableHash.of(host.hostname()), 250));
        if (host.windows()) {
            // interface_addresses on Windows: the interface index, with the adapter's friendly name
            address(host, time, "1", "127.0.0.1", "255.0.0.0", "", "Loopback Pseudo-Interface 1", "Manual");
            address(host, time, "12", home, "255.255.255.0", "192.168.1.255", "Wi-Fi", "Dhcp");
            address(host, time, "23", host.internalIp(), "255.255.0.0", "", "Corporate VPN", "Manual");
        } else {
            address(host, time, "lo0", "127.0.0.1", "255.0.0.0", "", null, null);
            address(host, time, "en0", home, "255.255.255.0", "192.168.1.255", null, null);
            address(host, time, "utun4", host.internalIp(), "255.255.0.0", "", null, null);
        }
    }

    /**
     * The laptop's ARP cache, once a day per network it is on: the router, a home's or a farm's
     * other device, and the broadcast entry every cache holds (an office's shows its router only).
     */
    private void arpCache(Host host, Agent agent, String line, Instant time) throws IOException {
        long day = Math.floorDiv(time.getEpochSecond(), 86_400);
        if (!agent.arpLogged.add(day + "|" + line)) {
            return;
        }
        if (agent.arpLogged.size() > 64) { // yesterday's networks are not asked about again
            agent.arpLogged.removeIf(k -> !k.startsWith(day + "|"));
        }
        boolean office = Routers.office(line);
        String iface = host.windows() ? "12" : "en0";
        JsonGenerator json = header(host, ARP_CACHE, time);
        json.writeArrayFieldStart("snapshot");
        arpRow(json, Routers.routerIp(line), Routers.routerMac(line), iface);
        if (!office) {
            arpRow(json, Routers.deviceIp(line), Routers.deviceMac(line), iface);
        }
        arpRow(json, office ? "10.20.255.255" : "192.168.1.255", "ff:ff:ff:ff:ff:ff", iface);
        json.writeEndArray();
        end(json, "snapshot");
    }

    private static void arpRow(JsonGenerator json, String address, String mac, String iface) throws IOException {
        json.writeStartObject();
        json.writeStringField("address", address);
        json.writeStringField("mac", mac.toLowerCase(Locale.ROOT));
        json.writeStringField("interface", iface);
        json.writeStringField("permanent", mac.startsWith("ff") ? "1" : "0");
        json.writeEndObject();
    }

    private void address(Host host, Instant time, String iface, String address, String mask, String broadcast,
            String friendlyName, String type) throws IOException {
        JsonGenerator json = header(host, host.windows() ? WINDOWS_INTERFACES : INTERFACES, time);
        json.writeObjectFieldStart("columns");
        json.writeStringField("interface", iface);
        json.writeStringField("address", address);
        json.writeStringField("mask", mask);
        json.writeStringField("broadcast", broadcast);
        json.writeStringField("point_to_point", iface.startsWith("utun") ? address : "");
        if (friendlyName != null) {
            json.writeStringField("type", type);
            json.writeStringField("friendly_name", friendlyName);
        }
        json.writeEndObject();
        end(json, "added");
    }

    /** The fields every result line starts with, in osquery 5's order. */
    private JsonGenerator header(Host host, String query, Instant time) throws IOException {
        Agent agent = agent(host);
        JsonGenerator json = out.begin();
        json.writeStringField("name", query);
        json.writeStringField("hostIdentifier", host.hostname());
        json.writeFieldName("calendarTime");
        text.clear().asctime(time).writeString(json);
        json.writeNumberField("unixTime", time.getEpochSecond());
        json.writeNumberField("epoch", 0);
        json.writeNumberField("counter", agent.counter(query, time.getEpochSecond()));
        json.writeBooleanField("numerics", false);
        json.writeObjectFieldStart("decorations");
        json.writeStringField("host_uuid", host.hostUuid());
        json.writeStringField("hostname", host.hostname());
        if (agent.user != null) {
            json.writeStringField("username", agent.user.username);
        }
        json.writeEndObject();
        return json;
    }

    private void end(JsonGenerator json, String action) throws IOException {
        json.writeStringField("action", action);
        out.end();
    }

    private Agent agent(Host host) {
        return agents.computeIfAbsent(host.hostname(), h -> new Agent());
    }

    /** osquery prints a NULL column as an empty string. */
    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String slug(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
    }

    /** What osqueryd on one laptop remembers between runs. */
    private static final class Agent {
        Person user;
        boolean interfacesLogged;
        /** The input languages whose rows are logged. */
        final Set<InputLanguage> inputLanguages = EnumSet.noneOf(InputLanguage.class);
        /** The day and network of each ARP cache snapshot logged. */
        final Set<String> arpLogged = new HashSet<>();
        /** Program name to the install date osquery stored with its row. */
        final Map<String, String> installDates = new HashMap<>();
        private final Map<String, long[]> runs = new HashMap<>();

        /**
         * osquery's counter: 0 for a query's first results, then one more for each later run;
         * rows logged in the same second came from the same run.
         */
        long counter(String query, long unixTime) {
            long[] run = runs.get(query);
            if (run == null) {
                runs.put(query, new long[] {unixTime, 0});
                return 0;
            }
            if (run[0] != unixTime) {
                run[0] = unixTime;
                run[1]++;
            }
            return run[1];
        }
    }
}
