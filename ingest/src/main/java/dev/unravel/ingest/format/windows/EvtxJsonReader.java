package dev.unravel.ingest.format.windows;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.JsonRecords;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import dev.unravel.ingest.read.Times;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Windows events as {@code evtx_dump -o json} (and {@code jsonl}) writes them:
 * {@code {"Event": {"#attributes": …, "System": {…}, "EventData": {…}}}}, pretty documents back to
 * back or one a line. Also read: UserData instead of EventData, EventData as a {@code Data} list of
 * {@code {"#attributes": {"Name": …}, "#text": …}} (or xmltodict's {@code @Name}), unnamed Data
 * (as {@code param1}, {@code param2}, …), System values wrapped with attributes
 * ({@code "EventID": {"#attributes": {"Qualifiers": …}, "#text": 7036}}), and records without the
 * {@code Event} wrapper. The document is {@link WindowsEvents}' flat Sigma shape.
 */
public final class EvtxJsonReader extends JsonReader {

    @Override
    public String id() {
        return "windows-evtx-json";
    }

    @Override
    public String description() {
        return "Windows event logs as evtx_dump JSON (Event.System / Event.EventData), Sysmon, Security and other channels";
    }

    @Override
    public int probe(Sample sample) {
        int first = sample.firstChar();
        if (first != '{' && first != '[') {
            return 0;
        }
        // keys, not words: a flat record's "IntegrityLevel": "System" is not evtx_dump's System element
        SampleKeys keys = SampleKeys.of(sample);
        boolean system = keys.has("System");
        boolean eventId = keys.has("EventID");
        boolean time = keys.has("TimeCreated");
        if (system && eventId && time && keys.has("Event")) {
            return 92;
        }
        if (system && eventId && time) {
            return 70;
        }
        return 0;
    }

    @Override
    protected JsonRecords.Shortcut shortcut() {
        return EvtxJsonShortcut.INSTANCE;
    }

    @Override
    @SuppressWarnings("unchecked")
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        Object wrapped = doc.get("Event");
        String prefix = "Event.";
        Map<String, Object> event;
        if (wrapped instanceof Map<?, ?> m) {
            event = (Map<String, Object>) m;
        } else if (wrapped == null && doc.get("System") instanceof Map) {
            event = doc;
            prefix = "";
        } else if (wrapped == null) {
            throw new RecordException("Event", "is missing: not an evtx_dump record");
        } else {
            throw RecordException.invalid("Event", "an object", wrapped);
        }
        if (!(event.get("System") instanceof Map<?, ?> sys)) {
            throw event.get("System") == null ? RecordException.missing(prefix + "System")
                    : RecordException.invalid(prefix + "System", "an object", event.get("System"));
        }
        Map<String, Object> system = (Map<String, Object>) sys;
        int eventId = WindowsEvents.eventId(system.get("EventID"), prefix + "System.EventID");

        Object timeCreated = system.get("TimeCreated");
        Object systemTime = WindowsEvents.attribute(timeCreated, "SystemTime");
        if (systemTime == null && !(timeCreated instanceof Map)) {
            systemTime = timeCreated; // some converters write the time as the element's text
        }
        String timeField = prefix + "System.TimeCreated.#attributes.SystemTime";
        if (systemTime == null || systemTime.toString().isBlank()) {
            throw new RecordException(timeField, "is missing: the record has no timestamp");
        }
        Instant time = Times.parse(systemTime);
        if (time == null) {
            throw RecordException.invalid(timeField, "a timestamp", systemTime);
        }

        WindowsEvents.Doc d = new WindowsEvents.Doc();
        d.system("EventID", eventId);
        d.system("Channel", system.get("Channel"));
        d.system("Computer", system.get("Computer"));
        Object provider = system.get("Provider");
        d.system("Provider_Name", WindowsEvents.attribute(provider, "Name"));
        d.system("Provider_Guid", WindowsEvents.attribute(provider, "Guid"));
        d.system("EventRecordID", system.get("EventRecordID"));
        d.system("Version", system.get("Version"));
        d.system("Level", system.get("Level"));
        d.system("Task", system.get("Task"));
        d.system("Opcode", system.get("Opcode"));
        d.system("Keywords", system.get("Keywords"));
        d.system("TimeCreated", systemTime.toString());
        Object execution = system.get("Execution");
        d.system("ProcessID", WindowsEvents.attribute(execution, "ProcessID"));
        d.system("ThreadID", WindowsEvents.attribute(execution, "ThreadID"));
        d.system("UserID", WindowsEvents.attribute(system.get("Security"), "UserID"));

        eventData(d, "EventData", event.get("EventData"));
        userData(d, event.get("UserData"));
        return WindowsEvents.event(d, eventId, time, origin);
    }

    /** EventData in any of its renderings: a map of names, a {@code Data} list or element, or a bare list. */
    @SuppressWarnings("unchecked")
    static void eventData(WindowsEvents.Doc d, String section, Object data) {
        if (data instanceof List<?> list) {
            dataItems(d, section, list);
        } else if (data instanceof Map<?, ?> raw) {
            for (Map.Entry<String, Object> e : ((Map<String, Object>) raw).entrySet()) {
                String key = e.getKey();
                Object value = e.getValue();
                if (key.equals("#attributes") || key.startsWith("@") || key.equals("xmlns")) {
                    continue;
                }
                if (key.equals("Data")) {
                    if (value instanceof List<?> items) {
                        dataItems(d, section, items);
                    } else {
                        dataItems(d, section, java.util.Collections.singletonList(value));
                    }
                } else if (key.equals("#text")) {
                    d.data(section, "Data", value);
                } else {
                    d.data(section, key, value);
                }
            }
        }
    }

    private static void dataItems(WindowsEvents.Doc d, String section, List<?> items) {
        int unnamed = 0;
        for (Object item : items) {
            Object name = WindowsEvents.attribute(item, "Name");
            if (name != null) {
                d.data(section, name.toString(), item instanceof Map<?, ?> m ? m.get("#text") : null);
            } else if (item instanceof Map<?, ?> m && !m.containsKey("#text") && !m.containsKey("#attributes")) {
                eventData(d, section, item); // a map of names inside the list
            } else {
                d.data(section, "param" + (++unnamed), WindowsEvents.unwrap(item));
            }
        }
    }

    /** UserData holds one element named by the provider ({@code LogFileCleared}); its children are the fields. */
    @SuppressWarnings("unchecked")
    static void userData(WindowsEvents.Doc d, Object data) {
        if (!(data instanceof Map<?, ?> raw)) {
            return;
        }
        for (Map.Entry<String, Object> e : ((Map<String, Object>) raw).entrySet()) {
            String key = e.getKey();
            if (key.equals("#attributes") || key.startsWith("@")) {
                continue;
            }
            if (e.getValue() instanceof Map<?, ?> inner && !inner.containsKey("#text")) {
                eventData(d, "UserData", inner);
            } else {
                d.data("UserData", key, e.getValue());
            }
        }
    }
}
