package dev.unravel.server;

import dev.unravel.core.Count;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.store.StoredCases.Raised;
import dev.unravel.store.StoredCases.SavedScan;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Tells the team when a scan opens or reopens cases, or an analyst opens one by hand: one JSON POST
 * to a webhook. The body's
 * {@code text} is what Slack, Mattermost and Google Chat incoming webhooks show; {@code scan} and
 * {@code cases} carry the same for a tool that reads them. A Microsoft Teams webhook (a Workflows
 * flow, or an old Office 365 connector) gets the same text as an Adaptive Card as well, which is
 * what Teams' "post to a channel when a webhook request is received" takes. Names are sent: the
 * webhook is the team's own channel.
 */
public final class CaseNotice {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /**
     * A webhook a running console tells, with the console's address for links, and where the line
     * saying what happened goes (the console's output).
     */
    public record Hook(URI webhook, String consoleUrl, java.util.function.Consumer<String> say) {

        /** One thread for every console's notices: a slow webhook delays the next notice, not a page. */
        private static final java.util.concurrent.ExecutorService SENDING =
                java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
                    Thread t = new Thread(r, "unravel-case-notices");
                    t.setDaemon(true);
                    return t;
                });

        /** Posts {@code body} on the notices' thread and says how it went. */
        public void tellLater(Map<String, Object> body, String what) {
            SENDING.execute(() -> say.accept(post(webhook, body, what)));
        }
    }

    private CaseNotice() {
    }

    /** Checks a webhook address before a scan, so that a typo fails at once: http(s) with a host. */
    public static URI webhook(String url) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the webhook '" + shown(url) + "' is not a URL");
        }
        if (uri.getScheme() == null || !java.util.Set.of("http", "https").contains(uri.getScheme().toLowerCase(Locale.ROOT))
                || uri.getHost() == null) {
            throw new IllegalArgumentException("the webhook must be an http(s) URL with a host, not '" + shown(url)
                    + "'");
        }
        return uri;
    }

    /** The body sent for {@code saved}, or null when it raised no case. */
    public static Map<String, Object> body(SavedScan saved, String consoleUrl) {
        List<Raised> raised = saved.raised();
        if (raised.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("Unravel scan ").append(saved.id()).append(": ");
        long reopened = raised.stream().filter(r -> r.action().equals("reopened")).count();
        long opened = raised.size() - reopened;
        if (opened > 0) {
            text.append(Count.of(opened, "case", "cases")).append(" opened");
        }
        if (reopened > 0) {
            text.append(opened > 0 ? ", " : "").append(Count.of(reopened, "case", "cases")).append(" reopened");
        }
        for (Raised r : raised) {
            text.append("\n• Case ").append(r.caseId()).append(' ').append(r.action()).append(": ")
                    .append(r.name() == null ? "" : r.name() + " ").append('(').append(r.kind()).append(' ')
                    .append(r.personId()).append("), ").append(r.level()).append(' ')
                    .append(String.format(Locale.ROOT, "%.2f", r.score()));
            if (!r.stages().isEmpty()) {
                text.append(", in ").append(String.join(", ", r.stages()));
            }
            if (consoleUrl != null) {
                text.append(" — ").append(consoleUrl.replaceAll("/+$", "")).append("/cases/").append(r.caseId());
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text.toString());
        body.put("scan", saved.id());
        body.put("cases", raised.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("case", r.caseId());
            m.put("action", r.action());
            m.put("kind", r.kind());
            m.put("person_id", r.personId());
            m.put("name", r.name());
            m.put("level", r.level());
            m.put("score", r.score());
            m.put("stages", r.stages());
            return m;
        }).toList());
        return body;
    }

    /**
     * The body sent for a case {@code c} opened by hand for {@code reason}: the same shape as a scan's
     * ({@code text}, and {@code cases} with one entry whose {@code action} is {@code opened by hand},
     * with {@code opened_by} and {@code reason}), {@code scan} the one it started from.
     */
    public static Map<String, Object> openedByHand(dev.unravel.store.StoredCases.CaseSummary c, String reason,
            String consoleUrl) {
        StringBuilder text = new StringBuilder("Unravel: case ").append(c.id()).append(" opened by hand by ")
                .append(c.openedBy()).append("\n• ").append(c.who()).append(", ").append(c.level()).append(' ')
                .append(String.format(Locale.ROOT, "%.2f", c.score()));
        if (!c.stages().isEmpty()) {
            text.append(", in ").append(String.join(", ", c.stages()));
        }
        text.append(". Reason: ").append(reason.strip());
        if (consoleUrl != null) {
            text.append(" — ").append(consoleUrl.replaceAll("/+$", "")).append("/cases/").append(c.id());
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("case", c.id());
        m.put("action", "opened by hand");
        m.put("kind", c.kind());
        m.put("person_id", c.personId());
        m.put("name", c.name());
        m.put("level", c.level());
        m.put("score", c.score());
        m.put("stages", c.stages());
        m.put("opened_by", c.openedBy());
        m.put("reason", reason.strip());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("text", text.toString());
        body.put("scan", c.openedScan());
        body.put("cases", List.of(m));
        return body;
    }

    /** Whether the webhook is Microsoft Teams': a Workflows flow (Power Automate, Logic Apps) or a connector. */
    static boolean teams(URI webhook) {
        String host = webhook.getHost().toLowerCase(Locale.ROOT);
        return host.endsWith(".logic.azure.com") || host.endsWith(".powerplatform.com")
                || host.endsWith(".powerautomate.com") || host.endsWith(".webhook.office.com");
    }

    /**
     * The body with its text as a Teams message: {@code type} message and one Adaptive Card
     * attachment, a text block a line (the first in bold; markdown links, which cards render).
     */
    static Map<String, Object> forTeams(Map<String, Object> body) {
        List<Map<String, Object>> blocks = new java.util.ArrayList<>();
        String[] lines = ((String) body.get("text")).split("\n");
        for (int i = 0; i < lines.length; i++) {
            Map<String, Object> block = new LinkedHashMap<>();
            block.put("type", "TextBlock");
            block.put("wrap", true);
            if (i == 0) {
                block.put("weight", "Bolder");
                block.put("size", "Medium");
            }
            block.put("text", lines[i].replaceAll(" — (https?://\\S+)$", " — [open]($1)"));
            blocks.add(block);
        }
        Map<String, Object> card = new LinkedHashMap<>();
        card.put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json");
        card.put("type", "AdaptiveCard");
        card.put("version", "1.4");
        card.put("body", blocks);
        Map<String, Object> attachment = new LinkedHashMap<>();
        attachment.put("contentType", "application/vnd.microsoft.card.adaptive");
        attachment.put("contentUrl", null);
        attachment.put("content", card);
        Map<String, Object> teams = new LinkedHashMap<>();
        teams.put("type", "message");
        teams.putAll(body);
        teams.put("attachments", List.of(attachment));
        return teams;
    }

    /**
     * Sends the notice for {@code saved} to {@code webhook}; returns what happened in one line
     * (never throws: the scan and its cases are saved whatever the webhook does).
     */
    public static String send(URI webhook, SavedScan saved, String consoleUrl) {
        Map<String, Object> body = body(saved, consoleUrl);
        if (body == null) {
            return "No case opened or reopened: nothing sent to " + shown(webhook.toString()) + ".";
        }
        return post(webhook, body, Count.of(saved.raised().size(), "case", "cases"));
    }

    /**
     * Posts {@code body} (its {@code text} shown by chat webhooks; as an Adaptive Card too for
     * Teams) and says in one line whether the team was told of {@code what}; never throws.
     */
    public static String post(URI webhook, Map<String, Object> body, String what) {
        Map<String, Object> sent = teams(webhook) ? forTeams(body) : body;
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(webhook).timeout(TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(ReportJson.mapper().writeValueAsString(sent))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                return "Warning: the webhook " + shown(webhook.toString()) + " answered " + r.statusCode()
                        + "; the team was not told of " + what + ".";
            }
            return "Told " + shown(webhook.toString()) + " of " + what + ".";
        } catch (IOException e) {
            return "Warning: could not reach the webhook " + shown(webhook.toString()) + " (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "Warning: interrupted while telling the webhook " + shown(webhook.toString());
        }
    }

    /** A webhook as it may be printed: without its path and query, which often hold its secret. */
    public static String webhookShown(URI webhook) {
        return shown(webhook.toString());
    }

    /** A webhook's address without its path and query, which often hold its secret. */
    static String shown(String url) {
        try {
            URI u = URI.create(url.trim());
            if (u.getScheme() != null && u.getHost() != null) {
                return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()) + "/…";
            }
        } catch (IllegalArgumentException e) {
            // fall through
        }
        return "(hidden)";
    }
}
