package dev.unravel.ingest.format.github;

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
import java.util.List;
import java.util.Map;

/**
 * GitHub webhook deliveries as a receiver logs them, one payload a line (or a JSON array): the
 * body GitHub posts, without its headers. The event's name is a header ({@code X-GitHub-Event}),
 * so the type is told from the payload's shape, prefixed {@code webhook.}: {@code webhook.push}
 * (a payload with {@code commits} or {@code pusher}), {@code webhook.pull_request.opened},
 * {@code webhook.issues.closed}, {@code webhook.issue_comment.created},
 * {@code webhook.pull_request_review.submitted}, {@code webhook.workflow_job.completed},
 * {@code webhook.workflow_run.requested}, {@code webhook.gollum}, and {@code webhook.ACTION} for
 * the others.
 *
 * <p>What a push carries that the organisation audit log does not: each commit's time as the
 * author's computer wrote it, with its UTC offset ({@code "timestamp": "2026-03-03T10:31:07+09:00"}),
 * which {@code hours.commit-time-zone} reads. Time is the push's ({@code repository.pushed_at},
 * else the head commit's, else — in a trimmed delivery — the newest commit's), else the event
 * object's last change ({@code updated_at},
 * {@code completed_at}, {@code started_at}, {@code submitted_at}, {@code created_at}); a payload
 * with none of these is quarantined, as some logged samples are. User is the pusher's login
 * ({@code pusher.name}), else the {@code sender}'s.
 */
public final class GithubWebhookReader extends JsonReader {

    private static final LogSource LOGSOURCE = LogSource.of("github", null, "webhook");

    /** The objects an event is about, in the order that tells the event (a review names its pull request too). */
    private static final List<String[]> SHAPES = List.of(
            new String[] {"workflow_job", "workflow_job"},
            new String[] {"workflow_run", "workflow_run"},
            new String[] {"review", "pull_request_review"},
            new String[] {"comment", null},
            new String[] {"pull_request", "pull_request"},
            new String[] {"issue", "issues"},
            new String[] {"release", "release"},
            new String[] {"deployment", "deployment"},
            new String[] {"check_run", "check_run"},
            new String[] {"check_suite", "check_suite"},
            new String[] {"member", "member"},
            new String[] {"membership", "membership"});

    @Override
    public String id() {
        return "github-webhook";
    }

    @Override
    public String description() {
        return "GitHub webhook deliveries (payloads as logged: push with commit times, pull requests, issues, workflows)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            SampleKeys k = SampleKeys.of(sample);
            if (k.has("_document_id") || (k.has("actor") && k.has("@timestamp"))) {
                return 0; // the audit log's
            }
            if (k.has("object_kind")) {
                return 0; // GitLab's, whose pushes carry commits and a repository too
            }
            boolean push = k.has("commits") || k.has("pusher") || k.has("head_commit");
            boolean about = k.has("repository") || k.has("organization");
            if (push && (about || k.has("ref"))) {
                return 90;
            }
            if (about && (k.has("sender") || k.has("workflow_job") || k.has("workflow_run") || k.has("pull_request")
                    || k.has("issue") || k.has("pages"))) {
                return 80;
            }
            return 0;
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
        Object commits = doc.get("commits");
        if (commits != null && !(commits instanceof List)) {
            throw RecordException.invalid("commits", "a list", commits);
        }
        String type = type(doc, (String) action);
        Instant time;
        if (type.equals("webhook.push")) {
            time = Docs.get(doc, "repository.pushed_at") == null && Docs.get(doc, "head_commit.timestamp") == null
                    ? Times.newest((List<?>) commits, "timestamp") : null;
            if (time == null) {
                time = time(doc, "repository.pushed_at", "head_commit.timestamp");
            }
        } else {
            String object = subject(doc);
            time = object == null ? time(doc, "repository.updated_at")
                    : time(doc, object + ".updated_at", object + ".completed_at", object + ".started_at",
                            object + ".submitted_at", object + ".created_at");
        }
        String user = Docs.text(doc, "pusher.name");
        if (user == null) {
            user = Docs.text(doc, "sender.login");
        }
        return new Event(time, "github", type, LOGSOURCE, user, null, null, doc, origin);
    }

    /** The event's type from the payload's shape (see the class comment). */
    static String type(Map<String, Object> doc, String action) {
        if (doc.containsKey("commits") || doc.containsKey("pusher") || doc.containsKey("head_commit")) {
            return "webhook.push";
        }
        if (doc.containsKey("pages")) {
            return "webhook.gollum";
        }
        String suffix = action == null || action.isBlank() ? "" : "." + action;
        for (String[] shape : SHAPES) {
            if (doc.get(shape[0]) instanceof Map) {
                String name = shape[1] != null ? shape[1]
                        : doc.get("pull_request") instanceof Map ? "pull_request_review_comment" : "issue_comment";
                return "webhook." + name + suffix;
            }
        }
        return suffix.isEmpty() ? "webhook" : "webhook" + suffix;
    }

    /** The object the event is about, whose times say when it happened; null when none. */
    private static String subject(Map<String, Object> doc) {
        for (String[] shape : SHAPES) {
            if (doc.get(shape[0]) instanceof Map) {
                return shape[0];
            }
        }
        return null;
    }
}
