package dev.unravel.detect.intel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The team's lists of the scheme's published indicators — the FBI's and the Justice Department's
 * advisories and indictments, vendors' reports, an industry group's shares — as the detectors that
 * compare against them read them ({@code apply.published-indicator}: identifiers in HR and applicant
 * records; {@code access.published-indicator-ip}: the addresses sign-ins come from;
 * {@code extort.extortion-email}: the wallets a demand names).
 *
 * <p>Format: CSV with the columns {@code type,value,source,note} (the last two optional; a value
 * with a comma is quoted), {@code #} starting a comment line; or, for a file ending in {@code .json},
 * a STIX 2.1 bundle ({@link #stix}). Defanged values ({@code devforge[.]io}, {@code 203.0.113[.]7})
 * are made whole. Types: {@code email}, {@code domain} (an email's domain or one under it),
 * {@code phone} (any form libphonenumber reads; without a country code, US), {@code address} (by
 * building), {@code ip} (an address, a CIDR network or {@code first-last}), {@code wallet} (a
 * Bitcoin, Litecoin, Ethereum, TRON or Monero address: OFAC's SDN list names the scheme's). An entry of another type,
 * or whose value is not one of its type, cannot be read: it is skipped and said, and the rest used.
 */
public final class IndicatorLists {

    /** The types of indicator the lists hold. */
    public static final Set<String> TYPES = Set.of("email", "domain", "phone", "address", "ip", "wallet");

    /**
     * One indicator as listed, with where: {@code at} names the file and its line or STIX object
     * (for an explanation), {@code where} its path and line (for an error). {@code key} is the value
     * as compared: an email address, a domain lower-cased without "@" or "*.", a phone number in
     * E.164, an address by building ({@code Normalise.oneLineBuilding}), a network as written.
     */
    public record Indicator(String type, String value, String key, String source, String note, String at,
            String where) {

        /** Where it is listed, for an explanation: "FBI PSA (facilitator's number), list.csv line 4". */
        public String listed() {
            return (source == null ? "" : source + (note == null ? "" : " (" + note + ")") + ", ") + at;
        }
    }

    /**
     * The indicators of some lists, and the entries that could not be read ("file:line: why"), which
     * are skipped and counted while the rest are used.
     */
    public record Lists(List<Indicator> indicators, List<Problem> problems) {

        /** No lists. */
        public static final Lists NONE = new Lists(List.of(), List.of());

        /** These lists and {@code more}. */
        public Lists plus(Lists more) {
            List<Indicator> all = new ArrayList<>(indicators);
            all.addAll(more.indicators());
            List<Problem> wrong = new ArrayList<>(problems);
            wrong.addAll(more.problems());
            return new Lists(List.copyOf(all), List.copyOf(wrong));
        }

        /** The indicators of {@code type}. */
        public List<Indicator> of(String type) {
            return indicators.stream().filter(i -> i.type().equals(type)).toList();
        }

        /**
         * The entries of {@code types} that cannot be read, and with {@code untyped} those whose type
         * is none or unknown: so that each detector counts the entries it would have compared.
         */
        public List<String> problems(Set<String> types, boolean untyped) {
            return problems.stream().filter(p -> p.type() == null ? untyped : types.contains(p.type()))
                    .map(Problem::text).toList();
        }
    }

    /** An entry that cannot be read: its type when the type was known (else null), and why, with file and line. */
    public record Problem(String type, String text) {
    }

    /** An entry whose value is not one of its type. */
    private static final class Unreadable extends IllegalArgumentException {
        private final String type;

        Unreadable(String type, String message) {
            super(message);
            this.type = type;
        }
    }

    private static Problem problem(IllegalArgumentException e) {
        return new Problem(e instanceof Unreadable u ? u.type : null, e.getMessage());
    }

    private IndicatorLists() {
    }

    /**
     * What a detector compares against: the scan's lists ({@code indicators:}, read once for every
     * detector) and those of its own {@code files} setting, with the entries that cannot be read that
     * it should count — of its {@code types}, and of no known type when {@code countsUntyped} (one
     * detector counts those of the scan's lists; each counts all of its own files').
     *
     * @throws IllegalArgumentException when one of its own files cannot be read at all
     */
    public static Compared compared(Lists shared, dev.unravel.detect.Settings settings, String owner, Set<String> types,
            boolean countsUntyped) {
        Lists own = read(settings.list("files", List.of()).stream().map(f -> Path.of(f.strip())).toList(), owner);
        List<String> problems = new ArrayList<>(shared.problems(types, countsUntyped));
        problems.addAll(own.problems(types, true));
        Lists all = shared.plus(own);
        return new Compared(all.indicators().stream().filter(i -> types.contains(i.type())).toList(), problems);
    }

    /**
     * The {@code email} and {@code domain} entries of some indicators, to find an address's: its own
     * entry, and the entries of its domain or a domain above it.
     */
    public static final class Addresses {
        private final Map<String, Indicator> emails = new java.util.HashMap<>();
        private final List<Indicator> domains = new ArrayList<>();

        public Addresses(List<Indicator> indicators) {
            for (Indicator ind : indicators) {
                if (ind.type().equals("email")) {
                    emails.putIfAbsent(ind.key(), ind);
                } else if (ind.type().equals("domain")) {
                    domains.add(ind);
                }
            }
        }

        public boolean isEmpty() {
            return emails.isEmpty() && domains.isEmpty();
        }

        /** The entry for {@code address} itself (as {@code Normalise.email} compares), or null. */
        public Indicator email(String address) {
            return emails.isEmpty() ? null : emails.get(dev.unravel.detect.roster.Normalise.email(address));
        }

        /** The {@code domain} entries {@code address}'s domain is or is under, in the lists' order. */
        public List<Indicator> domainsOf(String address) {
            int at = address == null ? -1 : address.lastIndexOf('@');
            if (domains.isEmpty() || at < 0) {
                return List.of();
            }
            String host = address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
            List<Indicator> out = new ArrayList<>(1);
            for (Indicator d : domains) {
                if (host.equals(d.key()) || host.endsWith("." + d.key())) {
                    out.add(d);
                }
            }
            return out;
        }
    }

    /** The indicators a detector compares, and the entries that cannot be read it counts ("file:line: why"). */
    public record Compared(List<Indicator> indicators, List<String> problems) {

        /** Counts each entry that cannot be read as a record {@code context}'s detector skipped. */
        public void countProblems(dev.unravel.detect.DetectorContext context) {
            for (String p : problems) {
                context.skipped("indicator list entry that cannot be read (" + p + ")");
            }
        }
    }

    /**
     * Reads {@code files}.
     *
     * @param owner the detector reading them, named in the error (null: none)
     * @throws IllegalArgumentException when a list cannot be read at all (missing, not JSON)
     */
    public static Lists read(List<Path> files, String owner) {
        List<Indicator> indicators = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        for (Path file : files) {
            read(file, owner, indicators, problems);
        }
        return new Lists(List.copyOf(indicators), List.copyOf(problems));
    }

    private static void read(Path file, String owner, List<Indicator> out, List<Problem> problems) {
        List<String> lines;
        String who = owner == null ? "" : owner + ": ";
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new IllegalArgumentException(who + "the indicator list " + file + " cannot be read: no such file", e);
        } catch (IOException e) {
            throw new IllegalArgumentException(who + "the indicator list " + file + " cannot be read: "
                    + e.getMessage(), e);
        }
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
            stix(file, String.join("\n", lines), out, problems);
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String raw = i == 0 && lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(i);
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String where = file + ":" + (i + 1);
            try {
                List<String> cells;
                try {
                    cells = IntelFiles.Csv.split(line, true);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
                }
                String type = cells.get(0).strip().toLowerCase(Locale.ROOT);
                if (type.equals("type") && cells.size() > 1 && cells.get(1).strip().equalsIgnoreCase("value")) {
                    continue; // the header row
                }
                if (cells.size() < 2 || cells.get(1).isBlank()) {
                    throw new IllegalArgumentException(where + ": no value (type,value,source,note)");
                }
                out.add(indicator(type, cells.get(1), cell(cells, 2), cell(cells, 3), file.getFileName() + " line "
                        + (i + 1), where));
            } catch (IllegalArgumentException e) {
                problems.add(problem(e));
            }
        }
    }

    /** The indicator, its value made whole and checked for its type. */
    private static Indicator indicator(String type, String value, String source, String note, String at,
            String where) {
        String whole = refanged(value);
        String key = switch (type) {
            case "email" -> dev.unravel.detect.roster.Normalise.email(whole);
            case "phone" -> dev.unravel.detect.roster.Normalise.phone(whole, "US");
            case "address" -> dev.unravel.detect.roster.Normalise.oneLineBuilding(whole);
            case "domain" -> domain(whole);
            case "ip" -> IntelFiles.network(whole) == null ? null : whole;
            case "wallet" -> wallet(whole);
            default -> throw new IllegalArgumentException(where + ": type '" + type + "' is not one of email, domain, "
                    + "phone, address, ip, wallet");
        };
        if (key == null) {
            throw new Unreadable(type, where + ": '" + whole + "' is not a readable " + type
                    + (type.equals("ip") ? " (an address, a CIDR network or first-last)" : type.equals("wallet")
                            ? " (a Bitcoin, Litecoin, Ethereum, TRON or Monero address)" : ""));
        }
        return new Indicator(type, whole, key, source, note, at, where);
    }

    /**
     * A wallet address as compared — Ethereum's hex and Bitcoin's bech32 in lower case (their case is
     * a checksum, or nothing), the others as written — or null when it has no wallet's shape.
     */
    public static String wallet(String raw) {
        var a = dev.unravel.triage.demand.CryptoAddresses.check(raw).orElse(null);
        if (a == null) {
            return null;
        }
        boolean anyCase = a.chain() == dev.unravel.triage.demand.Chain.ETHEREUM || a.kind().startsWith("bech32");
        return anyCase ? a.address().toLowerCase(Locale.ROOT) : a.address();
    }

    /** A domain as compared: lower case, no leading "@" or "*.", no trailing dot; null when it has no dot. */
    public static String domain(String raw) {
        String d = raw.strip().toLowerCase(Locale.ROOT);
        d = d.startsWith("@") ? d.substring(1) : d.startsWith("*.") ? d.substring(2) : d;
        d = d.endsWith(".") ? d.substring(0, d.length() - 1) : d;
        return d.contains(".") && !d.contains("@") && !d.contains(" ") ? d : null;
    }

    /** An indicator as advisories write it "defanged" ({@code devforge[.]io}, {@code jin[@]mail[.]com}) made whole. */
    public static String refanged(String v) {
        return v.replace("[.]", ".").replace("(.)", ".").replace("{.}", ".").replace("[dot]", ".")
                .replace("[@]", "@").replace("(@)", "@").replace("[at]", "@").replace("[:]", ":").strip();
    }

    /** STIX 2.1 comparisons a list can be read from: object path → the type it is filed as. */
    private static final Map<String, String> STIX_PATHS = Map.of("email-addr:value", "email", "domain-name:value",
            "domain", "email-message:from_ref.value", "email", "email-message:sender_ref.value", "email",
            "ipv4-addr:value", "ip", "ipv6-addr:value", "ip");

    /** STIX objects that are an indicator themselves: object type → the type it is filed as. */
    private static final Map<String, String> STIX_OBJECTS = Map.of("email-addr", "email", "domain-name", "domain",
            "ipv4-addr", "ip", "ipv6-addr", "ip");

    private static final java.util.regex.Pattern STIX_EQUALS = java.util.regex.Pattern.compile(
            "([a-z0-9-]+:[a-z0-9_.]+)\\s*=\\s*'((?:[^'\\\\]|\\\\.)*)'");

    /**
     * A STIX 2.1 bundle (CISA's and the FBI's machine-readable advisories, a sharing group's feed):
     * each indicator's equality comparisons on email addresses, their senders, domains and IP
     * addresses ({@code [email-addr:value = 'jin@mail.com'] OR [ipv4-addr:value = '203.0.113.0/24']}),
     * email-addr, domain-name, ipv4-addr and ipv6-addr objects themselves, and locations with a street
     * address. The report's name is the source; an indicator's name the note. Other comparisons
     * ({@code LIKE}, {@code MATCHES}, files) and other pattern languages are passed over.
     */
    private static void stix(Path file, String json, List<Indicator> out, List<Problem> problems) {
        com.fasterxml.jackson.databind.ObjectMapper mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": not a STIX bundle (JSON): " + e.getMessage().lines().findFirst()
                    .orElse(""), e);
        }
        com.fasterxml.jackson.databind.JsonNode objects = root.isArray() ? root : root.has("objects")
                ? root.get("objects") : mapper.createArrayNode().add(root);
        String source = null;
        for (com.fasterxml.jackson.databind.JsonNode o : objects) {
            if ("report".equals(o.path("type").asText()) && o.hasNonNull("name")) {
                source = o.get("name").asText();
            }
        }
        for (com.fasterxml.jackson.databind.JsonNode o : objects) {
            try {
                stixObject(o, file, source, out);
            } catch (IllegalArgumentException e) {
                problems.add(problem(e));
            }
        }
    }

    private static void stixObject(com.fasterxml.jackson.databind.JsonNode o, Path file, String source,
            List<Indicator> out) {
        String type = o.path("type").asText();
        String id = o.path("id").asText(type);
        String at = file.getFileName() + " " + id;
        String where = file + ": " + id;
        String note = o.hasNonNull("name") ? o.get("name").asText() : null;
        if (type.equals("indicator")) {
            if (o.hasNonNull("pattern_type") && !o.get("pattern_type").asText().equals("stix")) {
                return;
            }
            java.util.regex.Matcher m = STIX_EQUALS.matcher(o.path("pattern").asText());
            while (m.find()) {
                String as = STIX_PATHS.get(m.group(1));
                if (as != null) {
                    out.add(indicator(as, m.group(2).replace("\\'", "'").replace("\\\\", "\\"), source, note, at,
                            where));
                }
            }
        } else if (STIX_OBJECTS.containsKey(type)) {
            out.add(indicator(STIX_OBJECTS.get(type), o.path("value").asText(), source, note, at, where));
        } else if (type.equals("location") && o.hasNonNull("street_address") && o.hasNonNull("city")) {
            String region = (o.path("region").asText("") + " " + o.path("postal_code").asText("")).strip();
            out.add(indicator("address", o.get("street_address").asText() + ", " + o.get("city").asText()
                    + (region.isEmpty() ? "" : ", " + region) + (o.hasNonNull("country") ? ", "
                            + o.get("country").asText() : ""), source, note, at, where));
        }
    }

    private static String cell(List<String> cells, int i) {
        return cells.size() > i && !cells.get(i).isBlank() ? cells.get(i).strip() : null;
    }
}
