package dev.unravel.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.sigma.tool.SigmaBench;
import dev.unravel.sigma.tool.SigmaCheck;
import dev.unravel.sigma.tool.SigmaMatchCommand;
import dev.unravel.sigma.tool.SigmaTestCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command logic the CLI's {@code sigma check|match|test} and {@code bench sigma} call. */
class ToolTest {
    private static final String SYSMON_1 = """
            {"Event": {"System": {"Provider": {"#attributes": {"Name": "Microsoft-Windows-Sysmon"}},
              "EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational", "Computer": "pc1",
              "TimeCreated": {"#attributes": {"SystemTime": "2026-03-02T10:00:00.000Z"}},
              "Security": {"#attributes": {"UserID": "S-1-5-18"}}},
             "EventData": {"Image": "C:\\\\Windows\\\\System32\\\\whoami.exe", "CommandLine": "whoami /all",
              "User": "CORP\\\\bob"}}}
            {"Event": {"System": {"EventID": 1, "Channel": "Microsoft-Windows-Sysmon/Operational",
              "TimeCreated": {"#attributes": {"SystemTime": "2026-03-02T10:00:01.000Z"}}},
             "EventData": {"Image": "C:\\\\Windows\\\\notepad.exe"}}}
            """;
    private static final String RULE = """
            title: Whoami Execution
            id: 8d3e7b2a-0c4f-4a8e-9a31-2f1c4b7d9e01
            level: high
            tags: [attack.discovery, attack.t1033]
            logsource: {category: process_creation, product: windows}
            detection:
                selection:
                    Image|endswith: '\\whoami.exe'
                condition: selection
            """;

    @Test
    void check_countsLoadedAndFailed_withFileLineAndReason(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("good.yml"), RULE);
        Files.writeString(dir.resolve("bad.yml"), RULE.replace("endswith", "endswit"));
        StringWriter out = new StringWriter();
        LoadReport r = SigmaCheck.run(List.of(dir), List.of(), false, new PrintWriter(out));
        assertThat(r.rules()).isEqualTo(1);
        assertThat(r.failed()).isEqualTo(1);
        assertThat(out.toString()).contains("FAIL " + dir.resolve("bad.yml") + ":8:").contains("unknown modifier")
                .contains("2 files: 1 rule, 0 correlations, 0 filters loaded; 1 failed");
    }

    @Test
    void check_namesTheRulesThePrefilterCannotSkip(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("literal.yml"), RULE);
        Files.writeString(dir.resolve("short.yml"), RULE.replace("8d3e7b2a-0c4f-4a8e-9a31-2f1c4b7d9e01",
                "8d3e7b2a-0c4f-4a8e-9a31-2f1c4b7d9e02").replace("Whoami Execution", "Short value")
                .replace("Image|endswith: '\\whoami.exe'", "Image|endswith: '\\at'"));
        Files.writeString(dir.resolve("negation.yml"), RULE.replace("8d3e7b2a-0c4f-4a8e-9a31-2f1c4b7d9e01",
                "8d3e7b2a-0c4f-4a8e-9a31-2f1c4b7d9e03").replace("Whoami Execution", "Only a negation")
                .replace("condition: selection", "condition: not selection"));
        StringWriter quiet = new StringWriter();
        SigmaCheck.run(List.of(dir), List.of(), false, new PrintWriter(quiet));
        assertThat(quiet.toString()).doesNotContain("SLOW").contains("2 rules have no literal of four or more "
                + "characters (or integer) the prefilter can look for, so they are evaluated on every event of their "
                + "logsource; --warnings lists them");
        StringWriter out = new StringWriter();
        SigmaCheck.run(List.of(dir), List.of(), true, new PrintWriter(out));
        assertThat(out.toString())
                .contains("SLOW " + dir.resolve("short.yml") + ":1: Short value: evaluated on every event of its "
                        + "logsource that holds a character it needs: no literal every match needs has four or more")
                .contains("SLOW " + dir.resolve("negation.yml") + ":1: Only a negation: evaluated on every event of "
                        + "its logsource: no literal")
                .doesNotContain("Whoami Execution: evaluated");
    }

    @Test
    void match_writesOneNdjsonLinePerMatch(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("r.yml"), RULE);
        Path events = dir.resolve("events.json");
        Files.writeString(events, SYSMON_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SigmaMatchCommand.Result r = SigmaMatchCommand.run(List.of(dir.resolve("r.yml")), List.of(events), List.of(),
                out);
        assertThat(r.events()).isEqualTo(2);
        assertThat(r.matches()).isEqualTo(1);
        String line = out.toString(StandardCharsets.UTF_8).trim();
        assertThat(line.lines()).hasSize(1);
        assertThat(line).contains("\"file\":\"" + events.toString().replace("\\", "\\\\") + "\"")
                .contains("\"record\":1").contains("\"rule_id\":\"8d3e7b2a-0c4f-4a8e-9a31-2f1c4b7d9e01\"")
                .contains("\"level\":\"high\"").contains("\"tags\":[\"attack.discovery\",\"attack.t1033\"]")
                .contains("\"fields\":{\"Image\":\"C:\\\\Windows\\\\System32\\\\whoami.exe\"}");
    }

    @Test
    void test_runsRegressionDataAndHonoursMatchCount(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("r.yml"), RULE);
        Path case1 = Files.createDirectories(dir.resolve("regression_data/whoami"));
        Files.writeString(case1.resolve("info.yml"), """
                id: 00000000-0000-4000-8000-000000000000
                rule_metadata:
                    - id: 8d3e7b2a-0c4f-4a8e-9a31-2f1c4b7d9e01
                      title: Whoami Execution
                regression_tests_info:
                    - name: Positive Detection Test
                      type: evtx
                      match_count: 1
                      path: regression_data/whoami/8d3e7b2a-0c4f-4a8e-9a31-2f1c4b7d9e01.evtx
                """);
        Files.writeString(case1.resolve("8d3e7b2a-0c4f-4a8e-9a31-2f1c4b7d9e01.json"), SYSMON_1);
        StringWriter out = new StringWriter();
        SigmaTestCommand.Result r = SigmaTestCommand.run(List.of(rules), dir.resolve("regression_data"), List.of(),
                new PrintWriter(out));
        assertThat(r.passed()).isEqualTo(1);
        assertThat(out.toString()).contains("PASS 8d3e7b2a-0c4f-4a8e-9a31-2f1c4b7d9e01 Positive Detection Test")
                .contains("1 regression tests: 1 passed, 0 failed");
    }

    @Test
    void bench_reportsBothThroughputs(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("r.yml"), RULE);
        Path events = dir.resolve("events.json");
        Files.writeString(events, SYSMON_1);
        StringWriter out = new StringWriter();
        SigmaBench.Result r = SigmaBench.run(List.of(dir.resolve("r.yml")), List.of(events), List.of(), 2_000,
                new PrintWriter(out));
        assertThat(r.events()).isGreaterThanOrEqualTo(2_000);
        assertThat(r.parseOnlyPerSecond()).isPositive();
        assertThat(r.parseMatchPerSecond()).isPositive();
        assertThat(r.matchesPerPass()).isEqualTo(1_000);
        assertThat(out.toString()).contains("parse only:").contains("parse + match:");
    }

    @Test
    void benchProfile_listsLogsourcesAndTheCostliestRules(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("r.yml"), RULE);
        Path events = dir.resolve("events.json");
        Files.writeString(events, SYSMON_1);
        StringWriter out = new StringWriter();
        SigmaBench.run(List.of(dir.resolve("r.yml")), List.of(events), List.of(), 2_000, 5, new PrintWriter(out));
        assertThat(out.toString()).contains("where matching time goes (2,000 events matched without parsing")
                .containsPattern("µs per event: prefilter scan [0-9.]+, rules [0-9.]+ \\(their guards and gates [0-9.]+, "
                        + "evaluations [0-9.]+\\)")
                .containsPattern("windows/process_creation/sysmon\\s+100\\.0%\\s+1\\s")
                .contains("the 1 costliest rules of the 1 looked at")
                .containsPattern("\\s50\\.0%\\s+1000\\s.*its literals found\\s+Whoami Execution \\(r\\.yml\\)");
    }
}
