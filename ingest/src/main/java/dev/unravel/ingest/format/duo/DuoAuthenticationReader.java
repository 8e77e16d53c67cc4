package dev.unravel.ingest.format.duo;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.LogSource;
import dev.unravel.ingest.read.Docs;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import dev.unravel.ingest.read.SampleKeys;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Duo authentication logs: each MFA attempt, with the computer the user signed in from
 * ({@code access_device}: address, location, operating system, host name) and the device that
 * approved it ({@code auth_device}: the phone's name and key, its address and location). Read one
 * record a line (what log collectors and Duo's own log sync write), as a JSON array, or as the
 * Admin API's response ({@code {"stat": "OK", "response": {"authlogs": [...]}}} from
 * {@code /admin/v2/logs/authentication}, or the v1 endpoint's {@code "response": [...]}).
 *
 * <p>Type is {@code duo.} + {@code event_type} ({@code duo.authentication}, {@code duo.enrollment});
 * time is {@code isotimestamp}, else {@code timestamp} (epoch seconds; milliseconds are told apart by
 * size); user is {@code user.name}, else {@code email}; source IP is {@code access_device.ip}; host
 * is {@code access_device.hostname} when Duo's desktop client reported it. A record numbers the
 * authentication logs of its file in order, also inside an API response.
 */
public final class DuoAuthenticationReader extends JsonReader {

    private static final LogSource LOGSOURCE = LogSource.of("duo", null, "authentication");

    @Override
    public String id() {
        return "duo-auth";
    }

    @Override
    public String description() {
        return "Duo authentication logs (NDJSON, JSON array, Admin API v1/v2 response)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            SampleKeys k = SampleKeys.of(sample);
            boolean devices = k.has("access_device") || k.has("auth_device");
            if (devices && k.has("event_type") && k.countIgnoreCase("factor", "result", "reason", "txid", "application") >= 2) {
                return 90;
            }
            // an Admin API response: the wrapper first, the logs inside it
            return k.has("stat") && k.has("response") && (k.has("authlogs") || devices) ? 88 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /**
     * The response is one record to the framing; each log in it is a record of its own, read or
     * rejected alone. An empty page (no logs in the window asked for) is read and yields nothing, as
     * a valid record with no event.
     */
    @Override
    public void read(Input input, RecordSink to) throws IOException {
        readPages(input, to, DuoAuthenticationReader::logs);
    }

    /** The logs of an Admin API response, or null when {@code doc} is a log itself. */
    private static Page logs(Map<String, Object> doc) {
        Object response = doc.get("response");
        if (!doc.containsKey("stat") || response == null) {
            return null;
        }
        if (response instanceof List<?> v1) {
            return new Page("response", v1);
        }
        if (response instanceof Map<?, ?> v2 && v2.get("authlogs") instanceof List<?> logs) {
            return new Page("response.authlogs", logs);
        }
        return null;
    }

    @Override
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        Instant time = time(doc, "isotimestamp", "timestamp");
        String eventType = Docs.text(doc, "event_type");
        if (eventType == null) {
            throw RecordException.missing("event_type");
        }
        String user = Docs.text(doc, "user.name");
        if (user == null) {
            user = Docs.text(doc, "email");
        }
        String ip = Docs.text(doc, "access_device.ip");
        String host = Docs.text(doc, "access_device.hostname");
        return new Event(time, "duo", "duo." + eventType, LOGSOURCE, user, host, ip, doc, origin);
    }
}
