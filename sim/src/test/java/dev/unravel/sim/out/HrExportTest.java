package dev.unravel.sim.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HrExportTest {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}Z");

    @TempDir
    Path dir;

    private OutputDir export(Path root, boolean reversed, LocalDate asOf) throws IOException {
        OutputDir out = new OutputDir(root);
        HrExport.write(HrWorld.build(reversed), out, asOf);
        return out;
    }

    private CsvFile csv(String relative) throws IOException {
        return CsvFile.read(dir.resolve(relative));
    }

    @Test
    void everyCsvHasExactlyTheColumnsTheFormatDocumentLists() throws IOException {
        OutputDir out = export(dir, false, HrWorld.AS_OF);
        IntelExport.write(out);
        Map<String, List<String>> documented = documentedColumns();
        List<String> written = out.files().keySet().stream().filter(f -> f.endsWith(".csv")).toList();

        assertThat(written).containsExactlyInAnyOrderElementsOf(documented.keySet());
        for (String file : written) {
            assertThat(csv(file).header()).as(file).containsExactlyElementsOf(documented.get(file));
        }
        assertThat(csv("hr/employees.csv").header()).containsExactly("employee_id", "legal_first_name",
                "legal_last_name", "date_of_birth", "ssn", "personal_email", "work_email", "username", "phone",
                "address_line1", "address_line2", "city", "state", "postal_code", "country", "time_zone",
                "department", "title", "manager_id", "employment_type", "work_location", "hire_date",
                "termination_date", "termination_reason", "applicant_id");
    }

    @Test
    void rowCountsMatchTheWorldAndTheManifest() throws IOException {
        OutputDir out = export(dir, false, HrWorld.AS_OF);
        Map<String, Long> expected = Map.ofEntries(
                Map.entry("hr/employees.csv", 4L),
                Map.entry("hr/address_history.csv", 5L),
                Map.entry("hr/payroll.csv", 5L),
                Map.entry("hr/referrals.csv", 1L),
                Map.entry("applicants/applicants.csv", 2L),
                Map.entry("applicants/identity_verification.csv", 1L),
                Map.entry("applicants/interviews.csv", 2L),
                Map.entry("assets/assets.csv", 4L),
                Map.entry("assets/shipments.csv", 2L),
                Map.entry("assets/phone_intel.csv", 4L));
        for (Map.Entry<String, Long> e : expected.entrySet()) {
            assertThat((long) csv(e.getKey()).rows().size()).as(e.getKey()).isEqualTo(e.getValue());
            assertThat(out.files()).containsEntry(e.getKey(), e.getValue());
        }
        assertThat(out.files()).containsEntry("applicants/resumes/A001.txt", 1L)
                .containsEntry("applicants/resumes/A002.txt", 1L);
    }

    @Test
    void aValueWithACommaAndQuotesIsQuotedAndReadsBackUnchanged() throws IOException {
        export(dir, false, HrWorld.AS_OF);

        assertThat(Files.readString(dir.resolve("hr/employees.csv"))).contains(",\"Engineer, \"\"Platform\"\"\",");
        assertThat(csv("hr/employees.csv").row("employee_id", "E001").get("title")).isEqualTo(HrWorld.TRICKY_TITLE);
        assertThat(csv("applicants/interviews.csv").row("applicant_id", "A001").get("notes"))
                .isEqualTo("Strong on Go, said \"camera broken\"\nFollow up on references");
    }

    @Test
    void datesAreIsoDaysAndTimestampsAreIsoUtcToTheSecond() throws IOException {
        export(dir, false, HrWorld.AS_OF);

        Map<String, String> carla = csv("hr/employees.csv").row("employee_id", "E003");
        assertThat(carla.get("hire_date")).isEqualTo("2024-05-06").matches(DATE);
        assertThat(carla.get("termination_date")).isEqualTo("2025-03-31");
        assertThat(carla.get("date_of_birth")).matches(DATE);
        Map<String, String> check = csv("applicants/identity_verification.csv").row("applicant_id", "A001");
        assertThat(check.get("checked_at")).isEqualTo("2024-12-03T17:02:11Z").matches(TIMESTAMP);
        assertThat(check.get("selfie_match_score")).isEqualTo("0.613");
        for (Map<String, String> s : csv("assets/shipments.csv").rows()) {
            assertThat(List.of(s.get("requested_at"), s.get("shipped_at"), s.get("delivered_at")))
                    .allMatch(t -> TIMESTAMP.matcher(t).matches());
        }
    }

    @Test
    void aMoverHasTwoAddressRowsWithConsecutiveEffectiveDatesAndTheNewOneIsCurrent() throws IOException {
        export(dir, false, HrWorld.AS_OF);

        List<Map<String, String>> bob = csv("hr/address_history.csv").where("employee_id", "E002");
        assertThat(bob).hasSize(2);
        assertThat(bob.get(0)).containsEntry("effective_from", "2024-02-05")
                .containsEntry("effective_to", "2024-10-31")
                .containsEntry("city", "Denver").containsEntry("address_line2", "Apt 3");
        assertThat(bob.get(1)).containsEntry("effective_from", "2024-11-01").containsEntry("effective_to", "")
                .containsEntry("city", "Boston");
        assertThat(csv("hr/employees.csv").row("employee_id", "E002")).containsEntry("city", "Boston")
                .containsEntry("address_line1", "45 Tremont St").containsEntry("work_location", "Remote");
    }

    @Test
    void aTerminatedContractorShowsBothDepositAccountsAndAReturnedLaptop() throws IOException {
        export(dir, false, HrWorld.AS_OF);

        List<Map<String, String>> carla = csv("hr/payroll.csv").where("employee_id", "E003");
        assertThat(carla).extracting(r -> r.get("bank_name")).containsExactly("PKO Bank Polski", "mBank");
        assertThat(carla.get(0)).containsEntry("effective_from", "2024-05-06")
                .containsEntry("effective_to", "2024-08-31");
        assertThat(carla.get(1)).containsEntry("effective_from", "2024-09-01").containsEntry("effective_to", "")
                .containsEntry("deposit_percent", "100");
        assertThat(csv("hr/employees.csv").row("employee_id", "E003")).containsEntry("employment_type", "contractor")
                .containsEntry("termination_reason", "contract_ended").containsEntry("ssn", "");
        assertThat(csv("assets/assets.csv").row("assigned_employee_id", "E003")).containsEntry("status", "returned")
                .containsEntry("os", "Windows");
        assertThat(csv("assets/assets.csv").row("assigned_employee_id", "E001")).containsEntry("status", "assigned");
    }

    @Test
    void aChangedShipToKeepsTheFirstAddressAndWhenItChanged() throws IOException {
        export(dir, false, HrWorld.AS_OF);

        CsvFile shipments = csv("assets/shipments.csv");
        assertThat(shipments.row("shipment_id", "SHP-004"))
                .containsEntry("ship_to_city", "Jersey City")
                .containsEntry("ship_to_postal_code", "07302")
                .containsEntry("previous_ship_to", HrWorld.MILLER_HOME.oneLine())
                .containsEntry("ship_to_changed_at", "2025-01-08T14:12:00Z");
        assertThat(shipments.row("shipment_id", "SHP-002"))
                .containsEntry("previous_ship_to", "").containsEntry("ship_to_changed_at", "");
    }

    @Test
    void aNeverHiredApplicantHasNoEmployeeIdButKeepsTheirResume() throws IOException {
        export(dir, false, HrWorld.AS_OF);

        CsvFile applicants = csv("applicants/applicants.csv");
        assertThat(applicants.row("applicant_id", "A002")).containsEntry("employee_id", "")
                .containsEntry("status", "rejected").containsEntry("offer_at", "")
                .containsEntry("resume_file", "resumes/A002.txt");
        assertThat(dir.resolve("applicants").resolve("resumes/A002.txt"))
                .hasContent("Eve Park\nData engineer, 6 years\n");
        assertThat(applicants.row("applicant_id", "A001")).containsEntry("employee_id", "E004")
                .containsEntry("offer_at", "2024-12-20T18:00:00Z");
        assertThat(csv("hr/referrals.csv").row("applicant_id", "A001"))
                .containsEntry("referrer_employee_id", "E001").containsEntry("referred_at", "2024-11-20T15:30:00Z");
        assertThat(csv("applicants/interviews.csv").row("applicant_id", "A001"))
                .containsEntry("camera_on", "false").containsEntry("format", "video");
    }

    @Test
    void phoneIntelListsEachWorkerNumberWithItsLineType() throws IOException {
        export(dir, false, HrWorld.AS_OF);

        CsvFile phones = csv("assets/phone_intel.csv");
        assertThat(phones.row("number", "+16145550104")).containsEntry("line_type", "nonFixedVoip")
                .containsEntry("country", "US");
        assertThat(phones.row("number", "+48221234567")).containsEntry("line_type", "landline")
                .containsEntry("country", "PL");
    }

    @Test
    void anEarlierExportDayShowsOnlyWhatHadHappenedByThen() throws IOException {
        export(dir, false, LocalDate.of(2024, 8, 1));

        assertThat(csv("hr/employees.csv").rows()).extracting(r -> r.get("employee_id"))
                .containsExactly("E001", "E002", "E003");
        assertThat(csv("hr/employees.csv").row("employee_id", "E003")).containsEntry("termination_date", "");
        assertThat(csv("hr/address_history.csv").row("employee_id", "E002")).containsEntry("city", "Denver")
                .containsEntry("effective_to", "");
        assertThat(csv("hr/payroll.csv").row("employee_id", "E003")).containsEntry("bank_name", "PKO Bank Polski")
                .containsEntry("effective_to", "");
        assertThat(csv("assets/assets.csv").row("assigned_employee_id", "E003")).containsEntry("status", "assigned");
        assertThat(csv("applicants/applicants.csv").rows()).isEmpty();
    }

    @Test
    void anApplicationWhoseOfferCameAfterTheExportDayIsStillInProcess() throws IOException {
        export(dir, false, LocalDate.of(2024, 12, 1));

        assertThat(csv("applicants/applicants.csv").row("applicant_id", "A001")).containsEntry("status", "in_process")
                .containsEntry("offer_at", "").containsEntry("employee_id", "");
        assertThat(csv("applicants/interviews.csv").rows()).hasSize(1);
        assertThat(csv("applicants/identity_verification.csv").rows()).isEmpty();
    }

    @Test
    void theSameWorldGivesByteIdenticalFilesWhateverTheOrderItWasBuiltIn() throws IOException {
        OutputDir first = export(dir.resolve("a"), false, HrWorld.AS_OF);
        OutputDir second = export(dir.resolve("b"), true, HrWorld.AS_OF);

        assertThat(second.files()).isEqualTo(first.files());
        for (String file : first.files().keySet()) {
            assertThat(Files.readAllBytes(second.resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(first.resolve(file)));
        }
    }

    /** The column names listed in {@code docs/formats/hr-csv.md}, per file, in order. */
    static Map<String, List<String>> documentedColumns() throws IOException {
        String root = System.getProperty("unravel.root", "..");
        Pattern heading = Pattern.compile("^### `([^`<>]+\\.csv)`$");
        Pattern column = Pattern.compile("^\\| `([a-z0-9_]+)` \\|");
        Map<String, List<String>> byFile = new LinkedHashMap<>();
        List<String> current = null;
        for (String line : Files.readAllLines(Path.of(root, "docs", "formats", "hr-csv.md"))) {
            Matcher h = heading.matcher(line);
            Matcher c = column.matcher(line);
            if (h.matches()) {
                current = new ArrayList<>();
                byFile.put(h.group(1), current);
            } else if (line.startsWith("#")) {
                current = null;
            } else if (current != null && c.find()) {
                current.add(c.group(1));
            }
        }
        return byFile;
    }
}
