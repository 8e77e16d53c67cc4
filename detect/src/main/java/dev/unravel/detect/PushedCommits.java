package dev.unravel.detect;

import dev.unravel.core.Event;
import java.util.List;
import java.util.Map;

/**
 * The commits of a push webhook's delivery (GitHub's, or GitLab's as its reader gives it), for the
 * detectors that read them one by one, bounded: a delivery is posted by anyone who can reach the
 * console, and GitHub sends at most 20 commits a push (2,048 in some exports).
 */
public final class PushedCommits {
    /** The event type the readers give a push (GitHub's and GitLab's webhooks). */
    public static final String TYPE = "webhook.push";
    /** Commits read from one push; the rest are counted as skipped. */
    public static final int MAX_COMMITS = 2_048;

    private PushedCommits() {
    }

    /** What a detector does with one commit of the push. */
    @FunctionalInterface
    public interface Commit {
        void accept(Event push, Map<?, ?> commit);
    }

    /** Each commit object of {@code push}, in order; entries that are no object and those past the bound are skipped. */
    public static void each(Event push, DetectorContext ctx, Commit each) {
        if (!(push.document().get("commits") instanceof List<?> commits)) {
            return;
        }
        int n = Math.min(commits.size(), MAX_COMMITS);
        for (int i = 0; i < n; i++) {
            if (commits.get(i) instanceof Map<?, ?> commit) {
                each.accept(push, commit);
            } else {
                ctx.skipped("commit entry that is not an object");
            }
        }
        for (int i = n; i < commits.size(); i++) {
            ctx.skipped("commit past the first " + MAX_COMMITS + " of a push");
        }
    }

    /**
     * The worker who pushed: by the pushing account's login ({@code pusher.name}, the event's user),
     * else by the account's email GitHub gives beside it, when the roster has not learned the login;
     * null when neither is a worker's.
     */
    public static String pusher(Event push, DetectorContext ctx) {
        String byLogin = ctx.roster().workerIdOfAccount(push.user());
        return byLogin != null ? byLogin : ctx.roster().workerIdOfAccount(text(push.document().get("pusher"), "email"));
    }

    /** {@code map}'s text at {@code key} (a commit's {@code author.email} …), stripped; null when absent or blank. */
    public static String text(Object map, String key) {
        return map instanceof Map<?, ?> m && m.get(key) instanceof String s && !s.isBlank() ? s.strip() : null;
    }
}
