package dev.unravel.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestCommandTest {

    private static final String OKTA = "{\"published\":\"2026-03-02T14:00:00.000Z\",\"eventType\":\"user.session.start\","
            + "\"uuid\":\"a\",\"actor\":{\"alternateId\":\"a@example.com\",\"type\":\"User\"},\"client\":{\"ipAddress\":"
            + "\"203.0.113.9\"},\"outcome\":{\"result\":\"SUCCESS\"},\"severity\":\"INFO\",\"version\":\"0\"}";

    @Test
    void check_printsFormatCountsAndErrors_andQuarantinesTheBadRecord(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("okta.json"), OKTA + "\n" + OKTA.replace("2026-03-02T14:00:00.000Z",
                "not a time") + "\n" + OKTA + "\n");
        Path q = tmp.resolve("q.ndjson");
        CliRun r = CliRun.run("ingest", "check", "--quarantine", q.toString(), file.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("okta", "records 3", "accepted 2", "quarantined 1", ":2 (record 2) field 'published'");
        assertThat(Files.readAllLines(q)).singleElement().asString().contains("\"record\":2", "published");
    }

    @Test
    void show_printsTheRecordsBehindEvidence_andSaysWhichCannotBeShown(@TempDir Path tmp) throws Exception {
        String second = OKTA.replace("203.0.113.9", "185.242.5.85").replace("\"uuid\":\"a\"", "\"uuid\":\"b\"");
        Path file = Files.writeString(tmp.resolve("okta.json"), OKTA + "\n" + second + "\n");
        CliRun r = CliRun.run("ingest", "show", file + "#2", tmp.resolve("gone.json") + "#1");
        assertThat(r.code()).as("one cannot be shown").isEqualTo(1);
        assertThat(r.out()).contains(file + "#2 (okta; file last changed ")
                .contains("2026-03-02T14:00:00Z  okta user.session.start  user a@example.com  from 185.242.5.85")
                .contains("\"uuid\" : \"b\"").doesNotContain("\"uuid\" : \"a\"");
        assertThat(r.err()).contains("gone.json#1: ").contains("gone.json is no longer there");

        java.nio.file.Path report = Files.writeString(tmp.resolve("report.json"), "{\"schema\":\"unravel.report/1\","
                + "\"workers\":[],\"applicants\":[],\"evidence_files\":[{\"path\":"
                + new ObjectMapper().writeValueAsString(file.toString()) + ",\"bytes\":1,\"sha256\":\""
                + dev.unravel.ingest.RecordLookup.sha256(file) + "\"}]}");
        assertThat(CliRun.run("ingest", "show", "--report", report.toString(), file + "#2").out())
                .contains("  The file is as the report read it (SHA-256 ");
        Files.writeString(file, OKTA + "\n", java.nio.file.StandardOpenOption.APPEND);
        assertThat(CliRun.run("ingest", "show", "--report", report.toString(), file + "#2").out())
                .contains("  The file has CHANGED since the report read it");

        CliRun json = CliRun.run("ingest", "show", "--json", file + "#1");
        assertThat(json.code()).as(json.err()).isZero();
        JsonNode line = new ObjectMapper().readTree(json.out());
        assertThat(line.get("ref").asText()).isEqualTo(file + "#1");
        assertThat(line.get("format").asText()).isEqualTo("okta");
        assertThat(line.at("/events/0/source_ip").asText()).isEqualTo("203.0.113.9");
        assertThat(line.at("/events/0/document/client/ipAddress").asText()).as("the vendor's own keys")
                .isEqualTo("203.0.113.9");
    }

    @Test
    void checkJson_isMachineReadable(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("okta.json"), OKTA + "\n");
        CliRun r = CliRun.run("ingest", "check", "--json", "--quarantine", tmp.resolve("q").toString(), file.toString(),
                Files.writeString(tmp.resolve("notes.txt"), "plain words\n").toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.at("/files/0/format").asText()).isEqualTo("okta");
        assertThat(json.at("/files/0/accepted").asLong()).isEqualTo(1);
        assertThat(json.at("/files/1/format").asText()).isEqualTo("unknown");
        assertThat(json.at("/totals/records").asLong()).isEqualTo(1);

        CliRun text = CliRun.run("ingest", "check", "--quarantine", tmp.resolve("q2").toString(),
                tmp.resolve("notes.txt").toString());
        assertThat(text.out()).contains("is in no format Unravel recognises",
                "(--format ID reads it as a format you name; 'unravel ingest formats' lists them)");
    }

    @Test
    void check_unknownFormatOption_listsTheKnownOnes(@TempDir Path tmp) throws Exception {
        Path file = Files.writeString(tmp.resolve("x.json"), OKTA);
        CliRun r = CliRun.run("ingest", "check", "--format", "nope", file.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("unravel ingest check: unknown --format 'nope'").contains("okta", "zeek-json");
    }

    @Test
    void check_badMappingFile_stopsBeforeReading_withFileAndLine(@TempDir Path tmp) throws Exception {
        Path mapping = Files.writeString(tmp.resolve("bad.yaml"), "kind: hr-employees\ncolumns:\n  no_such_column: X\n");
        CliRun r = CliRun.run("ingest", "check", "--mapping", mapping.toString(), tmp.toString());
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml:3");
    }

    @Test
    void check_missingPath_isOneLineError() {
        CliRun r = CliRun.run("ingest", "check", "/no/such/folder");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("unravel ingest check: /no/such/folder does not exist");
    }

    @Test
    void formats_listsEveryReader() {
        CliRun r = CliRun.run("ingest", "formats");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("okta", "entra-signin", "windows-evtx-json", "winlogbeat", "osquery", "zeek-tsv",
                "github-audit", "crowdstrike-fdr", "gworkspace", "hr-employees", "email-eml", "email-mbox");
    }

    @Test
    void benchIngest_printsRecordsPerSecondPerFormat(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("okta.json"), (OKTA + "\n").repeat(50));
        CliRun r = CliRun.run("bench", "ingest", "--rounds", "1", "--warmup", "0", tmp.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("host: ").contains("records/s", "okta")
                .containsPattern("okta\\s+[\\d,]+\\s+[\\d.]+\\s+50");
    }

    @Test
    void benchScanReadOnly_countsEveryEventOfEveryFile(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("okta-2026-03-02.json"), (OKTA + "\n").repeat(30));
        Files.writeString(tmp.resolve("okta-2026-03-03.json"), (OKTA.replace("03-02", "03-03") + "\n").repeat(20)
                + "not json\n");
        CliRun r = CliRun.run("bench", "scan", "--read-only", tmp.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).startsWith("host: ").contains("read only: 50 events", "events/s", "µs/event", "; 1 records quarantined")
                .doesNotContain("not read");
    }

    @Test
    void benchScan_saysWhatItsFiguresLeaveOut(@TempDir Path tmp) throws Exception {
        Files.writeString(tmp.resolve("okta-2026-03-02.json"), (OKTA + "\n").repeat(30) + "not json\n");
        Files.writeString(tmp.resolve("notes.txt"), "nothing any reader knows\n");
        CliRun read = CliRun.run("bench", "scan", "--read-only", tmp.toString());
        assertThat(read.code()).as(read.err()).isZero();
        // the unrecognised file is a quarantine entry too (record 0), as in a scan
        assertThat(read.out()).contains("read only: 30 events", "; 2 records quarantined",
                "; 1 files not read in full (listed on standard error)");
        assertThat(read.err()).contains("not read: ").contains("notes.txt");
        CliRun scan = CliRun.run("bench", "scan", tmp.toString());
        assertThat(scan.code()).as(scan.err()).isZero();
        assertThat(scan.out()).contains("; 2 records quarantined", "; 2 files with problems (listed on standard error)");
        assertThat(scan.err()).contains("problem: ").contains("okta-2026-03-02.json");
    }

    @Test
    void benchScanRules_addTheirSignals_andAreRefusedWithReadOnly(@TempDir Path tmp) throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs"));
        for (int day = 2; day <= 4; day++) {
            String date = "2026-03-0" + day;
            Files.writeString(logs.resolve("okta-" + date + ".json"), (OKTA.replace("2026-03-02", date) + "\n").repeat(3));
        }
        Path rule = Files.writeString(tmp.resolve("okta-start.yml"), """
                title: Okta session started
                id: 2f0c9f8e-1b7a-4c55-9e43-5b1d3c7a9e01
                level: low
                logsource: {product: okta, service: okta}
                detection:
                    selection:
                        eventType: user.session.start
                    condition: selection
                """);
        CliRun without = CliRun.run("bench", "scan", logs.toString());
        CliRun with = CliRun.run("bench", "scan", logs.toString(), "--rules", rule.toString());
        assertThat(without.code()).as(without.err()).isZero();
        assertThat(with.code()).as(with.err()).isZero();
        assertThat(signals(with.out())).isGreaterThan(signals(without.out()));
        CliRun both = CliRun.run("bench", "scan", "--read-only", logs.toString(), "--rules", rule.toString());
        assertThat(both.code()).isNotZero();
        assertThat(both.err()).contains("--rules has no effect with --read-only");
    }

    private static long signals(String benchOut) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("signals ([0-9,]+)").matcher(benchOut);
        assertThat(m.find()).as(benchOut).isTrue();
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
