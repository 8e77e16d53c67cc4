package dev.unravel.ingest;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.unravel.ingest.read.RecordError;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where rejected records go: one JSON line each with file, record, line, field, reason and the
 * start of the raw record, so nothing bad disappears silently. The file is created on the first
 * rejection only; {@link #NONE} counts without writing.
 */
public final class Quarantine implements Closeable {
    private final Path path;
    private JsonGenerator json;
    private long count;

    /** Counts rejections but writes no file. */
    public static final Quarantine NONE = new Quarantine(null);

    public Quarantine(Path path) {
        this.path = path;
    }

    public synchronized void add(RecordError e) throws IOException {
        count++;
        if (path == null) {
            return;
        }
        if (json == null) {
            if (path.getParent() != null) {
                Files.createDirectories(path.getParent());
            }
            json = JsonFactory.builder().build().createGenerator(Files.newOutputStream(path), JsonEncoding.UTF8);
            json.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
        }
        json.writeStartObject();
        json.writeStringField("file", e.file());
        json.writeNumberField("record", e.record());
        json.writeNumberField("line", e.line());
        json.writeStringField("field", e.field());
        json.writeStringField("reason", e.reason());
        json.writeStringField("excerpt", e.excerpt());
        json.writeEndObject();
    }

    /** Writes out what is buffered, for writers that have no end to close at (a stream's deserialiser). */
    public synchronized void flush() throws IOException {
        if (json != null) {
            json.flush();
        }
    }

    public long count() {
        return count;
    }

    /** The quarantine file, or null when nothing was written. */
    public Path written() {
        return json == null ? null : path;
    }

    @Override
    public synchronized void close() throws IOException {
        if (json != null) {
            json.writeRaw('\n');
            json.close();
        }
    }
}
