package dev.unravel.ingest.format.github;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import java.time.Instant;
import java.util.Map;

/**
 * GitHub organisation and enterprise audit-log events: the REST API's JSON array
 * ({@code GET /orgs/{org}/audit-log}) and the audit-log stream's JSON (S3, Blob storage, Splunk,
 * one object a line). Time is {@code @timestamp} (else {@code created_at}; else
 * {@code at_sign_timestamp}, the name some data-lake exports give {@code @timestamp}), as epoch
 * milliseconds or ISO text. Type is {@code action}; user is {@code actor}; source IP is
 * {@code actor_ip}, which GitHub includes only when the organisation enables IP disclosure.
 *
 * <p>Webhook deliveries ({@code sender}, {@code repository} objects, a bare {@code action} such
 * as {@code opened}) are a different format and are not read here.
 */
public final class GithubAuditReader extends JsonReader {

    private static final LogSource LOGSOURCE = LogSource.of("github", null, "audit");

    @Override
    public String id() {
        return "github-audit";
    }

    @Override
    public String description() {
        return "GitHub organisation/enterprise audit log (REST API JSON, streaming JSON)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            SampleKeys k = SampleKeys.of(sample);
            if (!k.has("action") || !k.has("actor")) {
                return 0;
            }
            int marks = 0;
            for (String m : new String[] {"_document_id", "@timestamp", "actor_ip", "actor_id", "actor_location",
                "org", "org_id", "business", "business_id", "operation_type", "programmatic_access_type",
                "hashed_token", "external_identity_nameid", "repo", "transport_protocol_name"}) {
                if (k.has(m)) {
                    marks++;
                }
            }
            if (k.has("sender") && !k.has("_document_id")) {
                marks -= 2; // webhook payloads name their user "sender"
            }
            if (marks >= 3) {
                return 90;
            }
            if (marks >= 1) {
                return 60;
            }
            return k.has("created_at") ? 30 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        Object action = doc.get("action");
        if (action != null && !(action instanceof String)) {
            throw RecordException.invalid("action", "text", action);
        }
        String type = Docs.text(doc, "action");
        if (type == null) {
            throw RecordException.missing("action");
        }
        Instant time = time(doc, "@timestamp", "created_at", "at_sign_timestamp");
        Object actor = doc.get("actor");
        if (actor != null && !(actor instanceof String)) {
            throw RecordException.invalid("actor", "a login", actor);
        }
        String user = Docs.text(doc, "actor");
        String ip = doc.get("actor_ip") instanceof String s && !s.isBlank() ? s : null;
        return new Event(time, "github", type, LOGSOURCE, user, null, ip, doc, origin);
    }
}
