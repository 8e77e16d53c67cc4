package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.cases.Assessment;
import dev.unravel.core.cases.Assessment.Finding;
import dev.unravel.core.cases.CaseRules;
import dev.unravel.store.Store;
import dev.unravel.store.StoredCases.ScanInfo;
import io.javalin.Javalin;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console over HTTP, as a browser and as an attacker would use it. */
class ConsoleTest {

    static final String PASSWORD = "correct horse battery";

    @TempDir
    static Path dir;
    static Store store;
    static Javalin app;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        store = Store.open(dir.resolve("store").toString());
        store.putAnalyst("dana", Passwords.hash(PASSWORD));
        store.putAnalyst("lee", Passwords.hash(PASSWORD));
        store.putAnalyst("sam", Passwords.hash(PASSWORD));
        Finding hostile = new Finding("2026-03-10T00:25:26Z", "access.shared-source-ip", "access", "T1133", 0.6,
                "ip:185.242.5.85", "Signed in from <script>alert('x')</script> 185.242.5.85.",
                List.of("okta/system-log-2026-03-10.ndjson#8"), "NWL-MBP-10513 (per osquery)");
        Finding farm = new Finding("2026-02-22T18:53:19Z", "onboard.laptop-farm", "onboard", null, 0.7,
                "worker:E100514", "Laptops for 3 people went to one building.", List.of("assets/shipments.csv#374"),
                null);
        store.save(new ScanInfo("2026-04-01T00:00:00Z", "test", List.of("exports/"), "2026-03-01T00:00:00Z",
                "2026-03-31T00:00:00Z", 10, 10, 0, minimalReport()), List.of(
                        new Assessment("E100514", "worker", "Shirley <i>Watson</i>", 0.97, "critical",
                                List.of("onboard", "access"), List.of(hostile, farm), "2026-02-23", null)),
                CaseRules.defaults(), "ci");
        app = Console.create(store, "test").start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
    }

    static String minimalReport() {
        return "{\"schema\":\"unravel.report/1\",\"generated_at\":\"2026-04-01T00:00:00Z\",\"inputs\":[\"exports/\"],"
                + "\"ingest\":{\"files\":1,\"records\":10,\"events\":10,\"quarantined\":0,\"by_format\":{},"
                + "\"problems\":[]},\"detectors\":[{\"id\":\"onboard.laptop-farm\",\"events\":10,\"signals\":1},"
                + "{\"id\":\"control.ip-kvm\",\"events\":0,\"signals\":0}],\"workers_scanned\":1,\"levels\":{},\"workers\":[],"
                + "\"applicants\":[],\"clusters\":[],\"unresolved\":[]}";
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

    /** A browser: its own cookies, redirects not followed so that they can be checked. */
    static final class Browser {
        final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
        final HttpClient http;
        /** The console's address. */
        final String root;
        /** Headers sent with every request (a reverse proxy's, say). */
        final Map<String, String> headers = new LinkedHashMap<>();

        Browser() {
            this(base);
        }

        Browser(String root) {
            this(root, null);
        }

        /** A browser that trusts the certificates {@code tls} trusts (null: the JDK's). */
        Browser(String root, javax.net.ssl.SSLContext tls) {
            this.root = root;
            HttpClient.Builder b = HttpClient.newBuilder().cookieHandler(cookies)
                    .followRedirects(HttpClient.Redirect.NEVER);
            this.http = (tls == null ? b : b.sslContext(tls)).build();
        }

        HttpResponse<String> get(String path) throws Exception {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(root + path));
            headers.forEach(r::header);
            return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws Exception {
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(root + path));
            headers.forEach(r::header);
            return http.send(r.header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        String token(String path) throws Exception {
            Matcher m = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(get(path).body());
            assertThat(m.find()).as("a CSRF token on " + path).isTrue();
            return m.group(1);
        }

        HttpResponse<String> signIn(String name, String password) throws Exception {
            return post("/login", form("csrf", token("/login"), "name", name, "password", password));
        }

        String session() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("unravel_session"))
                    .map(java.net.HttpCookie::getValue).findFirst().orElse(null);
        }
    }

    static Map<String, String> form(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void everythingButSigningInNeedsASession_andSigningInMakesANewOne() throws Exception {
        Browser b = new Browser();
        HttpResponse<String> cases = b.get("/cases");
        assertThat(cases.statusCode()).isEqualTo(302);
        assertThat(cases.headers().firstValue("Location")).contains("/login");
        assertThat(b.get("/api/cases").statusCode()).isEqualTo(401);
        assertThat(b.get("/scans/1/report").statusCode()).isEqualTo(302);

        HttpResponse<String> login = b.get("/login");
        assertThat(login.headers().allValues("Set-Cookie")).anySatisfy(c -> assertThat(c)
                .startsWith("unravel_session=").contains("HttpOnly").contains("SameSite=Strict"));
        assertThat(login.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("default-src 'none'")
                .contains("frame-ancestors 'none'").doesNotContain("script-src");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).contains("nosniff");

        HttpResponse<String> wrong = b.signIn("dana", "not the password");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("Wrong name or password.");
        assertThat(b.signIn("nobody", PASSWORD).body()).contains("Wrong name or password.");

        String before = b.session();
        HttpResponse<String> in = b.signIn("dana", PASSWORD);
        assertThat(in.statusCode()).isEqualTo(302);
        assertThat(in.headers().firstValue("Location")).contains("/cases");
        assertThat(b.session()).as("a new session id on signing in").isNotNull().isNotEqualTo(before);

        HttpResponse<String> list = b.get("/cases?status=all"); // another test may have closed the case
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains("Signed in as dana", "Shirley &lt;i&gt;Watson&lt;/i&gt; (worker E100514)",
                "critical").doesNotContain("<i>Watson");

        assertThat(b.post("/logout", form("csrf", b.token("/cases"))).statusCode()).isEqualTo(302);
        assertThat(b.get("/cases").statusCode()).isEqualTo(302);
    }

    @Test
    void theSearchBoxFindsACaseByNumberNameIdOrAssignee_andKeepsTheStatusFilter() throws Exception {
        Browser b = new Browser();
        b.signIn("dana", PASSWORD);
        assertThat(b.get("/cases?status=all&q=WATSON").body()).containsPattern("1 of \\d+ all cases match “WATSON”")
                .contains(
                "<a href=\"/cases/1\">1</a>", "<a href=\"/cases?status=closed&amp;q=WATSON\">closed</a>",
                "name=\"q\" type=\"search\" value=\"WATSON\"");
        assertThat(b.get("/cases?status=all&q=%231").body()).contains("<a href=\"/cases/1\">1</a>");
        assertThat(b.get("/cases?status=all&q=e100514").body()).contains("<a href=\"/cases/1\">1</a>");
        String none = b.get("/cases?status=all&q=%3Cscript%3Ealert(1)%3C/script%3E").body();
        assertThat(none).containsPattern("0 of \\d+ all cases match “&lt;script&gt;alert\\(1\\)&lt;/script&gt;”")
                .contains("No cases here.")
                .doesNotContain("<script>alert(1)");
        assertThat(b.get("/api/cases?status=all&q=watson").body()).contains("\"case\" : 1");
        assertThat(b.get("/api/cases?status=all&q=12345").body().strip()).isEqualTo("[ ]");
        // only the cases with a step that cannot wait: the sample's laptop farm calls for none
        assertThat(b.get("/cases?status=all&urgent=1").body()).contains("No cases here.", "urgent only ✕",
                "<input type=\"hidden\" name=\"urgent\" value=\"1\">");
        assertThat(b.get("/api/cases?status=all&urgent=1").body().strip()).isEqualTo("[ ]");
        assertThat(b.get("/cases?status=all").body()).contains("<a href=\"/cases/1\">1</a>",
                "<a href=\"/cases?status=all&amp;urgent=1\">urgent only</a>");
        // the last scan read no event any control detector looks at: said where the cases are listed
        assertThat(b.get("/cases").body()).contains("It could not see control: no detector of that stage read an "
                + "event it looks at", "<a href=\"/scans/1/report#unseen\">What each needs</a>");
    }

    @Test
    void anAnalystWorksACase_throughTheFormWithItsToken_andTheHistorySaysWho() throws Exception {
        Browser b = new Browser();
        b.signIn("lee", PASSWORD);
        String page = b.get("/cases/1").body();
        assertThat(page).contains("Case 1: Shirley &lt;i&gt;Watson&lt;/i&gt;", "What the records show",
                "Signed in from &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", "Tied to this person through",
                "Brief for HR and legal").doesNotContain("<script>alert");
        // the findings over time come first, the hire date marked, then the same in words
        assertThat(page).containsSubsequence("<h2>Over time</h2>", "<svg class=\"scheme-timeline\"", ">hired 2026-02-23<",
                "counted from the hire date (2026-02-23): onboard 1 day before, access 15 days after.",
                "What the records show");
        String token = b.token("/cases/1");

        // a step of what to check next, marked done and the mark taken back, each in the history
        String step = dev.unravel.engine.report.NextChecks.builtIn().forFindings(store.caseFile(1).orElseThrow().signals())
                .get(0).key();
        assertThat(page).contains("<input type=\"hidden\" name=\"step\" value=\"" + step + "\">", "Mark done");
        assertThat(b.post("/cases/1/steps", form("step", step, "done", "1")).statusCode()).as("no token").isEqualTo(403);
        HttpResponse<String> marked = b.post("/cases/1/steps", form("csrf", token, "step", step, "done", "1"));
        assertThat(marked.statusCode()).isEqualTo(302);
        assertThat(marked.headers().firstValue("Location")).contains("/cases/1#checks");
        assertThat(b.get("/cases/1").body()).contains("<li class=\"done\"><span class=\"team\">Legal</span>",
                "✓ done, lee, ", "1 of ", " marked done.", "Not done", "<td>lee</td><td>step</td><td>Done: Legal: Agree");
        assertThat(b.get("/api/cases/1").body()).contains("\"done_by\" : \"lee\"");
        HttpResponse<String> stale = b.post("/cases/1/steps", form("csrf", token, "step", "0123456789abcdef",
                "done", "1"));
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(stale.body()).contains("That step is not among this case");
        assertThat(b.post("/cases/1/steps", form("csrf", token, "step", step, "done", "0")).statusCode())
                .isEqualTo(302);
        assertThat(b.get("/cases/1").body()).doesNotContain("✓ done").contains("Not done after all: Legal: Agree");

        assertThat(b.post("/cases/1", form("status", "escalated")).statusCode()).as("no token").isEqualTo(403);
        assertThat(b.post("/cases/1", form("csrf", "forged", "status", "escalated")).statusCode()).isEqualTo(403);
        Browser other = new Browser();
        other.signIn("sam", PASSWORD);
        assertThat(other.post("/cases/1", form("csrf", token, "status", "escalated")).statusCode())
                .as("another session's token").isEqualTo(403);

        HttpResponse<String> refused = b.post("/cases/1", form("csrf", token, "status", "closed", "disposition", "",
                "assignee", "", "note", ""));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("closing case 1 needs a disposition");

        HttpResponse<String> saved = b.post("/cases/1", form("csrf", token, "status", "closed", "disposition", "fraud",
                "assignee", "lee", "note", "Laptop found at a farm <b>in Brooklyn</b>."));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(saved.headers().firstValue("Location")).contains("/cases/1");
        String after = b.get("/cases/1").body();
        assertThat(after).contains("closed (fraud)", "assigned to lee", "<td>lee</td><td>status</td><td>open → closed "
                + "(fraud)</td>", "Laptop found at a farm &lt;b&gt;in Brooklyn&lt;/b&gt;.");

        String json = b.get("/api/cases/1").body();
        assertThat(json).contains("\"status\" : \"closed\"", "\"disposition\" : \"fraud\"", "\"actor\" : \"lee\"");
        assertThat(b.get("/api/cases?status=closed").body()).contains("\"case\" : 1");
        assertThat(b.get("/api/cases?status=done").statusCode()).isEqualTo(400);
        assertThat(b.get("/api/scans").body()).contains("\"scan\" : 1", "\"saved_by\" : \"ci\"");

        HttpResponse<String> brief = b.get("/cases/1/brief");
        assertThat(brief.body()).contains("<h1>Case 1: ", "decided <strong>fraud</strong>", "by lee with Unravel test");

        HttpResponse<String> report = b.get("/scans/1/report");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.headers().firstValue("Content-Security-Policy").orElseThrow())
                .startsWith("sandbox allow-scripts");
        assertThat(b.get("/scans").body()).contains("/scans/1/report", "exports/");

        assertThat(store.accessLog("lee", 50)).extracting(e -> e.action() + (e.target() == null ? "" : " " + e.target()))
                .contains("sign-in", "case case 1", "update case 1", "api-case case 1", "brief case 1",
                        "report scan 1");
        assertThat(store.accessLog("lee", 1).get(0).address()).isEqualTo("127.0.0.1");

        assertThat(b.get("/cases/999").statusCode()).isEqualTo(404);
        assertThat(b.get("/cases/abc").statusCode()).isEqualTo(404);
        assertThat(b.get("/api/cases/999").body()).contains("\"error\"");
    }

    @Test
    void anAnalystAsksForAScanNow_fromTheScansPageOrTheApi_whenTheConsoleRunsScheduledScans() throws Exception {
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        Javalin scanning = Console.create(store, "test", Console.Setup.casesOnly().scanNow(who -> {
            asked.add(who);
            return "A scan will run next.";
        })).start("127.0.0.1", 0);
        try {
            String root = "http://127.0.0.1:" + scanning.port();
            Browser b = new Browser(root);
            b.signIn("sam", PASSWORD);
            assertThat(b.get("/scans").body()).contains("Scan now");
            HttpResponse<String> run = b.post("/scans/run", form("csrf", b.token("/scans")));
            assertThat(run.statusCode()).isEqualTo(302);
            assertThat(run.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).startsWith("/scans?asked="));
            assertThat(b.get(run.headers().firstValue("Location").orElseThrow()).body())
                    .contains("<p class=\"notice\" role=\"status\">A scan will run next.</p>");
            assertThat(b.post("/scans/run", form("csrf", "forged")).statusCode()).as("CSRF").isEqualTo(403);

            String token = ApiTokens.newToken();
            store.addToken("sam", ApiTokens.hash(token), "soar");
            HttpResponse<String> api = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(root
                    + "/api/scans/run")).header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers
                    .noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(api.statusCode()).isEqualTo(202);
            assertThat(api.body()).contains("A scan will run next.");
            assertThat(asked).containsExactly("sam", "sam");
            assertThat(store.accessLog("sam", 1).get(0).action()).isEqualTo("scan-asked");
        } finally {
            scanning.stop();
        }
        Browser plain = new Browser();
        plain.signIn("sam", PASSWORD);
        assertThat(plain.get("/scans").body()).doesNotContain("Scan now");
        assertThat(plain.post("/scans/run", form("csrf", plain.token("/scans"))).statusCode()).isEqualTo(404);
    }

    @Test
    void anotherToolUsesTheApiWithAToken_whichCanBeRevoked_andCookiesCannotWriteThroughIt() throws Exception {
        String token = ApiTokens.newToken();
        assertThat(token).startsWith("unr_").hasSize(4 + 43);
        long id = store.addToken("dana", ApiTokens.hash(token), "soar");
        HttpClient http = HttpClient.newHttpClient();
        java.util.function.BiFunction<String, String, HttpResponse<String>> call = (path, body) -> {
            HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization",
                    "Bearer " + token);
            r = body == null ? r.GET() : r.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            try {
                return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        assertThat(call.apply("/api/cases?status=all", null).body()).contains("\"person_id\" : \"E100514\"");

        HttpResponse<String> noted = call.apply("/api/cases/1", "{\"note\": \"Ticket INC-42 opened by SOAR.\"}");
        assertThat(noted.statusCode()).as(noted.body()).isEqualTo(200);
        assertThat(noted.body()).contains("\"case\" : 1");
        assertThat(store.caseFile(1).orElseThrow().history()).last().satisfies(h -> {
            assertThat(h.actor()).isEqualTo("dana");
            assertThat(h.detail()).isEqualTo("Ticket INC-42 opened by SOAR.");
        });
        assertThat(store.accessLog("dana", 1).get(0).action()).isEqualTo("api-update");

        assertThat(call.apply("/api/cases/1", "{\"colour\": \"red\"}").body()).contains("unknown key 'colour'");
        assertThat(call.apply("/api/cases/1", "not json").statusCode()).isEqualTo(400);
        assertThat(call.apply("/api/cases/1", "{\"status\": 3}").body()).contains("'status' must be a string");
        assertThat(call.apply("/api/cases/999", "{\"note\": \"x\"}").statusCode()).isEqualTo(404);

        // a playbook shares an escalated case with legal, and stops
        store.putAnalyst("legal.kim", Passwords.hash(PASSWORD), Store.AnalystRole.VIEWER);
        HttpResponse<String> shared = call.apply("/api/cases/1", "{\"share\": [\"legal.kim\"]}");
        assertThat(shared.statusCode()).as(shared.body()).isEqualTo(200);
        assertThat(shared.body()).containsPattern("\"shared_with\" ?: ?\\[ ?\"legal.kim\" ?]");
        assertThat(call.apply("/api/cases/1", null).body()).containsPattern("\"shared_with\" ?: ?\\[ ?\"legal.kim\"");
        assertThat(store.mayRead("legal.kim", 1)).isTrue();
        HttpResponse<String> notViewer = call.apply("/api/cases/1", "{\"share\": \"lee\", \"note\": \"not kept\"}");
        assertThat(notViewer.statusCode()).isEqualTo(400);
        assertThat(notViewer.body()).contains("cannot share case 1 with lee");
        assertThat(store.caseFile(1).orElseThrow().history()).as("nothing changed").noneSatisfy(h -> assertThat(
                h.detail()).isEqualTo("not kept"));
        assertThat(call.apply("/api/cases/1", "{\"unshare\": \"legal.kim\"}").body())
                .containsPattern("\"shared_with\" ?: ?\\[ ?]");
        assertThat(call.apply("/api/cases/1", "{}").body()).contains("nothing to change");
        store.removeAnalyst("legal.kim");

        Browser b = new Browser();
        b.signIn("dana", PASSWORD);
        HttpResponse<String> byCookie = b.http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases/1"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"note\": \"forged\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(byCookie.statusCode()).as("a session alone cannot write through the API").isEqualTo(403);

        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/cases"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as("a token opens the API, not the console").isEqualTo(302);

        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases")).header("Authorization",
                "Bearer unr_made-up").build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        store.revokeToken(id);
        assertThat(call.apply("/api/cases", null).statusCode()).isEqualTo(401);
    }

    @Test
    void theAccessLogPage_showsWhatPeopleDid_withoutTheShippersUnlessAsked_andNotToViewers() throws Exception {
        Browser b = new Browser();
        b.signIn("sam", PASSWORD);
        store.logAccess("shipper", "10.0.0.7", "ingest", "okta batch 41 (fluent-bit, HTTP)");
        store.logAccess("sam", "10.0.0.8", "case", "<script>x</script>");
        String page = b.get("/access").body();
        assertThat(page).contains("<h1>Access log</h1>", "<td>sam</td>", "<td>sign-in</td>",
                "&lt;script&gt;x&lt;/script&gt;").doesNotContain("okta batch 41", "<script>x");
        assertThat(b.get("/access?ingest=1").body()).contains("okta batch 41");
        assertThat(b.get("/access?analyst=shipper").body()).contains("No entries for shipper.");
        assertThat(b.get("/access?analyst=sam").body()).doesNotContain("<td>dana</td>");
        assertThat(store.accessLog("sam", 1).get(0).action()).isEqualTo("access-log");

        store.putAnalyst("hr.lou", Passwords.hash(PASSWORD), Store.AnalystRole.VIEWER);
        Browser viewer = new Browser();
        viewer.signIn("hr.lou", PASSWORD);
        HttpResponse<String> refused = viewer.get("/access");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("hr.lou is a viewer", "the access log take the analyst role");
        store.removeAnalyst("hr.lou");
    }

    @Test
    void aViewerReadsTheCasesSharedWithThem_theirBriefsAndApi_butChangesNothing_untilMadeAnAnalyst() throws Exception {
        store.putAnalyst("hr.pat", Passwords.hash(PASSWORD), Store.AnalystRole.VIEWER);
        Browser b = new Browser();
        assertThat(b.signIn("hr.pat", PASSWORD).statusCode()).isEqualTo(302);
        // nothing shared yet: no case, and none of the pages about everyone
        assertThat(b.get("/cases?status=all").body()).contains("Cases shared with you",
                "No case has been shared with you").doesNotContain("href=\"/cases/1\"", "href=\"/scans\"",
                        "Last scan");
        for (String path : List.of("/cases/1", "/cases/1/brief", "/cases/1/record?ref=assets%2Fshipments.csv%23374")) {
            HttpResponse<String> hidden = b.get(path);
            assertThat(hidden.statusCode()).as(path).isEqualTo(404);
            assertThat(hidden.body()).as(path).contains("There is no case 1 shared with you");
        }
        for (String path : List.of("/scans", "/scans/1/report", "/sources", "/access", "/api/scans", "/api/sources")) {
            assertThat(b.get(path).statusCode()).as(path).isEqualTo(403);
        }

        // an analyst shares it from the case's page; the history says who and when
        Browser dana = new Browser();
        dana.signIn("dana", PASSWORD);
        String danaPage = dana.get("/cases/1").body();
        assertThat(danaPage).contains("<h2>Shared with</h2>", "No viewer: only analysts read this case",
                "<option value=\"hr.pat\">hr.pat</option>");
        assertThat(dana.post("/cases/1/share", form("csrf", dana.token("/cases/1"), "viewer", "hr.pat")).statusCode())
                .isEqualTo(302);
        assertThat(dana.get("/cases/1").body()).contains("<table id=\"shared\"><tr><th>Viewer</th>", "<td>hr.pat</td>",
                "Stop sharing", "Shared with hr.pat, who may now read it");
        HttpResponse<String> analystRefused = dana.post("/cases/1/share", form("csrf", dana.token("/cases/1"),
                "viewer", "lee"));
        assertThat(analystRefused.statusCode()).isEqualTo(400);
        assertThat(analystRefused.body()).contains("lee is an analyst and reads every case");
        assertThat(store.accessLog("dana", 5)).anySatisfy(a -> assertThat(a.action() + " " + a.target())
                .isEqualTo("share case 1 with hr.pat"));

        assertThat(b.get("/cases").body()).as("a viewer's list shows decided cases too, by default")
                .contains("href=\"/cases/1\"", "class=\"on\">all<");
        String page = b.get("/cases/1").body();
        assertThat(page).contains("Case 1: ", "You read this case as a viewer; analysts change it.",
                "Signed in as hr.pat (viewer)",
                "What the records show").doesNotContain("form class=\"update\"");
        assertThat(b.get("/cases/1/brief").statusCode()).isEqualTo(200);
        String token = b.token("/cases");
        HttpResponse<String> refused = b.post("/cases/1", form("csrf", token, "note", "HR was here."));
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("hr.pat is a viewer");
        assertThat(b.post("/scans/run", form("csrf", token)).statusCode()).isEqualTo(403);
        assertThat(store.caseFile(1).orElseThrow().history()).noneSatisfy(h -> assertThat(h.detail())
                .contains("HR was here."));
        assertThat(page).as("a viewer reads the steps but marks none").contains("What to check next")
                .doesNotContain("Mark done");
        String anyStep = dev.unravel.engine.report.NextChecks.builtIn().forFindings(store.caseFile(1).orElseThrow()
                .signals()).get(0).key();
        assertThat(b.post("/cases/1/steps", form("csrf", token, "step", anyStep, "done", "1")).statusCode())
                .isEqualTo(403);
        assertThat(store.stepsDone(1)).isEmpty();

        String apiToken = ApiTokens.newToken();
        store.addToken("hr.pat", ApiTokens.hash(apiToken), "reports");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> listed = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases?status=all"))
                .header("Authorization", "Bearer " + apiToken).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).containsPattern("\"case\" ?: ?1,");
        HttpResponse<String> apiWrite = http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases/1"))
                .header("Authorization", "Bearer " + apiToken).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"note\": \"by token\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(apiWrite.statusCode()).isEqualTo(403);

        // no longer shared: gone at the next request
        assertThat(dana.post("/cases/1/unshare", form("csrf", dana.token("/cases/1"), "viewer", "hr.pat"))
                .statusCode()).isEqualTo(302);
        assertThat(b.get("/cases/1").statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/cases?status=all"))
                .header("Authorization", "Bearer " + apiToken).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualToIgnoringWhitespace("[]");

        store.setAnalystRole("hr.pat", Store.AnalystRole.ANALYST);
        assertThat(b.get("/cases/1").body()).as("at the next request").contains("form class=\"update\"");
        assertThat(b.post("/cases/1", form("csrf", b.token("/cases/1"), "note", "Now an analyst.")).statusCode())
                .isEqualTo(302);
        store.removeAnalyst("hr.pat");
    }

    @Test
    void aNewPasswordOrTheAnalystsRemoval_endsTheSessionsSignedInBefore() throws Exception {
        store.putAnalyst("kim", Passwords.hash(PASSWORD));
        Browser before = new Browser();
        before.signIn("kim", PASSWORD);
        assertThat(before.get("/cases").statusCode()).isEqualTo(200);

        store.putAnalyst("kim", Passwords.hash("a brand new password"));
        assertThat(before.get("/cases").statusCode()).as("signed in with the old password").isEqualTo(302);
        assertThat(before.get("/api/cases").statusCode()).isEqualTo(401);

        Browser after = new Browser();
        assertThat(after.signIn("kim", "a brand new password").statusCode()).isEqualTo(302);
        assertThat(after.get("/cases").statusCode()).isEqualTo(200);
        store.removeAnalyst("kim");
        assertThat(after.get("/cases").statusCode()).as("removed").isEqualTo(302);
        assertThat(new Browser().signIn("kim", "a brand new password").statusCode()).isEqualTo(401);
    }

    @Test
    void guessingAPassword_isStoppedAfterFiveFailures_evenWithTheRightOneNext() throws Exception {
        Browser b = new Browser();
        store.putAnalyst("target", Passwords.hash(PASSWORD));
        for (int i = 0; i < LoginThrottle.FAILURES; i++) {
            assertThat(b.signIn("target", "guess " + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> blocked = b.signIn("Target", PASSWORD);
        assertThat(blocked.statusCode()).isEqualTo(429);
        assertThat(blocked.body()).contains("Too many failed sign-ins for Target: try again in 15 minutes.");
        assertThat(new Browser().signIn("dana", PASSWORD).statusCode()).as("other names are not held up")
                .isEqualTo(302);
        assertThat(store.accessLog("Target", 1)).extracting(Store.AccessEntry::action).containsExactly("sign-in-held");
        assertThat(store.accessLog("target", 10)).extracting(Store.AccessEntry::action).containsOnly("sign-in-failed")
                .hasSize(LoginThrottle.FAILURES);
    }
}
