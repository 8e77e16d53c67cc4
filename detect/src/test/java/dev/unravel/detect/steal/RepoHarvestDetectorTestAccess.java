package dev.unravel.detect.steal;

import java.time.Instant;

/** GitHub audit-log lines from {@link RepoHarvestDetectorTest} for tests in other packages. */
public final class RepoHarvestDetectorTestAccess {
    private RepoHarvestDetectorTestAccess() {
    }

    public static String access(String action, String login, String email, String repo, boolean isPublic,
            Instant time) {
        return RepoHarvestDetectorTest.access(action, login, email, repo, isPublic, time);
    }
}
