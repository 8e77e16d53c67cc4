package dev.unravel.ingest.format.jamf;

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
 * Jamf Pro's computer inventory as its API returns it ({@code GET /api/v1/computers-inventory}
 * with the {@code GENERAL}, {@code HARDWARE} and {@code USER_AND_LOCATION} sections): one Mac a
 * record, alone, one a line, in an array, or in the API's page ({@code {"totalCount": n,
 * "results": […]}}). A record is the Mac's last check-in: each managed Mac checks in every few
 * minutes, and Jamf Pro keeps the address it came from ({@code general.lastIpAddress}: the public
 * address of the network the Mac is on, or the company's VPN egress) beside the one the Mac
 * reports for itself ({@code lastReportedIp}, in newer versions {@code lastReportedIpV4}). A daily
 * export is where each Mac was at the end of the day — a farm's Macs side by side, whatever the
 * operators sign in through.
 *
 * <p>Type {@code jamf.computer}, logsource jamf/inventory; time {@code general.lastContactTime}
 * (else {@code general.reportDate}); host {@code general.name}; source IP
 * {@code general.lastIpAddress}; user {@code userAndLocation.username}, else its {@code email}.
 */
public final class JamfComputersReader extends JsonReader {

    /** The event type of a Mac's last check-in. */
    public static final String TYPE = "jamf.computer";
    private static final LogSource LOGSOURCE = LogSource.of("jamf", null, "inventory");

    @Override
    public String id() {
        return "jamf-computers";
    }

    @Override
    public String description() {
        return "Jamf Pro computer inventory (API computers-inventory: one Mac a record, NDJSON, array or page)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            SampleKeys k = SampleKeys.of(sample);
            boolean computer = k.has("general") && (k.has("lastContactTime") || k.has("lastIpAddress"))
                    && (k.has("udid") || k.has("hardware") || k.has("userAndLocation"));
            return computer ? 90 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink to) throws IOException {
        readPages(input, to, JamfComputersReader::page);
    }

    /** The computers of an API page, or null when {@code doc} is a computer itself. */
    private static Page page(Map<String, Object> doc) {
        return doc.get("results") instanceof List<?> results && !doc.containsKey("general")
                ? new Page("results", results) : null;
    }

    @Override
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        if (!(doc.get("general") instanceof Map)) {
            throw new RecordException("general", "is missing: a Jamf Pro computer record has its general section "
                    + "(ask the API for section=GENERAL)");
        }
        Instant time = time(doc, "general.lastContactTime", "general.reportDate");
        String host = Docs.text(doc, "general.name");
        if (host == null) {
            throw RecordException.missing("general.name");
        }
        String user = Docs.text(doc, "userAndLocation.username");
        if (user == null) {
            user = Docs.text(doc, "userAndLocation.email");
        }
        String ip = Docs.text(doc, "general.lastIpAddress");
        return new Event(time, "jamf", TYPE, LOGSOURCE, user, host, ip, doc, origin);
    }
}
