package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.GitAction;
import dev.unravel.sim.world.Facilitator;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.Persona;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The organisation's push webhook, as a receiver that logs each delivery's body writes it: one
 * payload a line, per day ({@code github/webhooks-YYYY-MM-DD.ndjson}), for every {@code git.push}
 * in the audit log. Each push carries one to three commits written in the hours before it, each
 * timestamped by the computer it was written on, with that computer's UTC offset, as git does.
 *
 * <p>The zone is the push's {@link GitAction#clock}: a genuine worker writes code on the company
 * laptop, on their declared zone, or a trip's when travelling (automatic time zone). The scheme's
 * operators write it on their own machines, in their own zone, and push it with the worker's
 * credentials; except at the IP-KVM facilitator's, where the operator works the laptop itself
 * through the KVM, on the laptop's US clock (the hard case stays hard).
 *
 * <p>The author is whoever the computer's git configuration names: a genuine worker's laptop, the
 * worker. The operators' machine at a farm is set up for one hire ({@link Facilitator#gitIdentity}:
 * name and personal email), and half the pushes of the farm's other hires whose code is written
 * there carry that identity, as an operator juggling several accounts from one machine leaves it.
 * The near miss: a genuine team's shared build host, set up with one teammate's git identity (name,
 * work email, login) and running on UTC, writes a quarter of the other teammates' pushes.
 */
public final class GithubWebhookWriter extends DailyJsonWriter {
    private static final DateTimeFormatter GIT_TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final long orgId;

    public GithubWebhookWriter(World world, OutputDir out) {
        super(out, "github-webhook", day -> "github/webhooks-" + day + ".ndjson");
        this.orgId = Long.parseLong(world.githubOrgId);
    }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof GitAction a) || !a.action().equals("git.push")) {
            return;
        }
        Person p = a.person();
        String seed = a.documentId();
        int commits = 1 + (int) Math.floorMod(Derived.hash(seed, 31), 3L);
        String[] ids = new String[commits + 1];
        for (int i = 0; i <= commits; i++) {
            ids[i] = Derived.hex(seed, 40 + i, 40);
        }
        ZoneId zone = a.clock();
        String repo = World.GITHUB_ORG + '/' + a.repo();
        String branch = Math.floorMod(Derived.hash(seed, 32), 3L) == 0 ? "main"
                : "feature/" + Derived.hex(seed, 33, 6);
        JsonGenerator g = out.begin();
        g.writeStringField("ref", "refs/heads/" + branch);
        g.writeStringField("before", ids[0]);
        g.writeStringField("after", ids[commits]);
        g.writeBooleanField("created", false);
        g.writeBooleanField("deleted", false);
        g.writeBooleanField("forced", false);
        g.writeNullField("base_ref");
        g.writeStringField("compare", "https://github.com/" + repo + "/compare/" + ids[0].substring(0, 12) + "..."
                + ids[commits].substring(0, 12));
        g.writeArrayFieldStart("commits");
        // written over the hours before the push, oldest first
        Instant t = a.time().minusSeconds(600 + Math.floorMod(Derived.hash(seed, 34), 3L * 3600));
        Instant[] times = new Instant[commits];
        for (int i = 0; i < commits; i++) {
            t = t.plusSeconds(60 + Math.floorMod(Derived.hash(seed, 35 + i), 1800L));
            times[i] = t.isAfter(a.time()) ? a.time().minusSeconds(commits - i) : t;
        }
        Identity author = author(p, seed);
        if (p.buildHostIdentity != null && Math.floorMod(Derived.hash(seed, 38), 4L) == 0) {
            Person owner = p.buildHostIdentity; // the team's build host: its git config, its UTC clock
            author = new Identity(owner.fullName(), owner.workEmail, owner.githubLogin);
            zone = java.time.ZoneOffset.UTC;
        }
        for (int i = 0; i < commits; i++) {
            commit(g, author, repo, ids[i + 1], times[i], zone, seed, i);
        }
        g.writeEndArray();
        g.writeFieldName("head_commit");
        commit(g, author, repo, ids[commits], times[commits - 1], zone, seed, commits - 1);
        g.writeObjectFieldStart("repository");
        g.writeNumberField("id", 600_000_000L + Math.floorMod(Derived.hash(a.repo(), 36), 99_999_999L));
        g.writeStringField("name", a.repo());
        g.writeStringField("full_name", repo);
        g.writeBooleanField("private", true);
        g.writeObjectFieldStart("owner");
        g.writeStringField("name", World.GITHUB_ORG);
        g.writeStringField("login", World.GITHUB_ORG);
        g.writeEndObject();
        g.writeNumberField("pushed_at", a.time().getEpochSecond());
        g.writeStringField("default_branch", "main");
        g.writeEndObject();
        g.writeObjectFieldStart("pusher");
        g.writeStringField("name", p.githubLogin);
        g.writeStringField("email", p.workEmail);
        g.writeEndObject();
        g.writeObjectFieldStart("organization");
        g.writeStringField("login", World.GITHUB_ORG);
        g.writeNumberField("id", orgId);
        g.writeEndObject();
        g.writeObjectFieldStart("sender");
        g.writeStringField("login", p.githubLogin);
        g.writeNumberField("id", Long.parseLong(p.githubUserId));
        g.writeStringField("type", "User");
        g.writeEndObject();
        out.end();
    }

    /** The name and email git writes, and the GitHub account the email is linked to (null for none). */
    private record Identity(String name, String email, String login) {
    }

    private static Identity author(Person p, String seed) {
        Facilitator farm = p.facilitator;
        if (farm != null && farm.gitIdentity != null && farm.gitIdentity != p && p.persona != Persona.IPKVM_FACILITATOR
                && Math.floorMod(Derived.hash(seed, 37), 2L) == 0) {
            // the operators' machine, set up for another hire: their personal address, linked to no org account
            return new Identity(farm.gitIdentity.fullName(), farm.gitIdentity.personalEmail, null);
        }
        return new Identity(p.fullName(), p.workEmail, p.githubLogin);
    }

    private static void commit(JsonGenerator g, Identity p, String repo, String id, Instant time, ZoneId zone, String seed,
            int i) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", id);
        g.writeStringField("tree_id", Derived.hex(seed, 60 + i, 40));
        g.writeBooleanField("distinct", true);
        g.writeStringField("message", MESSAGES[(int) Math.floorMod(Derived.hash(seed, 70 + i), (long) MESSAGES.length)]);
        g.writeStringField("timestamp", GIT_TIME.format(OffsetDateTime.ofInstant(time, zone).withNano(0)));
        g.writeStringField("url", "https://github.com/" + repo + "/commit/" + id);
        for (String role : new String[] {"author", "committer"}) {
            g.writeObjectFieldStart(role);
            g.writeStringField("name", p.name());
            g.writeStringField("email", p.email());
            if (p.login() != null) {
                g.writeStringField("username", p.login());
            }
            g.writeEndObject();
        }
        g.writeArrayFieldStart("added");
        g.writeEndArray();
        g.writeArrayFieldStart("removed");
        g.writeEndArray();
        g.writeArrayFieldStart("modified");
        g.writeString(FILES[(int) Math.floorMod(Derived.hash(seed, 80 + i), (long) FILES.length)]);
        g.writeEndArray();
        g.writeEndObject();
    }

    private static final String[] MESSAGES = {"Fix flaky test", "Handle empty response", "Add retry on timeout",
        "Update dependencies", "Refactor config loading", "Log request ids", "Tidy error messages",
        "Cache lookups per request", "Document the API", "Bump version"};
    private static final String[] FILES = {"src/main.go", "src/handler.ts", "README.md", "src/config.py",
        "build.gradle", "src/service/api.go", "web/app.tsx", "Makefile"};
}
