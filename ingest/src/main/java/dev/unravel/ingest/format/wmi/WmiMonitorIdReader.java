package dev.unravel.ingest.format.wmi;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.format.records.RecordKind;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import dev.unravel.ingest.read.Times;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Monitor inventories from WMI's {@code root\wmi:WmiMonitorID} class, as JSON: what
 * {@code Get-CimInstance -Namespace root\wmi -ClassName WmiMonitorID | ConvertTo-Json -Compress}
 * writes (one object a line, or an array), {@code Get-WmiObject} output with {@code __SERVER}, and
 * EDR collections of the same fields with a {@code hostname} and a collection time. Each row is one
 * connected display's EDID identity and becomes a {@code device.monitor} event.
 *
 * <p>WMI gives the EDID strings as arrays of UInt16 character codes padded with zeros
 * ({@code "UserFriendlyName":[80,105,75,86,77,0,0,…]} is "PiKVM"); they are decoded, and plain
 * strings (collectors that decode them already) are taken as they are. The three-letter PnP
 * manufacturer id and the product code are also in {@code InstanceName}
 * ({@code DISPLAY\LNX0000\5&2a1b…_0}) and are taken from there when the arrays are missing.
 *
 * <p>The host is {@code PSComputerName}, else {@code CimSystemProperties.ServerName} (what
 * Get-CimInstance fills for a local query), {@code __SERVER}, or an EDR's {@code hostname},
 * {@code host.name}, {@code ComputerName}, {@code Computer} or {@code DeviceName}; a row without a
 * host is rejected, because a monitor nobody can place is no evidence. WMI itself records no time:
 * a row without one of the usual time fields is an undated inventory and carries
 * {@link RecordKind#UNDATED}, like other undated records.
 *
 * <p>The document has the decoded fields under stable names: {@code host}, {@code manufacturer},
 * {@code name}, {@code serial}, {@code product_code}, {@code instance_name},
 * {@code year_of_manufacture}, {@code week_of_manufacture}, {@code active}, {@code undated}.
 */
public final class WmiMonitorIdReader extends JsonReader {

    public static final String TYPE = "device.monitor";
    private static final LogSource LOGSOURCE = LogSource.of("windows", null, "wmi");

    private static final String[] HOST_FIELDS = {"PSComputerName", "CimSystemProperties.ServerName", "__SERVER",
        "hostname", "host.name", "host.hostname", "ComputerName", "computer_name", "Computer", "DeviceName"};

    private static final String[] TIME_FIELDS = {"@timestamp", "timestamp", "collected_at", "CollectionTime",
        "TimeGenerated", "EventTime", "_time", "time"};

    /** {@code DISPLAY\DELA0F4\5&2a1b3c4d&0&UID4353_0}: PnP maker id and product code. */
    private static final Pattern INSTANCE = Pattern.compile("(?i)^DISPLAY\\\\([A-Z@]{3})([0-9A-F]{4})\\\\");

    /** PowerShell 5's {@code ConvertTo-Json} writes dates as {@code /Date(1772856197000)/}. */
    private static final Pattern MS_DATE = Pattern.compile("^/Date\\((-?\\d+)(?:[+-]\\d{4})?\\)/$");

    @Override
    public String id() {
        return "wmi-monitor-id";
    }

    @Override
    public String description() {
        return "Monitor inventories: WMI WmiMonitorID as JSON (Get-CimInstance/Get-WmiObject | ConvertTo-Json, "
                + "EDR collections), EDID names decoded";
    }

    @Override
    public int probe(Sample sample) {
        try {
            int first = sample.firstChar();
            if (first != '{' && first != '[') {
                return 0;
            }
            SampleKeys k = SampleKeys.of(sample);
            String compact = sample.firstLine().replace(" ", "");
            if (compact.contains("\"__CLASS\":\"WmiMonitorID\"") || compact.contains("\"ClassName\":\"WmiMonitorID\"")) {
                return 95; // the class named as a key's value, not merely mentioned (a logged PowerShell command)
            }
            int marks = k.countIgnoreCase("UserFriendlyName", "ManufacturerName", "SerialNumberID", "ProductCodeID",
                    "YearOfManufacture", "WeekOfManufacture", "UserFriendlyNameLength");
            if (marks >= 3) {
                return 90;
            }
            if (marks == 2 && k.hasIgnoreCase("InstanceName")) {
                return 70;
            }
            return 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        String host = host(doc);
        String instance = text(doc, "InstanceName");
        String maker = decoded(doc, "ManufacturerName");
        String product = decoded(doc, "ProductCodeID");
        if (instance != null) {
            Matcher m = INSTANCE.matcher(instance);
            if (m.find()) {
                maker = maker != null ? maker : m.group(1).toUpperCase(Locale.ROOT);
                product = product != null ? product : m.group(2).toUpperCase(Locale.ROOT);
            }
        }
        String name = decoded(doc, "UserFriendlyName");
        String serial = decoded(doc, "SerialNumberID");
        if (maker == null && name == null && product == null) {
            throw new RecordException("ManufacturerName",
                    "is missing, and so are UserFriendlyName and ProductCodeID: the row identifies no monitor");
        }
        Instant time = time(doc);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("host", host);
        put(out, "manufacturer", maker);
        put(out, "name", name);
        put(out, "serial", serial);
        put(out, "product_code", product);
        put(out, "instance_name", instance);
        put(out, "year_of_manufacture", number(doc, "YearOfManufacture"));
        put(out, "week_of_manufacture", number(doc, "WeekOfManufacture"));
        put(out, "active", Docs.getIgnoreCase(doc, "Active") instanceof Boolean b ? b : null);
        out.put("undated", time == null);
        return new Event(time == null ? RecordKind.UNDATED : time, "wmi", TYPE, LOGSOURCE, null, host, null, out,
                origin);
    }

    private static void put(Map<String, Object> out, String key, Object value) {
        if (value != null) {
            out.put(key, value);
        }
    }

    private static String host(Map<String, Object> doc) throws RecordException {
        for (String f : HOST_FIELDS) {
            Object v = Docs.getIgnoreCase(doc, f);
            if (v instanceof String s && !s.isBlank()) {
                return s.strip();
            }
        }
        throw new RecordException("PSComputerName",
                "is missing (and no __SERVER, CimSystemProperties.ServerName or hostname): the row names no computer");
    }

    /** The collection time, or null for an undated inventory; a time field that is present but unreadable is an error. */
    private static Instant time(Map<String, Object> doc) throws RecordException {
        for (String f : TIME_FIELDS) {
            Object v = Docs.getIgnoreCase(doc, f);
            if (v == null || v instanceof String s && s.isBlank()) {
                continue;
            }
            if (v instanceof String s) {
                Matcher m = MS_DATE.matcher(s.strip().replace("\\/", "/"));
                if (m.matches()) {
                    return Instant.ofEpochMilli(Long.parseLong(m.group(1)));
                }
            }
            Instant t = Times.parse(v);
            if (t == null) {
                throw RecordException.invalid(f, "a timestamp", v);
            }
            return t;
        }
        return null;
    }

    private static String text(Map<String, Object> doc, String field) {
        return Docs.getIgnoreCase(doc, field) instanceof String s && !s.isBlank() ? s.strip() : null;
    }

    private static Integer number(Map<String, Object> doc, String field) {
        Object v = Docs.getIgnoreCase(doc, field);
        if (v instanceof Number n) {
            return n.intValue();
        }
        if (v instanceof String s && s.strip().matches("\\d{1,4}")) {
            return Integer.parseInt(s.strip());
        }
        return null;
    }

    /**
     * An EDID string as WMI gives it, an array of UInt16 character codes ending at the first zero,
     * or as plain text; null when empty. Control characters (EDID pads with line feeds) are dropped.
     */
    static String decoded(Map<String, Object> doc, String field) throws RecordException {
        Object v = Docs.getIgnoreCase(doc, field);
        StringBuilder b = new StringBuilder();
        if (v == null) {
            return null;
        } else if (v instanceof String s) {
            b.append(s);
        } else if (v instanceof List<?> codes) {
            for (Object c : codes) {
                int code = charCode(c);
                if (code < 0) {
                    throw RecordException.invalid(field, "an array of UInt16 character codes", v);
                }
                if (code == 0) {
                    break;
                }
                b.append((char) code);
            }
        } else {
            throw RecordException.invalid(field, "text or an array of UInt16 character codes", v);
        }
        StringBuilder clean = new StringBuilder(b.length());
        b.codePoints().filter(c -> c >= 0x20 && c != 0x7F && !Character.isISOControl(c)).forEach(clean::appendCodePoint);
        String s = clean.toString().strip();
        return s.isEmpty() ? null : s;
    }

    /** 0..65535 for a whole number in range, -1 for anything else. */
    private static int charCode(Object c) {
        if (c instanceof Integer || c instanceof Long || c instanceof Short) {
            long n = ((Number) c).longValue();
            return n >= 0 && n <= 0xFFFF ? (int) n : -1;
        }
        if (c instanceof BigDecimal d && d.stripTrailingZeros().scale() <= 0) {
            return charCode(d.longValue());
        }
        if (c instanceof Double d && d == Math.rint(d)) {
            return charCode(d.longValue());
        }
        return -1;
    }
}
