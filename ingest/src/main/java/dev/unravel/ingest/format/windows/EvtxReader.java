package dev.unravel.ingest.format.windows;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.core.evtx.EvtxFile;
import dev.unravel.core.json.JsonBytesParser;
import dev.unravel.ingest.read.Input;
import dev.unravel.ingest.read.JsonLineParser;
import dev.unravel.ingest.read.JsonRecords;
import dev.unravel.ingest.read.Reader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.RecordSink;
import dev.unravel.ingest.read.Sample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Binary Windows event logs ({@code .evtx}: Security.evtx, Sysmon's Operational log, any channel
 * exported from Event Viewer or collected by KAPE), read natively: each record is decoded to the
 * JSON evtx_dump writes ({@link EvtxFile}) and converted as {@link EvtxJsonReader} converts
 * evtx_dump's output (its token shortcut first, the general path for what that declines), so both
 * give the same events. A record that cannot be decoded is quarantined
 * with its chunk and byte offset; the records around it are read.
 */
public final class EvtxReader implements Reader {
    private static final EvtxJsonReader JSON = new EvtxJsonReader();

    @Override
    public String id() {
        return "windows-evtx";
    }

    @Override
    public String description() {
        return "Windows event logs as binary .evtx files (Security, Sysmon and every other channel), read natively";
    }

    @Override
    public int probe(Sample sample) {
        return EvtxFile.isEvtx(sample.head()) ? 100 : 0;
    }

    @Override
    public void read(Input input, RecordSink sink) throws IOException {
        JsonLineParser fast = new JsonLineParser(input.limits());
        EvtxFile.read(input.stream(), new EvtxFile.Visitor() {
            @Override
            public void record(long ordinal, long recordId, byte[] json) {
                sink.record();
                EventRef origin = new EventRef(input.name(), ordinal);
                // evtx_dump's common record shape straight from the tokens, as for its one-line JSON
                Event quick = JsonRecords.shortcut(fast, json, 0, json.length, EvtxJsonShortcut.INSTANCE, origin);
                if (quick != null) {
                    sink.accept(quick);
                    return;
                }
                try {
                    Map<String, Object> doc;
                    try {
                        doc = fast.parse(json, 0, json.length);
                    } catch (JsonBytesParser.Declined declined) { // a big number, a deep value: the general path
                        doc = JsonRecords.object(json, input.limits());
                    }
                    Event e = JSON.convert(doc, origin);
                    if (e != null) {
                        sink.accept(e);
                    }
                } catch (RecordException e) {
                    sink.reject(input.error(ordinal, 0, e.field(), "record " + recordId + ": " + e.getMessage(),
                            new String(json, StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    sink.reject(input.error(ordinal, 0, null, "record " + recordId + " could not be read: "
                            + e.getMessage(), new String(json, StandardCharsets.UTF_8)));
                }
            }

            @Override
            public void bad(long ordinal, long recordId, String reason) {
                sink.record();
                sink.reject(input.error(ordinal, 0, null, reason, null));
            }
        });
    }
}
