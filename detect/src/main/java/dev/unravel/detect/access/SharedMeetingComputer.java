package dev.unravel.detect.access;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.MeetingEvents;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.roster.Person;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * One computer joining meetings as several workers: an operator who holds several hires' identities
 * runs their calls from one machine of their own. The meeting services name the computer each
 * participant's client ran on — Zoom's {@code pc_name} and {@code mac_addr}, a Teams session's
 * endpoint {@code name} and {@code macAddress} — so two workers on one computer name, or one network
 * card, is one machine behind two people. Left alone: names that only say what a computer is
 * ({@code MacBook Pro}, {@code iPad}, {@code DESKTOP}), names or cards behind more than
 * {@code max_workers} workers (a meeting room, a shared kiosk, a default image), addresses a device
 * makes up for privacy (locally administered MACs), and — weakly said — workers HR records at one
 * home, who may share a family computer.
 *
 * <p>A computer name is said with whose company laptop the asset records make it, or that they give
 * it to no one.
 *
 * <p>Settings: {@code max_workers} (4), {@code strength} (0.5 for two workers; 0.6 for three or
 * more), {@code household_strength} (0.2), {@code max_devices} (state bound).
 */
public final class SharedMeetingComputer implements Detector {

    public static final String ID = "access.shared-meeting-computer";

    /** Names that say only what kind of computer it is, as {@link #generic} normalises them: many people's. */
    private static final Set<String> GENERIC_NAMES = Set.of("macbook", "macbook pro", "macbook air", "imac",
            "mac mini", "mac studio", "mac pro", "mac", "iphone", "ipad", "android", "windows", "windows pc", "pc",
            "desktop", "laptop", "localhost", "unknown", "chromebook", "surface", "computer", "my computer", "home",
            "home pc", "workstation");
    private static final Pattern SEPARATORS = Pattern.compile("[\\s_\\-]+");
    private static final Pattern NUMBERED = Pattern.compile(" ?\\(?\\d{1,3}\\)?$");

    private Settings settings;
    private int maxWorkers;
    private PerEntity<String, Device> devices;

    /**
     * One computer (by name or network card): who joined from it, each one's first record. Nearly
     * every computer is one worker's, so the first is kept in fields and a map made for a second.
     */
    static final class Device {
        final String shown;
        final boolean mac;
        final String firstWorker;
        final Event firstEvent;
        Map<String, Event> workers;

        Device(String shown, boolean mac, String worker, Event first) {
            this.shown = shown;
            this.mac = mac;
            this.firstWorker = worker;
            this.firstEvent = first;
        }

        void add(String worker, Event e, int limit) {
            if (worker.equals(firstWorker) || workers != null && (workers.size() > limit
                    || workers.containsKey(worker))) {
                return; // one past the limit says "too many": a room or a default name
            }
            if (workers == null) {
                workers = new LinkedHashMap<>();
                workers.put(firstWorker, firstEvent);
            }
            workers.put(worker, e.envelope());
        }

        /** Each worker's first record on this computer, in the order they came. */
        Map<String, Event> workers() {
            return workers != null ? workers : Map.of(firstWorker, firstEvent);
        }
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "one computer (its name or network card) joins meetings as several workers";
    }

    @Override
    public String needs() {
        return "meeting participants (Zoom's Dashboard participants, Microsoft Teams call records)";
    }

    @Override
    public Set<String> eventTypes() {
        return MeetingEvents.TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        maxWorkers = settings.integer("max_workers", 4);
        devices = ctx.state(settings.integer("max_devices", 200_000));
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        String worker = ctx.roster().workerIdOf(e);
        if (worker == null) {
            ctx.skipped("meeting participant not in the roster");
            return;
        }
        int limit = maxWorkers;
        String name = e.host() == null ? null : e.host().strip();
        if (name != null && !name.isEmpty() && name.length() <= 128 && !generic(name)) {
            add("pc:" + name.toLowerCase(Locale.ROOT), name, false, worker, e, limit);
        }
        Object mac = MeetingEvents.macAddress(e);
        String card = mac instanceof String m ? normalMac(m) : null;
        if (card != null) {
            add("mac:" + card, mac.toString().strip(), true, worker, e, limit);
        }
    }

    private void add(String key, String shown, boolean mac, String worker, Event e, int limit) {
        devices.get(key, k -> new Device(shown, mac, worker, e.envelope())).add(worker, e, limit);
    }

    /**
     * Whose company laptop a computer name is, in words (", Ann Lee's company laptop"), or that the
     * asset records give it to no one (nothing when there are none): the analyst's first question,
     * since a company laptop is one person's and a machine that is none is someone's own.
     */
    private static String owner(String computer, DetectorContext ctx) {
        String id = ctx.roster().workerIdOfHost(computer);
        if (id == null) {
            return ctx.roster().knowsDevices() ? ", which the asset records give to no one" : "";
        }
        Person p = ctx.roster().worker(id);
        return ", " + (p == null || p.name().isEmpty() ? "worker " + id : p.name()) + "'s company laptop";
    }

    /**
     * Whether a computer's name only says what kind of computer it is ({@code MacBook-Pro-2},
     * {@code iPhone (3)}, {@code DESKTOP}, {@code macbook-air.local}): lower-cased, separators as
     * blanks, without {@code .local} or a trailing number, it is one of {@link #GENERIC_NAMES}.
     */
    static boolean generic(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        n = n.endsWith(".local") ? n.substring(0, n.length() - 6) : n;
        n = NUMBERED.matcher(SEPARATORS.matcher(n).replaceAll(" ").strip()).replaceAll("").strip();
        return GENERIC_NAMES.contains(n);
    }

    /**
     * A MAC as 12 lower-case hex digits, or null when it is not one or names no card: all zeros, or
     * locally administered (the second bit of the first octet: an address the device made up, as
     * phones and privacy settings do, and Teams' {@code 02:00:00:00:00:00} placeholder).
     */
    static String normalMac(String text) {
        StringBuilder hex = new StringBuilder(12);
        for (int i = 0; i < text.length() && hex.length() <= 12; i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
                hex.append(c);
            } else if (c != ':' && c != '-' && c != '.' && c != ' ') {
                return null;
            }
        }
        if (hex.length() != 12 || hex.toString().equals("000000000000")) {
            return null;
        }
        int firstOctet = Integer.parseInt(hex.substring(0, 2), 16);
        return (firstOctet & 0x02) != 0 ? null : hex.toString();
    }

    @Override
    public void finish(DetectorContext ctx) {
        int limit = maxWorkers;
        Set<String> said = new HashSet<>();
        List<Map.Entry<String, Device>> all = new ArrayList<>();
        devices.entries().forEach(all::add);
        // names first (what an analyst can look for), then cards (said when the names differ); in a stable order
        all.sort(Map.Entry.<String, Device>comparingByValue((a, b) -> Boolean.compare(a.mac, b.mac))
                .thenComparing(Map.Entry.comparingByKey()));
        for (Map.Entry<String, Device> entry : all) {
            Device d = entry.getValue();
            Map<String, Event> workers = d.workers();
            if (workers.size() < 2) {
                continue;
            }
            if (workers.size() > limit) {
                ctx.skipped("computer behind more than " + limit + " workers' meetings (a room or a default name)");
                continue;
            }
            Set<String> group = new TreeSet<>(workers.keySet());
            if (!said.add(String.join(",", group))) {
                continue; // the same workers on the computer's name and its card: said once
            }
            List<String> names = new ArrayList<>();
            for (String w : group) {
                Person p = ctx.roster().worker(w);
                names.add(p == null || p.name().isEmpty() ? w : p.name() + " (worker " + w + ")");
            }
            boolean household = ctx.roster().oneHousehold(group);
            double strength = household ? settings.number("household_strength", 0.2)
                    : group.size() >= 3 ? settings.number("strength_three", 0.6) : settings.number("strength", 0.5);
            Set<String> services = new TreeSet<>();
            for (Event e : workers.values()) {
                services.add(MeetingEvents.records(e));
            }
            String what = d.mac ? "One computer's network card (" + d.shown + ")"
                    : "One computer, " + d.shown + owner(d.shown, ctx) + ",";
            String because = what + " joined meetings as " + group.size() + " different workers ("
                    + String.join(", ", names) + "), per " + String.join(" and ", services) + ": each worker "
                    + "should join from their own. "
                    + (household ? "HR records them at one home, so it may be a family computer."
                            : "The North Korean IT-worker scheme's operators hold several hires' identities and "
                                    + "run their calls from one machine of their own.");
            for (String w : group) {
                ctx.signal(ID, EntityRef.worker(w)).stage(Stage.ACCESS).technique("T1078")
                        .strength(strength).evidence(workers.values().toArray(new Event[0])).because(because)
                        .emit();
            }
        }
    }
}
