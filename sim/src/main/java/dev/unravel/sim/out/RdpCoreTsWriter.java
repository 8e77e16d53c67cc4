package dev.unravel.sim.out;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.unravel.sim.activity.Activity;
import dev.unravel.sim.activity.RdpConnection;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The Windows laptops' {@code Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational}
 * channel in {@code evtx_dump -o json} form, one file per UTC day: event 104, which Remote Desktop
 * Services logs as a client connects, with the client computer's time zone as
 * {@code TimezoneBiasHour} (hours east of UTC, "The time zone of the client is UTC+9"). The
 * service runs in the TermService {@code svchost.exe} as NETWORK SERVICE; each connection has its
 * own correlation activity id; the channel's record ids count up per laptop.
 */
public final class RdpCoreTsWriter extends DailyJsonWriter {
    private static final String PROVIDER = "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS";
    private static final String PROVIDER_GUID = "1139C61B-B549-4251-8ED3-27250A1EDEC8";
    private static final String CHANNEL = "Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational";

    private final Map<String, long[]> recordIds = new HashMap<>();

    public RdpCoreTsWriter(OutputDir dir) {
        super(dir, "windows", day -> "windows/rdpcorets-" + day + ".json");
            }

    @Override
    public void accept(Activity activity) throws IOException {
        if (!(activity instanceof RdpConnection c) || !c.host().windows()) {
            return;
        }
        String hostname = c.host().hostname();
        long seed = StableHash.of(hostname);
        // A laptop's channel already holds earlier events when the simulation starts.
        long[] recordId = recordIds.computeIfAbsent(hostname, h -> new long[] {200 + StableHash.below(seed >>> 20, 5000)});
        JsonGenerator json = out.begin();
        EvtxHeader.begin(json, text, PROVIDER, PROVIDER_GUID, 104, 0, 4, "0x4000000000000000", c.time(), ++recordId[0]);
        EvtxHeader.correlationAndExecution(json, c.activityId(), 800 + 4 * StableHash.below(seed >>> 4, 200),
                1000 + 4 * StableHash.below(StableHash.of(seed, recordId[0]), 2000));
        json.writeStringField("Channel", CHANNEL);
        json.writeStringField("Computer", hostname + "." + SysmonWriter.AD_DOMAIN);
        json.writeObjectFieldStart("Security");
        json.writeObjectFieldStart("#attributes");
        json.writeStringField("UserID", "S-1-5-20");
        json.writeEndObject();
        json.writeEndObject();
        json.writeEndObject();
        json.writeObjectFieldStart("EventData");
        json.writeStringField("TimezoneBiasHour", bias(c.clientOffsetMinutes()));
        json.writeEndObject();
        json.writeEndObject();
        out.end();
    }

    /** Whole hours as Windows prints them ({@code 9}, {@code -5}); a half-hour zone as {@code 5:30}. */
    static String bias(int minutes) {
        int m = Math.abs(minutes);
        return (minutes < 0 ? "-" : "") + m / 60 + (m % 60 == 0 ? "" : String.format(java.util.Locale.ROOT, ":%02d", m % 60));
    }
}
