package dev.unravel.ingest.format.proxy;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.CsvRecords;
import dev.unravel.ingest.read.FirstChar;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import dev.unravel.ingest.read.Times;
import dev.unravel.ingest.read.UrlHosts;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Cisco Umbrella DNS and web proxy (Secure Web Gateway) logs, as Umbrella exports them to an S3
 * bucket ({@code dnslogs/}, {@code proxylogs/}): CSV without a header row, every field quoted, in
 * UTC; columns added over the log format's versions are read when present. Also DNS logs as JSON
 * lines with Umbrella's column names in camel case ({@code timestamp}, {@code internalIp},
 * {@code domain}, {@code queryType}, as log pipelines and the vendor sample write them).
 *
 * <p>Each row is told by its shape, so a folder mixing both kinds reads too: a DNS row has the
 * query type in its seventh column ({@code 1 (A)}), a proxy row a URL in its eighth. A header row
 * (the export's optional headers) is read and gives no event.
 *
 * <p>Umbrella's roaming client and AnyConnect module resolve a laptop's names (and, with the
 * gateway, send its web traffic) through Umbrella wherever the laptop is: like Zscaler's log, this
 * one sees laptops the office network never does.
 *
 * <p>DNS rows become {@code umbrella.dns} (logsource {@code umbrella}/{@code dns}), proxy rows
 * {@code umbrella.proxy} ({@code umbrella}/{@code proxy}). User: the e-mail address an AD user
 * identity carries ({@code Lovelace, Ada (ada@example.com)}), else the identity of type
 * {@code AD Users}; host: the identity of a computer type (roaming computer, AnyConnect roaming
 * client, AD computer); source IP: the internal address. Sigma's names are added
 * ({@link WebProxy}), and {@code client_public_ip}: the external address, where the roaming
 * client's network reached Umbrella.
 */
public final class UmbrellaReader implements Reader {

    private static final LogSource DNS = LogSource.of("umbrella", "dns", null);
    private static final LogSource PROXY = LogSource.of("umbrella", "proxy", null);

    /** DNS log columns, format versions 1 to 13 (version 1 stops after {@code categories}). */
    static final List<String> DNS_COLUMNS = List.of("timestamp", "most_granular_identity", "identities",
            "internal_ip", "external_ip", "action", "query_type", "response_code", "domain", "categories",
            "most_granular_identity_type", "identity_types", "blocked_categories", "rule_id",
            "destination_countries", "organization_id");

    /** Proxy log columns, as far as the format has grown; later ones are kept as {@code columnN}. */
    static final List<String> PROXY_COLUMNS = List.of("timestamp", "policy_identity", "internal_ip", "external_ip",
            "destination_ip", "content_type", "verdict", "url", "referer", "user_agent", "status_code",
            "request_size", "response_size", "response_body_size", "sha256", "categories", "av_detections", "puas",
            "amp_disposition", "amp_malware_name", "amp_score", "policy_identity_type", "blocked_categories",
            "identities", "identity_types", "request_method", "dlp_status", "certificate_errors", "file_name",
            "ruleset_id", "rule_id", "destination_list_ids", "isolate_action", "file_action", "warn_status");

    private static final Pattern STAMP = Pattern.compile("\"?\\d{4}-\\d{2}-\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}.*");
    private static final List<String> COMPUTER_TYPES = List.of("roaming computers", "roaming computer",
            "anyconnect roaming client", "ad computers", "ad computer", "mobile devices", "mobile device");

    @Override
    public String id() {
        return "cisco-umbrella";
    }

    @Override
    public String description() {
        return "Cisco Umbrella DNS and proxy logs (S3 export CSV, any log format version; DNS logs as JSON lines)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            int first = sample.firstChar();
            if (first == '{' || first == '[') {
                SampleKeys k = SampleKeys.of(sample);
                return k.has("domain") && k.has("timestamp") && (k.has("internalIp") || k.has("externalIp"))
                        && (k.has("responseCode") || k.has("queryType")) ? 85 : 0;
            }
            if (first != '"') {
                return 0;
            }
            List<String> fields = splitLine(sample.firstLine());
            if (isHeader(fields) && fields.size() >= 9) {
                String joined = String.join(",", fields).toLowerCase(Locale.ROOT);
                return joined.contains("identit") ? 88 : 0; // the export's optional header row
            }
            if (fields.isEmpty() || !STAMP.matcher(fields.get(0)).matches()) {
                return 0;
            }
            return isDns(fields) || isProxy(fields) ? 90 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        // The first character tells JSON from CSV.
        FirstChar.readJsonOrText(input, sink, UmbrellaReader::json,
                text -> CsvRecords.readRows(text, sink, ',', UmbrellaReader::isHeader, row -> {
                    List<String> fields = new ArrayList<>(row.size());
                    for (int i = 0; i < row.size(); i++) {
                        fields.add(row.get(i));
                    }
                    sink.accept(row(fields, new EventRef(input.name(), row.record())));
                }));
    }

    /** The export's optional header row ({@code "Timestamp","Most Granular Identity",...}). */
    static boolean isHeader(List<String> fields) {
        return !fields.isEmpty() && fields.get(0).strip().equalsIgnoreCase("timestamp");
    }

    /** One CSV row as an event. */
    static Event row(List<String> fields, EventRef origin) throws RecordException {
        if (isDns(fields)) {
            return dns(named(fields, DNS_COLUMNS), CSV_NAMES, origin);
        }
        if (isProxy(fields)) {
            return proxy(named(fields, PROXY_COLUMNS), origin);
        }
        throw new RecordException(null, "is neither an Umbrella DNS log row (the query type, such as \"1 (A)\", in "
                + "column 7) nor a proxy log row (a URL in column 8); " + fields.size() + " columns");
    }

    private static boolean isDns(List<String> f) {
        return f.size() >= 9 && recordType(f.get(6).strip()) != null;
    }

    /**
     * The record type of a DNS query type as Umbrella writes it ({@code 1 (A)} → {@code A},
     * {@code 28 (AAAA)}), upper-cased; null for anything else. By hand, not a regular expression:
     * it is asked of every row (a fifth of reading a row went to the regular expressions).
     */
    static String recordType(String v) {
        int space = v.indexOf(' ');
        if (space < 1 || v.length() < space + 4 || v.charAt(space + 1) != '(' || v.charAt(v.length() - 1) != ')') {
            return null;
        }
        for (int i = 0; i < space; i++) {
            if (v.charAt(i) < '0' || v.charAt(i) > '9') {
                return null;
            }
        }
        for (int i = space + 2; i < v.length() - 1; i++) {
            char c = v.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '*')) {
                return null;
            }
        }
        return v.substring(space + 2, v.length() - 1).toUpperCase(Locale.ROOT);
    }

    /**
     * The e-mail address in the first parentheses of {@code name} that hold one
     * ({@code Lovelace, Ada (ada@example.com)}: no space or parenthesis inside, an {@code @} not at
     * either end); null when none does.
     */
    static String emailIn(String name) {
        for (int open = name.indexOf('('); open >= 0; open = name.indexOf('(', open + 1)) {
            int close = name.indexOf(')', open + 1);
            if (close < 0) {
                return null;
            }
            int at = -1;
            boolean clean = true;
            for (int i = open + 1; i < close && clean; i++) {
                char c = name.charAt(i);
                clean = c != '(' && !Character.isWhitespace(c);
                if (c == '@') {
                    at = i;
                }
            }
            if (clean && at > open + 1 && at < close - 1) {
                return name.substring(open + 1, close);
            }
        }
        return null;
    }

    private static boolean isProxy(List<String> f) {
        return f.size() >= 13 && f.get(7).contains("://");
    }

    private static Map<String, Object> named(List<String> fields, List<String> names) {
        Map<String, Object> doc = new LinkedHashMap<>(fields.size() * 2 + 16);
        for (int i = 0; i < fields.size(); i++) {
            String v = fields.get(i).strip();
            if (!v.isEmpty()) {
                doc.put(i < names.size() ? names.get(i) : "column" + (i + 1), v);
            }
        }
        return doc;
    }

    /** Where a DNS log keeps what the event needs: the CSV's columns, or their camel-case names in JSON. */
    private record DnsNames(String time, String domain, String queryType, String internalIp, String externalIp,
            String granular, String identities, String types) {
    }

    private static final DnsNames CSV_NAMES = new DnsNames("timestamp", "domain", "query_type", "internal_ip",
            "external_ip", "most_granular_identity", "identities", "identity_types");
    private static final DnsNames JSON_NAMES = new DnsNames("timestamp", "domain", "queryType", "internalIp",
            "externalIp", "mostGranularIdentity", "identities", "identityTypes");

    private static Event dns(Map<String, Object> doc, DnsNames names, EventRef origin) throws RecordException {
        Instant time = time(doc.get(names.time()), names.time());
        String domain = WebProxy.domain(WebProxy.value(doc.get(names.domain())));
        if (domain == null) {
            throw RecordException.missing(names.domain());
        }
        String ip = WebProxy.value(doc.get(names.internalIp()));
        Identity who = identity(doc.get(names.granular()), doc.get(names.identities()), doc.get(names.types()));
        WebProxy.put(doc, "query", domain);
        WebProxy.put(doc, "record_type", recordType(String.valueOf(doc.get(names.queryType()))));
        WebProxy.put(doc, "src_ip", ip);
        WebProxy.put(doc, WebProxy.CLIENT_PUBLIC_IP, WebProxy.value(doc.get(names.externalIp())));
        return new Event(time, "umbrella", "umbrella.dns", DNS, who.user, who.host, ip, doc, origin);
    }

    private static Event proxy(Map<String, Object> doc, EventRef origin) throws RecordException {
        Instant time = time(doc.get("timestamp"), "timestamp");
        String url = WebProxy.value(doc.get("url"));
        WebProxy.put(doc, "c-uri", url);
        WebProxy.put(doc, "cs-host", UrlHosts.hostOf(url));
        WebProxy.put(doc, "cs-method", WebProxy.value(doc.get("request_method")));
        WebProxy.put(doc, "c-useragent", WebProxy.value(doc.get("user_agent")));
        WebProxy.put(doc, "cs-referrer", WebProxy.value(doc.get("referer")));
        WebProxy.put(doc, "sc-status", WebProxy.value(doc.get("status_code")));
        String ip = WebProxy.value(doc.get("internal_ip"));
        WebProxy.put(doc, "src_ip", ip);
        WebProxy.put(doc, WebProxy.CLIENT_PUBLIC_IP, WebProxy.value(doc.get("external_ip")));
        WebProxy.put(doc, "dst_ip", WebProxy.value(doc.get("destination_ip")));
        WebProxy.put(doc, "cs-bytes", count(doc, "request_size"));
        WebProxy.put(doc, "sc-bytes", count(doc, "response_size"));
        Identity who = identity(doc.get("policy_identity"), doc.get("identities"), doc.get("identity_types"));
        return new Event(time, "umbrella", "umbrella.proxy", PROXY, who.user, who.host, ip, doc, origin);
    }

    /** A DNS log as JSON: Umbrella's columns in camel case, kept as they are, with Sigma's names added. */
    private static Event json(Map<String, Object> record, EventRef origin) throws RecordException {
        return dns(record, JSON_NAMES, origin);
    }

    private static Instant time(Object v, String field) throws RecordException {
        if (WebProxy.value(v) == null) {
            throw new RecordException(field, "is missing: the row has no time");
        }
        Instant t = Times.parse(v);
        if (t == null) {
            throw RecordException.invalid(field, "a time (2024-03-14 18:59:23, UTC)", v);
        }
        return t;
    }

    private static Long count(Map<String, Object> doc, String field) throws RecordException {
        Object v = doc.get(field);
        if (WebProxy.value(v) == null) {
            return null;
        }
        Long n = WebProxy.bytes(v);
        if (n == null) {
            throw RecordException.invalid(field, "a byte count", v);
        }
        return n;
    }

    /** The user and the computer among a row's identities. */
    record Identity(String user, String host) {
    }

    /**
     * Umbrella lists a row's identities comma-separated, and an AD user's name may itself hold a
     * comma ({@code Lovelace, Ada (ada@example.com)}); the most granular identity comes first, so
     * it is taken whole and the rest split. Types pair with identities when the counts agree.
     */
    static Identity identity(Object granular, Object identities, Object types) {
        String first = WebProxy.value(granular);
        List<String> names = identities instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : splitIdentities(first, WebProxy.value(identities));
        List<String> kinds = types instanceof List<?> l ? l.stream().map(String::valueOf).toList()
                : splitTypes(WebProxy.value(types));
        String user = null;
        String host = null;
        for (String n : names) {
            user = emailIn(n);
            if (user != null) {
                break;
            }
        }
        if (names.size() == kinds.size()) {
            for (int i = 0; i < names.size(); i++) {
                String kind = kinds.get(i).strip().toLowerCase(Locale.ROOT);
                if (user == null && kind.equals("ad users")) {
                    user = names.get(i).strip();
                } else if (host == null && COMPUTER_TYPES.contains(kind)) {
                    host = names.get(i).strip();
                }
            }
        }
        return new Identity(user, host);
    }

    private static List<String> splitIdentities(String first, String all) {
        List<String> out = new ArrayList<>();
        if (all == null) {
            if (first != null) {
                out.add(first);
            }
            return out;
        }
        String rest = all;
        if (first != null && all.startsWith(first)) {
            out.add(first);
            rest = all.substring(first.length());
        }
        // "Lovelace, Ada (ada@example.com)" later in the list: a comma and a space, then a name
        // with an address, continue the identity before (identities are joined by a bare comma).
        String[] parts = rest.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            while (i + 1 < parts.length && parts[i + 1].startsWith(" ") && !part.contains("(")
                    && nameWithEmail(parts[i + 1].strip())) {
                part = part + "," + parts[++i];
            }
            if (!part.isBlank()) {
                out.add(part.strip());
            }
        }
        return out;
    }

    /** A name followed by nothing but its address in parentheses: {@code Ada (ada@example.com)}. */
    private static boolean nameWithEmail(String s) {
        int open = s.indexOf('(');
        return open > 0 && s.endsWith(")") && s.indexOf(',') < 0 && s.indexOf(')') == s.length() - 1
                && emailIn(s) != null && s.lastIndexOf('(') == open;
    }

    private static List<String> splitTypes(String types) {
        List<String> out = new ArrayList<>();
        if (types != null) {
            for (String part : types.split(",")) {
                if (!part.isBlank()) {
                    out.add(part.strip());
                }
            }
        }
        return out;
    }

    /** The fields of a sample's first line, read as the reader reads rows; empty when it cannot be read. */
    static List<String> splitLine(String line) {
        List<String> out = new ArrayList<>();
        Input input = new Input("sample", new java.io.ByteArrayInputStream(line.getBytes(
                java.nio.charset.StandardCharsets.UTF_8)), dev.unravel.ingest.read.Limits.DEFAULT);
        try {
            CsvRecords.readRows(input, new RecordSink() {
                @Override
                public void accept(Event event) {
                }

                @Override
                public void reject(dev.unravel.ingest.read.RecordError error) {
                }
            }, ',', first -> false, row -> {
                if (out.isEmpty()) {
                    for (int i = 0; i < row.size(); i++) {
                        out.add(row.get(i));
                    }
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        return out;
    }
}
