package dev.unravel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.cases.Assessment;
import dev.unravel.engine.report.Report;
import dev.unravel.engine.report.ReportJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportRecordsTest {

    static final String REPORT = """
            {"schema":"unravel.report/1","generated_at":"2026-04-01T00:00:00Z","inputs":["exports/"],
             "ingest":{"files":1,"records":10,"events":10,"quarantined":0,"by_format":{},"problems":[]},
             "detectors":[],"workers_scanned":3,"levels":{},
             "workers":[
              {"rank":1,"worker_id":"E100514","name":"Shirley Watson","hire_date":"2026-03-09","termination_date":null,
               "score":0.97,"level":"critical","stages":["onboard"],"signals":[]},
              {"rank":2,"worker_id":"E100511","name":"Shirley Brooks","hire_date":"2026-03-02 08:00",
               "termination_date":"2026-03-25","score":0.9,"level":"critical","stages":["onboard"],"signals":[]},
              {"rank":3,"worker_id":"E100001","name":"Alone","hire_date":"2019-01-07","score":0.1,"level":"low",
               "stages":[],"signals":[]}],
             "applicants":[{"applicant_id":"A2000777","name":"Kim Lee","score":0.5,"level":"medium","stages":["apply"],
               "signals":[]}],
             "clusters":[{"id":"C1","workers":["E100511","E100514","E100512"],"applicants":["A2000777"],"ties":[
               {"kind":"ship_to","reference":"d078488f","display":"8047 Prospect Ln, Brooklyn, NY 11215",
                "people":["E100511","E100514","A2000777"]},
               {"kind":"bank_account","reference":"d87a4265","display":null,"people":["E100511","E100512"]}]}],
             "unresolved":[]}
            """;

    @Test
    void eachPersonGetsTheirDates_andTheIdentifiersTheyShare_withTheOthersNamedAsTheReportNamesThem(@TempDir Path dir)
            throws Exception {
        Report r = ReportJson.read(Files.writeString(dir.resolve("report.json"), REPORT));
        Map<String, Assessment> people = ReportRecords.assessments(r).stream()
                .collect(Collectors.toMap(Assessment::personId, Function.identity()));

        Assessment watson = people.get("E100514");
        assertThat(watson.hireDate()).isEqualTo("2026-03-09");
        assertThat(watson.terminationDate()).isNull();
        assertThat(watson.ties()).containsExactly(new Assessment.Tie("ship_to", "8047 Prospect Ln, Brooklyn, NY 11215",
                List.of(new Assessment.Tied("worker", "E100511", "Shirley Brooks"),
                        new Assessment.Tied("applicant", "A2000777", "Kim Lee"))));

        Assessment brooks = people.get("E100511");
        assertThat(brooks.hireDate()).as("not a date: not kept").isNull();
        assertThat(brooks.terminationDate()).isEqualTo("2026-03-25");
        // a member the report lists without an entry of their own is named by id alone
        assertThat(brooks.ties()).extracting(Assessment.Tie::kind).containsExactly("ship_to", "bank_account");
        assertThat(brooks.ties().get(1).others()).containsExactly(new Assessment.Tied("worker", "E100512", null));

        assertThat(people.get("A2000777").ties()).singleElement().satisfies(t -> assertThat(t.others())
                .extracting(Assessment.Tied::id).containsExactly("E100511", "E100514"));
        assertThat(people.get("A2000777").hireDate()).isNull();
        assertThat(people.get("E100001").ties()).as("in no cluster: known to share nothing").isEmpty();
    }

    @Test
    void aForgottenPersonLeavesTheReport_andTheClustersTiesTheyHeldTogether() throws Exception {
        String without = ReportRecords.without(REPORT, "worker", "E100511");
        com.fasterxml.jackson.databind.JsonNode r = ReportJson.mapper().readTree(without);
        assertThat(r.path("workers").findValuesAsText("worker_id")).containsExactly("E100514", "E100001");
        assertThat(r.at("/clusters/0/workers").toString()).isEqualTo("[\"E100514\",\"E100512\"]");
        assertThat(r.at("/clusters/0/ties")).as("the bank account tied E100511 to one other: gone").hasSize(1);
        assertThat(r.at("/clusters/0/ties/0/people").toString()).isEqualTo("[\"E100514\",\"A2000777\"]");
        assertThat(without).doesNotContain("E100511", "Shirley Brooks");

        String noApplicant = ReportRecords.without(REPORT, "applicant", "A2000777");
        assertThat(ReportJson.mapper().readTree(noApplicant).path("applicants")).isEmpty();
        assertThat(noApplicant).doesNotContain("A2000777", "Kim Lee").contains("E100511");
        assertThat(ReportRecords.without(REPORT, "worker", "E999")).as("not named: the same string").isSameAs(REPORT);
        assertThat(ReportRecords.without(REPORT, "applicant", "E100511")).as("a worker's id as an applicant's")
                .isSameAs(REPORT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ReportRecords.without("not json", "worker", "E1"))
                .hasMessageContaining("cannot be read");
    }
}
