package dev.unravel.detect.access;

import static dev.unravel.detect.access.AccessEvents.NEW_YORK;
import static dev.unravel.detect.access.AccessEvents.RANGES;
import static dev.unravel.detect.access.AccessEvents.github;
import static dev.unravel.detect.access.AccessEvents.google;
import static dev.unravel.detect.access.AccessEvents.okta;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Signal;
import dev.unravel.core.Stage;
import dev.unravel.detect.testing.DetectorHarness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AccessAfterTerminationTest {

    /** E2 left on 10 March, E3 on 5 March, E4 left and was hired again; E1 still works there. */
    static final String EMPLOYEES = """
            employee_id,legal_first_name,legal_last_name,date_of_birth,ssn,personal_email,work_email,username,phone,address_line1,address_line2,city,state,postal_code,country,time_zone,department,title,manager_id,employment_type,work_location,hire_date,termination_date,termination_reason,applicant_id
            E1,Jeffrey,King,1990-01-02,123-45-6789,jk@gmail.com,jeffrey.king@example.com,jking,+18015157251,8047 Prospect Ln,,Brooklyn,NY,11215,US,America/New_York,Engineering,Developer,,employee,Remote,2026-03-02,,,A1
            E2,Maria,Lopez,1988-03-04,223-45-6789,ml@gmail.com,maria.lopez@example.com,mlopez,+13125550101,12 Oak St,,Chicago,IL,60601,US,America/Chicago,Engineering,Developer,,employee,Remote,2024-01-10,2026-03-10,Performance,A2
            E3,Tom,Lopez,1987-05-06,323-45-6789,tl@gmail.com,tom.lopez@example.com,tlopez,+13125550102,12 Oak St,,Chicago,IL,60601,US,America/Chicago,Finance,Analyst,,employee,Remote,2024-02-10,2026-03-05,Resigned,A3
            E4,Anna,Nowak,1991-07-08,,an@gmail.com,anna.nowak@example.com,anowak,+48601234567,ul. Długa 5,,Warszawa,,00-001,PL,Europe/Warsaw,Engineering,Developer,,contractor,Remote,2026-01-15,2025-12-31,Contract ended,A4
            """;

    static DetectorHarness harness() {
        return new DetectorHarness().with("hr-employees", EMPLOYEES).with("ip-intel", RANGES);
    }

    /** Defender for Endpoint's logons: a successful one after the last day is use; a failed one alone is not. */
    @Test
    void defenderForEndpointsLogonsCount_aFailedOneAloneDoesNot() {
        String rows = defenderLogon("2026-03-12T02:00:00Z", "mlopez", "LogonSuccess", "175.45.178.12")
                + defenderLogon("2026-03-09T02:00:00Z", "tlopez", "LogonFailed", "185.242.5.86");
        List<Signal> signals = harness().with("defender-endpoint", rows).run(new AccessAfterTermination());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
            assertThat(s.explanation()).contains("nwl-lt-9.corp.example.com");
        });
    }

    /**
     * CrowdStrike Falcon: a logon names the account and its SID, FDR's process events the SID alone;
     * a failed logon alone is not use.
     */
    @Test
    void falconLogonsAndTheProcessesOfTheirSidCount_aFailedLogonAloneDoesNot() {
        String sid = "S-1-5-21-1004336348-1177238915-682003330-4711";
        String aid = "9f1c2e3d4b5a69788796a5b4c3d2e1f0";
        String fdr = dev.unravel.detect.control.Samples.falcon("UserLogon", "2026-03-12T02:00:00Z", aid, "UserName",
                "mlopez", "UserSid", sid, "LogonDomain", "NORTHWIND", "LogonType", "10", "RemoteAddressIP4",
                "175.45.178.12")
                + dev.unravel.detect.control.Samples.falcon("ProcessRollup2", "2026-03-12T02:01:00Z", aid, "UserSid", sid,
                        "ImageFileName", "\\Device\\HarddiskVolume3\\Program Files\\Git\\cmd\\git.exe",
                        "CommandLine", "git clone git@github.com:acme/api.git")
                + dev.unravel.detect.control.Samples.falcon("UserLogonFailed2", "2026-03-09T02:00:00Z", aid, "UserName",
                        "tlopez", "UserSid", "S-1-5-21-1004336348-1177238915-682003330-4712", "LogonType", "10");
        List<Signal> signals = harness().with("crowdstrike-fdr", fdr).run(new AccessAfterTermination());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
            assertThat(s.explanation()).contains("was used 2 times after that (crowdstrike")
                    .doesNotContain("S-1-5-21");
            assertThat(s.evidence()).hasSize(2);
        });
    }

    static String defenderLogon(String time, String account, String action, String remoteIp) {
        return "{\"time\":\"" + time + "\",\"category\":\"AdvancedHunting-DeviceLogonEvents\",\"properties\":{"
                + "\"Timestamp\":\"" + time + "\",\"DeviceName\":\"nwl-lt-9.corp.example.com\",\"ActionType\":\""
                + action + "\",\"LogonType\":\"RemoteInteractive\",\"AccountDomain\":\"northwind\",\"AccountName\":\""
                + account + "\",\"RemoteIP\":\"" + remoteIp + "\",\"ReportId\":12}}\n";
    }

    @Test
    void signInsAndClonesAfterTheLastDayFire_theLastDayItselfAndItsUsEveningDoNot() {
        String okta = okta("maria.lopez@example.com", "73.1.2.3", NEW_YORK, "2026-03-10T23:00:00.000Z") // last day
                + okta("maria.lopez@example.com", "73.1.2.3", NEW_YORK, "2026-03-11T04:30:00.000Z") // its US evening
                + okta("maria.lopez@example.com", "185.242.5.85", NEW_YORK, "2026-03-12T02:00:00.000Z")
                + okta("user.session.start", "tom.lopez@example.com", "185.242.5.86", NEW_YORK,
                        "2026-03-09T02:00:00.000Z", "FAILURE", "null")
                + okta("jeffrey.king@example.com", "73.1.2.4", NEW_YORK, "2026-03-12T02:00:00.000Z")
                + okta("anna.nowak@example.com", "83.1.2.3", NEW_YORK, "2026-03-12T02:00:00.000Z");
        String git = github("git.clone", "mlopez-dev", "maria.lopez@example.com", "185.242.5.85", "US",
                Instant.parse("2026-03-12T03:00:00Z"))
                + github("git.clone", "mlopez-dev", "maria.lopez@example.com", "185.242.5.85", "US",
                        Instant.parse("2026-03-13T03:00:00Z"));
        // the token at work from a cloud server (which the sign-in detectors leave out as automation) counts too
        git += "{\"@timestamp\":" + Instant.parse("2026-03-13T04:00:00Z").toEpochMilli() + ",\"_document_id\":\"dx\","
                + "\"action\":\"git.clone\",\"actor\":\"mlopez-dev\",\"actor_ip\":\"34.120.1.1\","
                + "\"hashed_token\":\"abc=\",\"programmatic_access_type\":\"Personal access token (classic)\","
                + "\"external_identity_nameid\":\"maria.lopez@example.com\",\"org\":\"acme\",\"repo\":\"acme/web\"}\n";
        List<Signal> signals = harness().with("okta", okta).with("github-audit", git)
                .run(new AccessAfterTermination());
        assertThat(signals).as("E3's failed sign-in alone is what a stale phone does: no signal")
                .extracting(s -> s.subject().value()).containsExactly("E2");

        Signal maria = signals.stream().filter(s -> s.subject().equals(EntityRef.worker("E2"))).findFirst()
                .orElseThrow();
        assertThat(maria.detector()).isEqualTo(AccessAfterTermination.ID);
        assertThat(maria.stage()).isEqualTo(Stage.ACCESS);
        assertThat(maria.technique()).isEqualTo("T1078");
        assertThat(maria.strength()).as("code taken after leaving").isEqualTo(0.75);
        assertThat(maria.evidence()).hasSize(4);
        assertThat(maria.explanation()).isEqualTo("Maria Lopez left on 2026-03-10 (Performance), but their account "
                + "was used 4 times after that, 3 times to take code or files (github, okta), from 2 days after they "
                + "left until 2026-03-13T04:00:00Z. Their access should have ended with their employment.");

        // a failure beside successes is told with them
        String withFailure = okta + okta("user.session.start", "maria.lopez@example.com", "185.242.5.86", NEW_YORK,
                "2026-03-14T02:00:00.000Z", "FAILURE", "null");
        assertThat(harness().with("okta", withFailure).run(new AccessAfterTermination()))
                .singleElement().satisfies(s -> assertThat(s.explanation()).contains("was used once after that, and "
                        + "tried once more without success (okta)"));
    }

    /** Slack's access log entry last used after the termination is the account used after it. */
    @Test
    void aSlackEntryLastUsedAfterTheLastDayCounts() {
        long after = Instant.parse("2026-03-12T02:00:00Z").getEpochSecond();
        String entry = "{\"user_id\":\"U02\",\"username\":\"mlopez\",\"date_first\":" + (after - 864_000)
                + ",\"date_last\":" + after + ",\"count\":40,\"ip\":\"185.242.5.85\",\"user_agent\":\"Slack/4.41.105\","
                + "\"isp\":\"M247\",\"country\":\"US\",\"region\":\"NY\",\"email\":\"maria.lopez@example.com\"}\n";
        List<Signal> signals = harness().with("slack-access", entry).run(new AccessAfterTermination());
        assertThat(signals).singleElement().satisfies(s -> {
            assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
            assertThat(s.explanation()).contains("used once after that (slack)", "until 2026-03-12T02:00:00Z");
        });
    }

    @Test
    void theLaptopKeptAndUsedWithTheLeaversAccountCounts_butNotItsSystemProcesses() {
        String mine = dev.unravel.detect.control.Samples.process("2026-03-13T15:00:00Z", "NWL-LT-2.corp.example.com",
                "NORTHWIND\\mlopez", "C:\\Program Files\\Git\\cmd\\git.exe", "git clone git@github.com:acme/api.git");
        String system = dev.unravel.detect.control.Samples.process("2026-03-13T16:00:00Z", "NWL-LT-2.corp.example.com",
                "NT AUTHORITY\\SYSTEM", "C:\\Windows\\System32\\svchost.exe", "svchost.exe -k netsvcs");
        var h = harness().with("asset-assignments", dev.unravel.detect.control.Samples.ASSETS_HEADER
                + dev.unravel.detect.control.Samples.laptop("NWL-LT-2", "SER2", "E2"));
        assertThat(h.with("windows-evtx-json", system).run(new AccessAfterTermination()))
                .as("the laptop's own processes are not the leaver's account").isEmpty();
        assertThat(harness().with("asset-assignments", dev.unravel.detect.control.Samples.ASSETS_HEADER
                + dev.unravel.detect.control.Samples.laptop("NWL-LT-2", "SER2", "E2"))
                .with("windows-evtx-json", mine + system).run(new AccessAfterTermination()))
                .singleElement().satisfies(s -> {
                    assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
                    assertThat(s.strength()).isEqualTo(0.6);
                    assertThat(s.explanation()).contains("was used once after that (windows; on "
                            + "NWL-LT-2.corp.example.com), from 3 days after they left");
                });
    }

    @Test
    void theGraceIsASetting() {
        String okta = okta("maria.lopez@example.com", "73.1.2.3", NEW_YORK, "2026-03-11T04:30:00.000Z");
        assertThat(harness().with("okta", okta).run(new AccessAfterTermination())).isEmpty();
        assertThat(harness().with("okta", okta).settings(AccessAfterTermination.ID, Map.of("grace_hours", 0))
                .run(new AccessAfterTermination())).singleElement()
                .satisfies(s -> assertThat(s.strength()).isEqualTo(0.6));
    }

    /** A leaver's laptop still tunnelling in: the VPN gateway's own log. */
    @Test
    void aVpnTunnelAfterTheLastDayFires_aRejectedLoginAloneDoesNot() {
        String asa = "Mar 12 2026 02:00:00 asa : %ASA-6-113039: Group <Remote> User <mlopez> IP <185.242.5.85> "
                + "AnyConnect parent session started.\n"
                + "Mar 09 2026 02:00:00 asa : %ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : "
                + "server = 10.1.1.5 : user = tlopez : user IP = 185.242.5.86\n"
                + "Mar 13 2026 02:00:00 asa : %ASA-6-113005: AAA user authentication Rejected : reason = AAA failure : "
                + "server = 10.1.1.5 : user = tlopez : user IP = 185.242.5.86\n";
        assertThat(harness().with("cisco-asa", asa).run(new AccessAfterTermination())).singleElement()
                .satisfies(s -> {
                    assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
                    assertThat(s.explanation()).contains("was used once after that").contains("cisco-asa");
                });
    }

    @Test
    void aGoogleWorkspaceSignInAfterTheLastDayFires_aFailedOneIsToldBesideIt() {
        String google = google("login_success", "maria.lopez@example.com", "185.242.5.85", "US",
                "2026-03-12T02:00:00.000Z")
                + google("login_failure", "maria.lopez@example.com", "185.242.5.85", "US", "2026-03-13T02:00:00.000Z")
                + google("login_failure", "tom.lopez@example.com", "185.242.5.86", "US", "2026-03-09T02:00:00.000Z");
        assertThat(harness().with("gworkspace", google).run(new AccessAfterTermination())).singleElement()
                .satisfies(s -> {
                    assertThat(s.subject()).isEqualTo(EntityRef.worker("E2"));
                    assertThat(s.explanation()).contains("was used once after that, and tried once more without "
                            + "success (gworkspace)");
                });
    }
}
