package dev.unravel.ingest.format.windows;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.FieldMap;
import dev.unravel.core.LogSource;
import dev.unravel.core.WindowsLogSources;
import dev.unravel.ingest.read.RecordException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The one document shape every Windows reader produces, whatever the export: a flat map with
 * Sigma's Windows field names. System fields under the names Sigma rules use ({@code EventID} as a
 * number, {@code Channel}, {@code Computer}, {@code Provider_Name}, {@code Provider_Guid},
 * {@code EventRecordID}, {@code Version}, {@code Level}, {@code Task}, {@code Opcode},
 * {@code Keywords}, {@code TimeCreated} as the SystemTime text, {@code ProcessID} and
 * {@code ThreadID} from Execution, {@code UserID} from Security), then every EventData or
 * UserData field at the top level under its own name, spaces removed as Sigma's rules write it
 * ({@code Threat Name} → {@code ThreatName}). A data field whose name is also a System
 * field keeps its value under {@code EventData.<name>} (or {@code UserData.<name>}) so that the
 * System value stays where rules look for it.
 *
 * <p>Security 4688 also gets Sigma's {@code process_creation} names next to its own, as pySigma's
 * {@code windows_audit_pipeline} maps them: {@code Image} ← NewProcessName, {@code ParentImage} ←
 * ParentProcessName, {@code LogonId} ← SubjectLogonId, {@code User} ← SubjectDomainName\SubjectUserName,
 * {@code ProcessId} ← NewProcessId and {@code ParentProcessId} ← the creator's ProcessId (hex text
 * as logged), {@code IntegrityLevel} ← MandatoryLabel's name.
 */
final class WindowsEvents {
    private WindowsEvents() {
    }

    static final String SOURCE = "windows";

    static final Set<String> SYSTEM_FIELDS = Set.of("EventID", "Channel", "Computer", "Provider_Name", "Provider_Guid",
            "EventRecordID", "Version", "Level", "Task", "Opcode", "Keywords", "TimeCreated", "ProcessID", "ThreadID",
            "UserID");

    /** Security events whose acting account is the Target, not the Subject (logons, Kerberos, NTLM). */
    private static final Set<Integer> TARGET_IS_ACTOR = Set.of(4624, 4625, 4634, 4647, 4648, 4768, 4769, 4771, 4776,
            4778, 4779);

    static final String RDP_CORE_CHANNEL = "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational";

    /**
     * RdpCoreTS 104 ("The time zone of the client is UTC-8") logs the connecting client's offset
     * from UTC in hours as text, {@code TimezoneBiasHour}: "-8", "[-8]" as some collectors store
     * it, "+5.5" or "5:30" for half-hour zones. It is added as whole minutes east of UTC under this
     * name, so detectors and rules compare a number; an unreadable value adds nothing.
     */
    static final String CLIENT_OFFSET_FIELD = "ClientUtcOffsetMinutes";

    private static final java.util.regex.Pattern OFFSET = java.util.regex.Pattern.compile(
            "^(?:UTC|GMT)?\\s*([+-]?)\\s*(\\d{1,2})(?:([.:])(\\d{1,2}))?$");

    /** Minutes east of UTC from RdpCoreTS 104's {@code TimezoneBiasHour}, or null when it is not a UTC offset. */
    static Integer clientUtcOffsetMinutes(Object raw) {
        Object v = unwrap(raw);
        if (v instanceof Number n) {
            double hours = n.doubleValue();
            return Math.abs(hours) <= 14 ? (int) Math.round(hours * 60) : null;
        }
        if (!(v instanceof String s)) {
            return null;
        }
        String t = s.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1).strip();
        }
        java.util.regex.Matcher m = OFFSET.matcher(t.toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            return null;
        }
        int minutes = Integer.parseInt(m.group(2)) * 60;
        if (m.group(3) != null) {
            String part = m.group(4);
            // "5.5" is five and a half hours, "5:30" five hours thirty; "5.75" and "5:45" both Nepal.
            minutes += m.group(3).equals(":") ? Integer.parseInt(part)
                    : (int) Math.round(Double.parseDouble("0." + part) * 60);
        }
        if (minutes > 14 * 60) {
            return null;
        }
        return "-".equals(m.group(1)) ? -minutes : minutes;
    }

    /**
     * A flat document being built. Fields are collected as key/value pairs and become one map,
     * sized exactly, when the document is first read ({@link #map()}); putting them one by one into
     * a growing map, each checked against all before it, was a third of reading a Sysmon event.
     */
    static final class Doc {
        // room for 64 fields: a Sysmon event has about 35 (System and EventData), and growing the
        // array once per event was 4 % of the reader threads' samples
        private Object[] pairs;
        private int n;
        private FieldMap map;

        Doc() {
            this(64);
        }

        /** Room for {@code fields} fields before the first growth. */
        Doc(int fields) {
            pairs = new Object[2 * fields];
        }

        /** The document: built from the fields so far on the first call; later fields go straight in. */
        Map<String, Object> map() {
            if (map == null) {
                map = FieldMap.ofPairs(pairs, 0, n / 2);
                pairs = null;
            }
            return map;
        }

        private void add(String key, Object value) {
            if (map != null) {
                map.put(key, value);
                return;
            }
            if (n + 2 > pairs.length) {
                pairs = java.util.Arrays.copyOf(pairs, pairs.length * 2);
            }
            pairs[n] = key;
            pairs[n + 1] = value;
            n += 2;
        }

        /** A System field; absent and blank values are left out. */
        void system(String name, Object value) {
            Object v = unwrap(value);
            if (v != null && !(v instanceof String s && s.isEmpty())) {
                add(name, v);
            }
        }

        /** As {@link #system} for a value known to be a JSON scalar (nothing to unwrap). */
        void systemScalar(String name, Object value) {
            if (value != null && !(value instanceof String s && s.isEmpty())) {
                add(name, value);
            }
        }

        /** As {@link #data} for a value known to be a JSON scalar and a name known not to be empty. */
        void dataScalar(String section, String name, Object value) {
            String n = WindowsLogSources.dataFieldName(name);
            add(isSystemField(n) ? section + "." + n : n, value);
        }

        /** An EventData/UserData field; a name taken by a System field goes under {@code section.name}. */
        void data(String section, String name, Object value) {
            if (name == null || name.isEmpty()) {
                return;
            }
            String n = WindowsLogSources.dataFieldName(name);
            add(isSystemField(n) ? section + "." + n : n, unwrap(value));
        }

        /** Sets {@code name} only when the document has no value for it. */
        void fill(String name, Object value) {
            Object v = unwrap(value);
            if (v != null && map().get(name) == null) {
                map.put(name, v);
            }
        }
    }

    /** Whether {@code name} is one of {@link #SYSTEM_FIELDS}: by length first, since EventData names are mostly not. */
    static boolean isSystemField(String name) {
        return switch (name.length()) {
            case 4 -> name.equals("Task");
            case 5 -> name.equals("Level");
            case 6 -> name.equals("Opcode") || name.equals("UserID");
            case 7 -> name.equals("EventID") || name.equals("Channel") || name.equals("Version");
            case 8 -> name.equals("Computer") || name.equals("Keywords") || name.equals("ThreadID");
            case 9 -> name.equals("ProcessID");
            case 11 -> name.equals("TimeCreated");
            case 13 -> name.equals("Provider_Name") || name.equals("Provider_Guid") || name.equals("EventRecordID");
            default -> false;
        };
    }

    /** {@code {"#text": v}} (an XML element with attributes, as converters render it) to v; other values as they are. */
    @SuppressWarnings("unchecked")
    static Object unwrap(Object value) {
        if (value instanceof Map<?, ?> m) {
            if (m.containsKey("#text")) {
                return ((Map<String, Object>) m).get("#text");
            }
            if (m.containsKey("$")) {
                return ((Map<String, Object>) m).get("$");
            }
        }
        return value;
    }

    /** An XML attribute as converters render it: {@code {"#attributes": {"Name": …}}} (evtx_dump) or {@code {"@Name": …}} (xmltodict). */
    static Object attribute(Object node, String name) {
        if (!(node instanceof Map<?, ?> m)) {
            return null;
        }
        Object attrs = m.get("#attributes");
        if (attrs instanceof Map<?, ?> a && a.get(name) != null) {
            return a.get(name);
        }
        Object at = m.get("@" + name);
        if (at != null) {
            return at;
        }
        return null;
    }

    /** The event id as a number 0..65535, or a clear error naming {@code field}. */
    static int eventId(Object raw, String field) throws RecordException {
        Object v = unwrap(raw);
        if (v == null || (v instanceof String s && s.isBlank())) {
            throw RecordException.missing(field);
        }
        long id;
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof BigInteger) {
            id = ((Number) v).longValue();
            if (v instanceof BigInteger b && b.bitLength() > 31) {
                throw RecordException.invalid(field, "an event id", v);
            }
        } else if (v instanceof BigDecimal || v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (d != Math.rint(d)) {
                throw RecordException.invalid(field, "an event id", v);
            }
            id = (long) d;
        } else if (v instanceof String s) {
            String t = s.strip();
            if (t.isEmpty() || t.length() > 6 || !t.chars().allMatch(Character::isDigit)) {
                throw RecordException.invalid(field, "an event id", v);
            }
            id = Long.parseLong(t);
        } else {
            throw RecordException.invalid(field, "an event id", v);
        }
        if (id < 0 || id > 65535) {
            throw RecordException.invalid(field, "an event id (0 to 65535)", v);
        }
        return (int) id;
    }

    /** A channel for events that name none but whose provider says it ({@code Microsoft-Windows-Sysmon}). */
    static String channelOf(Map<String, Object> doc) {
        String channel = text(doc.get("Channel"));
        if (channel != null) {
            return channel;
        }
        String provider = text(doc.get("Provider_Name"));
        if ("Microsoft-Windows-Sysmon".equalsIgnoreCase(provider)) {
            return WindowsLogSources.SYSMON_CHANNEL;
        }
        if ("Microsoft-Windows-Security-Auditing".equalsIgnoreCase(provider)) {
            return WindowsLogSources.SECURITY_CHANNEL;
        }
        return null;
    }

    /** The finished event: Sigma aliases added, logsource, type and actor keys set. */
    static Event event(Doc d, int eventId, Instant time, EventRef origin) {
        Map<String, Object> doc = d.map();
        String channel = channelOf(doc);
        boolean security = WindowsLogSources.SECURITY_CHANNEL.equalsIgnoreCase(channel);
        if (security && eventId == 4688) {
            WindowsLogSources.addProcessCreationNames(doc);
        }
        if (eventId == 104 && RDP_CORE_CHANNEL.equalsIgnoreCase(channel)) {
            d.fill(CLIENT_OFFSET_FIELD, clientUtcOffsetMinutes(doc.get("TimezoneBiasHour")));
        }
        LogSource logSource = WindowsLogSources.logSource(channel, eventId, text(doc.get("EventType")));
        String type = WindowsLogSources.type(channel, eventId);
        return new Event(time, SOURCE, type, logSource, user(doc, eventId), text(doc.get("Computer")), sourceIp(doc), doc,
                origin);
    }

    private static String user(Map<String, Object> doc, int eventId) {
        String user = meaningful(doc.get("User"));
        if (user != null) {
            return user;
        }
        String subject = WindowsLogSources.account(doc.get("SubjectDomainName"), doc.get("SubjectUserName"));
        String target = WindowsLogSources.account(doc.get("TargetDomainName"), doc.get("TargetUserName"));
        if (TARGET_IS_ACTOR.contains(eventId)) {
            return target != null ? target : subject;
        }
        return subject != null ? subject : target;
    }

    private static String sourceIp(Map<String, Object> doc) {
        String ip = meaningful(doc.get("SourceIp"));
        return ip != null ? ip : meaningful(doc.get("IpAddress"));
    }

    /** Text of a value, null for absent, blank, "-" and structures. */
    static String meaningful(Object v) {
        String s = text(v);
        return s == null || s.equals("-") ? null : s;
    }

    static String text(Object v) {
        v = unwrap(v);
        if (v == null || v instanceof Map || v instanceof List) {
            return null;
        }
        String s = v.toString().strip();
        return s.isEmpty() ? null : s;
    }
}
