package dev.unravel.detect.steal;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.PerEntity;
import dev.unravel.detect.Settings;
import dev.unravel.detect.SignalBuilder;
import dev.unravel.detect.roster.Person;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Files copied to USB storage (ATT&amp;CK T1052.001), counted per worker per UTC day, because one
 * document on a stick is ordinary and a source tree is not. What says "a file was written to a USB
 * drive":
 * <ul>
 * <li>Windows Security 4663 from the "Audit Removable Storage" subcategory: removable volumes are
 * named by their device path ({@code \Device\HarddiskVolume5\src\app.java}, where fixed-disk file
 * auditing writes {@code C:\...}), with a write right in {@code AccessMask} (WriteData 0x2,
 * AppendData 0x4) or {@code AccessList} (%%4417, %%4418);</li>
 * <li>Defender for Endpoint's DeviceFileEvents (created, modified or renamed) on a drive letter its
 * DeviceEvents {@code UsbDriveMounted} gave a USB drive on that computer;</li>
 * <li>CrowdStrike Falcon's {@code RemovableMediaFileWritten} ({@code TargetFileName}, {@code Size}
 * where the sensor gives it), which the sensor writes only for files on removable media;</li>
 * <li>osquery {@code file_events} (file integrity monitoring) created or updated under
 * {@code /Volumes/} (macOS, except the system volume) or {@code /media/}, {@code /run/media/}
 * (Linux), with the size when osquery gives it.</li>
 * </ul>
 * What says "a USB mass-storage device was connected" names the device in the explanation:
 * Microsoft-Windows-Partition/Diagnostic 1006 with {@code BusType} 7 (USB) and a capacity,
 * osquery {@code usb_devices} of class 8 (mass storage) and {@code disk_events} of an ejectable
 * disk, Falcon's {@code RemovableMediaVolumeMounted} (its volume name and drive letter).
 *
 * <p>Only the busiest day per worker is reported, when at least {@code min_files} (default 200)
 * distinct files or {@code min_source_files} (default 20) source-code files were written; strong
 * within {@code new_hire_days} (default 30) of the hire date. State per worker is one day's file
 * set (capped), counters, the last USB device seen and at most {@link SignalBuilder#MAX_EVIDENCE}
 * evidence references.
 *
 * <p>Settings: {@code min_files}, {@code min_source_files}, {@code new_hire_days},
 * {@code strength} (0.35), {@code new_hire_strength} (0.55), {@code max_workers}.
 */
public final class UsbStorageWritesDetector implements Detector {

    static final String PARTITION_DIAGNOSTIC = "microsoft-windows-partition-diagnostic.1006";
    static final String DEFENDER_MOUNT = "defender.usb-drive";
    static final String DEFENDER_FILE = "defender.file";
    static final String FALCON_MOUNT = "RemovableMediaVolumeMounted";
    static final String FALCON_FILE = "RemovableMediaFileWritten";
    static final Set<String> EVENT_TYPES = Set.of("security.4663", PARTITION_DIAGNOSTIC, "osquery.", DEFENDER_MOUNT,
            DEFENDER_FILE, FALCON_MOUNT, FALCON_FILE);

    public static final String ID = "steal.usb-storage-writes";

    static final Set<String> SOURCE_EXTENSIONS = Set.of("java", "kt", "scala", "groovy", "py", "go", "rs", "c",
            "cc", "cpp", "h", "hpp", "cs", "js", "jsx", "ts", "tsx", "rb", "php", "swift", "m", "sql", "sh", "ps1",
            "tf", "proto", "gradle", "vue", "dart", "lua", "pl");

    /** Windows 4663 write rights: WriteData (or AddFile) and AppendData (or AddSubdirectory). */
    static final long WRITE_RIGHTS = 0x2 | 0x4;
    static final int MAX_FILES_PER_DAY = 20_000;
    /** BusType 7 in the Partition/Diagnostic 1006 event: the STORAGE_BUS_TYPE value for USB. */
    static final int BUS_TYPE_USB = 7;

    private Settings settings;
    private PerEntity<EntityRef, Usb> workers;
    /** The last USB storage device seen per computer, to name it in the explanation. */
    private PerEntity<String, String> devices;
    /** The drive letters Defender saw USB drives mounted at, per computer ("e:"). */
    private PerEntity<String, Set<String>> usbLetters;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "removable-storage auditing (Windows 4663, Partition/Diagnostic 1006), Defender for Endpoint's file "
                + "events and USB mounts, CrowdStrike Falcon's removable-media events, or osquery file events";
    }

    @Override
    public String description() {
        return "Many files or source code copied to USB storage in one day (Windows removable-storage auditing, "
                + "Defender for Endpoint, CrowdStrike Falcon, osquery file events)";
    }

    @Override
    public Set<String> eventTypes() {
        return EVENT_TYPES;
    }

    @Override
    public void start(DetectorContext ctx) {
        settings = ctx.settings();
        int max = settings.integer("max_workers", 500_000);
        workers = ctx.state(max);
        devices = ctx.state(max);
        usbLetters = ctx.state(max);
    }

    @Override
    public void onEvent(Event e, DetectorContext ctx) {
        if (PARTITION_DIAGNOSTIC.equals(e.type())) {
            partitionDiagnostic(e);
            return;
        }
        if (DEFENDER_MOUNT.equals(e.type())) {
            defenderMount(e);
            return;
        }
        if (FALCON_MOUNT.equals(e.type())) {
            falconMount(e);
            return;
        }
        Object query = e.document().get("query");
        if ("usb_devices".equals(query)) {
            usbDevice(e);
            return;
        }
        if ("disk_events".equals(query)) {
            diskEvent(e);
            return;
        }
        String path;
        long bytes = 0;
        if ("security.4663".equals(e.type())) {
            path = removableWrite(e);
        } else if (DEFENDER_FILE.equals(e.type())) {
            path = defenderUsbWrite(e);
            if (path != null && e.field("FileSize") != null) {
                bytes = number(e.field("FileSize"));
            }
        } else if (FALCON_FILE.equals(e.type())) {
            path = e.field("TargetFileName") instanceof String p && !p.isBlank() && !p.endsWith("\\") ? p : null;
            if (path != null && e.field("Size") != null) {
                bytes = number(e.field("Size"));
            }
        } else if ("file_events".equals(query)) {
            path = osqueryUsbWrite(e);
            if (path != null && e.field("columns.size") != null) {
                bytes = number(e.field("columns.size"));
            }
        } else {
            return;
        }
        if (path == null) {
            return;
        }
        String worker = ctx.roster().workerIdOf(e);
        EntityRef subject = worker != null ? EntityRef.worker(worker)
                : e.host() != null ? new EntityRef(EntityRef.Kind.HOST, e.host())
                : null;
        if (subject == null) {
            ctx.skipped("USB file write with neither a worker nor a computer");
            return;
        }
        Usb u = workers.get(subject, k -> new Usb());
        long day = Math.floorDiv(e.time().getEpochSecond(), 86_400L);
        if (day > u.day) {
            u.closeDay();
            u.day = day;
        }
        if (u.files.size() < MAX_FILES_PER_DAY && u.files.add(path.toLowerCase(Locale.ROOT))) {
            if (isSource(path)) {
                u.sourceFiles++;
            }
            u.bytes += Math.max(0, bytes);
            u.last = e.time();
            if (e.host() != null && devices.peek(e.host().toLowerCase(Locale.ROOT)) != null) {
                u.device = devices.peek(e.host().toLowerCase(Locale.ROOT)); // the device plugged in at the time
            }
            if (u.evidence.size() < SignalBuilder.MAX_EVIDENCE && e.origin() != null) {
                u.evidence.add(e.origin());
            }
        }
    }

    @Override
    public void finish(DetectorContext ctx) {
        int minFiles = settings.integer("min_files", 200);
        int minSource = settings.integer("min_source_files", 20);
        int newHireDays = settings.integer("new_hire_days", 30);
        for (Map.Entry<EntityRef, Usb> en : workers.entries()) {
            Day d = en.getValue().busiest();
            if (d == null || (d.files < minFiles && d.sourceFiles < minSource)) {
                continue;
            }
            EntityRef subject = en.getKey();
            Person p = subject.kind() == EntityRef.Kind.WORKER ? ctx.roster().worker(subject.value()) : null;
            Long days = p == null || p.hireDate() == null ? null
                    : ChronoUnit.DAYS.between(p.hireDate(), LocalDate.ofEpochDay(d.day));
            boolean newHire = days != null && days >= 0 && days <= newHireDays;
            double strength = newHire ? settings.number("new_hire_strength", 0.55) : settings.number("strength", 0.35);
            // Source code is the company's product: a stick full of it is worse than documents.
            if (d.sourceFiles >= minSource) {
                strength += 0.1;
            }
            String device = d.device;
            String what = d.sourceFiles >= minSource ? d.files + " files, " + d.sourceFiles + " of them source code,"
                    : d.files + " files";
            String size = d.bytes >= 1_000_000 ? " (" + megabytes(d.bytes) + ")" : "";
            String when = !newHire ? "" : days == 0 ? " on their first day" : " " + days + " days after starting";
            ctx.signal(ID, subject).stage(Stage.STEAL).technique("T1052.001").strength(Math.min(1, strength))
                    .at(d.last).evidence(d.evidence)
                    .because("This worker copied " + what + size + " to a USB storage device"
                            + (device == null ? "" : " (" + device + ")") + " in one day" + when + ".")
                    .emit();
        }
    }

    /** The file a removable-storage 4663 wrote, or null when it is a read or not on a removable volume. */
    static String removableWrite(Event e) {
        if (!(e.field("ObjectName") instanceof String name) || !name.regionMatches(true, 0, "\\Device\\HarddiskVolume",
                0, 22)) {
            return null;
        }
        if (e.field("ObjectType") instanceof String type && !type.equalsIgnoreCase("File")) {
            return null;
        }
        long mask = hex(e.field("AccessMask"));
        String list = e.field("AccessList") instanceof String s ? s : "";
        boolean write = (mask > 0 && (mask & WRITE_RIGHTS) != 0) || list.contains("%%4417") || list.contains("%%4418");
        // A folder on the stick is written when a file is added to it; the files are counted.
        return write && !name.endsWith("\\") ? name : null;
    }

    /** The file an osquery file event wrote on a mounted removable volume, or null. */
    static String osqueryUsbWrite(Event e) {
        if (!(e.field("columns.target_path") instanceof String path)) {
            return null;
        }
        String action = e.field("columns.action") instanceof String a ? a.toUpperCase(Locale.ROOT) : "";
        if (!(action.equals("CREATED") || action.equals("UPDATED") || action.equals("MOVED_TO"))) {
            return null;
        }
        boolean removable = (path.startsWith("/Volumes/") && !path.startsWith("/Volumes/Macintosh HD"))
                || path.startsWith("/media/") || path.startsWith("/run/media/");
        return removable && !path.endsWith("/") ? path : null;
    }

    /** A file Defender saw written on a drive letter a USB drive was mounted at on that computer, or null. */
    private String defenderUsbWrite(Event e) {
        String action = e.field("ActionType") instanceof String a ? a : "";
        if (!(action.equalsIgnoreCase("FileCreated") || action.equalsIgnoreCase("FileModified")
                || action.equalsIgnoreCase("FileRenamed")) || !(e.field("FolderPath") instanceof String path)
                || path.length() < 3 || path.charAt(1) != ':' || e.host() == null) {
            return null;
        }
        Set<String> letters = usbLetters.peek(e.host().toLowerCase(Locale.ROOT));
        return letters != null && letters.contains(path.substring(0, 2).toLowerCase(Locale.ROOT)) ? path : null;
    }

    private void defenderMount(Event e) {
        if (e.host() == null || !(e.field("DriveLetter") instanceof String letter) || letter.strip().length() < 2) {
            return;
        }
        String host = e.host().toLowerCase(Locale.ROOT);
        usbLetters.get(host, k -> new HashSet<>()).add(letter.strip().substring(0, 2).toLowerCase(Locale.ROOT));
        String name = join(e.field("Manufacturer"), e.field("Model"));
        remember(host, (name.isEmpty() ? "USB drive" : name) + " at " + letter.strip(), 0);
    }

    /** Falcon's mount of a removable volume: its name and letter name the stick in the explanation. */
    private void falconMount(Event e) {
        if (e.host() == null) {
            return;
        }
        String name = join(e.field("VolumeName"), null);
        Object letter = e.field("VolumeDriveLetter");
        remember(e.host(), (name.isEmpty() ? "USB drive" : name)
                + (letter instanceof String l && !l.isBlank() ? " at " + l.strip() : ""), 0);
    }

    private void partitionDiagnostic(Event e) {
        long capacity = number(e.field("Capacity"));
        if (number(e.field("BusType")) != BUS_TYPE_USB || capacity <= 0 || e.host() == null) {
            return; // capacity 0 is the same event written when the device is removed
        }
        remember(e.host(), join(e.field("Manufacturer"), e.field("Model")), capacity);
    }

    private void usbDevice(Event e) {
        Object cls = e.field("columns.class");
        // a differential "added" row is the plug-in; a snapshot row is a device still attached
        Object action = e.field("action");
        boolean attached = "added".equals(action) || "snapshot".equals(action);
        if (e.host() == null || cls == null || !attached || parseClass(cls) != 8) {
            return;
        }
        remember(e.host(), join(e.field("columns.vendor"), e.field("columns.model")), 0);
    }

    private void diskEvent(Event e) {
        if (e.host() == null || !"add".equals(e.field("columns.action"))
                || !"1".equals(String.valueOf(e.field("columns.ejectable")))) {
            return;
        }
        remember(e.host(), join(e.field("columns.vendor"), e.field("columns.media_name")),
                number(e.field("columns.size")));
    }

    private void remember(String host, String name, long capacityBytes) {
        String description = name.isEmpty() ? "USB storage" : name;
        if (capacityBytes >= 1_000_000_000L) {
            description += ", " + Math.round(capacityBytes / 1e9) + " GB";
        }
        devices.put(host.toLowerCase(Locale.ROOT), description);
    }

    static boolean isSource(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        String file = path.substring(slash + 1);
        int dot = file.lastIndexOf('.');
        // a copied repository carries its history too
        return (dot > 0 && SOURCE_EXTENSIONS.contains(file.substring(dot + 1).toLowerCase(Locale.ROOT)))
                || path.contains("/.git/") || path.contains("\\.git\\");
    }

    private static int parseClass(Object v) {
        String s = String.valueOf(v).strip().toLowerCase(Locale.ROOT);
        try {
            return s.startsWith("0x") ? Integer.parseInt(s.substring(2), 16) : Integer.parseInt(s, 16);
        } catch (NumberFormatException ex) {
            return -1;
        }
    }

    private static long hex(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s && s.strip().toLowerCase(Locale.ROOT).startsWith("0x")) {
            try {
                return Long.parseLong(s.strip().substring(2), 16);
            } catch (NumberFormatException ex) {
                return -1;
            }
        }
        return -1;
    }

    private static long number(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s) {
            try {
                return Long.parseLong(s.strip());
            } catch (NumberFormatException ex) {
                return -1;
            }
        }
        return -1;
    }

    private static String join(Object a, Object b) {
        String x = a == null ? "" : String.valueOf(a).strip();
        String y = b == null ? "" : String.valueOf(b).strip();
        return (x + " " + y).strip();
    }

    private static String megabytes(long bytes) {
        return bytes >= 1_000_000_000L ? String.format(Locale.ROOT, "%.1f GB", bytes / 1e9)
                : Math.round(bytes / 1e6) + " MB";
    }

    /** One finished day's counts. */
    record Day(long day, int files, int sourceFiles, long bytes, Instant last, String device, List<EventRef> evidence) {
    }

    /** One worker's current day of USB writes and their busiest finished day. */
    static final class Usb {
        long day = Long.MIN_VALUE;
        final Set<String> files = new HashSet<>();
        int sourceFiles;
        long bytes;
        Instant last;
        String device;
        final List<EventRef> evidence = new ArrayList<>();
        Day best;

        /**
         * The busiest day so far, the open one included, without closing it: what finish reads, since
         * finish may also come mid-stream and the open day then goes on.
         */
        Day busiest() {
            return !files.isEmpty() && (best == null || score() > best.files + 10L * best.sourceFiles)
                    ? new Day(day, files.size(), sourceFiles, bytes, last, device, List.copyOf(evidence))
                    : best;
        }

        void closeDay() {
            best = busiest();
            files.clear();
            sourceFiles = 0;
            bytes = 0;
            device = null;
            evidence.clear();
        }

        /** Source files weigh ten documents when two days are compared. */
        private long score() {
            return files.size() + 10L * sourceFiles;
        }
    }
}
