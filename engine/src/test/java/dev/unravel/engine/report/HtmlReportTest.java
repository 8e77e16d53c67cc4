package dev.unravel.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

    private static final Pattern ROW = Pattern.compile("<tr class=\"r-(\\w+)\"><td class=\"num\">(\\d+)</td>");
    private static final Pattern ARTICLE = Pattern.compile("<article class=\"worker w-(\\w+)\"(?: id=\"(w-\\d+)\")?>(.*?)</article>",
            Pattern.DOTALL);

    static Report withWorkers(Report base, List<Report.WorkerEntry> workers) {
        return new Report(base.schema(), base.generatedAt(), base.unravelVersion(), base.inputs(), base.period(),
                base.ingest(), base.detectors(), base.resolution(), base.workersScanned(), base.levels(), workers,
                base.applicants(), base.clusters(), base.scoring(), base.piiKeyEphemeral(), base.unresolved());
    }

    static Report.WorkerEntry named(Report.WorkerEntry w, String name, String department, String zone,
            List<Report.SignalEntry> signals) {
        return new Report.WorkerEntry(w.rank(), w.workerId(), name, department, w.title(), w.declaredCountry(), zone,
                w.hireDate(), w.terminationDate(), w.score(), w.level(), w.ownScore(), w.clusterAdd(), w.stages(),
                w.families(), w.firstFlaggedAt(), w.cluster(), w.activity(), w.contributions(), signals.size(), signals);
    }

    private static String section(String html, String id) {
        int start = html.indexOf("<section id=\"" + id + "\">");
        assertThat(start).as("section " + id).isNotNegative();
        return html.substring(start, html.indexOf("</section>", start));
    }

    private static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    @Test
    void rankedTable_listsWorkersInRankOrderWithTheirLevelBadges() {
        Report r = SampleReport.build();
        String table = section(HtmlReport.render(r), "workers");
        Matcher m = ROW.matcher(table);
        List<Integer> ranks = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        while (m.find()) {
            levels.add(m.group(1));
            ranks.add(Integer.parseInt(m.group(2)));
        }
        assertThat(ranks).containsExactly(1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(levels).containsExactly("critical", "high", "high", "medium", "medium", "low", "low", "low");
        assertThat(table).contains("<span class=\"badge b-critical\">critical</span>")
                .contains("<span class=\"badge b-high\">high</span>").contains("<span class=\"badge b-medium\">medium</span>")
                .contains("<span class=\"badge b-low\">low</span>");
        // every row links to the worker's section, which exists
        String html = HtmlReport.render(r);
        Matcher links = Pattern.compile("<td><a href=\"#(w-\\d+)\">([^<]+)</a></td>").matcher(table);
        int linked = 0;
        while (links.find()) {
            linked++;
            assertThat(html).contains("<article class=\"worker w-").contains("id=\"" + links.group(1) + "\"");
        }
        assertThat(linked).isEqualTo(8);
        assertThat(table).contains("Daniel Whitaker").contains("<code>E100205</code>").contains("Engineering")
                .contains("0.91").contains("2026-02-20 16:02 UTC").contains("<a href=\"#c-0\">C1</a>");
    }

    @Test
    void header_showsPeriodCountsInputsAndWhatWasNotRead() {
        String html = HtmlReport.render(SampleReport.build());
        String header = html.substring(html.indexOf("<header"), html.indexOf("</header>"));
        assertThat(header).contains("2026-03-02 00:00 UTC").contains("2026-03-31 23:58 UTC")
                .contains("<span class=\"n\">500</span><span class=\"l\">workers scanned</span>")
                .contains("<span class=\"n\">1</span><span class=\"l\">critical</span>")
                .contains("<span class=\"n\">2</span><span class=\"l\">high</span>")
                .contains("<span class=\"n\">495</span><span class=\"l\">low</span>")
                .contains("<span class=\"n\">3</span><span class=\"l\">records quarantined</span>")
                .contains("Not everything was read").contains("unravel-quarantine.ndjson").contains("2 files have")
                .contains("<code>demo-out</code>");
        String ingest = section(html, "ingest");
        assertThat(ingest).contains("demo-out/zeek/2026-03-21/conn.log.gz").contains("truncated gzip")
                .contains("field &#39;published&#39;: is missing").contains("<td>okta</td>").contains("340,721");
    }

    @Test
    void header_saysEverythingWasReadWhenNothingWasQuarantined() {
        Report base = SampleReport.build();
        Report.IngestStats in = base.ingest();
        Report clean = new Report(base.schema(), base.generatedAt(), base.unravelVersion(), base.inputs(),
                base.period(), new Report.IngestStats(in.files(), in.records(), in.events(), 0, null, 0,
                        in.reorderWindow(), in.byFormat(), List.of()),
                base.detectors(), base.resolution(), base.workersScanned(), base.levels(), base.workers(),
                base.applicants(), base.clusters(), base.scoring(), base.piiKeyEphemeral(), base.unresolved());
        String html = HtmlReport.render(clean);
        assertThat(html).contains("Every file was read to its end").doesNotContain("Not everything was read");
    }

    @Test
    void attackerControlledText_isEscapedEverywhere() {
        Report base = SampleReport.build();
        String script = "<script>window.__pwned=1</script>";
        String img = "<img src=x onerror=\"window.__pwned=1\">";
        List<Report.WorkerEntry> ws = new ArrayList<>(base.workers());
        Report.WorkerEntry w = ws.get(0);
        ws.set(0, named(w, "Mallory " + script, "R&D " + img, "America/Chicago",
                List.of(new Report.SignalEntry("2026-03-04T01:05:37Z", "det" + script, "control", "T1219\"><b>", 0.5,
                        "host:" + img, "explained " + script + " and " + img,
                        List.of("logs/\"><script>alert(1)</script>.json#3")))));
        Report.DetectorStats d = new Report.DetectorStats("x" + script, "desc " + img, 1, 1, 0, 0,
                Map.of("reason " + script, 2L), 1, "boom " + script);
        Report.IngestStats in = base.ingest();
        Report r = new Report(base.schema(), base.generatedAt(), "v" + script, List.of("in" + script),
                base.period(), new Report.IngestStats(1, 1, 1, 1, "q" + script, 0, 1,
                        Map.of("fmt" + script, new Report.FormatStats(1, 1, 1, 1)),
                        List.of(new Report.FileProblem("f" + script + ".json", "okta", 1, "bad " + img))),
                List.of(d), base.resolution(), 3, base.levels(), ws,
                List.of(new Report.ApplicantEntry("A1" + script, "App " + script, 0.4, "medium", List.of("apply"),
                        "C1" + script, 0, List.of())),
                List.of(new Report.ClusterEntry("C1" + script, List.of("E100205"), List.of("A1" + script),
                        List.of(new Report.TieEntry("ship_to", "ref" + script, "1 Main St " + img, List.of("E100205"))))),
                "scoring " + script, false,
                List.of(new Report.UnresolvedEntry("host:WS-" + script, 1, 0.8, List.of("sigma:" + img),
                        "2026-03-02T10:00:00Z", "2026-03-02T10:00:00Z", List.of(new Report.SignalEntry(
                                "2026-03-02T10:00:00Z", "sigma:x", "control", "T1219", 0.8, "host:WS-" + script,
                                "Empire " + script, List.of("f#1"))))));
        String html = HtmlReport.render(r);
        assertThat(html).doesNotContain(script).doesNotContain("<img").doesNotContain("<script>alert")
                .contains("T1219&quot;&gt;&lt;b&gt;");
        assertThat(count(html, "<script")).as("only the page's own script element").isEqualTo(1);
        assertThat(html).contains("Mallory &lt;script&gt;window.__pwned=1&lt;/script&gt;")
                .contains("R&amp;D &lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;")
                .contains("explained &lt;script&gt;")
                .contains("logs/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;.json#3")
                .contains("reason &lt;script&gt;").contains("boom &lt;script&gt;")
                .contains("1 Main St &lt;img");
    }

    @Test
    void hiddenCharacters_areShownNotObeyed() {
        Report base = SampleReport.build();
        List<Report.WorkerEntry> ws = new ArrayList<>(base.workers());
        ws.set(0, named(ws.get(0), "Ann\u202Egnp.exe\u0000", "Ops", "America/Chicago", ws.get(0).signals()));
        String html = HtmlReport.render(withWorkers(base, ws));
        assertThat(html).contains("Ann[U+202E]gnp.exe[U+0000]").doesNotContain("\u202E").doesNotContain("\u0000");
    }

    @Test
    void longText_isCutWithANote() {
        Report base = SampleReport.build();
        List<Report.WorkerEntry> ws = new ArrayList<>(base.workers());
        String huge = "A".repeat(1_000_000);
        ws.set(0, named(ws.get(0), "Long", "Ops", "America/Chicago", List.of(new Report.SignalEntry(
                "2026-03-04T01:05:37Z", "d", "control", null, 0.5, null, huge, List.of()))));
        String html = HtmlReport.render(withWorkers(base, ws));
        assertThat(html).contains("(998,000 more characters)".replace(",", "")).hasSizeLessThan(200_000);
    }

    @Test
    void everyFlaggedWorkerWithActivity_getsA24BarChartAndATimeline_andLowerOnesAreCollapsedWithoutThem() {
        Report r = SampleReport.build();
        String html = HtmlReport.render(r);
        Matcher m = ARTICLE.matcher(html);
        int flagged = 0;
        int low = 0;
        while (m.find()) {
            String body = m.group(3);
            if (HtmlReport.flagged(m.group(1))) {
                flagged++;
                assertThat(count(body, "<svg class=\"hours\"")).isEqualTo(1);
                assertThat(count(body, "class=\"bar\"")).as("bars of " + m.group(2)).isEqualTo(24);
                // and the findings over time, said in words too, before the table of signals
                assertThat(body).containsSubsequence("<svg class=\"scheme-timeline\"", "<figcaption>First finding in "
                        + "each stage", "<table class=\"timeline\"");
            } else {
                low++;
                assertThat(body).doesNotContain("<svg");
            }
        }
        assertThat(flagged).isEqualTo(5);
        assertThat(low).isEqualTo(3);
        assertThat(count(html, "class=\"bar\"")).isEqualTo(5 * 24);
        String lower = section(html, "lower");
        assertThat(lower).contains("<details class=\"lower\"><summary>Show 3 workers below level medium")
                .contains("Tom Becker");
        assertThat(section(html, "flagged")).doesNotContain("Tom Becker");
    }

    @Test
    void everyFlaggedWorker_getsTheStepsTheirFindingsCallFor_urgentFirst_andNotThoseThatNeedThemAtWork() {
        Report r = SampleReport.build();
        String html = HtmlReport.render(r);
        Matcher m = ARTICLE.matcher(html);
        int withSteps = 0;
        while (m.find()) {
            String body = m.group(3);
            if (!HtmlReport.flagged(m.group(1))) {
                assertThat(body).as("lower workers are collapsed, without steps").doesNotContain("What to check next");
                continue;
            }
            withSteps++;
            assertThat(body).contains("<details class=\"steps\" open><summary>What to check next: ")
                    .contains("<b>Legal</b>: Agree the next steps with HR and counsel")
                    .containsSubsequence("<details class=\"steps\"", "<table class=\"timeline\"");
            String steps = body.substring(body.indexOf("<details class=\"steps\""), body.indexOf("</details>",
                    body.indexOf("<details class=\"steps\"")));
            int lastUrgent = steps.lastIndexOf("class=\"urgent\"");
            int firstPlain = steps.indexOf("<li><b>", steps.indexOf("<li><b>") + 1); // after the Legal step for any case
            if (lastUrgent >= 0 && firstPlain >= 0) {
                assertThat(lastUrgent).as("urgent steps come before the others").isLessThan(firstPlain);
            }
        }
        assertThat(withSteps).isEqualTo(5);

        // a worker HR recorded as gone before the scores' day: no step that needs them at work
        Report.WorkerEntry w = r.workers().get(0);
        List<Report.SignalEntry> phone = List.of(new Report.SignalEntry("2026-03-02T10:00:00Z", "apply.phone", "apply",
                "T1585", 0.5, "worker:" + w.workerId(), "An internet (VoIP) number.", List.of("hr.csv#3")));
        Report.WorkerEntry working = named(w, "Pat Lee", "Eng", "America/New_York", phone);
        Report.WorkerEntry gone = new Report.WorkerEntry(working.rank(), working.workerId(), working.name(),
                working.department(), working.title(), working.declaredCountry(), working.declaredTimeZone(),
                working.hireDate(), "2020-01-31", working.score(), working.level(), working.ownScore(),
                working.clusterAdd(), working.stages(), working.families(), working.firstFlaggedAt(), working.cluster(),
                working.activity(), working.contributions(), 1, phone);
        NextChecks only = NextChecks.parse("version: 1\napply.phone:\n  - who: HR\n    what: Call the number.\n"
                + "    while_employed: true\n  - who: Payroll\n    what: Check the bank account.\n", "test");
        assertThat(HtmlReport.render(withWorkers(r, List.of(working)), only)).contains("What to check next: 2 steps",
                "<b>HR</b>: Call the number.", "<b>Payroll</b>: Check the bank account. <span class=\"for\">"
                        + "(apply.phone)</span>");
        assertThat(HtmlReport.render(withWorkers(r, List.of(gone)), only)).contains("What to check next: 1 step<")
                .doesNotContain("Call the number.");
    }

    @Test
    void chartCaption_namesTheZoneAndTheOffsetAtThePeriodStart() {
        String html = HtmlReport.render(SampleReport.build());
        assertThat(html).contains("Log events by hour of day in <b>America/Chicago</b>, the declared time zone"
                + " (UTC\u221206:00 on 2026-03-02, the period\u2019s start; a daylight-saving change within the period is"
                + " not applied)");
        // the laptop-farm worker works Korean office hours: little inside the Chicago working day
        Matcher m = ARTICLE.matcher(html);
        assertThat(m.find()).isTrue();
        Matcher share = Pattern.compile("(\\d+)% within the declared working day").matcher(m.group(3));
        assertThat(share.find()).isTrue();
        assertThat(Integer.parseInt(share.group(1))).isLessThan(10);
        assertThat(m.group(3)).contains("the busiest eight hours are 18:00\u201302:00 local");
    }

    @Test
    void unknownOrMissingZone_drawsInUtcAndSaysSo() {
        Report base = SampleReport.build();
        List<Report.WorkerEntry> ws = new ArrayList<>(base.workers());
        ws.set(0, named(ws.get(0), "No Zone", "Ops", "Mars/Olympus_Mons", ws.get(0).signals()));
        ws.set(1, named(ws.get(1), "Blank Zone", "Ops", null, ws.get(1).signals()));
        String html = HtmlReport.render(withWorkers(base, ws));
        assertThat(html).contains("the declared time zone \u201cMars/Olympus_Mons\u201d is not recognised, so hours are"
                + " shown in UTC").contains("no declared time zone, so hours are shown in UTC");
        Matcher m = ARTICLE.matcher(html);
        assertThat(m.find()).isTrue();
        assertThat(m.group(3)).doesNotContain("Declared local time").contains("class=\"bar\"");
    }

    @Test
    void timeline_isInTimeOrderWithLocalTimesAndEvidence() {
        Report base = SampleReport.build();
        List<Report.WorkerEntry> ws = new ArrayList<>(base.workers());
        List<Report.SignalEntry> shuffled = List.of(
                new Report.SignalEntry("2026-03-11T02:17:49Z", "third", "access", null, 0.6, null, "third seen",
                        List.of("okta/c.ndjson#3")),
                new Report.SignalEntry("2026-02-20T16:02:11Z", "first", "onboard", null, 0.7, null, "first seen",
                        List.of("assets/shipments.csv#212")),
                new Report.SignalEntry("not a time", "last", "steal", null, 0.2, null, "unparseable time last",
                        List.of()),
                new Report.SignalEntry("2026-03-04T01:05:37Z", "second", "control", "T1219", 0.55, null,
                        "second seen", List.of("windows/sysmon.json#15221", "windows/sysmon.json#15222")));
        ws.set(0, named(ws.get(0), "Order", "Ops", "America/Chicago", shuffled));
        String html = HtmlReport.render(withWorkers(base, ws));
        Matcher m = ARTICLE.matcher(html);
        assertThat(m.find()).isTrue();
        String body = m.group(3);
        String timeline = body.substring(body.indexOf("<table class=\"timeline\">"));
        int a = timeline.indexOf("first seen");
        int b = timeline.indexOf("second seen");
        int c = timeline.indexOf("third seen");
        int d = timeline.indexOf("unparseable time last");
        assertThat(a).isPositive().isLessThan(b);
        assertThat(b).isLessThan(c);
        assertThat(c).isLessThan(d);
        assertThat(timeline).contains("Timeline: 4 signals in time order").contains("<th>Declared local time</th>")
                .contains("2026-03-04 01:05:37").contains("2026-03-03 19:05 -06:00")
                .contains("2026-03-11 02:17:49").contains("2026-03-10 21:17 -05:00")
                .contains("<code>windows/sysmon.json#15221</code><br><code>windows/sysmon.json#15222</code>")
                .contains("<span class=\"tech\">T1219</span>").contains("not a time");
    }

    @Test
    void scoreDecomposition_listsEachDetectorsContribution_largestFirst() {
        String html = HtmlReport.render(SampleReport.build());
        Matcher m = ARTICLE.matcher(html);
        assertThat(m.find()).isTrue();
        String body = m.group(3);
        String contrib = body.substring(body.indexOf("<table class=\"contrib\">"), body.indexOf("</table>",
                body.indexOf("<table class=\"contrib\">")));
        assertThat(contrib.indexOf("laptop_farm")).isLessThan(contrib.indexOf("working_hours"));
        assertThat(contrib.indexOf("working_hours")).isLessThan(contrib.indexOf("identity_checks"));
        assertThat(contrib).contains("<span style=\"width:35.0%\"></span></span> 0.35").contains("Own score")
                .contains("0.86").contains("+0.05").contains("Cluster context");
    }

    @Test
    void clusters_showMembersTiesAndAddresses_linkedToWorkerSections() {
        String html = HtmlReport.render(SampleReport.build());
        String clusters = section(html, "clusters");
        assertThat(clusters).contains("<article class=\"cluster\" id=\"c-0\"><h3>Cluster C1 \u00b7 3 workers, 1 applicant")
                .contains("<a href=\"#w-0\">Daniel Whitaker (E100205)</a>")
                .contains("applicant Jordan Hayes (A2000311)")
                .contains("<td>laptop ship-to address</td><td><code>0c9d44f2</code></td><td>1420 Cedar Ridge Dr, Hoover, AL 35244</td>")
                .contains("<td>bank account</td>").contains("<td>phone number</td>");
        assertThat(section(html, "applicants")).contains("Jordan Hayes").contains("92% shingle overlap");
    }

    @Test
    void signalsTiedToNoOne_haveTheirOwnSection_withSubjectDetectorsAndSignals() {
        String html = HtmlReport.render(SampleReport.build());
        assertThat(html).contains("<a href=\"#unresolved\">Tied to no one (6)</a>");
        String un = section(html, "unresolved");
        assertThat(un).contains("<h2>Signals tied to no one: 6</h2>").contains("<code>host:build-agent-07</code>")
                .contains("control.remote-access-tool").contains("4 signals")
                .contains("AnyDesk started on build-agent-07, a machine no asset record assigns to anyone")
                .contains("<code>demo-out/windows/sysmon-2026-03-11.json#882</code>");
        Report base = SampleReport.build();
        Report none = new Report(base.schema(), base.generatedAt(), base.unravelVersion(), base.inputs(), base.period(),
                base.ingest(), base.detectors(), base.resolution(), base.workersScanned(), base.levels(),
                base.workers(), base.applicants(), base.clusters(), base.scoring(), base.piiKeyEphemeral(), null);
        assertThat(section(HtmlReport.render(none), "unresolved")).contains("None.");
        List<String> twelve = java.util.stream.IntStream.range(0, 12).mapToObj(i -> "sigma:rule-" + i).toList();
        Report many = new Report(base.schema(), base.generatedAt(), base.unravelVersion(), base.inputs(), base.period(),
                base.ingest(), base.detectors(), base.resolution(), base.workersScanned(), base.levels(),
                base.workers(), base.applicants(), base.clusters(), base.scoring(), base.piiKeyEphemeral(),
                List.of(new Report.UnresolvedEntry("ip:10.0.0.9", 12, 0.5, twelve, "2026-03-02T00:00:00Z",
                        "2026-03-03T00:00:00Z", List.of())));
        assertThat(section(HtmlReport.render(many), "unresolved")).contains("sigma:rule-9").doesNotContain("rule-10")
                .contains("and 2 more");
    }

    @Test
    void detectors_showEventsSignalsSkipsAndFailures() {
        Report base = SampleReport.build();
        List<Report.DetectorStats> ds = new ArrayList<>(base.detectors());
        ds.add(new Report.DetectorStats("broken", "Throws", 10, 0, 0, 3, Map.of("a", 1L), 2, "NullPointerException at x"));
        Report r = new Report(base.schema(), base.generatedAt(), base.unravelVersion(), base.inputs(), base.period(),
                base.ingest(), ds, base.resolution(), base.workersScanned(), base.levels(), base.workers(),
                base.applicants(), base.clusters(), base.scoring(), base.piiKeyEphemeral(), base.unresolved());
        String det = section(HtmlReport.render(r), "detectors");
        assertThat(det).contains("<b>sign_in_origin</b>").contains("402,118").contains("IP not in the intel ranges: 1,204")
                .contains("<tr class=\"fail\"><td><b>broken</b>").contains("first: NullPointerException at x")
                .contains("1,180,442 log events tied to a person");
    }

    @Test
    void contentSecurityPolicy_allowsExactlyThePagesOwnScript() throws Exception {
        String html = HtmlReport.render(SampleReport.build());
        String script = html.substring(html.indexOf("<script>") + 8, html.indexOf("</script>"));
        String hash = Base64.getEncoder().encodeToString(
                MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        assertThat(html).contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
                .contains("script-src 'sha256-" + hash + "'");
        assertThat(html).doesNotContain("http://").doesNotContain("https://").doesNotContain("src=\"");
    }

    @Test
    void missingParts_renderAsDashesWithoutFailing() {
        Report.WorkerEntry bare = new Report.WorkerEntry(1, "E1", null, null, null, null, null, null, null, 0.4,
                "medium", 0.4, 0, null, null, null, null, null, null, 0, null);
        Report r = new Report(null, null, null, null, null, null, null, null, 1, null, java.util.Arrays.asList(bare, null),
                null, null, null, false, null);
        String html = HtmlReport.render(r);
        assertThat(html).contains("No period recorded").contains("no ingest statistics")
                .contains("No activity chart: no log events were tied to this worker").contains("No detector ran")
                .endsWith("</html>\n");
    }

    @Test
    void tenThousandWorkers_renderWithSectionsBounded() {
        Report base = SampleReport.build();
        List<Report.WorkerEntry> ws = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Report.WorkerEntry t = base.workers().get(i % base.workers().size());
            String level = i < 2_500 ? "high" : "low";
            ws.add(new Report.WorkerEntry(i + 1, "E" + (200_000 + i), "Worker " + i, t.department(), t.title(),
                    t.declaredCountry(), t.declaredTimeZone(), t.hireDate(), null, 0.7 - i / 20_000.0, level,
                    t.ownScore(), 0, t.stages(), t.families(), t.firstFlaggedAt(), null, t.activity(), t.contributions(),
                    t.signalsTotal(), t.signals()));
        }
        Map<String, Integer> levels = new LinkedHashMap<>(Map.of("critical", 0, "high", 2_500, "medium", 0, "low", 7_500));
        Report big = new Report(base.schema(), base.generatedAt(), base.unravelVersion(), base.inputs(), base.period(),
                base.ingest(), base.detectors(), base.resolution(), 10_000, levels, ws, List.of(), List.of(),
                base.scoring(), false, List.of());
        String html = HtmlReport.render(big);
        assertThat(count(section(html, "workers"), "<tr class=\"r-")).isEqualTo(10_000);
        assertThat(count(html, "<article class=\"worker w-high\"")).isEqualTo(HtmlReport.MAX_WORKER_SECTIONS);
        assertThat(count(html, "<article class=\"worker w-low\"")).isZero();
        assertThat(html).contains("the other 500 are in the table above")
                .contains("Lower-level workers with signals: 7,500");
    }

    @Test
    void write_replacesTheFileAtomically_andMatchesRender(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        Files.writeString(file, "old");
        Report r = SampleReport.build();
        HtmlReport.write(r, file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(HtmlReport.render(r));
        assertThat(dir.resolve("report.html.partial")).doesNotExist();
        try (var list = Files.list(dir)) {
            assertThat(list).containsExactly(file);
        }
    }

    @Test
    void write_streamsALargeReportInPieces_identicalToRender(@TempDir Path dir) throws Exception {
        Report base = SampleReport.build();
        List<Report.WorkerEntry> ws = new ArrayList<>();
        for (int i = 0; i < 1_500; i++) {
            Report.WorkerEntry t = base.workers().get(i % 5);
            ws.add(named(new Report.WorkerEntry(i + 1, "E" + i, null, null, t.title(), t.declaredCountry(), null,
                    t.hireDate(), null, t.score(), t.level(), t.ownScore(), 0, t.stages(), t.families(),
                    t.firstFlaggedAt(), null, t.activity(), t.contributions(), 0, List.of()),
                    "Worker \u00e9\u4e2d " + i, "Dept", t.declaredTimeZone(), t.signals()));
        }
        Report big = withWorkers(base, ws);
        String rendered = HtmlReport.render(big);
        assertThat(rendered.length()).as("larger than one flush").isGreaterThan(3 << 20);
        Path file = dir.resolve("big.html");
        HtmlReport.write(big, file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(rendered);
    }

    @Test
    void aReportReadBackFromJson_rendersTheSame(@TempDir Path dir) throws Exception {
        Report r = SampleReport.build();
        Path json = dir.resolve("report.json");
        ReportJson.write(r, json);
        assertThat(HtmlReport.render(ReportJson.read(json))).isEqualTo(HtmlReport.render(r));
    }

    @Test
    void write_toAMissingFolder_failsAndLeavesNothing(@TempDir Path dir) {
        Path file = dir.resolve("no/such/report.html");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> HtmlReport.write(SampleReport.build(), file))
                .isInstanceOf(java.io.IOException.class);
        assertThat(file).doesNotExist();
    }
}
