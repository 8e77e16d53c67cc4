package dev.unravel.ingest.format.records;

import dev.unravel.core.testing.SharedData;
import static org.assertj.core.api.Assertions.assertThat;

import dev.unravel.core.Event;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.ReaderHarness;
import dev.unravel.ingest.read.RecordError;
import dev.unravel.ingest.read.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RecordsCsvReaderTest {

    static RecordsCsvReader reader(RecordKind kind) {
        return new RecordsCsvReader(kind);
    }

    static Sample sample(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new Sample(file.getFileName().toString(), in.readNBytes(Sample.SIZE));
        }
    }

    /** Data rows of a simulator CSV, as its manifest counts them. */
    static long manifestCount(Path sim, String relative) throws IOException {
        String json = Files.readString(sim.resolve("simulation.json"));
        int at = json.indexOf("\"" + relative + "\"");
        assertThat(at).as("manifest entry for " + relative).isPositive();
        String rest = json.substring(at + relative.length() + 2).replaceFirst("^\\s*:\\s*", "");
        return Long.parseLong(rest.replaceAll("^(\\d+).*", "$1").replaceAll("(?s)\\D.*", ""));
    }

    static Stream<Arguments> simulatorFiles() {
        return Stream.of(
                Arguments.of(RecordKind.EMPLOYEES, "hr.terminate"),
                Arguments.of(RecordKind.ADDRESS_HISTORY, null),
                Arguments.of(RecordKind.PAYROLL, null),
                Arguments.of(RecordKind.REFERRALS, null),
                Arguments.of(RecordKind.APPLICANTS, "applicant.offer"),
                Arguments.of(RecordKind.IDENTITY_VERIFICATION, null),
                Arguments.of(RecordKind.INTERVIEWS, null),
                Arguments.of(RecordKind.ASSETS, null),
                Arguments.of(RecordKind.SHIPMENTS, "asset.ship_to_changed"),
                Arguments.of(RecordKind.PHONE_INTEL, null),
                Arguments.of(RecordKind.IP_INTEL, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("simulatorFiles")
    void simulatorOutputReadsWithZeroRejectionsAndIsRecognisedByItsHeader(RecordKind kind, String secondType)
            throws IOException {
        Path sim = SimOutput.get();
        Path file = sim.resolve(kind.file());
        assertThat(Formats.recognise(sample(file))).get().satisfies(r -> {
            assertThat(r.reader().id()).isEqualTo(kind.id());
            assertThat(r.confidence()).isEqualTo(95);
        });
        ReaderHarness.Result result = ReaderHarness.read(reader(kind), file);
        assertThat(result.errors()).isEmpty();
        assertThat(result.failure()).isNull();
        long rows = manifestCount(sim, kind.file());
        assertThat(result.records()).isEqualTo(rows).isPositive();
        String firstType = result.events().get(0).type();
        long first = result.events().stream().filter(e -> e.type().equals(firstType)).count();
        assertThat(first).isEqualTo(rows);
        if (secondType != null) {
            String col = switch (secondType) {
                case "hr.terminate" -> "termination_date";
                case "applicant.offer" -> "offer_at";
                default -> "ship_to_changed_at";
            };
            long withColumn = result.events().stream().filter(e -> e.type().equals(firstType))
                    .filter(e -> e.document().get(col) != null).count();
            assertThat(withColumn).as("rows with " + col).isPositive();
            assertThat(result.events()).hasSize((int) (rows + withColumn));
            assertThat(result.events().stream().filter(e -> e.type().equals(secondType)).count()).isEqualTo(withColumn);
        } else {
            assertThat(result.events()).hasSize((int) rows);
        }
        for (Event e : result.events()) {
            assertThat(e.source()).isEqualTo(kind.source());
            assertThat(e.logSource()).isEqualTo(LogSource.of("unravel", null, kind.service()));
            assertThat(e.origin().file()).isEqualTo(file.toString());
        }
    }

    @Test
    void simulatorResumesReadAsOneEventEachAndReadmeIsNotAResume() throws IOException {
        Path sim = SimOutput.get();
        ResumeTextReader resumes = new ResumeTextReader();
        List<Path> files;
        try (Stream<Path> s = Files.list(sim.resolve("applicants/resumes"))) {
            files = s.sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            assertThat(Formats.recognise(sample(f))).get().extracting(r -> r.reader().id()).isEqualTo("resume-text");
            ReaderHarness.Result r = ReaderHarness.read(resumes, f);
            assertThat(r.errors()).isEmpty();
            assertThat(r.events()).singleElement().satisfies(e -> {
                String id = f.getFileName().toString().replace(".txt", "");
                assertThat(e.user()).isEqualTo(id);
                assertThat(e.type()).isEqualTo("applicant.resume");
                assertThat(e.time()).isEqualTo(Instant.EPOCH);
                assertThat((String) e.document().get("text")).isEqualTo(Files.readString(f));
            });
        }
        dev.unravel.ingest.read.Sample prose = new dev.unravel.ingest.read.Sample("notes.txt",
                "ip-ranges.csv: one row per IPv4 block.\nnetwork_type is residential, office or vpn.\n"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(resumes.probe(prose)).isZero();
        assertThat(Formats.recognise(prose)).isEmpty();
    }

    // ---------------------------------------------------------------- hand-written rows

    static final String EMPLOYEES_HEADER = "employee_id,legal_first_name,legal_last_name,date_of_birth,ssn,"
            + "personal_email,work_email,username,phone,address_line1,address_line2,city,state,postal_code,country,"
            + "time_zone,department,title,manager_id,employment_type,work_location,hire_date,termination_date,"
            + "termination_reason,applicant_id\n";

    @Test
    void anEmployeeRowBecomesAHireAndATerminationWithTheRowAsDocument() {
        String csv = EMPLOYEES_HEADER
                + "E00042,Dana,Whitfield,1991-07-14,521-44-0193,dana@gmail.com,dana.whitfield@northwindlabs.com,"
                + "dwhitfield,+14155550123,1234 Valencia St,Apt 5,San Francisco,CA,94110,US,America/Los_Angeles,"
                + "Engineering,\"Engineer, \"\"Platform\"\"\",E00007,employee,Remote,2024-02-05,2025-01-31,"
                + "performance,A00318\n";
        ReaderHarness.Result r = ReaderHarness.read(reader(RecordKind.EMPLOYEES), "hr/employees.csv", csv);
        assertThat(r.errors()).isEmpty();
        assertThat(r.events()).extracting(Event::type, Event::time).containsExactly(
                org.assertj.core.groups.Tuple.tuple("hr.hire", Instant.parse("2024-02-05T00:00:00Z")),
                org.assertj.core.groups.Tuple.tuple("hr.terminate", Instant.parse("2025-01-31T00:00:00Z")));
        Event hire = r.events().get(0);
        assertThat(hire.user()).isEqualTo("E00042");
        assertThat(hire.source()).isEqualTo("hr");
        assertThat(hire.logSource()).isEqualTo(LogSource.of("unravel", null, "hr"));
        assertThat(hire.document()).containsEntry("title", "Engineer, \"Platform\"")
                .containsEntry("work_email", "dana.whitfield@northwindlabs.com")
                .containsEntry("termination_reason", "performance");
        assertThat(hire.origin().record()).isEqualTo(1);
        assertThat(r.events().get(1).field("termination_reason")).isEqualTo("performance");
    }

    @Test
    void aSemicolonOrTabSeparatedExport_asEuropeanSpreadsheetsSaveIt_isRecognisedAndReadAsTheCommaOne() {
        String row = "E00042,Dana,Whitfield,1991-07-14,521-44-0193,dana@gmail.com,dana.whitfield@northwindlabs.com,"
                + "dwhitfield,+14155550123,1234 Valencia St,Apt 5,San Francisco,CA,94110,US,America/Los_Angeles,"
                + "Engineering,TITLE,E00007,employee,Remote,2024-02-05,,,A00318\n";
        String comma = EMPLOYEES_HEADER + row.replace("TITLE", "\"Engineer, \"\"Platform\"\"; Data\"");
        ReaderHarness.Result expected = ReaderHarness.read(reader(RecordKind.EMPLOYEES), "hr/employees.csv", comma);
        for (String d : List.of(";", "\t")) {
            String text = (EMPLOYEES_HEADER + row).replace(",", d).replace("TITLE",
                    "\"Engineer, \"\"Platform\"\"; Data\"");
            Sample sample = new Sample("hr/employees.csv", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(reader(RecordKind.EMPLOYEES).probe(sample)).as("delimiter " + d).isGreaterThanOrEqualTo(50);
            ReaderHarness.Result r = ReaderHarness.read(reader(RecordKind.EMPLOYEES), "hr/employees.csv", text);
            assertThat(r.errors()).as("delimiter " + d).isEmpty();
            assertThat(r.events()).singleElement().satisfies(e -> {
                assertThat(e.document()).isEqualTo(expected.events().get(0).document());
                assertThat(e.field("title")).isEqualTo("Engineer, \"Platform\"; Data");
            });
        }
    }

    @Test
    void aBadDateOrAMissingIdRejectsTheRowNamingTheColumnAndTheNextRowStillReads() {
        String good = "E2,Ann,Lee,,,,,,,,,,,,,,,,,employee,Remote,2024-03-01,,,\n";
        String csv = EMPLOYEES_HEADER
                + "E1,Bob,Ray,,,,,,,,,,,,,,,,,employee,Remote,03/01/2024,,,\n"
                + ",Cy,Ode,,,,,,,,,,,,,,,,,employee,Remote,2024-03-01,,,\n"
                + "E3,Di,Fox,,,,,,,,,,,,,,,,,employee,Remote,2024-03-01,2024-13-45,,\n"
                + good;
        ReaderHarness.Result r = ReaderHarness.read(reader(RecordKind.EMPLOYEES), "e.csv", csv);
        assertThat(r.records()).isEqualTo(4);
        assertThat(r.accepted()).isEqualTo(1);
        assertThat(r.errors()).extracting(RecordError::line, RecordError::field, RecordError::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2L, "hire_date", "is not a date (yyyy-MM-dd; a column-mapping "
                        + "file, --mapping, reads dates written otherwise, such as MM/dd/yyyy: docs/formats/hr-csv.md): "
                        + "\"03/01/2024\""),
                org.assertj.core.groups.Tuple.tuple(3L, "employee_id", "is missing"),
                org.assertj.core.groups.Tuple.tuple(4L, "termination_date",
                        "is not a date (yyyy-MM-dd): \"2024-13-45\""));
        assertThat(r.events()).singleElement().extracting(Event::user).isEqualTo("E2");
    }

    @Test
    void aFileWithoutARequiredColumnIsOneFileLevelErrorNamingIt() {
        String csv = "employee_id,legal_first_name,legal_last_name,employment_type,work_location\nE1,A,B,employee,Remote\n";
        ReaderHarness.Result r = ReaderHarness.read(reader(RecordKind.EMPLOYEES), "e.csv", csv);
        assertThat(r.records()).isZero();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.record()).isZero();
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.field()).isEqualTo("hire_date");
            assertThat(e.reason()).startsWith("is not a column of the header, so the file cannot be read as hr-employees");
        });
    }

    @Test
    void identityVerificationCarriesTheCheckAddressAsSourceIp() {
        String csv = "applicant_id,checked_at,vendor,document_type,document_country,liveness_result,"
                + "document_selfie_match,selfie_match_score,ip_address,ip_country,outcome\n"
                + "A00318,2024-01-19T17:02:11Z,TrueID Verify,drivers_license,US,fail,mismatch,0.412,"
                + "185.242.4.10,NL,manual_review\n"
                + "A00319,2024-01-19 17:02,TrueID Verify,drivers_license,US,pass,match,0.9,,,approved\n"
                + "A00320,yesterday,TrueID Verify,drivers_license,US,pass,match,0.9,,,approved\n";
        ReaderHarness.Result r = ReaderHarness.read(reader(RecordKind.IDENTITY_VERIFICATION), "i.csv", csv);
        assertThat(r.events()).hasSize(2);
        Event e = r.events().get(0);
        assertThat(e.type()).isEqualTo("applicant.identity_verification");
        assertThat(e.time()).isEqualTo(Instant.parse("2024-01-19T17:02:11Z"));
        assertThat(e.user()).isEqualTo("A00318");
        assertThat(e.sourceIp()).isEqualTo("185.242.4.10");
        assertThat(e.source()).isEqualTo("applicants");
        assertThat(r.events().get(1).sourceIp()).isNull();
        assertThat(r.errors()).singleElement().extracting(RecordError::field, RecordError::reason)
                .containsExactly("checked_at", "is not a timestamp (yyyy-MM-ddTHH:mm:ssZ): \"yesterday\"");
    }

    /**
     * Which row an event is, the same in the next snapshot of the export: a check's row with its
     * outcome corrected is that check; the applicant's next check, another row; an employee's row is
     * the employee whatever else changed.
     */
    @Test
    void aRowsIdentityIsTheSameInTheNextSnapshot() {
        String header = "applicant_id,checked_at,vendor,document_type,document_country,liveness_result,"
                + "document_selfie_match,selfie_match_score,ip_address,ip_country,outcome\n";
        String check = "A00318,2024-01-19T17:02:11Z,TrueID Verify,drivers_license,US,fail,mismatch,0.412,"
                + "185.242.4.10,NL,manual_review\n";
        List<Event> first = ReaderHarness.read(reader(RecordKind.IDENTITY_VERIFICATION), "day1.csv",
                header + check).events();
        List<Event> next = ReaderHarness.read(reader(RecordKind.IDENTITY_VERIFICATION), "day2.csv", header
                + check.replace("manual_review", "declined") + check.replace("17:02:11", "18:30:00")).events();
        assertThat(RecordKind.rowIdentity(first.get(0))).isEqualTo(RecordKind.rowIdentity(next.get(0)))
                .isEqualTo("applicant.identity_verification A00318@2024-01-19T17:02:11Z");
        assertThat(RecordKind.rowIdentity(next.get(1))).isNotEqualTo(RecordKind.rowIdentity(next.get(0)));

        String row = "E00042,Dana,Whitfield,1991-07-14,521-44-0193,dana@gmail.com,dana.whitfield@northwindlabs.com,"
                + "dwhitfield,+14155550123,1234 Valencia St,Apt 5,San Francisco,CA,94110,US,America/Los_Angeles,"
                + "Engineering,Engineer,E00007,employee,Remote,2024-02-05,,,A00318\n";
        Event hired = ReaderHarness.read(reader(RecordKind.EMPLOYEES), "day1.csv", EMPLOYEES_HEADER + row).events()
                .get(0);
        Event renamed = ReaderHarness.read(reader(RecordKind.EMPLOYEES), "day2.csv", EMPLOYEES_HEADER
                + row.replace("Engineering", "Platform Engineering")).events().get(0);
        assertThat(RecordKind.rowIdentity(hired)).isEqualTo(RecordKind.rowIdentity(renamed)).isEqualTo("hr.hire E00042");
        Event log = new Event(hired.time(), "okta", "user.session.start", dev.unravel.core.LogSource.NONE, "dana",
                null, null, java.util.Map.of(), null);
        assertThat(RecordKind.rowIdentity(log)).as("no export's row").isNull();
        assertThat(RecordKind.rowIdentity(log, "okta.json#3")).isEqualTo("user.session.start read at okta.json#3");
    }

    @Test
    void shipmentsAreDatedByPickupOrElseRequestAndAShipToChangeIsItsOwnEvent() {
        String csv = "shipment_id,asset_tag,employee_id,carrier,tracking_number,ship_to_name,ship_to_line1,"
                + "ship_to_line2,ship_to_city,ship_to_state,ship_to_postal_code,ship_to_country,previous_ship_to,"
                + "ship_to_changed_at,requested_at,shipped_at,delivered_at\n"
                + "SHP-1,NWL-1,E1,UPS,1Z,Dana W,88 Harbor Rd,Unit 3,Jersey City,NJ,07302,US,"
                + "\"1234 Valencia St, Apt 5, San Francisco, CA 94110, US\",2024-01-29T14:12:00Z,"
                + "2024-01-23T10:00:00Z,2024-01-30T21:40:00Z,2024-02-01T18:05:00Z\n"
                + "SHP-2,NWL-2,E2,UPS,1Z,Al B,1 Main St,,Austin,TX,78701,US,,,2024-02-23T10:00:00Z,,\n"
                + "SHP-3,NWL-3,E3,UPS,1Z,Al B,1 Main St,,Austin,TX,78701,US,,,,,\n";
        ReaderHarness.Result r = ReaderHarness.read(reader(RecordKind.SHIPMENTS), "s.csv", csv);
        assertThat(r.events()).extracting(Event::type, Event::time, Event::user).containsExactly(
                org.assertj.core.groups.Tuple.tuple("asset.shipment", Instant.parse("2024-01-30T21:40:00Z"), "E1"),
                org.assertj.core.groups.Tuple.tuple("asset.ship_to_changed", Instant.parse("2024-01-29T14:12:00Z"), "E1"),
                org.assertj.core.groups.Tuple.tuple("asset.shipment", Instant.parse("2024-02-23T10:00:00Z"), "E2"));
        assertThat(r.errors()).singleElement().extracting(RecordError::record, RecordError::field)
                .containsExactly(3L, "shipped_at");
        assertThat(r.events().get(0).document()).containsEntry("previous_ship_to",
                "1234 Valencia St, Apt 5, San Francisco, CA 94110, US");
    }

    @Test
    void assetsNameTheHostAndReferenceTablesAreUndatedRecords() {
        ReaderHarness.Result a = ReaderHarness.read(reader(RecordKind.ASSETS), "a.csv",
                "asset_tag,serial_number,model,os,hostname,assigned_employee_id,assigned_at,status\n"
                        + "NWL-004211,C02G,MacBook Pro,macOS,NWL-MAC-4211,E00042,2024-02-05,assigned\n");
        assertThat(a.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("asset.assigned");
            assertThat(e.host()).isEqualTo("NWL-MAC-4211");
            assertThat(e.user()).isEqualTo("E00042");
            assertThat(e.time()).isEqualTo(Instant.parse("2024-02-05T00:00:00Z"));
        });
        ReaderHarness.Result ip = ReaderHarness.read(reader(RecordKind.IP_INTEL), "ip-ranges.csv",
                "start_ip,end_ip,cidr,country,asn,as_org,network_type,is_vpn,is_hosting,is_corporate\n"
                        + "185.242.4.0,185.242.7.255,185.242.4.0/22,NL,9009,\"M247 Europe SRL\",vpn,true,false,false\n");
        assertThat(ip.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("reference.ip_range");
            assertThat(e.source()).isEqualTo("reference");
            assertThat(e.time()).isEqualTo(RecordKind.UNDATED);
            assertThat(e.logSource()).isEqualTo(LogSource.of("unravel", null, "reference"));
            assertThat(e.document()).containsEntry("as_org", "M247 Europe SRL").containsEntry("asn", "9009");
        });
        ReaderHarness.Result phone = ReaderHarness.read(reader(RecordKind.PHONE_INTEL), "p.csv",
                "number,carrier,line_type,country\n+14155550123,Bandwidth,nonFixedVoip,US\n,x,mobile,US\n");
        assertThat(phone.events()).singleElement().extracting(Event::type).isEqualTo("reference.phone");
        assertThat(phone.errors()).singleElement().extracting(RecordError::field).isEqualTo("number");
    }

    @Test
    void payrollAddressReferralInterviewAndApplicantRowsMapToTheirTypes() {
        assertThat(ReaderHarness.read(reader(RecordKind.PAYROLL), "p.csv",
                "employee_id,effective_from,effective_to,bank_name,routing_number,account_number,account_type,"
                        + "deposit_percent\nE1,2024-02-05,2024-06-14,Chase Bank,021000021,000123456789,checking,100\n")
                .events()).singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo("payroll.account");
                    assertThat(e.source()).isEqualTo("payroll");
                    assertThat(e.document()).containsEntry("routing_number", "021000021");
                });
        assertThat(ReaderHarness.read(reader(RecordKind.ADDRESS_HISTORY), "a.csv",
                "employee_id,effective_from,effective_to,address_line1,address_line2,city,state,postal_code,country\n"
                        + "E1,2024-12-01,,88 Harbor Rd,,Jersey City,NJ,07302,US\n").events())
                .singleElement().extracting(Event::type, Event::time)
                .containsExactly("hr.address", Instant.parse("2024-12-01T00:00:00Z"));
        assertThat(ReaderHarness.read(reader(RecordKind.REFERRALS), "r.csv",
                "referral_id,referrer_employee_id,applicant_id,referred_at\nREF-1,E7,A1,2024-01-08T16:20:00Z\n")
                .events()).singleElement().extracting(Event::type, Event::user).containsExactly("hr.referral", "E7");
        assertThat(ReaderHarness.read(reader(RecordKind.INTERVIEWS), "i.csv",
                "applicant_id,interview_at,interviewer_id,format,camera_on,outcome,notes\n"
                        + "A1,2024-01-15T19:00:00Z,E7,video,false,advance,\"said \"\"camera broken\"\"\nagain\"\n")
                .events()).singleElement().satisfies(e -> {
                    assertThat(e.type()).isEqualTo("applicant.interview");
                    assertThat(e.document()).containsEntry("notes", "said \"camera broken\"\nagain");
                });
        ReaderHarness.Result app = ReaderHarness.read(reader(RecordKind.APPLICANTS), "a.csv",
                "applicant_id,requisition_id,job_title,first_name,last_name,email,phone,address_line1,address_line2,"
                        + "city,state,postal_code,country,source,referrer_employee_id,linkedin_url,applied_at,status,"
                        + "offer_at,employee_id,resume_file\n"
                        + "A1,REQ-1,Dev,Dana,W,d@x.com,+1,1 St,,SF,CA,94110,US,referral,E7,,2024-01-08T16:20:00Z,"
                        + "hired,2024-01-22T18:00:00Z,E42,resumes/A1.txt\n"
                        + "A2,REQ-1,Dev,Al,B,a@x.com,+1,1 St,,SF,CA,94110,US,linkedin,,,2024-01-09T16:20:00Z,,,,\n");
        assertThat(app.events()).extracting(Event::type, Event::user).containsExactly(
                org.assertj.core.groups.Tuple.tuple("applicant.submitted", "A1"),
                org.assertj.core.groups.Tuple.tuple("applicant.offer", "A1"));
        assertThat(app.errors()).singleElement().extracting(RecordError::field, RecordError::reason)
                .containsExactly("status", "is missing");
    }

    // ---------------------------------------------------------------- probing

    @Test
    void everyProbeSaysZeroForTheVendorSamples() throws IOException {
        Path dir = SharedData.require().resolve("data/vendor-samples/records");
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertThat(files).isNotEmpty();
        for (Path f : files) {
            Sample sample = sample(f);
            for (var r : RecordsCsvReader.all()) {
                assertThat(r.probe(sample)).as(r.id() + " on " + f.getFileName()).isZero();
            }
            assertThat(new ResumeTextReader().probe(sample)).as("resume-text on " + f.getFileName()).isZero();
        }
    }

    @Test
    void eachKindsProbeRanksItsOwnHeaderAboveEveryOtherKind() throws IOException {
        Path sim = SimOutput.get();
        for (RecordKind kind : RecordKind.ALL) {
            Sample s = sample(sim.resolve(kind.file()));
            for (RecordKind other : RecordKind.ALL) {
                int score = reader(other).probe(s);
                if (other == kind) {
                    assertThat(score).isEqualTo(95);
                } else {
                    assertThat(score).as(other.id() + " on " + kind.file()).isLessThan(50);
                }
            }
        }
        // a header with the columns in another order, one missing and an extra one still reads
        assertThat(reader(RecordKind.PHONE_INTEL).probe(new Sample("x.csv",
                "country,number,line_type,notes\n+1,US,mobile,\n".getBytes()))).isBetween(50, 94);
        assertThat(reader(RecordKind.PHONE_INTEL).probe(new Sample("x.csv", "number,foo,bar,baz,qux\n".getBytes())))
                .isZero();
    }

    @Test
    void kindIdsAreStable() {
        assertThat(RecordKind.ids()).containsExactly("hr-employees", "hr-address-history", "hr-payroll",
                "hr-referrals", "applicants", "applicant-identity-verification", "applicant-interviews",
                "asset-assignments", "asset-shipments", "phone-intel", "ip-intel");
        assertThat(Arrays.asList("hr-employees", "resume-text", "email-eml", "email-mbox"))
                .allSatisfy(id -> assertThat(Formats.byId(id)).isPresent());
        Map<String, Object> unused = Map.of();
        assertThat(unused).isEmpty();
    }
}
