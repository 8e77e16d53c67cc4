package dev.unravel.detect.control;

import dev.unravel.detect.EndpointEvents;

import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * IP-KVM hardware (ATT&amp;CK T1219.003) and USB mouse jigglers plugged into a company device, from
 * osquery's {@code usb_devices} table and the plug-and-play events of {@link EndpointEvents}
 * (Windows Kernel-PnP 400 configured and 410 started, Defender for Endpoint, CrowdStrike Falcon).
 *
 * <p>PiKVM, TinyPilot, JetKVM and GL.iNet's KVMs are small Linux computers that present
 * themselves as a keyboard, mouse and storage through the Linux USB gadget driver, whose id
 * {@code 1D6B:0104} they share with every Raspberry Pi a developer sets up as a USB gadget. The id
 * alone is therefore only a weak hint; the maker strings the KVMs put in the descriptor, or
 * PiKVM's default serial {@code CAFEBABE}, are near proof.
 *
 * <p>The other half of a KVM is the screen: the laptop's HDMI output goes into the box's capture
 * chip, which shows Windows an EDID. Monitor inventories ({@code device.monitor} from WMI
 * {@code WmiMonitorID}) with a display named PiKVM, TinyPilot, JetKVM, GLKVM or
 * {@code Toshiba-H2C} (the HDMI-to-CSI bridge PiKVM and TinyPilot are built on) are near proof,
 * more so with maker {@code LNX}, the Linux kernel's default EDID manufacturer id. {@code LNX}
 * alone is a hint: any Linux device emulating a display shows it, a developer's Raspberry Pi among
 * them. A display half and a USB half on the same computer make a KVM: that is a signal of its
 * own, stronger when the two appear within {@code pairing_window_hours} (24) of each other.
 * WMI records no time: an undated inventory is judged at the end, placed at the time of the USB
 * evidence on that computer or else the latest event this detector saw.
 */
public final class IpKvmDetector implements Detector {

    /** A constant: {@link Detector#reads} asks for it on every event. */
    static final Set<String> EVENT_TYPES = EndpointEvents.with(EndpointEvents.types(EndpointEvents.Kind.USB), "osquery.",
            "device.monitor");

    /** The monitor inventory event ingest's WMI reader produces (one of {@link #EVENT_TYPES}). */
    static final String MONITOR_TYPE = "device.monitor";

    public static final String ID = "control.ip-kvm";
    public static final String JIGGLER_ID = "control.usb-mouse-jiggler";

    static final String GADGET = "1d6b:0104";

    /** Lower-case words the KVM products put in their USB vendor, product or serial strings. */
    static final String[] KVM_MAKERS = {"pikvm", "tinypilot", "jetkvm", "glkvm", "gl-kvm", "gl.inet kvm",
        "blikvm", "nanokvm", "kvm over ip"};

    /** Default gadget serials of KVM images: PiKVM's {@code CAFEBABE}, TinyPilot's hex of "keymimepi". */
    static final Set<String> KVM_SERIALS = Set.of("cafebabe", "6b65796d696d6570690");

    static final String[] JIGGLER_WORDS = {"jiggler", "mouse mover", "mousemover", "mouse jiggle"};

    /** Lower-case words in the EDID display names KVM capture chips present. */
    static final String[] KVM_DISPLAY_NAMES = {"pikvm", "toshiba-h2c", "tinypilot", "jetkvm", "glkvm", "gl-kvm",
        "blikvm", "nanokvm"};

    /** The Linux kernel's default EDID manufacturer id. */
    static final String LINUX_EDID_MAKER = "LNX";

    private Settings settings;
    private PerEntity<String, HostEvidence> hosts;
    /** The latest dated event seen, to place undated monitor inventories in time. */
    private Instant latestDated;

    /** What one computer has shown so far: findings reported, and each half of a KVM. */
    static final class HostEvidence {
        final Set<String> reported = new HashSet<>();
        /** The first KVM-looking USB device (bare gadget or KVM maker) and whether it was near proof. */
        Event usb;
        boolean usbStrong;
        /** The first KVM-looking display (LNX maker or KVM name) and whether it was near proof. */
        Event display;
        boolean displayStrong;
        /** An undated inventory's KVM-looking display, judged in {@link #finish}. */
        Event undatedDisplay;
        boolean pairReported;

        /** A copy for {@link #finish} to judge with: finish may also come mid-stream, and this goes on. */
        HostEvidence copy() {
            HostEvidence c = new HostEvidence();
            c.reported.addAll(reported);
            c.usb = usb;
            c.usbStrong = usbStrong;
            c.display = display;
            c.displayStrong = displayStrong;
            c.undatedDisplay = undatedDisplay;
            c.pairReported = pairReported;
            return c;
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "USB and monitor inventories (osquery usb_devices, WMI monitor IDs, Windows Kernel-PnP, Defender for "
                + "Endpoint's PnpDeviceConnected, CrowdStrike Falcon's DcUsbDeviceConnected)";
    }

    @Override
    public String description() {
        return "IP-KVM devices (PiKVM, TinyPilot, JetKVM, GLKVM) and USB mouse jigglers from USB inventories, "
                + "Windows Kernel-PnP, Defender for Endpoint and CrowdStrike Falcon plug-and-play events and monitor (EDID) "
                + "inventories";
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        hosts = ctx.state(settings.integer("max_hosts", 200_000));
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        boolean undated = e.time().getEpochSecond() <= 0;
        if (!undated && (latestDated == null || e.time().isAfter(latestDated))) {
            latestDated = e.time();
        }
        if (MONITOR_TYPE.equals(e.type())) {
            onMonitor(e, undated, ctx);
            return;
        }
        Usb usb;
        if (e.type().startsWith("osquery.")) {
            if (!"usb_devices".equals(e.document().get("query"))) {
                return;
            }
            usb = fromOsquery(e);
        } else {
            usb = fromPnp(e);
        }
        if (usb == null) {
            ctx.skipped("USB device record without vendor and product ids");
            return;
        }
        String maker = firstWord(usb.text, KVM_MAKERS);
        boolean gadget = GADGET.equals(usb.id);
        boolean kvmSerial = gadget && usb.serial != null && KVM_SERIALS.contains(usb.serial);
        String jiggler = firstWord(usb.text, JIGGLER_WORDS);
        String device = e.host();
        String id;
        double strength;
        String why;
        String technique = "T1219.003";
        String key;
        if (maker != null) {
            key = "maker:" + maker;
            id = ID;
            strength = settings.number("maker_strength", 0.8);
            why = "A remote keyboard-video-mouse device (" + describe(usb) + ") was plugged into " + device
                    + ": it lets someone elsewhere control this computer over the Internet as if at its keyboard.";
        } else if (kvmSerial) {
            key = "serial:" + usb.serial;
            id = ID;
            strength = settings.number("serial_strength", 0.75);
            why = "A USB device with the default identity of a PiKVM remote keyboard-video-mouse (" + describe(usb)
                    + ") was plugged into " + device + ".";
        } else if (jiggler != null) {
            key = "jiggler:" + usb.id;
            id = JIGGLER_ID;
            technique = null;
            strength = settings.number("jiggler_strength", 0.15);
            why = "A USB mouse jiggler (" + describe(usb) + ") was plugged into " + device
                    + ", which keeps the session looking active while nobody is at the keyboard.";
        } else if (gadget) {
            key = "gadget";
            id = ID;
            strength = settings.number("gadget_strength", 0.1);
            why = "A small Linux computer presenting itself as a USB device (" + describe(usb) + ") was plugged into "
                    + device + "; developers do this with a Raspberry Pi, and remote-control boxes look the same.";
        } else {
            return;
        }
        String host = RemoteAccessDetector.hostKey(e);
        if (host == null) {
            ctx.skipped("USB device record with no host");
            return;
        }
        HostEvidence seen = hosts.get(host, k -> new HostEvidence());
        if (ID.equals(id) && (seen.usb == null || !seen.usbStrong && !key.equals("gadget"))) {
            seen.usb = e;
            seen.usbStrong = !key.equals("gadget");
        }
        if (seen.reported.add(key)) {
            ctx.signal(id, RemoteAccessDetector.subject(e, ctx)).stage(Stage.CONTROL).technique(technique)
                    .strength(strength).evidence(e).because(why).emit();
        }
        if (ID.equals(id)) {
            pair(seen, null, ctx);
        }
    }

    /** A monitor inventory row: a display named like a KVM's capture chip, or made by "LNX". */
    private void onMonitor(Event e, boolean undated, DetectorContext ctx) {
        Display d = display(e);
        if (d == null) {
            return; // an ordinary monitor
        }
        String host = RemoteAccessDetector.hostKey(e);
        if (host == null) {
            ctx.skipped("monitor record with no host");
            return;
        }
        HostEvidence seen = hosts.get(host, k -> new HostEvidence());
        if (undated) {
            if (seen.undatedDisplay == null || d.strong && !display(seen.undatedDisplay).strong) {
                seen.undatedDisplay = e;
            }
            return;
        }
        judgeDisplay(seen, e, d, null, ctx);
    }

    /** Reports a display once per host and finding, then looks for the USB half; {@code at} places undated rows. */
    private void judgeDisplay(HostEvidence seen, Event e, Display d, Instant at, DetectorContext ctx) {
        if (seen.display == null || d.strong && !seen.displayStrong) {
            seen.display = e;
            seen.displayStrong = d.strong;
        }
        if (seen.reported.add(d.key)) {
            double strength = d.kvmName == null ? settings.number("linux_display_strength", 0.1)
                    : d.linuxMaker ? settings.number("display_strength", 0.8)
                    : settings.number("display_name_strength", 0.7);
            String why = d.kvmName == null
                    ? e.host() + " has a display whose identity was made by " + LINUX_EDID_MAKER + " (" + d.describe()
                    + "), the Linux kernel's placeholder: its screen goes into a small Linux computer, as with "
                    + "remote keyboard-video-mouse boxes but also a developer's Raspberry Pi."
                    : e.host() + " has a display that identifies itself as a remote keyboard-video-mouse box ("
                    + d.describe() + "): its screen is captured by a device that lets someone elsewhere see and "
                    + "control this computer over the Internet.";
            // at(null) leaves the time to the evidence; at(t) before undated evidence keeps t.
            ctx.signal(ID, RemoteAccessDetector.subject(e, ctx)).stage(Stage.CONTROL).technique("T1219.003")
                    .strength(strength).at(at).evidence(e).because(why).emit();
        }
        pair(seen, at, ctx);
    }

    /**
     * A KVM-looking display and a KVM-looking USB device on one computer are the two halves of one
     * box (the screen it captures, the keyboard and mouse it types with): reported once per host.
     */
    private void pair(HostEvidence seen, Instant at, DetectorContext ctx) {
        if (seen.pairReported || seen.usb == null || seen.display == null) {
            return;
        }
        seen.pairReported = true;
        boolean undated = seen.display.time().getEpochSecond() <= 0;
        Duration apart = Duration.between(seen.usb.time(), seen.display.time()).abs();
        boolean together = !undated
                && apart.compareTo(Duration.ofHours(settings.integer("pairing_window_hours", 24))) <= 0;
        boolean strong = seen.usbStrong || seen.displayStrong;
        double strength = strong ? settings.number("pair_strength", 0.9) : settings.number("hint_pair_strength", 0.5);
        if (together) {
            strength = Math.min(0.95, strength + settings.number("pairing_bonus", 0.05) * (strong ? 1 : 2));
        }
        Display d = display(seen.display);
        Usb usb = seen.usb.type().startsWith("osquery.") ? fromOsquery(seen.usb) : fromPnp(seen.usb);
        String when = undated ? "" : together
                ? ", both appearing within " + hoursText(apart) + " of each other"
                : ", " + hoursText(apart) + " apart";
        ctx.signal(ID, RemoteAccessDetector.subject(seen.display, ctx)).stage(Stage.CONTROL).technique("T1219.003")
                .strength(strength).at(at).evidence(seen.usb, seen.display)
                .because(seen.display.host() + " shows both halves of a remote keyboard-video-mouse box: its screen "
                        + "goes into a Linux device (" + d.describe() + ") and a Linux device acts as its keyboard "
                        + "and mouse (" + (usb == null ? "USB gadget" : describe(usb)) + ")" + when
                        + ", so someone elsewhere can control it over the Internet.")
                .emit();
    }

    @Override
    public void finish(DetectorContext ctx) {
        for (var entry : hosts.entries()) {
            HostEvidence seen = entry.getValue();
            Event e = seen.undatedDisplay;
            if (e == null) {
                continue;
            }
            // WMI inventories carry no time: the KVM was there by the USB evidence, or at least by the end.
            Instant at = seen.usb != null ? seen.usb.time() : latestDated;
            if (at == null) {
                ctx.skipped("undated monitor inventory with no dated event to place it in time");
                continue;
            }
            judgeDisplay(seen.copy(), e, display(e), at, ctx);
        }
    }

    private static String hoursText(Duration d) {
        long minutes = Math.round(d.toSeconds() / 60.0);
        long hours = Math.round(minutes / 60.0);
        return minutes < 90 ? minutes + " minutes" : hours <= 48 ? hours + " hours" : Math.round(hours / 24.0) + " days";
    }

    /** What a monitor row says about a KVM, or null for an ordinary monitor. */
    static Display display(Event e) {
        String maker = SoftwareSightings.text(e, "manufacturer");
        String name = SoftwareSightings.text(e, "name");
        String product = SoftwareSightings.text(e, "product_code");
        boolean linux = LINUX_EDID_MAKER.equalsIgnoreCase(maker == null ? "" : maker.strip());
        String kvmName = name == null ? null : firstWord(name.toLowerCase(Locale.ROOT), KVM_DISPLAY_NAMES);
        if (kvmName == null && !linux) {
            return null;
        }
        return new Display(maker, name, product, linux, kvmName, kvmName != null,
                kvmName != null ? "display:" + kvmName : "display:lnx");
    }

    /** A KVM-looking display: its EDID strings and what in them looks like a KVM. */
    record Display(String maker, String name, String product, boolean linuxMaker, String kvmName, boolean strong,
            String key) {
        String describe() {
            StringBuilder b = new StringBuilder("display");
            if (name != null) {
                b.append(" \"").append(name).append('"');
            }
            if (maker != null) {
                b.append(" by ").append(maker.toUpperCase(Locale.ROOT));
            }
            if (product != null) {
                b.append(", product ").append(product);
            }
            return b.toString();
        }
    }

    private static Usb fromOsquery(Event e) {
        String vid = hex(SoftwareSightings.column(e, "vendor_id"));
        String pid = hex(SoftwareSightings.column(e, "model_id"));
        if (vid == null || pid == null) {
            return null;
        }
        String vendor = SoftwareSightings.column(e, "vendor");
        String model = SoftwareSightings.column(e, "model");
        String serial = SoftwareSightings.column(e, "serial");
        return new Usb(vid + ":" + pid, vendor, model, lower(serial), lower(vendor) + " " + lower(model) + " " + lower(serial));
    }

    /** Kernel-PnP names the device as {@code USB\VID_1D6B&PID_0104\CAFEBABE} (or HID\VID_…&MI_00\…). */
    private static Usb fromPnp(Event e) {
        String instance = SoftwareSightings.text(e, "DeviceInstanceId");
        if (instance == null) {
            return null;
        }
        String s = instance.toLowerCase(Locale.ROOT);
        int v = s.indexOf("vid_");
        int p = s.indexOf("pid_");
        if (v < 0 || p < 0 || v + 8 > s.length() || p + 8 > s.length()) {
            return null;
        }
        String id = s.substring(v + 4, v + 8) + ":" + s.substring(p + 4, p + 8);
        int lastSlash = s.lastIndexOf('\\');
        String serial = lastSlash >= 0 && lastSlash > p ? s.substring(lastSlash + 1) : null;
        String description = SoftwareSightings.text(e, "DeviceDescription");
        // Falcon's event also gives the descriptor's strings, where a KVM puts its maker
        String maker = SoftwareSightings.text(e, "Manufacturer");
        String model = SoftwareSightings.text(e, "Model");
        String text = s + " " + lower(description) + " " + lower(maker) + " " + lower(model);
        return new Usb(id, maker, model != null ? model : description, serial, text);
    }

    private static String describe(Usb u) {
        StringBuilder b = new StringBuilder("USB ").append(u.id.toUpperCase(Locale.ROOT));
        String name = ((u.vendor == null ? "" : u.vendor) + " " + (u.model == null ? "" : u.model)).strip();
        if (!name.isEmpty()) {
            b.append(' ').append(name);
        }
        if (u.serial != null && !u.serial.isEmpty()) {
            b.append(", serial ").append(u.serial.toUpperCase(Locale.ROOT));
        }
        return b.toString();
    }

    /** Four hex digits, lower case, from "1d6b", "0x1D6B" or "7531" (osquery may print decimal when numerics are on). */
    private static String hex(String s) {
        if (s == null) {
            return null;
        }
        String h = s.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("0x")) {
            h = h.substring(2);
        }
        if (h.isEmpty() || h.length() > 4) {
            return null;
        }
        for (int i = 0; i < h.length(); i++) {
            if (Character.digit(h.charAt(i), 16) < 0) {
                return null;
            }
        }
        return "0".repeat(4 - h.length()) + h;
    }

    private static String firstWord(String text, String[] words) {
        for (String w : words) {
            if (text.contains(w)) {
                return w;
            }
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? "" : s.toLowerCase(Locale.ROOT);
    }

    private record Usb(String id, String vendor, String model, String serial, String text) {
    }
}
