package dev.unravel.ingest.format.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.unravel.core.Event;
import dev.unravel.ingest.FileSummary;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.read.Limits;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.ingest.read.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingTest {

    static final String WORKDAY = """
            kind: hr-employees            # which of our files this export provides
            match: "workday_*.csv"        # which file names it applies to (glob), optional
            delimiter: ";"
            time_zone: America/New_York
            columns:
              employee_id: Employee ID
              legal_first_name: Legal First Name
              legal_last_name: Legal Last Name
              work_email: Work Email
              employment_type: Worker Type
              work_location: Location
              hire_date: { column: "Hire Dt", format: "MM/dd/yyyy" }
              termination_date: { column: "Term Date", format: "dd.MM.yyyy" }
            """;

    static final String EXPORT = "Employee ID;Legal First Name;Legal Last Name;Work Email;Worker Type;Location;"
            + "Hire Dt;Term Date;Cost Center\n"
            + "W-1001;Dana;Whitfield;dana.whitfield@northwindlabs.com;employee;Remote;02/05/2024;31.01.2025;CC-17\n"
            + "W-1002;Al;Baker;al.baker@northwindlabs.com;contractor;Remote;2024-02-05;;CC-18\n";

    @Test
    void anotherHrisExportReadsThroughItsMappingWithItsOwnHeadersDatesAndDelimiter() throws MappingException {
        Mapping m = Mapping.parse("mappings/workday.yaml", WORKDAY);
        assertThat(m.readerId()).isEqualTo("hr-employees@workday");
        RecordsCsvReader reader = m.reader();
        assertThat(reader.probe(new Sample("workday_2025-01.csv", EXPORT.getBytes(StandardCharsets.UTF_8))))
                .isEqualTo(98);
        assertThat(reader.probe(new Sample("other.csv", EXPORT.getBytes(StandardCharsets.UTF_8)))).isZero();
        // our own schema's reader does not take the export
        assertThat(new RecordsCsvReader(RecordKind.EMPLOYEES).probe(new Sample("workday_1.csv",
                EXPORT.getBytes(StandardCharsets.UTF_8)))).isZero();

        ReaderHarness.Result r = ReaderHarness.read(reader, "workday_2025-01.csv", EXPORT);
        assertThat(r.records()).isEqualTo(2);
        assertThat(r.events()).extracting(Event::type, Event::time, Event::user).containsExactly(
                org.assertj.core.groups.Tuple.tuple("hr.hire", Instant.parse("2024-02-05T00:00:00Z"), "W-1001"),
                org.assertj.core.groups.Tuple.tuple("hr.terminate", Instant.parse("2025-01-31T00:00:00Z"), "W-1001"));
        Event hire = r.events().get(0);
        assertThat(hire.document()).containsEntry("employee_id", "W-1001").containsEntry("hire_date", "2024-02-05")
                .containsEntry("termination_date", "2025-01-31")
                .containsEntry("work_email", "dana.whitfield@northwindlabs.com")
                .containsEntry("Cost Center", "CC-17")
                .doesNotContainKey("Hire Dt");
        // the second row writes its hire date in ISO, not the mapped format: rejected naming the export's column
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("Hire Dt");
            assertThat(e.line()).isEqualTo(3);
            assertThat(e.reason()).isEqualTo("is not a date in the format \"MM/dd/yyyy\": \"2024-02-05\"");
        });
    }

    @Test
    void timestampsWithoutAnOffsetAreInTheMappingsTimeZone() throws MappingException {
        Mapping m = Mapping.parse("greenhouse.yml", """
                kind: applicants
                delimiter: tab
                time_zone: America/New_York
                columns:
                  applicant_id: Candidate ID
                  applied_at: { column: Applied, format: "yyyy-MM-dd HH:mm" }
                  offer_at: Offer
                  status: Status
                """);
        String tsv = "Candidate ID\tApplied\tOffer\tStatus\n"
                + "C-1\t2024-01-08 11:20\t2024-01-22T18:00:00Z\thired\n"
                + "C-2\t2024-07-08 11:20\t2024-07-09 09:00\tin_process\n";
        ReaderHarness.Result r = ReaderHarness.read(m.reader(), "candidates.tsv", tsv);
        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(Event::type, Event::time).containsExactly(
                org.assertj.core.groups.Tuple.tuple("applicant.submitted", Instant.parse("2024-01-08T16:20:00Z")),
                org.assertj.core.groups.Tuple.tuple("applicant.offer", Instant.parse("2024-01-22T18:00:00Z")),
                org.assertj.core.groups.Tuple.tuple("applicant.submitted", Instant.parse("2024-07-08T15:20:00Z")),
                org.assertj.core.groups.Tuple.tuple("applicant.offer", Instant.parse("2024-07-09T13:00:00Z")));
        assertThat(r.events().get(0).document()).containsEntry("applied_at", "2024-01-08T16:20:00Z");
    }

    @Test
    void aMappedExportMissingARequiredColumnIsAFileLevelErrorNamingTheExportsColumn() throws MappingException {
        Mapping m = Mapping.parse("workday.yaml", WORKDAY);
        ReaderHarness.Result r = ReaderHarness.read(m.reader(), "workday_x.csv", "Employee ID;Legal First Name\nW1;A\n");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.record()).isZero();
            assertThat(e.field()).isEqualTo("Hire Dt");
            assertThat(e.reason()).contains("hr-employees@workday").contains("mapping workday.yaml");
        });
    }

    @Test
    void badMappingFilesSayWhichFileLineAndWhatIsWrong() {
        assertError("kind: hr-employes\ncolumns: {}\n", 1, "kind \"hr-employes\" is not one of ours; the kinds are "
                + "hr-employees, ");
        assertError("kind: hr-employees\ncolumns:\n  employee_id: ID\n  hire_dt: Hire\n", 4,
                "hr-employees has no column \"hire_dt\"; its columns are employee_id, ");
        assertError("kind: hr-employees\ncolumns:\n  hire_date: { column: H, format: \"MM/dd/yyyy/q{\" }\n", 3,
                "hire_date: \"MM/dd/yyyy/q{\" is not a date format");
        assertError("kind: hr-employees\ncolumns:\n  hire_date: { column: H, format: \"HH:mm\" }\n", 3,
                "has no day, month and year");
        assertError("kind: hr-employees\ncolumns:\n  title: { column: T, format: \"yyyy\" }\n", 3,
                "format applies only to date and timestamp columns");
        assertError("kind: hr-employees\ndelimiter: ';;'\ncolumns: {}\n", 2, "delimiter must be one ASCII character");
        assertError("kind: hr-employees\ntime_zone: Mars/Olympus\ncolumns: {}\n", 2, "is not a time zone");
        assertError("kind: hr-employees\nkind: applicants\ncolumns: {}\n", 2, "");
        assertError("kind: hr-employees\ncolums: {}\n", 2, "unknown key \"colums\"");
        assertError("kind: hr-employees\n", 1, "has no 'columns'");
        assertError("columns: {}\n", 1, "has no 'kind'");
        assertError("kind: [hr-employees\ncolumns: {}\n", 2, "is not valid YAML");
        assertError("kind: hr-employees\ncolumns:\n  employee_id: ID\n  username: ID\n", 4, "is already mapped to "
                + "employee_id");
        assertError("- a\n- b\n", 1, "must be a YAML mapping");
        assertError("kind: hr-employees\nmatch: exports/*.csv\ncolumns: {}\n", 2, "the name only");
    }

    @Test
    void yamlBombsAndHugeFilesAreRefused() {
        String bomb = "a: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                + "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n";
        assertThatThrownBy(() -> Mapping.parse("bomb.yaml", bomb)).isInstanceOf(MappingException.class);
        assertThatThrownBy(() -> Mapping.parse("big.yaml", "#" + "x".repeat(Mapping.MAX_CHARS)))
                .isInstanceOf(MappingException.class).hasMessageContaining("larger than");
    }

    static void assertError(String yaml, int line, String problem) {
        assertThatThrownBy(() -> Mapping.parse("m.yaml", yaml))
                .isInstanceOfSatisfying(MappingException.class, e -> {
                    assertThat(e.file()).isEqualTo("m.yaml");
                    assertThat(e.line()).as(e.getMessage()).isEqualTo(line);
                    assertThat(e.problem()).as(e.getMessage()).contains(problem);
                    assertThat(e.getMessage()).startsWith("m.yaml:" + line);
                });
    }

    @Test
    void theRunnerPassesMappingsToIngestAndTheyWinRecognition(@TempDir Path dir) throws Exception {
        Path mappingFile = dir.resolve("workday.yaml");
        Files.writeString(mappingFile, WORKDAY);
        Mappings mappings = Mappings.load(List.of(mappingFile));
        assertThat(mappings.byId("hr-employees@workday")).isPresent();
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("workday_2025.csv"), EXPORT.replace("2024-02-05", "02/06/2024"));
        List<Event> events = new ArrayList<>();
        List<FileSummary> summaries = new Ingest(null, Limits.DEFAULT, Quarantine.NONE, events::add, 10)
                .extraReaders(mappings.readers())
                .run(List.of(data));
        assertThat(summaries).singleElement().satisfies(s -> {
            assertThat(s.format()).isEqualTo("hr-employees@workday");
            assertThat(s.records()).isEqualTo(2);
            assertThat(s.quarantined()).isZero();
        });
        assertThat(events).hasSize(3);
        // and a mapping file that cannot be read says so
        assertThatThrownBy(() -> Mappings.load(List.of(dir.resolve("missing.yaml"))))
                .isInstanceOf(MappingException.class).hasMessageEndingWith("does not exist");
        Path twice = dir.resolve("sub");
        Files.createDirectories(twice);
        Files.writeString(twice.resolve("workday.yaml"), WORKDAY);
        assertThatThrownBy(() -> Mappings.load(List.of(mappingFile, twice.resolve("workday.yaml"))))
                .isInstanceOf(MappingException.class).hasMessageContaining("already gives");
        RecordError unused = null;
        assertThat(unused).isNull();
    }
}
