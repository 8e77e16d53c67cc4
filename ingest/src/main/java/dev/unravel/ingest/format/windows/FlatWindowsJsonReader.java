package dev.unravel.ingest.format.windows;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
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
 */
public final class FlatWindowsJsonReader extends JsonReader {

    private static final Set<String> SYSTEM_KEYS = Set.of("EventID", "ProviderName", "ProviderGuid", "ProviderGUID",
            "TimeCreated", "Channel", "Computer", "EventRecordID", "Version", "Level", "Task", "Opcode", "Keywords",
            "ProcessID", "ThreadID", "UserID", "ExtraEventData", "EventData", "StringInserts", "Qualifiers");

    @Override
    public String id() {
        return "windows-flat-json";
    }

    @Override
    public String description() {
        return "Windows events as flat JSON lines (Fluent Bit winevtlog / fluentd windows_eventlog2 / Panther Windows.EventLogs)";
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
        return 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        int eventId = WindowsEvents.eventId(doc.get("EventID"), "EventID");
        Instant time = time(doc, "TimeCreated");
        WindowsEvents.Doc d = new WindowsEvents.Doc();
        d.system("EventID", eventId);
        d.system("Channel", doc.get("Channel"));
        d.system("Computer", doc.get("Computer"));
        d.system("Provider_Name", doc.get("ProviderName"));
        d.system("Provider_Guid", doc.get("ProviderGuid") != null ? doc.get("ProviderGuid") : doc.get("ProviderGUID"));
        d.system("EventRecordID", doc.get("EventRecordID"));
        d.system("Version", doc.get("Version"));
        d.system("Level", doc.get("Level"));
        d.system("Task", doc.get("Task"));
        d.system("Opcode", doc.get("Opcode"));
        d.system("Keywords", doc.get("Keywords"));
        d.system("TimeCreated", doc.get("TimeCreated"));
        d.system("ProcessID", doc.get("ProcessID"));
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
            if (!SYSTEM_KEYS.contains(key) && !key.startsWith("p_")) {
                d.fill(key, e.getValue()); // Message, MessageTitle, Description, …
            }
        }
        return WindowsEvents.event(d, eventId, time, origin);
    }
}
