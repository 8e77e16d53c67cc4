package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.time.Instant;

/**
 * The opening of a Windows event in evtx_dump's JSON, shared by the writers of Windows channels:
 * {@code Event} with its namespace, and {@code System} up to {@code EventRecordID}. The caller
 * goes on inside the open {@code System} object (Correlation, Execution, Channel, …).
 */
final class EvtxHeader {
    private static final String XMLNS = "http://schemas.microsoft.com/win/2004/08/events/event";

    private EvtxHeader() {
    }

    /** The Correlation ({@code ActivityID}, or null for none) and Execution elements that follow EventRecordID. */
    static void correlationAndExecution(JsonGenerator json, String activityId, long processId, long threadId)
            throws IOException {
        if (activityId == null) {
            json.writeNullField("Correlation");
        } else {
            json.writeObjectFieldStart("Correlation");
            json.writeObjectFieldStart("#attributes");
            json.writeStringField("ActivityID", activityId);
            json.writeEndObject();
            json.writeEndObject();
        }
        json.writeObjectFieldStart("Execution");
        json.writeObjectFieldStart("#attributes");
        json.writeNumberField("ProcessID", processId);
        json.writeNumberField("ThreadID", threadId);
        json.writeEndObject();
        json.writeEndObject();
    }

    /** Writes up to and including EventRecordID at level 4 (information); {@code Event} and {@code System} stay open. */
    static void begin(JsonGenerator json, TextBuffer text, String provider, String providerGuid, int eventId,
            int version, int task, String keywords, Instant time, long recordId) throws IOException {
        begin(json, text, provider, providerGuid, eventId, version, 4, task, keywords, time, recordId);
    }

    /** As above at {@code level} (the Security log's audit events are level 0, "log always"). */
    static void begin(JsonGenerator json, TextBuffer text, String provider, String providerGuid, int eventId,
            int version, int level, int task, String keywords, Instant time, long recordId) throws IOException {
        json.writeObjectFieldStart("Event");
        json.writeObjectFieldStart("#attributes");
        json.writeStringField("xmlns", XMLNS);
        json.writeEndObject();
        json.writeObjectFieldStart("System");
        json.writeObjectFieldStart("Provider");
        json.writeObjectFieldStart("#attributes");
        json.writeStringField("Name", provider);
        json.writeStringField("Guid", providerGuid);
        json.writeEndObject();
        json.writeEndObject();
        json.writeNumberField("EventID", eventId);
        json.writeNumberField("Version", version);
        json.writeNumberField("Level", level);
        json.writeNumberField("Task", task);
        json.writeNumberField("Opcode", 0);
        json.writeStringField("Keywords", keywords);
        json.writeObjectFieldStart("TimeCreated");
        json.writeObjectFieldStart("#attributes");
        json.writeFieldName("SystemTime");
        text.clear().utc(time, 'T', 6).append('Z').writeString(json);
        json.writeEndObject();
        json.writeEndObject();
        json.writeNumberField("EventRecordID", recordId);
    }
}
