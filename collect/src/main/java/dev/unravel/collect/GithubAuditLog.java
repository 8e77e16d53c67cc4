package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * GitHub's audit log REST API for an organisation ({@code GET /orgs/{org}/audit-log}) or an
 * enterprise ({@code /enterprises/{enterprise}/audit-log}), which the {@code github-audit} reader
 * takes: web and git events ({@code include=all}: the clones repo-harvest counts are git events),
 * oldest first, 100 a page, following the {@code Link: rel="next"} header. The search phrase
 * {@code created:>=DAY} narrows by day only, so a run reads the first day again and skips the
 * records before the time asked from, and those it already has. Records' time {@code @timestamp}
 * (epoch milliseconds), id {@code _document_id}. The API needs GitHub Enterprise Cloud (or Server).
 */
public final class GithubAuditLog implements LogApi {
    private final URI api;
    private final String path;
    private final String owner;
    private final String include;
    private final String token;

    /**
     * @param api the REST API's address: {@code https://api.github.com}, or a GitHub Enterprise
     *     Server's {@code https://github.example.com/api/v3}
     * @param org the organisation, or null when {@code enterprise} is given
     * @param enterprise the enterprise's slug, or null
     * @param include {@code all}, {@code web} or {@code git}
     */
    public GithubAuditLog(URI api, String org, String enterprise, String include, String token) {
        check(org, enterprise, include);
        this.api = Apis.base(api);
        this.owner = org != null ? org : enterprise;
        this.path = (org != null ? "/orgs/" : "/enterprises/") + URLEncoder.encode(owner, StandardCharsets.UTF_8)
                + "/audit-log";
        this.include = include;
        this.token = token;
    }

    /** Throws when not exactly one of {@code org} and {@code enterprise} is given, or {@code include} is none of all, web, git. */
    public static void check(String org, String enterprise, String include) {
        if ((org == null) == (enterprise == null)) {
            throw new IllegalArgumentException("give either --org or --enterprise, not both or neither");
        }
        if (!List.of("all", "web", "git").contains(include)) {
            throw new IllegalArgumentException("--include is all, web or git, not '" + include + "'");
        }
    }

    @Override
    public String id() {
        return "github";
    }

    @Override
    public String describe() {
        return "GitHub audit log of " + owner + " (" + api + path + ")";
    }

    @Override
    public String permissionHint() {
        return "a token of an owner with the read:audit_log scope (classic) or the organisation's "
                + "'Administration' read permission, on GitHub Enterprise Cloud or Server";
    }

    @Override
    public String stateName() {
        return "github-" + Apis.fileSafe(owner);
    }

    @Override
    public HttpRequest first(Instant since, Instant until) {
        String day = since.atOffset(ZoneOffset.UTC).toLocalDate().toString();
        return next(URI.create(api + path + "?phrase=" + URLEncoder.encode("created:>=" + day, StandardCharsets.UTF_8)
                + "&include=" + include + "&order=asc&per_page=100"));
    }

    @Override
    public HttpRequest next(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(2))
                .header("Accept", "application/vnd.github+json").header("X-GitHub-Api-Version", "2022-11-28")
                .header("Authorization", "Bearer " + token).GET().build();
    }

    @Override
    public List<JsonNode> records(JsonNode page) throws CollectException {
        return Apis.elements(page, "github: " + api + path + " answered {shape}, not the audit log's array of events");
    }

    @Override
    public URI nextPage(HttpResponse<?> response, JsonNode page) {
        return Links.find(response, "next");
    }

    @Override
    public Instant time(JsonNode record) {
        for (String field : new String[] {"@timestamp", "created_at"}) {
            JsonNode t = record.path(field);
            if (t.isIntegralNumber()) {
                return Instant.ofEpochMilli(t.asLong());
            }
        }
        return null;
    }

    @Override
    public String recordId(JsonNode record) {
        return Apis.text(record, "_document_id");
    }
}
