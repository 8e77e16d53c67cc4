package dev.unravel.ingest.format.windows;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import dev.unravel.ingest.read.Times;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Windows events as flat JSON records, one a line, the shape Fluent Bit's {@code winevtlog} and
 * fluentd's {@code windows_eventlog2} inputs emit ({@code ProviderName}, {@code EventID},
 * {@code TimeCreated} as {@code 2024-01-15 10:30:45 +0000}, {@code Channel}, {@code Computer},
 * {@code EventRecordID}, {@code UserID}, {@code Message}) and that Panther stores as
 * {@code Windows.EventLogs}, with the event's named data under {@code ExtraEventData} (Panther) or
 * {@code EventData}. Read into {@link WindowsEvents}' flat Sigma shape; Panther's {@code p_*}
 * fields are dropped.
 *
 * <p>Also NXLog's {@code im_msvistalog} records, as OTRF's Security-Datasets ship them through
 * Logstash ({@code SourceName}, {@code EventTime}, {@code Hostname}, {@code RecordNumber}, the event's
 * data as top-level keys), and the same datasets' later shape ({@code TimeCreated} in UTC with
 * {@code Hostname}). NXLog writes {@code EventTime} in the agent's local time with no zone; where
 * the record also has Logstash's {@code @timestamp} (UTC) and NXLog's {@code EventReceivedTime}
 * (the same local clock), their difference, rounded to a quarter hour, is that zone. Without them
 * a time with no zone is read as UTC, as everywhere else. The transport's own fields
 * ({@code @timestamp}, {@code @version}, {@code host} — the collector, not the event's machine —,
 * {@code port}, {@code tags}, {@code SourceModule*}, {@code EventReceivedTime}) are dropped.
 */
public final class FlatWindowsJsonReader extends JsonReader {

    private static final Set<String> SYSTEM_KEYS = Set.of("EventID", "ProviderName", "ProviderGuid", "ProviderGUID",
            "TimeCreated", "Channel", "Computer", "EventRecordID", "Version", "Level", "Task", "Opcode", "Keywords",
            "ProcessID", "ThreadID", "UserID", "ExtraEventData", "EventData", "StringInserts", "Qualifiers",
            // NXLog im_msvistalog and OTRF names of the same things
            "SourceName", "EventTime", "Hostname", "RecordNumber", "ExecutionProcessID");

    /** What a Logstash or NXLog pipeline adds about itself, not about the event. */
    private static final Set<String> TRANSPORT_KEYS = Set.of("@timestamp", "@version", "host", "port", "tags",
            "SourceModuleName", "SourceModuleType", "EventReceivedTime");

    /** A zone is a whole number of quarter hours; what is left over is the transport's delay. */
    private static final long QUARTER_HOUR_SECONDS = 15 * 60;
    private static final long MAX_ZONE_SECONDS = 14 * 3600;

    @Override
    public String id() {
        return "windows-flat-json";
    }

    @Override
    public String description() {
        return "Windows events as flat JSON lines (Fluent Bit winevtlog / fluentd windows_eventlog2 / Panther "
                + "Windows.EventLogs / NXLog im_msvistalog, as in OTRF's Security-Datasets)";
    }

    @Override
    public int probe(Sample sample) {
        if (sample.firstChar() != '{') {
            return 0;
        }
        String line = sample.firstLine();
        // keys, not words: a value such as "IntegrityLevel": "System" must not hide a flat record
        SampleKeys keys = SampleKeys.of(sample);
        if (keys.has("System") || keys.has("winlog") || keys.has("Event")) {
            return 0;
        }
        if (line.contains("\"EventID\"") && line.contains("\"TimeCreated\"")
                && (line.contains("\"ProviderName\"") || line.contains("\"Channel\""))) {
            return line.contains("\"ExtraEventData\"") || line.contains("\"EventRecordID\"") ? 85 : 70;
        }
        if (keys.has("EventID") && keys.has("EventTime") && keys.has("SourceName")) { // NXLog im_msvistalog
            return keys.has("SourceModuleType") || keys.has("RecordNumber") ? 85 : 70;
        }
        return 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        int eventId = WindowsEvents.eventId(doc.get("EventID"), "EventID");
        boolean nxlog = doc.get("TimeCreated") == null && doc.get("EventTime") != null;
        Instant time = nxlog ? nxlogTime(doc) : time(doc, "TimeCreated");
        WindowsEvents.Doc d = new WindowsEvents.Doc();
        d.system("EventID", eventId);
        d.system("Channel", doc.get("Channel"));
        d.system("Computer", either(doc, "Computer", "Hostname"));
        d.system("Provider_Name", either(doc, "ProviderName", "SourceName"));
        d.system("Provider_Guid", either(doc, "ProviderGuid", "ProviderGUID"));
        d.system("EventRecordID", either(doc, "EventRecordID", "RecordNumber"));
        d.system("Version", doc.get("Version"));
        d.system("Level", doc.get("Level"));
        d.system("Task", doc.get("Task"));
        d.system("Opcode", doc.get("Opcode"));
        d.system("Keywords", doc.get("Keywords"));
        d.system("TimeCreated", doc.get("TimeCreated"));
        d.system("ProcessID", either(doc, "ProcessID", "ExecutionProcessID"));
        d.system("ThreadID", doc.get("ThreadID"));
        d.system("UserID", doc.get("UserID"));
        for (String section : new String[] {"EventData", "ExtraEventData"}) {
            Object data = doc.get(section);
            if (data != null && !(data instanceof Map)) {
                throw RecordException.invalid(section, "an object of named fields", data);
            }
            EvtxJsonReader.eventData(d, "EventData", data);
        }
        if (doc.get("StringInserts") != null) {
            d.fill("StringInserts", doc.get("StringInserts"));
        }
        for (Map.Entry<String, Object> e : doc.entrySet()) {
            String key = e.getKey();
            if (!SYSTEM_KEYS.contains(key) && !key.startsWith("p_") && !TRANSPORT_KEYS.contains(key)) {
                d.fill(key, e.getValue()); // Message, MessageTitle, Description, …
            }
        }
        return WindowsEvents.event(d, eventId, time, origin);
    }

    private static Object either(Map<String, Object> doc, String key, String otherName) {
        Object v = doc.get(key);
        return v != null ? v : doc.get(otherName);
    }

    /**
     * NXLog's {@code EventTime}, placed in UTC: shifted by the zone that {@code @timestamp} (UTC)
     * minus {@code EventReceivedTime} (the agent's clock) gives when both are there, a zone being
     * whole quarter hours and the rest the pipeline's delay. Otherwise read as written.
     */
    private static Instant nxlogTime(Map<String, Object> doc) throws RecordException {
        Instant local = time(doc, "EventTime");
        Object received = doc.get("EventReceivedTime");
        Object stamped = doc.get("@timestamp");
        if (received == null || stamped == null) {
            return local;
        }
        Instant r = Times.parse(received);
        Instant utc = Times.parse(stamped);
        if (r == null) {
            throw RecordException.invalid("EventReceivedTime", "a timestamp", received);
        }
        if (utc == null) {
            throw RecordException.invalid("@timestamp", "a timestamp", stamped);
        }
        long seconds = Duration.between(r, utc).getSeconds();
        long zone = Math.round((double) seconds / QUARTER_HOUR_SECONDS) * QUARTER_HOUR_SECONDS;
        if (Math.abs(zone) > MAX_ZONE_SECONDS) {
            throw new RecordException("EventReceivedTime", "is " + seconds + " s from @timestamp, more than any time "
                    + "zone: the time of EventTime cannot be placed");
        }
        return local.plusSeconds(zone);
    }
}
