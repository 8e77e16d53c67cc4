package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SigmaCommandTest {

    private static final String RULE = """
            title: AnyDesk started from a user's Downloads folder
            id: 6f1b3a52-3c1e-4d5e-9a1f-2b7c8d9e0f11
            status: test
            level: high
            tags:
                - attack.t1219
            logsource:
                product: windows
                category: process_creation
            detection:
                selection:
                    Image|endswith: '\\AnyDesk.exe'
                    Image|contains: '\\Downloads\\'
                condition: selection
            """;

    private static String sysmon1(String image, int record) {
        return "{\"Event\":{\"System\":{\"Provider\":{\"#attributes\":{\"Name\":\"Microsoft-Windows-Sysmon\"}},"
                + "\"EventID\":1,\"TimeCreated\":{\"#attributes\":{\"SystemTime\":\"2026-03-02T14:00:0" + record
                + ".000000Z\"}},\"EventRecordID\":" + record + ",\"Channel\":\"Microsoft-Windows-Sysmon/Operational\","
                + "\"Computer\":\"NWL-LT-10001\"},\"EventData\":{\"Image\":\"" + image.replace("\\", "\\\\")
                + "\",\"CommandLine\":\"x\",\"User\":\"CORP\\\\a\"}}}";
    }

    @Test
    void check_countsLoadedAndFailedRules_andNamesTheBadOne(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("good.yml"), RULE);
        Files.writeString(tmp.resolve("bad.yml"), RULE.replace("condition: selection", "condition: selection and"));
        CliRun r = CliRun.run("sigma", "check", "--rules", tmp.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("bad.yml", "1 failed").containsPattern("\\b1 rule,");
    }

    @Test
    void match_readsEventsThroughIngest_andWritesOneLinePerMatch(@TempDir Path tmp) throws Exception {
        Path rules = Files.writeString(tmp.resolve("anydesk.yml"), RULE);
        Path events = Files.writeString(tmp.resolve("sysmon.json"), String.join("\n",
                sysmon1("C:\\Users\\a\\Downloads\\AnyDesk.exe", 1),
                sysmon1("C:\\Program Files\\AnyDesk\\AnyDesk.exe", 2),
                sysmon1("C:\\Users\\a\\Downloads\\setup.exe", 3)) + "\n");
        Path out = tmp.resolve("matches.ndjson");
        CliRun r = CliRun.run("sigma", "match", "--rules", rules.toString(), "--events", events.toString(), "--out",
                out.toString(), "--quarantine", tmp.resolve("q").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1 rule loaded", "3 events", "1 match");
        List<String> lines = Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(1);
        JsonNode m = new ObjectMapper().readTree(lines.get(0));
        assertThat(m.path("record").asLong()).isEqualTo(1);
        assertThat(m.path("rule_id").asText()).isEqualTo("6f1b3a52-3c1e-4d5e-9a1f-2b7c8d9e0f11");
        assertThat(m.path("level").asText()).isEqualTo("high");
    }

    /**
     * SigmaHQ's proxy rules read Sigma's names ({@code c-useragent}, {@code cs-host}), which the
     * Zscaler and Umbrella readers add beside the vendors' own: rclone uploading through Zscaler and
     * a script talking to Telegram's bot API through Umbrella's gateway are found.
     */
    @Test
    void sigmaHqProxyRules_matchZscalerAndUmbrellaLogs(@TempDir Path tmp) throws Exception {
        Path rules = dev.unravel.core.testing.SharedData.sigma().resolve("rules/web/proxy_generic");
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        String zscaler = "{\"sourcetype\":\"zscalernss-web\",\"event\":{\"datetime\":\"2026-03-10 02:14:09\","
                + "\"action\":\"Allowed\",\"requestsize\":\"%d\",\"responsesize\":\"512\",\"urlcategory\":\"File Host\","
                + "\"requestmethod\":\"PUT\",\"useragent\":\"%s\",\"ClientIP\":\"10.20.1.57\",\"user\":\"k@example.com\","
                + "\"url\":\"%s\",\"hostname\":\"%s\",\"appclass\":\"File Sharing\",\"pagerisk\":\"0\","
                + "\"devicehostname\":\"NWL-LT-9\"}}";
        Files.writeString(logs.resolve("web.json"), String.join("\n",
                String.format(zscaler, 734003200, "rclone/v1.66.0", "mega.nz/ul/x", "mega.nz"),
                String.format(zscaler, 2048, "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, "
                        + "like Gecko) Chrome/131.0.0.0 Safari/537.36", "github.com/", "github.com"))
                + "\n");
        Files.writeString(logs.resolve("proxy.csv"), "\"2026-03-10 02:20:00\",\"NWL-LT-9\",\"10.20.1.57\","
                + "\"203.0.113.44\",\"149.154.167.220\",\"application/json\",\"ALLOWED\",\"https://api.telegram.org/"
                + "bot123/sendDocument\",\"\",\"python-requests/2.31\",\"200\",\"48000000\",\"300\",\"0\",\"\",\"Chat\","
                + "\"\",\"\",\"\",\"\",\"\",\"Roaming Computers\",\"\",\"NWL-LT-9\",\"Roaming Computers\",\"POST\"\n");
        Path out = tmp.resolve("matches.ndjson");
        CliRun r = CliRun.run("sigma", "match", "--rules", rules.toString(), "--events", logs.toString(), "--out",
                out.toString(), "--quarantine", tmp.resolve("q").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("3 events");
        List<JsonNode> matches = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(out)) {
            if (!line.isBlank()) {
                matches.add(new ObjectMapper().readTree(line));
            }
        }
        assertThat(matches).extracting(m -> m.path("rule_id").asText()).containsExactlyInAnyOrder(
                "2c03648b-e081-41a5-b9fb-7d854a915091", // Rclone Activity via Proxy
                "b494b165-6634-483d-8c47-2026a6c52372"); // Telegram API Access
    }

    @Test
    void match_readsFilesAsOneTimeline_soACorrelationAcrossFilesIsFound(@TempDir Path tmp) throws Exception {
        Path rules = Files.writeString(tmp.resolve("recon.yml"), """
                title: Net
                id: 6f1b3a52-3c1e-4d5e-9a1f-2b7c8d9e0f21
                name: net_exec
                logsource: {product: windows, category: process_creation}
                detection:
                    selection:
                        Image|endswith: '\\net.exe'
                    condition: selection
                ---
                title: Whoami
                id: 6f1b3a52-3c1e-4d5e-9a1f-2b7c8d9e0f22
                name: whoami_exec
                logsource: {product: windows, category: process_creation}
                detection:
                    selection:
                        Image|endswith: '\\whoami.exe'
                    condition: selection
                ---
                title: Net then whoami on one host
                id: 6f1b3a52-3c1e-4d5e-9a1f-2b7c8d9e0f23
                correlation:
                    type: temporal_ordered
                    rules: [net_exec, whoami_exec]
                    group-by: [Computer]
                    timespan: 1m
                    generate: true
                """);
        // the file read first by name holds the later event
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(logs.resolve("a-host.json"), sysmon1("C:\\Windows\\System32\\whoami.exe", 5) + "\n");
        Files.writeString(logs.resolve("b-host.json"), sysmon1("C:\\Windows\\System32\\net.exe", 2) + "\n");
        Path out = tmp.resolve("matches.ndjson");
        CliRun r = CliRun.run("sigma", "match", "--rules", rules.toString(), "--events", logs.toString(), "--out",
                out.toString(), "--quarantine", tmp.resolve("q").toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<String> lines = Files.readAllLines(out).stream().filter(l -> !l.isBlank()).toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).contains("\"title\":\"Net\"", "b-host.json");
        assertThat(lines.get(1)).contains("\"title\":\"Whoami\"", "a-host.json");
        assertThat(lines.get(2)).contains("\"kind\":\"correlation\"", "Net then whoami on one host");
    }

    @Test
    void match_saysWhichFilesItCouldNotRead_andStillMatchesTheOthers(@TempDir Path tmp) throws Exception {
        Path rules = Files.writeString(tmp.resolve("anydesk.yml"), RULE);
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        Files.writeString(logs.resolve("sysmon.json"), sysmon1("C:\\Users\\a\\Downloads\\AnyDesk.exe", 1) + "\n");
        Files.writeString(logs.resolve("notes.txt"), "buy milk\nand bread\n");
        Files.writeString(logs.resolve(".hidden.json"), sysmon1("C:\\Users\\a\\Downloads\\AnyDesk.exe", 2) + "\n");
        Files.write(logs.resolve("broken.json.gz"), new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        Path out = tmp.resolve("matches.ndjson");
        CliRun r = CliRun.run("sigma", "match", "--rules", rules.toString(), "--events", logs.toString(), "--out",
                out.toString(), "--quarantine", tmp.resolve("q").toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(Files.readAllLines(out).stream().filter(l -> !l.isBlank())).hasSize(1);
        assertThat(r.out()).contains("1 match ->", "; 3 files not read (listed on standard error)");
        assertThat(r.err()).contains("not read: " + logs.resolve(".hidden.json"), "hidden")
                .contains("not read: " + logs.resolve("notes.txt"))
                .contains("not read: " + logs.resolve("broken.json.gz"));
    }

    @Test
    void benchSigmaProfile_namesTheRuleAndWhyItIsEvaluated_andRefusesANegativeCount(@TempDir Path tmp)
            throws Exception {
        Path rules = Files.writeString(tmp.resolve("anydesk.yml"), RULE);
        Path events = Files.writeString(tmp.resolve("sysmon.json"), String.join("\n",
                sysmon1("C:\\Users\\a\\Downloads\\AnyDesk.exe", 1),
                sysmon1("C:\\Windows\\notepad.exe", 2)) + "\n");
        CliRun r = CliRun.run("bench", "sigma", "--rules", rules.toString(), "--events", events.toString(),
                "--events-min", "1000", "--profile", "3");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("host: ").contains("parse + match:", "where matching time goes",
                        "windows/process_creation/sysmon")
                .containsPattern("its literals found\\s+AnyDesk started from a user's Downloads folder \\(anydesk.yml\\)");
        CliRun bad = CliRun.run("bench", "sigma", "--rules", rules.toString(), "--events", events.toString(),
                "--profile", "-1");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.err()).contains("--profile takes a number of rules, 0 or more; got -1");
    }

    @Test
    void match_missingRules_isOneLineError(@TempDir Path tmp) {
        CliRun r = CliRun.run("sigma", "match", "--rules", tmp.resolve("none").toString(), "--events", tmp.toString(), "--out",
                tmp.resolve("o").toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("unravel sigma match: --rules").endsWith("does not exist");
    }
}
