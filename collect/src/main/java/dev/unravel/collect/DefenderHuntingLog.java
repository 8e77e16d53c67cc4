package dev.unravel.collect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Microsoft Defender for Endpoint's advanced hunting tables through Microsoft Graph
 * ({@code POST /v1.0/security/runHuntingQuery}), for a company whose Defender streams to no Event
 * Hub or storage account: one KQL query a table and time window, the rows the detectors read, as
 * the {@code defender-endpoint} reader takes them (each row with {@code Type} naming its table).
 *
 * <p>Advanced hunting has no paging: a query returns at most {@value #ROW_LIMIT} rows and looks back
 * 30 days. So the time asked for is cut into windows ({@code --window}, an hour by default), each
 * table's window one query; a window whose answer is full is cut in two and asked again (its rows
 * not written), down to a minute. The windows are queued here and handed to the collector as
 * addresses of the one endpoint told apart by their fragment, which is never sent.
 */
public final class DefenderHuntingLog implements LogApi {

    /** A table, and which of its rows the detectors read (a KQL filter, or empty for every row). */
    public enum Table {
        PROCESSES("DeviceProcessEvents", ""),
        // connections to the Internet: remote-access relays, file-sharing services (not the LAN's chatter)
        NETWORK("DeviceNetworkEvents", "| where RemoteIPType == \"Public\" or isnotempty(RemoteUrl)"),
        // plugged-in devices (IP-KVMs), DNS look-ups, USB drives
        DEVICE("DeviceEvents", "| where ActionType in (\"PnpDeviceConnected\", \"DnsQueryResponse\", "
                + "\"UsbDriveMounted\")"),
        // the laptop's time zone; its users' keyboard layouts and input methods
        REGISTRY("DeviceRegistryEvents", "| where RegistryValueName == \"TimeZoneKeyName\" "
                + "or RegistryKey contains @\"\\Keyboard Layout\\\" "
                + "or RegistryKey contains @\"\\International\\User Profile\\\""),
        LOGONS("DeviceLogonEvents", ""),
        // files written off the system drive: what goes to a USB drive (DeviceEvents' UsbDriveMounted gives its letter)
        FILES("DeviceFileEvents", "| where ActionType in (\"FileCreated\", \"FileModified\", \"FileRenamed\") "
                + "and FolderPath !startswith \"C:\""),
        // where each laptop's sensor connects from (several laptops on one home line: a farm), and who is signed in
        INFO("DeviceInfo", "| where isnotempty(PublicIP)\n| project Timestamp, DeviceId, DeviceName, PublicIP, "
                + "LoggedOnUsers, OSPlatform, MachineGroup, ReportId");

        final String name;
        final String filter;

        Table(String name, String filter) {
            this.name = name;
            this.filter = filter;
        }

        /** The table by its name ({@code DeviceProcessEvents}), in any case. */
        public static Table named(String name) {
            for (Table t : values()) {
                if (t.name.equalsIgnoreCase(name.strip())) {
                    return t;
                }
            }
            throw new IllegalArgumentException("'" + name + "' is not a table collected: " + String.join(", ",
                    java.util.Arrays.stream(values()).map(t -> t.name).toList()));
        }

        public String tableName() {
            return name;
        }
    }

    /** Rows a query returns at most; an answer that full may have been cut short. */
    static final int ROW_LIMIT = 100_000;
    private static final Duration LOOK_BACK = Duration.ofDays(30);
    private static final Duration SMALLEST = Duration.ofMinutes(1);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI graph;
    private final String tenant;
    private final List<Table> tables;
    private final Duration window;
    private final BearerToken token;
    private final Deque<Query> queued = new ArrayDeque<>();
    private final Map<URI, Query> byAddress = new HashMap<>();
    private Query asked;
    private long asking;

    /** One table's window. */
    private record Query(Table table, Instant from, Instant to) {
        String kql() {
            return table.name + "\n| where Timestamp >= datetime(" + from + ") and Timestamp < datetime(" + to + ")\n"
                    + (table.filter.isEmpty() ? "" : table.filter + "\n") + "| extend Type = \"" + table.name + "\"\n"
                    + "| order by Timestamp asc";
        }
    }

    /**
     * @param graph {@code https://graph.microsoft.com}
     * @param login {@code https://login.microsoftonline.com}
     * @param window how much time one query asks for
     */
    public DefenderHuntingLog(URI graph, URI login, String tenant, String clientId, String secret, List<Table> tables,
            Duration window) {
        check(tenant, clientId, tables, window);
        this.graph = Apis.base(graph);
        this.tenant = tenant.strip();
        this.tables = List.copyOf(tables);
        this.window = window;
        this.token = BearerToken.clientCredentials("defender", login, this.tenant, clientId.strip(), secret,
                this.graph + "/.default");
    }

    /** Throws when an option is missing or out of range: before the secret is read. */
    public static void check(String tenant, String clientId, List<Table> tables, Duration window) {
        if (tenant == null || tenant.isBlank() || clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("give the tenant (its id or domain) and the app's client id");
        }
        if (tables.isEmpty()) {
            throw new IllegalArgumentException("give at least one table");
        }
        if (window.compareTo(SMALLEST) < 0 || window.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("--window is a minute to a day, not " + window);
        }
    }

    @Override
    public String id() {
        return "defender";
    }

    @Override
    public String describe() {
        return "Microsoft Defender for Endpoint advanced hunting (" + String.join(", ",
                tables.stream().map(t -> t.name).toList()) + ") of tenant " + tenant;
    }

    @Override
    public String permissionHint() {
        return "an app registration with Microsoft Graph's ThreatHunting.Read.All application permission, "
                + "admin-consented, in a tenant with Defender for Endpoint Plan 2 (or Defender XDR)";
    }

    @Override
    public String stateName() {
        return "defender-" + Apis.fileSafe(tenant);
    }

    /** Defender's tables fill a few minutes late, and a laptop offline sends its events when it is back. */
    @Override
    public Duration minimumOverlap() {
        return Duration.ofHours(1);
    }

    @Override
    public void authenticate(Http http) throws CollectException {
        token.obtain(http);
    }

    @Override
    public HttpRequest first(Instant since, Instant until) throws CollectException {
        Instant oldest = until.minus(LOOK_BACK).plus(Duration.ofMinutes(5));
        Instant from = since.isBefore(oldest) ? oldest : since;
        for (Instant start = from; start.isBefore(until); start = start.plus(window)) {
            Instant end = start.plus(window).isAfter(until) ? until : start.plus(window);
            for (Table t : tables) {
                queued.add(new Query(t, start, end));
            }
        }
        URI first = take();
        return first == null ? null : next(first);
    }

    @Override
    public HttpRequest next(URI uri) throws CollectException {
        Query q = byAddress.remove(uri);
        if (q == null) {
            throw new CollectException("defender: no query was queued as " + uri);
        }
        asked = q;
        String body;
        try {
            body = JSON.writeValueAsString(Map.of("Query", q.kql()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return token.builder(URI.create(graph + "/v1.0/security/runHuntingQuery"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    /**
     * The rows of Graph's answer ({@code results}; {@code Results} as Defender's own API names it). A
     * full answer may have been cut short: its window is cut in two and asked again, and none of its
     * rows are written.
     */
    @Override
    public List<JsonNode> records(JsonNode page) throws CollectException {
        JsonNode rows = page.has("results") ? page.get("results") : page.get("Results");
        if (rows == null || !rows.isArray()) {
            throw new CollectException("defender: Microsoft Graph answered " + Apis.shape(page) + ", not a hunting "
                    + "query's result (its rows in 'results')");
        }
        if (rows.size() >= ROW_LIMIT) {
            Duration span = Duration.between(asked.from, asked.to);
            if (span.compareTo(SMALLEST.multipliedBy(2)) < 0) {
                throw new CollectException("defender: " + asked.table.name + " has " + ROW_LIMIT + " rows or more "
                        + "between " + asked.from + " and " + asked.to + ", the most one query returns: narrow the "
                        + "tables collected (--table)");
            }
            Instant middle = asked.from.plus(span.dividedBy(2)).truncatedTo(ChronoUnit.SECONDS);
            queued.addFirst(new Query(asked.table, middle, asked.to));
            queued.addFirst(new Query(asked.table, asked.from, middle));
            return List.of();
        }
        List<JsonNode> records = new ArrayList<>(rows.size());
        rows.forEach(records::add);
        return records;
    }

    @Override
    public URI nextPage(HttpResponse<?> response, JsonNode page) {
        return take();
    }

    /** The next query's address: the endpoint, told apart by a fragment (never sent). */
    private URI take() {
        Query q = queued.poll();
        if (q == null) {
            return null;
        }
        URI address = URI.create(graph + "/v1.0/security/runHuntingQuery#" + (++asking));
        byAddress.put(address, q);
        return address;
    }

    @Override
    public Instant time(JsonNode record) {
        return Apis.isoTime(record, "Timestamp");
    }

    /** The table, device and report: a report id is unique on its device, and a row's time tells retries apart. */
    @Override
    public String recordId(JsonNode record) {
        JsonNode report = record.path("ReportId"); // a number
        return report.isMissingNode() || report.isNull() ? null : (Apis.text(record, "Type") + "|"
                + Apis.text(record, "DeviceId") + "|" + report.asText() + "|" + Apis.text(record, "Timestamp"))
                .toLowerCase(Locale.ROOT);
    }
}
