package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.GitAction;
import dev.unravel.sim.activity.RepoChange;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * GitHub Enterprise Cloud audit-log streaming events for repository access, one JSON object a
 * line, one file per UTC day: {@code github/audit-log-YYYY-MM-DD.json}. Times are epoch
 * milliseconds in {@code @timestamp} and {@code created_at}, as the stream delivers them.
 *
 * <p>The organisation uses SAML single sign-on, so each event carries the member's linked
 * identity ({@code external_identity_nameid}). Each engineer sticks to one git transport: some
 * clone over SSH (GitHub records no token), the rest over HTTPS with a classic personal access
 * token whose SHA-256 GitHub logs as {@code hashed_token}; the same token on two accounts is
 * something a detector can see. Archive downloads come from the browser session.
 */
public final class GithubWriter extends DailyJsonWriter {
    /** The enterprise account the organisation belongs to (its slug is the organisation's name). */
    private static final long BUSINESS_ID = 24_811L;

    private final long orgId;
    private final Map<String, Token> tokens = new HashMap<>();

    /** A member's git credential: SSH key (no token data) or a personal access token. */
    private record Token(boolean ssh, String hashed, long id, boolean fineGrained) {
    }

    public GithubWriter(World world, OutputDir out) {
        super(out, "github", day -> "github/audit-log-" + day + ".json");
        this.orgId = Long.parseLong(world.githubOrgId);
            }

    @Override
    public void accept(Activity activity) throws IOException {
        if (activity instanceof RepoChange c) {
            repoChange(c);
            return;
        }
        if (!(activity instanceof GitAction a)) {
            return;
        }
        Person p = a.person();
        if (GitAction.TOKEN_CREATED.equals(a.action())) {
            tokenCreated(a);
            return;
        }
        boolean git = a.action().startsWith("git.");
        Token token = git ? tokens.computeIfAbsent(p.githubLogin, GithubWriter::token) : null;
        JsonGenerator g = out.begin();
        actor(g, a, p);
        if (token != null && !token.ssh) {
            g.writeStringField("hashed_token", token.hashed);
        }
        g.writeStringField("operation_type", a.action().equals("git.push") ? "modify" : "access");
        g.writeStringField("org", World.GITHUB_ORG);
        g.writeNumberField("org_id", orgId);
        if (token != null && !token.ssh) {
            g.writeStringField("programmatic_access_type",
                    token.fineGrained ? "Fine-grained personal access token" : "Personal access token (classic)");
        }
        String repo = World.GITHUB_ORG + '/' + a.repo();
        g.writeStringField("repo", repo);
        g.writeStringField("repository", repo);
        g.writeBooleanField("repository_public", false);
        g.writeNumberField("token_id", token == null || token.ssh ? 0 : token.id);
        if (token != null) {
            g.writeNumberField("transport_protocol", token.ssh ? 2 : 1);
            g.writeStringField("transport_protocol_name", token.ssh ? "ssh" : "http");
        }
        g.writeStringField("user", "");
        g.writeStringField("user_agent", a.userAgent());
        g.writeNumberField("user_id", 0);
        out.end();
    }

    /**
     * A repository created ({@code repo.create}, private) or transferred out of the organisation
     * ({@code repo.transfer_outgoing}, with {@code new_nwo}: the new owner and name), from the browser.
     */
    private void repoChange(RepoChange c) throws IOException {
        JsonGenerator g = out.begin();
        actor(g, c.time(), c.documentId(), c.action(), c.person(), c.ip(), c.country());
        if (c.newOwner() != null) {
            g.writeStringField("new_nwo", c.newOwner() + "/" + c.repo());
        }
        g.writeStringField("operation_type", RepoChange.CREATE.equals(c.action()) ? "create" : "transfer");
        g.writeStringField("org", World.GITHUB_ORG);
        g.writeNumberField("org_id", orgId);
        g.writeBooleanField("public_repo", false);
        String repo = World.GITHUB_ORG + '/' + c.repo();
        g.writeStringField("repo", repo);
        g.writeStringField("repository", repo);
        g.writeBooleanField("repository_public", false);
        g.writeStringField("user_agent", c.userAgent());
        g.writeStringField("visibility", "private");
        out.end();
    }

    /** The fields every audit event of a member's action starts with, in GitHub's order. */
    private static void actor(JsonGenerator g, GitAction a, Person p) throws IOException {
        actor(g, a.time(), a.documentId(), a.action(), p, a.ip(), a.country());
    }

    private static void actor(JsonGenerator g, java.time.Instant time, String documentId, String action, Person p,
            String ip, String country) throws IOException {
        long millis = time.toEpochMilli();
        g.writeNumberField("@timestamp", millis);
        g.writeStringField("_document_id", documentId);
        g.writeStringField("action", action);
        g.writeStringField("actor", p.githubLogin);
        g.writeNumberField("actor_id", Long.parseLong(p.githubUserId));
        g.writeStringField("actor_ip", ip);
        g.writeObjectFieldStart("actor_location");
        g.writeStringField("country_code", country);
        g.writeEndObject();
        g.writeStringField("business", World.GITHUB_ORG);
        g.writeNumberField("business_id", BUSINESS_ID);
        g.writeNumberField("created_at", millis);
        g.writeStringField("external_identity_nameid", p.workEmail);
        g.writeStringField("external_identity_username", p.workEmail);
    }

    /**
     * A fine-grained token created in the browser ({@code personal_access_token.create}, with the
     * token's name in {@code user_programmatic_access_name}); the member's git access over HTTPS
     * uses it from then on, so its {@code hashed_token} is new in the log.
     */
    private void tokenCreated(GitAction a) throws IOException {
        Person p = a.person();
        JsonGenerator g = out.begin();
        actor(g, a, p);
        g.writeStringField("operation_type", "create");
        g.writeStringField("org", World.GITHUB_ORG);
        g.writeNumberField("org_id", orgId);
        g.writeStringField("repository_selection", "all");
        g.writeStringField("user_agent", a.userAgent());
        g.writeStringField("user_programmatic_access_name", a.repo());
        out.end();
        tokens.put(p.githubLogin, fineGrained(p.githubLogin + "/" + a.repo()));
    }

    private static Token fineGrained(String seed) {
        long h = Derived.hash(seed, 24);
        return new Token(false, sha256Base64("github_pat_" + Derived.hex(seed, 25, 82)),
                100_000_000L + Math.floorMod(h, 900_000_000L), true);
    }

    private static String sha256Base64(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    /** Whether a member uses SSH (about one in four); decided by login so it never changes. */
    static boolean ssh(String login) {
        return (Derived.hash(login, 21) & 3) == 0;
    }

    private static Token token(String login) {
        if (ssh(login)) {
            return new Token(true, null, 0, false);
        }
        long h = Derived.hash(login, 22);
        // The classic token itself never leaves the member's machine; GitHub logs its SHA-256.
        String secret = "ghp_" + Derived.hex(login, 23, 36);
        return new Token(false, sha256Base64(secret), 100_000_000L + Math.floorMod(h, 900_000_000L), false);
    }
}
