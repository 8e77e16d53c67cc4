package dev.unravel.detect.apply;

import dev.unravel.core.EntityRef;
import dev.unravel.core.Event;
import dev.unravel.core.Stage;
import dev.unravel.detect.Detector;
import dev.unravel.detect.DetectorContext;
import dev.unravel.detect.roster.Normalise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * An applicant's or a worker's email address, email domain, phone number, home or laptop delivery
 * address that a published list names as the scheme's: the FBI's and the Justice Department's
 * advisories and indictments, vendors' reports and an industry group's shared lists give the
 * addresses of laptop farms, the facilitators' phone numbers and the operators' email accounts and
 * domains. The lists are the team's ({@code files}), one indicator a line.
 *
 * <p>List format: CSV with the columns {@code type,value,source,note} (the last two optional; a
 * value with a comma is quoted), {@code #} starting a comment line; or, for a file ending in
 * {@code .json}, a STIX 2.1 bundle ({@link #stix}). Defanged values ({@code devforge[.]io}) are
 * made whole. Types: {@code email},
 * {@code domain} (an email's domain or one under it), {@code phone} (any form libphonenumber reads;
 * a number without a country code is taken as US), {@code address} (compared by building, as the
 * laptop-farm detector compares: "8047 Prospect Ln, Brooklyn, NY 11215" matches apartment 2 of
 * it; without a country at its end, in any country). A list that cannot be
 * read stops the scan at its start; an entry that cannot be read is skipped and counted in the report,
 * naming the file and line.
 *
 * <p>Settings: {@code files} (in a configuration file, read from its folder when relative), {@code strength}
 * (0.7: a published indicator is specific, but lists go
 * stale, and an address once a farm may house someone else now).
 */
public final class PublishedIndicatorDetector implements Detector {

    public static final String ID = "apply.published-indicator";

    /** One indicator as listed, with where: {@code at} names the file and its line or STIX object. */
    record Indicator(String type, String value, String source, String note, String at) {

        String where() {
            return (source == null ? "" : source + (note == null ? "" : " (" + note + ")") + ", ") + at;
        }
    }

    /** The lists, by type and normalised value. */
    private final Map<String, Indicator> byKey = new HashMap<>();
    private final List<Indicator> domains = new ArrayList<>();
    private double strength;
    /** Entries of the lists that could not be read ("file:line: why"): skipped and counted, the rest used. */
    private final List<String> problems = new ArrayList<>();
    /** Subject and indicator already reported: a hire record and the address history repeat an address. */
    private final Set<String> reported = new HashSet<>();

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String needs() {
        return "HR, applicant and laptop-shipment records, against the indicator lists in its files "
                + "setting";
    }

    @Override
    public String description() {
        return "an applicant's or worker's email, email domain, phone, home or laptop delivery address on a published "
                + "list of the scheme's indicators (advisories, indictments, shared lists)";
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of("applicant.submitted", "hr.hire", "hr.address", "asset.shipment");
    }

    /**
     * Reads the lists once before the scan, so that a list that cannot be read at all (missing, not
     * JSON) stops it at its start; an entry that cannot be read is skipped and counted instead.
     */
    @Override
    public void check(dev.unravel.detect.Settings settings) {
        PublishedIndicatorDetector probe = new PublishedIndicatorDetector();
        for (String f : settings.list("files", List.of())) {
            probe.load(Path.of(f.strip()));
        }
    }

    @Override
    public void start(DetectorContext context) {
        strength = context.settings().number("strength", 0.7);
        for (String f : context.settings().list("files", List.of())) {
            load(Path.of(f.strip()));
        }
        for (String p : problems) {
            context.skipped("indicator list entry that cannot be read (" + p + ")");
        }
    }

    /** Reads one list: every indicator it holds; each entry that cannot be read goes to {@link #problems}. */
    void load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(ID + ": the indicator list " + file + " cannot be read: no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(ID + ": the indicator list " + file + " cannot be read: " + e.getMessage(),
                    e);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            stix(file, String.join("\n", lines));
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String raw = i == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(i);
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                List<String> cells = cells(line, file, i + 1);
                String type = cells.get(0).strip().toLowerCase(Locale.ROOT);
                if (type.equals("type") && cells.size() > 1 && cells.get(1).strip().equalsIgnoreCase("value")) {
                    continue; // the header row
                }
                if (cells.size() < 2 || cells.get(1).isBlank()) {
                    throw new IllegalArgumentException(file + ":" + (i + 1) + ": no value (type,value,source,note)");
                }
                add(new Indicator(type, cells.get(1).strip(), cell(cells, 2), cell(cells, 3), file.getFileName()
                        + " line " + (i + 1)), file + ":" + (i + 1));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
    }

    /** Files one indicator; {@code where} prefixes the error when its type or value cannot be read. */
    private void add(Indicator given, String where) {
        String value = refanged(given.value());
        Indicator ind = new Indicator(given.type(), value, given.source(), given.note(), given.at());
        String key = switch (ind.type()) {
            case "email" -> Normalise.email(value);
            case "phone" -> Normalise.phone(value, "US");
            case "address" -> Normalise.oneLineBuilding(value);
            case "domain" -> {
                String d = domain(value);
                if (d != null) {
                    domains.add(new Indicator(ind.type(), d, ind.source(), ind.note(), ind.at()));
                }
                yield d == null ? null : "";
            }
            default -> throw new IllegalArgumentException(where + ": type '" + ind.type() + "' is not one of email, "
                    + "domain, phone, address");
        };
        if (key == null) {
            throw new IllegalArgumentException(where + ": '" + value + "' is not a readable " + ind.type());
        }
        if (!key.isEmpty()) {
            byKey.putIfAbsent(ind.type() + ' ' + key, ind);
        }
    }

    /** An indicator as advisories write it "defanged" ({@code devforge[.]io}, {@code jin[@]mail[.]com}) made whole. */
    static String refanged(String v) {
        return v.replace("[.]", ".").replace("(.)", ".").replace("{.}", ".").replace("[dot]", ".")
                .replace("[@]", "@").replace("(@)", "@").replace("[at]", "@").strip();
    }

    /** STIX 2.1 comparisons a list can be read from: object path → the type it is filed as. */
    private static final Map<String, String> STIX_PATHS = Map.of("email-addr:value", "email", "domain-name:value",
            "domain", "email-message:from_ref.value", "email", "email-message:sender_ref.value", "email");

    private static final java.util.regex.Pattern STIX_EQUALS = java.util.regex.Pattern.compile(
            "([a-z0-9-]+:[a-z0-9_.]+)\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'");

    /**
     * A STIX 2.1 bundle (CISA's and the FBI's machine-readable advisories, a sharing group's feed): each
     * indicator's equality comparisons on email addresses, their senders and domains
     * ({@code [email-addr:value = 'jin@mail.com'] OR [domain-name:value = 'devforge.io']}), email-addr
     * and domain-name objects themselves, and locations with a street address. The report's name is the
     * source; an indicator's name the note. Other comparisons (IP addresses, files) are for other tools.
     */
    private void stix(Path file, String json) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a STIX bundle (JSON): " + e.getMessage().lines().findFirst()
                    .orElse(""), e);
        }
        com.fasterxml.jackson.databind.JsonNode objects = root.isArray() ? root : root.has("objects")
                ? root.get("objects") : new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode().add(root);
        String source = null;
        for (com.fasterxml.jackson.databind.JsonNode o : objects) {
            if ("report".equals(o.path("type").asText()) && o.hasNonNull("name")) {
                source = o.get("name").asText();
            }
        }
        for (com.fasterxml.jackson.databind.JsonNode o : objects) {
            try {
                stixObject(o, file, source);
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage());
            }
        }
    }

    private void stixObject(com.fasterxml.jackson.databind.JsonNode o, Path file, String source) {
        {
            String type = o.path("type").asText();
            String id = o.path("id").asText(type);
            String at = file.getFileName() + " " + id;
            String where = file + ": " + id;
            String note = o.hasNonNull("name") ? o.get("name").asText() : null;
            switch (type) {
                case "indicator" -> {
                    if (o.hasNonNull("pattern_type") && !o.get("pattern_type").asText().equals("stix")) {
                        return;
                    }
                    java.util.regex.Matcher m = STIX_EQUALS.matcher(o.path("pattern").asText());
                    while (m.find()) {
                        String as = STIX_PATHS.get(m.group(1));
                        if (as != null) {
                            add(new Indicator(as, m.group(2).replace("\\'", "'").replace("\\\\", "\\"), source,
                                    note, at), where);
                        }
                    }
                }
                case "email-addr", "domain-name" -> add(new Indicator(type.equals("email-addr") ? "email" : "domain",
                        o.path("value").asText(), source, note, at), where);
                case "location" -> {
                    if (o.hasNonNull("street_address") && o.hasNonNull("city")) {
                        String region = (o.path("region").asText("") + " " + o.path("postal_code").asText("")).strip();
                        add(new Indicator("address", o.get("street_address").asText() + ", " + o.get("city").asText()
                                + (region.isEmpty() ? "" : ", " + region) + (o.hasNonNull("country") ? ", "
                                        + o.get("country").asText() : ""), source, note, at), where);
                    }
                }
                default -> {
                }
            }
        }
    }

    private static String cell(List<String> cells, int i) {
        return cells.size() > i && !cells.get(i).isBlank() ? cells.get(i).strip() : null;
    }

    /** A CSV line's cells: commas separate, double quotes enclose (a doubled quote is one). */
    static List<String> cells(String line, Path file, int number) {
        try {
            return dev.unravel.detect.intel.IntelFiles.Csv.split(line, true);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ":" + number + ": " + e.getMessage(), e);
        }
    }

    /** A domain as compared: lower case, no leading "@" or "*.", no trailing dot; null when it has no dot. */
    static String domain(String raw) {
        String d = raw.strip().toLowerCase(Locale.ROOT);
        d = d.startsWith("@") ? d.substring(1) : d.startsWith("*.") ? d.substring(2) : d;
        d = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
        return d.contains(".") && !d.contains("@") && !d.contains(" ") ? d : null;
    }

    @Override
    public void onEvent(Event event, DetectorContext context) {
        if (byKey.isEmpty() && domains.isEmpty()) {
            return;
        }
        String subjectId = event.user();
        if (subjectId == null) {
            return;
        }
        Map<String, Object> d = event.document();
        boolean shipment = event.type().equals("asset.shipment");
        EntityRef subject = event.type().startsWith("applicant.")
                ? new EntityRef(EntityRef.Kind.APPLICANT, subjectId) : EntityRef.worker(subjectId);
        if (shipment) {
            address(event, context, subject, d, "ship_to_", "line1", "laptop delivery address", Stage.ONBOARD);
            return;
        }
        address(event, context, subject, d, "", "address_line1", "home address", Stage.APPLY);
        if (event.type().equals("hr.address")) {
            return;
        }
        String country = text(d, "country");
        for (String column : List.of("personal_email", "email")) {
            String email = Normalise.email(text(d, column));
            if (email != null) {
                found(event, context, subject, byKey.get("email " + email), "email address " + email, Stage.APPLY);
                String host = email.substring(email.indexOf('@') + 1);
                for (Indicator dom : domains) {
                    if (host.equals(dom.value()) || host.endsWith("." + dom.value())) {
                        found(event, context, subject, dom, "email address " + email + " (domain " + dom.value() + ")",
                                Stage.APPLY);
                    }
                }
            }
        }
        String phone = Normalise.phone(text(d, "phone"), country == null ? "US" : country.toUpperCase(Locale.ROOT));
        if (phone != null) {
            // the number itself is a personal identifier: named by where it is listed, not shown
            found(event, context, subject, byKey.get("phone " + phone), "phone number", Stage.APPLY);
        }
    }

    private void address(Event event, DetectorContext context, EntityRef subject, Map<String, Object> d, String prefix,
            String line1Column, String what, Stage stage) {
        String line1 = text(d, prefix + line1Column);
        if (line1 == null) {
            return;
        }
        String building = Normalise.building(line1, text(d, prefix + "city"), text(d, prefix + "state"),
                text(d, prefix + "postal_code"), text(d, prefix + "country"));
        if (building != null) {
            // a listed address without its country ("…, Brooklyn, NY 11215") matches it in any country
            Indicator ind = byKey.get("address " + building);
            found(event, context, subject, ind != null ? ind : byKey.get("address " + building.substring(0,
                    building.lastIndexOf('|') + 1)), what, stage);
        }
    }

    private void found(Event event, DetectorContext context, EntityRef subject, Indicator ind, String what,
            Stage stage) {
        if (ind == null || !reported.add(subject + "|" + ind.at() + "|" + ind.type() + "|" + ind.value())) {
            return;
        }
        var p = subject.kind() == EntityRef.Kind.WORKER ? context.roster().worker(subject.value())
                : context.roster().applicant(subject.value());
        String who = (p == null || p.name().isEmpty() ? "" : p.name() + " ") + "(" + subject.kind().id() + " "
                + subject.value() + ")";
        String shown = ind.type().equals("address") ? ", " + ind.value() + "," : "";
        context.signal(ID, subject).stage(stage).strength(strength).evidence(event)
                .because("The " + what + " of " + who + shown + " is on a published list of the scheme's indicators: "
                        + ind.where() + ". A list can be stale or wrong; confirm with its source.")
                .emit();
    }

    private static String text(Map<String, Object> d, String key) {
        return d.get(key) instanceof String s && !s.isBlank() ? s.strip() : null;
    }
}
