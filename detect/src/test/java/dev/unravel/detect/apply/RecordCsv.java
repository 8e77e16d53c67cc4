package dev.unravel.detect.apply;

import dev.unravel.core.Event;
import dev.unravel.ingest.Formats;
import dev.unravel.ingest.Ingest;
import dev.unravel.ingest.Quarantine;
import dev.unravel.ingest.read.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds HR, applicant and asset CSV text in the real export formats (docs/formats/hr-csv.md) from
 * only the columns a test cares about: every other column is written empty or with a plausible
 * default, so tests read as "this worker, with this phone" and still go through ingest's readers.
 */
public final class RecordCsv {

    public static final List<String> EMPLOYEES = List.of("employee_id", "legal_first_name", "legal_last_name",
            "date_of_birth", "ssn", "personal_email", "work_email", "username", "phone", "address_line1",
            "address_line2", "city", "state", "postal_code", "country", "time_zone", "department", "title",
            "manager_id", "employment_type", "work_location", "hire_date", "termination_date", "termination_reason",
            "applicant_id");
    public static final List<String> ADDRESS_HISTORY = List.of("employee_id", "effective_from", "effective_to",
            "address_line1", "address_line2", "city", "state", "postal_code", "country");
    public static final List<String> PAYROLL = List.of("employee_id", "effective_from", "effective_to", "bank_name",
            "routing_number", "account_number", "account_type", "deposit_percent");
    public static final List<String> REFERRALS = List.of("referral_id", "referrer_employee_id", "applicant_id",
            "referred_at");
    public static final List<String> APPLICANTS = List.of("applicant_id", "requisition_id", "job_title",
            "first_name", "last_name", "email", "phone", "address_line1", "address_line2", "city", "state",
            "postal_code", "country", "source", "referrer_employee_id", "linkedin_url", "applied_at", "status",
            "offer_at", "employee_id", "resume_file", "photo_file", "photo_phash");
    public static final List<String> VERIFICATIONS = List.of("applicant_id", "checked_at", "vendor",
            "document_type", "document_country", "liveness_result", "document_selfie_match", "selfie_match_score",
            "ip_address", "ip_country", "outcome");
    public static final List<String> INTERVIEWS = List.of("applicant_id", "interview_at", "interviewer_id", "format",
            "camera_on", "outcome", "notes");
    public static final List<String> ASSETS = List.of("asset_tag", "serial_number", "model", "os", "hostname",
            "assigned_employee_id", "assigned_at", "status");
    public static final List<String> SHIPMENTS = List.of("shipment_id", "asset_tag", "employee_id", "carrier",
            "tracking_number", "ship_to_name", "ship_to_line1", "ship_to_line2", "ship_to_city", "ship_to_state",
            "ship_to_postal_code", "ship_to_country", "previous_ship_to", "ship_to_changed_at", "requested_at",
            "shipped_at", "delivered_at");
    public static final List<String> PHONE_INTEL = List.of("number", "carrier", "line_type", "country");
    public static final List<String> IP_INTEL = List.of("start_ip", "end_ip", "cidr", "country", "asn", "as_org",
            "network_type", "is_vpn", "is_hosting", "is_corporate");

    private RecordCsv() {
    }

    /** A worker with sensible defaults (a US employee hired 2026-03-02); {@code kv} overrides columns. */
    public static Map<String, String> worker(String id, String first, String last, String... kv) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("employee_id", id);
        row.put("legal_first_name", first);
        row.put("legal_last_name", last);
        row.put("date_of_birth", "1990-05-06");
        row.put("work_email", first.toLowerCase() + "." + last.toLowerCase() + "@northwindlabs.com");
        row.put("username", (first.charAt(0) + last).toLowerCase());
        row.put("country", "US");
        row.put("time_zone", "America/New_York");
        row.put("department", "Engineering");
        row.put("title", "Software Engineer");
        row.put("employment_type", "employee");
        row.put("work_location", "Remote");
        row.put("hire_date", "2026-03-02");
        return with(row, kv);
    }

    /** An application with defaults (US, applied 2026-01-10, rejected); {@code kv} overrides columns. */
    public static Map<String, String> applicant(String id, String first, String last, String... kv) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("applicant_id", id);
        row.put("first_name", first);
        row.put("last_name", last);
        row.put("country", "US");
        row.put("source", "linkedin");
        row.put("applied_at", "2026-01-10T10:00:00Z");
        row.put("status", "rejected");
        return with(row, kv);
    }

    /** A laptop shipment row: to {@code line1}, {@code city}, … in the US; more columns in pairs. */
    public static Map<String, String> shipment(String id, String worker, String line1, String city, String state,
            String postal, String... kv) {
        Map<String, String> r = row("shipment_id", id, "asset_tag", "NWL-" + id, "employee_id", worker, "carrier",
                "FedEx", "ship_to_name", "Someone", "ship_to_line1", line1, "ship_to_city", city, "ship_to_state",
                state, "ship_to_postal_code", postal, "ship_to_country", "US", "requested_at", "2026-02-25T15:09:31Z",
                "shipped_at", "2026-02-26T21:39:59Z");
        for (int i = 0; i < kv.length; i += 2) {
            r.put(kv[i], kv[i + 1]);
        }
        return r;
    }

    /** Any row: columns and values in pairs. */
    public static Map<String, String> row(String... kv) {
        return with(new LinkedHashMap<>(), kv);
    }

    private static Map<String, String> with(Map<String, String> row, String... kv) {
        if (kv.length % 2 != 0) {
            throw new IllegalArgumentException("columns and values come in pairs");
        }
        for (int i = 0; i < kv.length; i += 2) {
            row.put(kv[i], kv[i + 1]);
        }
        return row;
    }

    /** The CSV text: the full header, then one line per row, quoted where RFC 4180 needs it. */
    @SafeVarargs
    public static String csv(List<String> header, Map<String, String>... rows) {
        StringBuilder b = new StringBuilder(String.join(",", header)).append('\n');
        for (Map<String, String> row : rows) {
            for (String k : row.keySet()) {
                if (!header.contains(k)) {
                    throw new IllegalArgumentException("no column " + k);
                }
            }
            for (int i = 0; i < header.size(); i++) {
                String v = row.getOrDefault(header.get(i), "");
                if (i > 0) {
                    b.append(',');
                }
                b.append(v.contains(",") || v.contains("\"") || v.contains("\n")
                        ? "\"" + v.replace("\"", "\"\"") + "\"" : v);
            }
            b.append('\n');
        }
        return b.toString();
    }

    /**
     * A résumé read by the résumé reader from {@code applicants/resumes/<id>.txt}: the reader takes
     * the applicant id from the file name, which the harness's temporary files would not carry.
     */
    public static List<Event> resume(String applicantId, String text) {
        try {
            Path dir = Files.createTempDirectory("resumes");
            Path file = dir.resolve(applicantId + ".txt");
            Files.writeString(file, text);
            List<Event> out = new ArrayList<>();
            new Ingest(Formats.byId("resume-text").orElseThrow(), Limits.DEFAULT, Quarantine.NONE, out::add, 10)
                    .run(List.of(file));
            Files.delete(file);
            Files.delete(dir);
            if (out.size() != 1) {
                throw new IllegalArgumentException("the résumé reader did not take this text: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
