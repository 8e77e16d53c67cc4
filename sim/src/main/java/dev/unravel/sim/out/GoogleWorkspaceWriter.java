package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.FileDownload;
import dev.unravel.sim.activity.FileShare;
import dev.unravel.sim.activity.MailForward;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;

/**
 * Google Workspace's audit log (with {@code simulate --office google}, in Microsoft 365's place), as
 * the Admin SDK Reports API lists its activities, collected one a line, one file per UTC day:
 * {@code google/activities-YYYY-MM-DD.ndjson}. Drive's {@code download} of a shared drive's file
 * (the department's, as SharePoint's sites are), Drive's {@code change_user_access} when a file is
 * shared with an outside address and {@code change_document_visibility} to
 * {@code people_with_link} when with anyone; the user accounts log's
 * {@code email_forwarding_out_of_domain} when Gmail is set to forward outside the domain (forwarding
 * inside it, to a team's address, Google does not log there).
 */
public final class GoogleWorkspaceWriter extends DailyJsonWriter {
    private static final String CUSTOMER = "C02nw1lbs";
    private static final Map<String, String> DOC_TYPES = Map.of("docx", "msword", "xlsx", "msexcel", "pptx",
            "mspowerpoint", "pdf", "pdf");

    private final char[] time = new char[UtcText.MAX_LENGTH];

    public GoogleWorkspaceWriter(OutputDir out) {
        super(out, "google", day -> "google/activities-" + day + ".ndjson");
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (activity instanceof FileDownload f) {
            JsonGenerator g = begin(f.time(), f.id(), "drive", f.person(), f.ip());
            event(g, "access", "download");
            document(g, f.site(), f.folder(), f.fileName(), "shared_internally");
            end(g);
        } else if (activity instanceof FileShare s) {
            JsonGenerator g = begin(s.time(), s.id(), "drive", s.person(), s.ip());
            if (s.target() == null) {
                event(g, "acl_change", "change_document_visibility");
                stringParameter(g, "visibility_change", "external");
                stringParameter(g, "target_domain", "all");
                listParameter(g, "old_value", "private");
                listParameter(g, "new_value", "people_with_link");
                document(g, s.site(), s.folder(), s.fileName(), "people_with_link");
            } else {
                event(g, "acl_change", "change_user_access");
                stringParameter(g, "visibility_change", "external");
                stringParameter(g, "target_user", s.target());
                listParameter(g, "old_value", "none");
                listParameter(g, "new_value", "can_view");
                document(g, s.site(), s.folder(), s.fileName(), "shared_externally");
            }
            end(g);
        } else if (activity instanceof MailForward m && !m.inboxRule()
                && !m.target().endsWith("@" + World.DOMAIN)) {
            JsonGenerator g = begin(m.time(), m.id(), "user_accounts", m.person(), m.ip());
            event(g, "email_forwarding_change", "email_forwarding_out_of_domain");
            stringParameter(g, "email_forwarding_destination_address", m.target());
            end(g);
        }
    }

    /** An activity's opening: its id, actor and address, and its list of events begun. */
    private JsonGenerator begin(Instant at, String id, String application, Person p, String ip) throws IOException {
        JsonGenerator g = out.begin();
        g.writeStringField("kind", "admin#reports#activity");
        g.writeObjectFieldStart("id");
        g.writeFieldName("time");
        g.writeString(time, 0, UtcText.format(time, at, 3, "Z"));
        g.writeStringField("uniqueQualifier", Long.toString(Derived.hash(id, 23)));
        g.writeStringField("applicationName", application);
        g.writeStringField("customerId", CUSTOMER);
        g.writeEndObject();
        g.writeStringField("etag", "\"" + Derived.hex(id, 29, 27) + "/" + Derived.hex(id, 31, 27) + "\"");
        g.writeObjectFieldStart("actor");
        g.writeStringField("callerType", "USER");
        g.writeStringField("email", p.workEmail);
        g.writeStringField("profileId", Long.toUnsignedString(Derived.hash(p.workEmail, 37)));
        g.writeEndObject();
        g.writeStringField("ipAddress", ip);
        g.writeArrayFieldStart("events");
        return g;
    }

    /** The one event's opening and its parameters' list begun. */
    private static void event(JsonGenerator g, String type, String name) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", type);
        g.writeStringField("name", name);
        g.writeArrayFieldStart("parameters");
    }

    /** A Drive event's document parameters: the file in its department's shared drive. */
    private static void document(JsonGenerator g, String site, String folder, String fileName, String visibility)
            throws IOException {
        String drive = site.substring(site.lastIndexOf('/') + 1);
        booleanParameter(g, "primary_event", true);
        booleanParameter(g, "billable", true);
        stringParameter(g, "doc_id", "1" + Derived.hex(site + "/" + folder + "/" + fileName, 41, 32));
        stringParameter(g, "doc_title", fileName);
        stringParameter(g, "doc_type", DOC_TYPES.getOrDefault(fileName.substring(fileName.lastIndexOf('.') + 1),
                "unknown"));
        stringParameter(g, "owner", drive);
        booleanParameter(g, "owner_is_shared_drive", true);
        stringParameter(g, "shared_drive_id", "0A" + Derived.hex(site, 43, 17));
        stringParameter(g, "visibility", visibility);
    }

    private void end(JsonGenerator g) throws IOException {
        g.writeEndArray(); // parameters
        g.writeEndObject(); // the event
        g.writeEndArray(); // events
        out.end();
    }

    private static void stringParameter(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("value", value);
        g.writeEndObject();
    }

    private static void booleanParameter(JsonGenerator g, String name, boolean value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeBooleanField("boolValue", value);
        g.writeEndObject();
    }

    private static void listParameter(JsonGenerator g, String name, String value) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeArrayFieldStart("multiValue");
        g.writeString(value);
        g.writeEndArray();
        g.writeEndObject();
    }
}
