package dev.unravel.ingest.format.vpn;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.TextLines;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cisco Secure Firewall ASA (and FTD) syslog, for its remote-access VPN — AnyConnect / Secure
 * Client: one message a line ({@code %ASA-6-113039: Group <RemoteAccess> User <ada> IP
 * <203.0.113.44> AnyConnect parent session started.}), after whatever header the firewall and the
 * collector put before it.
 *
 * <p>Read in full: {@code 113039} (an AnyConnect session started: {@code vpn.session.start}),
 * {@code 722051} (the address the tunnel was given, {@code private_ip}: {@code vpn.event}),
 * {@code 113019} (the session disconnected, with its duration in seconds and bytes:
 * {@code vpn.session.end}), {@code 113005} and {@code 113015} (authentication rejected, with the
 * client's address: {@code vpn.authentication}, {@code status=failure}) and {@code 716001} (a
 * clientless WebVPN session: {@code vpn.authentication}). The rest of the AnyConnect messages that
 * name a group, a user and an address are {@code vpn.event}; every other message of the stream is
 * kept as {@code cisco-asa.<message id>} with its text. Source {@code cisco-asa}, logsource
 * {@code cisco}/{@code vpn} for the VPN's messages; user the VPN user, source IP the client's.
 *
 * <p>Time: the ASA's own timestamp ({@code logging timestamp}: {@code Mar 05 2026 09:12:33}, or
 * RFC 5424's {@code 2026-03-05T09:12:33Z}), read as UTC unless it carries an offset. A line whose
 * only time is a collector's header without a year ({@code Mar  5 09:12:33}) is rejected, naming
 * the fix: the year cannot be told from the line, and a guess would move every event of an older
 * file by a year.
 */
public final class CiscoAsaReader implements Reader {

    private static final LogSource VPN = LogSource.of("cisco", "vpn", null);
    private static final LogSource OTHER = LogSource.of("cisco", null, "asa");
    private static final String SOURCE = "cisco-asa";

    /** {@code %ASA-6-113039:} (or {@code %FTD-…}): severity and message id. */
    private static final Pattern TAG = Pattern.compile("%(?:ASA|FTD|FWSM|PIX)-(\\d)-(\\d{6}):\\s*");
    /** The messages read in full, which must name the group, user and address. */
    private static final java.util.Set<String> SESSION_MESSAGES = java.util.Set.of("113039", "113019", "716001",
            "722051");
    private static final Pattern ANGLED = Pattern.compile("Group <([^>]*)> User <([^>]*)> IP <([^>]*)>");
    private static final Pattern EQUALS = Pattern.compile("Group = ([^,]*), Username = ([^,]*), IP = ([^,]*),");
    private static final Pattern ASSIGNED = Pattern.compile("IPv4 Address <([^>]*)>");
    private static final Pattern DURATION = Pattern.compile("Duration: (\\d+)h:(\\d+)m:(\\d+)s");
    private static final Pattern BYTES = Pattern.compile("Bytes xmt: (\\d+), Bytes rcv: (\\d+)");
    private static final Pattern REASON = Pattern.compile("Reason: ([^,]+)$");
    private static final Pattern REJECTED = Pattern.compile(
            "authentication Rejected : reason = ([^:]*?) : (?:.*?: )?user = ([^:]*?) ?: user IP = (\\S+)");
    private static final Pattern SESSION_TYPE = Pattern.compile("Session Type: ([^,]+),");
    private static final Pattern ASA_TIME = Pattern.compile("([A-Z][a-z]{2}) +(\\d{1,2}) (\\d{4}) (\\d{2}:\\d{2}:\\d{2})");
    private static final Pattern ISO_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(?:\\.\\d{1,9})?(?:Z|[+-]\\d{2}:\\d{2})?");
    private static final Pattern YEARLESS = Pattern.compile("[A-Z][a-z]{2} +\\d{1,2} \\d{2}:\\d{2}:\\d{2}");
    /** Strict: 31 February is an error, not 28 February. */
    private static final DateTimeFormatter ASA = DateTimeFormatter.ofPattern("MMM d uuuu HH:mm:ss", Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT);

    @Override
    public String id() {
        return "cisco-asa";
    }

    @Override
    public String description() {
        return "Cisco Secure Firewall ASA / FTD syslog (AnyConnect remote-access VPN sessions, addresses and failed "
                + "logins read in full, other messages kept)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            int first = sample.firstChar();
            // a JSON record quoting an ASA message in one of its fields is not syslog
            return first != '{' && first != '[' && TAG.matcher(sample.firstLine()).find() ? 92 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        TextLines.read(input, sink, CiscoAsaReader::event);
    }

    static Event event(String line, EventRef origin) throws RecordException {
        Matcher tag = TAG.matcher(line);
        if (!tag.find()) {
            throw new RecordException("message_id", "is missing: not a Cisco ASA or FTD message (%ASA-6-113039: …)");
        }
        Instant time = time(line.substring(0, tag.start()));
        String id = tag.group(2);
        String text = line.substring(tag.end()).strip();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("severity", Integer.parseInt(tag.group(1)));
        doc.put("message_id", id);
        doc.put("message", text);
        Matcher who = ANGLED.matcher(text);
        if (!who.lookingAt()) {
            who = EQUALS.matcher(text);
        }
        boolean named = who.lookingAt();
        if (named) {
            doc.put("group", who.group(1).strip());
            doc.put("user", who.group(2).strip());
            doc.put("client_ip", who.group(3).strip());
        }
        if (!named && SESSION_MESSAGES.contains(id)) {
            // a session's own message whose group, user and address cannot be read: quarantined, never
            // passed on as an anonymous message, so a session the reader missed is counted
            throw new RecordException("message", "is not an AnyConnect session message as the ASA writes it "
                    + "(\"Group <…> User <…> IP <…>\" or \"Group = …, Username = …, IP = …,\")");
        }
        String type;
        switch (id) {
            case "113039" -> type = "vpn.session.start";
            case "113019" -> {
                type = "vpn.session.end";
                Matcher d = DURATION.matcher(text);
                if (d.find()) {
                    doc.put("duration", Long.parseLong(d.group(1)) * 3600 + Long.parseLong(d.group(2)) * 60
                            + Long.parseLong(d.group(3)));
                }
                Matcher b = BYTES.matcher(text);
                if (b.find()) {
                    doc.put("bytes_sent", Long.parseLong(b.group(1)));
                    doc.put("bytes_received", Long.parseLong(b.group(2)));
                }
                Matcher r = REASON.matcher(text);
                if (r.find()) {
                    doc.put("reason", r.group(1).strip());
                }
                Matcher s = SESSION_TYPE.matcher(text);
                if (s.find()) {
                    doc.put("session_type", s.group(1).strip());
                }
            }
            case "113005", "113015" -> {
                Matcher r = REJECTED.matcher(text);
                if (!r.find()) {
                    throw new RecordException("message", "is not an ASA authentication rejection (\"AAA user "
                            + "authentication Rejected : reason = … : user = … : user IP = …\")");
                }
                doc.put("reason", r.group(1).strip());
                doc.put("user", r.group(2).strip());
                doc.put("client_ip", r.group(3).strip());
                doc.put("status", "failure");
                named = true;
                type = "vpn.authentication";
            }
            case "716001" -> type = "vpn.authentication";
            case "722051" -> {
                type = "vpn.event";
                Matcher a = ASSIGNED.matcher(text);
                if (a.find()) {
                    doc.put("private_ip", a.group(1).strip());
                }
            }
            default -> type = named ? "vpn.event" : null;
        }
        if (type == null) {
            return new Event(time, SOURCE, "cisco-asa." + id, OTHER, null, null, null, doc, origin);
        }
        doc.putIfAbsent("status", "success");
        String user = Docs.text(doc, "user");
        String ip = Docs.text(doc, "client_ip");
        return new Event(time, SOURCE, type, VPN, user, null, ip, doc, origin);
    }

    /** The ASA's own time in the text before the message tag; see the class comment. */
    static Instant time(String head) throws RecordException {
        Matcher iso = ISO_TIME.matcher(head);
        if (iso.find()) {
            String t = iso.group();
            try {
                return t.endsWith("Z") || t.length() > 19 && (t.charAt(t.length() - 6) == '+'
                        || t.charAt(t.length() - 6) == '-') ? OffsetDateTime.parse(t).toInstant()
                        : LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException e) {
                throw RecordException.invalid("timestamp", "a time (RFC 5424)", t);
            }
        }
        Matcher asa = ASA_TIME.matcher(head);
        if (asa.find()) {
            String t = asa.group(1) + " " + Integer.parseInt(asa.group(2)) + " " + asa.group(3) + " " + asa.group(4);
            try {
                return LocalDateTime.parse(t, ASA).toInstant(ZoneOffset.UTC);
            } catch (DateTimeException e) {
                throw RecordException.invalid("timestamp", "a time (MMM dd yyyy HH:mm:ss)", asa.group());
            }
        }
        if (YEARLESS.matcher(head).find()) {
            throw new RecordException("timestamp", "has no year (a collector's header such as \"Mar  5 09:12:33\"): "
                    + "turn on the ASA's own timestamp ('logging timestamp' or 'logging timestamp rfc5424'), or "
                    + "give the collector a template with the year");
        }
        throw RecordException.missing("timestamp");
    }
}
