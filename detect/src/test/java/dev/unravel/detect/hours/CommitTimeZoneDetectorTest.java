package dev.unravel.detect.hours;

import static dev.unravel.detect.control.Samples.EMPLOYEES_HEADER;
import static dev.unravel.detect.control.Samples.employee;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

public class CommitTimeZoneDetectorTest {

    /** Betty Reed and Omar Haddad, declared in America/Chicago (UTC-5 from 8 March 2026). */
    static DetectorHarness company() {
        return new DetectorHarness().with("hr-employees", EMPLOYEES_HEADER
                + employee("E1", "Betty", "Reed", "breed", "2026-03-02")
                + employee("E2", "Omar", "Haddad", "ohaddad", "2022-01-10"));
    }

    /** A commit of a push delivery: its time as written, its author (email, GitHub login) and committer email. */
    public static String commit(String timestamp, String authorEmail, String login, String committerEmail, boolean distinct) {
        return "{\"id\":\"" + Integer.toHexString((timestamp + authorEmail).hashCode()) + "\",\"distinct\":" + distinct
                + ",\"message\":\"Work\",\"timestamp\":\"" + timestamp + "\",\"author\":{\"name\":\"A\",\"email\":\""
                + authorEmail + "\"" + (login == null ? "" : ",\"username\":\"" + login + "\"") + "},\"committer\":"
                + "{\"name\":\"C\",\"email\":\"" + committerEmail + "\"},\"added\":[],\"removed\":[],\"modified\":[\"a.go\"]}";
    }

    public static String commit(String timestamp, String authorEmail) {
        return commit(timestamp, authorEmail, null, authorEmail, true);
    }

    /** A push delivery's body as GitHub posts it (the parts read here). */
    public static String push(String pusher, String pusherEmail, String pushedAt, String... commits) {
        return "{\"ref\":\"refs/heads/main\",\"before\":\"a\",\"after\":\"b\",\"commits\":[" + String.join(",", commits)
                + "],\"repository\":{\"full_name\":\"northwind/payments-core\",\"private\":true,\"pushed_at\":"
                + Instant.parse(pushedAt).getEpochSecond() + "},\"pusher\":{\"name\":\"" + pusher + "\",\"email\":\""
                + pusherEmail + "\"},\"sender\":{\"login\":\"" + pusher + "\"}}\n";
    }

    static final String BETTY = "betty.reed@example.com";
    static final String OMAR = "omar.haddad@example.com";

    @Test
    void thePushTypeTheReaderGivesIsTheOneTheDetectorReads() {
        Event e = DetectorHarness.read("github-webhook", push("breed-nw", BETTY, "2026-03-10T01:40:00Z",
                commit("2026-03-10T10:31:07+09:00", BETTY))).get(0);
        assertThat(new CommitTimeZoneDetector().reads(e.type())).as(e.type()).isTrue();
    }

    @Test
    void theVendorsOwnPush_aCommitInUtcByNoOneKnown_raisesNothing() throws Exception {
        // the published fixture's pushes, as far as the reader takes them (the others carry no time)
        String pushes = java.nio.file.Files.readAllLines(dev.unravel.core.testing.SharedData.vendorRecords(
                "GitHub_Webhook.ndjson")).stream().filter(l -> l.contains("\"commits\"") && l.contains("\"timestamp\""))
                .map(l -> l + "\n").reduce("", String::concat);
        DetectorHarness h = company().with("github-webhook", pushes);
        assertThat(h.run(new CommitTimeZoneDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsEntry("commit time in UTC (says nothing of where it was written)", 1L);
    }

    @Test
    void commitsWrittenOnKoreanTimeForWeeks_areAStrongSignal_theFirstAWeakOne() {
        StringBuilder pushes = new StringBuilder();
        for (int day : new int[] {10, 12, 17}) {
            pushes.append(push("breed-nw", BETTY, "2026-03-" + day + "T02:00:00Z",
                    commit("2026-03-" + day + "T10:31:07+09:00", BETTY), commit("2026-03-" + day + "T10:55:00+09:00", BETTY)));
        }
        DetectorHarness h = company().with("github-webhook", pushes.toString());
        List<Signal> signals = h.run(new CommitTimeZoneDetector());
        assertThat(signals).hasSize(2).allSatisfy(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E1"));
            assertThat(s.detector()).isEqualTo(CommitTimeZoneDetector.ID);
            assertThat(s.stage()).isEqualTo(Stage.ACCESS);
        });
        Signal first = signals.get(0);
        assertThat(first.strength()).isEqualTo(0.25);
        assertThat(first.explanation()).isEqualTo("A commit by Betty Reed was written at 2026-03-10T10:31:07+09:00, on a "
                + "clock at UTC+9, while they are declared in America/Chicago (UTC-5 then), 14 hours ahead; a trip would "
                + "look the same.");
        Signal strong = signals.get(1);
        assertThat(strong.strength()).isEqualTo(0.55);
        assertThat(strong.time()).as("raised on the third day, eight from the first").isEqualTo(
                Instant.parse("2026-03-17T02:00:00Z"));
        assertThat(strong.evidence()).hasSize(2);
        assertThat(strong.explanation()).contains("Betty Reed's commits were written on a clock at UTC+9 on 3 of the 3 "
                + "days they committed (first 2026-03-10T10:31:07+09:00)", "America/Chicago (UTC-5 then)", "14 hours ahead",
                "North Korea or China");
        assertThat(h.skippedReasons()).isEmpty();
    }

    @Test
    void aTripIsOnlyWeak_andCommitsOnTheDeclaredClockOrNearItAreNothing() {
        StringBuilder pushes = new StringBuilder();
        for (int day = 10; day <= 14; day++) {
            pushes.append(push("ohaddad-gh", OMAR, "2026-03-" + day + "T20:00:00Z",
                    commit("2026-03-" + day + "T14:00:00-05:00", OMAR),
                    commit("2026-03-" + day + "T13:00:00-07:00", OMAR))); // a day on Pacific time is near
        }
        // a week later, from a conference in Lisbon (UTC+0 is left out; this laptop says +01:00)
        for (int day = 16; day <= 17; day++) {
            pushes.append(push("ohaddad-gh", OMAR, "2026-03-" + day + "T12:00:00Z", commit("2026-03-" + day
                    + "T12:00:00+01:00", OMAR)));
        }
        List<Signal> signals = company().with("github-webhook", pushes.toString()).run(new CommitTimeZoneDetector());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
            assertThat(s.strength()).isEqualTo(0.15);
            assertThat(s.explanation()).contains("UTC+1", "6 hours ahead", "a trip would look the same");
        });
    }

    @Test
    void commitsUnderThePushersPersonalEmail_areTheirs_anotherPersonalEmailIsNot() {
        StringBuilder mine = new StringBuilder();
        StringBuilder omars = new StringBuilder();
        for (int day : new int[] {10, 12, 17}) {
            // Betty's git is set up with the personal address HR holds (Gmail's dots aside)
            mine.append(push("breed-nw", BETTY, "2026-03-" + day + "T02:00:00Z",
                    commit("2026-03-" + day + "T10:31:07+09:00", "BettyReed@gmail.com")));
            omars.append(push("breed-nw", BETTY, "2026-03-" + day + "T02:00:00Z",
                    commit("2026-03-" + day + "T10:31:07+09:00", "omar.haddad@gmail.com")));
        }
        assertThat(company().with("github-webhook", mine.toString()).run(new CommitTimeZoneDetector()))
                .extracting(Signal::strength).containsExactly(0.25, 0.55);
        DetectorHarness h = company().with("github-webhook", omars.toString());
        assertThat(h.run(new CommitTimeZoneDetector())).isEmpty();
        assertThat(h.skippedReasons()).containsEntry("commit author not tied to a worker", 3L);
    }

    /** GitLab's push hook: the pusher's username and email, commits with only their author. */
    public static String gitlabPush(String username, String email, String... commits) {
        return "{\"object_kind\":\"push\",\"event_name\":\"push\",\"ref\":\"refs/heads/main\",\"user_username\":\""
                + username + "\",\"user_email\":\"" + email + "\",\"project_id\":15,\"project\":{\"path_with_namespace\":"
                + "\"northwind/payments-core\"},\"commits\":[" + String.join(",", commits) + "]}\n";
    }

    public static String gitlabCommit(String timestamp, String email) {
        return "{\"id\":\"" + Integer.toHexString((timestamp + email).hashCode()) + "\",\"timestamp\":\"" + timestamp
                + "\",\"author\":{\"name\":\"A\",\"email\":\"" + email + "\"},\"modified\":[\"a.go\"]}";
    }

    @Test
    void gitlabsPushHook_isReadAsGitHubs() {
        StringBuilder pushes = new StringBuilder();
        for (int day : new int[] {10, 12, 17}) {
            pushes.append(gitlabPush("breed", BETTY, gitlabCommit("2026-03-" + day + "T10:31:07+09:00", BETTY)));
        }
        List<Signal> signals = company().with("gitlab-webhook", pushes.toString()).run(new CommitTimeZoneDetector());
        assertThat(signals).extracting(Signal::strength).containsExactly(0.25, 0.55);
        assertThat(signals).allSatisfy(s -> assertThat(s.subject()).isEqualTo(EntityRef.worker("E1")));
    }

    @Test
    void aWeekInTokyoAtTheStartOfSomeonesHistory_isOnlyWeak_howeverManyDaysTheyCommitted() {
        StringBuilder pushes = new StringBuilder();
        for (int day = 10; day <= 14; day++) { // the laptop on automatic time zone, every commit day of the trip
            pushes.append(push("breed-nw", BETTY, "2026-03-" + day + "T03:00:00Z",
                    commit("2026-03-" + day + "T11:00:00+09:00", BETTY)));
        }
        for (int day = 16; day <= 20; day++) {
            pushes.append(push("breed-nw", BETTY, "2026-03-" + day + "T20:00:00Z",
                    commit("2026-03-" + day + "T14:00:00-05:00", BETTY)));
        }
        List<Signal> signals = company().with("github-webhook", pushes.toString()).run(new CommitTimeZoneDetector());
        assertThat(signals).singleElement().satisfies(s -> assertThat(s.strength()).isEqualTo(0.25));
    }

    @Test
    void commitsInUtc_madeOnGithub_pushedBefore_orByNoOneKnown_areLeftOut_andAColleaguesCommitIsTheirs() {
        StringBuilder pushes = new StringBuilder();
        for (int day : new int[] {10, 13, 17}) {
            pushes.append(push("breed-nw", BETTY, "2026-03-" + day + "T02:00:00Z",
                    commit("2026-03-" + day + "T01:31:07Z", BETTY), // CI, a container: UTC says nothing
                    commit("2026-03-" + day + "T01:31:07+00:00", BETTY),
                    commit("2026-03-" + day + "T10:31:07+09:00", BETTY, null, "noreply@github.com", true), // web editor
                    commit("2026-03-" + day + "T10:31:07+08:00", BETTY, null, BETTY, false), // pushed to another branch first
                    commit("2026-03-" + day + "T10:31:07+09:00", "someone@elsewhere.example", "stranger", "x@y", true),
                    // Omar's commit from Moscow, which Betty pushed after a merge: Omar's clock, under his login
                    commit("2026-03-" + day + "T04:31:07+03:00", "omar@personal.example", "ohaddad", "x@y", true),
                    "\"not a commit\""));
        }
        DetectorHarness h = company().with("github-webhook", pushes.toString());
        List<Signal> signals = h.run(new CommitTimeZoneDetector());
        assertThat(signals).extracting(Signal::subject).containsOnly(EntityRef.worker("E2"));
        assertThat(signals).extracting(Signal::strength).containsExactly(0.15, 0.4);
        assertThat(h.skippedReasons()).containsEntry("commit entry that is not an object", 3L)
                .containsEntry("commit time in UTC (says nothing of where it was written)", 6L)
                .containsEntry("commit made on github.com", 3L).containsEntry("commit author not tied to a worker", 3L);
    }
}
