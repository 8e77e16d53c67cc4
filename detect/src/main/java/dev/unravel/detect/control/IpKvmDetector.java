package dev.unravel.detect.control;

import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * IP-KVM hardware (ATT&amp;CK T1219.003) and USB mouse jigglers plugged into a company device, from
 * osquery's {@code usb_devices} table and Windows Kernel-PnP device events (400 configured,
 * 410 started).
 *
 * <p>PiKVM, TinyPilot, JetKVM and GL.iNet's KVMs are small Linux computers that present
 * themselves as a keyboard, mouse and storage through the Linux USB gadget driver, whose id
 * {@code 1D6B:0104} they share with every Raspberry Pi a developer sets up as a USB gadget. The id
 * alone is therefore only a weak hint; the maker strings the KVMs put in the descriptor, or
 * PiKVM's default serial {@code CAFEBABE}, are near proof.
 */
public final class IpKvmDetector implements Detector {

    /** A constant: {@link Detector#reads} asks for it on every event. */
    static final Set<String> EVENT_TYPES = Set.of("osquery.", "microsoft-windows-kernel-pnp-configuration.400",
                "microsoft-windows-kernel-pnp-configuration.410");

    public static final String ID = "control.ip-kvm";
    public static final String JIGGLER_ID = "control.usb-mouse-jiggler";

    static final String GADGET = "1d6b:0104";

    /** Lower-case words the KVM products put in their USB vendor, product or serial strings. */
    static final String[] KVM_MAKERS = {"pikvm", "tinypilot", "jetkvm", "glkvm", "gl-kvm", "gl.inet kvm",
        "blikvm", "nanokvm", "kvm over ip"};

    /** Default gadget serials of KVM images: PiKVM's {@code CAFEBABE}, TinyPilot's hex of "keymimepi". */
    static final Set<String> KVM_SERIALS = Set.of("cafebabe", "6b65796d696d6570690");

    static final String[] JIGGLER_WORDS = {"jiggler", "mouse mover", "mousemover", "mouse jiggle"};

    private Settings settings;
    private PerEntity<String, Set<String>> reported;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "IP-KVM devices (PiKVM, TinyPilot, JetKVM, GLKVM) and USB mouse jigglers from USB inventories and "
                + "Windows Kernel-PnP events";
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        if (reported == null) {
            settings = ctx.settings();
            reported = ctx.state(settings.integer("max_hosts", 200_000));
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
        if (!reported.get(host, k -> new HashSet<>()).add(key)) {
            return;
        }
        ctx.signal(id, RemoteAccessDetector.subject(e, ctx)).stage(Stage.CONTROL).technique(technique)
                .strength(strength).evidence(e).because(why).emit();
    }

    private static Usb fromOsquery(Event e) {
        String vid = hex(RemoteAccessDetector.column(e, "vendor_id"));
        String pid = hex(RemoteAccessDetector.column(e, "model_id"));
        if (vid == null || pid == null) {
            return null;
        }
        String vendor = RemoteAccessDetector.column(e, "vendor");
        String model = RemoteAccessDetector.column(e, "model");
        String serial = RemoteAccessDetector.column(e, "serial");
        return new Usb(vid + ":" + pid, vendor, model, lower(serial), lower(vendor) + " " + lower(model) + " " + lower(serial));
    }

    /** Kernel-PnP names the device as {@code USB\VID_1D6B&PID_0104\CAFEBABE} (or HID\VID_…&MI_00\…). */
    private static Usb fromPnp(Event e) {
        String instance = RemoteAccessDetector.text(e, "DeviceInstanceId");
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
        String description = RemoteAccessDetector.text(e, "DeviceDescription");
        String text = s + " " + (description == null ? "" : description.toLowerCase(Locale.ROOT));
        return new Usb(id, null, description, serial, text);
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
