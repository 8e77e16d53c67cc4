package dev.unravel.ingest.format.slack;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Slack's access logs ({@code team.accessLogs}, an admin's token on a paid plan): each entry is one
 * account's use of Slack from one address with one client — {@code user_id}, {@code username},
 * {@code ip}, {@code user_agent}, Slack's {@code isp}, {@code country} and {@code region} for the
 * address — from {@code date_first} to {@code date_last} (epoch seconds), {@code count} times. Read
 * one entry a record, alone, one a line (as {@code unravel collect slack} writes them, with the
 * account's {@code email} added from {@code users.list}), in an array, or in the method's response
 * ({@code {"ok": true, "logins": […]}}).
 *
 * <p>Type {@code slack.access}, logsource slack/access; time {@code date_last} (seconds since 1970,
 * from 2013 on), the latest use from
 * there (an entry is written again as it grows, each time with its new last use; {@code date_first}
 * stays in the record); user {@code email}, else {@code username}, else {@code user_id}; source IP
 * {@code ip}. An entry without {@code date_last} or {@code ip} is quarantined naming the field.
 */
public final class SlackAccessLogsReader extends JsonReader {

    /** The event type of one entry: a sign-in to Slack from an address with a client. */
    public static final String TYPE = "slack.access";
    private static final LogSource LOGSOURCE = LogSource.of("slack", null, "access");

    @Override
    public String id() {
        return "slack-access";
    }

    @Override
    public String description() {
        return "Slack access logs (team.accessLogs entries: one a record, NDJSON, array or the method's response)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            SampleKeys k = SampleKeys.of(sample);
            boolean entry = k.has("date_first") && k.has("date_last") && k.has("user_agent")
                    && (k.has("user_id") || k.has("username"));
            return entry ? 90 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink to) throws IOException {
        readPages(input, to, SlackAccessLogsReader::logins);
    }

    /** The entries of a {@code team.accessLogs} response, or null when {@code doc} is an entry. */
    private static Page logins(Map<String, Object> doc) {
        return doc.get("logins") instanceof List<?> logins && !doc.containsKey("date_last")
                ? new Page("logins", logins) : null;
    }

    @Override
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        if (doc.get("date_last") == null) {
            throw new RecordException("date_last", "is missing: an access log entry says when the account last "
                    + "used Slack from its address");
        }
        String ip = Docs.text(doc, "ip");
        if (ip == null) {
            throw RecordException.missing("ip");
        }
        String user = Docs.firstText(doc, "email", "username", "user_id");
        return new Event(epochSeconds(doc.get("date_last")), "slack", TYPE, LOGSOURCE, user, null, ip, doc, origin);
    }

    /** Slack's oldest possible record (it opened in 2013) and the last second of the year 9999. */
    private static final long EARLIEST = 1_356_998_400L;
    private static final long LATEST = 253_402_300_799L;

    /**
     * {@code date_last} as Slack writes it, whole seconds since 1970 (a number or its digits): read
     * as that, not guessed at by size as a timestamp of unknown unit would be, so a corrupt value is
     * an error rather than a sign-in in 1973.
     */
    static Instant epochSeconds(Object v) throws RecordException {
        long s;
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            s = n.longValue();
        } else if (v instanceof String t && !t.isBlank() && t.strip().chars().allMatch(Character::isDigit)
                && t.strip().length() <= 12) {
            s = Long.parseLong(t.strip());
        } else {
            throw RecordException.invalid("date_last", "whole seconds since 1970", v);
        }
        if (s < EARLIEST || s > LATEST) {
            throw RecordException.invalid("date_last", "a time from 2013 to 9999 in seconds since 1970", v);
        }
        return Instant.ofEpochSecond(s);
    }
}
