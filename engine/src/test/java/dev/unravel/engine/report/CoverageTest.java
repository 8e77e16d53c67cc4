package dev.unravel.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Stage;
import dev.unravel.detect.DetectConfig;
import dev.unravel.detect.Detector;
import dev.unravel.detect.Detectors;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CoverageTest {

    /** What each built-in detector says it needs, as a scan's report carries it. */
    static final Map<String, String> NEEDS = Detectors.builtIn(DetectConfig.DEFAULT).stream()
            .filter(d -> d.needs() != null).collect(java.util.stream.Collectors.toMap(Detector::id, Detector::needs));

    static Report.DetectorStats stats(String id, long events) {
        return new Report.DetectorStats(id, id + " description", null, NEEDS.get(id), events, 0, 0, 0, Map.of(), 0,
                null);
    }

    static Report withDetectors(List<Report.DetectorStats> detectors) {
        Report base = SampleReport.build();
        return new Report(base.schema(), base.generatedAt(), base.unravelVersion(), base.inputs(), base.period(),
                base.ingest(), detectors, base.resolution(), base.workersScanned(), base.levels(), base.workers(),
                base.applicants(), base.clusters(), base.scoring(), base.piiKeyEphemeral(), base.unresolved());
    }

    /** Okta and HR only: nothing of the endpoint, so the control stage is blind; one steal detector read nothing. */
    static final Report OKTA_AND_HR = withDetectors(List.of(stats("apply.ssn", 515), stats("access.foreign-country", 9_000),
            stats("hours.working-hours", 9_000), stats("sigma", 9_515), stats("control.remote-access-tool", 0),
            stats("control.ip-kvm", 0), stats("steal.repo-harvest", 120), stats("steal.repo-exposure", 0)));

    @Test
    void everyDetector_saysWhatItReads() {
        for (Detector d : Detectors.builtIn(DetectConfig.DEFAULT)) {
            if (!d.id().equals("sigma")) {
                assertThat(d.needs()).as("what %s reads, for the report's blind spots", d.id()).isNotBlank();
                assertThat(d.stage()).as("the stage of %s", d.id()).isNotNull();
            }
            if (d.id().startsWith("hours.")) {
                assertThat(d.stage()).as("clock findings are the access stage's").isEqualTo(Stage.ACCESS);
            }
        }
        assertThat(Coverage.stageOf(new Report.DetectorStats("hours.working-hours", "", "access", 0, 0, 0, 0, Map.of(),
                0, null))).as("as the report says").isEqualTo(Stage.ACCESS);
        assertThat(Coverage.stageOf(stats("control.ip-kvm", 0))).as("an older report: by its id").isEqualTo(
                Stage.CONTROL);
        assertThat(Coverage.stageOf(stats("sigma", 0))).isNull();
    }

    @Test
    void aStageNoDetectorRead_isBlind_andEachDetectorThatReadNothingSaysWhatItNeeds() {
        assertThat(Coverage.blindStages(OKTA_AND_HR)).containsExactly(Stage.CONTROL);
        assertThat(Coverage.unseen(OKTA_AND_HR)).extracting(Coverage.Unseen::detector)
                .containsExactly("control.remote-access-tool", "control.ip-kvm", "steal.repo-exposure");
        assertThat(Coverage.unseen(OKTA_AND_HR).get(1).reads()).contains("USB and monitor inventories");
        assertThat(Coverage.unseen(withDetectors(List.of(new Report.DetectorStats("control.ip-kvm", "IP-KVM devices",
                0, 0, 0, 0, Map.of(), 0, null)))).get(0).reads()).as("a report from before detectors said what they "
                + "need: what they find").isEqualTo("IP-KVM devices");

        StringWriter text = new StringWriter();
        Summary.print(OKTA_AND_HR, new PrintWriter(text, true), 5);
        assertThat(text.toString()).contains("Could not see at all: control (no detector of the stage read an event",
                "Read nothing they look at", "steal.repo-exposure", "repository transfers and visibility changes");

        String html = HtmlReport.render(OKTA_AND_HR);
        assertThat(html).contains("<b>This scan could not see control.</b>", "<h3 id=\"unseen\">Read nothing they look at",
                "<li><b>control.ip-kvm</b> (control): USB and monitor inventories");

        Report oneUnseen = withDetectors(List.of(stats("apply.ssn", 515), stats("steal.repo-harvest", 9),
                stats("steal.repo-exposure", 0)));
        assertThat(HtmlReport.render(oneUnseen)).contains("1 detector read nothing it looks at: see")
                .doesNotContain("could not see");

        Report everythingRead = withDetectors(List.of(stats("apply.ssn", 515), stats("control.ip-kvm", 4)));
        assertThat(Coverage.blindStages(everythingRead)).isEmpty();
        assertThat(Coverage.unseen(everythingRead)).isEmpty();
        assertThat(HtmlReport.render(everythingRead)).doesNotContain("id=\"unseen\"").doesNotContain("could not see");
        StringWriter quiet = new StringWriter();
        Summary.print(everythingRead, new PrintWriter(quiet, true), 5);
        assertThat(quiet.toString()).doesNotContain("Could not see").doesNotContain("Read nothing");
    }

    @Test
    void theJsonReport_saysWhatWasNotSeen_andReadsBackWithoutIt() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ReportJson.write(OKTA_AND_HR, out);
        com.fasterxml.jackson.databind.JsonNode coverage = ReportJson.mapper().readTree(out.toByteArray()).path("coverage");
        assertThat(coverage.path("blind_stages").toString()).isEqualTo("[\"control\"]");
        assertThat(coverage.path("unseen").get(2).path("detector").asText()).isEqualTo("steal.repo-exposure");
        assertThat(coverage.path("unseen").get(2).path("stage").asText()).isEqualTo("steal");
        assertThat(coverage.path("unseen").get(2).path("reads").asText()).contains("GitHub audit log");

        java.nio.file.Path file = java.nio.file.Files.createTempFile("report", ".json");
        try {
            java.nio.file.Files.write(file, out.toByteArray());
            Report back = ReportJson.read(file);
            assertThat(back.detectors()).isEqualTo(OKTA_AND_HR.detectors());
            assertThat(Coverage.blindStages(back)).containsExactly(Stage.CONTROL);
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
    }

    @Test
    void aDetectorsNoteAboutTheDataIsPrintedOnce_andShownInTheHtmlEscaped() {
        Report.DetectorStats tools = new Report.DetectorStats("control.remote-access-tool", "Remote-access tools",
                "control", NEEDS.get("control.remote-access-tool"), 9_000, 432, 0, 0, Map.of(), 0, null,
                List.of("ScreenConnect, which the company has not approved, ran on 432 computers <b>"));
        Report noted = withDetectors(List.of(stats("apply.ssn", 515), tools));
        StringWriter text = new StringWriter();
        Summary.print(noted, new PrintWriter(text, true), 5);
        assertThat(text.toString()).contains("Notes from the detectors:\n  control.remote-access-tool: "
                + "ScreenConnect, which the company has not approved, ran on 432 computers");
        assertThat(HtmlReport.render(noted)).contains("<h3 id=\"notes\">Notes from the detectors</h3>",
                "<li><b>control.remote-access-tool</b>: ScreenConnect, which the company has not approved, ran on 432 "
                        + "computers &lt;b&gt;</li>");
        // none: no heading
        StringWriter quiet = new StringWriter();
        Summary.print(withDetectors(List.of(stats("apply.ssn", 515))), new PrintWriter(quiet, true), 5);
        assertThat(quiet.toString()).doesNotContain("Notes from the detectors");
    }
}
