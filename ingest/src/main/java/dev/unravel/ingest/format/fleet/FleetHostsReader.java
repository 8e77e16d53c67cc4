package dev.unravel.ingest.format.fleet;

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
 * Fleet's hosts (the osquery manager's {@code GET /api/v1/fleet/hosts}): one computer a record,
 * alone, one a line, in an array, or in the API's page ({@code {"hosts": […]}}). A record is the
 * host's last contact: Fleet keeps the address each agent last reached it from
 * ({@code public_ip}: the network the laptop is on, or the company's VPN egress) beside the one
 * the host reports ({@code primary_ip}). Collected every hour, it says where each laptop was — a
 * farm's laptops side by side, whatever the operators sign in through.
 *
 * <p>Type {@code fleet.host}, logsource fleet/hosts; time {@code seen_time}; host
 * {@code hostname} (else {@code computer_name}); source IP {@code public_ip}. Fleet's host records
 * name no user: the asset register says whose the laptop is.
 */
public final class FleetHostsReader extends JsonReader {

    /** The event type of a host's last contact. */
    public static final String TYPE = "fleet.host";
    private static final LogSource LOGSOURCE = LogSource.of("fleet", null, "hosts");

    @Override
    public String id() {
        return "fleet-hosts";
    }

    @Override
    public String description() {
        return "Fleet hosts (the osquery manager's API: one host a record, NDJSON, array or page)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            SampleKeys k = SampleKeys.of(sample);
            boolean host = k.has("seen_time") && k.has("osquery_version") && (k.has("public_ip") || k.has("primary_ip"));
            return host ? 90 : 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    public void read(Input input, RecordSink to) throws IOException {
        readPages(input, to, FleetHostsReader::page);
    }

    /** The hosts of an API page, or null when {@code doc} is a host itself. */
    private static Page page(Map<String, Object> doc) {
        return doc.get("hosts") instanceof List<?> hosts && !doc.containsKey("seen_time") ? new Page("hosts", hosts)
                : null;
    }

    @Override
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        Instant time = time(doc, "seen_time");
        String host = Docs.text(doc, "hostname");
        if (host == null) {
            host = Docs.text(doc, "computer_name");
        }
        if (host == null) {
            throw RecordException.missing("hostname");
        }
        String ip = Docs.text(doc, "public_ip");
        return new Event(time, "fleet", TYPE, LOGSOURCE, null, host, ip, doc, origin);
    }
}
