package dev.unravel.engine.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order files are read in: record files (CSV and text: HR, applicants, assets, payroll,
 * intelligence, résumés) before logs, so that detectors find the roster complete; then logs by the
 * date their path names (daily files such as {@code okta/system-log-2026-03-02.ndjson}, blob layouts
 * such as {@code y=2026/m=03/d=02/h=05}), so the stream reaches the reorder buffer roughly in
 * time order; then by path, so the order is stable.
 */
public final class FileOrder {

    private static final Pattern ISO_DATE = Pattern.compile("(20\\d{2}|19\\d{2})-?(\\d{2})-?(\\d{2})(?:[T_-]?(\\d{2}))?");
    private static final Pattern BLOB_DATE = Pattern.compile(
            "y=(\\d{4})/m=(\\d{2})/d=(\\d{2})(?:/h=(\\d{2}))?");

    private FileOrder() {
    }

    public static List<Path> sort(List<Path> files) {
        List<Path> sorted = new ArrayList<>(files);
        sorted.sort(Comparator.comparingInt(FileOrder::group).thenComparing(FileOrder::dateKey)
                .thenComparing(Path::toString));
        return sorted;
    }

    /**
     * The files in reading order, grouped for merging: all record files first, then the log files
     * of each day (by the date their path names; files naming none form one group first).
     */
    public static List<List<Path>> groups(List<Path> files) {
        List<List<Path>> groups = new ArrayList<>();
        String last = null;
        for (Path p : sort(files)) {
            String key = group(p) + ":" + (group(p) == 0 ? "" : day(dateKey(p)));
            if (!key.equals(last)) {
                groups.add(new ArrayList<>());
                last = key;
            }
            groups.get(groups.size() - 1).add(p);
        }
        return groups;
    }

    private static String day(String dateKey) {
        return dateKey.length() >= 8 ? dateKey.substring(0, 8) : dateKey;
    }

    /** Whether {@code p} holds records (HR, applicants, assets, payroll, references) rather than logs, by its name. */
    public static boolean isRecordFile(Path p) {
        return group(p) == 0;
    }

    /** 0 for record files (CSV, TSV and plain text), 1 for everything else. */
    static int group(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".tsv") || n.endsWith(".txt") ? 0 : 1;
    }

    /** {@code yyyyMMddHH} from the path (the last date it names), or "" when it names none (such files go first). */
    static String dateKey(Path p) {
        String s = p.toString().replace('\\', '/');
        Matcher b = BLOB_DATE.matcher(s);
        if (b.find()) {
            return b.group(1) + b.group(2) + b.group(3) + (b.group(4) == null ? "00" : b.group(4));
        }
        // the last date the path names, in the file name or a folder (zeek/2026-03-02/conn.log)
        Matcher m = ISO_DATE.matcher(s);
        String key = "";
        while (m.find()) {
            int month = Integer.parseInt(m.group(2));
            int day = Integer.parseInt(m.group(3));
            if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
                key = m.group(1) + m.group(2) + m.group(3) + (m.group(4) == null ? "00" : m.group(4));
            }
        }
        return key;
    }
}
