package dev.unravel.ingest.format.records;

import dev.unravel.ingest.read.RecordException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One kind of file of our documented HR, applicant, asset and reference CSV schema
 * ({@code docs/formats/hr-csv.md}): its columns with their types, the columns a file must have,
 * and how one row becomes events. The ids are stable: they are the reader ids and the {@code kind}
 * of a column-mapping file.
 */
public final class RecordKind {

    /** Column types that are checked: a date or timestamp that does not parse rejects the row. */
    public enum Type {
        STRING, DATE, TIMESTAMP
    }

    /**
     * @param name     the column name in our schema
     * @param type     how its values are checked
     * @param required a non-empty value is required in every row
     */
    public record Column(String name, Type type, boolean required) {
    }

    /** Turns one checked row into events. */
    @FunctionalInterface
    interface Converter {
        void convert(RowView row) throws RecordException;
    }

    /** Undated records (reference tables, résumé texts) carry this time: they sort before what they enrich. */
    public static final Instant UNDATED = Instant.EPOCH;

    private final String id;
    private final String file;
    private final String description;
    private final String source;
    private final String service;
    private final List<Column> columns;
    private final List<String> headerRequired;
    private final Converter converter;
    private final Map<String, Column> byName = new LinkedHashMap<>();

    private RecordKind(String id, String file, String description, String source, String service,
            List<Column> columns, List<String> headerRequired, Converter converter) {
        this.id = id;
        this.file = file;
        this.description = description;
        this.source = source;
        this.service = service;
        this.columns = List.copyOf(columns);
        this.headerRequired = List.copyOf(headerRequired);
        this.converter = converter;
        for (Column c : columns) {
            byName.put(c.name(), c);
        }
        for (String h : headerRequired) {
            if (!byName.containsKey(h)) {
                throw new IllegalStateException(id + ": header-required column " + h + " is not a column");
            }
        }
    }

    public String id() {
        return id;
    }

    /** Where the file lives in an export, e.g. {@code hr/employees.csv}. */
    public String file() {
        return file;
    }

    public String description() {
        return description;
    }

    /** The event source family: {@code hr}, {@code applicants}, {@code assets}, {@code payroll}, {@code reference}. */
    public String source() {
        return source;
    }

    /** The Sigma logsource service (product {@code unravel}). */
    public String service() {
        return service;
    }

    /** Every column of the schema, in the documented order. */
    public List<Column> columns() {
        return columns;
    }

    /** The columns a file must have in its header: the ids and the event times. */
    public List<String> headerRequired() {
        return headerRequired;
    }

    public Column column(String name) {
        return byName.get(name);
    }

    void convert(RowView row) throws RecordException {
        converter.convert(row);
    }

    // ---------------------------------------------------------------- the kinds

    private static Column s(String name) {
        return new Column(name, Type.STRING, false);
    }

    private static Column req(String name) {
        return new Column(name, Type.STRING, true);
    }

    private static Column date(String name, boolean required) {
        return new Column(name, Type.DATE, required);
    }

    private static Column ts(String name, boolean required) {
        return new Column(name, Type.TIMESTAMP, required);
    }

    public static final RecordKind EMPLOYEES = new RecordKind("hr-employees", "hr/employees.csv",
            "HRIS workers (our CSV schema): hr.hire and hr.terminate events",
            "hr", "hr",
            List.of(req("employee_id"), req("legal_first_name"), req("legal_last_name"), date("date_of_birth", false),
                    s("ssn"), s("personal_email"), s("work_email"), s("username"), s("phone"), s("address_line1"),
                    s("address_line2"), s("city"), s("state"), s("postal_code"), s("country"), s("time_zone"),
                    s("department"), s("title"), s("manager_id"), req("employment_type"), req("work_location"),
                    date("hire_date", true), date("termination_date", false), s("termination_reason"),
                    s("applicant_id")),
            List.of("employee_id", "hire_date"),
            row -> {
                String user = row.get("employee_id");
                row.emit(row.time("hire_date"), "hr.hire", user, null, null);
                if (row.has("termination_date")) {
                    row.emit(row.time("termination_date"), "hr.terminate", user, null, null);
                }
            });

    public static final RecordKind ADDRESS_HISTORY = new RecordKind("hr-address-history", "hr/address_history.csv",
            "HRIS home-address history (our CSV schema): hr.address events",
            "hr", "hr",
            List.of(req("employee_id"), date("effective_from", true), date("effective_to", false), s("address_line1"),
                    s("address_line2"), s("city"), s("state"), s("postal_code"), s("country")),
            List.of("employee_id", "effective_from"),
            row -> row.emit(row.time("effective_from"), "hr.address", row.get("employee_id"), null, null));

    public static final RecordKind PAYROLL = new RecordKind("hr-payroll", "hr/payroll.csv",
            "Payroll direct-deposit accounts (our CSV schema): payroll.account events",
            "payroll", "payroll",
            List.of(req("employee_id"), date("effective_from", true), date("effective_to", false), s("bank_name"),
                    s("routing_number"), s("account_number"), s("account_type"), s("deposit_percent")),
            List.of("employee_id", "effective_from"),
            row -> row.emit(row.time("effective_from"), "payroll.account", row.get("employee_id"), null, null));

    public static final RecordKind REFERRALS = new RecordKind("hr-referrals", "hr/referrals.csv",
            "Employee referrals (our CSV schema): hr.referral events",
            "hr", "hr",
            List.of(req("referral_id"), req("referrer_employee_id"), req("applicant_id"), ts("referred_at", true)),
            List.of("referral_id", "referrer_employee_id", "applicant_id", "referred_at"),
            row -> row.emit(row.time("referred_at"), "hr.referral", row.get("referrer_employee_id"), null, null));

    public static final RecordKind APPLICANTS = new RecordKind("applicants", "applicants/applicants.csv",
            "Job applications (our CSV schema): applicant.submitted and applicant.offer events",
            "applicants", "applicants",
            List.of(req("applicant_id"), s("requisition_id"), s("job_title"), s("first_name"), s("last_name"),
                    s("email"), s("phone"), s("address_line1"), s("address_line2"), s("city"), s("state"),
                    s("postal_code"), s("country"), s("source"), s("referrer_employee_id"), s("linkedin_url"),
                    ts("applied_at", true), req("status"), ts("offer_at", false), s("employee_id"), s("resume_file"),
                    s("photo_file"), s("photo_phash")),
            List.of("applicant_id", "applied_at"),
            row -> {
                String user = row.get("applicant_id");
                row.emit(row.time("applied_at"), "applicant.submitted", user, null, null);
                if (row.has("offer_at")) {
                    row.emit(row.time("offer_at"), "applicant.offer", user, null, null);
                }
            });

    public static final RecordKind IDENTITY_VERIFICATION = new RecordKind("applicant-identity-verification",
            "applicants/identity_verification.csv",
            "Applicant identity checks (our CSV schema): applicant.identity_verification events",
            "applicants", "applicants",
            List.of(req("applicant_id"), ts("checked_at", true), s("vendor"), s("document_type"),
                    s("document_country"), s("liveness_result"), s("document_selfie_match"), s("selfie_match_score"),
                    s("ip_address"), s("ip_country"), s("outcome")),
            List.of("applicant_id", "checked_at"),
            row -> row.emit(row.time("checked_at"), "applicant.identity_verification", row.get("applicant_id"), null,
                    row.get("ip_address")));

    public static final RecordKind INTERVIEWS = new RecordKind("applicant-interviews", "applicants/interviews.csv",
            "Applicant interviews (our CSV schema): applicant.interview events",
            "applicants", "applicants",
            List.of(req("applicant_id"), ts("interview_at", true), s("interviewer_id"), s("format"), s("camera_on"),
                    s("outcome"), s("notes")),
            List.of("applicant_id", "interview_at"),
            row -> row.emit(row.time("interview_at"), "applicant.interview", row.get("applicant_id"), null, null));

    public static final RecordKind ASSETS = new RecordKind("asset-assignments", "assets/assets.csv",
            "Laptop assignments (our CSV schema): asset.assigned events",
            "assets", "assets",
            List.of(req("asset_tag"), s("serial_number"), s("model"), s("os"), s("hostname"),
                    s("assigned_employee_id"), date("assigned_at", true), s("status")),
            List.of("asset_tag", "assigned_at"),
            row -> row.emit(row.time("assigned_at"), "asset.assigned", row.get("assigned_employee_id"),
                    row.get("hostname"), null));

    public static final RecordKind SHIPMENTS = new RecordKind("asset-shipments", "assets/shipments.csv",
            "Laptop shipments (our CSV schema): asset.shipment and asset.ship_to_changed events",
            "assets", "assets",
            List.of(req("shipment_id"), s("asset_tag"), s("employee_id"), s("carrier"), s("tracking_number"),
                    s("ship_to_name"), s("ship_to_line1"), s("ship_to_line2"), s("ship_to_city"), s("ship_to_state"),
                    s("ship_to_postal_code"), s("ship_to_country"), s("previous_ship_to"),
                    ts("ship_to_changed_at", false), ts("requested_at", false), ts("shipped_at", false),
                    ts("delivered_at", false)),
            List.of("shipment_id", "shipped_at"),
            row -> {
                String user = row.get("employee_id");
                // A shipment not yet picked up is dated by its request.
                Instant at = row.has("shipped_at") ? row.time("shipped_at")
                        : row.has("requested_at") ? row.time("requested_at") : null;
                if (at == null) {
                    throw new RecordException("shipped_at", "is missing, and so is requested_at: the shipment has no "
                            + "time");
                }
                row.emit(at, "asset.shipment", user, null, null);
                if (row.has("ship_to_changed_at")) {
                    row.emit(row.time("ship_to_changed_at"), "asset.ship_to_changed", user, null, null);
                }
            });

    public static final RecordKind PHONE_INTEL = new RecordKind("phone-intel", "assets/phone_intel.csv",
            "Phone-number carrier lookups (our CSV schema): reference.phone records",
            "reference", "reference",
            List.of(req("number"), s("carrier"), s("line_type"), s("country")),
            List.of("number"),
            row -> row.emit(UNDATED, "reference.phone", null, null, null));

    public static final RecordKind IP_INTEL = new RecordKind("ip-intel", "intel/ip-ranges.csv",
            "IP-intelligence ranges (our CSV schema): reference.ip_range records",
            "reference", "reference",
            List.of(req("start_ip"), req("end_ip"), s("cidr"), s("country"), s("asn"), s("as_org"),
                    s("network_type"), s("is_vpn"), s("is_hosting"), s("is_corporate"), s("region")),
            List.of("start_ip", "end_ip"),
            row -> row.emit(UNDATED, "reference.ip_range", null, null, null));

    /** Every kind, in the order they are tried. */
    public static final List<RecordKind> ALL = List.of(EMPLOYEES, ADDRESS_HISTORY, PAYROLL, REFERRALS, APPLICANTS,
            IDENTITY_VERIFICATION, INTERVIEWS, ASSETS, SHIPMENTS, PHONE_INTEL, IP_INTEL);

    public static Optional<RecordKind> byId(String id) {
        String k = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        return ALL.stream().filter(r -> r.id.equals(k)).findFirst();
    }

    /**
     * Which row of an export an event is, the same in every snapshot of it: the row's own id
     * ({@code employee_id}, {@code applicant_id}, {@code shipment_id}, {@code referral_id}), or its
     * subject and time where a subject has many (an applicant's identity checks and interviews, a
     * worker's addresses and bank accounts, a laptop's assignments). A later row with the same
     * identity is that row corrected or completed (a department renamed, a delivery date filled
     * in), so detectors that remember rows keep them by this, not by the file and line read. Null
     * for an event of no export (a log event) or a row without its id; the caller then keeps the
     * row read.
     */
    public static String rowIdentity(dev.unravel.core.Event e) {
        Map<String, Object> d = e.document();
        String id = switch (e.type()) {
            case "hr.hire", "hr.terminate" -> text(d, "employee_id");
            case "hr.referral" -> text(d, "referral_id");
            case "applicant.submitted", "applicant.offer" -> text(d, "applicant_id");
            case "asset.shipment", "asset.ship_to_changed" -> text(d, "shipment_id");
            case "hr.address", "payroll.account" -> at(text(d, "employee_id"), e);
            case "applicant.identity_verification", "applicant.interview" -> at(text(d, "applicant_id"), e);
            case "asset.assigned" -> at(text(d, "asset_tag"), e);
            default -> null;
        };
        return id == null ? null : e.type() + " " + id;
    }

    /** {@link #rowIdentity(dev.unravel.core.Event)}, else the row read ({@code origin}): a row without its id is its own. */
    public static String rowIdentity(dev.unravel.core.Event e, Object origin) {
        String id = rowIdentity(e);
        return id != null ? id : e.type() + " read at " + origin;
    }

    /** A subject at the event's time (the row's time column, parsed: its written form may vary). */
    private static String at(String subject, dev.unravel.core.Event e) {
        return subject == null ? null : subject + "@" + e.time();
    }

    private static String text(Map<String, Object> d, String column) {
        return d.get(column) instanceof String s && !s.isBlank() ? s : null;
    }

    /** The ids, for messages. */
    public static List<String> ids() {
        List<String> ids = new ArrayList<>();
        for (RecordKind k : ALL) {
            ids.add(k.id);
        }
        return ids;
    }

    @Override
    public String toString() {
        return id;
    }
}
