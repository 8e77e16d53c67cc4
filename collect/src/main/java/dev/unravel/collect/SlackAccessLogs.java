package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Slack's access logs, as the {@code slack-access} reader takes them: {@code team.accessLogs}, each
 * entry an account's use of Slack from one address with one client, newest first, 1,000 a page,
 * following {@code response_metadata.next_cursor} until a page holds nothing from the time asked
 * for. An entry names the account by Slack's id and username only, so the run first lists the
 * workspace's members ({@code users.list}) and writes each entry with its account's {@code email},
 * by which the roster knows the worker. An entry is written again as it grows (its {@code date_last}
 * moves on): records' time and id are the last use, and the account, address and client with it.
 * Needs a user token of an admin or owner with the {@code admin}, {@code users:read} and
 * {@code users:read.email} scopes, on a paid plan; an organisation-wide token names the workspace
 * ({@code team_id}).
 */
public final class SlackAccessLogs implements LogApi {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI api;
    private final String token;
    private final String teamId;
    private final Map<String, String> emails = new HashMap<>();
    private Instant since;
    private URI listing;
    /** Whether the page just read held anything from {@link #since} on: if not, the pages after it are older. */
    private boolean recent;

    /**
     * @param api    {@code https://slack.com}
     * @param teamId the workspace, for an organisation-wide token; null for a workspace's own
     */
    public SlackAccessLogs(URI api, String token, String teamId) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("give the Slack user token (xoxp-…)");
        }
        this.api = Apis.base(api);
        this.token = token.strip();
        this.teamId = teamId == null || teamId.isBlank() ? null : teamId.strip();
    }

    @Override
    public String id() {
        return "slack";
    }

    @Override
    public String describe() {
        return "Slack access logs" + (teamId == null ? "" : " of workspace " + teamId) + " (" + emails.size()
                + " members' emails)";
    }

    @Override
    public String permissionHint() {
        return "a user token of a workspace admin or owner with the admin, users:read and users:read.email scopes, "
                + "on a paid plan";
    }

    @Override
    public String stateName() {
        return "slack" + (teamId == null ? "" : "-" + Apis.fileSafe(teamId));
    }

    /** Lists the workspace's members, for each account's email. */
    @Override
    public void authenticate(Http http) throws CollectException {
        String cursor = "";
        int pages = 0;
        do {
            URI uri = URI.create(api + "/api/users.list?limit=200" + team() + (cursor.isEmpty() ? ""
                    : "&cursor=" + encode(cursor)));
            HttpResponse<byte[]> response = http.send(request(uri), id(), permissionHint());
            JsonNode page = answer(response.body(), "users.list");
            if (!page.path("members").isArray()) {
                throw new CollectException("slack: users.list answered " + Apis.shape(page) + ", not a page of "
                        + "members (in 'members')");
            }
            for (JsonNode m : page.get("members")) {
                String email = m.path("profile").path("email").asText("");
                if (Apis.text(m, "id") != null && !email.isBlank()) {
                    emails.put(m.get("id").asText(), email);
                }
            }
            cursor = page.path("response_metadata").path("next_cursor").asText("");
        } while (!cursor.isEmpty() && ++pages < 10_000);
    }

    @Override
    public HttpRequest first(Instant since, Instant until) throws CollectException {
        this.since = since;
        listing = URI.create(api + "/api/team.accessLogs?limit=1000&before=" + until.getEpochSecond() + team());
        return next(listing);
    }

    @Override
    public HttpRequest next(URI uri) {
        return request(uri);
    }

    /** The page's entries, each with its account's email when the members list has it. */
    @Override
    public List<JsonNode> records(JsonNode page) throws CollectException {
        JsonNode body = answer(page, "team.accessLogs");
        if (!body.path("logins").isArray()) {
            throw new CollectException("slack: team.accessLogs answered " + Apis.shape(page) + ", not a page of "
                    + "access log entries (in 'logins')");
        }
        List<JsonNode> records = new ArrayList<>(body.get("logins").size());
        recent = false;
        for (JsonNode entry : body.get("logins")) {
            if (entry instanceof ObjectNode o) {
                String email = emails.get(Apis.text(o, "user_id"));
                if (email != null && !o.has("email")) {
                    o.put("email", email);
                }
                Instant last = time(o);
                recent |= last == null || !last.isBefore(since);
                records.add(o);
            } else {
                records.add(entry); // written as Slack gave it: the reader quarantines it, named and counted
            }
        }
        return records;
    }

    /** The next page, while the one just read held something recent enough. */
    @Override
    public URI nextPage(HttpResponse<?> response, JsonNode page) {
        String cursor = page.path("response_metadata").path("next_cursor").asText("");
        if (cursor.isEmpty() || !recent) {
            return null;
        }
        return URI.create(listing + "&cursor=" + encode(cursor));
    }

    @Override
    public Instant time(JsonNode record) {
        JsonNode last = record.get("date_last");
        return last != null && last.canConvertToLong() && last.asLong() > 0 ? Instant.ofEpochSecond(last.asLong())
                : null;
    }

    /** The account, address and client of the entry, and its last use. */
    @Override
    public String recordId(JsonNode record) {
        return Apis.text(record, "user_id") + "|" + Apis.text(record, "ip") + "|" + Apis.text(record, "user_agent")
                + "|" + record.path("date_last").asText();
    }

    private HttpRequest request(URI uri) {
        return Apis.get(uri, "Bearer " + token);
    }

    private String team() {
        return teamId == null ? "" : "&team_id=" + encode(teamId);
    }

    private static JsonNode answer(byte[] body, String method) throws CollectException {
        JsonNode page;
        try {
            page = JSON.readTree(body);
        } catch (IOException e) {
            throw new CollectException("slack: " + method + " answered something that is not JSON: " + e.getMessage(),
                    e);
        }
        if (page == null) {
            throw new CollectException("slack: " + method + " answered nothing");
        }
        return answer(page, method);
    }

    /** Slack answers 200 with {@code "ok": false} and an error code: said with the scope it needed. */
    private static JsonNode answer(JsonNode page, String method) throws CollectException {
        if (!page.path("ok").asBoolean(false)) {
            String error = page.path("error").asText("no error given");
            String needed = page.path("needed").asText("");
            throw new CollectException("slack: " + method + " answered \"" + error + "\""
                    + (needed.isEmpty() ? "" : " (the token needs the scope " + needed + ")")
                    + (error.equals("paid_only") ? ": access logs are on paid plans only" : ""));
        }
        return page;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
