package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scan saves to the store and opens cases; cases lists, shows and updates them, as an analyst runs it. */
class CasesCommandTest {

    @TempDir
    static Path dir;
    static Path sim;

    @BeforeAll
    static void simulate() {
        sim = CliRun.smallCompany(dir);
    }

    CliRun scan(String store, String... more) {
        String[] args = {"scan", sim.toString(), "--report", dir.resolve("r.json").toString(), "--quarantine",
            dir.resolve("q.ndjson").toString(), "-q", "--store", store};
        String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return CliRun.run(all);
    }

    @Test
    void theHtmlReportOfAScanThatSavesToAStore_listsTheTeamsSteps() throws Exception {
        String store = dir.resolve("steps-store").toString();
        Path mine = java.nio.file.Files.writeString(dir.resolve("team-steps.yaml"),
                "any:\n  - who: Legal\n    what: Open a matter with Legal (queue INSIDER).\n");
        assertThat(CliRun.run("cases", "checks", "--load", mine.toString(), "--store", store).code()).isZero();
        Path html = dir.resolve("steps.html");
        CliRun scanned = scan(store, "--html", html.toString());
        assertThat(scanned.code()).as(scanned.err()).isZero();
        assertThat(java.nio.file.Files.readString(html)).contains("What to check next: 1 step<",
                "<b>Legal</b>: Open a matter with Legal (queue INSIDER).").doesNotContain("agree the next steps");

        Path own = dir.resolve("own-steps.html");
        assertThat(CliRun.run("scan", sim.toString(), "--report", dir.resolve("r2.json").toString(), "--html",
                own.toString(), "-q", "--no-store").code()).isZero();
        assertThat(java.nio.file.Files.readString(own)).as("without a store, Unravel's own steps")
                .contains("<b>Legal</b>: Agree the next steps with HR and counsel");
    }

    @Test
    void aReportWrittenElsewhereIsImported_andOpensTheCasesAScanWould() throws Exception {
        Path report = dir.resolve("elsewhere.json");
        CliRun written = CliRun.run("scan", sim.toString(), "--report", report.toString(), "--quarantine",
                dir.resolve("q2.ndjson").toString(), "-q", "--no-store");
        assertThat(written.code()).as(written.err()).isZero();
        String store = dir.resolve("import-store").toString();

        CliRun imported = CliRun.run("cases", "import", report.toString(), "--cases-at", "medium", "--store", store);
        assertThat(imported.code()).as(imported.err()).isZero();
        assertThat(imported.out()).contains(report + ": the scan of " + sim).contains(" people scored.")
                .containsPattern("Saved scan 1 to .*import-store in \\d+\\.\\d s\\. Cases: [1-9]\\d* opened")
                .contains("cases open at medium and above");
        CliRun again = CliRun.run("cases", "import", report.toString(), "--cases-at", "medium", "--store", store);
        assertThat(again.out()).contains("Saved scan 2", "Cases: 0 opened, 0 updated, 0 reopened");

        java.nio.file.Files.writeString(dir.resolve("not-a-report.json"), "{\"schema\": \"other/1\"}");
        CliRun wrong = CliRun.run("cases", "import", dir.resolve("not-a-report.json").toString(), "--store", store);
        assertThat(wrong.code()).isEqualTo(2);
        assertThat(wrong.err()).contains("not-a-report.json: not a scan report of schema unravel.report/1 (schema is "
                + "\"other/1\")");
        assertThat(CliRun.run("cases", "import", dir.resolve("missing.json").toString(), "--store", store).err())
                .contains("missing.json: no such file");
    }

    @Test
    void oldScansArePruned_theirRowsAndTheCasesScoresKept() {
        String store = dir.resolve("prune-store").toString();
        assertThat(scan(store).code()).isZero();
        assertThat(scan(store).code()).isZero();

        CliRun pruned = CliRun.run("cases", "prune", "--keep-scans", "1", "--store", store);
        assertThat(pruned.code()).as(pruned.err()).isZero();
        assertThat(pruned.out()).containsPattern("Pruned 1 report and [1-9][\\d,]* scores of people with no case from "
                + "the scans before the last 1\\.");
        assertThat(CliRun.run("cases", "scans", "--store", store).out()).containsPattern("(?m)^ +1 .*\\(report pruned\\)$")
                .doesNotContainPattern("(?m)^ +2 .*\\(report pruned\\)$");
        assertThat(CliRun.run("cases", "show", "1", "--store", store).out()).as("the case keeps both scores")
                .containsPattern("(?s)scan 1.*scan 2");
        assertThat(CliRun.run("cases", "prune", "--keep-scans", "0", "--store", store).err())
                .contains("--keep-scans must be at least 1");
    }

    @Test
    void aScanOpensCases_theSameScanAgainChangesNothing_andAnAnalystWorksOne() {
        String store = dir.resolve("store").toString();
        CliRun first = scan(store);
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).containsPattern("Saved scan 1 to .*store in \\d+\\.\\d s\\. Cases: [1-9]\\d* "
                + "opened, 0 updated, 0 reopened");

        CliRun again = scan(store);
        assertThat(again.out()).contains("Saved scan 2", "Cases: 0 opened, 0 updated, 0 reopened");

        CliRun list = CliRun.run("cases", "list", "--store", store);
        assertThat(list.code()).as(list.err()).isZero();
        assertThat(list.out()).contains("CASE", "critical", "worker", "open").contains("Show one: unravel cases show 1");

        assertThat(CliRun.run("cases", "list", "--find", "#1", "--store", store).out()).containsPattern(
                "(?m)^ +1 +worker").doesNotContainPattern("(?m)^ +2 +worker");
        assertThat(CliRun.run("cases", "list", "--find", "no such person", "--store", store).out())
                .startsWith("No active cases matching 'no such person' in ");
        CliRun listed = CliRun.run("cases", "list", "--json", "--store", store);
        assertThat(listed.out()).startsWith("[ {").contains("\"case\" : 1", "\"status\" : \"open\"",
                "\"signals_held\" : ");

        CliRun take = CliRun.run("cases", "update", "1", "--status", "investigating", "--assignee", "dana", "--note",
                "Asked HR for the I-9.", "--by", "lee", "--store", store);
        assertThat(take.code()).as(take.err()).isZero();
        assertThat(take.out()).contains("Case 1 (", "): investigating, assigned to dana.");

        CliRun refused = CliRun.run("cases", "update", "1", "--status", "closed", "--by", "lee", "--store", store);
        assertThat(refused.code()).isEqualTo(2);
        assertThat(refused.err()).contains("closing case 1 needs a disposition: fraud, benign or inconclusive");
        CliRun badStatus = CliRun.run("cases", "update", "1", "--status", "done", "--store", store);
        assertThat(badStatus.err()).contains("'done' is not a case status; use one of open, investigating, "
                + "escalated, closed");

        CliRun closed = CliRun.run("cases", "update", "1", "--status", "closed", "--disposition", "fraud", "--by",
                "lee", "--store", store);
        assertThat(closed.out()).contains("closed (fraud)");
        assertThat(CliRun.run("cases", "list", "--status", "closed", "--store", store).out())
                .contains("closed fraud");

        try (dev.unravel.store.Store s = dev.unravel.store.Store.open(store)) {
            s.putAnalyst("hr.pat", "$argon2id$x", dev.unravel.store.Store.AnalystRole.VIEWER);
        }
        CliRun shared = CliRun.run("cases", "share", "1", "hr.pat", "--by", "lee", "--store", store);
        assertThat(shared.code()).as(shared.err()).isZero();
        assertThat(shared.out()).contains("Case 1 is now shared with hr.pat.", "Viewers who read it: hr.pat.");
        assertThat(CliRun.run("cases", "share", "1", "hr.pat", "--store", store).out())
                .contains("Case 1 was shared with already: hr.pat.");
        CliRun toAnalyst = CliRun.run("cases", "share", "1", "dana", "--store", store);
        assertThat(toAnalyst.code()).isEqualTo(2);
        assertThat(toAnalyst.err()).contains("there is no viewer dana");
        assertThat(CliRun.run("analysts", "list", "--store", store).out()).containsPattern("hr\\.pat +viewer +case 1");

        CliRun show = CliRun.run("cases", "show", "1", "--store", store);
        assertThat(show.code()).as(show.err()).isZero();
        assertThat(show.out()).containsPattern("Shared: +with hr\\.pat \\(by lee, 20")
                .contains("lee        shared    Shared with hr.pat, who may now read it");
        CliRun unshared = CliRun.run("cases", "unshare", "1", "hr.pat", "--store", store);
        assertThat(unshared.out()).contains("Case 1 is no longer shared with hr.pat.", "Only analysts read it.");
        assertThat(show.out()).contains("Case 1: worker", "Status:   closed (fraud", "assigned to dana",
                "Score in each saved scan:", "scan 1 ", "scan 2 ", "Signals (", "evidence: ", "History:",
                "unravel    opened", "lee        status    open → investigating", "lee        note      Asked HR for "
                        + "the I-9.", "investigating → closed (fraud)");
        // a scan's case knows the hire date from the HR records, and says when each stage began from it
        assertThat(show.out()).containsPattern("Employed: hired 20\\d\\d-\\d\\d-\\d\\d")
                .containsPattern("Timeline: First finding in each stage, counted from the hire date \\(20[^)]+\\): ");
        // what to check next, after the signals: the general step first, each other naming its findings
        assertThat(show.out()).containsSubsequence("Signals (", "What to check next (unravel cases step 1 N marks step N "
                + "done):", "\n  1. Legal: Agree the next steps", "History:")
                .containsPattern("\n +\\d+\\. (HR|IT|Security|Payroll|Manager|Legal)( \\(urgent\\))?: .+ \\[[a-z]+\\.");

        CliRun json = CliRun.run("cases", "show", "1", "--json", "--store", store);
        assertThat(json.code()).as(json.err()).isZero();
        com.fasterxml.jackson.databind.JsonNode c;
        try {
            c = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        } catch (java.io.IOException e) {
            throw new AssertionError(json.out(), e);
        }
        assertThat(c.path("status").asText()).isEqualTo("closed");
        assertThat(c.path("disposition").asText()).isEqualTo("fraud");
        assertThat(c.path("scores").size()).isEqualTo(2);
        assertThat(c.path("signals").get(0).path("evidence").isArray()).isTrue();
        assertThat(c.path("history").get(0).path("at").asText()).endsWith("Z");
        assertThat(c.path("hire_date").asText()).matches("20\\d\\d-\\d\\d-\\d\\d");
        assertThat(c.has("termination_date")).isTrue();
        assertThat(c.path("ties").isArray()).as("who else shares an identifier: a list, maybe empty").isTrue();
        assertThat(c.path("checks").get(0).path("who").asText()).isEqualTo("Legal");
        assertThat(c.path("checks").get(0).path("key").asText()).hasSize(16);
        assertThat(c.path("checks").get(0).path("done_by").isNull()).isTrue();
        CliRun step = CliRun.run("cases", "step", "1", "1", "--by", "lee", "--store", store);
        assertThat(step.out()).startsWith("Case 1, step 1 (Legal: Agree the next steps").endsWith("marked done by lee.\n");
        assertThat(CliRun.run("cases", "show", "1", "--store", store).out()).containsPattern(
                "\n  1\\. Legal: Agree the next steps.* -- done, lee, 20").contains("lee        step      Done: Legal:");
        assertThat(CliRun.run("cases", "step", "1", "1", "--undo", "--store", store).out())
                .endsWith("no longer marked done.\n");
        assertThat(CliRun.run("cases", "step", "1", "999", "--store", store).err()).contains("no step 999");
        CliRun urgentJson = CliRun.run("cases", "list", "--all", "--json", "--store", store);
        assertThat(urgentJson.out()).as("each case lists the teams with urgent steps (none once closed)")
                .contains("\"urgent\" : [ ]");
        assertThat(CliRun.run("cases", "list", "--all", "--store", store).out()).contains("URGENT STEPS FOR");
        com.fasterxml.jackson.databind.JsonNode urgentOnly;
        try {
            urgentOnly = new com.fasterxml.jackson.databind.ObjectMapper().readTree(CliRun.run("cases", "list", "--all",
                    "--urgent", "--json", "--store", store).out());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        int withUrgentSteps = 0;
        try {
            for (com.fasterxml.jackson.databind.JsonNode n : new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    urgentJson.out())) {
                withUrgentSteps += n.path("urgent").size() > 0 ? 1 : 0;
            }
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(urgentOnly).as("--urgent keeps only the cases with a step that cannot wait")
                .hasSize(withUrgentSteps).allSatisfy(n -> assertThat(n.path("urgent").size()).isPositive());
        assertThat(c.path("checks").get(1).path("findings").get(0).asText()).contains(".");

        java.nio.file.Path brief = dir.resolve("case-1.html");
        CliRun briefed = CliRun.run("cases", "brief", "1", "--out", brief.toString(), "--by", "lee", "--store", store);
        assertThat(briefed.code()).as(briefed.err()).isZero();
        assertThat(briefed.out()).contains("Brief of case 1: " + brief);
        try {
            assertThat(java.nio.file.Files.readString(brief)).contains("<h1>Case 1: ", "decided <strong>fraud</strong>",
                    "What the records show", "Asked HR for the I-9.", "<h2>Over time</h2>",
                    "<svg class=\"scheme-timeline\"");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }

        java.nio.file.Path withRecords = dir.resolve("case-1-records.html");
        CliRun appended = CliRun.run("cases", "brief", "1", "--records", "--out", withRecords.toString(), "--store",
                store);
        assertThat(appended.code()).as(appended.err()).isZero();
        assertThat(appended.out()).containsPattern("Brief of case 1: .*case-1-records\\.html \\(with ([1-9]\\d*) of "
                + "\\1 records\\)");
        try {
            assertThat(java.nio.file.Files.readString(withRecords)).contains("<h2>The records</h2>", "<pre>")
                    .doesNotContain("Cannot be shown");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(CliRun.run("cases", "brief", "1", "--mapping", "m.yaml", "--store", store).err())
                .contains("--mapping reads the records of --records");
        assertThat(show.out()).contains("(the record behind any evidence: unravel ingest show FILE#RECORD)");

        CliRun scans = CliRun.run("cases", "scans", "--store", store);
        assertThat(scans.out()).contains("SCAN", "OPENED").contains(sim.toString());
        assertThat(scans.out().lines().skip(1).map(l -> l.trim().split("\\s+")[0])).containsExactly("2", "1");

        CliRun missing = CliRun.run("cases", "show", "99", "--store", store);
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no case 99 in");
    }

    @Test
    void anAnalystOpensACaseByHand_forSomeoneBelowTheOpeningLevel_once() throws Exception {
        String store = dir.resolve("by-hand-store").toString();
        assertThat(scan(store).code()).isZero();
        com.fasterxml.jackson.databind.JsonNode workers = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("r.json").toFile()).get("workers");
        String below = null;
        for (com.fasterxml.jackson.databind.JsonNode w : workers) {
            if (w.get("level").asText().matches("low|medium")) {
                below = w.get("worker_id").asText();
                break;
            }
        }
        assertThat(below).as("a worker the scan scored below high").isNotNull();

        CliRun opened = CliRun.run("cases", "open", below, "--reason", "HR: camera never on.", "--by", "dana",
                "--store", store);
        assertThat(opened.code()).as(opened.err()).isZero();
        assertThat(opened.out()).containsPattern("Opened case (\\d+) for .*\\(" + below + "\\), a worker: (low|medium) "
                + "\\d\\.\\d\\d, \\d+ findings?, from scan 1\\.");
        String id = opened.out().replaceAll("(?s)^Opened case (\\d+).*", "$1");
        assertThat(CliRun.run("cases", "show", id, "--store", store).out()).contains("by dana (by hand, from scan 1)",
                "Opened by hand: HR: camera never on.");

        CliRun again = CliRun.run("cases", "open", below, "--reason", "Again.", "--store", store);
        assertThat(again.code()).isEqualTo(1);
        assertThat(again.err()).contains("has case " + id + " already (open)", "unravel cases update " + id);
        assertThat(CliRun.run("cases", "open", "E999999", "--reason", "A tip.", "--store", store).err())
                .contains("a report lists only the people with findings");
        assertThat(CliRun.run("cases", "open", "E999999", "--name", "Dee Moss", "--reason", "A tip.", "--store", store)
                .out()).contains("for Dee Moss (E999999), a worker: low 0.00, no findings yet, from scan 1.");

        java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer hook = hook(bodies);
        try {
            Path config = dir.resolve("notify.yaml");
            java.nio.file.Files.writeString(config, "cases:\n  notify: http://127.0.0.1:" + hook.getAddress().getPort()
                    + "/hooks/secret\n  console_url: https://unravel.corp.example\n");
            CliRun told = CliRun.run("cases", "open", "E999998", "--name", "Lee Park", "--reason", "Manager: two people.",
                    "--by", "dana", "--config", config.toString(), "--store", store);
            assertThat(told.code()).as(told.err()).isZero();
            assertThat(told.out()).containsPattern("Told http://127\\.0\\.0\\.1:\\d+/… of case \\d+\\.")
                    .doesNotContain("secret");
            assertThat(bodies).singleElement().asString().contains("opened by hand by dana",
                    "Lee Park (worker E999998), low 0.00", "Reason: Manager: two people.",
                    "https://unravel.corp.example/cases/", "\"action\" : \"opened by hand\"",
                    "\"opened_by\" : \"dana\"");
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void aCaseIsExportedAsAnEvidencePackage_whoseChecksumsHold_andTheHistorySaysSo() throws Exception {
        String store = dir.resolve("export-store").toString();
        assertThat(scan(store).code()).isZero();
        Path zip = dir.resolve("case-1.zip");
        CliRun exported = CliRun.run("cases", "export", "1", "--out", zip.toString(), "--by", "dana", "--store", store);
        assertThat(exported.code()).as(exported.err()).isZero();
        assertThat(exported.out()).containsPattern("Evidence package of case 1: .*case-1\\.zip — [1-9]\\d* cited files? "
                + "copied \\(\\d+\\.\\d MB\\); SHA-256 of the package [0-9a-f]{64}\\.");
        java.util.Map<String, byte[]> entries = new java.util.LinkedHashMap<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(java.nio.file.Files.newInputStream(zip))) {
            for (java.util.zip.ZipEntry e; (e = in.getNextEntry()) != null; ) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        assertThat(entries).containsKeys("brief.html", "case.json", "manifest.json", "SHA256SUMS");
        assertThat(entries.keySet()).anyMatch(n -> n.startsWith("files/"));
        for (String line : new String(entries.get("SHA256SUMS"), java.nio.charset.StandardCharsets.UTF_8).lines().toList()) {
            assertThat(line.substring(0, 64)).as(line).isEqualTo(java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(entries.get(line.substring(66)))));
        }
        assertThat(CliRun.run("cases", "show", "1", "--store", store).out()).containsPattern(
                "dana +export +Exported the evidence package: [1-9]");
        assertThat(dir.toFile().list()).noneMatch(n -> n.endsWith(".part"));
        assertThat(CliRun.run("cases", "export", "99", "--out", dir.resolve("x.zip").toString(), "--store", store).err())
                .contains("99");
    }

    @Test
    void theProgramsFiguresSayHowTheCasesWentAndEachDetectorsShare() throws Exception {
        String store = dir.resolve("stats-store").toString();
        assertThat(scan(store).code()).isZero();
        assertThat(CliRun.run("cases", "update", "1", "--status", "closed", "--disposition", "fraud", "--store", store)
                .code()).isZero();
        CliRun stats = CliRun.run("cases", "stats", "--store", store);
        assertThat(stats.code()).as(stats.err()).isZero();
        assertThat(stats.out()).containsPattern("[1-9]\\d* cases? in .*stats-store \\(0 opened by hand\\)\\.")
                .contains("Decided:     fraud 1, benign 0, inconclusive 0", "To decide:   median under an hour (1 case)",
                        "Fraud:       1 worker decided fraud.", "MONTH    OPENED BY SCANS", "DETECTOR ", "100 %");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                CliRun.run("cases", "stats", "--json", "--store", store).out());
        assertThat(json.path("by_disposition").path("fraud").asInt()).isEqualTo(1);
        assertThat(json.path("detectors").size()).isPositive();
    }

    @Test
    void aClearedPersonIsForgotten_andTheCaseStaysAsTheRecord() throws Exception {
        String store = dir.resolve("forget-store").toString();
        assertThat(scan(store).code()).isZero();
        assertThat(CliRun.run("cases", "forget", "1", "--reason", "Policy.", "--store", store).err())
                .contains("case 1 is open: only a case closed benign or inconclusive is forgotten");
        // a case tied to case 1 (the workers of one farm, one cluster): its ties name them until they are forgotten
        java.util.regex.Matcher tie = java.util.regex.Pattern.compile("\\(worker \\w+, case (\\d+)\\)")
                .matcher(CliRun.run("cases", "show", "1", "--store", store).out());
        assertThat(tie.find()).as("case 1 is tied to another case").isTrue();
        String tied = tie.group(1);
        assertThat(CliRun.run("cases", "update", "1", "--status", "closed", "--disposition", "benign", "--store", store)
                .code()).isZero();
        CliRun forgot = CliRun.run("cases", "forget", "1", "--reason", "Retention policy HR-12.", "--by", "dana",
                "--store", store);
        assertThat(forgot.code()).as(forgot.err()).isZero();
        assertThat(forgot.out()).containsPattern("Case 1: the person is forgotten — [1-9]\\d* findings?, \\d+ history "
                + "lines?, their score in 1 saved scan and their entry in 1 kept report; other cases' ties name them "
                + "no more \\([1-9]\\d* ties?\\)\\.");
        assertThat(CliRun.run("cases", "show", tied, "--store", store).out()).as("case " + tied + " shares the farm with them")
                .containsPattern("Tied: .*a forgotten worker");
        assertThat(CliRun.run("cases", "show", "1", "--store", store).out()).contains("Case 1: a forgotten worker",
                "forgotten Forgot the person:", "Reason: Retention policy HR-12.");
        assertThat(CliRun.run("cases", "list", "--all", "--store", store).out()).contains("a forgotten worker");
        assertThat(CliRun.run("cases", "export", "1", "--out", dir.resolve("f.zip").toString(), "--store", store)
                .err()).contains("person was forgotten: there is nothing to export");

        // the retention policy on a schedule: cases closed longer ago than the age given
        assertThat(CliRun.run("cases", "update", "2", "--status", "closed", "--disposition", "inconclusive", "--store",
                store).code()).isZero();
        assertThat(CliRun.run("cases", "update", "3", "--status", "closed", "--disposition", "fraud", "--store",
                store).code()).isZero();
        assertThat(CliRun.run("cases", "forget", "--closed-before", "180d", "--dry-run", "--store", store).out())
                .startsWith("No case closed benign or inconclusive before ");
        CliRun all = CliRun.run("cases", "forget", "--closed-before", "1d", "--dry-run", "--store", store);
        assertThat(all.out()).as("just closed: not a day old").startsWith("No case");
        assertThat(CliRun.run("cases", "forget", "1", "--closed-before", "1d", "--reason", "x", "--store", store).err())
                .contains("give a case number or --closed-before AGE, not both");
        assertThat(CliRun.run("cases", "forget", "--closed-before", "2h", "--reason", "x", "--store", store).err())
                .contains("--closed-before must be a day or more");
        assertThat(CliRun.run("cases", "forget", "--closed-before", "30d", "--store", store).err())
                .contains("--reason is needed");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + Path.of(store)
                .toAbsolutePath().resolve("unravel") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE")) {
            c.createStatement().execute("UPDATE case_file SET closed_at = DATEADD('DAY', -200, closed_at) WHERE id IN "
                    + "(2, 3)"); // as if closed 200 days ago
        }
        assertThat(CliRun.run("cases", "forget", "--closed-before", "180d", "--dry-run", "--store", store).out())
                .containsPattern("Would forget case 2, .* \\(inconclusive, closed ").contains("Would forget 1 person")
                .doesNotContain("case 3");
        CliRun swept = CliRun.run("cases", "forget", "--closed-before", "180d", "--reason", "Policy HR-12.", "--store",
                store);
        assertThat(swept.out()).contains("Case 2: the person is forgotten", "Forgot 1 person of the cases closed");
        assertThat(CliRun.run("cases", "show", "2", "--store", store).out()).contains("a forgotten worker");
        assertThat(CliRun.run("cases", "show", "3", "--store", store).out()).as("fraud: kept").startsWith(
                "Case 3: worker ");
    }

    @Test
    void aBadOptionIsToldBeforeTheStoreIsOpened() throws Exception {
        String notAStore = java.nio.file.Files.writeString(dir.resolve("a-file"), "not a store").toString();
        assertThat(CliRun.run("cases", "update", "1", "--status", "done", "--store", notAStore).err())
                .contains("'done' is not a case status").doesNotContain("a-file");
        assertThat(CliRun.run("cases", "scans", "--limit", "0", "--store", notAStore).err())
                .contains("--limit must be at least 1");
        assertThat(CliRun.run("ingest", "batches", "--limit", "0", "--store", notAStore).err())
                .contains("--limit must be at least 1");
        assertThat(CliRun.run("analysts", "token", "dana", "--scope", "root", "--store", notAStore).err())
                .contains("unknown token scope 'root'");
        assertThat(CliRun.run("cases", "list", "--store", notAStore).err()).as("and the store's own error after")
                .contains("a-file is a file; the embedded store is a folder");
    }

    /** A webhook on this machine at {@code /hooks/secret}, started, keeping the bodies it is sent. */
    static com.sun.net.httpserver.HttpServer hook(java.util.List<String> bodies) throws java.io.IOException {
        com.sun.net.httpserver.HttpServer hook = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        hook.createContext("/hooks/secret", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            ex.sendResponseHeaders(204, -1);
            ex.close();
        });
        hook.start();
        return hook;
    }

    @Test
    void theTeamsWebhookIsToldOfTheCasesAScanOpens_andOfNothingWhenItOpensNone() throws Exception {
        java.util.List<String> bodies = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer hook = hook(bodies);
        try {
            String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hooks/secret";
            String store = dir.resolve("notified").toString();
            CliRun first = scan(store, "--notify", url);
            assertThat(first.code()).as(first.err()).isZero();
            assertThat(first.out()).containsPattern("Told http://127\\.0\\.0\\.1:\\d+/… of [1-9]\\d* cases?\\.")
                    .doesNotContain("secret");
            assertThat(bodies).singleElement().asString().contains("\"text\" : \"Unravel scan 1: ",
                    " opened\\n• Case 1 opened: ", "\"action\" : \"opened\"");

            CliRun again = scan(store, "--notify", url);
            assertThat(again.out()).contains("No case opened or reopened: nothing sent");
            assertThat(bodies).hasSize(1);

            CliRun noStore = scan(store, "--notify", url, "--no-store");
            assertThat(noStore.code()).isEqualTo(2);
            assertThat(noStore.err()).contains("--notify tells of the cases a saved scan opens: it needs the store");
            assertThat(scan(store, "--notify", "slack").err()).contains("the webhook must be an http(s) URL");
        } finally {
            hook.stop(0);
        }
    }

    @Test
    void aStoreThatCannotBeOpened_failsTheScanBeforeItStarts_andNoStoreWritesTheReportOnly() throws Exception {
        Path file = dir.resolve("not-a-folder");
        java.nio.file.Files.writeString(file, "x");
        CliRun bad = scan(file.toString());
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.err()).contains("scan: ", "not-a-folder is a file; the embedded store is a folder");
        assertThat(bad.out()).doesNotContain("Scanned");

        CliRun none = scan(file.toString(), "--no-store");
        assertThat(none.code()).as(none.err()).isZero();
        assertThat(none.out()).contains("Scanned").doesNotContain("Saved scan");

        java.nio.file.Path config = dir.resolve("team.yaml");
        java.nio.file.Files.writeString(config, "cases: {open_at: low}\n");
        CliRun fromConfig = scan(dir.resolve("s3").toString(), "--config", config.toString());
        assertThat(fromConfig.code()).isEqualTo(2);
        assertThat(fromConfig.err()).contains("'low' is not a level cases can open at");
        CliRun flagWins = scan(dir.resolve("s3").toString(), "--config", config.toString(), "--cases-at", "critical");
        assertThat(flagWins.code()).as(flagWins.err()).isZero();
        assertThat(flagWins.out()).contains("cases open at critical and above");

        CliRun level = scan(dir.resolve("s2").toString(), "--cases-at", "low");
        assertThat(level.code()).isEqualTo(2);
        assertThat(level.err()).contains("'low' is not a level cases can open at; use medium, high or critical");

        assertThat(CliRun.run("cases", "list", "--store", dir.resolve("empty").toString()).out())
                .startsWith("No active cases in ");
    }
}
