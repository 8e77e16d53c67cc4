package dev.unravel.ingest.format.gworkspace;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.JsonRecords;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Google Workspace activity records from the Admin SDK Reports API ({@code activities.list}):
 * {@code id{time, applicationName, uniqueQualifier, customerId}}, {@code actor{email, profileId}},
 * {@code ipAddress}, {@code events[{type, name, parameters}]}; one activity a line, in an array,
 * or in the API's {@code {"kind":"admin#reports#activities","items":[…]}} page. Also the
 * flattened one-event form some pipelines write ({@code type}, {@code name}, {@code parameters}
 * beside {@code id} and {@code actor}).
 *
 * <p>One event per activity: type {@code <applicationName>.<first event's name>} (all events stay
 * in the document), logsource gcp/{@code google_workspace.<applicationName>} as SigmaHQ's
 * Google Workspace rules name it, time {@code id.time}, user {@code actor.email}, source IP
 * {@code ipAddress}. Workspace names no host. The first event's parameters are also given as a map
 * from name to value, {@code parameters} ({@code parameters.email_forwarding_destination_address}),
 * as a flattened record has them.
 *
 * <p>Drive's activities are the exception: one activity holds several actions on its document (an
 * edit, then a {@code change_user_access} for each person it was shared with), so each of its
 * events becomes an event of its own, typed by its name ({@code drive.download},
 * {@code drive.change_user_access}), in the flattened form: the activity's fields with that event's
 * {@code type}, {@code name} and {@code parameters}, the parameters a map from name to value
 * ({@code value}, {@code boolValue}, {@code intValue}, {@code multiValue} or {@code multiIntValue},
 * whichever is given) in both forms.
 */
public final class GoogleWorkspaceReader extends JsonReader {

    @Override
    public String id() {
        return "gworkspace";
    }

    @Override
    public String description() {
        return "Google Workspace activity (Admin SDK Reports API activities)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            String text = sample.text();
            if (text.contains("admin#reports#activit")) {
                return 95;
            }
            SampleKeys k = SampleKeys.of(sample);
            if (!k.has("applicationName") || !k.has("actor")) {
                return 0;
            }
            int marks = 0;
            for (String m : new String[] {"uniqueQualifier", "customerId", "profileId", "events", "callerType",
                "ownerDomain"}) {
                if (k.has(m)) {
                    marks++;
                }
            }
            return marks >= 2 ? 85 : k.has("name") && k.has("type") ? 60 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        JsonRecords.read(input, sink, (doc, record, line) -> {
            if (!(doc.get("items") instanceof List<?> items) || doc.containsKey("id") || doc.containsKey("events")) {
                accept(doc, new EventRef(input.name(), record), sink);
                return;
            }
            for (int i = 0; i < items.size(); i++) {
                String at = "items." + i;
                if (!(items.get(i) instanceof Map<?, ?> raw)) {
                    sink.reject(input.error(record, line, at, "is not a JSON object but " + Limits.quote(items.get(i)),
                            null));
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> m = (Map<String, Object>) raw;
                try {
                    accept(m, new EventRef(input.name(), record), sink);
                } catch (RecordException e) {
                    sink.reject(input.error(record, line, e.field() == null ? at : at + "." + e.field(),
                            e.getMessage(), null));
                }
            }
        });
    }

    /**
     * Applications whose activity holds several actions, each an event of its own (see the class
     * documentation); any other activity's events are facets of one action (a sign-in and its
     * verification) and stay one event.
     */
    private static final java.util.Set<String> ONE_EVENT_PER_ACTION = java.util.Set.of("drive");

    /** The activity's events: one, or one per action (see the class documentation). */
    private void accept(Map<String, Object> doc, EventRef origin, RecordSink sink) throws RecordException {
        Event first = convert(doc, origin);
        String app = first.type().substring(0, first.type().indexOf('.'));
        if (!(doc.get("events") instanceof List<?> events)) { // the flattened form: one event already
            sink.accept(withParameters(first, doc, doc.get("parameters"), "parameters"));
            return;
        }
        if (!ONE_EVENT_PER_ACTION.contains(app)) {
            sink.accept(doc.containsKey("parameters") ? first
                    : withParameters(first, doc, Docs.get(doc, "events.0.parameters"), "events.0.parameters"));
            return;
        }
        List<Event> out = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            if (!(events.get(i) instanceof Map<?, ?> raw)) {
                throw RecordException.invalid("events." + i, "an event", events.get(i));
            }
            if (!(raw.get("name") instanceof String name) || name.isBlank()) {
                throw RecordException.missing("events." + i + ".name");
            }
            Map<String, Object> one = new LinkedHashMap<>(doc);
            one.remove("events");
            one.put("type", raw.get("type"));
            one.put("name", name.strip());
            Event e = new Event(first.time(), first.source(), app + "." + name.strip(), first.logSource(), first.user(),
                    null, first.sourceIp(), one, origin);
            out.add(withParameters(e, one, raw.get("parameters"), "events." + i + ".parameters"));
        }
        out.forEach(sink::accept); // all or none: a bad event rejects its whole activity, naming it
    }

    /**
     * The event with its document's {@code parameters} as a map from name to value: the Reports
     * API's list of {@code {name, value|boolValue|intValue|multiValue|multiIntValue}} read, a
     * flattened record's map kept.
     */
    private static Event withParameters(Event e, Map<String, Object> doc, Object parameters, String field)
            throws RecordException {
        if (parameters == null || parameters instanceof Map) {
            return e;
        }
        if (!(parameters instanceof List<?> list)) {
            throw RecordException.invalid(field, "a list of parameters", parameters);
        }
        Map<String, Object> byName = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> p) || !(p.get("name") instanceof String name)) {
                throw RecordException.invalid(field + "." + i, "a parameter with its name", list.get(i));
            }
            for (String kind : PARAMETER_VALUES) {
                if (p.containsKey(kind)) {
                    byName.put(name, p.get(kind));
                    break;
                }
            }
        }
        doc.put("parameters", byName);
        return e;
    }

    /** The keys a Reports API parameter's value comes in. */
    private static final List<String> PARAMETER_VALUES = List.of("value", "boolValue", "intValue", "multiValue",
            "multiIntValue", "messageValue", "multiMessageValue");

    @Override
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        if (!(doc.get("id") instanceof Map)) {
            throw doc.get("id") == null ? new RecordException("id.time", "is missing: the record has no timestamp")
                    : RecordException.invalid("id", "an object", doc.get("id"));
        }
        Instant time = time(doc, "id.time");
        String app = string(doc, "id.applicationName");
        if (app == null) {
            throw RecordException.missing("id.applicationName");
        }
        app = app.toLowerCase(Locale.ROOT);
        String name;
        Object events = doc.get("events");
        if (events != null) {
            if (!(events instanceof List<?> list) || list.isEmpty() || !(list.get(0) instanceof Map)) {
                throw RecordException.invalid("events", "a list of events", events);
            }
            name = string(doc, "events.0.name");
            if (name == null) {
                throw RecordException.missing("events.0.name");
            }
        } else {
            name = string(doc, "name");
            if (name == null) {
                throw new RecordException("events", "is missing: the activity names no event");
            }
        }
        String user = string(doc, "actor.email");
        String ip = string(doc, "ipAddress");
        return new Event(time, "gworkspace", app + "." + name,
                LogSource.of("gcp", null, "google_workspace." + app), user, null, ip, doc, origin);
    }

    private static String string(Map<String, Object> doc, String path) {
        return Docs.get(doc, path) instanceof String s && !s.isBlank() ? s.strip() : null;
    }
}
