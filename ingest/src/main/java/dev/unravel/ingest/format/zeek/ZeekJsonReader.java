package dev.unravel.ingest.format.zeek;

import dev.unravel.core.Event;
import dev.unravel.core.EventRef;
import dev.unravel.ingest.read.JsonReader;
import dev.unravel.ingest.read.RecordException;
import dev.unravel.ingest.read.Sample;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;

/**
 * Zeek logs as JSON, one object a line: Zeek's own writer ({@code LogAscii::use_json=T}, keys
 * {@code id.orig_h}, {@code ts} in epoch seconds with microseconds), the json-streaming-logs
 * package ({@code _path}, {@code _write_ts}) and Kafka/Corelight-style exports such as the OTRF
 * data sets ({@code @stream}, {@code id_orig_h}). Any stream is read: the type is {@code _path} or
 * {@code @stream}, else the file name ({@code conn.log} → {@code conn}).
 *
 * <p>The document keeps every field; exported names are put back in Zeek's dotted form
 * ({@code id_orig_h} → {@code id.orig_h}, {@code certificate_serial} → {@code certificate.serial})
 * so that rules written for Zeek (SigmaHQ's {@code product: zeek}) see one shape.
 */
public final class ZeekJsonReader extends JsonReader {

    @Override
    public String id() {
        return "zeek-json";
    }

    @Override
    public String description() {
        return "Zeek logs as JSON lines (conn, dns, http, ssl, files, any stream; native and @stream/_path exports)";
    }

    @Override
    public int probe(Sample sample) {
        try {
            if (sample.firstChar() != '{') {
                return 0;
            }
            String line = sample.firstLine();
            String compact = line.replace(" ", "");
            boolean ts = compact.contains("\"ts\":");
            boolean connId = compact.contains("\"id.orig_h\":") || compact.contains("\"id_orig_h\":");
            if (compact.contains("\"@proc\":\"zeek\"") || ts && (compact.contains("\"_path\":")
                    || compact.contains("\"@stream\":"))) {
                return 90;
            }
            if (ts && connId && compact.contains("\"uid\":")) {
                return 90;
            }
            if (ts && (connId || compact.contains("\"fuid\":"))) {
                return 75;
            }
            if (ts && Zeek.KNOWN_PATHS.contains(Zeek.pathFromName(sample.name()))
                    && sample.name().toLowerCase(Locale.ROOT).endsWith(".log")) {
                return 40; // stats.log, reporter.log: a Zeek file name and a ts, nothing else to go on
            }
            return 0;
        } catch (RuntimeException e) {
            return 0;
        }
    }

    @Override
    protected Event convert(Map<String, Object> doc, EventRef origin) throws RecordException {
        String path = text(doc.get("_path"));
        if (path == null) {
            path = text(doc.get("@stream"));
        }
        if (path == null) {
            path = pathOf(origin.file());
        }
        if (Zeek.configurationOnly(path, doc.get("ts"))) {
            return null;
        }
        Instant time = Zeek.time(doc.get("ts"), path);
        return Zeek.event(time, path, Zeek.nativeNames(doc), origin);
    }

    /** A file's name and the path it gives, kept for the file's next record (immutable: safe across threads). */
    private record Named(String file, String path) {
    }

    private static volatile Named lastNamed = new Named("", Zeek.pathFromName(""));

    private static String pathOf(String file) {
        Named last = lastNamed;
        if (last.file().equals(file)) {
            return last.path();
        }
        String path = Zeek.pathFromName(file);
        lastNamed = new Named(file, path);
        return path;
    }

    private static String text(Object v) {
        return v instanceof String s && !s.isBlank() ? s : null;
    }
}
