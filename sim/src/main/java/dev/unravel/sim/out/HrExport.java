package dev.unravel.sim.out;

import dev.unravel.sim.world.Address;
import dev.unravel.sim.world.Applicant;
import dev.unravel.sim.world.Host;
import dev.unravel.sim.world.Person;
import dev.unravel.sim.world.Shipment;
import dev.unravel.sim.world.World;
import java.io.IOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The company's HR, applicant-tracking and IT-asset records as an export taken at the end of one
 * day would show them: the flat CSV schema documented in {@code docs/formats/hr-csv.md}, which a
 * user fills from their own HRIS, ATS and ITAM to run Unravel on real data.
 *
 * <p>The export day matters because these systems hold state, not events: a worker hired later is
 * not in it yet, a later termination, move or bank change has not happened, an application is
 * still open. Rows are sorted by their id so that the same world always gives the same bytes.
 */
public final class HrExport {
    /** The identity-verification vendor the simulated company uses (document + selfie check). */
    private static final String ID_VENDOR = "TrueID Verify";

    private final OutputDir out;
    private final LocalDate asOf;
    /** The first instant after the export day (UTC): anything at or after it has not happened. */
    private final Instant cut;
    /** Workers hired on or before the export day, by id. */
    private final List<Person> workers;
    private final Set<String> workerIds;
    /** Applications submitted by the end of the export day, by id. */
    private final List<Applicant> applicants;

    private HrExport(World world, OutputDir out, LocalDate asOf) {
        this.out = out;
        this.asOf = asOf;
        this.cut = asOf.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        this.workers = world.people.stream()
                .filter(p -> !p.hireDate.isAfter(asOf))
                .sorted(Comparator.comparing((Person p) -> p.id))
                .toList();
        this.workerIds = workers.stream().map(p -> p.id).collect(Collectors.toSet());
        this.applicants = world.applicants.stream()
                .filter(a -> happened(a.appliedAt))
                .sorted(Comparator.comparing((Applicant a) -> a.id))
                .toList();
    }

    /** Writes the {@code hr/}, {@code applicants/} and {@code assets/} files as of the end of {@code asOf}. */
    public static void write(World world, OutputDir out, LocalDate asOf) throws IOException {
        HrExport export = new HrExport(world, out, asOf);
        export.employees();
        export.addressHistory();
        export.payroll();
        export.referrals();
        export.applicants();
        export.resumes();
        export.identityVerification();
        export.interviews();
        export.assets();
        export.shipments();
        export.phoneIntel();
    }

    private void employees() throws IOException {
        try (Csv csv = Csv.open(out, "hr/employees.csv", "employee_id", "legal_first_name", "legal_last_name",
                "date_of_birth", "ssn", "personal_email", "work_email", "username", "phone", "address_line1",
                "address_line2", "city", "state", "postal_code", "country", "time_zone", "department", "title",
                "manager_id", "employment_type", "work_location", "hire_date", "termination_date",
                "termination_reason", "applicant_id")) {
            for (Person p : workers) {
                List<Span<Address>> homes = homes(p);
                Address home = homes.get(homes.size() - 1).value();
                boolean terminated = terminated(p);
                csv.row(p.id, p.firstName, p.lastName, p.dateOfBirth, p.ssn, p.personalEmail, p.workEmail,
                        p.username, p.phone, home.line1(), home.line2(), home.city(), home.region(),
                        home.postalCode(), home.country(), p.timeZone.getId(), p.department, p.title, p.managerId,
                        p.employmentType.id(), p.office == null ? "Remote" : p.office.name(), p.hireDate,
                        terminated ? p.terminationDate : null, terminated ? p.terminationReason : null,
                        p.applicantId);
            }
        }
    }

    private void addressHistory() throws IOException {
        try (Csv csv = Csv.open(out, "hr/address_history.csv", "employee_id", "effective_from", "effective_to",
                "address_line1", "address_line2", "city", "state", "postal_code", "country")) {
            for (Person p : workers) {
                for (Span<Address> s : homes(p)) {
                    Address a = s.value();
                    csv.row(p.id, s.from(), s.to(), a.line1(), a.line2(), a.city(), a.region(), a.postalCode(),
                            a.country());
                }
            }
        }
    }

    private void payroll() throws IOException {
        try (Csv csv = Csv.open(out, "hr/payroll.csv", "employee_id", "effective_from", "effective_to",
                "bank_name", "routing_number", "account_number", "account_type", "deposit_percent")) {
            for (Person p : workers) {
                List<LocalDate> changes = new ArrayList<>();
                List<String[]> accounts = new ArrayList<>();
                for (String[] previous : p.previousAccounts) {
                    accounts.add(previous);
                    changes.add(LocalDate.parse(previous[3]));
                }
                accounts.add(new String[] {p.bankName, p.routingNumber, p.accountNumber});
                // Payroll deposits the whole net pay into one checking account at a time.
                for (Span<String[]> s : spans(p.hireDate, changes, accounts)) {
                    String[] a = s.value();
                    csv.row(p.id, s.from(), s.to(), a[0], a[1], a[2], "checking", 100);
                }
            }
        }
    }

    private void referrals() throws IOException {
        try (Csv csv = Csv.open(out, "hr/referrals.csv", "referral_id", "referrer_employee_id", "applicant_id",
                "referred_at")) {
            for (Applicant a : applicants) {
                if (a.referrerEmployeeId != null) {
                    csv.row("REF-" + a.id, a.referrerEmployeeId, a.id, a.appliedAt);
                }
            }
        }
    }

    private void applicants() throws IOException {
        try (Csv csv = Csv.open(out, "applicants/applicants.csv", "applicant_id", "requisition_id", "job_title",
                "first_name", "last_name", "email", "phone", "address_line1", "address_line2", "city", "state",
                "postal_code", "country", "source", "referrer_employee_id", "linkedin_url", "applied_at", "status",
                "offer_at", "employee_id", "resume_file", "photo_file", "photo_phash")) {
            for (Applicant a : applicants) {
                Address ad = a.address;
                boolean decided = a.offerAt == null || happened(a.offerAt);
                csv.row(a.id, a.requisitionId, a.jobTitle, a.firstName, a.lastName, a.email, a.phone, ad.line1(),
                        ad.line2(), ad.city(), ad.region(), ad.postalCode(), ad.country(), a.source,
                        a.referrerEmployeeId, a.linkedinUrl, a.appliedAt, decided ? a.status : "in_process",
                        decided ? a.offerAt : null, workerIds.contains(a.employeeId) ? a.employeeId : null,
                        a.resumeText == null ? null : resumeFile(a), null, null); // no photos simulated
            }
        }
    }

    /** The résumé's path relative to the folder that holds {@code applicants.csv}. */
    private static String resumeFile(Applicant a) {
        return "resumes/" + a.id + ".txt";
    }

    private void resumes() throws IOException {
        for (Applicant a : applicants) {
            if (a.resumeText != null) {
                String path = "applicants/" + resumeFile(a);
                try (Writer w = out.createText(path)) {
                    w.write(a.resumeText);
                }
                out.count(path, 1);
            }
        }
    }

    private void identityVerification() throws IOException {
        try (Csv csv = Csv.open(out, "applicants/identity_verification.csv", "applicant_id", "checked_at", "vendor",
                "document_type", "document_country", "liveness_result", "document_selfie_match",
                "selfie_match_score", "ip_address", "ip_country", "outcome")) {
            for (Applicant a : applicants) {
                if (happened(a.idCheckAt)) {
                    csv.row(a.id, a.idCheckAt, ID_VENDOR, a.idDocumentType, a.idDocumentCountry, a.livenessResult,
                            a.documentSelfieMatch, String.format(Locale.ROOT, "%.3f", a.selfieMatchScore),
                            a.idCheckIp, a.idCheckCountry, a.idCheckOutcome);
                }
            }
        }
    }

    private void interviews() throws IOException {
        try (Csv csv = Csv.open(out, "applicants/interviews.csv", "applicant_id", "interview_at", "interviewer_id",
                "format", "camera_on", "outcome", "notes")) {
            for (Applicant a : applicants) {
                if (happened(a.interviewAt)) {
                    csv.row(a.id, a.interviewAt, a.interviewerId, "video", a.cameraOn, a.interviewOutcome,
                            a.interviewNotes);
                }
            }
        }
    }

    private void assets() throws IOException {
        List<Person> withLaptop = workers.stream()
                .filter(p -> p.laptop != null)
                .sorted(Comparator.comparing((Person p) -> p.laptop.assetTag()))
                .toList();
        try (Csv csv = Csv.open(out, "assets/assets.csv", "asset_tag", "serial_number", "model", "os", "hostname",
                "assigned_employee_id", "assigned_at", "status")) {
            for (Person p : withLaptop) {
                Host h = p.laptop;
                csv.row(h.assetTag(), h.serial(), h.model(), h.windows() ? "Windows" : "macOS", h.hostname(), p.id,
                        p.hireDate, terminated(p) ? "returned" : "assigned");
            }
        }
    }

    private void shipments() throws IOException {
        List<Shipment> shipments = workers.stream()
                .map(p -> p.shipment)
                .filter(s -> s != null && happened(s.requestedAt()))
                .sorted(Comparator.comparing(Shipment::id))
                .toList();
        try (Csv csv = Csv.open(out, "assets/shipments.csv", "shipment_id", "asset_tag", "employee_id", "carrier",
                "tracking_number", "ship_to_name", "ship_to_line1", "ship_to_line2", "ship_to_city",
                "ship_to_state", "ship_to_postal_code", "ship_to_country", "previous_ship_to",
                "ship_to_changed_at", "requested_at", "shipped_at", "delivered_at")) {
            for (Shipment s : shipments) {
                // A ship-to change after the export day has not happened: the label still shows the first address.
                boolean changed = s.previousShipTo() != null && happened(s.shipToChangedAt());
                Address to = s.previousShipTo() != null && !changed ? s.previousShipTo() : s.shipTo();
                csv.row(s.id(), s.assetTag(), s.employeeId(), s.carrier(), s.trackingNumber(), s.shipToName(),
                        to.line1(), to.line2(), to.city(), to.region(), to.postalCode(), to.country(),
                        changed ? s.previousShipTo().oneLine() : null, changed ? s.shipToChangedAt() : null,
                        s.requestedAt(), happened(s.shippedAt()) ? s.shippedAt() : null,
                        happened(s.deliveredAt()) ? s.deliveredAt() : null);
            }
        }
    }

    /**
     * What a carrier lookup (the kind an ATS or fraud vendor runs) says about each worker's phone.
     * A number shared by several workers is looked up once.
     */
    private void phoneIntel() throws IOException {
        Map<String, Person> byNumber = new TreeMap<>();
        for (Person p : workers) {
            if (p.phone != null) {
                byNumber.putIfAbsent(p.phone, p);
            }
        }
        try (Csv csv = Csv.open(out, "assets/phone_intel.csv", "number", "carrier", "line_type", "country")) {
            for (Map.Entry<String, Person> e : byNumber.entrySet()) {
                Person p = e.getValue();
                csv.row(e.getKey(), p.phoneCarrier, p.phoneLineType, p.homeCity.country());
            }
        }
    }

    private boolean happened(Instant t) {
        return t != null && t.isBefore(cut);
    }

    private boolean terminated(Person p) {
        return p.terminationDate != null && !p.terminationDate.isAfter(asOf);
    }

    /** The worker's home addresses as HR recorded them, from the hire date. */
    private List<Span<Address>> homes(Person p) {
        if (p.previousHome == null) {
            return spans(p.hireDate, List.of(), List.of(p.home));
        }
        return spans(p.hireDate, List.of(p.movedOn), List.of(p.previousHome, p.home));
    }

    /**
     * A value that changes over time as an HRIS shows it: the first value from the hire date, each
     * later one from its change date, each ended (inclusive) the day before the next began, the last
     * one in force left open. Changes after the export day are not shown; a value replaced before
     * it took effect (a change on or before the hire date) never appears.
     */
    private <T> List<Span<T>> spans(LocalDate hire, List<LocalDate> changes, List<T> values) {
        List<Span<T>> spans = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            LocalDate from = i == 0 || changes.get(i - 1).isBefore(hire) ? hire : changes.get(i - 1);
            if (from.isAfter(asOf)) {
                break;
            }
            LocalDate next = i < changes.size() ? changes.get(i) : null;
            if (next != null && !next.isAfter(from)) {
                continue;
            }
            LocalDate to = next != null && !next.isAfter(asOf) ? next.minusDays(1) : null;
            spans.add(new Span<>(from, to, values.get(i)));
        }
        return spans;
    }

    /** A value in force from one date to another, inclusive; {@code to} is null while it still is. */
    private record Span<T>(LocalDate from, LocalDate to, T value) {
    }
}
