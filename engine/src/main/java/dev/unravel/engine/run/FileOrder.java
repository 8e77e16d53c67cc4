package dev.unravel.engine.run;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order files are read in: record files (CSV and text: HR, applicants, assets, payroll,
 * intelligence, résumés) before logs, so that detectors find the roster complete; then logs by the
 * date their path names (daily files such as {@code okta/system-log-2026-03-02.ndjson}, blob layouts
 * such as {@code y=2026/m=03/d=02/h=05}), so the stream reaches the reorder buffer roughly in
 * time order; then by path, so the order is stable.
 *
 * <p>A log file whose path names no date (CrowdStrike's FDR batches, {@code data/<uuid>/part-00000.gz})
 * is placed by its first event when a {@link FirstEvents peek} is given: at that event's hour, or
 * with the records when that event is one (FDR's aidmaster inventory of sensors). Without a peek,
 * or when the file has no dated event (a WMI inventory), such files form one group first. A file
 * named for FDR's inventory is peeked even in a dated folder ({@code unravel collect crowdstrike}
 * keeps it in the day of its first row), so that every sensor is named before any log is read.
 */
public final class FileOrder {

    /**
     * A date, with its hour where one follows ({@code 2026-03-02}, {@code 20260302T124827Z}), that is
     * a number of its own: eight digits inside a longer run — a temporary folder's random name, an
     * account or ticket number — are no date.
     */
    private static final Pattern ISO_DATE = Pattern.compile(
            "(?<!\\d)(20\\d{2}|19\\d{2})-?(\\d{2})-?(\\d{2})(?:[T_-]?(\\d{2})(?:[:.-]?\\d{2}){0,2})?(?!\\d)");
    /**
     * Hive-style partitions: Azure's blob layout ({@code y=2026/m=03/d=02/h=05}) and FDR's classic one
     * ({@code batch=<uuid>/year=2026/month=03/day=02/hour=05/platform=win/part-00000.txt.gz}).
     */
    private static final Pattern BLOB_DATE = Pattern.compile(
            "(?:y|year)=(\\d{4})/(?:m|month)=(\\d{2})/(?:d|day)=(\\d{2})(?:/(?:h|hour)=(\\d{2}))?");
    /** A uuid (FDR's batch folders) can hold eight digits that read as a date; it never is one. */
    private static final Pattern UUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** FDR's secondary tables: inventories of sensors, accounts, interfaces and applications. */
    private static final Pattern INVENTORY = Pattern.compile(
            "(^|[/_])(aidmaster|userinfo|managedassets|notmanaged|appinfo)([/_]|$)");
    private static final DateTimeFormatter HOUR_KEY = DateTimeFormatter.ofPattern("yyyyMMddHH", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private FileOrder() {
    }

    /** What a file's first event says: when it happened, and whether it is a record (an inventory row) rather than a log. */
    public record FirstEvent(Instant time, boolean record) {
    }

    /** Reads a file as far as its first event; null when it has none. Called from several threads at once. */
    @FunctionalInterface
    public interface FirstEvents {
        FirstEvent peek(Path file);
    }

    /** Where a file goes: its group (0 records, 1 logs) and the date key its path or first event gives. */
    private record Place(int group, String dateKey) {
    }

    public static List<Path> sort(List<Path> files) {
        return ordered(files, places(files, null));
    }

    /**
     * The files in reading order, grouped for merging: all record files first, then the log files
     * of each day (by the date their path names; files naming none form one group first).
     */
    public static List<List<Path>> groups(List<Path> files) {
        return groups(files, null);
    }

    /** As {@link #groups(List)}, undated log files placed by their first event (read with {@code peek}). */
    public static List<List<Path>> groups(List<Path> files, FirstEvents peek) {
        return groups(files, peek, true);
    }

    /** As {@link #groups(List, FirstEvents)} without the records: the log files' days, each file peeked once. */
    public static List<List<Path>> logGroups(List<Path> files, FirstEvents peek) {
        return groups(files, peek, false);
    }

    private static List<List<Path>> groups(List<Path> files, FirstEvents peek, boolean withRecords) {
        Map<Path, Place> places = places(files, peek);
        List<List<Path>> groups = new ArrayList<>();
        String last = null;
        for (Path p : ordered(files, places)) {
            Place at = places.get(p);
            if (at.group() == 0 && !withRecords) {
                continue;
            }
            String key = at.group() + ":" + (at.group() == 0 ? "" : day(at.dateKey()));
            if (!key.equals(last)) {
                groups.add(new ArrayList<>());
                last = key;
            }
            groups.get(groups.size() - 1).add(p);
        }
        return groups;
    }

    private static Map<Path, Place> places(List<Path> files, FirstEvents peek) {
        // a peek opens the file: thousands of FDR batches are peeked on every core (it is thread-safe)
        Map<Path, Place> places = new java.util.concurrent.ConcurrentHashMap<>();
        (peek == null ? files.stream() : files.parallelStream()).forEach(p -> places.put(p, place(p, peek)));
        return places;
    }

    private static List<Path> ordered(List<Path> files, Map<Path, Place> places) {
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparingInt((Path p) -> places.get(p).group())
                .thenComparing(p -> places.get(p).dateKey()).thenComparing(Path::toString));
        return sorted;
    }

    private static Place place(Path p, FirstEvents peek) {
        int group = group(p);
        String key = dateKey(p);
        if (group == 1 && (key.isEmpty() || inventory(p)) && peek != null) {
            FirstEvent first = peek.peek(p);
            if (first != null && first.record()) {
                return new Place(0, "");
            }
            if (key.isEmpty() && first != null && first.time() != null && first.time().getEpochSecond() > 0) {
                return new Place(1, HOUR_KEY.format(first.time()));
            }
        }
        return new Place(group, key);
    }

    /**
     * Whether the path names one of FDR's secondary tables, the inventory of sensors above all
     * ({@code aidmaster/…}, or {@code fdrv2_aidmaster_…} as {@code unravel collect crowdstrike} keeps
     * it in a day folder; {@code userinfo}, {@code managedassets}, {@code notmanaged},
     * {@code appinfo}): such a file is peeked even in a dated folder, so that it goes with the records.
     */
    static boolean inventory(Path p) {
        return INVENTORY.matcher(p.toString().replace('\\', '/').toLowerCase(Locale.ROOT)).find();
    }

    private static String day(String dateKey) {
        return dateKey.length() >= 8 ? dateKey.substring(0, 8) : dateKey;
    }

    /** Whether {@code p} holds records (HR, applicants, assets, payroll, references) rather than logs, by its name. */
    public static boolean isRecordFile(Path p) {
        return group(p) == 0;
    }

    /**
     * Whether {@code p} holds records: by its name, or, when its path names no date, by its first
     * event ({@code peek}: FDR's aidmaster inventory of sensors is JSON in a uuid folder).
     */
    public static boolean isRecordFile(Path p, FirstEvents peek) {
        return place(p, peek).group() == 0;
    }

    /** 0 for record files (CSV, TSV and plain text), 1 for everything else. */
    static int group(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt") ? 0 : 1;
    }

    /**
     * The series an hour-named file belongs to, or null when its path names no hour: Azure's hourly
     * blobs of one table ({@code …/y=2026/m=03/d=02/h=05/m=00/PT1H.json}) and files named by their
     * time in one folder ({@code email/ceo/20260302T051232Z-….eml}, {@code okta/system-log-2026-03-02T05.ndjson})
     * hold consecutive stretches of time, so the files of a series can be read one after another as
     * one stream. The series is the path with its hour-bearing date made a wildcard; in a file name,
     * the name's beginning before the date and its extension (the rest names the one file).
     */
    static String series(Path p) {
        String s = p.toString().replace('\\', '/');
        Matcher b = BLOB_DATE.matcher(s);
        if (b.find()) {
            return b.group(4) == null ? null : s.substring(0, b.start()) + "*" + s.substring(b.end());
        }
        String t = UUID.matcher(s).replaceAll("/"); // as dateKey reads it: a uuid's digits are no date
        LastDate d = lastDate(t);
        if (d == null || d.hour() == null) {
            return null;
        }
        int slash = t.lastIndexOf('/');
        if (d.start() <= slash) {
            return t.substring(0, d.start()) + "*" + t.substring(d.end()); // a folder named for the hour
        }
        String name = t.substring(slash + 1);
        int dot = name.lastIndexOf('.');
        return t.substring(0, d.start()) + "*" + (dot < 0 ? "" : name.substring(dot));
    }

    /** A date a path names: {@code yyyyMMdd}, its hour or null, and where it stands in the path. */
    private record LastDate(String day, String hour, int start, int end) {
    }

    /** The last real date (month 1–12, day 1–31) {@code path} names, in a file name or a folder; null when none. */
    private static LastDate lastDate(String path) {
        Matcher m = ISO_DATE.matcher(path);
        LastDate last = null;
        while (m.find()) {
            int month = Integer.parseInt(m.group(2));
            int day = Integer.parseInt(m.group(3));
            if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
                last = new LastDate(m.group(1) + m.group(2) + m.group(3), m.group(4), m.start(), m.end());
            }
        }
        return last;
    }

    /** {@code yyyyMMddHH} from the path (the last date it names), or "" when it names none (such files go first). */
    static String dateKey(Path p) {
        String s = p.toString().replace('\\', '/');
        Matcher b = BLOB_DATE.matcher(s);
        if (b.find()) {
            return b.group(1) + b.group(2) + b.group(3) + (b.group(4) == null ? "00" : b.group(4));
        }
        // the last date the path names, in the file name or a folder (zeek/2026-03-02/conn.log)
        LastDate d = lastDate(UUID.matcher(s).replaceAll("/"));
        return d == null ? "" : d.day() + (d.hour() == null ? "00" : d.hour());
    }
}
