package dev.unravel.server;

import static dev.unravel.server.ConsoleTest.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.cases.Assessment;
import dev.unravel.core.cases.Assessment.Finding;
import dev.unravel.core.cases.CaseRules;
import dev.unravel.server.ConsoleTest.Browser;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases.ScanInfo;
import io.javalin.Javalin;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The records behind a case's findings, opened from the case page. */
class CaseRecordsTest {

    static final String OKTA = "{\"published\":\"2026-03-10T00:29:11.000Z\",\"eventType\":\"user.session.start\","
            + "\"uuid\":\"u1\",\"actor\":{\"alternateId\":\"shirley.watson@example.com\",\"type\":\"User\"},"
            + "\"client\":{\"ipAddress\":\"185.242.5.85\",\"userAgent\":{\"rawUserAgent\":\"<script>x</script>\"}},"
            + "\"outcome\":{\"result\":\"SUCCESS\"},\"severity\":\"INFO\",\"version\":\"0\"}";
    static final String EMPLOYEES = "employee_id,legal_first_name,legal_last_name,date_of_birth,ssn,personal_email,"
            + "work_email,username,phone,address_line1,address_line2,city,state,postal_code,country,time_zone,"
            + "department,title,manager_id,employment_type,work_location,hire_date,termination_date,"
            + "termination_reason,applicant_id\n"
            + "E100514,Shirley,Watson,1990-02-03,235-59-0877,sw@example.com,shirley.watson@example.com,swatson,"
            + "+17046911308,1 Main St,,Charlotte,NC,28203,US,America/New_York,Engineering,Engineer,,employee,"
            + "Remote,2026-02-20,,,A2000514\n";

    @TempDir
    static Path dir;
    static Store store;
    static Javalin app;
    static String okta;
    static String hr;
    static String gone;

    @BeforeAll
    static void start() throws Exception {
        Path logs = Files.createDirectories(dir.resolve("logs"));
        okta = Files.writeString(logs.resolve("okta.ndjson"), OKTA.replace("u1", "u0") + "\n" + OKTA + "\n") + "#2";
        hr = Files.writeString(logs.resolve("employees.csv"), EMPLOYEES) + "#1";
        gone = logs.resolve("deleted-by-retention.ndjson") + "#4";
        store = Store.open(dir.resolve("store").toString());
        store.putAnalyst("dana", Passwords.hash(PASSWORD));
        Finding signIn = new Finding("2026-03-10T00:29:11Z", "access.vpn", "access", "T1133", 0.5, "worker:E100514",
                "Signed in through a hosting provider.", List.of(okta, gone), null);
        Finding hired = new Finding("2026-02-20T00:00:00Z", "apply.cluster", "apply", null, 0.7, "worker:E100514",
                "Shares a bank account.", List.of(hr), null);
        // the scan fingerprinted the Okta file it cited (the HR export it read is not listed: "no fingerprint")
        String oktaFile = okta.substring(0, okta.lastIndexOf('#'));
        String report = ConsoleTest.minimalReport();
        report = report.substring(0, report.length() - 1) + ",\"evidence_files\":[{\"path\":"
                + dev.unravel.engine.report.ReportJson.mapper().writeValueAsString(oktaFile) + ",\"bytes\":1,"
                + "\"sha256\":\"" + dev.unravel.ingest.RecordLookup.sha256(Path.of(oktaFile)) + "\"}]}";
        store.save(new ScanInfo("2026-04-01T00:00:00Z", "test", List.of(logs.toString()), "2026-02-01T00:00:00Z",
                "2026-03-31T00:00:00Z", 3, 3, 0, report), List.of(new Assessment("E100514",
                        "worker", "Shirley Watson", 0.97, "critical", List.of("apply", "access"), List.of(signIn, hired))),
                CaseRules.defaults(), "ci");
        app = Console.create(store, "test").start("127.0.0.1", 0);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.stop();
        }
        if (store != null) {
            store.close();
        }
    }

    static String link(String ref) {
        return "/cases/1/record?ref=" + URLEncoder.encode(ref, StandardCharsets.UTF_8);
    }

    @Test
    void eachRecordACaseCites_opensAsTheVendorWroteIt_secretsMasked_andTheOpeningIsLogged() throws Exception {
        Browser b = new Browser("http://127.0.0.1:" + app.port());
        b.signIn("dana", PASSWORD);
        String casePage = b.get("/cases/1").body();
        assertThat(casePage).contains("<a href=\"" + link(okta).replace("&", "&amp;") + "\">");

        HttpResponse<String> page = b.get(link(okta));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Record behind case 1: Shirley Watson", "as okta.",
                "The file is as scan 1 read it (SHA-256 ",
                "okta · user.session.start", "185.242.5.85", "&quot;uuid&quot; : &quot;u1&quot;",
                "&lt;script&gt;x&lt;/script&gt;").doesNotContain("\"u0\"", "<script>x");
        assertThat(store.accessLog("dana", 1).get(0)).satisfies(a -> {
            assertThat(a.action()).isEqualTo("record");
            assertThat(a.target()).isEqualTo("case 1: " + okta);
        });

        String employee = b.get(link(hr)).body();
        assertThat(employee).contains("hr · hr.hire", "&quot;ssn&quot; : &quot;•••-••-0877&quot;",
                "scan 1 kept no fingerprint of it")
                .doesNotContain("235-59");

        HttpResponse<String> missing = b.get(link(gone));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("deleted-by-retention.ndjson is no longer there");
    }

    @Test
    void theBriefWithTheRecords_holdsEachRecordBehindTheFindings_orWhyNot() throws Exception {
        Browser b = new Browser("http://127.0.0.1:" + app.port());
        b.signIn("dana", PASSWORD);
        assertThat(b.get("/cases/1").body()).contains("<a href=\"/cases/1/brief?records=1\">with the records</a>");
        String plain = b.get("/cases/1/brief").body();
        assertThat(plain).doesNotContain("The records</h2>");
        HttpResponse<String> brief = b.get("/cases/1/brief?records=1");
        assertThat(brief.statusCode()).isEqualTo(200);
        String page = brief.body();
        assertThat(page).contains("<h2>The records</h2>", "okta · the file last changed",
                "The file is as scan 1 read it",
                "&quot;ipAddress&quot; : &quot;185.242.5.85&quot;", "&quot;ssn&quot; : &quot;•••-••-0877&quot;",
                "Cannot be shown: " + gone.substring(0, gone.indexOf('#')) + " is no longer there")
                .doesNotContain("235-59", "<script>x");
        assertThat(page.indexOf(okta)).as("in the findings' order").isLessThan(page.lastIndexOf(hr));
        assertThat(store.accessLog("dana", 1).get(0).target()).isEqualTo("case 1 with the records");
    }

    @Test
    void aRecordOfAColumnMappedExport_opensWithTheMappingTheConsoleWasGiven() throws Exception {
        Path exports = Files.createDirectories(dir.resolve("exports"));
        Path mapping = Files.writeString(dir.resolve("workday.yaml"), """
                kind: hr-employees
                match: "workday_*.csv"
                delimiter: ";"
                columns:
                  employee_id: Employee ID
                  legal_first_name: Legal First Name
                  legal_last_name: Legal Last Name
                  work_email: Work Email
                  hire_date: { column: "Hire Dt", format: "MM/dd/yyyy" }
                """);
        String ref = Files.writeString(exports.resolve("workday_2026-03.csv"), "Employee ID;Legal First Name;"
                + "Legal Last Name;Work Email;Hire Dt\nW-1001;Dana;Whitfield;dana.whitfield@example.com;02/20/2026\n")
                + "#1";
        store.save(new ScanInfo("2026-04-02T00:00:00Z", "test", List.of(exports.toString()), null, null, 1, 1, 0,
                ConsoleTest.minimalReport()), List.of(new Assessment("W-1001", "worker", "Dana Whitfield", 0.9,
                        "critical", List.of("apply"), List.of(new Finding("2026-02-20T00:00:00Z", "apply.cluster",
                                "apply", null, 0.7, "worker:W-1001", "Shares a bank account.", List.of(ref), null)))),
                CaseRules.defaults(), "ci");
        long id = store.cases(List.of()).stream().filter(c -> c.personId().equals("W-1001")).findFirst()
                .orElseThrow().id();
        String page = "/cases/" + id + "/record?ref=" + URLEncoder.encode(ref, StandardCharsets.UTF_8);

        Browser plain = new Browser("http://127.0.0.1:" + app.port());
        plain.signIn("dana", PASSWORD);
        assertThat(plain.get(page).statusCode()).as("without the mapping the export is no format it knows")
                .isEqualTo(404);

        Javalin mapped = Console.create(store, "test", Console.Setup.casesOnly().readers(
                dev.unravel.ingest.format.records.Mappings.load(List.of(mapping)).readers())).start("127.0.0.1", 0);
        try {
            Browser b = new Browser("http://127.0.0.1:" + mapped.port());
            b.signIn("dana", PASSWORD);
            HttpResponse<String> r = b.get(page);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            assertThat(r.body()).contains("hr-employees@workday", "dana.whitfield@example.com");
        } finally {
            mapped.stop();
        }
    }

    @Test
    void aFileTheCaseDoesNotCite_isNeverOpened() throws Exception {
        Browser b = new Browser("http://127.0.0.1:" + app.port());
        b.signIn("dana", PASSWORD);
        HttpResponse<String> other = b.get(link("/etc/passwd#1"));
        assertThat(other.statusCode()).isEqualTo(404);
        assertThat(other.body()).contains("Case 1 cites no record /etc/passwd#1").doesNotContain("root:");
        assertThat(b.get("/cases/1/record").statusCode()).isEqualTo(404);
        assertThat(new Browser("http://127.0.0.1:" + app.port()).get(link(okta)).statusCode()).as("signed out")
                .isEqualTo(302);
    }
}
