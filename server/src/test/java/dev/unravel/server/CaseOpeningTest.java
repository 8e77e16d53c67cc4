package dev.unravel.server;

import static dev.unravel.server.ConsoleTest.form;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.cases.CaseRules;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases.CaseFile;
import dev.unravel.store.StoredCases.CaseSummary;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cases opened by hand: from the last scan that assessed the person, or on a tip alone; refused with the reason. */
class CaseOpeningTest {

    /** A scan that scored one worker critical (a case) and others below the opening level. */
    static final String REPORT = """
            {"schema":"unravel.report/1","generated_at":"2026-04-01T00:00:00Z","inputs":["exports/"],
             "ingest":{"files":1,"records":10,"events":10,"quarantined":0,"by_format":{},"problems":[]},
             "detectors":[],"workers_scanned":40,"levels":{},
             "workers":[
              {"rank":1,"worker_id":"E3","name":"Pat Jones","hire_date":"2026-03-09","score":0.97,"level":"critical",
               "stages":["onboard"],"signals":[{"time":"2026-03-01T10:00:00Z","detector":"onboard.laptop-farm",
               "stage":"onboard","strength":0.7,"subject":"worker:E3","explanation":"Laptops for 3 people went to one building.",
               "evidence":["assets/shipments.csv#374"]}]},
              {"rank":2,"worker_id":"E2","name":"Sam Lee","hire_date":"2026-03-02","score":0.42,"level":"medium",
               "stages":["access"],"signals":[{"time":"2026-03-10T01:00:00Z","detector":"access.foreign-country",
               "stage":"access","strength":0.4,"subject":"worker:E2","explanation":"Signed in from Shenyang, CN.",
               "evidence":["okta/system-log-2026-03-10.ndjson#8"]}]},
              {"rank":3,"worker_id":"E1","name":"Sam Lee","hire_date":"2019-01-07","score":0.1,"level":"low",
               "stages":["access"],"signals":[{"time":"2026-03-11T01:00:00Z","detector":"access.shared-source-ip",
               "stage":"access","strength":0.1,"subject":"worker:E1","explanation":"Shared an address.",
               "evidence":["okta/system-log-2026-03-11.ndjson#2"]}]}],
             "applicants":[{"applicant_id":"A1","name":"Kim Park","score":0.3,"level":"medium","stages":["apply"],
               "signals":[]}],
             "clusters":[{"id":"C1","workers":["E2","E3"],"applicants":[],"ties":[
               {"kind":"ship_to","reference":"d078488f","display":"8047 Prospect Ln, Brooklyn, NY 11215",
                "people":["E2","E3"]}]}],
             "unresolved":[]}
            """;

    @TempDir
    Path dir;
    Store store;
    long scan;

    @BeforeEach
    void save() throws Exception {
        store = Store.open(dir.resolve("store").toString());
        Report r = ReportJson.read(Files.writeString(dir.resolve("report.json"), REPORT));
        scan = store.save(ReportRecords.scanInfo(r), ReportRecords.assessments(r), CaseRules.defaults(), "ci").id();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static CaseOpening.Refused.Why why(Throwable t) {
        return ((CaseOpening.Refused) t).why();
    }

    @Test
    void aPersonBelowTheOpeningLevel_getsACaseWithTheScansFindingsAndTies_andTheReasonInTheHistory() {
        CaseSummary c = CaseOpening.open(store, "E2", null, null, "Manager: the work reads like two people.", "dana");
        assertThat(c.openedBy()).isEqualTo("dana");
        assertThat(c.openedScan()).isEqualTo(scan);
        assertThat(c.level()).isEqualTo("medium");
        CaseFile f = store.caseFile(c.id()).orElseThrow();
        assertThat(f.hireDate()).isEqualTo("2026-03-02");
        assertThat(f.signals()).extracting(s -> s.detector()).containsExactly("access.foreign-country");
        assertThat(f.ties()).singleElement().satisfies(t -> {
            assertThat(t.personId()).isEqualTo("E3");
            assertThat(t.caseId()).as("Pat Jones's own case, opened by the scan").isNotNull();
        });
        assertThat(f.history()).singleElement().satisfies(h -> {
            assertThat(h.actor()).isEqualTo("dana");
            assertThat(h.detail()).isEqualTo("Opened by hand: Manager: the work reads like two people. The scan had "
                    + "them at medium 0.42: 1 signal from 1 detector in 1 stage (access). (scan " + scan + ")");
        });

        // by name (any case) when one person has it; an applicant by kind
        CaseSummary kim = CaseOpening.open(store, "KIM PARK", "applicant", null, "Recruiter: a different voice.", "dana");
        assertThat(kim.kind()).isEqualTo("applicant");
        assertThat(kim.personId()).isEqualTo("A1");
    }

    @Test
    void refusals_sayWhatToDoInstead() {
        assertThatThrownBy(() -> CaseOpening.open(store, "sam lee", null, null, "A tip.", "dana"))
                .satisfies(t -> assertThat(why(t)).isEqualTo(CaseOpening.Refused.Why.AMBIGUOUS))
                .hasMessageContaining("2 people answer to 'sam lee'").hasMessageContaining("worker E2 Sam Lee (medium 0.42")
                .hasMessageContaining("worker E1 Sam Lee (low 0.10").hasMessageEndingWith("Give the id.");
        assertThatThrownBy(() -> CaseOpening.open(store, "E3", null, null, "A tip.", "dana"))
                .satisfies(t -> {
                    assertThat(why(t)).isEqualTo(CaseOpening.Refused.Why.EXISTS);
                    assertThat(((CaseOpening.Refused) t).existingCase()).isEqualTo(1L);
                    assertThat(((CaseOpening.Refused) t).status()).isEqualTo(409);
                }).hasMessageContaining("has case 1 already (open): add the tip to it as a note");
        assertThatThrownBy(() -> CaseOpening.open(store, "E99", null, null, "A tip.", "dana"))
                .satisfies(t -> assertThat(why(t)).isEqualTo(CaseOpening.Refused.Why.UNKNOWN))
                .hasMessageContaining("a report lists only the people with findings")
                .hasMessageContaining("give their id and their name");
        assertThatThrownBy(() -> CaseOpening.open(store, "E2", null, null, "   ", "dana"))
                .satisfies(t -> assertThat(why(t)).isEqualTo(CaseOpening.Refused.Why.INVALID))
                .hasMessageContaining("say why the case is opened");
        assertThatThrownBy(() -> CaseOpening.open(store, "E2", null, null, "x".repeat(CaseRules.REASON_MAX + 1), "dana"))
                .hasMessageContaining("at most 2000");
        assertThatThrownBy(() -> CaseOpening.open(store, "E2", "contractor", null, "A tip.", "dana"))
                .hasMessageContaining("'contractor' is not a kind of person");
        assertThatThrownBy(() -> CaseOpening.open(store, "Sam Lee the third", null, "Sam", "A tip.", "dana"))
                .satisfies(t -> assertThat(why(t)).isEqualTo(CaseOpening.Refused.Why.INVALID))
                .hasMessageContaining("is not an id");
        assertThat(store.cases(List.of())).as("nothing opened by a refusal").hasSize(1);
    }

    @Test
    void someoneNoReportLists_isOpenedOnTheTipAlone_andAScanThatFindsSomethingAddsIt() throws Exception {
        CaseSummary c = CaseOpening.open(store, "E7", null, "Dee Moss", "HR: camera never on.", "dana");
        assertThat(c.name()).isEqualTo("Dee Moss");
        assertThat(c.score()).isZero();
        assertThat(c.signals()).isZero();
        assertThat(store.caseFile(c.id()).orElseThrow().history()).singleElement().satisfies(h -> assertThat(h.detail())
                .isEqualTo("Opened by hand: HR: camera never on. No saved scan has findings on them. (scan " + scan + ")"));

        Report later = ReportJson.read(Files.writeString(dir.resolve("later.json"), REPORT.replace("\"E1\"", "\"E7\"")
                .replace("\"worker:E1\"", "\"worker:E7\"")));
        store.save(ReportRecords.scanInfo(later), ReportRecords.assessments(later), CaseRules.defaults(), "ci");
        CaseFile f = store.caseFile(c.id()).orElseThrow();
        assertThat(f.signals()).extracting(s -> s.detector()).containsExactly("access.shared-source-ip");
        assertThat(f.summary().name()).as("the name HR records").isEqualTo("Sam Lee");
        assertThat(f.hireDate()).isEqualTo("2019-01-07");
    }

    @Test
    void aClearedPersonIsForgottenFromTheCasePage_afterTickingThatItIsFinal() throws Exception {
        CaseSummary c = CaseOpening.open(store, "E2", null, null, "A tip.", "dana");
        store.putAnalyst("dana", Passwords.hash(ConsoleTest.PASSWORD));
        Javalin app = Console.create(store, "test").start("127.0.0.1", 0);
        try {
            ConsoleTest.Browser b = new ConsoleTest.Browser("http://127.0.0.1:" + app.port());
            b.signIn("dana", ConsoleTest.PASSWORD);
            String path = "/cases/" + c.id();
            assertThat(b.get(path).body()).as("open: nothing to forget").doesNotContain("Forget this person");
            store.update(c.id(), new dev.unravel.store.StoredCases.CaseChange(dev.unravel.core.cases.CaseStatus.CLOSED,
                    dev.unravel.core.cases.Disposition.BENIGN, null, "Manager confirms."), "dana");
            assertThat(b.get(path).body()).contains("<summary>Forget this person</summary>");
            String token = b.token(path);
            HttpResponse<String> unticked = b.post(path + "/forget", form("csrf", token, "reason", "Policy HR-12."));
            assertThat(unticked.statusCode()).isEqualTo(400);
            assertThat(unticked.body()).contains("Tick that forgetting cannot be undone");
            assertThat(b.post(path + "/forget", form("csrf", token, "reason", "Policy HR-12.", "confirm", "1"))
                    .statusCode()).isEqualTo(302);
            String page = b.get(path).body();
            assertThat(page).contains("a forgotten worker", "The person of this case was forgotten",
                    "Reason: Policy HR-12.").doesNotContain("Sam Lee", "<form class=\"update\"")
                    // the id as a word: a page's random CSRF token may hold the letters "E2"
                    .doesNotContainPattern("(?<![A-Za-z0-9_-])E2(?![A-Za-z0-9_-])");
            assertThat(b.get(path + "/evidence").statusCode()).isEqualTo(404);
            assertThat(store.report(scan).orElseThrow()).doesNotContain("\"E2\"").contains("\"E3\"");
        } finally {
            app.stop();
        }
    }

    @Test
    void theCaseListMarksTheCasesAnAnalystHasNotOpened_andThoseChangedSince() throws Exception {
        CaseOpening.open(store, "E2", null, null, "A tip.", "lee");
        store.putAnalyst("dana", Passwords.hash(ConsoleTest.PASSWORD));
        Javalin app = Console.create(store, "test").start("127.0.0.1", 0);
        try {
            ConsoleTest.Browser b = new ConsoleTest.Browser("http://127.0.0.1:" + app.port());
            b.signIn("dana", ConsoleTest.PASSWORD);
            assertThat(b.get("/cases").body()).contains("2 you have not opened.",
                    "<a href=\"/cases/1\">1</a> <span class=\"new\" title=\"You have not opened it\">new</span>");
            b.get("/cases/1");
            b.get("/cases/2/brief");
            String list = b.get("/cases").body();
            assertThat(list).doesNotContain("you have not opened", "class=\"new\"");
            store.update(1, new dev.unravel.store.StoredCases.CaseChange(null, null, null, "Asked HR for the I-9."),
                    "lee");
            assertThat(b.get("/cases").body()).contains("1 changed since you last opened it.",
                    "<a href=\"/cases/1\">1</a> <span class=\"new\" title=\"Changed since you last opened it, ")
                    .doesNotContain("<a href=\"/cases/2\">2</a> <span");
        } finally {
            app.stop();
        }
    }

    @Test
    void theConsolesFormAndTheApi_openACase_andRefuseWithTheReason() throws Exception {
        store.putAnalyst("dana", Passwords.hash(ConsoleTest.PASSWORD));
        store.putAnalyst("hr.pat", Passwords.hash(ConsoleTest.PASSWORD), Store.AnalystRole.VIEWER);
        List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer hook = CaseNoticeTest.hook(200, bodies);
        Javalin app = Console.create(store, "test", Console.Setup.casesOnly().notices(new CaseNotice.Hook(
                CaseNotice.webhook("http://127.0.0.1:" + hook.getAddress().getPort() + "/services/T0/B1/secret"),
                "https://unravel.corp.example", said::add))).start("127.0.0.1", 0);
        try {
            String base = "http://127.0.0.1:" + app.port();
            ConsoleTest.Browser b = new ConsoleTest.Browser(base);
            b.signIn("dana", ConsoleTest.PASSWORD);
            String list = b.get("/cases").body();
            assertThat(list).contains("<summary>Open a case by hand</summary>", "<form class=\"update\" method=\"post\" "
                    + "action=\"/cases\">");
            String token = b.token("/cases");
            assertThat(b.post("/cases", form("who", "E2", "reason", "A tip.")).statusCode()).as("no CSRF token")
                    .isEqualTo(403);

            HttpResponse<String> opened = b.post("/cases", form("csrf", token, "who", "E2", "kind", "", "name", "",
                    "reason", "Manager: <b>two people</b>."));
            assertThat(opened.statusCode()).isEqualTo(302);
            String where = opened.headers().firstValue("Location").orElseThrow();
            assertThat(where).matches("/cases/\\d+");
            assertThat(b.get(where).body()).contains("by dana (by hand, from scan " + scan + ")",
                    "Opened by hand: Manager: &lt;b&gt;two people&lt;/b&gt;.").doesNotContain("<b>two people");
            assertThat(store.accessLog("dana", 2)).extracting(Store.AccessEntry::action).containsExactly("case",
                    "open-case"); // newest first: the page after the opening

            HttpResponse<String> exists = b.post("/cases", form("csrf", token, "who", "E3", "reason", "Another tip."));
            assertThat(exists.statusCode()).isEqualTo(409);
            assertThat(exists.body()).contains("has case 1 already", "<a href=\"/cases/1\">Case 1</a>",
                    "<details id=\"open\" open>", "Another tip.</textarea>");

            ConsoleTest.Browser viewer = new ConsoleTest.Browser(base);
            viewer.signIn("hr.pat", ConsoleTest.PASSWORD);
            assertThat(viewer.get("/cases").body()).doesNotContain("Open a case by hand");
            assertThat(viewer.post("/cases", form("csrf", viewer.token("/cases"), "who", "A1", "reason", "x"))
                    .statusCode()).isEqualTo(403);

            String apiToken = ApiTokens.newToken();
            store.addToken("dana", ApiTokens.hash(apiToken), "hr-system");
            HttpClient http = HttpClient.newHttpClient();
            java.util.function.Function<String, HttpResponse<String>> post = body -> {
                try {
                    return http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases")).header("Authorization",
                            "Bearer " + apiToken).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            };
            HttpResponse<String> created = post.apply("{\"person\": \"Kim Park\", \"kind\": \"applicant\", "
                    + "\"reason\": \"Ticket HR-7: a different voice on the second interview.\"}");
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).contains("\"person_id\" : \"A1\"", "\"opened_by\" : \"dana\"", "\"checks\"");
            HttpResponse<String> again = post.apply("{\"person\": \"A1\", \"reason\": \"Again.\"}");
            assertThat(again.statusCode()).isEqualTo(409);
            assertThat(again.body()).containsPattern("\"case\" ?: ?\\d+");
            assertThat(post.apply("{\"person\": \"E99\", \"reason\": \"x\"}").statusCode()).isEqualTo(404);
            assertThat(post.apply("{\"person\": \"E99\", \"name\": \"Dee Moss\", \"reason\": \"x\"}").statusCode())
                    .isEqualTo(201);
            assertThat(post.apply("{\"who\": \"E1\"}").body()).contains("unknown key 'who'");
            assertThat(post.apply("{\"person\": 7, \"reason\": \"x\"}").body()).contains("'person' must be a string");
            assertThat(post.apply("[").statusCode()).isEqualTo(400);

            long until = System.nanoTime() + 10_000_000_000L;
            while (said.size() < 3 && System.nanoTime() < until) {
                Thread.sleep(20);
            }
            assertThat(said).as("the webhook told of the three cases opened, not of those refused").hasSize(3)
                    .allSatisfy(line -> assertThat(line).startsWith("Told http://127.0.0.1:"));
            assertThat(bodies).hasSize(3).allSatisfy(body -> assertThat(body).contains("opened by hand by dana",
                    "https://unravel.corp.example/cases/"));
            assertThat(bodies).anySatisfy(body -> assertThat(body).contains("Reason: Ticket HR-7"));
        } finally {
            app.stop();
            hook.stop(0);
        }
    }
}
