package dev.unravel.ingest.format.vpn;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.FirstChar;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.JsonRecords;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import dev.unravel.ingest.read.TextLines;
import dev.unravel.ingest.read.Times;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Zscaler Private Access (ZPA) logs as its Log Streaming Service (LSS) sends them with the JSON log
 * template: one object a line (or a JSON array), with or without a syslog header before each object
 * (an LSS receiver behind rsyslog or syslog-ng writes one). ZPA is the zero-trust replacement of a
 * corporate VPN: the Client Connector on the company laptop connects to Zscaler's cloud from
 * wherever the laptop is, and the User Status log records each such session with the account
 * ({@code Username}), the computer ({@code Hostname}, {@code Platform}), the address it came from
 * ({@code PublicIP}) and Zscaler's own geolocation of it ({@code CountryCode}, {@code City}).
 *
 * <p>Types: a User Status log of a person's client — Client Connector ({@code zpn_client_type_zapp},
 * its partner edition) or a web browser using Browser Access ({@code zpn_client_type_exporter}), or
 * a log without {@code ClientType} — is {@code vpn.session.start} when {@code SessionStatus} is
 * {@code ZPN_STATUS_AUTHENTICATED}, {@code vpn.session.end} when {@code ZPN_STATUS_DISCONNECTED} (with
 * {@code session_seconds} when both times are known), else {@code vpn.event}, as the corporate VPNs'
 * readers type theirs, so the access detectors count the connection as a sign-in. A machine tunnel
 * (the computer's own session before anyone signs in) is {@code zpa.machine_tunnel}; the sessions
 * of Zscaler's own services and connectors (ZIA Service Edge with IP anchoring, Cloud and Branch
 * Connector, the LSS itself, Cloud Browser Isolation, VDI), whose public address is Zscaler's or a
 * data centre's and says nothing about where a person is, are {@code zpa.service.session}. A User
 * Activity log (one application connection: {@code ConnectionID}, {@code ClientPublicIP},
 * {@code Application}, {@code ServerIP}) is {@code zpa.app.connection}; any other LSS log
 * (connector status and metrics) {@code zpa.log}. Source {@code zpa}, logsource
 * {@code zscaler}/{@code vpn}/{@code zpa}; user {@code Username}; host {@code Hostname}; source IP
 * {@code PublicIP} (User Activity: {@code ClientPublicIP}). {@code PrivateIP} is the client's
 * address on its own network (a home router's LAN), not one the company's network sees: it is
 * kept, never used as the computer's address.
 *
 * <p>Time: the session's own time — {@code TimestampAuthentication} for an authenticated session,
 * {@code TimestampUnAuthentication} for a disconnected one, {@code TimestampConnectionStart} for an
 * application connection — else {@code LogTimestamp}, which the JSON template writes as
 * {@code Fri May 31 17:34:48 2019} without a zone (LSS writes UTC) or, in a custom template, as
 * ISO 8601 or epoch seconds. LSS re-sends the status of a long session: each report of one
 * authenticated session carries the same {@code TimestampAuthentication}, so it is one time.
 * Only the JSON template is read; the CSV and TSV templates have no field names to tell a
 * customised field list by.
 */
public final class ZscalerPrivateAccessReader implements Reader {

    private static final LogSource LOGSOURCE = LogSource.of("zscaler", "vpn", "zpa");
    private static final String SOURCE = "zpa";

    static final String AUTHENTICATED = "ZPN_STATUS_AUTHENTICATED";
    static final String DISCONNECTED = "ZPN_STATUS_DISCONNECTED";

    /** Client types whose session is a person's device or browser: its public address is where they are. */
    private static final Set<String> PERSON_CLIENTS = Set.of("zpn_client_type_zapp", "zpn_client_type_zapp_partner",
            "zpn_client_type_exporter");
    private static final String MACHINE_TUNNEL = "zpn_client_type_machine_tunnel";

    /** {@code LogTimestamp} as the JSON template writes it, after its day of the week. */
    private static final DateTimeFormatter LOG_TIME = DateTimeFormatter.ofPattern("MMM d HH:mm:ss uuuu",
            Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);

    @Override
    public String id() {
        return SOURCE;
    }

    @Override
    public String description() {
        return "Zscaler Private Access (ZPA) Log Streaming Service, JSON template: User Status (the Client "
                + "Connector's sessions), User Activity and other logs, with or without a syslog header";
    }

    @Override
    public int probe(Sample sample) {
        try {
            int first = sample.firstChar();
            if (first == '{' || first == '[') {
                SampleKeys k = SampleKeys.of(sample);
                boolean status = k.has("SessionStatus") && (k.has("TimestampAuthentication") || k.has("ZEN"))
                        && (k.has("PublicIP") || k.has("Username"));
                boolean activity = k.has("ConnectionID") && k.has("ClientPublicIP") && k.has("ClientZEN");
                return status || activity ? 90 : 0;
            }
            // a syslog header before each object
            String line = sample.firstLine();
            if (line == null || line.indexOf('{') <= 0) {
                return 0;
            }
            return line.contains("\"SessionStatus\"") && line.contains("\"TimestampAuthentication\"")
                    || line.contains("\"ConnectionID\"") && line.contains("\"ClientPublicIP\"") ? 85 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        FirstChar.readJsonOrText(input, sink, ZscalerPrivateAccessReader::convert,
                text -> TextLines.read(text, sink, (line, origin) -> convert(afterHeader(line, input), origin)));
    }

    /** The JSON object after a line's syslog header. */
    private static Map<String, Object> afterHeader(String line, Input input) throws RecordException {
        int brace = line.indexOf('{');
        if (brace < 0) {
            throw new RecordException(null, "holds no JSON object: LSS's JSON log template writes one a line");
        }
        try {
            return JsonRecords.object(line.substring(brace).getBytes(StandardCharsets.UTF_8), input.limits());
        } catch (JsonProcessingException e) {
            throw new RecordException(null, "is not a whole JSON object after its header ("
                    + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new RecordException(null, "could not be read as JSON (" + e.getMessage() + ")");
        }
    }

    /** One LSS log as an event. */
    static Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        if (doc.containsKey("SessionStatus")) {
            return userStatus(doc, origin);
        }
        if (doc.containsKey("ConnectionID") || doc.containsKey("ClientPublicIP")) {
            Instant time = time(doc, "TimestampConnectionStart");
            return new Event(time, SOURCE, "zpa.app.connection", LOGSOURCE, Docs.text(doc, "Username"), null,
                    Docs.text(doc, "ClientPublicIP"), doc, origin);
        }
        return new Event(logTime(doc), SOURCE, "zpa.log", LOGSOURCE, null, null, null, doc, origin);
    }

    private static Event userStatus(Map<String, Object> doc, EventRef origin) throws RecordException {
        String status = Docs.text(doc, "SessionStatus");
        if (status == null) {
            throw RecordException.missing("SessionStatus");
        }
        String client = Docs.text(doc, "ClientType");
        String user = Docs.text(doc, "Username");
        String host = Docs.text(doc, "Hostname");
        String ip = Docs.text(doc, "PublicIP");
        boolean authenticated = status.equalsIgnoreCase(AUTHENTICATED);
        boolean disconnected = status.equalsIgnoreCase(DISCONNECTED);
        Instant time = time(doc, authenticated ? "TimestampAuthentication"
                : disconnected ? "TimestampUnAuthentication" : null);
        if (client != null && !personClient(client)) {
            String type = client.equalsIgnoreCase(MACHINE_TUNNEL) ? "zpa.machine_tunnel" : "zpa.service.session";
            return new Event(time, SOURCE, type, LOGSOURCE, user, host, ip, doc, origin);
        }
        if (disconnected) {
            Instant start = optionalTime(doc, "TimestampAuthentication");
            if (start != null && !time.isBefore(start)) {
                doc.put("session_seconds", Duration.between(start, time).toSeconds());
            }
        }
        String type = authenticated ? "vpn.session.start" : disconnected ? "vpn.session.end" : "vpn.event";
        return new Event(time, SOURCE, type, LOGSOURCE, user, host, ip, doc, origin);
    }

    /** Whether {@code client} is a person's client type, in any case (no lower-cased copy per log). */
    private static boolean personClient(String client) {
        for (String person : PERSON_CLIENTS) {
            if (person.equalsIgnoreCase(client)) {
                return true;
            }
        }
        return false;
    }

    /** The session's own time in {@code key} when the log has it, else {@code LogTimestamp}. */
    private static Instant time(Map<String, Object> doc, String key) throws RecordException {
        Instant own = key == null ? null : optionalTime(doc, key);
        return own != null ? own : logTime(doc);
    }

    /** The time in {@code key}, null when absent or empty; an error naming it when it is not a time. */
    private static Instant optionalTime(Map<String, Object> doc, String key) throws RecordException {
        Object v = doc.get(key);
        if (v == null || v instanceof String s && s.isBlank()) {
            return null;
        }
        Instant t = Times.parse(v);
        if (t == null) {
            throw RecordException.invalid(key, "an ISO 8601 time", v);
        }
        return t;
    }

    private static Instant logTime(Map<String, Object> doc) throws RecordException {
        Object v = doc.get("LogTimestamp");
        if (v == null || v instanceof String s && s.isBlank()) {
            throw new RecordException("LogTimestamp", "is missing: the log has no time");
        }
        Instant t = logTimestamp(v.toString());
        if (t == null) {
            t = Times.parse(v);
        }
        if (t == null) {
            throw RecordException.invalid("LogTimestamp", "a time (Fri May 31 17:34:48 2019, read as UTC)", v);
        }
        return t;
    }

    /** {@code Fri May 31 17:34:48 2019} or {@code Fri May  3 …} (no zone: UTC), or null. */
    static Instant logTimestamp(String text) {
        String[] parts = text.strip().split("\\s+");
        if (parts.length != 5 || parts[0].length() != 3 || !Character.isLetter(parts[0].charAt(0))) {
            return null;
        }
        try {
            // the day of the week is left out: it says nothing the date does not
            return LocalDateTime.parse(String.join(" ", parts[1], parts[2], parts[3], parts[4]), LOG_TIME)
                    .toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
