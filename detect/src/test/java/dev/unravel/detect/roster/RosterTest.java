package dev.unravel.detect.roster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.detect.testing.DetectorHarness;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RosterTest {

    static final String EMPLOYEES = """
            employee_id,legal_first_name,legal_last_name,date_of_birth,ssn,personal_email,work_email,username,phone,address_line1,address_line2,city,state,postal_code,country,time_zone,department,title,manager_id,employment_type,work_location,hire_date,termination_date,termination_reason,applicant_id
            E1,Jeffrey,King,1990-01-02,123-45-6789,Jeffrey.King+jobs@GMail.com,jeffrey.king@example.com,jking,(801) 515-7251,8047 Prospect Lane,Apt 3C,Brooklyn,NY,11215-1234,US,America/Chicago,Engineering,Developer,,employee,Remote,2026-03-03,,,A1
            """;
    static final String ASSETS = """
            asset_tag,serial_number,model,os,hostname,assigned_employee_id,assigned_at,status
            NWL-1,c02vhaa0hiun,MacBook Pro,macOS,NWL-MBP-1,E1,2026-02-27,assigned
            """;
    static final String GITHUB = """
            {"@timestamp":1772500447000,"_document_id":"x1","action":"git.clone","actor":"jk-dev","actor_ip":"185.242.5.85","external_identity_nameid":"jeffrey.king@example.com","org":"acme","repo":"acme/api"}
            """;

    @Test
    void recordsDeclareAWorkerAndLogsResolveToThem() {
        DetectorHarness h = new DetectorHarness();
        h.with("hr-employees", EMPLOYEES).with("asset-assignments", ASSETS).with("github-audit", GITHUB);
        h.run(new NoDetector());
        Roster r = h.roster();
        Person p = r.worker("E1");
        assertThat(p.name()).isEqualTo("Jeffrey King");
        assertThat(p.timeZone()).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(p.hireDate()).isEqualTo(LocalDate.parse("2026-03-03"));
        assertThat(p.daysSinceHire(java.time.Instant.parse("2026-03-03T23:59:00Z"))).as("the first day").isZero();
        assertThat(p.daysSinceHire(java.time.Instant.parse("2026-03-02T20:00:00Z"))).as("the evening before")
                .isEqualTo(-1);
        assertThat(p.daysSinceHire(java.time.Instant.parse("2026-03-13T15:00:00Z"))).isEqualTo(10);
        assertThat(p.daysSinceHire(java.time.Instant.parse("2026-03-13T01:00:00Z")))
                .as("the evening before in Chicago, the worker's declared zone, though past midnight in UTC")
                .isEqualTo(9);
        assertThat(p.phone()).isEqualTo("+18015157251");
        assertThat(p.personalEmail()).isEqualTo("jeffreyking@gmail.com");
        assertThat(p.ssnHash()).hasSize(16).doesNotContain("6789");
        assertThat(p.address().key()).isEqualTo("8047 PROSPECT LN #3C|BROOKLYN|NY|11215|US");
        assertThat(r.workerIdOfAccount("JEFFREY.KING@example.com")).isEqualTo("E1");
        assertThat(r.workerIdOfAccount("NWL\\jking")).isEqualTo("E1");
        assertThat(r.workerIdOfHost("nwl-mbp-1.corp.example.com")).isEqualTo("E1");
        assertThat(r.workerIdOfHost("C02VHAA0HIUN")).isEqualTo("E1");
        assertThat(r.workerIdOfAccount("jk-dev")).as("GitHub login learned from SAML name id").isEqualTo("E1");
        assertThat(r.workerIdOfAccount("someone-else")).isNull();
        assertThat(r.workersWithPersonalEmail("jeffrey.king@gmail.com")).extracting(Person::id).containsExactly("E1");
        assertThat(r.workersWithPersonalEmail("jeffrey.king@example.com")).as("the work address is no personal one")
                .isEmpty();
        assertThat(r.workersWithPersonalEmail("not an address")).isEmpty();
    }

    @Test
    void thePersonalEmailIndex_followsRecordsTakenLater() {
        DetectorHarness h = new DetectorHarness().with("hr-employees", EMPLOYEES);
        h.run(new NoDetector());
        Roster r = h.roster();
        assertThat(r.workersWithPersonalEmail("jking.other@proton.me")).isEmpty();
        DetectorHarness.read("hr-employees", EMPLOYEES.replace("E1,Jeffrey,King", "E2,Jeff,King")
                .replace("Jeffrey.King+jobs@GMail.com", "jking.other@proton.me")).forEach(r::observe);
        assertThat(r.workersWithPersonalEmail("JKing.Other@proton.me")).extracting(Person::id).containsExactly("E2");
    }

    @Test
    void domainAccountsMatchTheirUserPart_orWholeWhereHrDeclaresThemSo() {
        String two = EMPLOYEES + EMPLOYEES.lines().skip(1).findFirst().orElseThrow()
                .replace("E1,Jeffrey", "E2,Jeffrey").replace("jeffrey.king@example.com,jking", "jk2@example.com,NWL\\Ops")
                .replace(",A1", ",A2") + "\n";
        DetectorHarness h = new DetectorHarness();
        h.with("hr-employees", EMPLOYEES);
        h.run(new NoDetector());
        assertThat(h.roster().workerIdOfAccount("NWL\\JKing")).isEqualTo("E1");
        assertThat(h.roster().workerIdOfAccount("NWL\\Ops")).isNull();
        for (int i = 0; i < 3; i++) { // asked again: the remembered answers
            assertThat(h.roster().workerIdOfAccount(new String("NWL\\JKing"))).isEqualTo("E1");
            assertThat(h.roster().workerIdOfAccount("nwl\\jking")).isEqualTo("E1");
            assertThat(h.roster().workerIdOfAccount("NWL\\Ops")).isNull();
        }
        DetectorHarness withDomainName = new DetectorHarness();
        withDomainName.with("hr-employees", two);
        withDomainName.run(new NoDetector());
        Roster r = withDomainName.roster();
        assertThat(r.workerIdOfAccount("nwl\\ops")).as("a username HR declares with its domain").isEqualTo("E2");
        assertThat(r.workerIdOfAccount("NWL\\JKing")).isEqualTo("E1");
        assertThat(r.workerIdOfAccount("OTHER\\jking")).isEqualTo("E1");
    }

    @Test
    void anAccountUnknownAtFirstIsAnsweredOnceTheRosterLearnsIt() {
        DetectorHarness h = new DetectorHarness();
        h.with("hr-employees", EMPLOYEES);
        h.run(new NoDetector());
        Roster r = h.roster();
        for (int i = 0; i < 3; i++) { // answers are remembered per spelling...
            assertThat(r.workerIdOfAccount("jk-dev")).isNull();
            assertThat(r.workerIdOfAccount("JEFFREY.KING@example.com")).isEqualTo("E1");
        }
        // ...until the roster learns: a GitHub login tied to the work email by the SAML name id
        r.observe(new dev.unravel.core.Event(java.time.Instant.parse("2026-03-04T10:00:00Z"), "github", "git.clone",
                null, "jk-dev", null, null,
                new java.util.HashMap<>(java.util.Map.of("external_identity_nameid", "jeffrey.king@example.com")),
                null));
        assertThat(r.workerIdOfAccount("jk-dev")).isEqualTo("E1");
        assertThat(r.workerIdOfAccount("JK-Dev")).isEqualTo("E1");
        assertThat(r.workerIdOfAccount("JEFFREY.KING@example.com")).isEqualTo("E1");
    }

    static final class NoDetector implements dev.unravel.detect.Detector {
        @Override
        public String id() {
            return "none";
        }

        @Override
        public String description() {
            return "reads nothing";
        }

        @Override
        public java.util.Set<String> eventTypes() {
            return java.util.Set.of("none");
        }

        @Override
        public void onEvent(dev.unravel.core.Event event, dev.unravel.detect.DetectorContext context) {
        }
    }

    /**
     * Falcon's sensor ids and SIDs: learned from the aidmaster record and a logon, looked up in
     * any case, one hop only (a computer named like another sensor's id does not loop), and only
     * Falcon's events renamed.
     */
    @Test
    void falconSensorIdsAndSidsResolveThroughWhatTheRecordsAndLogonsSay() {
        String aid = "9f1c2e3d4b5a69788796a5b4c3d2e1f0";
        String sid = "S-1-5-21-1004336348-1177238915-682003330-4711";
        String fdr = dev.unravel.detect.control.Samples.aidmaster(aid, "NWL-MBP-1", "2026-03-01T00:00:00Z")
                // a sensor whose computer name is the other's id: no hop from there
                + dev.unravel.detect.control.Samples.aidmaster("0e1d2c3b4a5968778695a4b3c2d1e0f9", aid,
                        "2026-03-01T00:00:00Z")
                + dev.unravel.detect.control.Samples.falcon("UserLogon", "2026-03-04T14:00:00Z", aid, "UserName",
                        "jking", "UserSid", sid, "LogonType", "2")
                + dev.unravel.detect.control.Samples.falcon("ProcessRollup2", "2026-03-04T14:01:00Z", aid, "UserSid",
                        sid, "ImageFileName", "\\Device\\HarddiskVolume3\\Windows\\explorer.exe");
        DetectorHarness h = new DetectorHarness().with("hr-employees", EMPLOYEES).with("asset-assignments", ASSETS)
                .with("crowdstrike-fdr", fdr);
        h.run(new NoDetector());
        Roster r = h.roster();
        assertThat(r.workerIdOfHost(aid)).isEqualTo("E1");
        assertThat(r.workerIdOfHost(aid.toUpperCase(java.util.Locale.ROOT))).isEqualTo("E1");
        assertThat(r.workerIdOfHost("0e1d2c3b4a5968778695a4b3c2d1e0f9")).as("one hop").isNull();
        assertThat(r.workerIdOfAccount(sid)).isEqualTo("E1");
        assertThat(r.workerIdOfAccount(sid.toLowerCase(java.util.Locale.ROOT))).isEqualTo("E1");
        assertThat(r.workerIdOfAccount("S-1-5-18")).as("SYSTEM is nobody").isNull();

        List<dev.unravel.core.Event> events = DetectorHarness.read("crowdstrike-fdr", fdr);
        dev.unravel.core.Event process = events.get(3);
        dev.unravel.core.Event named = r.named(process);
        assertThat(named.host()).isEqualTo("NWL-MBP-1");
        assertThat(named.user()).isEqualTo("jking");
        assertThat(named.document()).isSameAs(process.document());
        List<dev.unravel.core.Event> github = DetectorHarness.read("github-audit", GITHUB);
        assertThat(r.named(github.get(0))).as("another source's event as it is").isSameAs(github.get(0));
    }

    /** FDR's userinfo table names the SIDs before any logon does: a process by SID alone is its worker's from the start. */
    @Test
    void falconsUserinfoNamesTheSidsAhead() {
        String sid = "S-1-5-21-1004336348-1177238915-682003330-4711";
        String fdr = "{\"AccountType\":\"Domain\",\"LastLoggedOnHost\":\"NWL-MBP-1\",\"UserName\":\"jking\","
                + "\"UserSid_readable\":\"" + sid + "\",\"_time\":\"1772323200.000\",\"cid\":\"c0ffee00\"}\n";
        DetectorHarness h = new DetectorHarness().with("hr-employees", EMPLOYEES).with("asset-assignments", ASSETS)
                .with("crowdstrike-fdr", fdr);
        h.run(new NoDetector());
        assertThat(h.roster().workerIdOfAccount(sid)).isEqualTo("E1");
    }

    /** Jamf Pro names a Mac's user: a Mac the asset register does not list becomes theirs; one it lists stays as listed. */
    @Test
    void jamfTeachesWhoseMacAnUnlistedMacIs_butTheAssetRegisterStands() {
        String jamf = "{\"id\":\"7\",\"udid\":\"U7\",\"general\":{\"name\":\"NWL-MBP-7\",\"lastIpAddress\":\"73.1.2.3\","
                + "\"lastContactTime\":\"2026-03-04T22:00:00Z\"},\"hardware\":{\"serialNumber\":\"C02JAMF0007\"},"
                + "\"userAndLocation\":{\"username\":\"someone.else\",\"email\":\"Jeffrey.King@example.com\"}}\n"
                // the register's Mac, which Jamf says another enrolled
                + "{\"id\":\"1\",\"udid\":\"U1\",\"general\":{\"name\":\"NWL-MBP-1\",\"lastIpAddress\":\"73.1.2.4\","
                + "\"lastContactTime\":\"2026-03-04T22:00:00Z\"},\"userAndLocation\":{\"username\":\"it.admin\"}}\n"
                // nobody the roster knows
                + "{\"id\":\"9\",\"udid\":\"U9\",\"general\":{\"name\":\"NWL-MBP-9\",\"lastIpAddress\":\"73.1.2.5\","
                + "\"lastContactTime\":\"2026-03-04T22:00:00Z\"},\"userAndLocation\":{\"email\":\"ghost@example.com\"}}\n";
        String employees = EMPLOYEES + "E2,Ida,Admin,1980-01-02,223-45-6789,ida@gmail.com,ida.admin@example.com,"
                + "it.admin,(801) 515-7252,1 Main St,,Salt Lake City,UT,84101,US,America/Denver,IT,Administrator,,"
                + "employee,Remote,2020-01-06,,,A2\n";
        DetectorHarness h = new DetectorHarness().with("hr-employees", employees).with("asset-assignments", ASSETS)
                .with("jamf-computers", jamf);
        h.run(new NoDetector());
        Roster r = h.roster();
        assertThat(r.workerIdOfHost("NWL-MBP-7")).isEqualTo("E1");
        assertThat(r.workerIdOfHost("c02jamf0007")).as("its serial too").isEqualTo("E1");
        assertThat(r.workerIdOfAccount("it.admin")).isEqualTo("E2");
        assertThat(r.workerIdOfHost("NWL-MBP-1")).as("the register's, not the enroller's").isEqualTo("E1");
        assertThat(r.workerIdOfHost("NWL-MBP-9")).isNull();
    }

    @Test
    void aSidIsKeptAsWindowsWritesIt() {
        assertThat(Roster.sid("S-1-5-18")).isEqualTo("S-1-5-18");
        assertThat(Roster.sid("s-1-5-18")).isEqualTo("S-1-5-18");
        assertThat(Roster.sid("jking")).isNull();
        assertThat(Roster.sid("S-1")).isNull();
        assertThat(Roster.sid(null)).isNull();
    }
}
