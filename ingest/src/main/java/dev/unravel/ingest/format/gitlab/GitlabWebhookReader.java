package dev.unravel.ingest.format.gitlab;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import dev.unravel.ingest.read.Times;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GitLab's push webhooks (a project's or group's "Push events", or a system hook's) as a receiver
 * logs them, one body a line: {@code object_kind: push}, the pusher ({@code user_username},
 * {@code user_name}, {@code user_email} — "[REDACTED]" where the user keeps it private), the
 * project, and up to 20 {@code commits}, each with its {@code timestamp} as the author's computer
 * wrote it, UTC offset included ({@code "2026-03-03T10:31:07+09:00"}), and its {@code author}'s name
 * and email. Tag pushes ({@code tag_push}) are read the same way.
 *
 * <p>Each push is a {@code webhook.push} event as GitHub's are, with GitHub's {@code pusher}
 * ({@code name} the username, {@code email} when not redacted) set beside GitLab's own fields, so
 * {@code hours.commit-time-zone} reads both alike. GitLab gives no committer and no {@code distinct},
 * so {@code access.shared-commit-identity}, which needs the committer to tell a rebase from the
 * author's own commit, leaves GitLab's commits out. Time: the receiver's own stamp where it logged
 * one ({@code received_at}, {@code @timestamp}, {@code timestamp}), else the newest commit's (GitLab
 * sends no push time); a push with neither — a branch deleted, logged bare — is quarantined, naming
 * the field. User: {@code user_username}.
 */
public final class GitlabWebhookReader extends JsonReader {

    private static final LogSource LOGSOURCE = LogSource.of("gitlab", null, "webhook");
    private static final String REDACTED = "[REDACTED]";
    /** Where a logging receiver keeps its own stamp of a delivery. */
    private static final String[] RECEIVED = {"received_at", "@timestamp", "timestamp"};

    @Override
    public String id() {
        return "gitlab-webhook";
    }

    @Override
    public String description() {
        return "GitLab push webhooks (project, group or system hooks, as logged: the pusher and each commit's time "
                + "with its UTC offset)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            SampleKeys k = SampleKeys.of(sample);
            boolean kind = k.has("object_kind") || k.has("event_name");
            return kind && (k.has("user_username") || k.has("project_id")) && (k.has("commits") || k.has("checkout_sha"))
                    ? 95 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        String kind = Docs.text(doc, "object_kind");
        if (kind == null) {
            kind = Docs.text(doc, "event_name");
        }
        if (!"push".equals(kind) && !"tag_push".equals(kind)) {
            throw RecordException.invalid("object_kind", "push or tag_push (the events read here)", kind);
        }
        Object commits = doc.get("commits");
        if (commits != null && !(commits instanceof List)) {
            throw RecordException.invalid("commits", "a list", commits);
        }
        Instant time = stamped(doc) ? time(doc, RECEIVED) : Times.newest((List<?>) commits, "timestamp");
        if (time == null) {
            throw new RecordException("commits", "has no commit with a time, and the receiver logged none "
                    + "(received_at): GitLab sends no push time");
        }
        String user = Docs.text(doc, "user_username");
        Map<String, Object> out = new LinkedHashMap<>(doc);
        Map<String, Object> pusher = new LinkedHashMap<>();
        if (user != null) {
            pusher.put("name", user);
        }
        String email = Docs.text(doc, "user_email");
        if (email != null && !REDACTED.equals(email)) {
            pusher.put("email", email);
        }
        out.putIfAbsent("pusher", pusher);
        return new Event(time, "gitlab", "tag_push".equals(kind) ? "webhook.tag_push" : "webhook.push", LOGSOURCE,
                user, null, null, out, origin);
    }

    /** Whether the receiver logged its own stamp of the delivery (read, or named as wrong, by {@link #time}). */
    private static boolean stamped(Map<String, Object> doc) {
        for (String key : RECEIVED) {
            if (doc.get(key) != null && !(doc.get(key) instanceof String s && s.isBlank())) {
                return true;
            }
        }
        return false;
    }
}
